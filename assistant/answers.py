"""Answers and citations: the values the assistant hands back.

Every citation carries the verbatim quote and its character offsets into the
article text, so `article.text[c.start:c.end] == c.quote` can be checked by
anyone holding the article. `to_dict` gives the JSON shape the CLI, the web API
and the evals share; `from_dict` reads it back (for history sent over HTTP).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from index.articles import Article

__all__ = ["Citation", "Answer", "ABSTAIN_TEXT", "EXTRACTIVE", "LLM"]

ABSTAIN_TEXT = "The corpus does not say. No article answers this question, so I won't guess."
# Which reader wrote an answer (`Answer.reader`).
EXTRACTIVE = "extractive"
LLM = "llm"


@dataclass(frozen=True)
class Citation:
    """A verbatim quote from one article, with where it sits in the article text."""

    number: int
    article_id: str
    title: str
    outlet: str
    date: str | None
    date_approximate: bool
    quote: str
    start: int
    end: int
    page: int | None = None  # the page of a PDF article the quote starts on

    @classmethod
    def cut(cls, article: Article, *, number: int, start: int, end: int) -> Citation:
        """The quote `article.text[start:end]`, with the article's metadata."""
        return cls(
            number=number,
            article_id=article.id,
            title=article.title,
            outlet=article.outlet,
            date=article.date,
            date_approximate=article.date_approximate,
            quote=article.text[start:end],
            start=start,
            end=end,
            page=article.page_at(start),
        )

    @property
    def date_label(self) -> str:
        """Example: '2015-11 (approx.)', or 'undated'."""
        if not self.date:
            return "undated"
        return f"{self.date} (approx.)" if self.date_approximate else self.date

    @property
    def source_label(self) -> str:
        """Example: 'The Fresno Bee, 2015-11 (approx.)'"""
        return f"{self.outlet}, {self.date_label}"


@dataclass(frozen=True)
class Answer:
    """The reply to one question.

    `text` carries a marker ([1], [2], ...) for each citation. The extractive
    reader writes it from the cited quotes alone; the LLM reader writes it in
    its own words, and every sentence of it that survived the grounding checks
    cites an excerpt whose quote is verbatim. When the evidence is too weak,
    `abstained` is True, `text` says so and there are no citations.
    `confidence` is the probability that the answer is right (for an
    abstention: that the articles indeed do not say), as fitted on
    development data (see `confidence.py`).

    `reader` says which reader wrote the answer (EXTRACTIVE or LLM); `notice`
    is set when the configured reader could not be used and another answered
    instead, and says why.
    """

    question: str
    text: str
    abstained: bool
    confidence: float
    citations: tuple[Citation, ...] = field(default=())
    reader: str = EXTRACTIVE
    notice: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["citations"] = [asdict(c) for c in self.citations]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answer:
        """The inverse of `to_dict`. Raises ValueError naming the missing field."""
        try:
            citations = tuple(Citation(**c) for c in data.get("citations") or ())
            notice = data.get("notice")
            return cls(
                question=str(data["question"]),
                text=str(data["text"]),
                abstained=bool(data["abstained"]),
                confidence=float(data["confidence"]),
                citations=citations,
                reader=str(data.get("reader") or EXTRACTIVE),
                notice=None if notice is None else str(notice),
            )
        except (KeyError, TypeError) as error:
            raise ValueError(
                f"Not an answer: {error}. Pass the dictionaries Answer.to_dict() returns."
            ) from None
