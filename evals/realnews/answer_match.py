"""Answer matching: does a text hold a short gold answer such as "Through open adoption" or "25%"?

A text *holds* a gold answer when every content word of the gold occurs in it,
compared as the project's lexical search compares words (lower-cased, accents
folded, stemmed with `index.terms.stem`), in any order:

    holds_answer("Birth mothers turned to open adoptions.", "Through open adoption")   # True
    holds_answer("About 25 percent were absent.", "25%")                              # True
    answer_window(article_text, "Ship Bottom")       # (start, end) of the tightest window, or None

The rules, in order of application:

1. Content words: stop words and function words ("through", "due", "it",
   "the", ...; `GOLD_STOP_WORDS`) are dropped from the gold, never from the
   text. A capitalised acronym keeps its place ("US", "WHO"), and so do month
   names ("May 5"). A gold with no content word left falls back to its whole
   normalised text, which must then occur as a phrase.
2. Numbers match as numbers: "36,000" is 36000, "1.50" is 1.5, "five" is 5
   (zero to ninety-nine written out), "31st" is 31, "1980s" is 1980, "%" and
   "per cent" are "percent", "bn" is "billion", and currency signs are no
   words, so "25%" ~ "25 percent" and "$1.2 billion" ~ "1.2bn"
   (`evals.realnews.words`).
3. A hyphenated word matches written as one word or as its parts:
   "semi-colon" ~ "semicolon", "COVID-19" ~ "Covid 19".
4. In an article the gold must be held by one *window*: up to three
   consecutive sentences spanning at most `WINDOW_CHARS` characters (a single
   sentence always counts; one longer than `SEGMENT_CHARS` is cut into pieces
   of about that length), so that words scattered over a long article do not
   count as the answer. `answer_window` returns the shortest such window.

Nothing here knows any particular question: the rules are the same for every
gold. This module does not decide which questions can be asked or which
articles a case cites; see `evals.realnews.questions`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from evals.realnews.words import (
    NUMBER,
    SCALES,
    TOKEN,
    joined_term,
    merge_scales,
    scaled,
    token_parts,
    token_terms,
)
from index.terms import MONTHS, STOP_WORDS

__all__ = [
    "GOLD_STOP_WORDS",
    "SEGMENT_CHARS",
    "WINDOW_CHARS",
    "WINDOW_SENTENCES",
    "GoldAnswer",
    "TextReading",
    "answer_window",
    "holds_answer",
    "parse_gold",
    "read_text",
    "sentence_spans",
]

# A window is a sentence and its neighbours: up to three sentences, at most 600 characters.
WINDOW_SENTENCES = 3
WINDOW_CHARS = 600
# A "sentence" longer than this (a list, a caption run, text without full stops) is cut into
# pieces of about this length, so that even one long sentence is no whole article.
SEGMENT_CHARS = 400

# Words that carry no answer in a choice's text ("Due to high costs", "Through open adoption",
# "It was vetoed by the governor"): the project's stop words plus a few prepositions. Month names
# are content ("May 5" is no modal verb); the text side keeps every word.
GOLD_STOP_WORDS = (STOP_WORDS - set(MONTHS)) | frozenset(
    "due via amid amidst among amongst across toward towards onto despite along alongside "
    "beyond throughout".split()
)

_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*[^\S\n]+")
# Titles and short forms whose full stop ends no sentence ("Sen. Warren", "No. 3", "St. Louis").
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr sen rep gov gen lt col capt sgt prof inc co corp ltd no nos vs mt ft "
    "jan feb mar apr aug sep sept oct nov dec".split()
)


@dataclass(frozen=True)
class GoldAnswer:
    """A gold answer read for matching.

    `requirements` holds one entry per content word: the alternative ways it may
    be written, each a tuple of terms that must all occur. `phrase` is the whole
    normalised gold, used only when there is no content word.
    """

    text: str
    requirements: tuple[tuple[tuple[str, ...], ...], ...]
    phrase: tuple[str, ...]

    def held_by(self, terms: frozenset[str] | set[str]) -> bool:
        """Whether a set of terms holds every content word; False for a gold of function words only,
        whose phrase needs the words in order (see `TextReading.holds`)."""
        if not self.requirements:
            return False
        return all(any(all(t in terms for t in alt) for alt in req) for req in self.requirements)

    @property
    def words(self) -> frozenset[str]:
        """Every term any requirement could use (for a quick look at a passage)."""
        return frozenset(t for req in self.requirements for alt in req for t in alt) or frozenset(self.phrase)


@dataclass(frozen=True)
class TextReading:
    """A text cut into segments (sentences, or pieces of long ones), each with its terms."""

    text: str
    segments: tuple[tuple[int, int], ...]
    segment_terms: tuple[frozenset[str], ...]
    segment_phrases: tuple[tuple[str, ...], ...]

    @cached_property
    def terms(self) -> frozenset[str]:
        return frozenset().union(*self.segment_terms)

    def holds(self, gold: GoldAnswer) -> bool:
        """Anywhere in the text, words possibly far apart."""
        if gold.requirements:
            return gold.held_by(self.terms)
        flat = tuple(term for phrase in self.segment_phrases for term in phrase)
        return _contains(flat, gold.phrase)

    def window(self, gold: GoldAnswer) -> tuple[int, int] | None:
        """The shortest window holding the gold, earliest first; None when no window does."""
        if not (gold.requirements or gold.phrase) or not self.holds(gold):
            return None
        words = gold.words
        # The shortest window starts and ends with a segment holding a gold word (else a smaller
        # window would hold it too), so only those segments are tried as ends.
        marked = [i for i, terms in enumerate(self.segment_terms) if not words.isdisjoint(terms)]
        best: tuple[int, int] | None = None
        for first in marked:
            for last in range(first, min(first + WINDOW_SENTENCES, len(self.segments))):
                start, end = self.segments[first][0], self.segments[last][1]
                if last > first and end - start > WINDOW_CHARS:
                    break
                if best is not None and end - start >= best[1] - best[0]:
                    break  # wider still with each further sentence
                if self._window_holds(gold, first, last):
                    best = (start, end)
                    break
        return best

    def _window_holds(self, gold: GoldAnswer, first: int, last: int) -> bool:
        if gold.requirements:
            sets = self.segment_terms[first : last + 1]
            return all(
                any(all(any(t in s for s in sets) for t in alt) for alt in req) for req in gold.requirements
            )
        flat = tuple(term for phrase in self.segment_phrases[first : last + 1] for term in phrase)
        return _contains(flat, gold.phrase)


def holds_answer(text: str, gold: str | GoldAnswer) -> bool:
    """Whether `text` holds every content word of `gold`, anywhere in it.

    Example: holds_answer("It cost $1.2bn.", "$1.2 billion") -> True
    """
    return read_text(text).holds(gold if isinstance(gold, GoldAnswer) else parse_gold(gold))


def answer_window(article_text: str, gold: str | GoldAnswer) -> tuple[int, int] | None:
    """The character span of the shortest window of the article that holds the gold, or None.

    Example: answer_window("Hi. The tower came from Ship Bottom. Bye.", "Ship Bottom") -> (4, 36)
    """
    return read_text(article_text).window(gold if isinstance(gold, GoldAnswer) else parse_gold(gold))


@lru_cache(maxsize=4096)
def parse_gold(gold: str) -> GoldAnswer:
    """Read a gold answer into the words it needs.

    Example: parse_gold("Due to high costs").requirements -> ((('high',),), (('cost',),))
    """
    tokens = list(TOKEN.finditer(gold))
    # In a gold written all in capitals ("THE EDGE") capitals tell no acronym apart.
    shouting = len(tokens) > 1 and gold.upper() == gold
    requirements: list[tuple[tuple[str, ...], ...]] = []
    phrase: list[str] = []
    previous = ""
    for match in tokens:
        raw = match.group()
        parts = token_parts(raw)
        if previous == "per" and raw.casefold() == "cent":  # "per cent" is "percent"
            parts = ((raw, "percent", ("percent",)),)
        previous = raw.casefold()
        content: list[str] = []
        for raw_part, clean, terms in parts:
            phrase.extend(terms)
            acronym = not shouting and len(raw_part) > 1 and raw_part.isupper()
            if clean not in GOLD_STOP_WORDS or acronym:
                content.extend(terms)
        if not content:
            continue
        if len(parts) == 1:
            requirements.extend(((term,),) for term in content)
        else:
            requirements.append(((joined_term(tuple(clean for _, clean, _ in parts)),), tuple(content)))
    return GoldAnswer(text=gold, requirements=merge_scales(requirements), phrase=tuple(phrase))


def read_text(text: str) -> TextReading:
    """Cut a text into segments and read the terms of each.

    Example: read_text("U.S. tariffs rose 25%. Then fell.").segment_terms[0]
    -> frozenset({'us', 'tariff', 'rose', '25', 'percent'})
    """
    segments = tuple(sentence_spans(text))
    terms: list[frozenset[str]] = []
    phrases: list[tuple[str, ...]] = []
    for start, end in segments:
        segment_terms: set[str] = set()
        phrase: list[str] = []
        for raw in TOKEN.findall(text, start, end):
            token_phrase, held = token_terms(raw)
            # Read with the word before: "$5 million" is also 5000000, "per cent" is "percent".
            if phrase and token_phrase[0] in SCALES and NUMBER.fullmatch(phrase[-1]):
                segment_terms.add(scaled(phrase[-1], token_phrase[0]))
            elif phrase and token_phrase[0] == "cent" and phrase[-1] == "per":
                segment_terms.add("percent")
            segment_terms.update(held)
            phrase.extend(token_phrase)
        terms.append(frozenset(segment_terms))
        phrases.append(tuple(phrase))
    return TextReading(text, segments, tuple(terms), tuple(phrases))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences and lines of `text` as (start, end) spans, long ones cut near `SEGMENT_CHARS`.

    A full stop after an initial, an initialism or a title ("J.", "U.S.", "Sen.")
    or before a lower-case word ends no sentence.
    Example: sentence_spans("Sen. Ann Lee of the U.S. spoke. Why?\\nYes") -> [(0, 31), (32, 36), (37, 40)]
    """
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start() + len(line.group()) - len(line.group().lstrip())
        for boundary in _SENTENCE_END.finditer(text, start, line.end()):
            if boundary.end() == line.end() or not _ends_sentence(text, boundary.start(), boundary.end()):
                continue
            _add_segment(spans, text, start, boundary.start() + len(boundary.group().rstrip()))
            start = boundary.end()
        _add_segment(spans, text, start, line.start() + len(line.group().rstrip()))
    return spans


def _ends_sentence(text: str, stop: int, after: int) -> bool:
    """Whether the punctuation at `stop` ends a sentence: not after 'U.S' or 'Sen', not before 'the'."""
    if after < len(text) and text[after].islower():
        return False
    if text[stop] != ".":
        return True
    word = re.search(r"[\w.]*$", text[max(0, stop - 12) : stop])
    before = word.group() if word else ""
    return not (re.fullmatch(r"(?:[^\W\d_]\.)*[^\W\d_]", before) or before.casefold() in _ABBREVIATIONS)


def _add_segment(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """Append text[start:end] as one segment, or as pieces of about `SEGMENT_CHARS` when longer."""
    while end - start > SEGMENT_CHARS:
        # Cut at the last space of the piece's second half, or mid-word if it has none.
        cut = text.rfind(" ", start + SEGMENT_CHARS // 2, start + SEGMENT_CHARS)
        if cut == -1:
            cut = start + SEGMENT_CHARS
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        spans.append((start, piece_end))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))


def _contains(sequence: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    if not phrase:
        return False
    n = len(phrase)
    return any(sequence[i : i + n] == phrase for i in range(len(sequence) - n + 1))
