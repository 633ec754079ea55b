"""Confidence: the probability that an answer is right, from what the assistant saw.

Every answer is described by a few `Signals` (how well the best evidence
matched, how well the cited evidence matched, whether it held every name and
figure of the question, how much of a written draft survived the checks). A
`Calibrator` turns them into a probability with one small logistic model per
kind of answer (extractive or written, answered or abstained): for an answer,
the probability that it is right; for an abstention, the probability that the
articles indeed do not say.

The models are fitted on development data only (`python -m evals.confidence_fit`,
which writes `confidence.json` beside this module and records what it was fitted
on); the eval report's reliability table and expected calibration error check
them on the held-out sets. Without a fitted model for a kind of answer, the
old evidence-strength mapping is used, which is not a probability.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from assistant.abstention import confidence as strength

__all__ = ["Signals", "Calibrator", "FEATURES", "DEFAULT_MODEL"]

DEFAULT_MODEL = Path(__file__).with_name("confidence.json")
FEATURES = ("top", "cited", "supported", "kept")


@dataclass(frozen=True)
class Signals:
    """What an answer rests on, as numbers a calibrator reads."""

    reader: str  # "extractive" or "llm"
    abstained: bool
    top: float  # score of the best usable evidence sentence (0 when there is none)
    cited: float  # lowest score among the evidence the answer cites (0 for an abstention)
    supported: bool  # the best evidence holds every name and figure of the question
    kept: float = 1.0  # share of a written draft's sentences that survived the checks

    @property
    def kind(self) -> str:
        """Example: 'llm/answered'"""
        return f"{self.reader}/{'abstained' if self.abstained else 'answered'}"

    def vector(self) -> list[float]:
        return [1.0, self.top, self.cited, float(self.supported), self.kept]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Calibrator:
    """Maps `Signals` to a probability of being right, one logistic model per kind of answer."""

    def __init__(self, weights: Mapping[str, Sequence[float]] | None = None, *, fitted_on: str = "") -> None:
        self.weights = {kind: list(w) for kind, w in (weights or {}).items()}
        self.fitted_on = fitted_on

    @classmethod
    def load(cls, path: Path = DEFAULT_MODEL) -> Calibrator:
        """The fitted models, or an empty calibrator (the old mapping) when there is no file."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        return cls(data.get("weights") or {}, fitted_on=str(data.get("fitted_on", "")))

    def probability(self, signals: Signals) -> float:
        weights = self.weights.get(signals.kind)
        if weights is None:
            return _fallback(signals)
        z = sum(w * x for w, x in zip(weights, signals.vector(), strict=True))
        return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), 4)

    def save(self, path: Path = DEFAULT_MODEL) -> None:
        payload = {"fitted_on": self.fitted_on, "features": ["bias", *FEATURES], "weights": self.weights}
        path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


def _fallback(signals: Signals) -> float:
    """The evidence-strength mapping of `abstention.confidence`, kept for kinds no model covers."""
    if signals.abstained:
        return strength(signals.top, supported=False)
    return round(strength(signals.cited) * signals.kept, 4)
