"""A small OpenAI-compatible server on 127.0.0.1 for the LLM reader's tests.

It answers `GET /v1/models` and `POST /v1/chat/completions` (streamed as
server-sent events, or whole), with what the test sets: a reply, an HTTP
error, a delay, an empty or a malformed stream. Every request body is kept,
so a test can read the prompt the reader sent.

    with FakeLLM(reply="Eighteen organizations signed it [1].") as llm:
        reader = LLMReader(url=llm.url)
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["FakeLLM"]


@dataclass
class FakeLLM:
    reply: str = "NOT IN THE ARTICLES"
    status: int = 200  # an HTTP error status to answer with instead
    delay: float = 0.0  # seconds before answering
    mode: str = "ok"  # "ok", "empty" (a stream with no text), "malformed" (chunks that are not JSON)
    condensed: str | None = None  # the reply to a follow-up rewrite request, if different
    requests: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep the test log quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                self._json(200, {"object": "list", "data": [{"id": "fake-model", "object": "model"}]})

            def do_POST(self) -> None:  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                fake.requests.append(body)
                time.sleep(fake.delay)
                if fake.status != 200:
                    self._json(fake.status, {"error": {"message": "the fake server fails on purpose"}})
                    return
                text = fake._reply_to(body)
                if body.get("stream"):
                    self._stream(text)
                else:
                    self._json(200, _completion(text))

            def _json(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stream(self, text: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                if fake.mode == "malformed":
                    self.wfile.write(b"data: {this is not json\n\n")
                else:
                    pieces = [] if fake.mode == "empty" else [w + " " for w in text.split(" ")]
                    for piece in pieces:
                        self.wfile.write(f"data: {json.dumps(_chunk(piece))}\n\n".encode())
                        self.wfile.flush()
                self.wfile.write(b"data: [DONE]\n\n")

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    @property
    def prompts(self) -> list[str]:
        """The last message of each request, as the reader wrote it."""
        return [str(r["messages"][-1]["content"]) for r in self.requests]

    def _reply_to(self, body: dict[str, Any]) -> str:
        last = str(body["messages"][-1]["content"])
        if self.condensed is not None and "Rewritten question:" in last:
            return self.condensed
        return self.reply

    def __enter__(self) -> FakeLLM:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def _chunk(text: str) -> dict[str, Any]:
    return {
        "id": "fake", "object": "chat.completion.chunk", "created": 0, "model": "fake-model",
        "choices": [{"index": 0, "delta": {"role": "assistant", "content": text}, "finish_reason": None}],
    }  # fmt: skip


def _completion(text: str) -> dict[str, Any]:
    return {
        "id": "fake", "object": "chat.completion", "created": 0, "model": "fake-model",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }  # fmt: skip
