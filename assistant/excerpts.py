"""Excerpts: the numbered evidence a language model is given to write from.

The same hybrid retrieval and sentence scoring that the extractive reader
uses ranks the sentences of the retrieved passages. `choose_excerpts` gives
the model two things:

- The lead: the article of the best sentence, read on from that sentence (and
  back, once the article ends) for up to `LEAD_CHARS`, cut into excerpts a
  paragraph or a few sentences long, in the article's order. A news story
  states what happened first and why below, in words the question does not
  use ("Why did the ACLU want ...?" is answered by "This plan will erode
  community trust ...", the letter says), so no scoring of single sentences
  against the question finds the reason; reading the story on does.
- The best few sentences of the other passages, each widened as a quote is
  (so that it says who is speaking, see `answering.attributed`), merged where
  they overlap, and left out where another excerpt already says their words
  (the same story from two outlets).

Any paragraph shaped like instructions to a model is left out (`injection.py`).
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

__all__ = ["Excerpt", "choose_excerpts", "MAX_EXCERPTS", "LEAD_CHARS"]

# Excerpts beside the lead, from the other passages.
MAX_EXCERPTS = 6
# How much of the best sentence's article the model reads, and how long one excerpt of it may be.
LEAD_CHARS = 1500
LEAD_PIECE_CHARS = 400
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
    lead_chars: int = LEAD_CHARS,
) -> list[Excerpt]:
    """The lead's excerpts in the article's order, then the best `limit` others by score; numbered from 1.

    Example: evidence for 'Who signed the letter?' -> [Excerpt(1, <the letter story>, 0, 160, ...), ...]
    """
    ranked = sorted(evidence, key=lambda e: -e.score)
    spans: list[tuple[Article, int, int, float]] = []
    if ranked and lead_chars > 0:
        spans = _lead(ranked, articles[ranked[0].candidate.article_id], sentences, lead_chars)
    lead = len(spans)
    seen = [set(terms(article.text[start:end])) for article, start, end, _ in spans]
    for ev in ranked:
        if len(spans) - lead >= limit:
            break
        cand = ev.candidate
        article = articles[cand.article_id]
        start, end = attributed(article.text, sentences[cand.article_id], cand.start, cand.end)
        if addresses_a_model(article.text[slice(*paragraph_around(article.text, start, end))]):
            continue
        if _merge(spans, article, start, end, lead=lead):
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


def _lead(
    ranked: Sequence[Evidence], article: Article, sentences: Mapping[str, list[Span]], budget: int
) -> list[tuple[Article, int, int, float]]:
    """The best sentence's article around it, up to `budget` characters, in pieces, in order.

    It reads on from the best sentence's piece, and back from it once the article ends.
    Each piece scores as the best evidence sentence it holds (0 if it holds none).
    Example: best sentence in piece 3 of 9, budget for 4 pieces -> pieces 3, 4, 5, 6
    """
    pieces = _pieces(article.text, sentences[article.id])
    if not pieces:
        return []
    best = ranked[0].candidate.start
    lo = hi = next((i for i, (_, end) in enumerate(pieces) if best < end), len(pieces) - 1)
    size = _width(pieces[lo])
    while hi + 1 < len(pieces) and size + _width(pieces[hi + 1]) <= budget:
        hi += 1
        size += _width(pieces[hi])
    while lo > 0 and size + _width(pieces[lo - 1]) <= budget:
        lo -= 1
        size += _width(pieces[lo])
    scores = [e for e in ranked if e.candidate.article_id == article.id]
    return [
        (article, start, end, max((e.score for e in scores if start <= e.candidate.start < end), default=0.0))
        for start, end in pieces[lo : hi + 1]
    ]


def _pieces(text: str, spans: Sequence[Span]) -> list[tuple[int, int]]:
    """The article's sentences in runs: a paragraph each, cut where a run would pass
    `LEAD_PIECE_CHARS`; paragraphs shaped like instructions to a model left out.

    Example: 'One. Two.\n\nThree.' -> [(0, 9), (11, 17)]
    """
    pieces: list[tuple[int, int]] = []
    paragraph: tuple[int, int] | None = None
    instructs = False
    for span in spans:
        around = paragraph_around(text, span.start, span.end)
        if around != paragraph:
            paragraph, instructs = around, addresses_a_model(text[slice(*around)])
            if not instructs:
                pieces.append((span.start, span.end))
        elif not instructs:
            if span.end - pieces[-1][0] <= LEAD_PIECE_CHARS:
                pieces[-1] = (pieces[-1][0], span.end)
            else:
                pieces.append((span.start, span.end))
    return pieces


def _width(piece: tuple[int, int]) -> int:
    return piece[1] - piece[0]


def _merge(
    spans: list[tuple[Article, int, int, float]], article: Article, start: int, end: int, *, lead: int
) -> bool:
    """Whether an excerpt already takes in [start, end) of `article`, widening it to do so.

    One of the first `lead` (the lead's pieces) keeps its bounds and takes in whatever
    it overlaps; any other is widened to hold a span that overlaps or touches it.
    """
    for i, (other, lo, hi, score) in enumerate(spans):
        if other.id != article.id:
            continue
        if i < lead and start < hi and end > lo:
            return True
        if i >= lead and start <= hi and end >= lo:
            spans[i] = (other, min(lo, start), max(hi, end), score)
            return True
    return False
