"""Seed scoring: judging each observed hand-made case against its gold fields, then averaging.

`score_case` turns one `Observation` into a `CaseScore` (pass/fail with the
reasons, plus every per-case measure); `scorecard` averages a list of them
into one value per metric. Which cases each metric averages over:

    article_hit_at_1, article_mrr, evidence_recall   answerable cases
    key_fact_recall                                  answerable cases (an abstention finds no fact)
    quote_verbatim_rate                              every citation of every case
    citation_precision, citation_recall,
    quote_supports_gold_rate                         answerable cases that were answered
    abstention_recall, false_abstention_rate,
    crag_score, case_pass_rate,
    expected_calibration_error, latencies            as every set averages them (`evals.scoring`);
                                                     "right" = CRAG correct

A case passes when: answerable -> answered, every key fact in the text, every
cited article gold; unanswerable -> abstained. A system error fails the case.

This module does not run systems, read files or apply floors.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from evals import metrics as m
from evals import scoring
from evals.observation import Observation
from evals.scoring import Judged, Metric, shared_metrics
from evals.seeds.cases import Case, evidence_spans

__all__ = ["METRICS", "CaseScore", "score_case", "scorecard"]

METRICS: tuple[Metric, ...] = (
    Metric("article_hit_at_1", "Article hit@1"),
    Metric("article_mrr", "Article MRR"),
    Metric("evidence_recall", "Evidence recall@k"),
    Metric("key_fact_recall", "Key-fact recall"),
    Metric("quote_verbatim_rate", "Quote verbatim rate"),
    Metric("citation_precision", "Citation precision (article)"),
    Metric("citation_recall", "Citation recall (article)"),
    Metric("quote_supports_gold_rate", "Quote supports gold"),
    *shared_metrics(abstention="Abstention recall (unanswerable)", passed="Cases passed"),
)


@dataclass(frozen=True)
class CaseScore(Judged):
    """Every measure of one case, and whether it passed."""

    case: Case
    observation: Observation
    passed: bool
    reasons: tuple[str, ...]
    outcome: str  # metrics.CORRECT, MISSING or HALLUCINATED
    hit_at_1: float
    reciprocal_rank: float
    evidence_recall: float
    key_fact_recall: float
    missing_facts: tuple[str, ...]
    verbatim: tuple[bool, ...]  # one per citation
    cited_articles: tuple[str, ...]
    citation_precision: float
    citation_recall: float
    supports_gold: bool
    # The whole answer as the system returned it, and its reader: set by the runner
    # (`evals.recorder`), kept for fitting a calibrator from the results file.
    answer_record: Mapping[str, Any] | None = None
    reader: str | None = None

    def asked(self) -> dict[str, Any]:
        case = self.case
        return {"id": case.id, "kind": case.kind, "subkind": case.subkind, "turns": list(case.turns)}

    def measures(self) -> dict[str, Any]:
        details: dict[str, Any] = {}
        if self.case.answerable:
            answered = self.answered
            details.update(
                gold_articles=list(self.case.articles),
                key_facts=list(self.case.key_facts),
                missing_facts=list(self.missing_facts),
                key_fact_recall=self.key_fact_recall,
                hit_at_1=self.hit_at_1,
                reciprocal_rank=self.reciprocal_rank,
                evidence_recall=self.evidence_recall,
                cited_articles=list(self.cited_articles),
                citation_precision=self.citation_precision if answered else None,
                citation_recall=self.citation_recall if answered else None,
                quote_supports_gold=self.supports_gold if answered else None,
            )
        details["quotes_verbatim"] = list(self.verbatim)
        return details


def score_case(case: Case, observation: Observation, articles: Mapping[str, str]) -> CaseScore:
    """Judge one observation. `articles` maps article id to the article text on disk."""
    gold_spans = [[m.Span(*place) for place in places] for places in evidence_spans(case, articles)]
    ranked = m.ranked_articles(span.article for span in observation.retrieved)
    text = observation.text
    abstained = observation.abstained and observation.error is None
    # An abstention states no fact, whatever its wording.
    found = "" if abstained else text
    missing = tuple(fact for fact in case.key_facts if not m.contains_fact(found, fact))
    cited = tuple(m.ranked_articles(c.article_id for c in observation.citations))
    verbatim = tuple(
        m.is_verbatim(articles.get(c.article_id), c.quote, c.start, c.end) for c in observation.citations
    )
    supports = m.quote_supports_gold(
        [(c.span, c.quote) for c in observation.citations], gold_spans, case.key_facts
    )

    stray = [a for a in cited if a not in case.articles]
    wrong = [
        *(["missing key fact(s): " + ", ".join(repr(f) for f in missing)] if missing else []),
        *(["cited non-gold article(s): " + ", ".join(stray)] if stray else []),
    ]
    reasons = scoring.reasons(
        observation, answerable=case.answerable, wrong=wrong, unanswerable="an unanswerable question"
    )
    return CaseScore(
        case=case,
        observation=observation,
        passed=not reasons,
        reasons=reasons,
        outcome=m.crag_outcome(answerable=case.answerable, abstained=abstained, all_facts=not missing),
        hit_at_1=m.hit_at_1(ranked, case.articles),
        reciprocal_rank=m.reciprocal_rank(ranked, case.articles),
        evidence_recall=m.evidence_recall(observation.retrieved, gold_spans),
        key_fact_recall=m.key_fact_recall(found, case.key_facts),
        missing_facts=missing,
        verbatim=verbatim,
        cited_articles=cited,
        citation_precision=m.citation_precision(cited, case.articles),
        citation_recall=m.citation_recall(cited, case.articles),
        supports_gold=supports,
    )


def scorecard(scores: Sequence[CaseScore]) -> dict[str, float | None]:
    """One value per metric in `METRICS` (None where no case applies)."""
    answerable = [s for s in scores if s.case.answerable]
    answered = [s for s in answerable if s.answered]
    verbatim = [flag for s in scores for flag in s.verbatim]
    own = {
        "article_hit_at_1": m.mean(s.hit_at_1 for s in answerable),
        "article_mrr": m.mean(s.reciprocal_rank for s in answerable),
        "evidence_recall": m.mean(s.evidence_recall for s in answerable),
        "key_fact_recall": m.mean(s.key_fact_recall for s in answerable),
        # Vacuously perfect when nothing was cited; the other metrics catch that.
        "quote_verbatim_rate": m.mean(float(flag) for flag in verbatim) if verbatim else 1.0,
        "citation_precision": m.mean(s.citation_precision for s in answered),
        "citation_recall": m.mean(s.citation_recall for s in answered),
        "quote_supports_gold_rate": m.mean(float(s.supports_gold) for s in answered),
    }
    return scoring.scorecard(scores, own, METRICS)
