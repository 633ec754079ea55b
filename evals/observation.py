"""Observation: running one case through a system and recording what it did.

A *system* is anything shaped like the assistant's public API:

    system.ask(question, history=[...]) -> answer with .text, .abstained,
        .confidence and .citations (each with .article_id, .quote, .start, .end)
    system.retrieve(question, k=8[, history=[...]]) -> passages with
        .article_id, .start, .end, best first

For a multi-turn case every turn is asked in order with the earlier answers as
history, and the last turn is the one recorded. Each `ask` is timed. Errors
raised by the system are recorded on the observation instead of stopping the
run, so one broken case does not hide the others.

This module does not judge the answers (see each set's `scoring`) and does not know
which system it runs.
"""

from __future__ import annotations

import inspect
import time
from dataclasses import dataclass
from typing import Any, Protocol

from evals.cases import AskedCase
from evals.metrics import Span

__all__ = ["System", "ObservedCitation", "Observation", "observe", "retrieve_accepts_history"]

DEFAULT_K = 8


class System(Protocol):
    """The part of the assistant's API that the evaluation uses."""

    def ask(self, question: str, history: list[Any]) -> Any: ...

    def retrieve(self, question: str, k: int = DEFAULT_K) -> list[Any]: ...


@dataclass(frozen=True)
class ObservedCitation:
    """One citation as the system gave it."""

    number: int
    article_id: str
    quote: str
    start: int
    end: int

    @property
    def span(self) -> Span:
        return Span(self.article_id, self.start, self.end)


@dataclass(frozen=True)
class Observation:
    """What a system answered and retrieved for the last turn of one case."""

    case_id: str
    text: str
    abstained: bool
    confidence: float | None
    citations: tuple[ObservedCitation, ...]
    retrieved: tuple[Span, ...]
    latencies: tuple[float, ...]  # seconds, one per `ask`
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "abstained": self.abstained,
            "confidence": self.confidence,
            "citations": [
                {
                    "number": c.number,
                    "article_id": c.article_id,
                    "quote": c.quote,
                    "start": c.start,
                    "end": c.end,
                }
                for c in self.citations
            ],
            "retrieved": [[s.article, s.start, s.end] for s in self.retrieved],
            "latency_ms": [round(seconds * 1000, 1) for seconds in self.latencies],
            "error": self.error,
        }


def observe(system: System, case: AskedCase, *, k: int = DEFAULT_K) -> Observation:
    """Ask every turn of `case`, then retrieve for the last one, and record both."""
    history: list[Any] = []
    latencies: list[float] = []
    answer: Any = None
    try:
        for turn in case.turns:
            started = time.perf_counter()
            answer = system.ask(turn, history=list(history))
            latencies.append(time.perf_counter() - started)
            history.append(answer)
        retrieved = _retrieve(system, case.question, history[:-1], k=k)
    except Exception as error:  # noqa: BLE001 - any failure of the system is a finding, not a crash
        return Observation(
            case_id=case.id,
            text="",
            abstained=False,
            confidence=None,
            citations=(),
            retrieved=(),
            latencies=tuple(latencies),
            error=f"{type(error).__name__}: {error}",
        )
    return Observation(
        case_id=case.id,
        text=str(answer.text),
        abstained=bool(answer.abstained),
        confidence=_confidence(answer),
        citations=tuple(_citation(c, i) for i, c in enumerate(answer.citations, start=1)),
        retrieved=tuple(Span(str(h.article_id), int(h.start), int(h.end)) for h in retrieved),
        latencies=tuple(latencies),
    )


def retrieve_accepts_history(system: object) -> bool:
    """Whether `system.retrieve` takes a `history` argument (or **kwargs)."""
    try:
        parameters = inspect.signature(system.retrieve).parameters  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return False
    return "history" in parameters or any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()
    )


def _retrieve(system: System, question: str, history: list[Any], *, k: int) -> list[Any]:
    # A follow-up only makes sense with its history; a retriever that cannot
    # take it is asked the last turn alone.
    if retrieve_accepts_history(system):
        return list(system.retrieve(question, k=k, history=history))  # type: ignore[call-arg]
    return list(system.retrieve(question, k=k))


def _confidence(answer: Any) -> float | None:
    value = getattr(answer, "confidence", None)
    return None if value is None else float(value)


def _citation(citation: Any, position: int) -> ObservedCitation:
    return ObservedCitation(
        number=int(getattr(citation, "number", position)),
        article_id=str(citation.article_id),
        quote=str(citation.quote),
        start=int(citation.start),
        end=int(citation.end),
    )
