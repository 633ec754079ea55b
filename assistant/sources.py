"""Sources: the articles a question names by their outlet, title or year.

"By the time of the KFSN report, ..." names one article; "Do the KFSN and
Fresno Bee reports agree ..." names two, and wants an answer from each. The
names of a question are its capitalised words (not the first) and its years;
those of an article are its outlet, the capitalised words of its title, and
its year. A part of the question (split at "and", "or", ";") names an article
when its names point to that article alone: one name no other article has
("KFSN"), or a year and names that only one article has all of ("the ACLU's
criticism in 2015"). In a large corpus a common outlet or year names nothing, which is as
it should be.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.evidence import is_year
from index.articles import UNKNOWN_OUTLET, Article
from index.terms import STOP_WORDS, stem, tokens

__all__ = ["Sources"]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_BOTH = re.compile(r"\bboth\b", re.I)
_PARTS = re.compile(r",?\s+(?:and|or|but|while|whereas)\s+|;")


class Sources:
    """Which articles each outlet, title or year word belongs to."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self._owners: dict[str, set[str]] = {}
        for article in articles:
            for word in _handles(article):
                self._owners.setdefault(word, set()).add(article.id)

    def named(self, question: str) -> list[str]:
        """Ids of the articles the question names, in the order it names them.

        Example: 'Do the KFSN and Fresno Bee reports agree?' -> ['kfsn-...', 'fresno-bee-...']
        """
        out: list[str] = []
        names = _names(question)
        bounds = [0] + [m.end() for m in _PARTS.finditer(question)] + [len(question) + 1]
        for lo, hi in zip(bounds, bounds[1:], strict=False):
            part = [(w, self._owners[w]) for w, at in names if lo <= at < hi and w in self._owners]
            if not part:
                continue
            sets = [ids for _, ids in part]
            # Names together point to one story only when a year is among them ("the ACLU's
            # criticism in 2015"): titles do not list everything an article is about.
            if any(is_year(w) for w, _ in part):
                common = set.intersection(*sets)
                sets.append(common)
                # "according to both 2015 Fresno stories": the two articles that have them all.
                if len(common) == 2 and _BOTH.search(question[lo:hi]):
                    sets.extend({article_id} for article_id in sorted(common))
            for ids in sets:
                if len(ids) == 1 and next(iter(ids)) not in out:
                    out.append(next(iter(ids)))
        return out

    def naming_words(self, question: str) -> frozenset[str]:
        """The question's (stemmed) names that point to one article alone, and its articles' years.

        A year no article is dated ("what happened in 2017") is something asked about, not a name.
        Example: 'Do the KFSN and Fresno Bee reports from 2015 agree?' -> {'kfsn', 'bee', '2015'}
        """
        return frozenset(
            w
            for w, _ in _names(question)
            if w in self._owners and (is_year(w) or len(self._owners[w]) == 1)
        )


def _handles(article: Article) -> set[str]:
    words = {w for w, _ in _names(article.title, first=True)}
    if article.outlet != UNKNOWN_OUTLET:
        words.update(stem(w) for w in tokens(article.outlet) if w not in STOP_WORDS)
    if article.date:
        words.add(article.date[:4])
    return words


def _names(text: str, *, first: bool = False) -> list[tuple[str, int]]:
    """Stemmed capitalised words and years, with where they start; the text's first word only if `first`.

    Example: 'Did the Fresno Bee report it in 2015?' -> [('fresno', 8), ('bee', 15), ('2015', 29)]
    """
    out = []
    for position, match in enumerate(_WORD.finditer(text)):
        word = match.group()
        if (position or first) and (word[0].isupper() or is_year(word)) and word.lower() not in STOP_WORDS:
            out.append((stem(tokens(word)[0]), match.start()))
    return out
