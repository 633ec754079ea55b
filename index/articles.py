"""Articles: reading a corpus folder into `Article` values.

A corpus is any folder of `.txt` or `.md` files, searched recursively (hidden
files and folders are ignored). A file may start with a YAML front matter block
that describes the article:

    ---
    id: fresno-bee-aclu-letter-2015
    title: "ACLU letter urges Sheriff Mims to end the ICE partnership"
    outlet: The Fresno Bee
    date: "2015-11"
    date_approximate: true
    ---
    The American Civil Liberties Union sent ...

Everything after the closing `---` line is the article text, byte for byte:
citation offsets point into it. Missing fields get defaults (the id from the
file name, the title from the first line, an unknown outlet, no date).

Files that cannot be used (empty, binary, not UTF-8, unreadable, too large, a
duplicate of another article) are skipped with a one-line reason each; they do
not stop the rest of the corpus from loading.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from index.errors import ArticleFormatError, CorpusNotFound, EmptyCorpus

__all__ = ["Article", "Skipped", "Corpus", "load_corpus", "parse_article"]

ARTICLE_SUFFIXES = (".txt", ".md")
# A news article is tens of kilobytes. A file of many megabytes is a dump or a book, not an
# article, and embedding it would hold up indexing for minutes (about 3 per megabyte on 2 cores).
DEFAULT_MAX_ARTICLE_BYTES = 1024 * 1024
UNKNOWN_OUTLET = "Unknown outlet"
FRONT_MATTER_KEYS = {"id", "title", "outlet", "date", "date_approximate"}
_TITLE_CHARS = 90


@dataclass(frozen=True)
class Article:
    """One article: its metadata and its text, which citation offsets index into."""

    id: str
    title: str
    outlet: str
    date: str | None
    date_approximate: bool
    text: str
    path: str = ""

    @property
    def content_hash(self) -> str:
        """Changes whenever the text or the metadata changes."""
        h = hashlib.sha256()
        for part in (self.id, self.title, self.outlet, self.date or "", str(self.date_approximate)):
            h.update(part.encode())
            h.update(b"\0")
        h.update(self.text.encode())
        return h.hexdigest()

    @property
    def date_label(self) -> str:
        """The date as a reader should see it. Example: '2015-11 (approx.)'."""
        if not self.date:
            return "undated"
        return f"{self.date} (approx.)" if self.date_approximate else self.date


@dataclass(frozen=True)
class Skipped:
    """A file left out of the corpus, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.path}: {self.reason}"


@dataclass(frozen=True)
class Corpus:
    """The articles of a folder, in path order, plus the files that were skipped."""

    root: Path
    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...] = ()

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    def __len__(self) -> int:
        return len(self.articles)

    def get(self, article_id: str) -> Article | None:
        for article in self.articles:
            if article.id == article_id:
                return article
        return None


def load_corpus(root: Path | str, *, max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES) -> Corpus:
    """Read every article under `root`.

    Raises `CorpusNotFound` when the folder is missing and `EmptyCorpus` when
    it holds no usable article.
    """
    root = Path(root)
    if not root.is_dir():
        raise CorpusNotFound(root)
    articles: list[Article] = []
    skipped: list[Skipped] = []
    ids: dict[str, str] = {}
    texts: dict[str, str] = {}
    for path in _article_files(root):
        rel = path.relative_to(root).as_posix()
        try:
            article = _read_article(path, rel, max_bytes=max_bytes)
        except _Skip as skip:
            skipped.append(Skipped(rel, str(skip)))
            continue
        except ArticleFormatError as error:
            skipped.append(Skipped(rel, str(error)))
            continue
        if article.id in ids:
            skipped.append(
                Skipped(rel, f"id '{article.id}' is already used by {ids[article.id]}: "
                        "give one of them another id in its front matter")
            )
            continue
        text_key = hashlib.sha256(article.text.encode()).hexdigest()
        if text_key in texts:
            skipped.append(Skipped(rel, f"same text as {texts[text_key]}: duplicate left out"))
            continue
        ids[article.id] = rel
        texts[text_key] = rel
        articles.append(article)
    if not articles:
        raise EmptyCorpus(root, skipped=len(skipped))
    return Corpus(root=root, articles=tuple(articles), skipped=tuple(skipped))


def parse_article(raw: str, *, default_id: str, path: str = "") -> Article:
    """Split front matter from text and fill in defaults.

    Example: '---\\ntitle: A\\n---\\nBody.' -> Article(id=default_id, title='A', text='Body.')
    """
    meta: dict[str, object] = {}
    text = raw
    match = re.match(r"---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|$)", raw, flags=re.DOTALL)
    if match:
        meta = _parse_front_matter(match.group(1) or "", path)
        text = raw[match.end():]
    if not text.strip():
        raise _Skip("no article text after the front matter")
    article_id = _clean(meta.get("id")) or default_id
    if not re.fullmatch(r"[\w.\-]+", article_id):
        raise ArticleFormatError(
            f"id '{article_id}' may hold only letters, digits, '.', '-' and '_': "
            "change it in the front matter"
        )
    date = _clean(meta.get("date"))
    return Article(
        id=article_id,
        title=_clean(meta.get("title")) or _default_title(text),
        outlet=_clean(meta.get("outlet")) or UNKNOWN_OUTLET,
        date=date or None,
        date_approximate=bool(meta.get("date_approximate", False)) and bool(date),
        text=text,
        path=path,
    )


class _Skip(Exception):
    """A file that is not an article; the message is the reason shown to the user."""


def _article_files(root: Path) -> list[Path]:
    found = []
    for path in root.rglob("*"):
        rel_parts = path.relative_to(root).parts
        if any(part.startswith(".") for part in rel_parts):
            continue
        if path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def _read_article(path: Path, rel: str, *, max_bytes: int) -> Article:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _Skip(
                f"{size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit for one "
                "article: split it into several files"
            )
        data = path.read_bytes()
    except OSError as error:
        raise _Skip(f"cannot be read ({error.strerror or error}): check its permissions") from None
    if not data.strip():
        raise _Skip("empty file")
    if b"\0" in data[:8192]:
        raise _Skip("binary file, not text")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _Skip(
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}): "
            f"convert it, e.g. iconv -f latin1 -t utf-8"
        ) from None
    return parse_article(raw, default_id=_default_id(rel), path=rel)


def _parse_front_matter(block: str, path: str) -> dict[str, object]:
    import yaml

    try:
        # libyaml's loader when PyYAML was built with it: the same safe subset, about 10x faster,
        # which is most of the time a large corpus takes to open.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        meta = yaml.load(block, Loader=loader) if block.strip() else {}  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        first = str(error).splitlines()[0]
        raise ArticleFormatError(f"front matter is not valid YAML ({first}): fix it or remove it") from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise ArticleFormatError("front matter must be 'key: value' lines: fix it or remove it")
    return {str(k): v for k, v in meta.items() if str(k) in FRONT_MATTER_KEYS}


def _clean(value: object) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""


def _default_id(rel: str) -> str:
    """Example: 'local news/Café report.txt' -> 'local-news-café-report'"""
    stem = rel.rsplit(".", 1)[0].lower()
    return re.sub(r"[^\w.]+", "-", stem).strip("-") or "article"


def _default_title(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "Untitled")
    return first if len(first) <= _TITLE_CHARS else first[: _TITLE_CHARS - 1].rstrip() + "…"
