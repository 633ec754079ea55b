"""Excerpts: the numbered evidence a language model is given to write from.

The same hybrid retrieval and sentence scoring that the extractive reader
uses ranks the sentences of the retrieved passages; `choose_excerpts` keeps
the best few, each widened as a quote is (so that it says who is speaking, see
`answering.attributed`), merges those that overlap, and leaves out a sentence
whose words another excerpt already says (the same story from two outlets),
and any paragraph shaped like instructions to a model (`injection.py`).
Each excerpt is a span of its article's text: whatever the model writes, the
citation it earns quotes `article.text[start:end]`, verbatim.

It does not call a model or check an answer (see `llm_reader.py` and `grounding.py`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assistant.answering import Evidence, attributed
from assistant.answers import Citation
from assistant.attribution import voices
from assistant.injection import addresses_a_model, paragraph_around
from assistant.sentences import Span
from index.articles import Article
from index.terms import terms

__all__ = ["Excerpt", "choose_excerpts", "MAX_EXCERPTS"]

MAX_EXCERPTS = 8
# An excerpt most of whose words another one already holds adds nothing but length to the prompt.
REPEAT_SHARE = 0.8


@dataclass(frozen=True)
class Excerpt:
    """A span of one article, offered to the model as [number]."""

    number: int
    article: Article
    start: int
    end: int
    score: float
    speakers: tuple[str, ...] = ()  # who speaks in it, where that can be read (`attribution.voices`)

    @property
    def text(self) -> str:
        return self.article.text[self.start : self.end]

    @property
    def header(self) -> str:
        """What a reader is shown beside the excerpt.

        Example: '"ACLU letter urges ..." (The Fresno Bee, 2015-11 (approx.))'
        """
        return f'"{self.article.title}" ({self.article.outlet}, {self.article.date_label})'

    def citation(self, number: int) -> Citation:
        """This excerpt as the answer's citation [number]."""
        return Citation.cut(self.article, number=number, start=self.start, end=self.end)


def choose_excerpts(
    evidence: Sequence[Evidence],
    *,
    articles: Mapping[str, Article],
    sentences: Mapping[str, list[Span]],
    limit: int = MAX_EXCERPTS,
) -> list[Excerpt]:
    """The best `limit` evidence sentences as excerpts, numbered from 1 in order of score.

    Example: evidence for 'Who signed the letter?' -> [Excerpt(1, <the letter story>, 574, 715, ...), ...]
    """
    spans: list[tuple[Article, int, int, float]] = []
    seen: list[set[str]] = []
    for ev in sorted(evidence, key=lambda e: -e.score):
        if len(spans) >= limit:
            break
        cand = ev.candidate
        article = articles[cand.article_id]
        start, end = attributed(article.text, sentences[cand.article_id], cand.start, cand.end)
        if addresses_a_model(article.text[slice(*paragraph_around(article.text, start, end))]):
            continue
        merged = _merge(spans, article, start, end)
        if merged:
            continue
        words = set(terms(article.text[start:end]))
        if any(words and len(words & other) >= REPEAT_SHARE * len(words) for other in seen):
            continue
        spans.append((article, start, end, ev.score))
        seen.append(words)
    return [
        Excerpt(
            number=n,
            article=article,
            start=start,
            end=end,
            score=score,
            speakers=voices(article.text, sentences[article.id], start, end),
        )
        for n, (article, start, end, score) in enumerate(spans, start=1)
    ]


def _merge(spans: list[tuple[Article, int, int, float]], article: Article, start: int, end: int) -> bool:
    """Widen an excerpt of the same article that overlaps [start, end); True if there was one."""
    for i, (other, lo, hi, score) in enumerate(spans):
        if other.id == article.id and start <= hi and end >= lo:
            spans[i] = (other, min(lo, start), max(hi, end), score)
            return True
    return False
