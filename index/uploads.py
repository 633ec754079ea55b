"""Uploads: checking a batch of new article files before any of it joins the corpus folder.

A file offered to the corpus (from the web page, `python -m assistant add` or
`Assistant.add`) is an `Upload`: a name and bytes, or a path to read them
from. `check_uploads` decides, for a whole batch and before anything is
written, which files may join and why each other one may not:

- the name: one the corpus folder can hold as an article's (`file_names.py`:
  a base name, not hidden, nothing invisible in it, an article's suffix);
- the size: the loader's own limit for the kind of file (`SIZE_LIMITS`),
  checked before the file is read, at most `MAX_FILES` files and
  `MAX_UPLOAD_BYTES` together per batch;
- the content, by its bytes, not its name: each file is read by the very code
  that loads a corpus (`articles.read_article`), so a `.pdf` that is a program
  or a `.txt` that is binary is refused naming what it is, and what is
  accepted is exactly what will load. A web page must hold article text once
  its scripts and markup are gone, and the extracted text must hold no markup;
- what the corpus already holds: no file of the same name (nothing is ever
  replaced), no article of the same id, no article of the same text.

Every refusal is a `Refused` with a one-line reason that says what to do.

It deliberately does not write anything (`corpus_folder.py` does, for the
accepted files), keep anything (the bytes live in memory while a batch is
checked: `MAX_UPLOAD_BYTES` bounds them) or run, render or open anything a
file holds: text is only ever read.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from index import signatures, webpages
from index.articles import Article, Skipped, read_article
from index.file_kinds import (
    DEFAULT_MAX_ARTICLE_BYTES,
    MAX_PDF_BYTES,
    MAX_WEBPAGE_BYTES,
    SIZE_FIXES,
    TEXT_SUFFIXES,
    WEBPAGE_SUFFIXES,
)
from index.file_names import check_name, shown_name
from index.indexer import SyncReport

__all__ = [
    "AddProgress",
    "AddReport",
    "Added",
    "Checked",
    "MAX_FILES",
    "MAX_UPLOAD_BYTES",
    "LARGEST_FILE_BYTES",
    "Refused",
    "SIZE_LIMITS",
    "Staged",
    "Upload",
    "check_uploads",
]

# One upload is a handful of articles; a folder's worth goes in with several uploads, or is
# copied into the corpus folder by hand. Twenty also bounds the time a batch holds the indexer.
MAX_FILES = 20
# The batch is held in memory while it is checked: twenty PDFs at their limit would be 400 MB.
MAX_UPLOAD_BYTES = 100 * 1024 * 1024
# The loader's limits, so an upload is refused for the size the loader would skip it for.
SIZE_LIMITS = {
    ".txt": DEFAULT_MAX_ARTICLE_BYTES,
    ".md": DEFAULT_MAX_ARTICLE_BYTES,
    ".html": MAX_WEBPAGE_BYTES,
    ".htm": MAX_WEBPAGE_BYTES,
    ".pdf": MAX_PDF_BYTES,
}
LARGEST_FILE_BYTES = max(SIZE_LIMITS.values())
_KINDS = {".txt": "text file", ".md": "text file", ".html": "web page", ".htm": "web page", ".pdf": "PDF"}
# Markup that must never reach an article's text: once extracted, a page's text is plain
# prose. Finding a tag here means the page hid markup from the extractor (escaped, or in an
# odd place); the text would be shown escaped anyway, but such a page is no clean article.
_MARKUP_IN_TEXT = re.compile(
    r"<\s*/?\s*(script|style|iframe|frame|object|embed|svg|math|img|link|meta|base|form|input|"
    r"button|textarea|template|html|body|head)\b",
    flags=re.IGNORECASE,
)
_SCRIPT_TAG = re.compile(rb"<script\b", flags=re.IGNORECASE)
SCRIPTS_ONLY_REASON = "the page holds only scripts, no article text: save the article's own page"
# How the loader ends the reason for a file that is not an article at all.
_LOADER_FIX = ": remove it from the corpus"
_MB = 1024 * 1024

AddProgress = Callable[[str, int, int], None]
"""Called as progress(stage, done, total): stage "checking" (files) or "indexing" (articles)."""


@dataclass(frozen=True)
class Upload:
    """A file offered to the corpus: its name, and its bytes or the path to read them from.

    Example: Upload.of(("bridge.html", b"<html>...")) or Upload.of(Path("inbox/bridge.html"))
    (named 'bridge.html': a path gives its base name, wherever the file lies).
    """

    name: str
    data: bytes | None = field(default=None, repr=False)
    path: Path | None = None

    @classmethod
    def of(cls, item: Upload | tuple[str, bytes] | str | Path) -> Upload:
        """An upload from a path or a (name, bytes) pair; TypeError for anything else."""
        if isinstance(item, Upload):
            return item
        if isinstance(item, (str, Path)):
            path = Path(item)
            return cls(name=path.name, path=path)
        if (
            isinstance(item, tuple)
            and len(item) == 2
            and isinstance(item[0], str)
            and isinstance(item[1], (bytes, bytearray))
        ):
            return cls(name=item[0], data=bytes(item[1]))
        raise TypeError(
            f"An upload is a path or a (name, bytes) pair, got {type(item).__name__}: "
            "pass e.g. Path('story.html') or ('story.html', page_bytes)."
        )

    def size(self) -> int:
        """The byte count, without reading the file. Raises OSError when it cannot be read."""
        if self.data is not None:
            return len(self.data)
        assert self.path is not None, "an upload has bytes or a path"
        return self.path.stat().st_size

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.path is not None, "an upload has bytes or a path"
        return self.path.read_bytes()


@dataclass(frozen=True)
class Refused:
    """A file that was not added, and why."""

    name: str
    reason: str

    def __str__(self) -> str:
        return f"refused {shown_name(self.name)}: {self.reason}"


@dataclass(frozen=True)
class Staged:
    """An accepted file: the bytes to write under `name`, and the article they load as."""

    name: str
    data: bytes = field(repr=False)
    article: Article


@dataclass(frozen=True)
class Checked:
    """The verdict on a batch: the files that may join the corpus and the refused ones, in order."""

    accepted: tuple[Staged, ...] = ()
    refused: tuple[Refused, ...] = ()


@dataclass(frozen=True)
class Added:
    """A file that joined the corpus, and the article it is."""

    name: str
    article_id: str
    title: str


@dataclass(frozen=True)
class AddReport:
    """What an upload did: the files added, the files refused (each with its reason), and the sync."""

    added: tuple[Added, ...] = ()
    refused: tuple[Refused, ...] = ()
    sync: SyncReport | None = None

    def summary(self) -> str:
        """Example: 'added 2 articles, refused 1 file'"""
        added, refused = len(self.added), len(self.refused)
        return (
            f"added {added} article{'' if added == 1 else 's'}, "
            f"refused {refused} file{'' if refused == 1 else 's'}"
        )

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: {'added': [{'name', 'article_id', 'title'}], 'refused': [{'name', 'reason'}]}."""
        return {
            "added": [{"name": a.name, "article_id": a.article_id, "title": a.title} for a in self.added],
            "refused": [{"name": r.name, "reason": r.reason} for r in self.refused],
        }


