"""Store: the Chroma adapter. Passages and their vectors in, search hits out.

Two collections per corpus:

- `<name>-passages`: one record per passage (vector, article id, offsets). Not
  its text: that is the article's, and Chroma would spend a third or more of its
  writing time indexing it for a full-text search the assistant does not use
  (BM25 is `lexical.py`'s);
- `<name>-articles`: one record per article that is completely indexed (its
  content hash and the mean of its passage vectors). A record here is the
  commit mark: it is written only after all of the article's passages.

So an interrupted run never leaves a half-indexed article looking complete; the
next `sync` finds it missing from `articles` and indexes it again, deleting any
passages it had first. Chroma is embedded (a folder on disk) by default, or a
server reached over HTTP when a host is set.

Chroma's types stay inside this module.
"""

from __future__ import annotations

import fcntl
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from index.chunking import Passage
from index.errors import StoreError

if TYPE_CHECKING:
    import numpy as np

__all__ = ["ChromaStore", "DenseHit", "ArticleRecord", "StoredSpan"]

WRITE_BATCH = 1000
OPEN_LOCK_FILE = "store-open.lock"  # beside the database folder, in the index folder


@dataclass(frozen=True)
class DenseHit:
    passage_id: str
    article_id: str
    start: int
    end: int
    score: float  # cosine similarity, higher is closer


@dataclass(frozen=True)
class StoredSpan:
    passage_id: str
    article_id: str
    start: int
    end: int


@dataclass(frozen=True)
class ArticleRecord:
    article_id: str
    content_hash: str
    passages: int


