"""Thresholds: the committed floors (and ceilings) the metrics must meet, and their targets.

`evals/thresholds.json` maps a metric name to {"min": x} or {"max": x}, each
optionally with a "target":

    {"key_fact_recall": {"min": 0.80, "target": 0.90}, "false_abstention_rate": {"max": 0.05}}

A floor and a target answer different questions:

- The floor ("min", or the ceiling "max") is what the answerer reliably
  achieves today. It is a ratchet: raised as the answerer improves, never
  lowered to let a change through. A run that breaks a floor fails.
- The target is where the project wants the metric to be. It sits on the same
  side as the bound (≥ the floor for "min", ≤ the ceiling for "max") and is
  only reported: a run below its target but above its floor still passes, so
  the goals stay visible without blocking work that does not reach them yet.

Each metric therefore stands in one of three places for a value (see
`Threshold.standing`): "ok", "below target", or "FAIL".

This module reads that file and checks a scorecard against it. It does not
compute metrics and does not decide the exit status on its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "OK",
    "BELOW_TARGET",
    "FAIL",
    "ThresholdError",
    "Threshold",
    "Breach",
    "Shortfall",
    "load_thresholds",
    "check_thresholds",
    "check_targets",
]

OK = "ok"
BELOW_TARGET = "below target"
FAIL = "FAIL"

BOUNDS = ("min", "max")
TARGET = "target"
SHAPE = '{"min": number} or {"max": number}, optionally with "target": number'


class ThresholdError(ValueError):
    """The thresholds file cannot be used."""


@dataclass(frozen=True)
class Threshold:
    """A bound on one metric: `value >= limit` for "min", `value <= limit` for "max".

    `target`, when set, is the goal on the same side of the bound; it is never enforced.
    """

    metric: str
    bound: str  # "min" or "max"
    limit: float
    target: float | None = None

    def allows(self, value: float | None) -> bool:
        """Example: Threshold('x', 'min', 0.9).allows(0.9) -> True; .allows(None) -> False"""
        return self._within(value, self.limit)

    def reaches_target(self, value: float | None) -> bool | None:
        """Example: Threshold('x', 'min', 0.8, target=0.9).reaches_target(0.85) -> False

        None when there is no target to reach.
        """
        return None if self.target is None else self._within(value, self.target)

    def standing(self, value: float | None) -> str:
        """Example: with ≥ 0.8 and target 0.9: 0.95 -> 'ok', 0.85 -> 'below target', 0.7 -> 'FAIL'"""
        if not self.allows(value):
            return FAIL
        return BELOW_TARGET if self.reaches_target(value) is False else OK

    def describe(self) -> str:
        """Example: '≥ 0.90'"""
        return f"{self._sign} {self.limit:.2f}"

    def describe_target(self) -> str:
        """Example: '≥ 0.95'; '' without a target"""
        return "" if self.target is None else f"{self._sign} {self.target:.2f}"

    @property
    def _sign(self) -> str:
        return "≥" if self.bound == "min" else "≤"

    def _within(self, value: float | None, limit: float) -> bool:
        if value is None:
            return False  # a metric that could not be computed meets nothing
        return value >= limit if self.bound == "min" else value <= limit


@dataclass(frozen=True)
class Breach:
    """A metric outside its bound."""

    threshold: Threshold
    value: float | None

    def __str__(self) -> str:
        return f"{self.threshold.metric} = {_shown(self.value)}, must be {self.threshold.describe()}"


@dataclass(frozen=True)
class Shortfall:
    """A metric within its bound that has not reached its target yet."""

    threshold: Threshold
    value: float | None

    def __str__(self) -> str:
        return f"{self.threshold.metric} = {_shown(self.value)}, target {self.threshold.describe_target()}"


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
        raise ThresholdError(f"'{path}' must hold one JSON object of metric -> {SHAPE}.")
    names = set(known)
    thresholds = []
    for metric, spec in raw.items():
        if metric.startswith("_"):
            continue  # comments
        if metric not in names:
            raise ThresholdError(
                f"'{path}' names unknown metric '{metric}': use one of {', '.join(sorted(names))}."
            )
        thresholds.append(_threshold(path, metric, spec))
    return tuple(thresholds)


def check_thresholds(thresholds: Iterable[Threshold], values: Mapping[str, float | None]) -> list[Breach]:
    """The thresholds that `values` does not meet, in file order."""
    return [Breach(t, values.get(t.metric)) for t in thresholds if not t.allows(values.get(t.metric))]


def check_targets(thresholds: Iterable[Threshold], values: Mapping[str, float | None]) -> list[Shortfall]:
    """The thresholds whose floor `values` meets but whose target it misses, in file order.

    A metric below its floor is a `Breach`, not a shortfall, so each metric is listed once.
    """
    return [
        Shortfall(t, values.get(t.metric))
        for t in thresholds
        if t.standing(values.get(t.metric)) == BELOW_TARGET
    ]


def _threshold(path: Path, metric: str, spec: object) -> Threshold:
    """One entry of the file. Example: ('crag_score', {'min': 0.8, 'target': 0.9}) -> Threshold(...)"""
    if not isinstance(spec, dict):
        raise ThresholdError(f"'{path}': '{metric}' must be {SHAPE}.")
    bounds = [key for key in spec if key in BOUNDS]
    unknown = [key for key in spec if key not in (*BOUNDS, TARGET)]
    if unknown:
        shown = ", ".join(f"'{key}'" for key in unknown)
        raise ThresholdError(f"'{path}': '{metric}' has unknown key {shown}; it must be {SHAPE}.")
    if len(bounds) != 1:
        raise ThresholdError(f"'{path}': '{metric}' must be {SHAPE} (exactly one of \"min\" and \"max\").")
    bound = bounds[0]
    limit = _number(path, metric, f"the {bound}", spec[bound])
    target = _number(path, metric, "the target", spec[TARGET]) if TARGET in spec else None
    if target is not None:
        # A target on the wrong side of the floor would be met by every passing run: refuse it.
        if bound == "min" and target < limit:
            raise ThresholdError(
                f"'{path}': the target of '{metric}' ({target:g}) is below its floor ({limit:g}): "
                f'a "min" target must be ≥ the floor; set "target" to {limit:g} or higher.'
            )
        if bound == "max" and target > limit:
            raise ThresholdError(
                f"'{path}': the target of '{metric}' ({target:g}) is above its ceiling ({limit:g}): "
                f'a "max" target must be ≤ the ceiling; set "target" to {limit:g} or lower.'
            )
    return Threshold(metric=metric, bound=bound, limit=limit, target=target)


def _number(path: Path, metric: str, what: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ThresholdError(f"'{path}': {what} of '{metric}' must be a number, not {value!r}.")
    return float(value)


def _shown(value: float | None) -> str:
    return "no value" if value is None else f"{value:.3f}"
