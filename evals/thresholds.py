"""Thresholds: the committed floors (and ceilings) the metrics must meet.

`evals/thresholds.json` maps a metric name to {"min": x} or {"max": x}:

    {"key_fact_recall": {"min": 0.9}, "false_abstention_rate": {"max": 0.05}}

This module reads that file and checks a scorecard against it. It does not
compute metrics and does not decide the exit status on its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ThresholdError", "Threshold", "Breach", "load_thresholds", "check_thresholds"]


class ThresholdError(ValueError):
    """The thresholds file cannot be used."""


@dataclass(frozen=True)
class Threshold:
    """A bound on one metric: `value >= limit` for "min", `value <= limit` for "max"."""

    metric: str
    bound: str  # "min" or "max"
    limit: float

    def allows(self, value: float | None) -> bool:
        """Example: Threshold('x', 'min', 0.9).allows(0.9) -> True; .allows(None) -> False"""
        if value is None:
            return False
        return value >= self.limit if self.bound == "min" else value <= self.limit

    def describe(self) -> str:
        """Example: '≥ 0.90'"""
        return f"{'≥' if self.bound == 'min' else '≤'} {self.limit:.2f}"


@dataclass(frozen=True)
class Breach:
    """A metric outside its bound."""

    threshold: Threshold
    value: float | None

    def __str__(self) -> str:
        shown = "no value" if self.value is None else f"{self.value:.3f}"
        return f"{self.threshold.metric} = {shown}, must be {self.threshold.describe()}"


def load_thresholds(path: Path | str, *, known: Iterable[str]) -> tuple[Threshold, ...]:
    """Read the thresholds file; every metric it names must be one of `known`."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ThresholdError(
            f"No thresholds file at '{path}': restore evals/thresholds.json from git."
        ) from None
    except json.JSONDecodeError as error:
        raise ThresholdError(
            f"'{path}' is not valid JSON ({error.msg} at line {error.lineno}): fix it."
        ) from None
    if not isinstance(raw, dict):
        raise ThresholdError(f'\'{path}\' must hold one JSON object of metric -> {{"min"|"max": number}}.')
    names = set(known)
    thresholds = []
    for metric, spec in raw.items():
        if metric.startswith("_"):
            continue  # comments
        if metric not in names:
            raise ThresholdError(
                f"'{path}' names unknown metric '{metric}': use one of {', '.join(sorted(names))}."
            )
        if not isinstance(spec, dict) or len(spec) != 1 or next(iter(spec)) not in ("min", "max"):
            raise ThresholdError(f"'{path}': '{metric}' must be {{\"min\": number}} or {{\"max\": number}}.")
        bound, limit = next(iter(spec.items()))
        if isinstance(limit, bool) or not isinstance(limit, (int, float)):
            raise ThresholdError(f"'{path}': the {bound} of '{metric}' must be a number, not {limit!r}.")
        thresholds.append(Threshold(metric=metric, bound=bound, limit=float(limit)))
    return tuple(thresholds)


def check_thresholds(thresholds: Iterable[Threshold], values: Mapping[str, float | None]) -> list[Breach]:
    """The thresholds that `values` does not meet, in file order."""
    return [Breach(t, values.get(t.metric)) for t in thresholds if not t.allows(values.get(t.metric))]
