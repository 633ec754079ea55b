"""Chroma server mode: the index kept by a real `chroma run` answers as the embedded one does."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant import Assistant
from index.settings import Settings

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
SERVER_START_TIMEOUT = 90.0
QUESTIONS = (
    "How many organizations signed the ACLU letter?",
    "How many immigrants had been placed in deportation proceedings?",
    "What did ICE spokeswoman Virginia Kice say?",
    "What is the capital of France?",
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _chroma_executable() -> str:
    beside_python = Path(sys.executable).with_name("chroma")
    found = str(beside_python) if beside_python.exists() else shutil.which("chroma")
    assert found, "the 'chroma' command (installed with chromadb) is missing: run 'make setup'"
    return found


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """A `chroma run` on 127.0.0.1, a free port and an empty temporary folder; stopped afterwards."""
    data = tmp_path_factory.mktemp("chroma-server")
    port = _free_port()
    env = dict(os.environ, ANONYMIZED_TELEMETRY="False")
    with (data / "server.log").open("wb") as log:
        server = subprocess.Popen(
            [
                _chroma_executable(),
                "run",
                "--path",
                str(data / "db"),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if server.poll() is not None:
                pytest.fail(
                    f"chroma run exited with {server.returncode}: {(data / 'server.log').read_text()}"
                )
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"chroma run did not answer its heartbeat: {(data / 'server.log').read_text()}")
            time.sleep(0.3)
        yield "127.0.0.1", port
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_server_mode__indexes_through_the_server_and_answers_as_the_embedded_store(
    chroma_server, bot, corpus_dir, tmp_path
):
    host, port = chroma_server
    index_dir = tmp_path / "index"
    settings = Settings(corpus_dir=corpus_dir, index_dir=index_dir, chroma_host=host, chroma_port=port)

    served = Assistant.from_corpus(corpus_dir, index_dir=index_dir, settings=settings)

    assert len(served.last_sync.added) == 5
    embedded_store = bot.catalog.retriever.store
    assert served.catalog.retriever.store.passage_count() == embedded_store.passage_count()
    assert not (index_dir / "chroma").exists(), "the vectors went to an embedded store, not the server"
    import chromadb

    names = {c.name for c in chromadb.HttpClient(host=host, port=port).list_collections()}
    assert names == {f"{index_dir.name}-passages", f"{index_dir.name}-articles"}
    for question in QUESTIONS:
        assert served.ask(question).to_dict() == bot.ask(question).to_dict()

    reopened = Assistant.from_corpus(corpus_dir, index_dir=index_dir, settings=settings)
    assert not reopened.last_sync.changed


def test_server_mode__chroma_host_and_port_in_the_environment_reach_the_cli(chroma_server, bot, tmp_path):
    host, port = chroma_server
    question = QUESTIONS[1]
    env = dict(os.environ, CHROMA_HOST=host, CHROMA_PORT=str(port), ANONYMIZED_TELEMETRY="False")
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", question, "--json", "--index-dir", str(tmp_path / "cli")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == bot.ask(question).to_dict()
    assert not (tmp_path / "cli" / "chroma").exists()


def test_server_mode__a_server_that_is_not_running_is_named_with_the_fix(corpus_dir, tmp_path):
    from index.errors import StoreError

    port = _free_port()
    settings = Settings(
        corpus_dir=corpus_dir, index_dir=tmp_path / "index", chroma_host="127.0.0.1", chroma_port=port
    )
    with pytest.raises(
        StoreError, match=f"Chroma server at 127.0.0.1:{port}.*chroma run --host HOST --port PORT"
    ):
        Assistant.from_corpus(corpus_dir, index_dir=tmp_path / "index", settings=settings)
