"""Shared fixtures: the real corpus, one real assistant (real model, real Chroma) per session,
and the local llama.cpp server with its real model, started once for the tests that need it."""

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


@pytest.fixture(scope="session")
def local_llm(tmp_path_factory: pytest.TempPathFactory):
    """llama.cpp's server with Qwen2.5-Coder-1.5B on 127.0.0.1, for the `llm` tests.

    `make test` installs both (`make llm-server llm-model`); without them these
    tests fail, saying what to run, rather than pass unseen.
    """
    from llmserver import LlamaServer, LocalModel, ServerError

    model = LocalModel.default()
    if not model.present():
        pytest.fail("The local model is not assembled: run 'make llm-model' (or deselect with -m 'not llm').")
    server = LlamaServer(model.path, log_path=tmp_path_factory.mktemp("llm") / "server.log")
    try:
        server.start()
    except ServerError as error:
        pytest.fail(f"{error}\nRun 'make llm-server' (or deselect with -m 'not llm').")
    yield server
    server.stop()


# These tests check what the grounding checks guarantee, not speed. `make test` runs them on a
# machine left to them, but a plain `pytest` runs them beside the other tests, and on two shared
# cores an answer can take minutes. A timeout here would turn a slow answer into a fallback and
# fail a test about something else.
REAL_SERVER_TIMEOUT = 900.0


@pytest.fixture(scope="session")
def local_reader(local_llm):
    """A fresh LLM reader on the local server, each call, waiting as long as the answer takes."""
    from assistant.llm_reader import LLMReader

    return lambda: LLMReader(url=local_llm.url, timeout=REAL_SERVER_TIMEOUT)