def check_uploads(
    uploads: Sequence[Upload],
    *,
    root: Path,
    articles: Sequence[Article],
    progress: AddProgress | None = None,
) -> Checked:
    """Which of `uploads` may join the corpus folder `root`, whose articles are `articles`.

    Nothing is written to `root` or anywhere that lasts: each file is read from a
    temporary folder, removed on return. A batch of more than `MAX_FILES` is refused whole.
    """
    if len(uploads) > MAX_FILES:
        reason = (
            f"the upload holds {len(uploads)} files, over the limit of {MAX_FILES} at a time: "
            f"add them in groups of {MAX_FILES} or fewer"
        )
        return Checked(refused=tuple(Refused(u.name, reason) for u in uploads))
    checker = _BatchChecker(root, articles)
    accepted: list[Staged] = []
    refused: list[Refused] = []
    with tempfile.TemporaryDirectory(prefix="news-upload-") as staging:
        for done, upload in enumerate(uploads):
            if progress:
                progress("checking", done, len(uploads))
            verdict = checker.check(upload, Path(staging))
            if isinstance(verdict, Staged):
                accepted.append(verdict)
            else:
                refused.append(verdict)
        if progress:
            progress("checking", len(uploads), len(uploads))
    return Checked(accepted=tuple(accepted), refused=tuple(refused))


