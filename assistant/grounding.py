"""Grounding: checking a written answer against the excerpts it cites.

A reader writes an answer citing numbered excerpts as [n]. A language model
may forget a marker, cite a number it was never given, or put words in
quotation marks that no excerpt holds. `ground` reads the draft sentence by
sentence and keeps only what it can tie to an excerpt, by these rules:

1. A number that was not offered is struck out.
2. Words in quotation marks (“…”, "…" or ‘…’) must be in a cited excerpt, as
   whole words in the same order (see `quotations.py`). Quotations are found in
   the whole draft, then given to every sentence they overlap, so one that
   runs over several sentences is checked with each of them; none runs over
   a blank line. A single quotation opens with ‘ at the start of a word (not
   an elision: ‘90s) and closes at the first ’ not followed by a letter, so
   apostrophes (don’t, Mims’s) are not quotation marks. If the sentence cites
   no excerpt holding the words, the first offered excerpt that does is cited
   too (those the sentence marks first, then those the next cited sentence
   cites); if none does, the sentence is dropped.
3. A cited excerpt must share at least one content word with the sentence, or
   the citation is struck out: a marker on an unrelated claim proves nothing.
   Every figure of the sentence must equal, by value, a figure of what it
   cites: the excerpt, or its article's title and date shown beside it. An
   offered excerpt that holds the missing ones is cited too, and if none does
   the sentence is dropped. How figures are read and compared: see `figures.py`.
4. A sentence left citing nothing is re-cited by matching: first to what the
   next cited sentence cites (writers often cite once after a run of
   sentences), else to the excerpt holding most of its words, provided the
   excerpt holds at least `RECITE_SHARE` of its content words, and two or
   more of them: one shared word ("This is stated in ...") ties nothing.
   Otherwise the sentence is dropped.
5. A sentence that says who spoke ("The ACLU called ...", "Mims said ...") is
   dropped if it cites an excerpt whose speakers, where they can be read, are
   all someone else (see `attribution.py`): one voice's words are never given
   to another.
6. A draft that says the excerpts do not answer (see `DECLINE`) declines; so
   does one of which no sentence survives. Either way the answer abstains.

So every sentence kept cites an excerpt. A sentence with no content word
("She did not.", "So it was.") shares none with any excerpt: rule 3 strikes
its markers and rule 4 cannot re-cite it, so it is dropped, unless words it
quotes tie it to the excerpt that holds them (“No,” she said [2]). An excerpt
copied whole and followed by its own marker is one claim, however many
sentences or lines it holds: it is the excerpt, and quotation marks inside it
are its own.

The rules are mechanical: nothing here judges whether a sentence is true, only
whether it is tied to words an article really contains. The quote the reader
is shown is always the excerpt itself, cut from the article at its offsets,
never the model's wording. An answer already made of its excerpts' own words
(the extractive reader's) passes unchanged.

What it does not do: read straight single quotes as quotation marks ('90s and
rock 'n' roll make them apostrophes as often); tell a plural possessive from a
closing mark inside a single quotation (‘the sheriffs’ union’ is checked as far
as "the sheriffs").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from assistant.attribution import agrees, voice
from assistant.figures import Figure, figures, held
from assistant.quotations import holds
from index.terms import terms

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
# Quotation marks: curly double, straight double, and curly single. A single quotation opens with
# ‘ at the start of a word (not an elision: ‘90s, rock ‘n’ roll) and closes at the first ’ that is
# not inside a word, so an apostrophe (don’t, Mims’s) neither opens nor closes one. A curly
# quotation holds no mark of its own kind, so an unclosed “ does not swallow the next quotation.
_QUOTED = re.compile(
    r"“(?P<double>[^“”]+?)”"
    r"|\"(?P<straight>[^\"]+?)\""
    r"|(?<!\w)‘(?!\d\ds?\b|(?:n|em|til|cause)’?\b)(?P<single>[^‘]+?)(?<=\S)’(?!\w)"
)
_PARAGRAPH = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")  # a quotation does not run over a blank line
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
    quotes: tuple[str, ...] = ()  # the quotations that overlap it, which may run on into other sentences


def ground(
    draft: str,
    excerpts: Mapping[int, str],
    *,
    headers: Mapping[int, str] | None = None,
    speakers: Mapping[int, Sequence[str]] | None = None,
) -> Grounded:
    """Check `draft` against `excerpts` ({offered number: excerpt text}).

    `headers` ({offered number: title, outlet and date}) is what the reader was
    shown beside each excerpt: a figure may come from there too. `speakers`
    ({offered number: who speaks in it}) is what rule 5 checks against.

    Example: ('Eighteen groups signed it [3]. They met on Mars [7].',
    {3: 'Eighteen organizations signed the letter.'}) -> text 'Eighteen groups signed it. [1]',
    order (3,); the second sentence is dropped (7 was never offered, and no excerpt holds its words).
    """
    sentences = _units(draft, excerpts)
    stated = [s for s in sentences if _words(s.text)]
    if stated and all(_declines(s, excerpts) for s in stated):
        return Grounded(text="", claims=(), declined=True)
    struck = [n for s in sentences for n in s.numbers if n not in excerpts]
    kept: list[tuple[_Sentence, tuple[int, ...]]] = []
    dropped: list[Dropped] = []
    for index, sentence in enumerate(sentences):
        if not sentence.text:
            continue  # markers alone: struck if never offered, else they cite for the sentences before
        if _declines(sentence, excerpts):
            dropped.append(Dropped(sentence.text, "says the excerpts do not answer"))
            continue
        cites, reason = _tie(sentence, _next_cited(sentences, index, excerpts), excerpts, headers or {})
        if cites and speakers:
            cites, reason = _heard(sentence.text, cites, speakers)
        if cites:
            kept.append((sentence, cites))
        else:
            dropped.append(Dropped(sentence.text, reason))
    struck = list(dict.fromkeys(struck))
    if not kept:
        return Grounded(text="", claims=(), dropped=tuple(dropped), struck=tuple(struck))
    text, order = _rebuild(draft, kept)
    claims = tuple(Claim(s.text, cites) for s, cites in kept)
    return Grounded(text=text, claims=claims, order=order, dropped=tuple(dropped), struck=tuple(struck))


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
    # Where a quotation is looked for, first: what the sentence marks, then what the next one cites.
    preferred = [n for n in dict.fromkeys((*sentence.numbers, *following, *excerpts)) if n in excerpts]
    for quoted in sentence.quotes:
        if any(holds(excerpts[n], quoted) for n in cites):
            continue
        holders = [n for n in preferred if holds(excerpts[n], quoted)]
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


def _heard(
    text: str, cites: tuple[int, ...], speakers: Mapping[int, Sequence[str]]
) -> tuple[tuple[int, ...], str]:
    """Rule 5: the citations, or none (and why) when the sentence's speaker is not the excerpt's."""
    who = voice(text)
    for n in cites:
        if not agrees(who, speakers.get(n, ())):
            return (), f"gives {who} words that its excerpt gives to {' / '.join(speakers[n])}"
    return cites, ""


def _with_figures(
    text: str, words: set[str], cites: list[int], excerpts: Mapping[int, str], headers: Mapping[int, str]
) -> tuple[tuple[int, ...], str]:
    """Rule 3's figures: what the cited excerpts do not hold, another offered excerpt must."""

    def shown(n: int) -> tuple[Figure, ...]:
        return figures(excerpts[n]) + figures(headers.get(n, ""))

    cited = [figure for n in cites for figure in shown(n)]
    missing = [figure for figure in figures(text, stated=True) if not held(figure, cited)]
    if missing:
        holders = [
            n
            for n in excerpts
            if all(held(figure, shown(n)) for figure in missing) and words & _words(excerpts[n])
        ]
        if not holders:
            written = dict.fromkeys(figure.written for figure in missing)
            return (), f"states figures no excerpt holds: {', '.join(written)}"
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


