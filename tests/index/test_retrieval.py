"""Fusing the dense and lexical lists (fakes for the two lists: this is rank arithmetic)."""

from __future__ import annotations

import numpy as np

from index.lexical import LexicalHit
from index.retrieval import KEEP_EACH, Retriever, reciprocal_rank_fusion
from index.store import DenseHit


class _Store:
    def __init__(self, ids: list[str]) -> None:
        self.ids = ids

    def query(self, vector, *, k):  # noqa: ANN001, ANN202
        return [DenseHit(pid, "a", 0, 1, score=1.0 - i / 100) for i, pid in enumerate(self.ids[:k])]

    def similarities(self, vector, passage_ids):  # noqa: ANN001, ANN202
        return {pid: 0.1 for pid in passage_ids}


class _Lexical:
    def __init__(self, ids: list[str]) -> None:
        self.ids = ids

    def search(self, query, *, k):  # noqa: ANN001, ANN202
        return [LexicalHit(pid, "a", 0, 1, score=10.0 - i) for i, pid in enumerate(self.ids[:k])]


def test_reciprocal_rank_fusion__adds_one_over_k_plus_rank():
    assert reciprocal_rank_fusion([["a", "b"], ["b"]], k=60) == {"a": 1 / 61, "b": 1 / 62 + 1 / 61}


def test_search__keeps_each_lists_best_even_when_fusion_ranks_it_low():
    both = [f"p{i}" for i in range(20)]
    dense = both[:16]
    lexical = ["only-lexical"] + both[:15]  # BM25's best match, which dense search missed
    retriever = Retriever(_Store(dense), _Lexical(lexical), embedder=None)  # type: ignore[arg-type]
    hits = retriever.search("q", k=4, vector=np.zeros(3, dtype=np.float32))
    ids = [h.passage_id for h in hits]
    assert ids[:4] == ["p0", "p1", "p2", "p3"]  # found by both lists, fused first
    assert "only-lexical" in ids
    assert len(ids) <= 4 + 2 * KEEP_EACH
    assert next(h for h in hits if h.passage_id == "only-lexical").dense == 0.1  # cosine filled in
