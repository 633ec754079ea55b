"""BM25 over passages: search, saving, and rebuilding from a stale index."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import index.lexical
from index.chunking import Passage
from index.lexical import LexicalIndex

TEXTS = {
    "a#1#0": "The sheriff said the jail would stop honoring detainer requests.",
    "a#1#1": "Immigration agents arrested forty people at the courthouse.",
    "b#2#0": "The county board voted to fund a new shelter for families.",
    "b#2#1": "Advocates said the detainers broke the Fourth Amendment.",
    "c#4#0": "And so it was.",  # stop words only: no terms
}


def _passages(texts: dict[str, str], *, start: int = 0) -> list[Passage]:
    return [Passage(pid, pid.split("#")[0], start, start + len(text), text) for pid, text in texts.items()]


def _ranked(index: LexicalIndex, query: str) -> list[tuple[str, float]]:
    return [(h.passage_id, round(h.score, 9)) for h in index.search(query, k=10)]


QUERIES = ["detainer requests", "sheriff jail", "shelter families", "courthouse arrests", "Fourth Amendment"]


def test_search__finds_the_passage_that_holds_the_words():
    index = LexicalIndex(_passages(TEXTS), fingerprint="f")
    assert index.search("shelter families", k=1)[0].passage_id == "b#2#0"
    assert index.search("zeppelin", k=3) == []


def test_rebuild__from_a_stale_index_ranks_as_a_fresh_build_does():
    before = dict(TEXTS)
    after = {k: v for k, v in TEXTS.items() if not k.startswith("b#")}
    after |= {"b#3#0": "The board voted again, and the shelter for families opens in June."}
    stale = LexicalIndex(_passages(before), fingerprint="old", scheme="chunks:48")
    rebuilt = LexicalIndex(_passages(after), fingerprint="new", scheme="chunks:48", previous=stale)
    fresh = LexicalIndex(_passages(after), fingerprint="new", scheme="chunks:48")
    for query in [*QUERIES, "June"]:
        assert _ranked(rebuilt, query) == _ranked(fresh, query), query
    assert rebuilt.idf("shelter") == fresh.idf("shelter")


def test_rebuild__from_an_empty_stale_index_reads_every_passage():
    stale = LexicalIndex([], fingerprint="old", scheme="chunks:48")
    rebuilt = LexicalIndex(_passages(TEXTS), fingerprint="new", scheme="chunks:48", previous=stale)
    assert [h.passage_id for h in rebuilt.search("shelter families", k=1)] == ["b#2#0"]


@pytest.fixture
def stemmed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts `terms()` reads from here on; a rebuild spot-checks one reused passage."""
    seen: list[str] = []
    read = index.lexical.terms

    def spy(text: str) -> list[str]:
        seen.append(text)
        return read(text)

    monkeypatch.setattr(index.lexical, "terms", spy)
    monkeypatch.setattr(index.lexical, "SPOT_CHECKS", 1)
    return seen


@pytest.mark.parametrize(
    ("stale_scheme", "scheme", "start", "reused"),
    [
        ("chunks:48", "chunks:48", 0, True),  # same cut, same offsets: each id names the same text
        ("chunks:48", "chunks:64", 0, False),  # cut another way: an id may name other text
        ("", "", 0, False),  # no scheme named: nothing to compare
        ("chunks:48", "chunks:48", 3, False),  # other offsets: not the passages the stale index holds
    ],
)
def test_rebuild__reuses_terms_only_for_the_same_passages_cut_the_same_way(
    stemmed, stale_scheme, scheme, start, reused
):
    stale = LexicalIndex(_passages(TEXTS), fingerprint="old", scheme=stale_scheme)
    stemmed.clear()
    rebuilt = LexicalIndex(_passages(TEXTS, start=start), fingerprint="new", scheme=scheme, previous=stale)
    assert len(stemmed) == (1 if reused else len(TEXTS))
    fresh = LexicalIndex(_passages(TEXTS, start=start), fingerprint="new", scheme=scheme)
    for query in QUERIES:
        assert _ranked(rebuilt, query) == _ranked(fresh, query), query


def test_rebuild__reuses_nothing_once_the_way_text_is_read_has_changed(monkeypatch):
    stale = LexicalIndex(_passages(TEXTS), fingerprint="old", scheme="s")
    monkeypatch.setattr(index.lexical, "terms", lambda text: [w.upper() for w in text.split()])
    rebuilt = LexicalIndex(_passages(TEXTS), fingerprint="new", scheme="s", previous=stale)
    # Reused, the stored terms ("shelter") would not match the query as it is now read.
    assert [h.passage_id for h in rebuilt.search("SHELTER", k=1)] == ["b#2#0"]


def test_save_and_load__round_trip_keeps_results_and_terms(tmp_path: Path):
    index = LexicalIndex(_passages(TEXTS), fingerprint="f", scheme="s")
    index.save(tmp_path / "lexical.pkl")
    loaded = LexicalIndex.load(tmp_path / "lexical.pkl")
    assert loaded is not None and loaded.fingerprint == "f" and loaded.scheme == "s"
    for query in QUERIES:
        assert _ranked(loaded, query) == _ranked(index, query)
    rebuilt = LexicalIndex(_passages(TEXTS), fingerprint="g", scheme="s", previous=loaded)
    for query in QUERIES:
        assert _ranked(rebuilt, query) == _ranked(index, query)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a pickle",
        pickle.dumps(1),  # not a (version, index) pair
        pickle.dumps((1, "an index of the first format")),
        # A class from a module that is gone.
        b"\x80\x05\x95\x10\x00\x00\x00\x00\x00\x00\x00\x8c\x06nosuch\x94\x8c\x01x\x94\x93\x94.",
    ],
)
def test_load__a_file_this_version_cannot_read_is_none(tmp_path: Path, content: bytes):
    (tmp_path / "lexical.pkl").write_bytes(content)
    assert LexicalIndex.load(tmp_path / "lexical.pkl") is None
    assert LexicalIndex.load(tmp_path / "missing.pkl") is None


@pytest.mark.slow  # a real Chroma store
def test_catalog__after_one_article_changed_only_its_passages_are_stemmed(tmp_path: Path, stemmed):
    from index.catalog import LEXICAL_FILE, Catalog
    from index.settings import Settings
    from tests.index.test_indexer import CHUNKER, TextHashEmbedder

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(3):
        sentences = " ".join(f"Story {n} sentence {i} tells of the harbour and its boats." for i in range(12))
        (corpus / f"story-{n}.txt").write_text(f"Story {n}\n\n{sentences}\n", encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    Catalog.open(settings, embedder=TextHashEmbedder())
    changed = corpus / "story-1.txt"
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text + "A ferry now docks there too.\n", encoding="utf-8")

    stemmed.clear()
    catalog = Catalog.open(settings, embedder=TextHashEmbedder())
    story = next(a for a in catalog.corpus if a.id == "story-1")
    assert len(stemmed) == len(CHUNKER.split(story)) + 1  # its passages, and one spot check
    (settings.resolved_index_dir / LEXICAL_FILE).unlink()
    fresh = Catalog.open(settings, embedder=TextHashEmbedder())
    for query in ["ferry docks", "harbour boats", "story 2 sentence 7"]:
        got = [(h.passage_id, round(h.score, 9)) for h in catalog.retriever.lexical.search(query, k=10)]
        assert got == [(h.passage_id, round(h.score, 9)) for h in fresh.retriever.lexical.search(query, k=10)]
