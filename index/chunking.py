"""Chunking: splitting an article into passages that remember where they came from.

llama-index's `SentenceSplitter` does the splitting (it keeps sentences whole
where it can); this module turns its chunks into `Passage` values and makes the
character offsets trustworthy: `article.text[p.start:p.end] == p.text` always.

It does not embed or store anything; see `embedding.py` and `store.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from index.articles import Article

__all__ = ["Passage", "Chunker", "passage_id", "passage_digest", "content_digest"]


@dataclass(frozen=True)
class Passage:
    """A span of one article, the unit of retrieval."""

    id: str
    article_id: str
    start: int
    end: int
    text: str


class Chunker:
    """Splits articles into passages of about `chunk_size` tokens.

    Small passages (a sentence or three) suit the embedding model, which was
    trained on short texts, and let retrieval point close to the evidence.
    """

    def __init__(self, *, chunk_size: int, chunk_overlap: int) -> None:
        self.chunk_size = chunk_size
        self.chunk_overlap = chunk_overlap
        self._splitter: Any = None  # a llama-index SentenceSplitter, made on first use

    @property
    def fingerprint(self) -> str:
        """Names the chunking scheme, so an index made with other settings is rebuilt."""
        return f"sentence-splitter:{self.chunk_size}:{self.chunk_overlap}"

    def split(self, article: Article) -> list[Passage]:
        from llama_index.core.node_parser import SentenceSplitter

        if self._splitter is None:
            self._splitter = SentenceSplitter(
                chunk_size=self.chunk_size, chunk_overlap=self.chunk_overlap
            )
        passages: list[Passage] = []
        cursor = 0
        for chunk in self._splitter.split_text(article.text):
            start, end = _locate(article.text, chunk, cursor)
            cursor = start + 1
            text = article.text[start:end]
            if not text.strip():
                continue
            passages.append(
                Passage(
                    id=passage_id(article, len(passages)),
                    article_id=article.id,
                    start=start,
                    end=end,
                    text=text,
                )
            )
        return passages


def passage_id(article: Article, number: int) -> str:
    """Stable for the same article content, new whenever it changes.

    Example: ('fresno-bee', text hash 9f2c...) -> 'fresno-bee#9f2c41d07a1e#3'
    """
    return f"{article.id}#{content_digest(article.content_hash)}#{number}"


def passage_digest(passage_id: str) -> str:
    """The content digest a passage id carries. Example: 'fresno-bee#9f2c41d07a1e#3' -> '9f2c41d07a1e'"""
    return passage_id.rsplit("#", 2)[1]


def content_digest(content_hash: str) -> str:
    """The short form of an article's content hash that its passage ids carry."""
    return content_hash[:12]


def _locate(text: str, chunk: str, cursor: int) -> tuple[int, int]:
    """Where `chunk` sits in `text`: its first occurrence at or after `cursor`.

    The splitter only cuts the text, but it may trim whitespace at a chunk's
    edges, so the stripped form is searched for if the chunk is not found as is.
    """
    for candidate in (chunk, chunk.strip()):
        if not candidate:
            continue
        found = text.find(candidate, cursor)
        if found < 0:
            found = text.find(candidate)
        if found >= 0:
            return found, found + len(candidate)
    raise ValueError("chunk text not found in its article")  # the splitter only cuts, never rewrites
