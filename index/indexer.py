"""Indexer: bringing the store in line with a corpus, embedding only what changed.

`sync` compares each article's content hash with the one recorded in the
store: unchanged articles are left alone, changed ones are replaced, new ones
added, and articles gone from the corpus removed. Articles are chunked and
stored in groups of many passages; each article's passages are encoded in
batches of their own, so that a passage's vector never depends on which other
articles were indexed with it. Chunking the next group and writing the last
one go on while a group is encoded.

One indexer at a time: a lock file in the index folder makes a second one wait,
then fail with `IndexBusy`. If a run is interrupted, the next one finishes the
job (see `store.py` for why nothing half-done can look complete).
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from index.articles import Article, Corpus
from index.chunking import Chunker, Passage, content_digest
from index.embedding import Embedder
from index.errors import IndexBusy
from index.store import ChromaStore

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Indexer", "SyncReport", "Progress"]

# Articles are embedded in groups of about this many passages.
ENCODE_GROUP = 512

Progress = Callable[[int, int], None]
"""Called as progress(articles_done, articles_to_do) while indexing."""


@dataclass(frozen=True)
class SyncReport:
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: int = 0
    passages: int = 0
    strays_removed: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.strays_removed)

    def summary(self) -> str:
        """Example: 'added 2, updated 1, removed 0, unchanged 3 articles; 42 passages embedded'"""
        return (
            f"added {len(self.added)}, updated {len(self.updated)}, removed {len(self.removed)}, "
            f"unchanged {self.unchanged} articles; {self.passages} passages embedded"
        )


class Indexer:
    def __init__(
        self,
        store: ChromaStore,
        *,
        chunker: Chunker,
        embedder: Embedder,
        lock_path: Path,
        lock_timeout: float = 120.0,
    ) -> None:
        self.store = store
        self.chunker = chunker
        self.embedder = embedder
        self.lock_path = lock_path
        self.lock_timeout = lock_timeout

    def sync(self, corpus: Corpus, *, progress: Progress | None = None) -> SyncReport:
        with self._locked():
            return self._sync(corpus, progress)

    def _sync(self, corpus: Corpus, progress: Progress | None) -> SyncReport:
        pending = self.lock_path.with_name("sync.pending")
        indexed = self.store.articles()
        current = {a.id: a for a in corpus}
        removed = sorted(set(indexed) - set(current))
        todo = [a for a in corpus if (r := indexed.get(a.id)) is None or r.content_hash != a.content_hash]
        strays = 0
        if pending.exists():
            # The last run was cut short: passages may have been left behind.
            keep = {k: v for k, v in indexed.items() if k in current}
            stray = self.store.stray_passage_ids(keep, content_digest)
            self.store.delete_passages(stray)
            strays = len(stray)
        if not removed and not todo:
            pending.unlink(missing_ok=True)
            return SyncReport(unchanged=len(current), strays_removed=strays)
        pending.touch()
        self.store.forget(removed)
        self.store.forget(a.id for a in todo if a.id in indexed)
        embedded = 0
        done = 0

        def report(articles_written: int) -> None:
            nonlocal done
            done += articles_written
            if progress:
                progress(done, len(todo))

        report(0)
        # Three stages overlap: while a group is encoded (ONNX Runtime, which lets go of the
        # interpreter), the next one is chunked and the last one written, each in a thread of
        # its own. Groups are written in order, one at a time; an article counts as done once
        # its group is written. A failure in any stage stops the run with its error, once the
        # stages under way have finished.
        with (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="index-chunk") as chunking,
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="index-write") as writing,
        ):
            groups = _groups(todo, self.chunker)
            upcoming = chunking.submit(next, groups, None)
            written: Future[int] | None = None
            while (group := upcoming.result()) is not None:
                upcoming = chunking.submit(next, groups, None)
                vectors = self._embed([ps for _, ps in group])
                if written is not None:
                    report(written.result())
                written = writing.submit(self._write, group, vectors)
                embedded += len(vectors)
            if written is not None:
                report(written.result())
        pending.unlink(missing_ok=True)
        return SyncReport(
            added=tuple(a.id for a in todo if a.id not in indexed),
            updated=tuple(a.id for a in todo if a.id in indexed),
            removed=tuple(removed),
            unchanged=len(current) - len(todo),
            passages=embedded,
            strays_removed=strays,
        )

    def _write(self, group: list[tuple[Article, list[Passage]]], vectors: np.ndarray) -> int:
        """Store one group's passages and vectors; returns how many articles it held."""
        passages = [p for _, ps in group for p in ps]
        self.store.write(passages, vectors, articles=[(a.id, a.content_hash) for a, _ in group])
        return len(group)

    def _embed(self, articles: list[list[Passage]]) -> np.ndarray:
        """The vectors of each article's passages, in order, each article encoded on its own.

        With int8 weights the activations of a batch share one scale, so a vector moves a
        little with the texts batched beside it. Batched only with its own article's, a
        passage gets the same vector in a first build, a resumed one or an update.
        """
        import numpy as np

        encoded = self.embedder.encode_each([[p.text for p in passages] for passages in articles])
        return np.concatenate(encoded) if encoded else np.zeros((0, self.embedder.dimension), np.float32)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        with self.lock_path.open("a") as handle:
            deadline = time.monotonic() + self.lock_timeout
            while True:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as error:
                    if error.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if time.monotonic() >= deadline:
                        raise IndexBusy(self.lock_path.parent) from None
                    time.sleep(0.2)
            try:
                handle.truncate(0)
                handle.write(f"{os.getpid()}\n")
                handle.flush()
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _groups(articles: list[Article], chunker: Chunker) -> Iterator[list[tuple[Article, list[Passage]]]]:
    """Articles with their passages, gathered until a group holds ENCODE_GROUP passages."""
    group: list[tuple[Article, list[Passage]]] = []
    size = 0
    for article in articles:
        passages = chunker.split(article)
        group.append((article, passages))
        size += len(passages)
        if size >= ENCODE_GROUP:
            yield group
            group, size = [], 0
    if group:
        yield group


def state_fingerprint(records: dict[str, str]) -> str:
    """One hash for a whole index state: {article id: content hash}."""
    h = hashlib.sha256()
    for article_id in sorted(records):
        h.update(f"{article_id}={records[article_id]}\n".encode())
    return h.hexdigest()
