"""Service: the web app's single door to the assistant.

It turns what arrives over HTTP (a question string, earlier answers as
dictionaries, uploaded files) into calls on one shared `Assistant`.

A question is answered from a snapshot: a shallow copy of the assistant taken
under its lock (`Assistant.lock`), the one it switches to a new corpus under.
`Assistant.add` / `remove` only ever rebind the catalog, articles, sentences
and sources under that lock, never change them in place, so the copy keeps
one corpus from the first passage retrieved to the last quote checked, while
the lock is held for an instant. Waiting on the language model, which can
take a minute, holds no lock at all: other questions are answered meanwhile,
an upload's switch to the new corpus is never held up by a question, and a
browser that goes away mid-answer leaves nothing locked.

Adding or removing articles indexes without any lock (seconds to minutes):
questions go on being answered from the articles as they were.

What it does not do: render anything, or know about Gradio.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from assistant import Answer

__all__ = ["ChatService", "BadRequest", "MAX_QUESTION_CHARS", "MAX_HISTORY", "clean_upload_paths"]

MAX_QUESTION_CHARS = 1000
MAX_HISTORY = 50


class BadRequest(ValueError):
    """A question, history or upload that cannot be passed on as given; the message says why."""


class ChatService:
    """Ask questions and look up articles through one assistant, each question on a snapshot of it.

    service = ChatService(Assistant.from_corpus("corpus"))
    first = service.ask("How many organizations signed the letter?")
    later = service.ask("By when did they ask her to respond?", history=[first])
    later["citations"][0]["quote"]   # 'They asked Mims to respond by Dec. 1.'
    """

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        # The assistant's own lock when it has one: the one it switches corpora under. It is
        # held only to take a snapshot, never while a question is answered.
        self._lock = getattr(bot, "lock", None) or threading.Lock()
        self._articles = {article.id: article for article in bot.articles}

    @property
    def written(self) -> bool:
        """Answers are written by a language model (the LLM reader), not quoted."""
        return getattr(getattr(self.bot, "reader", None), "name", "") == "llm"

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
        return self._snapshot().ask(question, history=earlier).to_dict()

    def ask_stream(
        self, question: str, *, history: Sequence[Mapping[str, Any]] | None = None
    ) -> Iterator[str | dict[str, Any]]:
        """The draft so far (a string) each time it grows, then the checked `Answer.to_dict()`."""
        question = clean_question(question)
        earlier = parse_history(history)
        # Taken before the first piece is asked for: no lock is held while this generator is
        # suspended at a yield, however long the caller takes to ask for the next piece.
        bot = self._snapshot()
        written = ""
        for event in bot.ask_stream(question, history=earlier):
            if isinstance(event, str):
                written += event
                yield written
            else:
                yield event.to_dict()

    def add(self, paths: object, *, progress: Callable[[str, int, int], None] | None = None) -> Any:
        """Add the uploaded files at `paths` to the corpus; returns the assistant's `AddReport`.

        Questions are answered meanwhile, from the articles as they were.
        """
        files = clean_upload_paths(paths)
        try:
            return self.bot.add(files, progress=progress)
        finally:
            self._refresh()

    def remove(self, article_id: object, *, progress: Callable[[str, int, int], None] | None = None) -> Any:
        """Remove the article `article_id` from the corpus; returns the article removed."""
        article = self._articles.get(article_id) if isinstance(article_id, str) else None
        if article is None:
            raise BadRequest("Choose an article to remove from the list first.")
        try:
            self.bot.remove(article.id, progress=progress)
        finally:
            self._refresh()
        return article

    def _snapshot(self) -> Any:
        """The assistant as it is at this moment, for answering one question.

        A shallow copy: the catalog, articles and caches are shared, not copied, and stay as
        they are in it when `add` / `remove` switch the assistant to a new corpus. A question
        only reads what is shared (the index, the models, the reader), apart from the cache
        of sentence splits, which only gains entries.
        """
        with self._lock:
            return copy.copy(self.bot)

    def _refresh(self) -> None:
        # One assignment: a request reading the articles sees the old dict or the new one.
        self._articles = {article.id: article for article in self.bot.articles}


def clean_upload_paths(paths: object) -> list[Path]:
    """The uploaded files' paths, as the page's file component gives them.

    Example: ['/tmp/gradio/ab12/story.html'] -> [Path('/tmp/gradio/ab12/story.html')]
    """
    if paths is None:
        return []
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if not isinstance(paths, (list, tuple)):
        raise BadRequest("The upload must be a list of files: choose the files again.")
    files = []
    for item in paths:
        # Gradio gives a path string; older clients a dict or an object with `.path` / `.name`.
        path = item.get("path") if isinstance(item, Mapping) else getattr(item, "path", item)
        if not isinstance(path, (str, Path)) or not str(path):
            raise BadRequest("The upload holds something that is not a file: choose the files again.")
        files.append(Path(path))
    return files


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
