"""Grounding: checking a written answer against the excerpts it cites.

A reader writes an answer citing numbered excerpts as [n]. A language model
may forget a marker, cite a number it was never given, or put words in
quotation marks that no excerpt holds. `ground` reads the draft sentence by
sentence and keeps only what it can tie to an excerpt, by these rules:

1. A number that was not offered is struck out.
2. Words in quotation marks must be in a cited excerpt (case, quote style and
   spacing aside; an ellipsis may join pieces). If another offered excerpt
   holds them, that excerpt is cited instead; if none does, the sentence is dropped.
3. A cited excerpt must share at least one content word with the sentence, or
   the citation is struck out: a marker on an unrelated claim proves nothing.
   Every figure of the sentence (a number, a year, a date) must be in what it
   cites, the excerpt or its article's title and date; an offered excerpt that
   holds the missing ones is cited too, and if none does the sentence is dropped.
4. A sentence left citing nothing is re-cited by matching: first to what the
   next cited sentence cites (writers often cite once after a run of
   sentences), else to the excerpt holding most of its words, provided the
   excerpt holds at least `RECITE_SHARE` of its content words, and two or
   more of them: one shared word ("This is stated in ...") ties nothing.
   Otherwise the sentence is dropped.
5. A draft that says the excerpts do not answer (see `DECLINE`) declines; so
   does one of which no sentence survives. Either way the answer abstains.

A sentence with no content word at all ("Yes.") states nothing to check and
is kept beside the claims, or dropped when none survives. An excerpt copied
whole and followed by its own marker is one claim, however many sentences or
lines it holds: it is the excerpt.

The rules are mechanical: nothing here judges whether a sentence is true, only
whether it is tied to words an article really contains. The quote the reader
is shown is always the excerpt itself, cut from the article at its offsets,
never the model's wording. An answer already made of its excerpts' own words
(the extractive reader's) passes unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from index.terms import terms, tokens

__all__ = ["Claim", "Dropped", "Grounded", "ground", "RECITE_SHARE", "DECLINE"]

# A sentence without a marker goes to an excerpt that holds at least this share of its content words.
RECITE_SHARE = 0.5
RECITE_MIN_WORDS = 2
# What the model is told to write when the excerpts do not answer;
# `_DECLINES` catches what models write instead.
DECLINE = "NOT IN THE ARTICLES"
_DECLINES = re.compile(
    r"\bnot in the (?:articles|excerpts)\b"
    r"|\b(?:articles|excerpts|sources|context|provided information|text)\s+(?:do|does)\s+not\s+"
    r"(?:say|state|mention|contain|include|provide|specify|answer|address|discuss|indicate)\b"
    r"|\b(?:there is|there's|i have|i found)\s+no\s+(?:information|mention)\b"
    r"|\bno (?:information|mention) (?:about|of|on|regarding)\b"
    r"|\b(?:cannot|can't|unable to)\s+(?:be\s+)?(?:answer(?:ed)?|determine[d]?|find|found)\b",
    re.I,
)
_MARKER = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_MARKERS_AFTER = re.compile(r"(?:[ \t]*\[\d+(?:\s*[,;]\s*\d+)*\])+")
_STOP = re.compile(r"[.!?…]+[\"'”’)]*(?=\s|\[|$)")
_QUOTED = re.compile(r"“([^”]{2,}?)”|\"([^\"]{2,}?)\"")
_BULLET = re.compile(r"[ \t]*(?:[-*•]|\d+[.)])[ \t]+")
# "Dec. 1" or "U.S. Rep." is not the end of a sentence.
_ABBREVIATION = re.compile(
    r"(?:^|[\s(])(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gov|Sen|Rep|Gen|Lt|Sgt|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|"
    r"Sept|Oct|Nov|Dec|Calif|Ariz|Fla|Tex|Wash|Mass|Ore|Nev|Inc|Co|Corp|vs|U\.S|U\.K|D\.C)\.$"
)


@dataclass(frozen=True)
class Claim:
    """A sentence of the answer and the excerpts it cites (their offered numbers)."""

    text: str  # as written, markers removed
    cites: tuple[int, ...]


@dataclass(frozen=True)
class Dropped:
    """A sentence left out of the answer, and why."""

    text: str
    reason: str


@dataclass(frozen=True)
class Grounded:
    """What survived the checks.

    `text` is the answer rebuilt from the surviving sentences, each followed
    by the markers of what it cites, numbered 1, 2, ... in order of first
    citation; `order[i]` is the offered number of citation i + 1.
    """

    text: str
    claims: tuple[Claim, ...]
    order: tuple[int, ...] = ()
    dropped: tuple[Dropped, ...] = ()
    declined: bool = False
    struck: tuple[int, ...] = ()  # numbers cited that were never offered

    @property
    def abstains(self) -> bool:
        return self.declined or not self.claims


@dataclass(frozen=True)
class _Sentence:
    start: int  # in the draft, markers included
    end: int
    text: str  # markers removed
    numbers: tuple[int, ...]  # as written, offered or not


def ground(draft: str, excerpts: Mapping[int, str], *, headers: Mapping[int, str] | None = None) -> Grounded:
    """Check `draft` against `excerpts` ({offered number: excerpt text}).

    `headers` ({offered number: title, outlet and date}) is what the reader was
    shown beside each excerpt: a figure may come from there too.

    Example: ('Eighteen groups signed it [3]. They met on Mars [7].',
    {3: 'Eighteen organizations signed the letter.'}) -> text 'Eighteen groups signed it. [1]',
    order (3,); the second sentence is dropped (7 was never offered, and no excerpt holds its words).
    """
    sentences = _units(draft, excerpts)
    stated = [s for s in sentences if _words(s.text)]
    if not stated or all(_declines(s, excerpts) for s in stated):
        return Grounded(text="", claims=(), declined=bool(stated))
    struck = [n for s in sentences for n in s.numbers if n not in excerpts]
    kept: list[tuple[_Sentence, tuple[int, ...] | None]] = []  # None: states nothing to cite
    dropped: list[Dropped] = []
    for index, sentence in enumerate(sentences):
        if not _words(sentence.text):
            # Nothing to check; a marker on it ("“No.” [2]") is kept if it was offered.
            offered = tuple(dict.fromkeys(n for n in sentence.numbers if n in excerpts))
            kept.append((sentence, offered or None))
            continue
        if _declines(sentence, excerpts):
            dropped.append(Dropped(sentence.text, "says the excerpts do not answer"))
            continue
        cites, reason = _tie(sentence, _next_cited(sentences, index, excerpts), excerpts, headers or {})
        if cites:
            kept.append((sentence, cites))
        else:
            dropped.append(Dropped(sentence.text, reason))
    claims = tuple(Claim(s.text, cites) for s, cites in kept if cites and _words(s.text))
    if not claims:
        return Grounded(text="", claims=(), dropped=tuple(dropped), struck=tuple(dict.fromkeys(struck)))
    text, order = _rebuild(draft, kept)
    return Grounded(
        text=text, claims=claims, order=order, dropped=tuple(dropped), struck=tuple(dict.fromkeys(struck))
    )


def _declines(sentence: _Sentence, excerpts: Mapping[int, str]) -> bool:
    """The sentence says the excerpts do not answer, and cites none that would.

    A sentence that cites an excerpt holding its words is a claim even if it says
    "cannot": an article may.
    """
    return bool(_DECLINES.search(sentence.text)) and not _own(sentence, excerpts)


def _own(sentence: _Sentence, excerpts: Mapping[int, str]) -> list[int]:
    """The offered excerpts the sentence cites that share a content word with it (rules 1 and 3)."""
    words = _words(sentence.text)
    return [n for n in dict.fromkeys(sentence.numbers) if n in excerpts and words & _words(excerpts[n])]


def _tie(
    sentence: _Sentence, following: tuple[int, ...], excerpts: Mapping[int, str], headers: Mapping[int, str]
) -> tuple[tuple[int, ...], str]:
    """Rules 1-4 for one sentence: the excerpts it may cite, or (empty) why it may cite none."""
    words = _words(sentence.text)
    cites = _own(sentence, excerpts)
    for quoted in _quotations(sentence.text):
        if any(_holds(excerpts[n], quoted) for n in cites):
            continue
        holders = [n for n in excerpts if _holds(excerpts[n], quoted)]
        if not holders:
            return (), f"quotes words no excerpt holds: “{quoted}”"
        cites.insert(0, holders[0])
    if not cites:
        for candidates in (following, tuple(excerpts)):
            best = _best_match(words, {n: excerpts[n] for n in candidates})
            if best is not None:
                cites = [best]
                break
        else:
            return (), "cites no excerpt, and no excerpt holds enough of its words"
    return _with_figures(sentence.text, words, list(dict.fromkeys(cites)), excerpts, headers)


def _with_figures(
    text: str, words: set[str], cites: list[int], excerpts: Mapping[int, str], headers: Mapping[int, str]
) -> tuple[tuple[int, ...], str]:
    """Rule 3's figures: what the cited excerpts do not hold, another offered excerpt must."""

    def held(n: int) -> set[str]:
        return _figures(f"{excerpts[n]} {headers.get(n, '')}")

    missing = _figures(text) - set().union(*(held(n) for n in cites))
    if missing:
        holders = [n for n in excerpts if missing <= held(n) and words & _words(excerpts[n])]
        if not holders:
            return (), f"states figures no excerpt holds: {', '.join(sorted(missing))}"
        cites.append(holders[0])
    return tuple(cites), ""


