"""Extraction: the article text and metadata read out of a web page or a PDF.

`webpages.py` and `pdfs.py` each turn a file's bytes into one `Extraction`;
`articles.py` turns that into an `Article`. An extraction is plain data (no
library objects), so it can be cached as JSON (`extraction_cache.py`) and
read back as it was.

It does not decide ids, defaults or limits; those are the article's business.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["Extraction"]


@dataclass(frozen=True)
class Extraction:
    """What a page or PDF says: its text (paragraphs separated by blank lines) and metadata.

    `pages` holds the offset in `text` at which each PDF page starts; it is empty for a web page.
    """

    text: str
    title: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    date: str | None = None
    pages: tuple[int, ...] = ()

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict. Example: Extraction('Text.').to_json()['text'] -> 'Text.'"""
        return {
            "text": self.text,
            "title": self.title,
            "outlet": self.outlet,
            "authors": list(self.authors),
            "url": self.url,
            "date": self.date,
            "pages": list(self.pages),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Extraction:
        """The extraction `to_json` gave; raises ValueError when `data` is not one.

        The JSON comes from a cache file that may have been damaged, so every field is checked
        rather than trusted.
        """
        text = data.get("text")
        authors = data.get("authors", [])
        pages = data.get("pages", [])
        if not isinstance(text, str):
            raise ValueError("text is missing")
        if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
            raise ValueError("authors must be a list of names")
        if not isinstance(pages, list) or not all(type(p) is int and 0 <= p <= len(text) for p in pages):
            raise ValueError("pages must be offsets into the text")
        if pages != sorted(pages):
            raise ValueError("pages must be in order")
        return cls(
            text=text,
            title=_optional_text(data, "title"),
            outlet=_optional_text(data, "outlet"),
            authors=tuple(authors),
            url=_optional_text(data, "url"),
            date=_optional_text(data, "date"),
            pages=tuple(pages),
        )


def _optional_text(data: Mapping[str, object], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{key} must be text")
    return value
