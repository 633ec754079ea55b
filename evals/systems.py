"""Systems: the assistant under evaluation, with the reader the flags choose.

    with assistant_under_test(corpus, index_dir, reader="llm", llm_local=True) as bot:
        run_evals(bot, ...)

`reader="extractive"` evaluates the default reader and contacts nothing,
whatever ASSISTANT_LLM_URL says. `reader="llm"` evaluates the LLM reader on
the server at `llm_url`, or, with `llm_local`, on the local llama.cpp server
(`make llm-server llm-model`), started for the run and stopped after it.

This module builds systems; it does not score them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

__all__ = ["READERS", "SetupError", "assistant_under_test", "describe_reader"]

READERS = ("extractive", "llm")


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
