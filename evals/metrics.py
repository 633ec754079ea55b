"""Metrics: the per-case measures and how they are averaged, as pure functions.

Every measure compares a system's output with the gold fields of a case by
string and offset arithmetic: article ids, character spans and normalised
substrings. Nothing here calls a model or a judge, runs a system, or reads a
file; each set's `scoring` (`evals.seeds.scoring`, `evals.realnews.scoring`) feeds these
functions with observed answers.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = [
    "CORRECT",
    "MISSING",
    "HALLUCINATED",
    "Span",
    "normalise",
    "contains_fact",
    "key_fact_recall",
    "ranked_articles",
    "hit_at_1",
    "hit_at",
    "reciprocal_rank",
    "evidence_recall",
    "is_verbatim",
    "citation_precision",
    "citation_recall",
    "quote_supports_gold",
    "crag_outcome",
    "crag_score",
    "mean",
    "percentile",
]

CORRECT = "correct"
MISSING = "missing"
HALLUCINATED = "hallucinated"

# Typographic variants that a reader would call "the same character".
_QUOTE_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Span:
    """A character range [start, end) of one article's text."""

    article: str
    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        """True when both spans share at least one character of the same article.

        Example: Span('a', 0, 10).overlaps(Span('a', 9, 20)) -> True; (…, 10, 20) -> False
        """
        return self.article == other.article and self.start < other.end and other.start < self.end


def normalise(text: str) -> str:
    """Case-folded text with curly quotes made straight and whitespace runs made one space.

    Example: 'The  “Sheriff’s”\u00a0Office' -> 'the "sheriff\\'s" office'
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_MAP)
    return _SPACE.sub(" ", text).strip().casefold()


def contains_fact(text: str, fact: str) -> bool:
    """Whether `fact` occurs in `text` once both are normalised.

    Example: ('About 100 inmates a day [1].', '100 INMATES') -> True
    """
    return normalise(fact) in normalise(text)


def key_fact_recall(text: str, facts: Sequence[str]) -> float:
    """Fraction of `facts` found in `text`. Example: ('23 were held', ['23', '134']) -> 0.5"""
    if not facts:
        return 1.0
    return sum(contains_fact(text, fact) for fact in facts) / len(facts)


def ranked_articles(article_ids: Iterable[str]) -> list[str]:
    """Retrieved passages collapsed to articles, keeping first-seen order.

    Example: ['a', 'b', 'a', 'c'] -> ['a', 'b', 'c']
    """
    return list(dict.fromkeys(article_ids))


def hit_at_1(ranked: Sequence[str], gold: Iterable[str]) -> float:
    """1.0 when the top article is a gold one. Example: (['b', 'a'], ['a']) -> 0.0"""
    return 1.0 if ranked and ranked[0] in set(gold) else 0.0


def hit_at(ranked: Sequence[str], gold: Iterable[str], n: int) -> float:
    """1.0 when a gold article is among the first `n`. Example: (['b', 'c', 'a'], ['a'], 3) -> 1.0"""
    return 1.0 if set(ranked[:n]) & set(gold) else 0.0


def reciprocal_rank(ranked: Sequence[str], gold: Iterable[str]) -> float:
    """1 / rank of the first gold article, 0.0 if none. Example: (['b', 'a'], ['a']) -> 0.5"""
    wanted = set(gold)
    for rank, article in enumerate(ranked, start=1):
        if article in wanted:
            return 1.0 / rank
    return 0.0


def evidence_recall(retrieved: Sequence[Span], gold: Sequence[Sequence[Span]]) -> float:
    """Fraction of gold quotes overlapped by at least one retrieved span.

    `gold` holds, for each quote, every place it occurs (usually one).
    Example: retrieved [Span('a', 0, 50)], gold [[Span('a', 40, 60)], [Span('a', 70, 90)]] -> 0.5
    """
    if not gold:
        return 1.0
    found = sum(any(hit.overlaps(place) for hit in retrieved for place in places) for places in gold)
    return found / len(gold)


def is_verbatim(article_text: str | None, quote: str, start: int, end: int) -> bool:
    """Whether the quote is exactly the article text at its offsets.

    Example: ('Hello world', 'world', 6, 11) -> True; ('Hello world', 'World', 6, 11) -> False
    """
    if article_text is None or not quote:
        return False
    if not (0 <= start <= end <= len(article_text)):
        return False
    return article_text[start:end] == quote


def citation_precision(cited: Iterable[str], gold: Iterable[str]) -> float:
    """Fraction of distinct cited articles that are gold; 0.0 when nothing is cited.

    Example: (['a', 'b', 'b'], ['a']) -> 0.5
    """
    cited_set, gold_set = set(cited), set(gold)
    if not cited_set:
        return 0.0
    return len(cited_set & gold_set) / len(cited_set)


def citation_recall(cited: Iterable[str], gold: Iterable[str]) -> float:
    """Fraction of gold articles that are cited. Example: (['a'], ['a', 'b']) -> 0.5"""
    cited_set, gold_set = set(cited), set(gold)
    if not gold_set:
        return 1.0
    return len(cited_set & gold_set) / len(gold_set)


def quote_supports_gold(
    quotes: Sequence[tuple[Span, str]],
    gold: Sequence[Sequence[Span]],
    facts: Sequence[str],
) -> bool:
    """Whether some cited quote overlaps a gold evidence span or contains a key fact.

    `quotes` pairs each cited span with its quoted text.
    Example: ([(Span('a', 0, 9), 'Two agents')], [[Span('b', 0, 9)]], ['two agents']) -> True
    """
    for span, text in quotes:
        if any(span.overlaps(place) for places in gold for place in places):
            return True
        if any(contains_fact(text, fact) for fact in facts):
            return True
    return False


def crag_outcome(*, answerable: bool, abstained: bool, all_facts: bool) -> str:
    """CRAG-style outcome of one case.

    answerable: abstained -> missing; answered with every key fact -> correct; else hallucinated.
    unanswerable: abstained -> correct; answered -> hallucinated.
    """
    if not answerable:
        return CORRECT if abstained else HALLUCINATED
    if abstained:
        return MISSING
    return CORRECT if all_facts else HALLUCINATED


def crag_score(outcomes: Sequence[str]) -> float | None:
    """(correct − hallucinated) / n. Example: ['correct', 'missing', 'hallucinated', 'correct'] -> 0.25"""
    if not outcomes:
        return None
    return (outcomes.count(CORRECT) - outcomes.count(HALLUCINATED)) / len(outcomes)


def mean(values: Iterable[float]) -> float | None:
    """The average, or None when there is nothing to average. Example: [1, 0, 0.5] -> 0.5"""
    items = list(values)
    return sum(items) / len(items) if items else None


def percentile(values: Iterable[float], q: float) -> float | None:
    """The q-th percentile (0–100) with linear interpolation between ranks.

    Example: ([1, 2, 3, 4], 50) -> 2.5; ([1, 2, 3, 4], 95) -> 3.85
    """
    items = sorted(values)
    if not items:
        return None
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is outside 0–100: pass a value such as 50 or 95.")
    position = (len(items) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return items[low] + (items[high] - items[low]) * (position - low)
