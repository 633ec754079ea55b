from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest

from index.articles import UNKNOWN_OUTLET, load_corpus, parse_article
from index.errors import CorpusNotFound, EmptyCorpus

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def test_parse_article__front_matter_gives_metadata_and_text_after_it_verbatim():
    raw = '---\nid: a1\ntitle: "A title"\noutlet: KFSN\ndate: 2015-07\ndate_approximate: true\n---\n Body, kept.\n'
    article = parse_article(raw, default_id="file")
    assert (article.id, article.title, article.outlet, article.date) == ("a1", "A title", "KFSN", "2015-07")
    assert article.date_approximate
    assert article.text == " Body, kept.\n"
    assert article.date_label == "2015-07 (approx.)"


def test_parse_article__missing_metadata_gets_defaults():
    article = parse_article("First line is the title\nSecond line.", default_id="my-file")
    assert article.id == "my-file"
    assert article.title == "First line is the title"
    assert article.outlet == UNKNOWN_OUTLET
    assert article.date is None and article.date_label == "undated"


def test_parse_article__unquoted_yaml_date_is_kept_as_text():
    article = parse_article("---\ndate: 2022-02-09\n---\nText.", default_id="x")
    assert article.date == "2022-02-09"


def test_content_hash__changes_with_text_and_metadata():
    a = parse_article("---\ntitle: A\n---\nText.", default_id="x")
    b = parse_article("---\ntitle: B\n---\nText.", default_id="x")
    c = parse_article("---\ntitle: A\n---\nText!", default_id="x")
    assert len({a.content_hash, b.content_hash, c.content_hash}) == 3


def test_load_corpus__the_shipped_corpus_has_five_described_articles(corpus_dir):
    corpus = load_corpus(corpus_dir)
    assert len(corpus) == 5 and not corpus.skipped
    outlets = {a.outlet for a in corpus}
    assert {"KFSN (ABC30 Action News)", "The Fresno Bee", "KSEE/KGPE", "Breitbart Texas"} <= outlets
    dated = {a.id: (a.date, a.date_approximate) for a in corpus}
    assert dated["ksee-aclu-report-2022"] == ("2022-02-09", False)
    assert all(approx for aid, (_, approx) in dated.items() if aid != "ksee-aclu-report-2022")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the original seed articles are not beside this checkout")
def test_load_corpus__article_texts_equal_the_seed_files_unchanged(corpus_dir):
    corpus = load_corpus(corpus_dir)
    seeds = sorted(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))
    assert sorted(a.text for a in corpus) == seeds


def test_load_corpus__missing_folder_says_how_to_fix(tmp_path):
    with pytest.raises(CorpusNotFound, match="--corpus PATH"):
        load_corpus(tmp_path / "nope")


def test_load_corpus__empty_folder_says_how_to_fix(tmp_path):
    with pytest.raises(EmptyCorpus, match=r"add \.txt or \.md files"):
        load_corpus(tmp_path)


