"""The command line: index a corpus, ask one question, or chat.

    python -m assistant index [--corpus PATH]
    python -m assistant ask "QUESTION" [--corpus PATH] [--json]
    python -m assistant chat [--corpus PATH]

Exit status: 0 on success; 1 when the input or the corpus cannot be used (the
message says why and what to do); 3 when `index` finished but left out some
files (each named, with the reason).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from assistant.answers import Answer
from assistant.api import Assistant
from index.errors import AssistantError
from index.settings import Settings

__all__ = ["main"]

EXIT_ERROR = 1
EXIT_SKIPPED = 3


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = Settings.from_env(corpus_dir=args.corpus, index_dir=args.index_dir)
    try:
        return int(args.run(args, settings))
    except AssistantError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("\ninterrupted; the index keeps every article finished so far.", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m assistant",
        description="Answers questions about a folder of news articles, quoting them verbatim.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--corpus", type=Path, help="folder of .txt/.md articles (default: ./corpus)")
    common.add_argument("--index-dir", type=Path, help="where the index lives (default: per-corpus cache)")
    commands = parser.add_subparsers(dest="command", required=True)

    index = commands.add_parser("index", parents=[common], help="build or refresh the index")
    index.set_defaults(run=_index)

    ask = commands.add_parser("ask", parents=[common], help="answer one question")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.set_defaults(run=_ask)

    chat = commands.add_parser("chat", parents=[common], help="a conversation in the terminal")
    chat.set_defaults(run=_chat)
    return parser


def _open(settings: Settings) -> Assistant:
    started = time.monotonic()
    bot = Assistant.from_corpus(
        settings.corpus_dir, index_dir=settings.index_dir, settings=settings, progress=_progress
    )
    for skipped in bot.corpus.skipped:
        print(skipped, file=sys.stderr)
    if bot.last_sync.changed:
        print(f"index: {bot.last_sync.summary()} in {time.monotonic() - started:.1f}s", file=sys.stderr)
    return bot


def _progress(done: int, total: int) -> None:
    if total < 2:
        return
    end = "\n" if done == total else ""
    print(f"\rindexing: {done}/{total} articles", end=end, file=sys.stderr, flush=True)


def _index(args: argparse.Namespace, settings: Settings) -> int:
    bot = _open(settings)
    report = bot.last_sync
    print(f"{len(bot.articles)} articles indexed in {settings.resolved_index_dir} ({report.summary()})")
    if bot.corpus.skipped:
        print(
            f"{len(bot.corpus.skipped)} file(s) left out, see above: fix or remove them and index again.",
            file=sys.stderr,
        )
        return EXIT_SKIPPED
    return 0


def _ask(args: argparse.Namespace, settings: Settings) -> int:
    bot = _open(settings)
    answer = bot.ask(args.question)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        _show(answer, sys.stdout)
    return 0


def _chat(args: argparse.Namespace, settings: Settings, *, stdin: TextIO | None = None) -> int:
    stdin = stdin or sys.stdin
    bot = _open(settings)
    print(
        f"Ask about the {len(bot.articles)} articles in {settings.corpus_dir}. "
        "'/new' starts over, '/quit' ends."
    )
    history: list[Answer] = []
    while True:
        print("\nyou> ", end="", flush=True)
        line = stdin.readline()
        if not line:
            print()
            return 0
        question = line.strip()
        if question in ("/quit", "/exit"):
            return 0
        if question == "/new":
            history.clear()
            print("(new conversation)")
            continue
        if not question:
            continue
        try:
            answer = bot.ask(question, history=history)
        except AssistantError as error:
            print(f"error: {error}")
            continue
        _show(answer, sys.stdout)
        history.append(answer)


def _show(answer: Answer, out: TextIO) -> None:
    print(answer.text, file=out)
    for c in answer.citations:
        print(f"  [{c.number}] {c.title} ({c.source_label}) [{c.article_id}:{c.start}-{c.end}]", file=out)
    print(f"  confidence {answer.confidence:.2f}", file=out)
