"""Quotations: whether an excerpt holds the words a quotation gives it.

The words must be in the excerpt as whole words in the same order: "ban" is
not in "urban", nor "3" in "3.5". Case, spacing, punctuation and the style of
quotation marks and apostrophes aside ("can't" is "can’t"). An ellipsis (… or
...) stands for words left out: each piece must be in the excerpt, in the
quotation's order.

What it does not do: find the quotations of a draft (`grounding.py` does, with
the citation markers), or accept a paraphrase.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["holds"]

_ELLIPSIS = re.compile(r"\[?(?:…|\.[ \t]?\.[ \t]?\.)\]?")


def holds(excerpt: str, quoted: str) -> bool:
    """The excerpt holds the quoted words, whole words in the same order; an ellipsis may
    stand for words left out between two pieces.

    Example: ('We will not back down. We will keep fighting', 'we will … fighting') -> True;
    ('in urban areas', 'ban') -> False
    """
    haystack = _flat(excerpt)
    position = 0
    for piece in _ELLIPSIS.split(quoted):
        needle = _flat(piece)
        if not needle:
            continue
        # Not inside a word, nor inside a figure ("3" is not in "3.5").
        whole = re.compile(rf"(?<!\w)(?<!\d[.,]){re.escape(needle)}(?!\w)(?![.,]\d)")
        found = whole.search(haystack, position)
        if found is None:
            return False
        position = found.end()
    return True


def _flat(text: str) -> str:
    """Lower-cased words, apostrophes inside words straightened, other quotation marks and
    punctuation dropped (but not the separators of a figure).

    Example: '“Erode  Community’s ‘3.5’”' -> "erode community's 3.5"
    """
    text = unicodedata.normalize("NFKC", text).casefold()

    def kept(mark: re.Match[str]) -> str:
        if mark.group("apostrophe"):
            return "'"
        return mark.group() if mark.group("separator") else " "

    text = re.sub(
        r"(?<=\w)(?P<apostrophe>['‘’‚‛`])(?=\w)|(?<=\d)(?P<separator>[.,])(?=\d)|[^\w\s%$-]", kept, text
    )
    return " ".join(text.split())