def _next_cited(sentences: list[_Sentence], index: int, excerpts: Mapping[int, str]) -> tuple[int, ...]:
    """What the next sentence that cites an offered excerpt cites."""
    for later in sentences[index + 1 :]:
        offered = tuple(n for n in later.numbers if n in excerpts)
        if offered:
            return offered
    return ()


def _best_match(words: set[str], excerpts: Mapping[int, str]) -> int | None:
    """The excerpt holding most of `words`, if it holds enough of them (rule 4)."""
    if not words or not excerpts:
        return None
    shared = {n: len(words & _words(text)) for n, text in excerpts.items()}
    best = max(shared, key=lambda n: shared[n])  # the first offered of equals
    enough = shared[best] >= RECITE_MIN_WORDS and shared[best] >= RECITE_SHARE * len(words)
    return best if enough else None


def _rebuild(draft: str, kept: list[tuple[_Sentence, tuple[int, ...] | None]]) -> tuple[str, tuple[int, ...]]:
    """The surviving sentences with their markers renumbered in order of first citation.

    Between two sentences that were next to each other in the draft the draft's own
    spacing is kept, so an answer made of whole quotes comes out as it went in. A
    sentence that had no marker of its own and cites what the next one cites gets
    none: one marker after a run of sentences covers them all.
    """
    order: dict[int, int] = {}
    for _, cites in kept:
        for n in cites or ():
            order.setdefault(n, len(order) + 1)
    out: list[str] = []
    previous: _Sentence | None = None
    for position, (sentence, cites) in enumerate(kept):
        if previous is not None:
            gap = draft[previous.end : sentence.start]
            out.append(gap if previous.end <= sentence.start and not gap.strip() and gap else " ")
        following = next((c for _, c in kept[position + 1 :] if c is not None), None)
        silent = cites is None or (not sentence.numbers and cites == following)
        marks = "" if silent else "".join(f" [{order[n]}]" for n in cites or ())
        out.append(sentence.text + marks)
        previous = sentence
    return "".join(out).strip(), tuple(order)


