"""Retrieval: hybrid search over passages, dense and lexical, fused by rank.

Dense search (Chroma, cosine over sentence embeddings) finds passages that mean
what the question means; BM25 finds the ones that share its rare words and
figures. Reciprocal rank fusion merges the two lists: each passage scores
sum(1 / (RRF_K + rank)) over the lists it appears in, which needs no tuning
of one score scale against the other.

Each hit keeps both raw scores (the cosine is filled in for lexical-only hits)
because the answerer judges evidence by them; a fused rank alone cannot say
whether the best passage is any good.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from index.embedding import Embedder
from index.lexical import LexicalIndex
from index.store import ChromaStore

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Hit", "Retriever", "reciprocal_rank_fusion"]

RRF_K = 60
KEEP_EACH = 3


@dataclass(frozen=True)
class Hit:
    passage_id: str
    article_id: str
    start: int
    end: int
    dense: float  # cosine similarity with the question
    lexical: float  # BM25 score, 0 when BM25 did not find it
    fused: float  # reciprocal rank fusion score


class Retriever:
    def __init__(self, store: ChromaStore, lexical: LexicalIndex, embedder: Embedder) -> None:
        self.store = store
        self.lexical = lexical
        self.embedder = embedder
        self._last_query: tuple[str, np.ndarray] | None = None

    def embed(self, text: str) -> np.ndarray:
        """The query's vector; the last one is kept, since one question may search twice."""
        if self._last_query is None or self._last_query[0] != text:
            self._last_query = (text, self.embedder.encode_query(text))
        return self._last_query[1]

    def search(self, query: str, *, k: int = 8, vector: np.ndarray | None = None) -> list[Hit]:
        """The `k` best passages for `query` by fused rank, best first, then any of the
        `KEEP_EACH` best of either list that fusion left out."""
        if vector is None:
            vector = self.embed(query)
        depth = max(k * 2, 16)
        dense = self.store.query(vector, k=depth)
        lexical = self.lexical.search(query, k=depth)
        fused = reciprocal_rank_fusion([[h.passage_id for h in dense], [h.passage_id for h in lexical]])
        dense_by_id = {h.passage_id: h for h in dense}
        lexical_by_id = {h.passage_id: h for h in lexical}
        top = sorted(fused, key=lambda pid: -fused[pid])[:k]
        # Fusion favours passages both lists found; each list's own best few are kept regardless,
        # so a passage that matches every rare word of the question is not lost to a mediocre one.
        for ranking in (dense, lexical):
            top += [h.passage_id for h in ranking[:KEEP_EACH] if h.passage_id not in top]
        missing = [pid for pid in top if pid not in dense_by_id]
        cosines = self.store.similarities(vector, missing) if missing else {}
        hits = []
        for pid in top:
            where = dense_by_id.get(pid) or lexical_by_id[pid]
            hits.append(
                Hit(
                    passage_id=pid,
                    article_id=where.article_id,
                    start=where.start,
                    end=where.end,
                    dense=dense_by_id[pid].score if pid in dense_by_id else cosines.get(pid, 0.0),
                    lexical=lexical_by_id[pid].score if pid in lexical_by_id else 0.0,
                    fused=fused[pid],
                )
            )
        return hits


def reciprocal_rank_fusion(rankings: list[list[str]], *, k: int = RRF_K) -> dict[str, float]:
    """Example: [['a', 'b'], ['b']] -> {'a': 1/61, 'b': 1/62 + 1/61}"""
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return scores
