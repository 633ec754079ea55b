"""Articles: reading a corpus folder into `Article` values.

A corpus is any folder of articles, searched recursively (hidden files and
folders are ignored). An article is one of (`file_kinds.py` names the
suffixes and the size limits):

- a `.txt` or `.md` file (UTF-8), which may start with a YAML front matter
  block that describes the article (`front_matter.py`); everything after it
  is the article text, byte for byte;
- a saved web page (`.html`, `.htm`): its article text and metadata are read
  by `webpages.py` (trafilatura), the menus, ads and comments left out;
- a PDF (`.pdf`): its text, page by page, and metadata are read by `pdfs.py`
  (pypdf); `Article.pages` says where each page starts.

Citation offsets point into `Article.text`: for a page or a PDF that is the
extracted text, paragraphs separated by blank lines. Missing fields get
defaults (the id from the file name, the title from the first line, an
unknown outlet, no date). A file's content is checked by its bytes, not its
name: a `.pdf` that is a program, or an `.html` that is binary, is skipped.

Extraction is slow next to reading a text file, so `load_corpus` can keep
each extraction in a cache folder (`extraction_cache.py`), keyed by the
file's bytes: an unchanged page is not extracted again.

Files that cannot be used (empty, binary, not UTF-8, unreadable, too large, a
page without article text, an encrypted or image-only PDF, a duplicate of
another article) are skipped with a one-line reason each; they do not stop
the rest of the corpus from loading.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from index import front_matter, pdfs, signatures, webpages
from index.errors import ArticleFormatError, CorpusNotFound, EmptyCorpus, ExtractionError
from index.extraction import Extraction
from index.extraction_cache import ExtractionCache
from index.file_kinds import (
    ARTICLE_SUFFIXES,
    DEFAULT_MAX_ARTICLE_BYTES,
    MAX_PDF_BYTES,
    MAX_WEBPAGE_BYTES,
    PDF_SUFFIXES,
    SIZE_FIXES,
    WEBPAGE_SUFFIXES,
)

__all__ = ["Article", "Skipped", "Corpus", "load_corpus", "parse_article", "read_article"]

UNKNOWN_OUTLET = "Unknown outlet"
_TITLE_CHARS = 90
_KIND_WORDS = {".html": "saved web page", ".htm": "saved web page", ".pdf": "PDF"}
# A page saved as a web archive (.mht) is MIME text wrapping the page, not the page itself.
_WEB_ARCHIVE = re.compile(rb"(?is)\s*(?:from:|mime-version:).{0,2000}multipart/related")


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
    authors: tuple[str, ...] = ()
    url: str | None = None
    # Where each page of a PDF starts in `text` (offsets, first page at 0); empty for other files.
    pages: tuple[int, ...] = ()

    @cached_property
    def content_hash(self) -> str:
        """Changes whenever the text or the metadata changes. Computed on first use and kept:
        an article does not change, and the indexer and the catalog each ask more than once."""
        h = hashlib.sha256()
        for part in (self.id, self.title, self.outlet, self.date or "", str(self.date_approximate)):
            h.update(part.encode())
            h.update(b"\0")
        h.update(self.text.encode())
        # Hashed only when set, so the articles of an index built before these fields existed
        # keep their hash and are not embedded again.
        if self.authors or self.url or self.pages:
            for part in ("\x1f".join(self.authors), self.url or "", ",".join(map(str, self.pages))):
                h.update(b"\0")
                h.update(part.encode())
        return h.hexdigest()

    def page_at(self, offset: int) -> int | None:
        """The page (1-based) of a PDF article that holds `text[offset]`; None without pages.

        Example: pages=(0, 1200, 2350): page_at(0) -> 1, page_at(1300) -> 2, page_at(9999) -> 3
        """
        if not self.pages:
            return None
        return max(1, bisect_right(self.pages, offset))

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


def load_corpus(
    root: Path | str,
    *,
    max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
    extraction_cache: Path | None = None,
) -> Corpus:
    """Read every article under `root`.

    `max_bytes` limits a text file and the text extracted from a page or a PDF.
    `extraction_cache`, a folder (created when first written), keeps what was
    extracted from each page and PDF so that the next load reads it instead.

    Raises `CorpusNotFound` when the folder is missing and `EmptyCorpus` when
    it holds no usable article.
    """
    root = Path(root)
    if not root.is_dir():
        raise CorpusNotFound(root)
    cache = ExtractionCache(extraction_cache) if extraction_cache is not None else None
    articles: list[Article] = []
    skipped: list[Skipped] = []
    ids: dict[str, str] = {}
    texts: dict[str, str] = {}
    for path in _article_files(root):
        rel = path.relative_to(root).as_posix()
        try:
            article = _read_article(path, rel, max_bytes=max_bytes, cache=cache)
        except _Skip as skip:
            skipped.append(Skipped(rel, str(skip)))
            continue
        except (ArticleFormatError, ExtractionError) as error:
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
    meta, text = front_matter.split(raw)
    if not text.strip():
        raise _Skip("no article text after the front matter")
    article_id = front_matter.clean(meta.get("id")) or default_id
    if not re.fullmatch(r"[\w.\-]+", article_id):
        raise ArticleFormatError(
            f"id '{article_id}' may hold only letters, digits, '.', '-' and '_': "
            "change it in the front matter"
        )
    date = front_matter.clean(meta.get("date"))
    return Article(
        id=article_id,
        title=front_matter.clean(meta.get("title")) or _default_title(text),
        outlet=front_matter.clean(meta.get("outlet")) or UNKNOWN_OUTLET,
        date=date or None,
        date_approximate=bool(meta.get("date_approximate", False)) and bool(date),
        text=text,
        path=path,
        authors=front_matter.authors(meta.get("authors")),
        url=front_matter.url(meta.get("url")),
    )


def read_article(
    path: Path | str,
    *,
    rel: str | None = None,
    max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
    extraction_cache: Path | None = None,
) -> Article | Skipped:
    """The article in one file, read exactly as `load_corpus` reads each file, or why it is none.

    `rel` is the file's path inside its corpus (it gives the default id and `Article.path`);
    by default the file's own name. Checks that need the rest of the corpus (a duplicate id
    or text) are the caller's. Used to check an upload before it joins a corpus folder.

    Example: read_article('inbox/Bridge closure.txt') -> Article(id='bridge-closure', ...);
    an empty file -> Skipped('Bridge closure.txt', 'empty file')
    """
    path = Path(path)
    rel = rel or path.name
    cache = ExtractionCache(extraction_cache) if extraction_cache is not None else None
    try:
        return _read_article(path, rel, max_bytes=max_bytes, cache=cache)
    except (_Skip, ArticleFormatError, ExtractionError) as error:
        return Skipped(rel, str(error))


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


def _read_article(path: Path, rel: str, *, max_bytes: int, cache: ExtractionCache | None) -> Article:
    """The article in the file at `path`, read as its suffix says once its bytes agree."""
    suffix = path.suffix.lower()
    if suffix in WEBPAGE_SUFFIXES:
        data = _read_bytes(path, limit=MAX_WEBPAGE_BYTES, fix=SIZE_FIXES[suffix])
        _check_webpage_bytes(data)
        return _extracted_article(
            data, rel, max_bytes=max_bytes, cache=cache,
            extractor=webpages.extractor_version, extract=webpages.extract,
        )
    if suffix in PDF_SUFFIXES:
        data = _read_bytes(path, limit=MAX_PDF_BYTES, fix=SIZE_FIXES[suffix])
        _check_pdf_bytes(data)
        return _extracted_article(
            data, rel, max_bytes=max_bytes, cache=cache,
            extractor=pdfs.extractor_version, extract=pdfs.extract,
        )
    # Any other suffix is read as text: `read_article` may be given any file.
    data = _read_bytes(path, limit=max_bytes, fix=SIZE_FIXES[".txt"])
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


def _read_bytes(path: Path, *, limit: int, fix: str) -> bytes:
    """The file's bytes, unless it is unreadable, over `limit` (then `fix` says what to do) or empty."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise _Skip(
                f"{size / 1e6:.1f} MB is over the {limit / 1e6:.0f} MB limit for one "
                f"{_KIND_WORDS.get(path.suffix.lower(), 'article')}: {fix}"
            )
        data = path.read_bytes()
    except OSError as error:
        raise _Skip(f"cannot be read ({error.strerror or error}): check its permissions") from None
    if not data.strip():
        raise _Skip("empty file")
    return data


