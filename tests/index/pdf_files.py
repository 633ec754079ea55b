"""Small PDF articles for the tests, typeset with fpdf2 (lines wrapped as a word processor would).

The stories are made up. fpdf2's built-in Helvetica writes Latin-1 only, so the
texts keep to it.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO

__all__ = ["TRANSIT", "LIBRARY", "write_pdf", "encrypt", "image_only_pdf", "long_text_pdf"]

# Page by page, paragraph by paragraph; the first paragraph of a story is its headline.
TRANSIT = [
    [
        "Council approves ten-year transit plan",
        "The Rennick city council approved a ten-year transit plan on Monday that adds three bus routes "
        "and extends evening service to 11 p.m. on weekdays, a change riders have asked for since at least 2016.",
        "Transit director Lorna Vance said the plan would cost about $4.2 million a year once it is fully in "
        'place. "This is the first time in a decade that we are adding service rather than cutting it," she said.',
    ],
    [
        "The new Route 14 will link the Eastside neighborhoods with the hospital campus on Garnet Road, "
        "which has had no direct bus since the old Route 6 was cut in 2011.",
        "Council member Arthur Pell voted against the plan. He said the city had not explained how it would "
        "pay for the drivers it needs to hire, at least 22 of them by the end of next year.",
    ],
    [
        "The first of the new routes is expected to start running in January. Riders can comment on the "
        "draft schedules at three public meetings in November.",
    ],
]
LIBRARY = [
    [
        "Dorrance library to open on Sundays",
        "The Dorrance public library will open on Sundays from noon "
        "to 5 p.m. starting in September, the library board decided on Thursday after a survey in which "
        "nearly two thirds of patrons asked for weekend hours.",
    ],
    [],  # a page that holds only a photograph
    [
        "Board chair Nadia Okoro said the extra hours would cost about $38,000 a year, paid from a bequest "
        "left to the library by a retired schoolteacher, Margaret Lind."
    ],
]


def write_pdf(
    pages: list[list[str]],
    *,
    title: str | None = None,
    author: str | None = None,
    created: dt.datetime | None = None,
) -> bytes:
    """A PDF with one page per item of `pages`, each paragraph wrapped to the page width.

    Metadata the arguments leave out is left out of the file (fpdf2 would date it today).
    """
    from fpdf import FPDF
    from pypdf import PdfWriter

    pdf = FPDF(format="letter")
    pdf.set_margins(25, 25, 25)
    for page_number, paragraphs in enumerate(pages):
        pdf.add_page()
        if not paragraphs:
            _photo(pdf)
        for i, paragraph in enumerate(paragraphs):
            headline = page_number == 0 and i == 0
            pdf.set_font("helvetica", "B" if headline else "", 16 if headline else 11)
            pdf.multi_cell(0, 8 if headline else 5.5, paragraph)
            pdf.ln(3)
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    if created:
        pdf.set_creation_date(created)
    data = bytes(pdf.output())
    if created:
        return data
    writer = PdfWriter(clone_from=BytesIO(data))
    writer.metadata = None
    if title or author:
        writer.add_metadata({k: v for k, v in (("/Title", title), ("/Author", author)) if v})
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypt(data: bytes, *, user_password: str) -> bytes:
    """`data` encrypted (RC4, which pypdf writes without extra packages); '' opens with no password."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=BytesIO(data))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def image_only_pdf(pages: int = 2) -> bytes:
    """A scan: every page a picture, no text."""
    return write_pdf([[] for _ in range(pages)])


def _photo(pdf) -> None:
    from PIL import Image

    image = Image.new("RGB", (120, 80), (90, 120, 150))
    pdf.image(image, x=25, y=25, w=160)


def long_text_pdf(pages: int, *, page_bytes: int) -> bytes:
    """A small file whose pages each hold `page_bytes` of text once extracted: the text is one
    sentence over and over, which compresses to almost nothing (5 pages of 400 KB make 10 KB)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    sentence = "The council met on Monday to talk about the budget for the year ahead."
    lines = page_bytes // len(sentence) + 1
    content = ("BT /F1 10 Tf 12 TL 72 720 Td\n" + f"({sentence}) '\n" * lines + "ET\n").encode()
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    writer = PdfWriter()
    for _ in range(pages):
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        stream = DecodedStreamObject()
        stream.set_data(content)
        page.replace_contents(stream.flate_encode())
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