class _BatchChecker:
    """Checks one file at a time against the corpus and the files of the batch accepted before it."""

    def __init__(self, root: Path, articles: Sequence[Article]) -> None:
        self.root = root
        self.paths = {a.path for a in articles}
        self.ids = {a.id: a.path or a.id for a in articles}
        self.texts = {_text_key(a.text): a.path or a.id for a in articles}
        self.names: set[str] = set()
        self.total = 0

    def check(self, upload: Upload, staging: Path) -> Staged | Refused:
        name = upload.name
        reason = check_name(name) or self._name_taken(name)
        if reason:
            return Refused(name, reason)
        suffix = Path(name).suffix.lower()
        try:
            size = upload.size()
        except OSError as error:
            return Refused(name, f"cannot be read ({error.strerror or error}): check the path")
        limit = SIZE_LIMITS[suffix]
        if size > limit:
            return Refused(
                name,
                f"{size / _MB:.1f} MB is over the {limit / _MB:.0f} MB limit for one "
                f"{_KINDS[suffix]}: {SIZE_FIXES[suffix]}",
            )
        if self.total + size > MAX_UPLOAD_BYTES:
            return Refused(
                name,
                f"with the files before it the upload would pass {MAX_UPLOAD_BYTES / _MB:.0f} MB, "
                "the limit for one upload: add this file in another upload",
            )
        try:
            data = upload.read()
        except OSError as error:
            return Refused(name, f"cannot be read ({error.strerror or error}): check the path")
        reason = _content_problem(data, suffix)
        if reason:
            return Refused(name, reason)
        staged = staging / name
        staged.write_bytes(data)
        try:
            found = read_article(staged, rel=name)
        finally:
            staged.unlink(missing_ok=True)
        if isinstance(found, Skipped):
            return Refused(name, _refined(found.reason, data, suffix))
        reason = _text_problem(found, suffix) or self._duplicate(found)
        if reason:
            return Refused(name, reason)
        self.names.add(name)
        self.ids[found.id] = name
        self.texts[_text_key(found.text)] = name
        self.total += size
        return Staged(name=name, data=data, article=found)

    def _name_taken(self, name: str) -> str | None:
        if name in self.names:
            return f"this upload holds two files named {name}: rename one of them"
        target = self.root / name
        if not (target.exists() or target.is_symlink()):
            return None
        if name in self.paths:
            return (
                f"an article named {name} is already in the corpus: rename the file, "
                "or remove the old article first"
            )
        return f"a file named {name} is already in the corpus folder: rename the file"

    def _duplicate(self, article: Article) -> str | None:
        where = self.ids.get(article.id)
        if where is not None:
            return (
                f"its article id '{article.id}' is already used by {where}: rename the file "
                "(or change the id in its front matter), or remove the old article first"
            )
        where = self.texts.get(_text_key(article.text))
        if where is not None:
            return f"same text as {where}, which is already in the corpus: nothing to add"
        return None


def _content_problem(data: bytes, suffix: str) -> str | None:
    """What a text file's first bytes say it is instead, when they name another format.

    The loader already refuses binary text files; this names what they are (a program, an
    archive), and refuses a script, which is text but no article. Pages and PDFs are
    checked by the loader itself.
    """
    if suffix not in TEXT_SUFFIXES:
        return None
    kind = signatures.identify(data)
    if kind == "a PDF document":
        return "by its first bytes it is a PDF document, not text: rename it to .pdf"
    if kind is not None:
        return f"by its first bytes it is {kind}, not a text article: upload the article itself"
    return None


def _refined(reason: str, data: bytes, suffix: str) -> str:
    """The loader's reason, in the words of an upload: the file was never in the corpus, and a
    page that held nothing but scripts is said to be one.

    Example: 'binary file, not text' -> 'binary file, not text: upload the article as UTF-8 text'
    """
    if suffix in WEBPAGE_SUFFIXES and reason == webpages.NO_TEXT_REASON and _SCRIPT_TAG.search(data):
        return SCRIPTS_ONLY_REASON
    if reason.endswith(_LOADER_FIX):
        return reason.removesuffix(_LOADER_FIX) + ": it is no article, so it was not added"
    if reason == "binary file, not text":
        return f"{reason}: upload the article as UTF-8 text"
    if reason == "empty file":
        return f"{reason}: nothing to add"
    return reason


def _text_problem(article: Article, suffix: str) -> str | None:
    """Markup left in the text extracted from a page (defence in depth: it is shown escaped)."""
    if suffix not in WEBPAGE_SUFFIXES:
        return None
    found = _MARKUP_IN_TEXT.search(article.text)
    if found is None:
        return None
    tag = found.group(1).lower()
    return (
        f"its text still holds HTML markup ('<{tag}') once extracted: save the page again "
        "('Web page, HTML only'), or, if the article is about HTML code, add its text as a .txt file"
    )


def _text_key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
