"""Sentences: cutting article text into sentence spans, offsets kept.

The answerer quotes whole sentences, so it needs to know where each begins and
ends in the original text. A sentence ends at '.', '!' or '?' (after any
closing quote or bracket) when the next word starts a new sentence, and at
every line break. A period after a known abbreviation ("Dec.", "Calif.",
"U.S.") or an initial does not end a sentence. A short fragment with no final
punctuation, such as a speaker's name under a quote, joins the sentence before.

This is rule-based and English-only; it does not try to parse the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Span", "split_sentences"]

ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft capt col gen lt sgt cpl rep sen gov pres supt det
    insp dept vol fig inc ltd co corp bros assn est approx vs etc al jan feb mar apr
    jun jul aug sep sept oct nov dec calif ariz colo conn fla ga ill ind kan ky la md
    mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo u.s
    u.k u.n e.g i.e a.m p.m d.c
    """.split()
)
MAX_SENTENCE_CHARS = 600
_FRAGMENT_WORDS = 6

_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?]*[\"'”’)\]]*$")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of `text`, trimmed of surrounding whitespace.

    Example: 'He left. She said, "No." Then...' -> spans of 'He left.',
    'She said, "No."' and 'Then...'
    """
    spans: list[Span] = []
    for line in re.finditer(r"[^\n]+", text):
        spans.extend(_split_line(text, line.start(), line.end()))
    return _join_fragments(text, spans)


def _split_line(text: str, lo: int, hi: int) -> list[Span]:
    spans = []
    start = lo
    for match in _END.finditer(text, lo, hi):
        end = match.end()
        if _is_abbreviation(text[start:end]):
            continue
        following = text[end:hi].lstrip()
        if following and not (following[0].isupper() or following[0].isdigit() or following[0] in "\"“‘'(["):
            continue
        spans.append(Span(start, end))
        start = end
    spans.append(Span(start, hi))
    return [s for span in spans for s in _bounded(text, _trim(text, span))]


def _is_abbreviation(sentence: str) -> bool:
    match = _WORD_BEFORE.search(sentence)
    if not match or not sentence.rstrip("\"'”’)]").endswith("."):
        return False
    word = match.group(1).lower().rstrip(".")
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _bounded(text: str, span: Span) -> list[Span]:
    """Very long runs without punctuation are cut at spaces into readable pieces."""
    if span.end <= span.start:
        return []
    if span.end - span.start <= MAX_SENTENCE_CHARS:
        return [span]
    pieces = []
    start = span.start
    while span.end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        pieces.append(_trim(text, Span(start, cut)))
        start = cut
    pieces.append(_trim(text, Span(start, span.end)))
    return [p for p in pieces if p.end > p.start]


def _join_fragments(text: str, spans: list[Span]) -> list[Span]:
    """Attach a short unpunctuated fragment (a byline, a speaker's name) to the sentence before.

    Example: 'It is obvious, ... what the laws say. Fresno County Sheriff Margaret Mims'
    stays one sentence.
    """
    out: list[Span] = []
    for span in spans:
        piece = text[span.start : span.end]
        is_fragment = len(piece.split()) <= _FRAGMENT_WORDS and piece[-1] not in ".!?:\"”’"
        same_line = out and "\n" not in text[out[-1].end : span.start]
        if out and is_fragment and same_line and out[-1].end - out[-1].start < MAX_SENTENCE_CHARS:
            out[-1] = Span(out[-1].start, span.end)
        else:
            out.append(span)
    return out
