"""The extraction cache: an unchanged page or PDF is extracted once, a changed one again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pdf_files import TRANSIT, write_pdf

from index import pdfs, webpages
from index.articles import load_corpus
from index.extraction import Extraction
from index.extraction_cache import ExtractionCache

PAGE = Path(__file__).resolve().parent / "pages" / "kfrv-school-board-boundaries.html"


@pytest.fixture
def calls(monkeypatch) -> dict[str, int]:
    """How many times each extractor ran."""
    counts = {"webpage": 0, "pdf": 0}
    real_webpage, real_pdf = webpages.extract, pdfs.extract

    def webpage(data: bytes) -> Extraction:
        counts["webpage"] += 1
        return real_webpage(data)

    def pdf(data: bytes) -> Extraction:
        counts["pdf"] += 1
        return real_pdf(data)

    monkeypatch.setattr(webpages, "extract", webpage)
    monkeypatch.setattr(pdfs, "extract", pdf)
    return counts


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "board.html").write_bytes(PAGE.read_bytes())
    (folder / "transit.pdf").write_bytes(write_pdf(TRANSIT, title="Transit plan"))
    return folder


def test_extraction_cache__second_load_does_not_extract_again(corpus, tmp_path, calls):
    cache = tmp_path / "index" / "extracted"
    first = load_corpus(corpus, extraction_cache=cache)
    second = load_corpus(corpus, extraction_cache=cache)
    assert calls == {"webpage": 1, "pdf": 1}
    assert first.articles == second.articles
    assert [a.content_hash for a in first] == [a.content_hash for a in second]
    assert len(list(cache.glob("*.json"))) == 2 and not list(cache.glob(".*"))  # no temporary files left


def test_extraction_cache__a_changed_file_is_extracted_again(corpus, tmp_path, calls):
    cache = tmp_path / "extracted"
    load_corpus(corpus, extraction_cache=cache)
    page = corpus / "board.html"
    page.write_bytes(page.read_bytes().replace(b"About 300 students", b"About 320 students"))
    changed = load_corpus(corpus, extraction_cache=cache)
    assert calls == {"webpage": 2, "pdf": 1}
    assert "About 320 students" in changed.get("board").text


def test_extraction_cache__without_a_folder_every_load_extracts(corpus, calls):
    load_corpus(corpus)
    load_corpus(corpus)
    assert calls == {"webpage": 2, "pdf": 2}


@pytest.mark.parametrize(
    "damage",
    ["{not json", "", '{"sha256": "x"}', "[1, 2]", '{"extraction": {"text": 5}}'],
    ids=["not-json", "empty", "wrong-key", "not-an-object", "bad-field"],
)
def test_extraction_cache__a_corrupt_entry_is_ignored_and_rewritten(corpus, tmp_path, calls, damage):
    cache = tmp_path / "extracted"
    expected = load_corpus(corpus, extraction_cache=cache).get("board")
    for entry in cache.glob("*.json"):
        entry.write_text(damage, encoding="utf-8")
    assert load_corpus(corpus, extraction_cache=cache).get("board") == expected
    assert calls == {"webpage": 2, "pdf": 2}
    for entry in cache.glob("*.json"):
        assert json.loads(entry.read_text(encoding="utf-8"))["extraction"]["text"]


def test_extraction_cache__a_new_extractor_version_extracts_again(corpus, tmp_path, calls, monkeypatch):
    cache = tmp_path / "extracted"
    load_corpus(corpus, extraction_cache=cache)
    monkeypatch.setattr(webpages, "extractor_version", lambda: "webpage/999 trafilatura/9.9")
    load_corpus(corpus, extraction_cache=cache)
    load_corpus(corpus, extraction_cache=cache)
    assert calls == {"webpage": 2, "pdf": 1}


def test_extraction_cache__a_failed_extraction_is_not_stored(tmp_path):
    cache = ExtractionCache(tmp_path / "extracted")

    def fail(data: bytes) -> Extraction:
        raise ValueError("no text")

    with pytest.raises(ValueError):
        cache.extract(b"<html></html>", extractor="test/1", extract=fail)
    assert not (tmp_path / "extracted").exists()


def test_extraction_cache__an_unwritable_folder_only_costs_time(tmp_path):
    blocker = tmp_path / "extracted"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    cache = ExtractionCache(blocker)
    extraction = cache.extract(b"data", extractor="test/1", extract=lambda data: Extraction(text="Text."))
    assert extraction == Extraction(text="Text.")


def test_catalog__keeps_extractions_in_the_index_folder(tmp_path, monkeypatch):
    import index.catalog
    from index.settings import Settings

    seen = {}

    class Stop(Exception):
        pass

    def load_corpus_spy(root, **kwargs):
        seen.update(kwargs, root=root)
        raise Stop

    monkeypatch.setattr(index.catalog, "load_corpus", load_corpus_spy)
    with pytest.raises(Stop):
        index.catalog.Catalog.open(Settings(corpus_dir=tmp_path / "c", index_dir=tmp_path / "idx"))
    assert seen == {"root": tmp_path / "c", "extraction_cache": tmp_path / "idx" / "extracted"}
