"""Reliability: how well a system's confidence says how often it is right, as pure functions.

Each case gives a pair (confidence, right): the confidence the answer carried
(in [0, 1], the probability that the answer, or the abstention, is right) and
whether the case's CRAG outcome was correct. The pairs are put in ten
equal-width bins of confidence; a calibrated system is right in each bin about
as often as the bin's mean confidence says:

    table = reliability_table([(0.9, True), (0.9, True), (0.1, False)])
    table[9].count, table[9].mean_confidence, table[9].share_right   # 2, 0.9, 1.0
    expected_calibration_error([(0.9, True), (0.9, True), (0.1, False)])   # (2 * 0.1 + 1 * 0.1) / 3 = 0.1

The expected calibration error (ECE) is the count-weighted mean, over the bins,
of |share right − mean confidence|: 0 for a calibrated system, 1 for one that
is sure of every answer and wrong every time.

This module does not decide what "right" means (see `evals.seeds.scoring` and
`evals.realnews.scoring`) and does not fit a calibrator: it only measures.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["BINS", "ReliabilityBin", "bin_index", "reliability_table", "expected_calibration_error"]

BINS = 10


@dataclass(frozen=True)
class ReliabilityBin:
    """The cases whose confidence falls in [low, high) (the last bin includes 1.0).

    `mean_confidence` and `share_right` are None for an empty bin.
    """

    low: float
    high: float
    count: int
    mean_confidence: float | None
    share_right: float | None

    @property
    def gap(self) -> float | None:
        """|share right − mean confidence|. Example: 8 of 10 right at confidence 0.9 -> 0.1"""
        if self.mean_confidence is None or self.share_right is None:
            return None
        return abs(self.share_right - self.mean_confidence)

    def to_dict(self) -> dict[str, float | int | None]:
        return {
            "low": self.low,
            "high": self.high,
            "count": self.count,
            "mean_confidence": self.mean_confidence,
            "share_right": self.share_right,
        }


def bin_index(confidence: float, *, bins: int = BINS) -> int:
    """Which of `bins` equal-width bins a confidence falls in; 1.0 goes in the last one.

    Example: 0.0 -> 0, 0.15 -> 1, 0.9 -> 9, 1.0 -> 9
    """
    if not 0.0 <= confidence <= 1.0:
        raise ValueError(
            f"confidence {confidence!r} is outside [0, 1]: a reliability table needs probabilities; "
            "fix the system's confidence, or leave the case out."
        )
    # round() first so that 0.3 (stored as 0.29999...) lands in the bin a reader expects.
    return min(int(round(confidence * bins, 9)), bins - 1)


def reliability_table(pairs: Iterable[tuple[float, bool]], *, bins: int = BINS) -> tuple[ReliabilityBin, ...]:
    """Every bin, empty ones included, from (confidence, right) pairs.

    Example: [(0.95, True), (0.92, False)] -> bin 9: count 2, mean confidence 0.935, share right 0.5
    """
    if bins < 1:
        raise ValueError(f"bins must be at least 1, not {bins}: pass bins=10.")
    members: list[list[tuple[float, bool]]] = [[] for _ in range(bins)]
    for confidence, right in pairs:
        members[bin_index(confidence, bins=bins)].append((confidence, bool(right)))
    table = []
    for number, items in enumerate(members):
        count = len(items)
        table.append(
            ReliabilityBin(
                low=round(number / bins, 9),
                high=round((number + 1) / bins, 9),
                count=count,
                mean_confidence=sum(c for c, _ in items) / count if count else None,
                share_right=sum(r for _, r in items) / count if count else None,
            )
        )
    return tuple(table)


def expected_calibration_error(
    pairs: Iterable[tuple[float, bool]] | Sequence[ReliabilityBin], *, bins: int = BINS
) -> float | None:
    """Σ over bins of count / N · |share right − mean confidence|; None with no pairs.

    Accepts the pairs or a table made by `reliability_table`.
    Example: [(1.0, False), (1.0, False)] -> 1.0; [(0.5, True), (0.5, False)] -> 0.0
    """
    items = list(pairs)
    table = (
        tuple(items)
        if items and isinstance(items[0], ReliabilityBin)
        else reliability_table(items, bins=bins)  # type: ignore[arg-type]
    )
    total = sum(b.count for b in table)
    if not total:
        return None
    return sum(b.count / total * b.gap for b in table if b.gap is not None)
