"""Runs of the indexer and the assistant in child processes, for the reliability tests.

The tests start these functions with `multiprocessing`'s forkserver: the server
imports torch, sentence-transformers and Chroma once, and every child is a fresh
fork of it, so a child that is killed costs a fraction of a second instead of a
cold start. Each child is a real process with its own Chroma client and model.

A child can be told to kill itself with SIGKILL at a *kill point*, which makes
an interruption land at the same place on every run instead of wherever a timer
happens to fall:

    "upsert:N"   just before the Nth write to Chroma (passages or commit marks)
    "delete:N"   just before the Nth delete in Chroma (forgetting articles, removing strays)
    "lexical"    just before the BM25 index is saved, after the store is complete

Results come back as JSON files, because a killed child cannot return anything.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import time
from pathlib import Path

import chromadb.api.models.Collection

import assistant.cli
import index.indexer
import index.lexical
from assistant import Assistant, Settings
from index.catalog import Catalog
from index.store import ChromaStore

__all__ = ["run_cli_index", "rewrite_and_index", "ask"]


def run_cli_index(
    corpus: str,
    index_dir: str,
    *,
    result: str | None = None,
    kill_at: str | None = None,
    encode_group: int | None = None,
    lock_timeout: float | None = None,
    started: str | None = None,
    write_delay: float = 0.0,
) -> None:
    """`python -m assistant index --corpus CORPUS --index-dir INDEX_DIR`, in this process.

    `encode_group` makes the indexer embed and commit a few articles at a time,
    so a run has many commit points. `started` is a file touched once the run
    holds the index lock and starts writing; `write_delay` slows every write so
    another process can be started while this one holds the lock.
    """
    if kill_at:
        _arm(kill_at)
    if encode_group:
        index.indexer.ENCODE_GROUP = encode_group
    if lock_timeout is not None:
        index.indexer.Indexer.__init__.__kwdefaults__["lock_timeout"] = lock_timeout
    if started or write_delay:
        _before_writes(started, write_delay)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = assistant.cli.main(["index", "--corpus", corpus, "--index-dir", index_dir])
    _report(result, {"exit": code, "stdout": out.getvalue(), "stderr": err.getvalue()})


def rewrite_and_index(
    corpus: str, index_dir: str, *, article: str, versions: list[str], rounds: int, progress: str
) -> None:
    """Write each version of one article file in turn and re-index after each, `rounds` times.

    The number of rounds done so far is written to the file `progress`.
    """
    settings = Settings(corpus_dir=Path(corpus), index_dir=Path(index_dir))
    target = Path(corpus) / article
    for number in range(rounds):
        target.write_text(versions[number % len(versions)], encoding="utf-8")
        Catalog.open(settings)
        Path(progress).write_text(str(number + 1), encoding="utf-8")


def ask(corpus: str, index_dir: str, *, questions: list[str], result: str) -> None:
    """Open the assistant in this process and answer `questions`, as Answer.to_dict()."""
    bot = Assistant.from_corpus(corpus, index_dir=index_dir)
    _report(result, {"answers": [bot.ask(q).to_dict() for q in questions]})


def _arm(kill_at: str) -> None:
    """Make this process SIGKILL itself when it reaches `kill_at` (see the module docstring)."""
    kind, _, count = kill_at.partition(":")
    if kind == "lexical":
        index.lexical.LexicalIndex.save = lambda self, path: _die()  # type: ignore[method-assign]
        return
    collection = chromadb.api.models.Collection.Collection
    original = getattr(collection, kind)
    calls = 0

    def counted(self, *args, **kwargs):  # noqa: ANN001, ANN202
        nonlocal calls
        calls += 1
        if calls == int(count):
            _die()
        return original(self, *args, **kwargs)

    setattr(collection, kind, counted)


def _before_writes(started: str | None, delay: float) -> None:
    original = ChromaStore.write

    def write(self, *args, **kwargs):  # noqa: ANN001, ANN202
        if started:
            Path(started).touch()
        time.sleep(delay)
        return original(self, *args, **kwargs)

    ChromaStore.write = write  # type: ignore[method-assign]


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _report(path: str | None, data: dict) -> None:
    if path:
        Path(path).write_text(json.dumps(data), encoding="utf-8")
