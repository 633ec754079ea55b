"""BM25 over passages: search, saving, and rebuilding from a stale index."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.chunking import Passage
from index.lexical import LexicalIndex

TEXTS = {
    "a#1#0": "The sheriff said the jail would stop honoring detainer requests.",
    "a#1#1": "Immigration agents arrested forty people at the courthouse.",
    "b#2#0": "The county board voted to fund a new shelter for families.",
    "b#2#1": "Advocates said the detainers broke the Fourth Amendment.",
}


def _passages(texts: dict[str, str]) -> list[Passage]:
    return [Passage(pid, pid.split("#")[0], 0, len(text), text) for pid, text in texts.items()]


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


@pytest.mark.parametrize(
    ("scheme", "found_by"),
    [
        ("chunks:48", "apples"),  # same cut: the id names the same text, its terms are reused
        ("chunks:64", "oranges"),  # cut another way: the same id may name other text, so it is read
    ],
)
def test_rebuild__reuses_terms_only_from_an_index_cut_the_same_way(scheme, found_by):
    stale = LexicalIndex(_passages({"a#1#0": "apples"}), fingerprint="old", scheme="chunks:48")
    rebuilt = LexicalIndex(_passages({"a#1#0": "oranges"}), fingerprint="new", scheme=scheme, previous=stale)
    assert [h.passage_id for h in rebuilt.search(found_by, k=1)] == ["a#1#0"]


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


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_load__an_unreadable_file_is_none(tmp_path: Path, content: bytes):
    (tmp_path / "lexical.pkl").write_bytes(content)
    assert LexicalIndex.load(tmp_path / "lexical.pkl") is None
    assert LexicalIndex.load(tmp_path / "missing.pkl") is None
