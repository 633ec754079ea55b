"""Shared fixtures: the real corpus, and one real assistant (real model, real Chroma) per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def bot(tmp_path_factory: pytest.TempPathFactory):
    from assistant import Assistant

    return Assistant.from_corpus(CORPUS, index_dir=tmp_path_factory.mktemp("index"))
