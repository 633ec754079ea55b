"""Extraction cache: a web page or PDF is extracted once per content, not once per load.

Extraction is the slow part of reading a corpus (tens of milliseconds for a
web page, more for a PDF) and every command that opens the index reads the
whole corpus again. The cache keeps each result as a JSON file named for the
sha256 of the file's bytes; the entry also records the extractor's version
string, so a new extractor (or a new trafilatura or pypdf) extracts again.

    extracted/3f2a...9c.json   {"sha256": "3f2a...9c", "extractor": "webpage/1 ...",
                                "extraction": {"text": "...", "title": "...", ...}}

Entries are written atomically (a temporary file, then `os.replace`), so a
reader sees a whole entry or none. An entry that cannot be read or does not
match is ignored and written again. Failures are not cached: a page that gave
no text is tried again next time (it is quick to fail).

It does not remove entries of files that left the corpus: each is a few
kilobytes, and deleting the index folder clears them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from index.extraction import Extraction

__all__ = ["ExtractionCache"]


class ExtractionCache:
    """Extractions kept in `folder`, keyed by the file's bytes and the extractor's version.

    Example: cache.extract(data, extractor="webpage/1", extract=webpages.extract) extracts
    the first time and reads the stored result every time after, until the bytes or the
    extractor version change.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def extract(self, data: bytes, *, extractor: str, extract: Callable[[bytes], Extraction]) -> Extraction:
        """The cached extraction of `data`, or `extract(data)` stored for next time.

        Errors `extract` raises pass through and are not stored.
        """
        digest = hashlib.sha256(data).hexdigest()
        path = self.folder / f"{digest}.json"
        cached = _read(path, digest=digest, extractor=extractor)
        if cached is not None:
            return cached
        extraction = extract(data)
        entry = {"sha256": digest, "extractor": extractor, "extraction": extraction.to_json()}
        _write_atomically(path, json.dumps(entry, ensure_ascii=False))
        return extraction


def _read(path: Path, *, digest: str, extractor: str) -> Extraction | None:
    """The entry at `path` if it is whole and made by `extractor` from these bytes, else None."""
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None  # missing, unreadable or damaged: extract again and rewrite it
    if not isinstance(entry, dict) or entry.get("sha256") != digest or entry.get("extractor") != extractor:
        return None
    stored = entry.get("extraction")
    if not isinstance(stored, dict):
        return None
    try:
        return Extraction.from_json(stored)
    except ValueError:
        return None


def _write_atomically(path: Path, content: str) -> None:
    """Write `content` to `path` so that no reader ever sees half of it.

    A cache that cannot be written (read-only folder, full disk) only costs time, so the
    error is swallowed: loading the corpus must not fail for it.
    """
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem[:16]}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(content)
        os.replace(tmp, path)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
