"""The command line: index a corpus, ask one question, or chat.

    python -m assistant index [--corpus PATH]
    python -m assistant ask "QUESTION" [--corpus PATH] [--json] [--llm-url URL [--llm-model NAME]]
    python -m assistant chat [--corpus PATH] [--llm-url URL [--llm-model NAME]]
    python -m assistant add FILE... [--corpus PATH]
    python -m assistant remove ARTICLE_ID [--corpus PATH]

With --llm-url (or ASSISTANT_LLM_URL) a language model on that
OpenAI-compatible server writes the answers; without it they are quoted from
the articles and nothing is contacted.

`add` copies article files into the corpus folder and indexes them, with the
checks of an upload in the web page (names, sizes, content by its bytes, no
file or article replaced); `remove` deletes an article's file and drops it
from the index.

Exit status: 0 on success; 1 when the input or the corpus cannot be used (the
message says why and what to do), or when `add` added none of the files; 3
when `index` finished but left out some files, or `add` refused some of them
(each named, with the reason, on its own line).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from assistant.answers import LLM, Answer
from assistant.api import Assistant
from assistant.confidence import in_words
from index.errors import AssistantError
from index.pace import ProgressLine
from index.settings import Settings

__all__ = ["main"]

EXIT_ERROR = 1
EXIT_SKIPPED = 3


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env(
            corpus_dir=args.corpus,
            index_dir=args.index_dir,
            llm_url=getattr(args, "llm_url", None),
            llm_model=getattr(args, "llm_model", None),
        )
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

    llm = argparse.ArgumentParser(add_help=False)
    llm.add_argument(
        "--llm-url", help="OpenAI-compatible server that writes the answers (env ASSISTANT_LLM_URL)"
    )
    llm.add_argument("--llm-model", help="model to ask for (env ASSISTANT_LLM_MODEL; default: the server's)")

    ask = commands.add_parser("ask", parents=[common, llm], help="answer one question")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print the answer as JSON")
    ask.set_defaults(run=_ask)

    chat = commands.add_parser("chat", parents=[common, llm], help="a conversation in the terminal")
    chat.set_defaults(run=_chat)

    add = commands.add_parser(
        "add", parents=[common], help="copy article files into the corpus and index them"
    )
    add.add_argument("files", nargs="+", type=Path, metavar="FILE", help=".txt, .md, .html, .htm or .pdf")
    add.set_defaults(run=_add)

    remove = commands.add_parser(
        "remove", parents=[common], help="delete an article from the corpus and the index"
    )
    remove.add_argument("article_id", metavar="ARTICLE_ID", help="the article's id, as `index` lists it")
    remove.set_defaults(run=_remove)
    return parser


def _open(settings: Settings) -> Assistant:
    started = time.monotonic()
    bot = Assistant.from_corpus(
        settings.corpus_dir,
        index_dir=settings.index_dir,
        settings=settings,
        progress=ProgressLine("indexing", least=2),
    )
    for skipped in bot.corpus.skipped:
        print(skipped, file=sys.stderr)
    if bot.last_sync.changed:
        print(f"index: {bot.last_sync.summary()} in {time.monotonic() - started:.1f}s", file=sys.stderr)
    return bot


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
    if args.json:
        answer = bot.ask(args.question)
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        _show(_streamed(bot, args.question, []), sys.stdout)
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
            answer = _streamed(bot, question, history)
        except AssistantError as error:
            print(f"error: {error}")
            continue
        _show(answer, sys.stdout)
        history.append(answer)


def _add(args: argparse.Namespace, settings: Settings) -> int:
    bot = _open(settings)
    report = bot.add(list(args.files), progress=_change_progress)
    for added in report.added:
        print(f"added {added.name} as {added.article_id}: {added.title}")
    for refused in report.refused:
        print(refused, file=sys.stderr)
    print(f"{report.summary()}; the corpus now holds {len(bot.articles)} articles", file=sys.stderr)
    if not report.added:
        return EXIT_ERROR
    return EXIT_SKIPPED if report.refused else 0


def _remove(args: argparse.Namespace, settings: Settings) -> int:
    bot = _open(settings)
    article = bot.article(args.article_id)
    bot.remove(article.id, progress=_change_progress)
    print(f"removed {article.id} ({article.path}); the corpus now holds {len(bot.articles)} articles")
    return 0


def _change_progress(stage: str, done: int, total: int) -> None:
    """Example: ('indexing', 1, 2) -> '\rindexing: 1/2 articles' on stderr."""
    if total < 2 or stage not in ("checking", "indexing"):
        return
    noun = "files" if stage == "checking" else "articles"
    end = "\n" if done == total else ""
    print(f"\r{stage}: {done}/{total} {noun}", end=end, file=sys.stderr, flush=True)


def _streamed(bot: Assistant, question: str, history: Sequence[Answer]) -> Answer:
    """Ask, showing a written draft on stderr as it comes; the checked answer is returned."""
    answer: Answer | None = None
    drafting = False
    for event in bot.ask_stream(question, history=history):
        if isinstance(event, Answer):
            answer = event
            continue
        if not drafting:
            print("(draft, before the checks) ", end="", file=sys.stderr)
            drafting = True
        print(event, end="", file=sys.stderr, flush=True)
    if drafting:
        print(file=sys.stderr)
    assert answer is not None
    return answer


def _show(answer: Answer, out: TextIO) -> None:
    if answer.notice:
        print(f"notice: {answer.notice}", file=out)
    print(answer.text, file=out)
    for c in answer.citations:
        print(f"  [{c.number}] {c.title} ({c.source_label}) [{c.article_id}:{c.start}-{c.end}]", file=out)
    if answer.reader == LLM:
        print("  written by the language model, each sentence checked against its quote", file=out)
    words = in_words(answer.confidence, abstained=answer.abstained)
    print(f"  confidence {answer.confidence:.2f}: {words}", file=out)