class ChromaStore:
    """Reads and writes the passages of one corpus in a Chroma database."""

    def __init__(
        self,
        *,
        name: str,
        path: Path | None = None,
        host: str | None = None,
        port: int = 8000,
        fingerprint: str = "",
    ) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        self.name = _collection_name(name)
        self.fingerprint = fingerprint
        with _opening(None if host else path):
            try:
                if host:
                    self._client = chromadb.HttpClient(host=host, port=port, settings=chroma_settings)
                    self._client.heartbeat()
                else:
                    assert path is not None, "an embedded store needs a path"
                    self._client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
            except Exception as error:  # noqa: BLE001 - chromadb raises many kinds; all mean the same here
                where = f"the Chroma server at {host}:{port}" if host else f"the index at '{path}'"
                fix = (
                    "start it with 'chroma run --host HOST --port PORT' or unset CHROMA_HOST"
                    if host
                    else "check the folder is writable, or delete it to rebuild the index"
                )
                raise StoreError(f"Cannot open {where} ({error}): {fix}.") from error
            self._passages = self._collection(f"{self.name}-passages")
            self._articles = self._collection(f"{self.name}-articles")
            stored = (self._articles.metadata or {}).get("fingerprint")
            if stored is not None and stored != fingerprint:
                # Another model or chunking scheme made these vectors: start afresh.
                self._client.delete_collection(self._passages.name)
                self._client.delete_collection(self._articles.name)
                self._passages = self._collection(f"{self.name}-passages")
                self._articles = self._collection(f"{self.name}-articles")

    def _collection(self, name: str):  # noqa: ANN202 - a chromadb Collection
        return self._client.get_or_create_collection(
            name,
            embedding_function=None,
            metadata={"fingerprint": self.fingerprint},
            configuration={"hnsw": {"space": "cosine"}},
        )

    # -- reading -------------------------------------------------------------

    def articles(self) -> dict[str, ArticleRecord]:
        """The completely indexed articles, by id."""
        got = self._articles.get(include=["metadatas"])
        records = {}
        for article_id, meta in zip(got["ids"], got["metadatas"] or [], strict=True):
            records[article_id] = ArticleRecord(
                article_id=article_id,
                content_hash=str(meta["content_hash"]),
                passages=int(meta["passages"]),
            )
        return records

    def passage_count(self) -> int:
        return int(self._passages.count())

    def spans(self) -> list[StoredSpan]:
        """Where every stored passage lies in its article. Used to rebuild the lexical index.

        The store keeps no passage text: it is the article's, at these offsets.
        """
        out: list[StoredSpan] = []
        total = self.passage_count()
        for offset in range(0, total, WRITE_BATCH * 5):
            got = self._passages.get(include=["metadatas"], limit=WRITE_BATCH * 5, offset=offset)
            for pid, meta in zip(got["ids"], got["metadatas"] or [], strict=True):
                out.append(StoredSpan(pid, str(meta["article_id"]), int(meta["start"]), int(meta["end"])))
        return out

    def query(self, vector: np.ndarray, *, k: int) -> list[DenseHit]:
        # Chroma returns fewer than k hits from a smaller (or empty) collection, so the
        # collection is not counted first: that is a second round trip per question.
        got = self._passages.query(
            query_embeddings=[vector.tolist()],
            n_results=k,
            include=["distances", "metadatas"],
        )
        hits = []
        for pid, distance, meta in zip(
            got["ids"][0], got["distances"][0], got["metadatas"][0], strict=True
        ):
            if meta is None:
                # Deleted by another process after this one loaded the vectors (Chroma keeps
                # them in memory): the passage is gone, so it is no hit.
                continue
            hits.append(
                DenseHit(
                    passage_id=pid,
                    article_id=str(meta["article_id"]),
                    start=int(meta["start"]),
                    end=int(meta["end"]),
                    score=1.0 - float(distance),
                )
            )
        return hits

    def similarities(self, vector: np.ndarray, passage_ids: Sequence[str]) -> dict[str, float]:
        """Cosine similarity of `vector` with the stored vectors of some passages."""
        import numpy as np
        from chromadb.errors import ChromaError

        ids = list(passage_ids)
        try:
            got = self._passages.get(ids=ids, include=["embeddings"])
        except ChromaError:
            # One was written by another process after this one loaded the vectors, and
            # Chroma cannot give its vector here: ask one by one and leave that one out.
            if len(ids) == 1:
                return {}
            return {pid: s for one in ids for pid, s in self.similarities(vector, [one]).items()}
        if got["embeddings"] is None or len(got["ids"]) == 0:
            return {}
        matrix = np.asarray(got["embeddings"], dtype=np.float32)
        return dict(zip(got["ids"], (matrix @ vector).tolist(), strict=True))

    def article_passages(self, vector: np.ndarray, article_id: str) -> list[DenseHit]:
        """Every passage of one article, scored by cosine similarity with `vector`.

        Empty when another process re-indexed the article after this one loaded the
        vectors (Chroma cannot give them here); the caller's ordinary search still stands.
        """
        import numpy as np
        from chromadb.errors import ChromaError

        try:
            got = self._passages.get(where={"article_id": article_id}, include=["embeddings", "metadatas"])
        except ChromaError:
            return []
        if got["embeddings"] is None or len(got["ids"]) == 0 or any(m is None for m in got["metadatas"]):
            return []
        scores = (np.asarray(got["embeddings"], dtype=np.float32) @ vector).tolist()
        return [
            DenseHit(
                passage_id=pid,
                article_id=article_id,
                start=int(meta["start"]),
                end=int(meta["end"]),
                score=float(score),
            )
            for pid, meta, score in zip(got["ids"], got["metadatas"], scores, strict=True)
        ]

    # -- writing -------------------------------------------------------------

    def forget(self, article_ids: Iterable[str]) -> None:
        """Remove articles: their commit mark first, so a crash leaves them 'not indexed'."""
        ids = list(article_ids)
        if not ids:
            return
        self._articles.delete(ids=ids)
        for article_id in ids:
            self._passages.delete(where={"article_id": article_id})

    def write(
        self,
        passages: Sequence[Passage],
        vectors: np.ndarray,
        *,
        articles: Sequence[tuple[str, str]],
    ) -> None:
        """Store passages, then mark `articles` (id, content hash) complete.

        Every passage of each marked article must be in `passages`.
        """
        import numpy as np

        for lo in range(0, len(passages), WRITE_BATCH):
            batch = passages[lo : lo + WRITE_BATCH]
            self._passages.upsert(
                ids=[p.id for p in batch],
                embeddings=vectors[lo : lo + WRITE_BATCH],
                metadatas=[
                    {"article_id": p.article_id, "start": p.start, "end": p.end} for p in batch
                ],
            )
        by_article: dict[str, list[int]] = {}
        for row, passage in enumerate(passages):
            by_article.setdefault(passage.article_id, []).append(row)
        ids, embeddings, metadatas = [], [], []
        for article_id, content_hash in articles:
            rows = by_article.get(article_id, [])
            mean = vectors[rows].mean(axis=0) if rows else np.ones(vectors.shape[1])
            mean = mean / (np.linalg.norm(mean) or 1.0)
            ids.append(article_id)
            embeddings.append(mean.tolist())
            metadatas.append({"content_hash": content_hash, "passages": len(rows)})
        if ids:
            self._articles.upsert(ids=ids, embeddings=embeddings, metadatas=metadatas)

    def stray_passage_ids(
        self, complete: dict[str, ArticleRecord], digest: Callable[[str], str]
    ) -> list[str]:
        """Passages that belong to no completely indexed article (left by a crash).

        `digest(content_hash)` gives the digest a passage id of that content carries.
        """
        stray = []
        total = self.passage_count()
        for offset in range(0, total, WRITE_BATCH * 5):
            got = self._passages.get(include=[], limit=WRITE_BATCH * 5, offset=offset)
            for pid in got["ids"]:
                article_id, passage_digest, _ = pid.rsplit("#", 2)
                record = complete.get(article_id)
                if record is None or passage_digest != digest(record.content_hash):
                    stray.append(pid)
        return stray

    def delete_passages(self, ids: Sequence[str]) -> None:
        for lo in range(0, len(ids), WRITE_BATCH):
            self._passages.delete(ids=list(ids[lo : lo + WRITE_BATCH]))


@contextmanager
def _opening(path: Path | None) -> Iterator[None]:
    """One process at a time creates or opens the database in `path` (none for a server).

    Two processes opening a new index at once would otherwise both create its tables,
    and one would fail ("table collections already exists"). Held for well under a
    second; the indexing lock (see `indexer.py`) is another, longer one.
    """
    if path is None:
        yield
        return
    path.mkdir(parents=True, exist_ok=True)
    with open(path.parent / OPEN_LOCK_FILE, "a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _collection_name(name: str) -> str:
    """Chroma wants 3-512 characters of [a-zA-Z0-9._-], alphanumeric at both ends."""
    cleaned = re.sub(r"[^a-zA-Z0-9._-]+", "-", name).strip("-._") or "news"
    return cleaned[:400] if len(cleaned) >= 3 else f"{cleaned}-news"
