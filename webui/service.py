"""Service: the web app's single door to the assistant.

It turns what arrives over HTTP (a question string, earlier answers as
dictionaries) into calls on one shared `Assistant`, and holds a lock so that
concurrent requests reach it one at a time: the assistant keeps models and an
index open and is not promised to be thread-safe.

What it does not do: render anything, or know about Gradio.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import Any

from assistant import Answer

__all__ = ["ChatService", "BadRequest", "MAX_QUESTION_CHARS", "MAX_HISTORY"]

MAX_QUESTION_CHARS = 1000
MAX_HISTORY = 50


class BadRequest(ValueError):
    """A question or history that cannot be passed on as given; the message says why."""


class ChatService:
    """Ask questions and look up articles through one assistant, one call at a time.

    service = ChatService(Assistant.from_corpus("corpus"))
    first = service.ask("How many organizations signed the letter?")
    later = service.ask("By when did they ask her to respond?", history=[first])
    later["citations"][0]["quote"]   # 'They asked Mims to respond by Dec. 1.'
    """

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self._lock = threading.Lock()
        self._articles = {article.id: article for article in bot.articles}

    @property
    def articles(self) -> tuple[Any, ...]:
        return tuple(self._articles.values())

    def article(self, article_id: str) -> Any | None:
        """The article with this id, or None (ids can come from the browser)."""
        return self._articles.get(article_id)

    def ask(self, question: str, *, history: Sequence[Mapping[str, Any]] | None = None) -> dict[str, Any]:
        """Answer `question` in the light of earlier answers; returns `Answer.to_dict()`."""
        question = clean_question(question)
        earlier = parse_history(history)
        with self._lock:
            answer = self.bot.ask(question, history=earlier)
        return answer.to_dict()


def clean_question(question: object) -> str:
    """Example: '  When?  ' -> 'When?'; '' raises BadRequest."""
    if not isinstance(question, str) or not question.strip():
        raise BadRequest("The question is empty: type a question about the articles.")
    question = question.strip()
    if len(question) > MAX_QUESTION_CHARS:
        raise BadRequest(
            f"The question is {len(question):,} characters long: keep it under {MAX_QUESTION_CHARS:,}."
        )
    return question


def parse_history(history: object) -> list[Answer]:
    """Earlier answers as dictionaries (oldest first) -> Answer values.

    Only the last MAX_HISTORY answers are kept; follow-ups refer to recent turns.
    """
    if history is None:
        return []
    if not isinstance(history, (list, tuple)):
        raise BadRequest(
            "history must be a list of earlier answers (the dictionaries the ask "
            "endpoint returned), oldest first, or empty."
        )
    answers = []
    for position, item in enumerate(list(history)[-MAX_HISTORY:]):
        if not isinstance(item, Mapping):
            raise BadRequest(
                f"history[{position}] is not an answer dictionary: pass the objects "
                "the ask endpoint returned, unchanged."
            )
        try:
            answers.append(Answer.from_dict(dict(item)))
        except ValueError as error:
            raise BadRequest(f"history[{position}]: {error}") from None
    return answers
