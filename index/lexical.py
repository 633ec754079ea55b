"""Lexical search: BM25 over passages, with bm25s.

Dense vectors blur exact facts (a figure, a surname) into their topic; BM25
matches them literally. The index lives in memory and is saved to one file so
a later start does not rebuild it; `fingerprint` says which corpus state it
was built from, so a stale file is rebuilt rather than trusted.

A rebuild after a few articles changed reads the terms of every other passage
from the stale index instead of working them out again: a passage id names its
text, as long as the passages were cut the same way (`scheme`).
"""

from __future__ import annotations

import math
import os
import pickle
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from index.chunking import Passage
from index.terms import terms

__all__ = ["LexicalIndex", "LexicalHit"]

# Bump it when the saved fields change, or when `terms()` would give other terms for a text:
# a rebuild reuses the stored terms, and its spot check catches most such changes, not all.
FORMAT_VERSION = 2
# How many reused passages a rebuild stems again, to notice that `terms()` has changed.
SPOT_CHECKS = 200


@dataclass(frozen=True)
class LexicalHit:
    passage_id: str
    article_id: str
    start: int
    end: int
    score: float  # BM25, unbounded


class LexicalIndex:
    """BM25 over passage terms, plus document frequencies for term weighting.

    `scheme` names how the passages were cut (the store's fingerprint). Given
    `previous`, an index of the same scheme, the terms of the passages both hold
    (same id, same offsets) are taken from it.
    """

    def __init__(
        self,
        passages: list[Passage],
        *,
        fingerprint: str,
        scheme: str = "",
        previous: LexicalIndex | None = None,
    ) -> None:
        import bm25s
        import numpy as np

        self.fingerprint = fingerprint
        self.scheme = scheme
        self._rows = [(p.id, p.article_id, p.start, p.end) for p in passages]
        known: dict[str, list[str]] = {}
        if previous is not None and scheme and previous.scheme == scheme:
            known = previous._reusable_terms(passages)
        corpus_terms = [known.get(p.id) or terms(p.text) or [""] for p in passages]
        del known
        self._bm25 = bm25s.BM25()
        if corpus_terms:
            self._bm25.index(corpus_terms, show_progress=False)
        self._vocab = set(getattr(self._bm25, "vocab_dict", {}) or {})
        df: Counter[str] = Counter()
        for doc in corpus_terms:
            df.update(set(doc))
        self._df = dict(df)
        self._n = len(passages)
        # Each passage's terms, kept for the next build as numbers into a word list: one array
        # loads at once, where lists of strings are a Python object for every passage.
        self._words = list(df)
        number = {word: i for i, word in enumerate(self._words)}
        self._term_numbers = np.fromiter((number[t] for doc in corpus_terms for t in doc), dtype=np.int32)
        self._term_ends = np.cumsum([len(doc) for doc in corpus_terms], dtype=np.int64)

    def __len__(self) -> int:
        return self._n

    def idf(self, term: str) -> float:
        """Inverse document frequency of a stemmed term (rare terms weigh more)."""
        df = self._df.get(term, 0)
        return math.log(1.0 + (self._n - df + 0.5) / (df + 0.5))

    def search(self, query: str, *, k: int) -> list[LexicalHit]:
        query_terms = [t for t in terms(query) if t in self._vocab]
        if not query_terms or not self._n:
            return []
        docs, scores = self._bm25.retrieve([query_terms], k=min(k, self._n), show_progress=False)
        hits = []
        for row, score in zip(docs[0], scores[0], strict=True):
            if score <= 0:
                continue
            pid, article_id, start, end = self._rows[int(row)]
            hits.append(LexicalHit(pid, article_id, start, end, float(score)))
        return hits

    def _reusable_terms(self, passages: list[Passage]) -> dict[str, list[str]]:
        """The stored terms of each of `passages` this index holds, by passage id.

        A passage is reused only with the same id and offsets. Nothing is reused if
        `terms()` no longer gives the stored terms of a sample of them (the way text
        is read has changed since this index was built).

        Example: rows ('a#1#0', 0, 9), ('a#1#1', 10, 15), words ['appl', 'pear'],
        numbers [0, 1, 0], ends [2, 3] -> {'a#1#0': ['appl', 'pear'], 'a#1#1': ['appl']}
        """
        import numpy as np

        row_of = {(pid, start, end): row for row, (pid, _, start, end) in enumerate(self._rows)}
        words = np.array(self._words, dtype=object)
        ends = self._term_ends
        reused: list[tuple[Passage, list[str]]] = []
        for passage in passages:
            row = row_of.get((passage.id, passage.start, passage.end))
            if row is not None:
                start = ends[row - 1] if row else 0
                reused.append((passage, words[self._term_numbers[start : ends[row]]].tolist()))
        sample = reused[:: max(1, len(reused) // SPOT_CHECKS)]
        if any((terms(p.text) or [""]) != stored for p, stored in sample):
            return {}
        return {p.id: stored for p, stored in reused}

    def save(self, path: Path) -> None:
        """Write atomically: a crash leaves the old file or the new one, never half."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".lexical-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((FORMAT_VERSION, self), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    @staticmethod
    def load(path: Path) -> LexicalIndex | None:
        """The saved index, or None if there is none this version can read.

        Whether it is current is for the caller to judge, by its `fingerprint`.
        """
        try:
            with path.open("rb") as handle:
                version, index = pickle.load(handle)  # noqa: S301 - our own cache file
        except Exception:  # noqa: BLE001 - a file that will not load is rebuilt, whatever the reason
            return None
        if version != FORMAT_VERSION or not isinstance(index, LexicalIndex):
            return None
        return index
