"""llama.cpp's OpenAI-compatible server as a child process on 127.0.0.1.

    with LlamaServer(model_path) as server:     # waits until it answers /v1/models
        server.url                              # 'http://127.0.0.1:41873/v1'

The server is `llama-cpp-python[server]`, installed by `make llm-server` in its
own virtual environment (`.venv-llm`), apart from the project's: the assistant
only speaks HTTP to it, as it would to Ollama or a hosted API. Its output goes
to a log file whose tail is shown when it fails to start.

It does not download anything: the model file must be in place (see `model.py`).
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType

__all__ = ["LlamaServer", "ServerError", "DEFAULT_SERVER_PYTHON"]

DEFAULT_SERVER_PYTHON = Path(__file__).resolve().parent.parent / ".venv-llm" / "bin" / "python"
HOST = "127.0.0.1"
# Enough for the system prompt, the excerpts (about 1,000 tokens for a seed question), three earlier
# turns and the answer.
CONTEXT_TOKENS = 4096
STARTUP_SECONDS = 180.0


class ServerError(RuntimeError):
    """The server could not be started."""


class LlamaServer:
    """Starts llama.cpp's server for one GGUF model and stops it on exit."""

    def __init__(
        self,
        model: Path,
        *,
        python: Path | None = None,
        port: int | None = None,
        threads: int | None = None,
        log_path: Path | None = None,
        startup_seconds: float = STARTUP_SECONDS,
    ) -> None:
        self.model = Path(model)
        self.python = Path(python or DEFAULT_SERVER_PYTHON)
        self.port = port or _free_port()
        self.threads = threads or os.cpu_count() or 2
        self.log_path = log_path or self.model.with_name("server.log")
        self.startup_seconds = startup_seconds
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The OpenAI-compatible base URL, as the assistant's --llm-url takes it."""
        return f"http://{HOST}:{self.port}/v1"

    @property
    def command(self) -> list[str]:
        return [
            str(self.python), "-m", "llama_cpp.server",
            "--model", str(self.model),
            "--model_alias", self.model.stem,
            "--host", HOST,
            "--port", str(self.port),
            "--n_ctx", str(CONTEXT_TOKENS),
            "--n_threads", str(self.threads),
        ]  # fmt: skip

    def start(self) -> LlamaServer:
        if not self.python.is_file():
            raise ServerError(f"No llama.cpp server at '{self.python}': run 'make llm-server' to install it.")
        if not self.model.is_file():
            raise ServerError(f"No model at '{self.model}': run 'make llm-model' to assemble it.")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("wb") as log:
            self._process = subprocess.Popen(
                self.command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        deadline = time.monotonic() + self.startup_seconds
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise ServerError(
                    f"The llama.cpp server exited with status {self._process.returncode}:\n{self._log_tail()}"
                )
            if self.ready():
                return self
            time.sleep(0.5)
        self.stop()
        raise ServerError(
            f"The llama.cpp server did not answer within {self.startup_seconds:.0f} s:\n{self._log_tail()}"
        )

    def ready(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/models", timeout=2) as response:
                return bool(response.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def __enter__(self) -> LlamaServer:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()

    def _log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])
