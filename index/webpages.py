"""Web pages: the article in a saved news page (.html, .htm), as text and metadata.

A saved news page is mostly not the article: navigation, ads, cookie banners,
share buttons, related links, comments, and scripts and styles. trafilatura,
made for news pages, finds the article's own text; this module asks it for
that text and the page's metadata and turns them into an `Extraction`:

- text: the article's paragraphs, one per line of trafilatura's output, each
  with its runs of white space made one space, separated by blank lines
  ("\\n\\n") so the sentence splitter and the reader see paragraphs;
- title, authors and URL from the page's metadata (meta tags, Open Graph,
  JSON-LD), the URL falling back on the address a browser writes into a page
  it saves ("<!-- saved from url=... -->");
- outlet: the page's site name, else the host of its URL;
- date: trafilatura's, else htmldate's reading of the page (ISO, YYYY-MM-DD).

It deliberately does not fetch anything (htmldate is given bytes, never a
string it could take for an address), run scripts, or keep comments, tables,
image captions or links: a layout table is how old sites placed their
columns, and turned into text it mixes the menu into the article. A page
whose text holds no paragraph of at least `MIN_PARAGRAPH_WORDS` words (a
page of scripts, an empty shell, an index of links) raises `ExtractionError`.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from html import unescape
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from index.errors import ExtractionError
from index.extraction import Extraction

if TYPE_CHECKING:
    from trafilatura.settings import Document

__all__ = ["extract", "extractor_version", "web_address", "NO_TEXT_REASON", "MIN_PARAGRAPH_WORDS"]

# Bump when this module's output changes for the same page, so cached extractions are redone.
EXTRACTOR = "webpage/1"
# An article holds at least one sentence of this many words; a menu, a list of headlines or a
# "please enable JavaScript" shell does not, and is no article to quote from.
MIN_PARAGRAPH_WORDS = 8
NO_TEXT_REASON = "no article text found in the page: save the article's own page, not an index or a script"
NO_MARKUP_REASON = "no HTML markup in the file: if it is plain text, rename it to .txt"

# Where a browser or SingleFile records the address of a page it saved.
_SAVED_FROM = re.compile(
    r"<!--\s*saved from url=\(\d+\)(?P<a>https?://[^\s>]+?)\s*-->"
    r"|Page saved with SingleFile\s+url:\s*(?P<b>https?://\S+)",
    flags=re.IGNORECASE,
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", flags=re.IGNORECASE)
_MARKUP = re.compile(
    r"<(?:!doctype\s+html|html|head|body|title|meta|p|div|article|main|table|span|h[1-6])\b",
    flags=re.IGNORECASE,
)
# Markup a browser does not show, which trafilatura would otherwise read like any other text
# (it already drops scripts, styles, <noscript> and inline display:none).
_NEVER_SHOWN = ["//template", "//*[@hidden]"]
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", flags=re.IGNORECASE | re.DOTALL)
# A <title> of two halves around a dash, bar or colon, as 'Headline | Site' (trafilatura's split).
_TITLE_HALVES = re.compile(r"^(.+?)\s+[–•·—|:-]\s+(.+)$")
# Web browsers read a page labelled Latin-1 or ASCII as Windows-1252 (the WHATWG encoding
# standard), whose extra letters (curly quotes, dashes) old pages do use.
_AS_WINDOWS_1252 = {"iso8859-1", "latin-1", "latin1", "iso-8859-1", "ascii", "us-ascii", "iso-ir-100"}


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """Names this extractor and the libraries it rests on; part of the extraction cache key.

    Example: -> 'webpage/1 trafilatura/2.3.1 htmldate/1.11.0'
    """
    from importlib.metadata import version

    return f"{EXTRACTOR} trafilatura/{version('trafilatura')} htmldate/{version('htmldate')}"


def extract(data: bytes) -> Extraction:
    """The article text and metadata of the saved page `data`.

    Example: a page whose <article> holds '<p>The bridge on Route 9 will close for six months
    starting in March.</p>' -> Extraction(text='The bridge on Route 9 will close ...', ...)

    Raises `ExtractionError` when the page holds no article text.
    """
    html = _decode(data)
    if not _MARKUP.search(html):
        raise ExtractionError(NO_MARKUP_REASON)
    saved_from = _saved_from(html)
    document = _trafilatura(html, url=saved_from)
    if document is None:
        raise ExtractionError(NO_TEXT_REASON)
    text = _paragraphs(document.text or "")
    if not any(len(p.split()) >= MIN_PARAGRAPH_WORDS for p in text.split("\n\n")):
        raise ExtractionError(NO_TEXT_REASON)
    url = web_address(document.url) or saved_from
    return Extraction(
        text=text,
        title=_title(document.title, html, host=_host(url)),
        outlet=_outlet(document.sitename, url),
        authors=_authors(document.author),
        url=url,
        date=document.date or _htmldate(data, url=url),
    )


def _trafilatura(html: str, *, url: str | None) -> Document | None:
    """trafilatura's reading of the page: main text and metadata, or None when it found no text."""
    import trafilatura
    import trafilatura.settings

    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            # A quote must come from the article: rather lose a doubtful line than cite a menu.
            favor_precision=True,
            include_comments=False,
            # Old sites lay out the whole page in a table: as a table it would be read as one
            # cell holding the menu, the story and the footer together.
            include_tables=False,
            include_images=False,
            include_links=False,
            prune_xpath=_NEVER_SHOWN,
        )
    except Exception as error:  # noqa: BLE001 - a malformed page is skipped, whatever trips the parser
        raise ExtractionError(
            f"the page could not be read ({type(error).__name__}): open it in a browser and save it again"
        ) from None
    return document if isinstance(document, trafilatura.settings.Document) else None


