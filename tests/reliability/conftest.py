"""Fixtures for the reliability tests: child processes that index, ask, and get killed.

`children` starts functions of `index_runs` in real child processes (see that
module for why they come from a forkserver). Every test here uses the real
embedding model and a real Chroma store, so every test module here is marked slow.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

CHILD_TIMEOUT = 180.0
PRELOAD = [
    "torch",
    "sentence_transformers",
    "chromadb",
    "llama_index.core.node_parser",
    "bm25s",
    "assistant.cli",
    "index.catalog",
]


@dataclass
class Child:
    process: multiprocessing.process.BaseProcess
    result_path: Path | None

    def wait(self, timeout: float = CHILD_TIMEOUT) -> int:
        self.process.join(timeout)
        if self.process.exitcode is None:
            self.process.kill()
            self.process.join()
            pytest.fail(f"child process did not finish within {timeout:.0f}s")
        return int(self.process.exitcode)

    @property
    def result(self) -> dict[str, Any]:
        assert self.result_path is not None and self.result_path.exists(), "the child wrote no result"
        return json.loads(self.result_path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def forkserver() -> multiprocessing.context.BaseContext:
    context = multiprocessing.get_context("forkserver")
    # The slow imports, done once by the server. (Python 3.11's forkserver cannot preload
    # index_runs itself: it does not see this folder on sys.path; every child imports it.)
    context.set_forkserver_preload(PRELOAD)
    return context


@pytest.fixture
def children(forkserver, tmp_path) -> Iterator[Callable[..., Child]]:
    """start(name, *args, **kwargs) runs index_runs.<name> in a child; result=True gives it a result file."""
    import index_runs

    started: list[Child] = []

    def start(name: str, *args: object, result: bool = False, **kwargs: object) -> Child:
        result_path = tmp_path / f"result-{len(started)}.json" if result else None
        if result_path is not None:
            kwargs["result"] = str(result_path)
        process = forkserver.Process(target=getattr(index_runs, name), args=args, kwargs=kwargs)
        process.start()
        started.append(Child(process, result_path))
        return started[-1]

    yield start
    for child in started:
        if child.process.is_alive():
            child.process.kill()
            child.process.join()
