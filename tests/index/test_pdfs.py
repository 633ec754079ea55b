"""PDF articles: text page by page with where each page starts, metadata, and clear reasons to skip."""

from __future__ import annotations

import datetime as dt

import pytest
from pdf_files import LIBRARY, TRANSIT, encrypt, image_only_pdf, long_text_pdf, write_pdf

from index import pdfs
from index.articles import load_corpus
from index.errors import ExtractionError

CREATED = dt.datetime(2020, 3, 5, 10, 0, tzinfo=dt.UTC)
# 10 KB of file, 2 MB of text: five pages of 400 KB each, and the limit for one article is 1 MB.
LONG_TEXT_REASON = (
    "its text passes the 1 MB limit for one article by page 3 of 5, where reading stopped: "
    "save only the article's pages, or split its text into several .txt files"
)


@pytest.fixture(scope="module")
def transit() -> bytes:
    return write_pdf(
        TRANSIT, title="Council approves transit plan", author="Rosa Delgado; Ken Ito", created=CREATED
    )


def test_pdf__every_paragraph_is_one_line_and_each_page_starts_where_pages_say(transit):
    extraction = pdfs.extract(transit)
    text = extraction.text
    # Lines wrapped by the typesetter are joined again, so a sentence is never cut by a line break.
    assert text.split("\n\n") == [p for page in TRANSIT for p in page]
    assert len(extraction.pages) == 3
    for start, page in zip(extraction.pages, TRANSIT, strict=True):
        assert text.startswith(page[0], start)


def test_pdf__page_at_names_the_page_of_a_quote(tmp_path, transit):
    (tmp_path / "transit.pdf").write_bytes(transit)
    (article,) = load_corpus(tmp_path)
    for number, page in enumerate(TRANSIT, start=1):
        for paragraph in page:
            start = article.text.find(paragraph)
            assert start >= 0
            assert article.page_at(start) == number
            assert article.page_at(start + len(paragraph) - 1) == number
    assert article.page_at(len(article.text)) == 3


def test_pdf__metadata_from_the_document_information(tmp_path, transit):
    (tmp_path / "Transit Plan.pdf").write_bytes(transit)
    (article,) = load_corpus(tmp_path)
    assert (article.id, article.title, article.date, article.date_approximate) == (
        "transit-plan",
        "Council approves transit plan",
        "2020-03-05",
        False,
    )
    assert article.authors == ("Rosa Delgado", "Ken Ito")
    assert article.outlet == "Unknown outlet" and article.url is None


def test_pdf__without_metadata_the_title_is_the_first_line_and_an_empty_page_holds_no_offset(tmp_path):
    (tmp_path / "library.pdf").write_bytes(write_pdf(LIBRARY))
    (article,) = load_corpus(tmp_path)
    assert article.title == "Dorrance library to open on Sundays"
    assert (article.authors, article.date) == ((), None)
    # Page 2 is a photograph: it starts where page 3 does, so no offset is said to be on it.
    assert article.pages[1] == article.pages[2]
    assert article.page_at(article.text.find("Board chair Nadia Okoro")) == 3
    assert article.page_at(article.text.find("nearly two thirds")) == 1


@pytest.mark.parametrize(
    ("title", "author", "expected_title", "expected_authors"),
    [
        (
            "Microsoft Word - library story.docx",
            "Doe, Jane",
            "Dorrance library to open on Sundays",
            ("Doe, Jane",),
        ),
        (
            "untitled",
            "Ana Ruiz, Ben Ode & Cy Tan",
            "Dorrance library to open on Sundays",
            ("Ana Ruiz", "Ben Ode", "Cy Tan"),
        ),
        (
            "Library adds Sunday hours",
            "Ana Ruiz and Ben Ode",
            "Library adds Sunday hours",
            ("Ana Ruiz", "Ben Ode"),
        ),
    ],
)
def test_pdf__a_file_name_is_no_title_and_authors_are_split_into_names(
    title, author, expected_title, expected_authors, tmp_path
):
    (tmp_path / "library.pdf").write_bytes(write_pdf(LIBRARY, title=title, author=author))
    (article,) = load_corpus(tmp_path)
    assert (article.title, article.authors) == (expected_title, expected_authors)