def _decode(data: bytes) -> str:
    """The page as text: its byte order mark, else UTF-8, else the charset its <meta> declares,
    else Windows-1252, as a browser would read it.

    Example: b'<meta charset="iso-8859-1"><p>Caf\\xe9' -> '<meta charset="iso-8859-1"><p>Café'
    """
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    codec = declared.group(1).decode("ascii").lower() if declared else "cp1252"
    if codec in _AS_WINDOWS_1252:
        codec = "cp1252"
    try:
        return data.decode(codec)
    except (LookupError, UnicodeDecodeError):
        # A wrong or unknown label: Latin-1 maps every byte to a character, so nothing is lost.
        return data.decode("latin-1")


def _paragraphs(text: str) -> str:
    """One paragraph per non-blank line, white space made single spaces, blank lines between.

    Example: 'Title\\n  First   para.\\n\\nSecond\\u00a0para. ' -> 'Title\\n\\nFirst para.\\n\\nSecond para.'
    """
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _saved_from(html: str) -> str | None:
    """The address a browser (or SingleFile) wrote into the page it saved, if any."""
    match = _SAVED_FROM.search(html[:4096])
    return web_address(match.group("a") or match.group("b")) if match else None


def _title(found: str | None, html: str, *, host: str | None) -> str | None:
    """trafilatura's title, unless it is the site's own name taken from a '<title>' such as
    'Harlow Valley News Online - Fire destroys barn': then the other half of that <title>.

    Example: ('Harlow Valley News Online', '<title>Harlow Valley News Online - Fire destroys
    barn</title>', host='harlowvalleynews.com') -> 'Fire destroys barn'
    """
    title = _one_line(found)
    if not title or not _names_site(title, host):
        return title
    tag = _TITLE_TAG.search(html)
    halves = _TITLE_HALVES.match(_one_line(unescape(tag.group(1))) or "") if tag else None
    if halves:
        others = [h for h in halves.groups() if not _names_site(h, host)]
        if len(others) == 1:
            return others[0]
    return title


def _names_site(text: str, host: str | None) -> bool:
    """True when `text` is the name of the site at `host`, letters and digits compared.

    Example: ('Harlow Valley News Online', 'harlowvalleynews.com') -> True
    """
    label = re.sub(r"[^a-z0-9]", "", host.split(".")[0]) if host else ""
    # A label of two or three letters ('abc', 'kq2') would match too many headlines.
    return len(label) >= 4 and re.sub(r"[^a-z0-9]", "", text.lower()).startswith(label)


def _outlet(sitename: str | None, url: str | None) -> str | None:
    """The site name, unless it is an address (an article:publisher link); else the URL's host.

    Example: ('https://www.facebook.com/ledger', 'https://www.ledger.com/a') -> 'ledger.com'
    """
    name = _one_line(sitename)
    if name and not re.match(r"https?://|www\.", name):
        return name
    return _host(url)


def _authors(author: str | None) -> tuple[str, ...]:
    """trafilatura's author field, which joins names with '; ', as separate names.

    Example: 'Marta Ellison; Theo Brandt' -> ('Marta Ellison', 'Theo Brandt')
    """
    names = (_one_line(part) for part in (author or "").split(";"))
    return tuple(dict.fromkeys(n for n in names if n and not re.match(r"https?://", n)))


def _htmldate(data: bytes, *, url: str | None) -> str | None:
    """htmldate's reading of the page's date, for pages where trafilatura found none."""
    import htmldate

    try:
        # The bytes, not a string: htmldate downloads a string that looks like an address.
        found = htmldate.find_date(data, extensive_search=True, original_date=True, url=url)
    except Exception:  # noqa: BLE001 - no date is better than no article
        return None
    return found if isinstance(found, str) else None


def web_address(value: str | None) -> str | None:
    """`value` if it is an http(s) address with a host, else None: a reader may be shown it as a
    link, so no 'javascript:' or 'file:' address gets through.

    Example: 'https://example.com/a' -> 'https://example.com/a'; 'javascript:alert(1)' -> None
    """
    if not value:
        return None
    value = value.strip()
    if any(ch.isspace() for ch in value):
        return None
    parts = urlsplit(value)
    return value if parts.scheme in ("http", "https") and parts.hostname else None


def _host(url: str | None) -> str | None:
    """Example: 'http://www.harlowvalleynews.com/stories/x.html' -> 'harlowvalleynews.com'"""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _one_line(value: str | None) -> str | None:
    return (" ".join(value.split()) or None) if value else None
