"""Furniture: the parts of a news page that are not the story, and never the quote.

Saved and scraped articles carry bylines ("By Jane Doe"), datelines
("FRESNO, Calif. (KSEE) –", "CNN —"), leading metadata ("date 2022-02-09",
"Published 3:14 p.m. ET"), photo captions and credits, "Read more" and share
lines, newsletter and subscription prompts, contact lines, and labels of a
few words. `quotable` takes an article's sentence spans and returns those
that may be quoted: furniture sentences are left out, and a dateline or a
metadata prefix is cut from the front of the sentence it opens.

The rules read the shape of a line, for English news pages: they name no
outlet and no story. They leave the article text alone (offsets still point
into it); they only decide where a quote may start and which sentences may
be quoted. A headline is not furniture: it is scored down elsewhere
(`evidence.is_heading`), because it may be the only place a fact is stated.
"""

from __future__ import annotations

import re

from assistant.sentences import Span

__all__ = ["quotable", "is_furniture", "dateline_end"]

# A label, a name or a section title on a line of its own: too short to state anything.
MAX_LABEL_WORDS = 4
MAX_BYLINE_WORDS = 12

_CALLS = re.compile(
    r"^\W*(?:read (?:more|also|next|the full)|related(?: stories| coverage| articles)?\s*:|see also|more\s*:"
    r"|recommended(?: for you)?\s*:|sign up|subscribe|follow (?:us|him|her|them|the)\b|share (?:this|on|via)"
    r"|click here|tap here|download (?:the|our)|listen to (?:the|this|our)|watch(?: now| the video)?\s*:"
    r"|advertisement\b|story continues|continue reading|skip to|this (?:story|article) (?:has been|was) "
    r"(?:updated|originally|first)|copyright\b|©|\(c\)\s|all rights reserved|contributing\s*:|reporting by\b"
    r"|editing by\b|additional reporting\b|need a break\?|get the latest\b|newsletter\b|want more\b)",
    re.I,
)
_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|(?:^|\s)@\w{2,}\b.*\b(?:follow|twitter|x\.com|instagram)"
    r"|\b(?:follow|reach|contact|email|e-mail)\b.{0,60}(?:\bat\b|@|\bon\b).{0,40}(?:@|\(\d{3}\)|\d{3}-\d{4})",
    re.I,
)
_CREDIT = re.compile(
    r"\((?:[A-Z]{2,}\s+)?photo\b[^)]*\)|\bphoto(?:graph)?s?\s*(?:by|:|credit)|\bgetty images\b"
    r"|\bimage credit\b|\bcredit\s*:|\b(?:AP|AFP|Reuters|EPA)\s+Photo\b|\|\s*photo\b",
    re.I,
)
_BYLINE = re.compile(r"^\W*(?i:by)\s+[A-Z][\w.'’-]+(?:[\s,]+(?:and\s+)?[A-Z][\w.'’-]+)*\W*$")
_METADATA = re.compile(
    r"^\s*(?:date|published|updated|posted|last updated|modified)\b[:\s]*"
    r"(?:\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?"
    r"|[\w.,:/ ]{0,40}?\b(?:a\.m\.|p\.m\.|am|pm|et|edt|est|pt|gmt|utc)\b[\w.,: ]*?\d{4}"
    r"|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})\s*",
    re.I,
)
# A dateline opens a paragraph with where and/or which outlet, then a dash:
# "FRESNO, Calif. (KSEE/KGPE) – ", "WASHINGTON (AP) — ", "New York CNN Business — ", "CNN — ".
_PLACE_CAPS = r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"
_NOT_PLACES = r"(?:The|A|An|This|That|These|Those|It|He|She|They|We|In|On|At|For|But|And)\b"
_PLACE = rf"(?!{_NOT_PLACES})[A-Z][a-z]+(?:\s+[A-Z][a-z]+){{0,2}}"
_STATE = r"(?:,\s*[A-Z][A-Za-z.]{1,6}\.?)?"
_OUTLET = r"(?:\([A-Z][\w/&. -]{0,30}\)|[A-Z]{2,}(?:\s+[A-Z][a-z]+)?)"
_DASH = r"(?:\s*[—–]+\s*|\s+--?\s+)"
_DATELINE = re.compile(
    rf"\s*(?:{_PLACE_CAPS}{_STATE}(?:\s*{_OUTLET})?|(?:{_PLACE}|{_PLACE_CAPS}){_STATE}\s*{_OUTLET}"
    rf"|{_PLACE}{_STATE}|{_OUTLET}){_DASH}"
)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ENDS = ".?!:;\"”’')"


def quotable(text: str, spans: list[Span]) -> list[Span]:
    """The sentence spans that may be quoted: furniture left out, datelines cut from the front.

    Example: ' date 2022-02-09 FRESNO, Calif. (KSEE) – A report was released.' ->
    the span of 'A report was released.'
    """
    out: list[Span] = []
    for span in spans:
        sentence = text[span.start : span.end]
        cut = dateline_end(sentence, at_line_start=_opens_line(text, span.start))
        if cut:
            span = Span(span.start + cut, span.end)
            sentence = text[span.start : span.end]
        if sentence.strip() and not is_furniture(sentence):
            out.append(span)
    return out


def is_furniture(sentence: str) -> bool:
    """Example: 'Read more: Sheriff answers critics' -> True; 'The sheriff answered.' -> False"""
    stripped = sentence.strip()
    words = _WORD.findall(stripped)
    if not words:
        return True
    if len(words) <= MAX_LABEL_WORDS and stripped[-1] not in _ENDS:
        return True  # "Arizona", "FINAL THOUGHTS", "— Dan Wolken", "USA TODAY"
    if _CALLS.search(stripped) or _CONTACT.search(stripped) or _CREDIT.search(stripped):
        return True
    return len(words) <= MAX_BYLINE_WORDS and bool(_BYLINE.match(stripped))


def dateline_end(sentence: str, *, at_line_start: bool = True) -> int:
    """How many leading characters of `sentence` are metadata or a dateline (0 if none).

    Only a sentence that opens a line can start with a dateline: mid-paragraph,
    "WASHINGTON – " is the story's own words.
    Example: 'WASHINGTON (AP) — The Senate voted.' -> 17
    """
    if not at_line_start:
        return 0
    cut = 0
    meta = _METADATA.match(sentence)
    if meta and meta.end() < len(sentence):
        cut = meta.end()
    line = _DATELINE.match(sentence, cut)
    if line:
        rest = sentence[line.end() :]
        # What follows must read as a sentence of its own, or this was no dateline.
        if re.match(r"[A-Z“\"‘'(0-9]", rest) and len(_WORD.findall(rest)) >= 3:
            cut = line.end()
    return cut


def _opens_line(text: str, start: int) -> bool:
    return start == 0 or not text[text.rfind("\n", 0, start) + 1 : start].strip()