def _rebuild(draft: str, kept: list[tuple[_Sentence, tuple[int, ...]]]) -> tuple[str, tuple[int, ...]]:
    """The surviving sentences with their markers renumbered in order of first citation.

    Between two sentences that were next to each other in the draft the draft's own
    spacing is kept, so an answer made of whole quotes comes out as it went in. A
    sentence that had no marker of its own and cites what the next one cites gets
    none: one marker after a run of sentences covers them all.
    """
    order: dict[int, int] = {}
    for _, cites in kept:
        for n in cites:
            order.setdefault(n, len(order) + 1)
    out: list[str] = []
    previous: _Sentence | None = None
    for position, (sentence, cites) in enumerate(kept):
        if previous is not None:
            gap = draft[previous.end : sentence.start]
            out.append(gap if previous.end <= sentence.start and not gap.strip() and gap else " ")
        following = kept[position + 1][1] if position + 1 < len(kept) else None
        silent = not sentence.numbers and cites == following
        marks = "" if silent else "".join(f" [{order[n]}]" for n in cites)
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

    Quotations are found in the whole span first, so one that runs over several sentences
    belongs to each of them.

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
    quotations = _quotations(draft, lo, hi)
    return [
        replace(s, quotes=tuple(q for q_lo, q_hi, q in quotations if q_lo < s.end and q_hi > s.start))
        for s in out
        if s.text or s.numbers
    ]


def _sentence(draft: str, start: int, end: int) -> _Sentence:
    while start < end and draft[start].isspace():
        start += 1
    piece = draft[start:end]
    numbers = tuple(int(n) for group in _MARKER.findall(piece) for n in re.split(r"[,;]", group))
    text = re.sub(r"[ \t]*" + _MARKER.pattern, "", piece).strip()
    return _Sentence(start=start, end=end, text=text, numbers=numbers)


def _quotations(draft: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """The quotations of draft[lo:hi], each with its span, markers and outer punctuation removed.

    Example: 'Mims said “We will. We won.” [2]' -> [(10, 28, 'We will. We won')]
    """
    out = []
    for paragraph in _PARAGRAPH.finditer(draft[lo:hi]):
        for found in _QUOTED.finditer(paragraph.group()):
            quoted = " ".join(_MARKER.sub(" ", found.group(found.lastgroup or 0)).split()).strip(" ,.;:")
            if len(quoted) >= 2 and re.search(r"\w", quoted):
                start = lo + paragraph.start() + found.start()
                out.append((start, start + len(found.group()), quoted))
    return out


def _words(text: str) -> set[str]:
    return set(terms(text))
