"""The realnews corpus: RealTimeQA search results written as a folder of Markdown articles.

`collect_articles` turns the search results of some weeks into one
`NewsArticle` per distinct URL; `write_corpus` writes each as `<id>.md`, YAML
front matter then the text exactly as given, which `index.articles.load_corpus`
reads back:

    ---
    id: usatoday.com-venice-tourist-tax-hike-2025-8e27ae1ab6
    title: Venice renews tourist tax system for 2025, hikes price
    outlet: usatoday.com
    date: '2024-07-12'
    authors: []
    url: https://www.usatoday.com/story/travel/news/2024/07/12/venice-tourist-tax-hike-2025/74384859007/
    ---
    Crispian Balmer ...

Rules, each chosen so that the same weeks always give the same files:

- A result with no text (missing, blank, with a NUL, or not encodable as UTF-8) is left out.
- A URL returned in several weeks was fetched each time, and the texts can
  differ a little; the version of the latest week is kept (the page as last
  read), the first of that week if it came back twice.
- Two URLs with the same text are one article (the loader would skip the
  second anyway); the one whose id sorts first is kept.
- The id is the outlet, a slug of the URL's path and ten hex digits of the
  URL's SHA-256, so it never changes for a URL and never clashes in practice.

Files are written atomically (a hidden temporary file, then a rename) and only
when their bytes change, so re-running leaves unchanged articles untouched and
the index re-embeds nothing. This module does not read the RealTimeQA files
(`evals.realnews.realtimeqa`) or decide which questions are asked (`evals.realnews.questions`).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml

from evals.realnews.realtimeqa import SearchResult, iso_date

__all__ = [
    "NewsArticle",
    "ArticleCollection",
    "CorpusWrite",
    "CorpusWriteError",
    "article_id",
    "outlet_of",
    "collect_articles",
    "write_corpus",
]

ARTICLE_SUFFIX = ".md"
_HASH_DIGITS = 10
_SLUG_CHARS = 60
# Path segments that name no story: '/2021/02/03/', '/index.html', '/amp/'.
_EMPTY_SEGMENTS = frozenset({"index", "amp", "story", "news", "article", "articles"})


class CorpusWriteError(OSError):
    """The corpus folder cannot be written; the message says what to do."""


@dataclass(frozen=True)
class NewsArticle:
    """One distinct article: the metadata for its front matter and its text, unchanged."""

    id: str
    title: str
    outlet: str
    date: str | None
    authors: tuple[str, ...]
    url: str
    text: str

    @property
    def file_name(self) -> str:
        return self.id + ARTICLE_SUFFIX

    def to_markdown(self) -> str:
        """YAML front matter (dumped by PyYAML, so any title or name is valid YAML), then the text.

        Example: NewsArticle('a', 'T: x', 'cnn.com', None, (), 'https://cnn.com/a', 'Body.').to_markdown()
        -> "---\\nid: a\\ntitle: 'T: x'\\noutlet: cnn.com\\nauthors: []\\nurl: https://cnn.com/a\\n---\\nBody."
        """
        meta: dict[str, object] = {"id": self.id}
        if self.title:
            meta["title"] = self.title
        meta["outlet"] = self.outlet
        if self.date:
            meta["date"] = self.date
        meta["authors"] = list(self.authors)
        meta["url"] = self.url
        block = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1 << 20)
        # The loader ends the front matter at the first '---' line; single-line values never
        # make one, but a URL is taken as given, so check rather than trust.
        if any(line.rstrip(" \t") == "---" for line in block.splitlines()):
            raise CorpusWriteError(f"The front matter of '{self.url}' would hold a '---' line: report this.")
        return f"---\n{block}---\n{self.text}"


@dataclass(frozen=True)
class ArticleCollection:
    """The distinct articles of some search results, in id order, and what was left out."""

    articles: tuple[NewsArticle, ...]
    results: int
    without_text: int
    duplicate_texts: int
    # Every URL with a usable text -> the id of the article that stands for it (after de-duplication).
    ids_by_url: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def characters(self) -> int:
        return sum(len(article.text) for article in self.articles)


@dataclass(frozen=True)
class CorpusWrite:
    """What `write_corpus` did: files written (new or changed), left untouched, and removed."""

    folder: Path
    written: int
    unchanged: int
    removed: int


def article_id(url: str) -> str:
    """A stable id for a URL: outlet, a slug of its path, a short hash of the whole URL.

    Example: 'https://www.cnn.com/2022/10/09/health/colonoscopy-study/index.html'
    -> 'cnn.com-colonoscopy-study-3817809577'
    """
    digest = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_DIGITS]
    host = re.sub(r"[^a-z0-9.-]+", "-", outlet_of(url)).strip(".-") or "unknown"
    return "-".join(part for part in (host, _slug(urlsplit(url).path), digest) if part)


def outlet_of(url: str) -> str:
    """The site an article is from: its host, lower-cased, without 'www.'.

    Example: 'https://www.usatoday.com/story/...' -> 'usatoday.com'
    """
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        host = ""
    return re.sub(r"^www\d*\.", "", host.lower().rstrip(".")) or "unknown"


def collect_articles(results: Iterable[SearchResult]) -> ArticleCollection:
    """One article per distinct URL with a usable text, chosen as the module docstring says.

    Example: two results for one URL, weeks 20250704 and 20250711 -> one article, the 20250711 text.
    """
    chosen: dict[str, SearchResult] = {}
    total = without_text = 0
    for result in results:
        total += 1
        if not _usable(result.text):
            without_text += 1
            continue
        kept = chosen.get(result.url)
        # Later weeks replace earlier ones; within a week the first result stands.
        if kept is None or result.week > kept.week:
            chosen[result.url] = result
    by_text: dict[str, NewsArticle] = {}
    ids_by_url: dict[str, str] = {}
    candidates = sorted((_article(result) for result in chosen.values()), key=lambda a: a.id)
    _check_unique_ids(candidates)
    for article in candidates:
        kept_article = by_text.setdefault(article.text, article)
        ids_by_url[article.url] = kept_article.id
    articles = tuple(sorted(by_text.values(), key=lambda a: a.id))
    return ArticleCollection(
        articles=articles,
        results=total,
        without_text=without_text,
        duplicate_texts=len(candidates) - len(articles),
        ids_by_url=ids_by_url,
    )


def write_corpus(articles: Iterable[NewsArticle], folder: Path | str, *, prune: bool = False) -> CorpusWrite:
    """Write each article to `folder/<id>.md`, atomically and only when its bytes change.

    With `prune`, other `.md` files directly in the folder are removed, so the
    folder holds exactly these articles (use it for a folder you own, like the
    run cache). Example: writing the same articles twice -> the second
    CorpusWrite has written=0.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CorpusWriteError(
            f"Cannot create the corpus folder '{folder}' ({error.strerror or error}): "
            "choose another folder with --out DIR."
        ) from None
    written = unchanged = removed = 0
    names: set[str] = set()
    for article in articles:
        names.add(article.file_name)
        data = article.to_markdown().encode("utf-8")
        path = folder / article.file_name
        if path.is_file() and path.read_bytes() == data:
            unchanged += 1
            continue
        _write_atomically(path, data)
        written += 1
    if prune:
        for path in sorted(folder.glob("*" + ARTICLE_SUFFIX)):
            if path.name not in names and path.is_file():
                path.unlink()
                removed += 1
    return CorpusWrite(folder=folder, written=written, unchanged=unchanged, removed=removed)