def test_pdf__one_that_opens_without_a_password_is_read():
    extraction = pdfs.extract(encrypt(write_pdf(LIBRARY), user_password=""))
    assert extraction.text.startswith("Dorrance library to open on Sundays\n\n")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        (
            "program.pdf",
            b"\x7fELF\x02\x01\x01\x00" + bytes(120),
            "by its first bytes it is an ELF executable (a Linux program), not a PDF: remove it from the corpus",
        ),
        (
            "setup.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(64),
            "by its first bytes it is a Windows executable, not a PDF: remove it from the corpus",
        ),
        (
            "page.pdf",
            b"<!DOCTYPE html><html><body><p>Story</p></body></html>",
            "by its first bytes it is a web page, not a PDF: rename it to .html",
        ),
        (
            "notes.pdf",
            b"Meeting notes, typed in a text editor.\n",
            "not a PDF (it does not start with %PDF-): open it in a PDF viewer and save it again",
        ),
        (
            "broken.pdf",
            b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog\x00 garbage",
            "broken PDF (Stream has ended unexpectedly): open it in a PDF viewer and save it again",
        ),
        ("locked.pdf", encrypt(write_pdf(LIBRARY), user_password="s3cret"), pdfs.ENCRYPTED_REASON),
        ("scan.pdf", image_only_pdf(), pdfs.NO_TEXT_REASON),
        ("minutes.pdf", long_text_pdf(5, page_bytes=400_000), LONG_TEXT_REASON),
    ],
    ids=["elf", "windows-exe", "html", "text", "broken", "encrypted", "image-only", "text-past-the-limit"],
)
def test_load_corpus__a_pdf_that_cannot_be_read_is_skipped_with_what_it_is(tmp_path, name, data, reason):
    (tmp_path / "ok.txt").write_text("An article. It has text.", encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    corpus = load_corpus(tmp_path)
    assert [a.path for a in corpus] == ["ok.txt"]
    assert [(s.path, s.reason) for s in corpus.skipped] == [(name, reason)]


def test_pdf__reading_stops_at_the_page_whose_text_passes_the_article_limit(monkeypatch):
    from pypdf import PageObject

    read = []
    extract_text = PageObject.extract_text

    def counted(page, *args, **kwargs):
        read.append(page)
        return extract_text(page, *args, **kwargs)

    monkeypatch.setattr(PageObject, "extract_text", counted)

    with pytest.raises(ExtractionError) as error:
        pdfs.extract(long_text_pdf(5, page_bytes=400_000))

    assert str(error.value) == LONG_TEXT_REASON
    assert len(read) == 3, "pages 4 and 5 are never read"


def test_pdf__a_text_as_long_as_the_limit_is_read_whole():
    data = long_text_pdf(2, page_bytes=100_000)
    whole = pdfs.extract(data, max_bytes=10**9).text

    assert pdfs.extract(data, max_bytes=len(whole.encode())).text == whole


def test_pdf__damage_raises_extraction_error_not_a_library_error():
    with pytest.raises(ExtractionError, match=r"^broken PDF \("):
        pdfs.extract(b"%PDF-1.7\n" + bytes(range(256)) * 4)


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        # A short line (a headline, a paragraph's last line) ends its paragraph; full lines go on.
        (
            [
                "Headline here\nThe council voted on Monday to approve the\nplan for the new bus routes in the city of\nRennick.\nA next paragraph."
            ],
            [
                "Headline here\n\nThe council voted on Monday to approve the plan for the new bus routes in the city of Rennick."
                "\n\nA next paragraph."
            ],
        ),
        # A hyphen at a line's end is kept, the word joined without a space.
        (
            ["The county inspectors found that the inspec-\ntion reports of the bridge were all late."],
            ["The county inspectors found that the inspec-tion reports of the bridge were all late."],
        ),
        # A blank line always ends a paragraph; white space runs become one space.
        (
            ["One  full line of text that is long enough\n\nAnother\tfull line of text that is long enough"],
            ["One full line of text that is long enough\n\nAnother full line of text that is long enough"],
        ),
        # A paragraph never runs over a page break; an empty page stays empty.
        (
            [
                "The first page ends in the middle of a long\n",
                "",
                "sentence that the second page goes on with.",
            ],
            [
                "The first page ends in the middle of a long",
                "",
                "sentence that the second page goes on with.",
            ],
        ),
    ],
    ids=["short-lines-end-paragraphs", "hyphen-kept", "blank-lines", "pages"],
)
def test_reflow__wrapped_lines_join_into_paragraphs(pages, expected):
    assert pdfs.reflow(pages) == expected
