"""Recorder: a system wrapped so that the evaluation keeps the whole last answer it gave.

`evals.observation.observe` keeps only what scoring needs (text, abstention,
confidence, citations). A calibrator fitted later from a run's `latest.json`
needs the answer as the system returned it (its reader, its notice, each
citation's outlet and date), so the runner asks through a `Recorder`:

    recorder = Recorder(bot, asked_on=date(2025, 7, 4))
    observation = observe(recorder, case)
    recorder.last_record()      # Answer.to_dict() of the last turn, or None after an error
    recorder.last_reader()      # 'extractive', 'llm', or None for a system without readers

`asked_on` is the day the question was asked, for a system whose `ask` (and
`retrieve`) takes it, so that "this week" in a question is read against that
day and the passages scored for retrieval are those the answer was drawn from;
a system that does not take it is asked without it, so older assistants and
the peer are evaluated unchanged. Likewise `history` reaches `retrieve` only
when it takes one, as `observe` would do without the wrapper.

Everything else (`articles`, ...) is the wrapped system's own attribute. This
module does not judge answers.
"""

from __future__ import annotations

import dataclasses
import inspect
from datetime import date
from typing import Any

__all__ = ["Recorder", "accepts_asked_on", "answer_record"]


class Recorder:
    """Asks `system` and remembers the last answer (see the module docstring)."""

    def __init__(self, system: Any, *, asked_on: date | None = None) -> None:
        self.system = system
        self.asked_on = asked_on
        self.last_answer: Any = None
        # Decided once: the signatures do not change between questions.
        self._dated = asked_on is not None and accepts_asked_on(system)
        self._dated_retrieve = asked_on is not None and _takes(getattr(system, "retrieve", None), "asked_on")
        self._retrieve_history = _takes(getattr(system, "retrieve", None), "history")

    def ask(self, question: str, history: list[Any] | None = None) -> Any:
        self.last_answer = None  # an error must not leave the previous case's answer behind
        if self._dated:
            answer = self.system.ask(question, history=list(history or []), asked_on=self.asked_on)
        else:
            answer = self.system.ask(question, history=list(history or []))
        self.last_answer = answer
        return answer

    def retrieve(self, question: str, k: int | None = None, history: list[Any] | None = None) -> list[Any]:
        arguments: dict[str, Any] = {}
        if k is not None:
            arguments["k"] = k
        if self._retrieve_history and history is not None:
            arguments["history"] = list(history)
        if self._dated_retrieve:
            arguments["asked_on"] = self.asked_on
        return list(self.system.retrieve(question, **arguments))

    def last_record(self) -> dict[str, Any] | None:
        """The last answer as a JSON-ready dict, or None when the last ask failed.

        With the assistant, it also holds the `signals` its confidence was read from,
        for fitting a calibrator (`python -m evals.confidence_fit`).
        """
        record = answer_record(self.last_answer)
        signals = getattr(self.system, "last_signals", None)
        if record is not None and hasattr(signals, "to_dict"):
            record = {**record, "signals": signals.to_dict()}
        return record

    def last_reader(self) -> str | None:
        """Which reader wrote the last answer ('extractive', 'llm'), None when not known."""
        reader = getattr(self.last_answer, "reader", None)
        return None if reader is None else str(reader)

    def __getattr__(self, name: str) -> Any:
        # Only reached for attributes the recorder lacks: retrieve, articles, ...
        return getattr(self.system, name)


def accepts_asked_on(system: Any) -> bool:
    """Whether `system.ask` takes an `asked_on` argument (or **kwargs).

    Example: Assistant.ask(question, *, history=(), asked_on=None) -> True; PeerRetriever.ask -> False
    """
    return _takes(getattr(system, "ask", None), "asked_on")


def _takes(function: Any, name: str) -> bool:
    """Whether `function` takes a keyword argument `name` (or **kwargs); False when it cannot be read."""
    if function is None:
        return False
    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False
    return name in parameters or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())


def answer_record(answer: Any) -> dict[str, Any] | None:
    """`answer.to_dict()` when it has one, else its dataclass fields; None for no answer.

    Example: PeerAnswer(question='Q', text='T', citations=()) -> {'question': 'Q', 'text': 'T', ...}
    """
    if answer is None:
        return None
    to_dict = getattr(answer, "to_dict", None)
    if callable(to_dict):
        return dict(to_dict())
    if dataclasses.is_dataclass(answer) and not isinstance(answer, type):
        return dataclasses.asdict(answer)
    return {"text": str(getattr(answer, "text", "")), "abstained": bool(getattr(answer, "abstained", False))}