def _check_webpage_bytes(data: bytes) -> None:
    """Skip an .html/.htm file whose bytes are some other format, or not text at all."""
    kind = signatures.identify(data)
    if kind == "a PDF document":
        raise _Skip("by its first bytes it is a PDF document, not a web page: rename it to .pdf")
    if kind is not None:
        raise _Skip(f"by its first bytes it is {kind}, not a web page: remove it from the corpus")
    if signatures.looks_binary(data):
        raise _Skip("binary file, not a web page: remove it from the corpus")
    if _WEB_ARCHIVE.match(data[:4096]):
        raise _Skip(
            "a web archive (.mht), not a web page: save the page again as 'Web page, HTML only'"
        )


def _check_pdf_bytes(data: bytes) -> None:
    """Skip a .pdf file that does not start as a PDF does, naming what it is instead."""
    if data.startswith(signatures.PDF_MAGIC):
        return
    kind = signatures.identify(data)
    if kind is not None:
        raise _Skip(f"by its first bytes it is {kind}, not a PDF: remove it from the corpus")
    if not signatures.looks_binary(data) and re.search(rb"(?i)<(!doctype html|html)\b", data[:4096]):
        raise _Skip("by its first bytes it is a web page, not a PDF: rename it to .html")
    raise _Skip("not a PDF (it does not start with %PDF-): open it in a PDF viewer and save it again")


def _extracted_article(
    data: bytes,
    rel: str,
    *,
    max_bytes: int,
    cache: ExtractionCache | None,
    extractor: Callable[[], str],
    extract: Callable[[bytes], Extraction],
) -> Article:
    """The article `extract` reads from `data` (through the cache when there is one)."""
    extraction = (
        cache.extract(data, extractor=extractor(), extract=extract) if cache is not None else extract(data)
    )
    size = len(extraction.text.encode())
    if size > max_bytes:
        raise _Skip(
            f"its text is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for one "
            "article: split it into several files"
        )
    return Article(
        id=_default_id(rel),
        title=extraction.title or _default_title(extraction.text),
        outlet=extraction.outlet or UNKNOWN_OUTLET,
        date=extraction.date,
        date_approximate=False,
        text=extraction.text,
        path=rel,
        authors=extraction.authors,
        url=webpages.web_address(extraction.url),
        pages=extraction.pages,
    )


def _default_id(rel: str) -> str:
    """Example: 'local news/Café report.txt' -> 'local-news-café-report'"""
    stem = rel.rsplit(".", 1)[0].lower()
    return re.sub(r"[^\w.]+", "-", stem).strip("-") or "article"


def _default_title(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "Untitled")
    return first if len(first) <= _TITLE_CHARS else first[: _TITLE_CHARS - 1].rstrip() + "…"
