"""Sources: the articles a question names by their outlet, title or year.

"By the time of the KFSN report, ..." names one article; "Do the KFSN and
Fresno Bee reports agree ..." names two, and wants an answer from each. A name in
the question (a capitalised word, not the first, or a year) names an article
when it belongs to that article's outlet, the names in its title, or its year,
and to no other article's: in a large corpus a common outlet or year names
nothing, which is as it should be.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.evidence import is_year
from index.articles import UNKNOWN_OUTLET, Article
from index.terms import STOP_WORDS, stem, tokens

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

__all__ = ["Sources"]


class Sources:
    """Which article each distinctive outlet, title or year word belongs to."""

    def __init__(self, articles: Iterable[Article]) -> None:
        owners: dict[str, set[str]] = {}
        for article in articles:
            for word in _handles(article):
                owners.setdefault(word, set()).add(article.id)
        self._owner = {word: next(iter(ids)) for word, ids in owners.items() if len(ids) == 1}

    def named(self, question: str) -> list[str]:
        """Ids of the articles the question names, in the order it names them.

        Example: 'Do the KFSN and Fresno Bee reports agree?' -> ['kfsn-...', 'fresno-bee-...']
        """
        out: list[str] = []
        for word in _names(question):
            owner = self._owner.get(word)
            if owner is not None and owner not in out:
                out.append(owner)
        return out

    def words(self) -> frozenset[str]:
        """Every (stemmed) word that names an article."""
        return frozenset(self._owner)


def _handles(article: Article) -> set[str]:
    words = set(_names(article.title, first=True))
    if article.outlet != UNKNOWN_OUTLET:
        words.update(stem(w) for w in tokens(article.outlet) if w not in STOP_WORDS)
    if article.date:
        words.add(article.date[:4])
    return words


def _names(text: str, *, first: bool = False) -> list[str]:
    """Stemmed capitalised words and years, the text's first word only if `first`.

    Example: 'Did the Fresno Bee report it in 2015?' -> ['fresno', 'bee', '2015']
    """
    out = []
    for position, match in enumerate(_WORD.finditer(text)):
        word = match.group()
        if (position or first) and (word[0].isupper() or is_year(word)) and word.lower() not in STOP_WORDS:
            out.append(stem(tokens(word)[0]))
    return out
