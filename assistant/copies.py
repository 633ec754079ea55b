"""Copies: the same story from two outlets, kept from crowding out other evidence.

Wire stories run in many papers, and one paper's page is often saved twice
under two addresses. Their passages are near-identical, so a search can fill
its few places with copies of one sentence and leave out the article that
says something else. `distinct` keeps the first (best-ranked) of passages
whose words are nearly the same (`SAME_SHARE` of the words of both) and lets
the search go deeper to fill the places they held.

It compares words, not meaning: two outlets' own accounts of one event are not copies.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from index.terms import tokens

__all__ = ["distinct", "SAME_SHARE", "MIN_WORDS"]

SAME_SHARE = 0.8  # Jaccard overlap of the two passages' word sets
MIN_WORDS = 6  # shorter passages ("Read more", a dateline) are too short to call copies

T = TypeVar("T")


def distinct(items: Sequence[T], text_of: Callable[[T], str], *, key: Callable[[T], str]) -> list[T]:
    """`items` without those whose text nearly repeats an earlier one's from another source (`key`).

    Example: passages ['Fire closes I-5 near Redding.' (AP, in paper A), the same in paper B,
    'Crews reopen the road.'] -> the first and the third
    """
    kept: list[tuple[str, frozenset[str]]] = []
    out: list[T] = []
    for item in items:
        words = frozenset(tokens(text_of(item)))
        source = key(item)
        if len(words) >= MIN_WORDS and any(
            other != source and len(words & seen) >= SAME_SHARE * len(words | seen) for other, seen in kept
        ):
            continue
        kept.append((source, words))
        out.append(item)
    return out