def _units(draft: str, excerpts: Mapping[int, str]) -> list[_Sentence]:
    """The draft's claims in order: each excerpt copied whole before its own marker,
    and the sentences between."""
    copies: list[tuple[int, int, int]] = []
    for number, text in excerpts.items():
        if not text.strip():
            continue
        for found in re.finditer(re.escape(text) + rf"[ \t]*\[{number}\]", draft):
            if all(found.end() <= lo or found.start() >= hi for lo, hi, _ in copies):
                copies.append((found.start(), found.end(), number))
    out: list[_Sentence] = []
    cursor = 0
    for lo, hi, number in sorted(copies):
        out += _sentences(draft, cursor, lo)
        # The excerpt's own words may hold brackets ("[1]" in an article): only the marker after it counts.
        out.append(_Sentence(start=lo, end=hi, text=excerpts[number], numbers=(number,)))
        cursor = hi
    return out + _sentences(draft, cursor, len(draft))


def _sentences(draft: str, lo: int, hi: int) -> list[_Sentence]:
    """The sentences of draft[lo:hi]; markers after a full stop belong to the sentence before.

    Example: 'It was signed.[1] Mims said no [2].' -> 'It was signed.' citing 1, 'Mims said no.' citing 2
    """
    out: list[_Sentence] = []
    for line in re.compile(r"[^\n]+").finditer(draft, lo, hi):
        bullet = _BULLET.match(draft, line.start(), line.end())
        start = bullet.end() if bullet else line.start()
        for stop in _STOP.finditer(draft, start, line.end()):
            end = stop.end()
            if (
                _ABBREVIATION.search(draft, start, end)
                and end < line.end()
                and not _MARKERS_AFTER.match(draft, end)
            ):
                continue
            after = _MARKERS_AFTER.match(draft, end, line.end())
            end = after.end() if after else end
            out.append(_sentence(draft, start, end))
            start = end
        if draft[start : line.end()].strip():
            out.append(_sentence(draft, start, line.end()))
    return [s for s in out if s.text or s.numbers]


def _sentence(draft: str, start: int, end: int) -> _Sentence:
    while start < end and draft[start].isspace():
        start += 1
    piece = draft[start:end]
    numbers = tuple(int(n) for group in _MARKER.findall(piece) for n in re.split(r"[,;]", group))
    text = re.sub(r"[ \t]*" + _MARKER.pattern, "", piece).strip()
    return _Sentence(start=start, end=end, text=text, numbers=numbers)


def _quotations(text: str) -> list[str]:
    found = ((a or b).strip(" ,.;:") for a, b in _QUOTED.findall(text))
    return [q for q in found if q]


def _holds(excerpt: str, quoted: str) -> bool:
    """The excerpt holds the quoted words; pieces an ellipsis joins may stand apart."""
    haystack = _flat(excerpt)
    return all(_flat(piece) in haystack for piece in re.split(r"\.\.\.|…", quoted) if _flat(piece))


def _flat(text: str) -> str:
    """Example: '“Erode  Community’s”' -> "erode community's" """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(str.maketrans("‘’‚‛", "''''"))
    return " ".join(re.sub(r"[^\w\s'%$-]", " ", text).split())


def _words(text: str) -> set[str]:
    return set(terms(text))


def _figures(text: str) -> set[str]:
    """Example: 'On Nov. 3, 2015, 36,000 were released' -> {'3', '2015', '36000'}"""
    return {t for t in tokens(text) if t[0].isdigit()}