def test_load_corpus__bad_files_are_skipped_with_one_reason_each(tmp_path):
    (tmp_path / "good.txt").write_text("A good article. It has text.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 story".encode("latin-1"))
    (tmp_path / "z-copy.md").write_text("A good article. It has text.", encoding="utf-8")
    (tmp_path / "bad-yaml.txt").write_text("---\ntitle: [unclosed\n---\nText.", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [a.path for a in corpus] == ["good.txt"]
    reasons = {s.path: s.reason for s in corpus.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"] == "binary file, not text"
    assert reasons["latin1.txt"].startswith("not UTF-8 text (byte 0xe9 at offset 3)")
    assert "iconv" in reasons["latin1.txt"]
    assert reasons["z-copy.md"] == "same text as good.txt: duplicate left out"
    assert "front matter is not valid YAML" in reasons["bad-yaml.txt"]


def test_load_corpus__subfolders_and_unusual_names_get_ids_from_their_paths(tmp_path):
    (tmp_path / "local news").mkdir()
    (tmp_path / "local news" / "Café report.txt").write_text("Text here.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Not an article.", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus] == ["local-news-café-report"]


def test_load_corpus__unreadable_file_is_skipped_not_fatal(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text("Readable.", encoding="utf-8")
    (tmp_path / "locked.txt").write_text("Secret.", encoding="utf-8")
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:  # root can read anything, so refuse like chmod 000 would
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus] == ["ok"]
    assert [str(s) for s in corpus.skipped] == [
        "skipped locked.txt: cannot be read (Permission denied): check its permissions"
    ]


PAGES = Path(__file__).resolve().parent / "pages"


def test_parse_article__front_matter_authors_and_url():
    raw = (
        "---\nauthors: [Ana Ruiz, ' Ben  Ode ']\nurl: https://valleytimes.example/news/fair.html\n---\nText."
    )
    article = parse_article(raw, default_id="x")
    assert article.authors == ("Ana Ruiz", "Ben Ode")
    assert article.url == "https://valleytimes.example/news/fair.html"
    assert article.pages == () and article.page_at(0) is None
    assert parse_article("---\nauthors: Ana Ruiz\n---\nText.", default_id="x").authors == ("Ana Ruiz",)


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ("authors: {name: Ana}", "authors must be a name or a list of names"),
        ("authors: [Ana Ruiz, 3]", "authors must be a name or a list of names"),
        ("url: javascript:alert(1)", "url 'javascript:alert(1)' is not a web address"),
        ("url: valleytimes.example/fair", "write it in full, e.g. 'url: https://"),
        ("url: [https://a.example]", "is not a web address"),
    ],
)
def test_load_corpus__bad_authors_or_url_in_front_matter_skip_the_file_saying_how_to_fix(
    tmp_path, front_matter, message
):
    (tmp_path / "ok.txt").write_text("Readable.", encoding="utf-8")
    (tmp_path / "bad.md").write_text(f"---\n{front_matter}\n---\nText.", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    (skipped,) = corpus.skipped
    assert skipped.path == "bad.md" and message in skipped.reason
    assert "front matter" in skipped.reason


def test_content_hash__changes_with_authors_url_and_pages_and_not_for_old_articles():
    base = parse_article("Text.", default_id="x")
    variants = [
        replace(base, authors=("Ana Ruiz",)),
        replace(base, url="https://a.example/x"),
        replace(base, pages=(0,)),
        replace(base, pages=(0, 3)),
    ]
    assert len({base.content_hash, *(v.content_hash for v in variants)}) == 5
    # The hash of an article without the new fields is the one an existing index holds.
    assert base.content_hash == hashlib.sha256(b"x\0Text.\0Unknown outlet\0\0False\0Text.").hexdigest()


@pytest.mark.parametrize(
    ("offset", "page"),
    [(0, 1), (99, 1), (100, 2), (249, 2), (250, 4), (10_000, 4), (-1, 1)],
)
def test_page_at__is_the_page_holding_the_offset(offset, page):
    # Page 3 holds no text (a photograph): it starts where page 4 does, and no offset is on it.
    article = replace(parse_article("x" * 300, default_id="x"), pages=(0, 100, 250, 250))
    assert article.page_at(offset) == page


def test_load_corpus__a_page_a_pdf_and_a_text_file_load_with_citation_ready_offsets(tmp_path):
    from pdf_files import TRANSIT, write_pdf

    from index.chunking import Chunker

    (tmp_path / "bridge.html").write_bytes((PAGES / "millbrook-ledger-bridge-closure.html").read_bytes())
    (tmp_path / "transit.pdf").write_bytes(write_pdf(TRANSIT, title="Council approves transit plan"))
    (tmp_path / "fair.md").write_text(
        "---\ntitle: County fair opens\noutlet: Valley Times\nauthors: Ana Ruiz\n"
        "url: https://valleytimes.example/fair\n---\n"
        "The county fair opened on Friday. A record 9,400 people came through the gates.\n",
        encoding="utf-8",
    )
    corpus = load_corpus(tmp_path, extraction_cache=tmp_path.parent / f"{tmp_path.name}-cache")
    assert [a.id for a in corpus] == ["bridge", "fair", "transit"] and not corpus.skipped
    sentences = {
        "bridge": "The repairs will cost $3.8 million, of which the state bridge fund will pay 80 percent.",
        "fair": "A record 9,400 people came through the gates.",
        "transit": "He said the city had not explained how it would pay for the drivers it needs to hire, "
        "at least 22 of them by the end of next year.",
    }
    chunker = Chunker(chunk_size=48, chunk_overlap=0)
    for article in corpus:
        start = article.text.find(sentences[article.id])
        assert start >= 0, article.id
        for passage in chunker.split(article):
            assert article.text[passage.start : passage.end] == passage.text
    bridge, fair, transit = corpus.articles
    assert (fair.authors, fair.url) == (("Ana Ruiz",), "https://valleytimes.example/fair")
    assert bridge.outlet == "Millbrook Ledger" and bridge.page_at(5) is None
    assert transit.page_at(transit.text.find(sentences["transit"])) == 2
