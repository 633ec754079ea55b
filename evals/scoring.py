"""Scoring, whichever the set: how a metric is named, and what every set judges and averages alike.

Each set judges a case its own way (`evals.seeds.scoring`: key facts, gold
articles and evidence quotes; `evals.realnews.scoring`: the gold answer's
words) into a score that mixes in `Judged`: from its observation and its CRAG
outcome follow whether it was right, answered or abstained, and with what
confidence. The reasons a case failed start alike in every set (`reasons`), and
the metrics below are averaged alike (`scorecard`):

    abstention_recall                  cases that cannot be answered from the corpus
    false_abstention_rate              answerable cases
    crag_score, case_pass_rate         all cases
    expected_calibration_error         every case with a confidence (see `evals.reliability`)
    latency_p50_ms, latency_p95_ms     every call to ask, all turns

This module does not run systems, read files or apply floors.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from evals import metrics as m
from evals.observation import Observation
from evals.reliability import expected_calibration_error

__all__ = ["Metric", "Judged", "shared_metrics", "reasons", "scorecard", "calibration_pairs"]


@dataclass(frozen=True)
class Metric:
    """How a metric is named, shown and read."""

    name: str
    label: str
    higher_is_better: bool = True
    unit: str = ""  # "" for a fraction in [0, 1] (or [-1, 1]), "ms" for times


def shared_metrics(*, abstention: str, passed: str) -> tuple[Metric, ...]:
    """The metrics every set averages alike, in the order the tables show them after the set's own;
    `abstention` and `passed` label abstention_recall and case_pass_rate in the set's words.

    Example: shared_metrics(abstention="Abstention (absent answer)", passed="Cases correct")[0]
    -> Metric('abstention_recall', 'Abstention (absent answer)')
    """
    return (
        Metric("abstention_recall", abstention),
        Metric("false_abstention_rate", "False abstention (answerable)", higher_is_better=False),
        Metric("crag_score", "CRAG-style score"),
        Metric("case_pass_rate", passed),
        Metric("expected_calibration_error", "Calibration error (ECE)", higher_is_better=False),
        Metric("latency_p50_ms", "Latency p50 of ask", higher_is_better=False, unit="ms"),
        Metric("latency_p95_ms", "Latency p95 of ask", higher_is_better=False, unit="ms"),
    )


class Judged:
    """What a case's score reads from its observation and its CRAG outcome (mixed into each set's score)."""

    # Given by each set's score, as fields or properties.
    observation: Observation
    outcome: str  # metrics.CORRECT, MISSING or HALLUCINATED
    reasons: tuple[str, ...]
    reader: str | None

    if TYPE_CHECKING:
        # A field of one set's score, a property of the other's.
        @property
        def passed(self) -> bool: ...

    @property
    def right(self) -> bool:
        """The CRAG outcome is correct: the answer holds what it should, or the abstention was due."""
        return self.outcome == m.CORRECT

    @property
    def confidence(self) -> float | None:
        """The answer's confidence; None after a system error (such a case is not calibrated)."""
        return None if self.observation.error is not None else self.observation.confidence

    @property
    def abstained(self) -> bool:
        return self.observation.abstained and self.observation.error is None

    @property
    def answered(self) -> bool:
        """Gave an answer, right or wrong (a system error is neither answer nor abstention)."""
        return not self.observation.abstained and self.observation.error is None

    def to_dict(self) -> dict[str, Any]:
        """The case's record in the results file: what was asked, the verdict, the answer, the measures."""
        return {**self.asked(), **self.verdict(), "answer": self.observation.to_dict(), **self.measures()}

    def asked(self) -> dict[str, Any]:
        """What the case asked, for its record: its id and kind first."""
        raise NotImplementedError

    def measures(self) -> dict[str, Any]:
        """The set's own measures of the case, for its record."""
        raise NotImplementedError

    def verdict(self) -> dict[str, Any]:
        """The verdict part of the case's record in the results file, in the order it is written."""
        return {
            "passed": self.passed,
            "reasons": list(self.reasons),
            "outcome": self.outcome,
            "right": self.right,
            "confidence": self.confidence,
            "abstained": self.observation.abstained,
            "reader": self.reader,
        }


def reasons(
    observation: Observation,
    *,
    answerable: bool,
    wrong: Sequence[str],
    unanswerable: str,
) -> tuple[str, ...]:
    """Why a case fails: an error, an abstention that was not due, what is `wrong` with an answer, or
    an answer that was not due (`unanswerable` names such a question); empty when it passes.

    Example: an answer to an unanswerable question, unanswerable='an unanswerable question'
    -> ('answered an unanswerable question',)
    """
    if observation.error is not None:
        return (f"error: {observation.error}",)
    if answerable:
        return ("abstained on an answerable question",) if observation.abstained else tuple(wrong)
    return () if observation.abstained else (f"answered {unanswerable}",)


def scorecard(
    scores: Sequence[Any], own: Mapping[str, float | None], metrics: Sequence[Metric]
) -> dict[str, float | None]:
    """One value per metric of `metrics`, in their order: the set's `own` values and the shared ones.

    Each score has `.case.answerable`, `.abstained`, `.passed`, `.outcome`, `.confidence`, `.right`
    and `.observation.latencies`.
    """
    answerable = [s for s in scores if s.case.answerable]
    unanswerable = [s for s in scores if not s.case.answerable]
    latencies = [seconds * 1000 for s in scores for seconds in s.observation.latencies]
    values = {
        **own,
        "abstention_recall": m.mean(float(s.abstained) for s in unanswerable),
        "false_abstention_rate": m.mean(float(s.abstained) for s in answerable),
        "crag_score": m.crag_score([s.outcome for s in scores]),
        "case_pass_rate": m.mean(float(s.passed) for s in scores),
        "expected_calibration_error": expected_calibration_error(calibration_pairs(scores)),
        "latency_p50_ms": m.percentile(latencies, 50),
        "latency_p95_ms": m.percentile(latencies, 95),
    }
    return {metric.name: values[metric.name] for metric in metrics}


def calibration_pairs(scores: Sequence[Any]) -> list[tuple[float, bool]]:
    """(confidence, right) of every case that has a confidence, for `evals.reliability`.

    Works for any score with `.confidence` and `.right` (seed and realnews cases alike).
    Example: a correct answer at 0.9 and an error -> [(0.9, True)]
    """
    return [(s.confidence, s.right) for s in scores if s.confidence is not None]
