"""Shared fixtures for the eval tests: the project paths, the corpus, and (slow) a real assistant.

The real assistant is built once per session into a temporary index folder, so
the tests never touch an index a developer is using.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="session")
def corpus_texts() -> dict[str, str]:
    from index.articles import load_corpus

    return {article.id: article.text for article in load_corpus(CORPUS).articles}


@pytest.fixture(scope="session")
def eval_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("eval-index")


@pytest.fixture(scope="session")
def real_bot(eval_index_dir: Path):
    os.environ["HF_HUB_OFFLINE"] = "1"
    from assistant import Assistant

    return Assistant.from_corpus(CORPUS, index_dir=eval_index_dir)
