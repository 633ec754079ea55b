"""The web app: ask questions about the news corpus in a browser.

    python app.py                          # http://127.0.0.1:7860/
    python app.py --port 8080 --corpus path/to/articles
    python app.py --llm-url http://127.0.0.1:8080/v1     # answers written by that server's model

Flags win over environment variables: ASSISTANT_HOST, ASSISTANT_PORT, plus
those `Settings.from_env` reads (ASSISTANT_CORPUS, ASSISTANT_INDEX_DIR, ...).
The index is opened, or built with progress printed to the terminal, before the
server starts, so the page is never served half-ready.

This file only reads configuration and starts things; the page lives in
`webui/`, the answering in `assistant/`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["main", "parse_options", "Options", "DEFAULT_HOST", "DEFAULT_PORT"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860


class OptionError(ValueError):
    """A flag or environment variable with a value the app cannot use."""


@dataclass(frozen=True)
class Options:
    host: str
    port: int
    corpus: Path | None
    index_dir: Path | None
    llm_url: str | None = None
    llm_model: str | None = None


def parse_options(argv: Sequence[str] | None, environ: Mapping[str, str]) -> Options:
    """Flags first, then ASSISTANT_HOST / ASSISTANT_PORT, then the defaults.

    Example: (['--port', '8080'], {'ASSISTANT_HOST': '0.0.0.0'}) -> host '0.0.0.0', port 8080
    """
    parser = argparse.ArgumentParser(
        prog="app.py", description="Serve the news question-answering assistant in a browser."
    )
    add = parser.add_argument
    add("--host", help=f"address to listen on (env ASSISTANT_HOST, default {DEFAULT_HOST})")
    add("--port", help=f"port to listen on (env ASSISTANT_PORT, default {DEFAULT_PORT})")
    add("--corpus", type=Path, help="folder of articles (env ASSISTANT_CORPUS, default ./corpus)")
    add("--index-dir", type=Path, help="where the index lives (env ASSISTANT_INDEX_DIR)")
    add("--llm-url", help="OpenAI-compatible server whose model writes the answers (env ASSISTANT_LLM_URL)")
    add("--llm-model", help="model to ask that server for (env ASSISTANT_LLM_MODEL)")
    args = parser.parse_args(argv)
    host = args.host or environ.get("ASSISTANT_HOST") or DEFAULT_HOST
    port_text = args.port or environ.get("ASSISTANT_PORT") or str(DEFAULT_PORT)
    source = "--port" if args.port else "ASSISTANT_PORT"
    try:
        port = int(port_text)
    except ValueError:
        raise OptionError(f"{source} must be a port number, got '{port_text}': use e.g. 7860.") from None
    if not 0 < port < 65536:
        raise OptionError(f"{source} must be between 1 and 65535, got {port}: use e.g. 7860.")
    return Options(
        host=host,
        port=port,
        corpus=args.corpus,
        index_dir=args.index_dir,
        llm_url=args.llm_url,
        llm_model=args.llm_model,
    )


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    # Gradio reports usage and checks for updates over the network unless told not to.
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    try:
        options = parse_options(argv, os.environ)
    except OptionError as error:
        say(f"error: {error}")
        return 2

    from assistant import Assistant, AssistantError, Settings
    from index.pace import ProgressLine
    from webui.page import build_page, launch
    from webui.service import ChatService

    try:
        settings = Settings.from_env(
            corpus_dir=options.corpus,
            index_dir=options.index_dir,
            llm_url=options.llm_url,
            llm_model=options.llm_model,
        )
        say(f"Opening the index of '{settings.corpus_dir}' in '{settings.resolved_index_dir}' ...")
        bot = Assistant.from_corpus(
            settings.corpus_dir,
            index_dir=settings.index_dir,
            settings=settings,
            progress=ProgressLine("Indexing"),
        )
    except AssistantError as error:
        say(f"error: {error}")
        return 1
    writer = f"answers written by the model at {settings.llm_url}" if settings.llm_url else "answers quoted"
    say(f"Ready: {len(bot.articles)} articles, {writer}. Serving on http://{options.host}:{options.port}/")
    page = build_page(ChatService(bot))
    launch(page, host=options.host, port=options.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
