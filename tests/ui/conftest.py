"""Fixtures for the web app tests: the app as a real subprocess, a browser, a client.

`served_app` starts `python app.py` on a free port with a fresh index folder
(so the build path runs too) and waits until the page is served; `uploads_app`
does the same over a copy of the corpus, which its tests add articles to. Browser tests
drive the Debian Chromium at /usr/bin/chromium through Playwright; Playwright
never downloads a browser of its own here.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
SCREENSHOTS = Path(os.environ.get("UI_SCREENSHOTS_DIR", Path(__file__).parent / "screenshots"))
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
STARTUP_TIMEOUT = 300.0

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


@dataclass(frozen=True)
class ServedApp:
    url: str
    log: Path
    corpus: Path = CORPUS


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def served_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedApp]:
    """`python app.py --port N` with its own index folder, up and serving."""
    yield from _serve(CORPUS, tmp_path_factory.mktemp("app"))


@pytest.fixture(scope="session")
def uploads_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedApp]:
    """The app serving a copy of the corpus, for tests that add and remove articles."""
    workdir = tmp_path_factory.mktemp("uploads-app")
    corpus = workdir / "corpus"
    shutil.copytree(CORPUS, corpus)
    yield from _serve(corpus, workdir)


def _serve(corpus: Path, workdir: Path) -> Iterator[ServedApp]:
    log = workdir / "app.log"
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("ASSISTANT_HOST", None)
    env.pop("ASSISTANT_PORT", None)
    command = [
        sys.executable,
        str(REPO / "app.py"),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--corpus",
        str(corpus),
        "--index-dir",
        str(workdir / "index"),
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_serving(process, url, log)
        yield ServedApp(url=url, log=log, corpus=corpus)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_serving(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"app.py exited with code {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    pytest.fail(f"app.py did not serve {url} within {STARTUP_TIMEOUT:.0f}s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def articles() -> dict[str, str]:
    """Article id -> article text, read straight from the corpus files."""
    from index.articles import load_corpus

    return {article.id: article.text for article in load_corpus(CORPUS)}


@pytest.fixture(scope="session")
def client(served_app: ServedApp):
    from gradio_client import Client

    return Client(served_app.url, verbose=False)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright import sync_api
    except ImportError:
        pytest.fail("Playwright is not installed: pip install playwright (Chromium comes from apt).")
    if not CHROMIUM.exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: install it with 'apt-get install -y chromium'.")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
