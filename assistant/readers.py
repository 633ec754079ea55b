"""Readers: what writes an answer from the evidence, behind one interface.

A reader is handed a `Reading` (the question, the conversation so far, the
scored evidence and the numbered excerpts cut from it) and yields the text of
its answer as it writes it, then a `Draft`: the whole text, with markers [n]
that refer to the draft's own excerpts. Two readers exist:

- `ExtractiveReader`: the answer is made of the best sentences themselves
  (see `answering.py`); no model, no network. The default.
- `LLMReader` (`llm_reader.py`): a language model on any OpenAI-compatible
  server writes the answer from the excerpts.

What a reader writes is not trusted: the assistant checks every draft with
`grounding.ground` and cuts every quote from its article at the excerpt's
offsets, whichever reader wrote it. A reader that cannot answer (its server
is down, say) raises `ReaderUnavailable`; the assistant then answers with the
extractive reader and says why in `Answer.notice`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from assistant.answering import Answerer, Evidence
from assistant.answers import EXTRACTIVE, Answer
from assistant.excerpts import Excerpt
from assistant.questions import Question
from assistant.sentences import Span
from index.articles import Article
from index.errors import AssistantError

__all__ = ["Reading", "Draft", "Reader", "ReaderUnavailable", "ExtractiveReader"]


class ReaderUnavailable(AssistantError):
    """The reader could not write an answer; the message says why, for `Answer.notice`."""


@dataclass(frozen=True)
class Reading:
    """Everything a reader may use to answer one question."""

    question: str  # as asked
    history: tuple[Answer, ...]  # earlier answers, oldest first
    parsed: Question  # the question retrieval was run with, read
    named: tuple[str, ...]  # ids of the articles the question names
    evidence: tuple[Evidence, ...]  # scored sentences, best first
    excerpts: tuple[Excerpt, ...]  # the best of them, numbered from 1; none when none is strong enough
    articles: Mapping[str, Article]
    sentences: Mapping[str, list[Span]]


@dataclass(frozen=True)
class Draft:
    """A reader's answer before the checks: `text` cites `excerpts` by their numbers."""

    text: str
    excerpts: tuple[Excerpt, ...]
    reader: str
    abstained: bool = False


class Reader(Protocol):
    """Writes the answer to one question."""

    name: str

    def read(self, reading: Reading) -> Iterator[str | Draft]:
        """Pieces of the answer's text as they are written, then the `Draft`."""
        ...

    def standalone(self, question: str, history: Sequence[Answer]) -> str | None:
        """`question` rewritten to be understood without the conversation, or None to keep it.

        Raises `ReaderUnavailable` when the reader cannot do it (the server is down).
        """
        ...


class ExtractiveReader:
    """The answer is the best evidence sentences, verbatim (see `answering.Answerer`)."""

    name = EXTRACTIVE

    def __init__(self, answerer: Answerer | None = None) -> None:
        self.answerer = answerer or Answerer()

    def read(self, reading: Reading) -> Iterator[str | Draft]:
        articles = dict(reading.articles)
        sentences = dict(reading.sentences)
        if len(reading.named) > 1:
            answer = self.answerer.compose_across(
                reading.evidence,
                reading.named,
                articles=articles,
                sentences=sentences,
                asked=reading.question,
            )
        else:
            answer = self.answerer.compose(
                reading.parsed,
                reading.evidence,
                articles=articles,
                sentences=sentences,
                asked=reading.question,
            )
        excerpts = tuple(
            Excerpt(
                number=c.number,
                article=articles[c.article_id],
                start=c.start,
                end=c.end,
                score=_best_inside(reading.evidence, c.article_id, c.start, c.end),
            )
            for c in answer.citations
        )
        yield Draft(text=answer.text, excerpts=excerpts, reader=self.name, abstained=answer.abstained)

    def standalone(self, question: str, history: Sequence[Answer]) -> str | None:
        return None  # the extractive reader weighs the earlier question's words itself


def _best_inside(evidence: Sequence[Evidence], article_id: str, start: int, end: int) -> float:
    """The score of the best evidence sentence within a quote: what the quote was chosen for."""
    scores = [
        e.score for e in evidence if e.candidate.article_id == article_id and start <= e.candidate.start < end
    ]
    return max(scores, default=0.0)