def _article(result: SearchResult) -> NewsArticle:
    authors = tuple(dict.fromkeys(_one_line(name) for name in result.authors if _one_line(name)))
    return NewsArticle(
        id=article_id(result.url),
        # Titles and names are one line of metadata (the loader collapses their spaces too).
        title=_one_line(result.title),
        outlet=outlet_of(result.url),
        date=iso_date(result.publish_date),
        authors=authors,
        url=result.url,
        text=result.text,
    )


def _usable(text: str) -> bool:
    # The loader skips a file with a NUL byte as binary: such a text is no article either.
    if not text or not text.strip() or "\0" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no file can hold it as UTF-8
        return False
    return True


def _slug(path: str) -> str:
    """The last path segment that reads as words. Example: '/2024/07/12/venice-tax/7438/' -> 'venice-tax'"""
    for segment in reversed(unquote(path).split("/")):
        segment = re.sub(r"\.(?:s?html?|php|aspx?)$", "", segment.lower())
        slug = re.sub(r"[^a-z0-9]+", "-", segment).strip("-")
        if re.search(r"[a-z]", slug) and slug not in _EMPTY_SEGMENTS:
            if len(slug) > _SLUG_CHARS:
                cut = slug[:_SLUG_CHARS]
                slug = cut.rsplit("-", 1)[0] if "-" in cut else cut  # at a word, when there is one
            return slug.strip("-")
    return ""


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _check_unique_ids(articles: list[NewsArticle]) -> None:
    seen: dict[str, str] = {}
    for article in articles:
        other = seen.setdefault(article.id, article.url)
        if other != article.url:
            raise CorpusWriteError(
                f"URLs '{other}' and '{article.url}' give the same id '{article.id}': "
                "raise _HASH_DIGITS in evals/realnews/corpus.py."
            )


def _write_atomically(path: Path, data: bytes) -> None:
    # A hidden name, so a loader reading the folder meanwhile never sees a half-written article.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise CorpusWriteError(
            f"Cannot write '{path}' ({error.strerror or error}): check the folder's permissions "
            "and free space, or choose another folder with --out DIR."
        ) from None
