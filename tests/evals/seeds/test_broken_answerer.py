"""Breaking the answerer on purpose must make the evals fail.

The broken answerer keeps the real retrieval but answers every question with
the top retrieved passage, unchanged, citing it. Its quotes are verbatim, so
only the metrics that judge answers (abstention, key facts, CRAG) can catch it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from evals.regressions import load_baseline
from evals.seeds.cases import load_cases
from evals.seeds.runner import run_evals
from evals.seeds.scoring import METRICS
from evals.thresholds import load_thresholds

pytestmark = pytest.mark.slow

PROJECT = Path(__file__).resolve().parents[3]
CASES = PROJECT / "evals" / "cases.jsonl"


@dataclass(frozen=True)
class PassageCitation:
    number: int
    article_id: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class PassageAnswer:
    question: str
    text: str
    abstained: bool
    confidence: float
    citations: tuple[PassageCitation, ...]


class TopPassageAnswerer:
    """Wraps a real assistant; `ask` returns its top retrieved passage as the answer."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot

    def retrieve(self, question: str, *, k: int = 8, history: Any = ()) -> list[Any]:
        return self.bot.retrieve(question, k=k, history=history)

    def ask(self, question: str, *, history: Any = ()) -> PassageAnswer:
        top = self.retrieve(question, k=1)[0]
        quote = self.bot.article(top.article_id).text[top.start : top.end]
        citation = PassageCitation(1, top.article_id, quote, top.start, top.end)
        return PassageAnswer(question, f"{quote} [1]", False, 1.0, (citation,))


def test_evals__fail_when_the_answer_is_the_top_passage_unchanged(real_bot, corpus_texts):
    cases = load_cases(CASES)
    thresholds = load_thresholds(PROJECT / "evals" / "thresholds.json", known=[m.name for m in METRICS])
    baseline = load_baseline(PROJECT / "evals" / "baseline.json")  # what CI compares against

    run = run_evals(TopPassageAnswerer(real_bot), cases, corpus_texts, thresholds=thresholds, baseline=baseline)

    assert not run.passed
    assert run.exit_code == 1
    breached = {breach.threshold.metric for breach in run.breaches}
    assert {"abstention_recall", "crag_score"} <= breached
    assert run.ours.values["quote_verbatim_rate"] == 1.0  # its quotes are genuine, yet it fails
    assert run.regressions
