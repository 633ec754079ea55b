"""Realnews scoring: judging an open RealTimeQA question by its gold answer's words, then averaging.

A realnews case (`evals.realnews.cases.OpenCase`) has a short gold answer, the
articles of the corpus that hold it, and no key facts or quotes to match. So
one observed case is judged by:

    answer_in_quote      the answer's text and its cited quotes, together, hold the gold
                         (`evals.realnews.answer_match.holds_answer`); an abstention holds nothing.
                         For the peer, whose answer is its top-2 chunks, this is
                         "answer in context".
    hit@1, hit@5, MRR    the gold articles against the retrieved passages' articles in rank
                         order, each article counted once
    outcome (CRAG)       correct: answerable, answered and answer_in_quote, or absent-answer
                         and abstained; missing: abstained on an answerable case;
                         hallucinated: answered without the gold, or answered an absent one

and averaged by `realnews_scorecard` over:

    answer_in_quote                  answerable cases (an abstention counts as not holding it)
    answer_in_quote_when_answered    answerable cases that were answered
    article_hit_at_1/_5, article_mrr answerable cases
    abstention_recall, false_abstention_rate, crag_score, case_pass_rate,
    expected_calibration_error, latencies
                                     as every set averages them (`evals.scoring`; an
                                     absent-answer case cannot be answered; a case passes
                                     when its outcome is correct)

`answer_in_quote_margin` (ours − peer) needs both systems, so `with_margin`
adds it once both are scored. This module does not run systems or apply floors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from evals import metrics as m
from evals import scoring
from evals.observation import Observation
from evals.realnews.answer_match import holds_answer, parse_gold
from evals.realnews.cases import OpenCase
from evals.scoring import Judged, Metric, shared_metrics

__all__ = [
    "HIT_DEPTH",
    "MARGIN",
    "REALNEWS_METRICS",
    "OpenScore",
    "holds_gold",
    "score_open_case",
    "realnews_scorecard",
    "with_margin",
]

# hit@5 is the retrieval goal; hit@1 and MRR come from the same ranking.
HIT_DEPTH = 5
MARGIN = "answer_in_quote_margin"
# The citation markers of an answer's text ("[1]", "[2]"), which are no words of the answer:
# left in, "[1]" would hold every gold "1" ("How many presidents were born on July 4?").
MARKER = re.compile(r"\[\d+\]")

REALNEWS_METRICS: tuple[Metric, ...] = (
    Metric("answer_in_quote", "Answer in quote (peer: in context)"),
    Metric(MARGIN, "Answer in quote − peer's"),
    Metric("answer_in_quote_when_answered", "Answer in quote, when answered"),
    Metric("article_hit_at_1", "Gold article hit@1"),
    Metric("article_hit_at_5", "Gold article hit@5"),
    Metric("article_mrr", "Gold article MRR"),
    *shared_metrics(abstention="Abstention (absent answer)", passed="Cases correct"),
)


@dataclass(frozen=True)
class OpenScore(Judged):
    """Every measure of one realnews case. `passed` means the CRAG outcome is correct."""

    case: OpenCase
    observation: Observation
    outcome: str  # metrics.CORRECT, MISSING or HALLUCINATED
    holds_gold: bool  # the answer text and quotes hold the gold (False for an abstention)
    ranked_articles: tuple[str, ...]
    hit_at_1: float
    hit_at_5: float
    reciprocal_rank: float
    reasons: tuple[str, ...]
    answer_record: Mapping[str, Any] | None = None
    reader: str | None = None

    @property
    def passed(self) -> bool:
        return self.outcome == m.CORRECT

    @property
    def kind(self) -> str:
        return "answerable" if self.case.answerable else "absent answer"

    def asked(self) -> dict[str, Any]:
        case = self.case
        return {
            "id": case.id,
            "kind": self.kind,
            "question": case.question,
            "question_date": case.question_date,
            "week": case.week,
            "gold": case.gold,
        }

    def verdict(self) -> dict[str, Any]:
        return {**super().verdict(), "answer_in_quote": self.holds_gold}

    def measures(self) -> dict[str, Any]:
        if not self.case.answerable:
            return {}
        # The gold articles can be hundreds for a one-word gold: keep the count and the
        # question's own search results, and where the first gold article ranked.
        return {
            "gold_article_count": len(self.case.articles),
            "searched": list(self.case.searched),
            "ranked_articles": list(self.ranked_articles),
            "hit_at_1": self.hit_at_1,
            "hit_at_5": self.hit_at_5,
            "reciprocal_rank": self.reciprocal_rank,
        }


def holds_gold(text: str, quotes: Iterable[str], gold: str) -> bool:
    """Whether an answer's text and its quotes, read as one text, hold the gold; markers are no words.

    Example: ('It came from Ship Bottom [1]', [], 'Ship Bottom') -> True
    """
    said = "\n".join([MARKER.sub(" ", text), *quotes])
    return holds_answer(said, parse_gold(gold))


def score_open_case(case: OpenCase, observation: Observation) -> OpenScore:
    """Judge one observation of a realnews case.

    Example: gold 'Ship Bottom', answer 'It came from Ship Bottom, N.J. [1]' -> outcome 'correct'
    """
    abstained = observation.abstained and observation.error is None
    answered = not observation.abstained and observation.error is None
    # The answer and its quotes are read as one text: the LLM reader may name the answer in
    # its own words and quote the sentence that bears it out, or the reverse.
    holds = answered and holds_gold(observation.text, (c.quote for c in observation.citations), case.gold)
    ranked = tuple(m.ranked_articles(span.article for span in observation.retrieved))

    wrong = [] if holds else [f"the answer and its quotes do not hold the gold {case.gold!r}"]
    gold = case.articles
    return OpenScore(
        case=case,
        observation=observation,
        outcome=m.crag_outcome(answerable=case.answerable, abstained=abstained, all_facts=holds),
        holds_gold=holds,
        ranked_articles=ranked,
        hit_at_1=m.hit_at_1(ranked, gold),
        hit_at_5=m.hit_at(ranked, gold, HIT_DEPTH),
        reciprocal_rank=m.reciprocal_rank(ranked, gold),
        reasons=scoring.reasons(
            observation, answerable=case.answerable, wrong=wrong, unanswerable="an absent-answer question"
        ),
    )


def realnews_scorecard(scores: Sequence[OpenScore]) -> dict[str, float | None]:
    """One value per metric in `REALNEWS_METRICS` (None where no case applies; no margin yet)."""
    answerable = [s for s in scores if s.case.answerable]
    answered = [s for s in answerable if s.answered]
    own = {
        "answer_in_quote": m.mean(float(s.holds_gold) for s in answerable),
        MARGIN: None,
        "answer_in_quote_when_answered": m.mean(float(s.holds_gold) for s in answered),
        "article_hit_at_1": m.mean(s.hit_at_1 for s in answerable),
        "article_hit_at_5": m.mean(s.hit_at_5 for s in answerable),
        "article_mrr": m.mean(s.reciprocal_rank for s in answerable),
    }
    return scoring.scorecard(scores, own, REALNEWS_METRICS)


def with_margin(
    ours: Mapping[str, float | None], peer: Mapping[str, float | None] | None
) -> dict[str, float | None]:
    """`ours` with answer_in_quote_margin = ours − peer (None without the peer).

    Example: ({'answer_in_quote': 0.6, ...}, {'answer_in_quote': 0.4, ...}) -> margin 0.2
    """
    mine, theirs = ours.get("answer_in_quote"), (peer or {}).get("answer_in_quote")
    # Rounded so that 0.6 − 0.4 meets a floor of 0.2, as a reader of the table expects.
    margin = None if mine is None or theirs is None else round(mine - theirs, 9)
    return {**ours, MARGIN: margin}
