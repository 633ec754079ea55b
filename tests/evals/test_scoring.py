"""What every set judges and averages alike: the shared metrics, the reasons a case fails, the verdict."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from evals.metrics import CORRECT, HALLUCINATED, MISSING
from evals.observation import Observation
from evals.realnews.scoring import REALNEWS_METRICS
from evals.scoring import Judged, Metric, reasons, scorecard, shared_metrics
from evals.seeds.scoring import METRICS

SHARED = (
    "abstention_recall",
    "false_abstention_rate",
    "crag_score",
    "case_pass_rate",
    "expected_calibration_error",
    "latency_p50_ms",
    "latency_p95_ms",
)


def seen(*, abstained=False, error=None, confidence=0.8, latencies=(0.1,)):
    return Observation(
        case_id="c",
        text="" if abstained else "An answer.",
        abstained=abstained,
        confidence=confidence,
        citations=(),
        retrieved=(),
        latencies=tuple(latencies),
        error=error,
    )


@dataclass(frozen=True)
class Gold:
    answerable: bool


@dataclass(frozen=True)
class Score(Judged):
    case: Gold
    observation: Observation
    outcome: str
    passed: bool
    reasons: tuple[str, ...] = ()
    reader: str | None = None

    def asked(self) -> dict[str, Any]:
        return {"id": "c"}

    def measures(self) -> dict[str, Any]:
        return {"hit_at_1": 1.0}


@pytest.mark.parametrize("metrics", [METRICS, REALNEWS_METRICS], ids=["seeds", "realnews"])
def test_shared_metrics__close_each_sets_table_in_one_order(metrics):
    assert tuple(m.name for m in metrics[-len(SHARED) :]) == SHARED


def test_shared_metrics__the_sets_words_label_abstention_and_passing():
    first, *_, passed, ece, p50, p95 = shared_metrics(
        abstention="Abstention (absent answer)", passed="Cases correct"
    )
    assert first == Metric("abstention_recall", "Abstention (absent answer)")
    assert passed.label == "Cases correct"
    assert not ece.higher_is_better and p50.unit == p95.unit == "ms"


@pytest.mark.parametrize(
    ("observation", "answerable", "expected"),
    [
        (seen(error="RuntimeError: boom"), True, ("error: RuntimeError: boom",)),
        (seen(error="RuntimeError: boom"), False, ("error: RuntimeError: boom",)),
        (seen(abstained=True), True, ("abstained on an answerable question",)),
        (seen(), True, ("missing key fact(s): '100'",)),
        (seen(abstained=True), False, ()),
        (seen(), False, ("answered an unanswerable question",)),
    ],
    ids=["error", "error-unanswerable", "undue-abstention", "wrong-answer", "due-abstention", "undue-answer"],
)
def test_reasons__an_error_then_the_abstention_or_answer_that_was_not_due(observation, answerable, expected):
    found = reasons(
        observation,
        answerable=answerable,
        wrong=["missing key fact(s): '100'"],
        unanswerable="an unanswerable question",
    )
    assert found == expected


def test_reasons__a_right_answer_has_none():
    assert reasons(seen(), answerable=True, wrong=[], unanswerable="an unanswerable question") == ()


def test_scorecard__the_sets_own_values_then_the_shared_ones_in_the_order_of_its_metrics():
    scores = [
        Score(Gold(True), seen(latencies=(0.1, 0.3)), CORRECT, True),
        Score(Gold(True), seen(abstained=True, confidence=0.2), MISSING, False),
        Score(Gold(False), seen(), HALLUCINATED, False),
        Score(Gold(False), seen(error="boom"), HALLUCINATED, False),
    ]
    metrics = (Metric("hit", "Hit"), *shared_metrics(abstention="A", passed="P"))
    values = scorecard(scores, {"hit": 0.5}, metrics)
    assert list(values) == ["hit", *SHARED]
    assert values["hit"] == 0.5
    assert values["abstention_recall"] == 0.0  # neither unanswerable case abstained
    assert values["false_abstention_rate"] == 0.5
    assert values["case_pass_rate"] == 0.25
    assert values["latency_p95_ms"] == pytest.approx(300.0, abs=60)


def test_judged__right_answered_abstained_and_confidence_follow_the_observation_and_outcome():
    answered = Score(Gold(True), seen(confidence=0.9), CORRECT, True)
    abstained = Score(Gold(True), seen(abstained=True), MISSING, False)
    failed = Score(Gold(True), seen(error="boom", confidence=0.9), HALLUCINATED, False)
    assert (answered.right, answered.answered, answered.abstained, answered.confidence) == (
        True,
        True,
        False,
        0.9,
    )
    assert (abstained.right, abstained.answered, abstained.abstained) == (False, False, True)
    # A system error is neither an answer nor an abstention, and carries no confidence.
    assert (failed.answered, failed.abstained, failed.confidence) == (False, False, None)


def test_judged__the_record_is_what_was_asked_the_verdict_the_answer_then_the_measures():
    record = Score(Gold(True), seen(), CORRECT, True, reader="extractive").to_dict()
    assert list(record) == [
        "id",
        "passed",
        "reasons",
        "outcome",
        "right",
        "confidence",
        "abstained",
        "reader",
        "answer",
        "hit_at_1",
    ]
