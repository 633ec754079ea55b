"""Terms: the words of a text as the lexical side of search compares them.

Lower-cased, stop words removed, stemmed with the Snowball English stemmer, so
"deported", "deportation" and "Deportations" meet as one term. Numbers are
kept whole ("36,000" becomes the one term "36000") because exact figures are often what a
question hinges on.

Used by BM25 (`lexical.py`) and by the answerer's sentence scoring, so both
sides read text the same way. The names of months and weekdays live here too,
for the answerer's reading of dates and speakers.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["MONTHS", "STOP_WORDS", "WEEKDAYS", "tokens", "terms", "stem", "acronyms", "expansions"]

# General English function words plus the words questions are built from.
STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing done down during
    each either else ever every few for from further had has have having he her here hers
    herself him himself his how however i if in into is it its itself just least less let
    like many may me might more most much must my myself neither no nor not now of off
    often on once only or other others otherwise our ours ourselves out over own per
    perhaps quite rather same shall she should since so some such than that the their
    theirs them themselves then there these they this those though through thus to too
    under until up upon us very was we were what whatever when whenever where whereas
    wherever whether which while who whoever whom whose why will with within without
    would yet you your yours yourself yourselves said says say tell told according
    s t don didn doesn isn wasn weren aren hasn haven won wouldn shouldn couldn
    """.split()
)

# The calendar's names: a date's words (a lone "June" is read as the month, not a person).
MONTHS = tuple(
    "january february march april may june july august september october november december".split()
)
WEEKDAYS = tuple("monday tuesday wednesday thursday friday saturday sunday".split())

_TOKEN = re.compile(r"\d+(?:[,.]\d+)*(?:st|nd|rd|th)?\b|[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


@lru_cache(maxsize=1)
def _stemmer():  # noqa: ANN202 - PyStemmer has no type hints
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Example: 'deportations' -> 'deport'"""
    return str(_stemmer().stemWord(word))


def tokens(text: str) -> list[str]:
    """Lower-cased words and numbers, possessives dropped.

    Example: "ICE’s 36,000 releases, the 19th" -> ['ice', '36000', 'releases', 'the', '19']
    """
    out = []
    for match in _TOKEN.finditer(text):
        token = match.group().lower()
        token = re.sub(r"['’]s$", "", token)
        if token[0].isdigit():
            token = re.sub(r"(st|nd|rd|th)$", "", token).replace(",", "")
        out.append(token)
    return out


def terms(text: str) -> list[str]:
    """Stemmed content terms, in order, repeats kept.

    Example: 'How many immigrants were deported?' -> ['immigr', 'deport']
    """
    return [stem(t) for t in tokens(text) if t not in STOP_WORDS]


def acronyms(text: str) -> set[str]:
    """Example: 'the American Civil Liberties Union' -> {'aclu', 'acl', 'cl', ...}"""
    return {acronym for acronym, _ in expansions(text)}


def expansions(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Each run of capitalised words, as the acronym its initials spell and its lower-cased words.

    Example: 'the Civil Liberties Union' -> [('cl', ('civil', 'liberties')),
    ('clu', ('civil', 'liberties', 'union')), ('lu', ('liberties', 'union'))]
    """
    out = []
    for match in re.finditer(r"(?:[A-Z][\w’']*\s+(?:(?:of|for|and|the|in)\s+)?){1,6}[A-Z][\w’']*", text):
        words = [w for w in match.group().split() if w[0].isupper()]
        for lo in range(len(words)):
            for hi in range(lo + 2, len(words) + 1):
                run = words[lo:hi]
                out.append(("".join(w[0] for w in run).lower(), tuple(t for w in run for t in tokens(w))))
    return out
