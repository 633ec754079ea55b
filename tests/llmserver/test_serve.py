"""`python -m llmserver serve`: the real llama.cpp server, stopped with the command."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.llm]

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_serve__stopped_by_a_signal_takes_the_server_down_with_it(stop):
    from llmserver import LocalModel

    if not LocalModel.default().present():
        pytest.fail("The local model is not assembled: run 'make llm-model' (or deselect with -m 'not llm').")
    port = _free_port()
    command = [sys.executable, "-m", "llmserver", "serve", "--port", str(port)]
    serve = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True, env=dict(os.environ))
    try:
        assert serve.stdout is not None
        assert serve.stdout.readline().startswith("Serving "), "the server did not start"
        assert _listening(port)
        serve.send_signal(stop)
        assert serve.wait(timeout=30) == 0
        deadline = time.monotonic() + 10
        while _listening(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _listening(port), "the llama.cpp server outlived the command"
    finally:
        if serve.poll() is None:
            serve.kill()
