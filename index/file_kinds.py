"""File kinds: which files are articles, and how large each kind may be.

A corpus folder holds three kinds of article file: text (`.txt`, `.md`),
saved web pages (`.html`, `.htm`) and PDFs (`.pdf`). This module names their
suffixes, the size limit of each kind and what to do about a file over it.
The loader (`articles.py`) skips a file for these limits, a new file is
refused for the same ones (`uploads.py`), and `pdfs.py` stops reading a PDF
once its text passes the limit for one article.

It deliberately does not read files or look at their bytes: `signatures.py`
says what a file is, `articles.py` reads it.
"""

from __future__ import annotations

__all__ = [
    "ARTICLE_SUFFIXES",
    "DEFAULT_MAX_ARTICLE_BYTES",
    "MAX_PDF_BYTES",
    "MAX_WEBPAGE_BYTES",
    "PDF_SUFFIXES",
    "SIZE_FIXES",
    "TEXT_SUFFIXES",
    "WEBPAGE_SUFFIXES",
]

TEXT_SUFFIXES = (".txt", ".md")
WEBPAGE_SUFFIXES = (".html", ".htm")
PDF_SUFFIXES = (".pdf",)
ARTICLE_SUFFIXES = TEXT_SUFFIXES + WEBPAGE_SUFFIXES + PDF_SUFFIXES
# A news article is tens of kilobytes. A file of many megabytes is a dump or a book, not an
# article, and embedding it would hold up indexing for minutes (about 3 per megabyte on 2 cores).
# The limit applies to a text file and to the text extracted from a page or a PDF.
DEFAULT_MAX_ARTICLE_BYTES = 1024 * 1024
# A saved page is mostly not text: its scripts and styles make 0.2-3 MB, and a page saved as
# one file (SingleFile, "Save as... single file") carries its images inline, which can reach
# several megabytes more. 10 MB holds those; parsing it takes well under a second.
MAX_WEBPAGE_BYTES = 10 * 1024 * 1024
# A PDF article's photos and fonts make it several megabytes, a newspaper page's scans up to
# about 15; pypdf reads only the text operators, so the size costs little time. Beyond 20 MB a
# PDF is a report or a book rather than an article.
MAX_PDF_BYTES = 20 * 1024 * 1024
# What to do about a file over its kind's limit, the end of the reason it is skipped or refused.
SIZE_FIXES = {
    ".txt": "split it into several files",
    ".md": "split it into several files",
    ".html": "save the article's page alone, without its images inlined",
    ".htm": "save the article's page alone, without its images inlined",
    ".pdf": "save only the article's pages, or its text as a .txt file",
}
