"""File names: which names a new article file may take in the corpus folder.

`check_name` gives the reason a name cannot be used, or None: a base name
only (no '/', '\\\\' or '..'), no leading dot (a hidden file is not read as an
article), no control characters and no invisible format characters (a
right-to-left override makes 'x\\u202etxt.exe' read as 'xexe.txt'), at most
`MAX_NAME_CHARS` characters, and a suffix of `file_kinds.ARTICLE_SUFFIXES`.
`shown_name` prints any name, however hostile, safely on a terminal.

It deliberately does not look at the folder (whether a name is taken is
`uploads.py`'s question) or at the file's bytes.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from index.file_kinds import ARTICLE_SUFFIXES

__all__ = ["MAX_NAME_CHARS", "check_name", "shown_name"]

# Longer names are not article names but pasted text; file systems stop at 255 bytes anyway.
MAX_NAME_CHARS = 120
_SUFFIX_LIST = ", ".join(ARTICLE_SUFFIXES[:-1]) + " or " + ARTICLE_SUFFIXES[-1]
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def shown_name(name: str) -> str:
    """The name safe to print on a terminal: control and format characters shown as escapes.

    Example: 'x\\x1b[2J.md' -> 'x\\\\x1b[2J.md'; 'x\\u202etxt.exe' -> 'x\\\\u202etxt.exe'
    """
    escaped = _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", name)
    return "".join(f"\\u{ord(ch):04x}" if unicodedata.category(ch) == "Cf" else ch for ch in escaped)


def check_name(name: str) -> str | None:
    """Why `name` cannot be an article's file name in the corpus folder, or None when it can.

    Example: 'story.html' -> None; '../../x.md' -> "a file name may not name a folder ..."
    """
    if not name or not name.strip():
        return f"the file has no name: give it one ending in {_SUFFIX_LIST}"
    if _CONTROL.search(name):
        return "the name holds control characters: rename the file with letters, digits, spaces, '-' or '_'"
    hidden = _format_characters(name)
    if hidden:
        return (
            f"the name holds invisible formatting characters ({hidden}), which can make it read "
            "as another name: rename the file with letters, digits, spaces, '-' or '_'"
        )
    parts = re.split(r"[/\\]", name)
    if len(parts) > 1 or name == "..":
        base = next((p for p in reversed(parts) if p not in ("", ".", "..")), "")
        example = f" '{base}'" if base else ""
        return (
            "a file name may not name a folder ('/', '\\' or '..'): upload the file under its "
            f"own name{example}, without folders"
        )
    if name.startswith("."):
        return (
            "the name starts with a dot, which hides the file from the corpus: "
            "rename it without the leading dot"
        )
    if len(name) > MAX_NAME_CHARS:
        return (
            f"the name is {len(name)} characters long, over the {MAX_NAME_CHARS}-character limit: "
            "give the file a shorter name"
        )
    suffix = Path(name).suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        what = f"'{suffix}' files" if suffix else "a file without a suffix"
        return f"{what} cannot be articles: upload {_SUFFIX_LIST} files"
    return None


def _format_characters(name: str) -> str:
    """The Unicode format characters (category Cf) in `name`, named; '' when there are none.

    Example: 'invoice\\u202etxt.exe' -> 'U+202E RIGHT-TO-LEFT OVERRIDE'
    """
    found = dict.fromkeys(ch for ch in name if unicodedata.category(ch) == "Cf")
    return ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, 'FORMAT CHARACTER')}" for ch in found)
