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
from assistant.answering import Evidence
from index.errors import AssistantError

__all__ = [
    "Signals",
    "Calibrator",
    "CalibrationError",
    "FEATURES",
    "DEFAULT_MODEL",
    "in_words",
    "LIKELY",
    "UNCERTAIN",
]

DEFAULT_MODEL = Path(__file__).with_name("confidence.json")
# Evidence of another article this close to the best makes the answer a closer call.
RIVAL_GAP = 0.1
FEATURES = ("top", "cited", "supported", "kept", "lexical", "margin", "rivals", "corpus")


@dataclass(frozen=True)
class Signals:
    """What an answer rests on, as numbers a calibrator reads."""

    reader: str  # "extractive" or "llm"
    abstained: bool
    top: float  # score of the best usable evidence sentence (0 when there is none)
    cited: float  # lowest score among the evidence the answer cites (0 for an abstention)
    supported: bool  # the best evidence holds every name and figure of the question
    kept: float = 1.0  # share of a written draft's sentences that survived the checks
    lexical: float = 0.0  # share of the question's weighted terms the best evidence sentence holds
    margin: float = 0.0  # how far the best evidence leads the best of any other article
    rivals: int = 0  # other articles with evidence nearly as good (within `RIVAL_GAP` of the best)
    corpus: int = 0  # articles in the corpus: the more there are, the more ways to quote the wrong one

    @classmethod
    def read(
        cls,
        evidence: Sequence[Evidence],
        *,
        reader: str,
        abstained: bool,
        cited: float,
        kept: float,
        corpus: int,
    ) -> Signals:
        """The signals of an answer from the evidence it was chosen from (scored, best first)."""
        usable = [e for e in evidence if e.usable]
        if not usable:
            return cls(reader, abstained, 0.0, cited, False, kept, corpus=corpus)
        best = max(usable, key=lambda e: e.score)
        own = best.candidate.article_id
        rival = max((e.score for e in usable if e.candidate.article_id != own), default=0.0)
        near = {e.candidate.article_id for e in usable if e.score >= best.score - RIVAL_GAP} - {own}
        return cls(
            reader=reader,
            abstained=abstained,
            top=best.score,
            cited=cited,
            supported=best.supported,
            kept=kept,
            lexical=best.candidate.lexical,
            margin=best.score - rival,
            rivals=len(near),
            corpus=corpus,
        )

    @property
    def kind(self) -> str:
        """Example: 'llm/answered'"""
        return f"{self.reader}/{'abstained' if self.abstained else 'answered'}"

    def vector(self) -> list[float]:
        return [
            1.0, self.top, self.cited, float(self.supported), self.kept, self.lexical, self.margin,
            math.log1p(self.rivals), math.log10(max(1, self.corpus)),
        ]  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class CalibrationError(AssistantError):
    """A confidence model file does not fit the signals the assistant reads; the message says what to do."""


class Calibrator:
    """Maps `Signals` to a probability of being right, one logistic model per kind of answer."""

    def __init__(self, weights: Mapping[str, Sequence[float]] | None = None, *, fitted_on: str = "") -> None:
        self.weights = {kind: list(w) for kind, w in (weights or {}).items()}
        self.fitted_on = fitted_on

    @classmethod
    def load(cls, path: Path = DEFAULT_MODEL) -> Calibrator:
        """The fitted models, or an empty calibrator (the old mapping) when there is no file.

        Every model must hold one weight per entry of `Signals.vector()` (the bias and each of
        `FEATURES`): a file fitted before a signal was added or removed raises `CalibrationError`
        instead of silently falling back to the old mapping.
        """
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        weights = data.get("weights") or {}
        expected = len(FEATURES) + 1
        for kind, values in weights.items():
            if not isinstance(values, list) or len(values) != expected:
                count = len(values) if isinstance(values, list) else type(values).__name__
                raise CalibrationError(
                    f"Confidence model '{path}' has {count} weights for '{kind}', but the signals "
                    f"have {expected} (bias, {', '.join(FEATURES)}): refit it on development runs with "
                    "'python -m evals.confidence_fit RUN/latest.json ...', or delete the file to use "
                    "the evidence-strength mapping."
                )
        return cls(weights, fitted_on=str(data.get("fitted_on", "")))

    def probability(self, signals: Signals) -> float:
        weights = self.weights.get(signals.kind)
        if weights is None or len(weights) != len(FEATURES) + 1:
            return _fallback(signals)
        z = sum(w * x for w, x in zip(weights, signals.vector(), strict=True))
        return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), 4)

    def save(self, path: Path = DEFAULT_MODEL) -> None:
        payload = {"fitted_on": self.fitted_on, "features": ["bias", *FEATURES], "weights": self.weights}
        path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


# How a calibrated confidence is put into words: "likely" from this probability up, "uncertain" above
# the next, and below it a warning. A percentage reads as a promise the figures cannot keep.
LIKELY = 0.75
UNCERTAIN = 0.45


def in_words(value: object, *, abstained: bool = False) -> str:
    """A confidence as a reader can act on it.

    Example: 0.9 -> 'Likely right'; 0.6 -> 'Uncertain: check the sources'
    """
    try:
        share = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return ""
    if abstained:
        if share >= LIKELY:
            return "The articles very likely do not say."
        return "The articles may still say: try asking in other words."
    if share >= LIKELY:
        return "Likely right"
    if share >= UNCERTAIN:
        return "Uncertain: check the sources"
    return "Unlikely to be right: read the sources before relying on it"


def _fallback(signals: Signals) -> float:
    """The evidence-strength mapping of `abstention.confidence`, kept for kinds no model covers."""
    if signals.abstained:
        return strength(signals.top, supported=False)
    return round(strength(signals.cited) * signals.kept, 4)
