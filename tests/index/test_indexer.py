"""The indexer's stages overlap (chunk the next group, encode this one, write the last): what the
store ends up holding, the progress it reports and the errors it passes on are those of one
stage after another.

The store is a real embedded Chroma store; the embedder is a stand-in that gives each text a
vector of its own, since what is checked here is the order of the work, not the model.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from index.articles import load_corpus
from index.chunking import Chunker
from index.indexer import Indexer
from index.store import ChromaStore

pytestmark = pytest.mark.slow  # a real Chroma store

WIDTH = 8
CHUNKER = Chunker(chunk_size=48, chunk_overlap=0)


class TextHashEmbedder:
    """A vector per text from its hash: the same text always gets the same vector."""

    name = "text-hash"
    dimension = WIDTH

    def __init__(self, *, fail_on_call: int = 0) -> None:
        self.calls = 0
        self.fail_on_call = fail_on_call

    def encode(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        if self.calls == self.fail_on_call:
            raise RuntimeError("the encoder failed")
        rows = [np.frombuffer(hashlib.sha256(t.encode()).digest()[:WIDTH], dtype=np.uint8) for t in texts]
        vectors = np.asarray(rows, dtype=np.float32) + 1.0
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    def encode_each(self, groups: list[list[str]]) -> list[np.ndarray]:
        return [self.encode(texts) for texts in groups]


ARTICLES = 7


@pytest.fixture
def corpus(tmp_path: Path):
    root = tmp_path / "corpus"
    root.mkdir()
    for n in range(ARTICLES):
        sentences = " ".join(f"Story {n} sentence {i} says something about the harbour." for i in range(20))
        (root / f"story-{n}.txt").write_text(f"Story {n}\n\n{sentences}\n", encoding="utf-8")
    return load_corpus(root)


def indexer_of(tmp_path: Path, embedder: TextHashEmbedder, monkeypatch: pytest.MonkeyPatch) -> Indexer:
    # Groups as small as an article's passages: each article is a group of its own, so the
    # stages overlap from one article to the next.
    monkeypatch.setattr("index.indexer.ENCODE_GROUP", 4)
    store = ChromaStore(name="test", path=tmp_path / "index" / "chroma", fingerprint="text-hash")
    return Indexer(
        store,
        chunker=CHUNKER,
        embedder=embedder,  # type: ignore[arg-type]
        lock_path=tmp_path / "index" / "index.lock",
    )


def test_sync__stores_every_passage_with_its_own_vector_and_reports_progress_once_written(
    tmp_path, corpus, monkeypatch
):
    embedder = TextHashEmbedder()
    indexer = indexer_of(tmp_path, embedder, monkeypatch)
    seen: list[tuple[int, int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total, len(indexer.store.articles())))

    report = indexer.sync(corpus, progress=progress)

    expected = [p for a in corpus for p in CHUNKER.split(a)]
    assert all(len(CHUNKER.split(a)) >= 4 for a in corpus), "each article should be a group of its own"
    assert embedder.calls == ARTICLES
    assert report.passages == len(expected) and set(report.added) == {a.id for a in corpus}
    assert set(indexer.store.articles()) == {a.id for a in corpus}
    assert {(p.article_id, p.start, p.end) for p in indexer.store.spans()} == {
        (p.article_id, p.start, p.end) for p in expected
    }
    for passage in expected[::9]:  # each passage is found by its own vector
        hit = indexer.store.query(embedder.encode([passage.text])[0], k=1)[0]
        assert (hit.article_id, hit.start, hit.end) == (passage.article_id, passage.start, passage.end)
    # Reported after each group is written, never before: what is reported done is stored.
    assert seen == [(n, ARTICLES, n) for n in range(ARTICLES + 1)]
    assert not (tmp_path / "index" / "sync.pending").exists()


def fail_chunking_at(n: int):
    split = Chunker.split
    calls = {"n": 0}

    def failing(self, article):
        calls["n"] += 1
        if calls["n"] == n:
            raise ValueError("the splitter failed")
        return split(self, article)

    return failing


@pytest.mark.parametrize(
    ("stage", "error", "stored"),
    [
        # Chunking runs a group ahead: the fourth fails while the third is encoded, and the
        # third is written before the error stops the run.
        pytest.param("chunk", ValueError, 3, id="chunking-the-fourth-article"),
        # The second group is being written when the third fails to encode: it is finished.
        pytest.param("encode", RuntimeError, 2, id="encoding-the-third-article"),
        pytest.param("write", OSError, 1, id="writing-the-second-article"),
    ],
)
def test_sync__a_failing_stage_stops_the_run_with_its_error_and_the_next_run_completes(
    tmp_path, corpus, monkeypatch, stage, error, stored
):
    embedder = TextHashEmbedder(fail_on_call=3 if stage == "encode" else 0)
    indexer = indexer_of(tmp_path, embedder, monkeypatch)
    write = indexer.store.write
    writes = {"n": 0}

    def failing_second_write(*args, **kwargs):
        writes["n"] += 1
        if writes["n"] == 2:
            raise OSError("disk full")
        return write(*args, **kwargs)

    if stage == "write":
        monkeypatch.setattr(indexer.store, "write", failing_second_write)
    if stage == "chunk":
        monkeypatch.setattr(Chunker, "split", fail_chunking_at(4))
    with pytest.raises(error):
        indexer.sync(corpus)
    assert (tmp_path / "index" / "sync.pending").exists()
    assert len(indexer.store.articles()) == stored

    monkeypatch.undo()
    monkeypatch.setattr("index.indexer.ENCODE_GROUP", 4)
    embedder.fail_on_call = 0
    report = indexer.sync(corpus)
    assert set(indexer.store.articles()) == {a.id for a in corpus}
    assert len(report.added) == ARTICLES - stored
    assert indexer.store.passage_count() == sum(len(CHUNKER.split(a)) for a in corpus)
    assert not (tmp_path / "index" / "sync.pending").exists()
