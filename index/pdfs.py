"""PDFs: the text of a PDF article, page by page, and its metadata.

pypdf reads each page's text (`page.extract_text()`). A PDF knows lines, not
paragraphs, and the sentence reader works line by line, so a sentence wrapped
over two lines would be read as two. The lines are therefore joined back into
paragraphs: a line ends its paragraph when a blank line follows it or when it
is clearly shorter than a full line of the document (a heading, the last line
of a paragraph); the lines of a paragraph are joined with a space. A hyphen at
the end of a line is kept and the next line joined to it without a space
("inspec-tion"): dropping it would also merge words that have one
("self-driving"). Paragraphs are separated by blank lines, and so are pages;
`Extraction.pages` holds the offset at which each page's text starts, so a
citation can say which page it is on.

Metadata: the title from /Title (not when it is a file name or a word
processor's placeholder; `articles.py` then takes the first line), authors from
/Author, the date from /CreationDate (YYYY-MM-DD).

Reading stops, and the PDF is refused, once the text passes the size limit
for one article (`file_kinds.DEFAULT_MAX_ARTICLE_BYTES`, 1 MB): a few kilobytes of
compressed page content can hold hundreds of megabytes of text, which would all
be held in memory before the loader found it too long. Within one page, pypdf's
own limit on a decompressed stream (75 MB) is the bound.

It deliberately does not read scanned pages (no OCR: a PDF whose pages hold no
text raises `ExtractionError`), open password-protected files (only those that
open with the empty password, as many "no copying" PDFs do), or put columns of
a newspaper page into reading order beyond what pypdf does.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from io import BytesIO
from typing import TYPE_CHECKING

from index.errors import ExtractionError
from index.extraction import Extraction
from index.file_kinds import DEFAULT_MAX_ARTICLE_BYTES

if TYPE_CHECKING:
    from pypdf import DocumentInformation, PdfReader

__all__ = ["extract", "extractor_version", "reflow"]

# Bump when this module's output changes for the same file, so cached extractions are redone.
EXTRACTOR = "pdf/1"
# A line shorter than this share of a full line ends its paragraph. The last line of a paragraph
# is rarely this full; a wrapped line inside one nearly always is (only a very long next word
# cuts it short, and then the paragraph is only split in two, no word is lost).
SHORT_LINE_SHARE = 0.8
# The length of a "full" line: this quantile of all line lengths, so that a stray long line (a
# URL, a table row) does not stand for the text width.
FULL_LINE_QUANTILE = 0.9
ENCRYPTED_REASON = (
    "encrypted with a password: save a copy without one (e.g. print it to a new PDF) "
    "or add its text as a .txt file"
)
NO_TEXT_REASON = (
    "no text in the PDF (its pages are images, e.g. a scan): run OCR on it first "
    "(e.g. ocrmypdf) or add its text as a .txt file"
)
# Typesetting ligatures: "ﬁre" would not match a search for "fire".
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Titles that name the file rather than the article.
_PLACEHOLDER_TITLE = re.compile(
    r"(?i)^(untitled.*|microsoft (word|powerpoint|excel) - .*|.*\.(docx?|pdf|indd|odt|rtf|pages|qxp|txt))$"
)

# pypdf reports what it repairs in a damaged file as log warnings; with no handler configured
# Python would print them bare on stderr, among the one-line skip reasons. A NullHandler keeps
# them out of the terminal and still passes them to any logging an application sets up.
logging.getLogger("pypdf").addHandler(logging.NullHandler())


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """Names this extractor and pypdf's version; part of the extraction cache key.

    Example: -> 'pdf/1 pypdf/7.1.1'
    """
    from importlib.metadata import version

    return f"{EXTRACTOR} pypdf/{version('pypdf')}"


def extract(data: bytes, *, max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES) -> Extraction:
    """The text (pages joined by blank lines), page offsets and metadata of the PDF `data`.

    Example: a two-page PDF whose pages read 'Council approves plan' and 'Bus routes' ->
    Extraction(text='Council approves plan\\n\\nBus routes', pages=(0, 23), ...)

    Raises `ExtractionError` for an encrypted, damaged or image-only PDF, and for one whose
    text passes `max_bytes` (UTF-8; by default the limit for one article), without reading on.
    """
    import pypdf
    from pypdf.errors import DependencyError

    try:
        reader = pypdf.PdfReader(BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError:
                raise ExtractionError(
                    "encrypted with AES, which needs the 'cryptography' package to read: "
                    "pip install cryptography, or save a copy without encryption"
                ) from None
            if opened == pypdf.PasswordType.NOT_DECRYPTED:
                raise ExtractionError(ENCRYPTED_REASON)
        page_texts = _page_texts(reader, limit=max_bytes)
    except ExtractionError:
        raise
    except Exception as error:  # noqa: BLE001 - pypdf raises many kinds for a damaged file
        detail = " ".join(str(error).split())[:80] or type(error).__name__
        raise ExtractionError(f"broken PDF ({detail}): open it in a PDF viewer and save it again") from None
    text, pages = _join_pages(reflow(page_texts))
    if not text.strip():
        raise ExtractionError(NO_TEXT_REASON)
    title, authors, date = _metadata(reader)
    return Extraction(text=text, title=title, authors=authors, date=date, pages=pages)


def _page_texts(reader: PdfReader, *, limit: int) -> list[str]:
    """Each page's text, read until the text passes `limit` bytes; then `ExtractionError`.

    What is counted is each line without its surrounding and repeated spaces, which `reflow`
    keeps whole: the joined text is at least as long, so a PDF refused here is one the loader
    would refuse for its length too, only later, and after holding all of its text.
    """
    texts: list[str] = []
    size = 0
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = _clean(page.extract_text() or "")
        size += sum(len(" ".join(line.split()).encode()) for line in text.splitlines())
        if size > limit:
            raise ExtractionError(
                f"its text passes the {limit / 1e6:.0f} MB limit for one article by page {number} "
                f"of {total}, where reading stopped: save only the article's pages, or split its "
                "text into several .txt files"
            )
        texts.append(text)
    return texts


def reflow(page_texts: list[str]) -> list[str]:
    """Each page's lines joined into paragraphs, which are separated by blank lines.

    Example:
        ['Bridge to close\\nThe county will close the Willow Creek\\nbridge for six months.']
        -> ['Bridge to close\\n\\nThe county will close the Willow Creek bridge for six months.']
    """
    pages = [[" ".join(line.split()) for line in text.splitlines()] for text in page_texts]
    lengths = sorted(len(line) for lines in pages for line in lines if line)
    if not lengths:
        return ["" for _ in pages]
    full = lengths[int(FULL_LINE_QUANTILE * (len(lengths) - 1))]
    out = []
    for lines in pages:
        paragraphs: list[str] = []
        current = ""
        for line in lines:
            if line:
                current = _join_lines(current, line)
            if current and (not line or len(line) < SHORT_LINE_SHARE * full):
                paragraphs.append(current)
                current = ""
        if current:
            paragraphs.append(current)
        out.append("\n\n".join(paragraphs))
    return out


def _join_lines(current: str, line: str) -> str:
    """Example: ('the inspec-', 'tion found') -> 'the inspec-tion found'; ('a', 'b') -> 'a b'"""
    if not current:
        return line
    if current.endswith("-") and len(current) > 1 and current[-2].isalpha():
        return current + line
    return f"{current} {line}"


def _join_pages(page_texts: list[str]) -> tuple[str, tuple[int, ...]]:
    """The pages' text joined by blank lines, and where each page starts in it.

    A page without text starts where the next text starts, so `Article.page_at` never
    names a page that holds none of the text.

    Example: ['One.', '', 'Three.'] -> ('One.\\n\\nThree.', (0, 6, 6))
    """
    text = ""
    starts: list[int | None] = []
    for page in page_texts:
        if not page:
            starts.append(None)  # filled in below with the start of the next text
            continue
        text += "\n\n" if text else ""
        starts.append(len(text))
        text += page
    following = len(text)
    for i in reversed(range(len(starts))):
        start = starts[i]
        following = start if start is not None else following
        starts[i] = following
    return text, tuple(s for s in starts if s is not None)


def _clean(text: str) -> str:
    """Ligatures spelled out, control characters (other than line breaks) made spaces."""
    return _CONTROL.sub(" ", text.translate(_LIGATURES).replace("\r\n", "\n").replace("\r", "\n"))


def _metadata(reader: PdfReader) -> tuple[str | None, tuple[str, ...], str | None]:
    """(title, authors, date) from the document information, each None or empty when absent."""
    try:
        info = reader.metadata
        title = _one_line(info.title) if info else None
        author = _one_line(info.author) if info else None
    except Exception:  # noqa: BLE001 - damaged metadata: the text is still worth having
        return None, (), None
    if title and _PLACEHOLDER_TITLE.match(title):
        title = None
    return title, _authors(author), _creation_date(info)


def _creation_date(info: DocumentInformation | None) -> str | None:
    """/CreationDate as YYYY-MM-DD; None when absent or not a date.

    Example: 'D:20200305100000Z' -> '2020-03-05'
    """
    try:
        created = info.creation_date if info is not None else None
    except Exception:  # noqa: BLE001 - pypdf raises ValueError and others for a malformed date
        return None
    return created.date().isoformat() if created is not None else None


def _authors(author: str | None) -> tuple[str, ...]:
    """The names in /Author: split at ';', '&' and ' and ', and at commas when every part is a
    full name (so 'Doe, Jane' stays one name).

    Example: 'Rosa Delgado, Ken Ito and Ana Ruiz' -> ('Rosa Delgado', 'Ken Ito', 'Ana Ruiz')
    """
    names: list[str] = []
    for part in re.split(r";|&| and ", author or ""):
        pieces = [p.strip() for p in part.split(",")]
        if len(pieces) > 1 and all(len(p.split()) >= 2 for p in pieces):
            names.extend(pieces)
        else:
            names.append(part.strip())
    return tuple(dict.fromkeys(n for n in names if n))


def _one_line(value: object) -> str | None:
    return (" ".join(value.split()) or None) if isinstance(value, str) else None
