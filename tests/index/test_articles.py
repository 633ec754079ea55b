from __future__ import annotations

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
