"""Answers and citations: the values the assistant hands back.

Every citation carries the verbatim quote and its character offsets into the
article text, so `article.text[c.start:c.end] == c.quote` can be checked by
anyone holding the article. `to_dict` gives the JSON shape the CLI, the web API
and the evals share; `from_dict` reads it back (for history sent over HTTP).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Citation", "Answer", "ABSTAIN_TEXT"]

ABSTAIN_TEXT = "The corpus does not say. No article answers this question, so I won't guess."


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

    `text` is built only from the cited quotes, each followed by its marker
    ([1], [2], ...). When the evidence is too weak, `abstained` is True, `text`
    says so and there are no citations. `confidence` in [0, 1] grows with the
    strength of the best evidence; 0.5 is the abstention threshold.
    """

    question: str
    text: str
    abstained: bool
    confidence: float
    citations: tuple[Citation, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["citations"] = [asdict(c) for c in self.citations]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answer:
        """The inverse of `to_dict`. Raises ValueError naming the missing field."""
        try:
            citations = tuple(Citation(**c) for c in data.get("citations") or ())
            return cls(
                question=str(data["question"]),
                text=str(data["text"]),
                abstained=bool(data["abstained"]),
                confidence=float(data["confidence"]),
                citations=citations,
            )
        except (KeyError, TypeError) as error:
            raise ValueError(
                f"Not an answer: {error}. Pass the dictionaries Answer.to_dict() returns."
            ) from None
