"""Systems: the assistant under evaluation, with the reader the flags choose, and the peer beside it.

    with assistant_under_test(corpus, index_dir, reader="llm", llm_local=True) as bot:
        run_evals(bot, ...)

    articles = corpus_texts(corpus)                         # id -> text, as the assistant reads them
    bot = open_assistant(stack, args, corpus, index_dir)    # the flags' reader, closed with the stack
    peer, description = open_peer(articles)                 # the LlamaIndex baseline and how it answers

`reader="extractive"` evaluates the default reader and contacts nothing,
whatever ASSISTANT_LLM_URL says. `reader="llm"` evaluates the LLM reader on
the server at `llm_url`, or, with `llm_local`, on the local llama.cpp server
(`make llm-server llm-model`), started for the run and stopped after it.

Every set's run opens its systems here; each failure is a `SetupError` whose
message says what to do. This module builds systems; it does not score them.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

__all__ = [
    "PEER_LABEL",
    "READERS",
    "SetupError",
    "assistant_under_test",
    "corpus_texts",
    "describe_reader",
    "open_assistant",
    "open_peer",
]

READERS = ("extractive", "llm")
# The peer's name in the tables and the progress lines.
PEER_LABEL = "LlamaIndex top-2"


class SetupError(RuntimeError):
    """The system under test cannot be built; the message says what to do."""


@contextmanager
def assistant_under_test(
    corpus: Path,
    index_dir: Path,
    *,
    reader: str = "extractive",
    llm_url: str | None = None,
    llm_model: str | None = None,
    llm_local: bool = False,
    progress: Any = None,
) -> Iterator[Any]:
    """The assistant on `corpus`, answering with `reader`; a local server lives as long as the block."""
    from assistant import Assistant, Settings

    if reader not in READERS:
        raise SetupError(f"Unknown reader '{reader}': use one of {', '.join(READERS)}.")
    with ExitStack() as stack:
        settings = replace(Settings.from_env(), llm_url=None, llm_model=None)
        if reader == "llm":
            if llm_local:
                llm_url = stack.enter_context(_local_server()).url
            if not llm_url:
                raise SetupError("The LLM reader needs a server: pass --llm-url URL or --llm-local.")
            settings = replace(settings, llm_url=llm_url, llm_model=llm_model)
        yield Assistant.from_corpus(corpus, index_dir=index_dir, settings=settings, progress=progress)


def corpus_texts(folder: Path) -> dict[str, str]:
    """Every article of a corpus folder as the assistant reads it: article id -> text."""
    from index.articles import load_corpus
    from index.errors import AssistantError

    try:
        corpus = load_corpus(folder)
    except AssistantError as error:
        raise SetupError(str(error)) from None
    return {article.id: article.text for article in corpus.articles}


def open_assistant(
    stack: ExitStack, args: argparse.Namespace, corpus: Path, index_dir: Path, *, progress: Any = None
) -> Any:
    """The assistant on `corpus` with the reader the flags choose (`--reader`, `--llm-*`), open as
    long as `stack`; `progress(done, total)` hears about indexing."""
    from index.errors import AssistantError

    try:
        return stack.enter_context(
            assistant_under_test(
                corpus,
                index_dir,
                reader=args.reader,
                llm_url=args.llm_url,
                llm_model=args.llm_model,
                llm_local=args.llm_local,
                progress=progress,
            )
        )
    except AssistantError as error:
        raise SetupError(str(error)) from None


def open_peer(articles: Iterable[tuple[str, str]], *, answer_note: str = "") -> tuple[Any, str]:
    """The LlamaIndex peer over `articles` (id, text), and the sentence the report describes it with.

    `answer_note` follows the words that say what its answer is, as the set reads it.
    Example: (peer, 'LlamaIndex VectorStoreIndex (dense, top-2): default splitter (120 chunks), ...')
    """
    from evals.peer import PEER_NAME, PEER_TOP_K, PeerError, PeerRetriever

    try:
        peer = PeerRetriever.from_articles(articles)
    except PeerError as error:
        raise SetupError(str(error)) from None
    return peer, (
        f"{PEER_NAME}: default splitter ({peer.chunk_count} chunks), same embedding model, "
        f"answer = top-{PEER_TOP_K} chunk texts{answer_note}, retrieval metrics at the same k as ours; "
        "never abstains."
    )


def describe_reader(reader: str, *, llm_url: str | None, llm_model: str | None, llm_local: bool) -> str:
    """Example: ('llm', llm_local=True) -> 'LLM reader (local llama.cpp server, qwen2.5-coder-1.5b-...)'"""
    if reader != "llm":
        return "extractive reader"
    if llm_local:
        from llmserver import LocalModel

        return f"LLM reader (local llama.cpp server, {LocalModel.default().name})"
    return f"LLM reader ({llm_model or 'the server model'} at {llm_url})"


@contextmanager
def _local_server() -> Iterator[Any]:
    from llmserver import LlamaServer, LocalModel, ModelError, ServerError

    model = LocalModel.default()
    if not model.present():
        raise SetupError("The local model is not assembled: run 'make llm-model' first.")
    try:
        with LlamaServer(model.path) as server:
            yield server
    except (ModelError, ServerError) as error:
        raise SetupError(f"{error}\nRun 'make llm-server llm-model' first.") from None
