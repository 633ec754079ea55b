"""Console: what the `python -m evals` commands print on stderr, and how they show paths.

    from evals import console
    console.progress("Building the LlamaIndex peer baseline …")
    return console.fail("--sample must be at least 1, not 0.")   # prints 'evals: …', returns 2

Shared by `evals.seeds.command` (the seed sets) and `evals.realnews.command` (the
realnews set), so both speak alike. It formats and prints; it decides nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

__all__ = ["SETUP_FAILED", "fail", "progress", "shown", "wrote"]

# The exit status of a run that cannot start (bad flags or files, no corpus, no model).
SETUP_FAILED = 2


def progress(message: str) -> None:
    """One line on stderr, at once: a long run says how far it has got."""
    print(message, file=sys.stderr, flush=True)


def fail(message: str) -> int:
    """Print why the run cannot start, prefixed with the command's name; returns the exit status 2."""
    print(f"evals: {message}", file=sys.stderr)
    return SETUP_FAILED


def shown(path: Path | str) -> str:
    """A path as the reader typed it: relative to the working folder when inside it.

    Example: /work/main/evals/cases.jsonl, run from /work/main -> 'evals/cases.jsonl'; /tmp/x -> '/tmp/x'
    """
    try:
        return Path(path).resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def wrote(paths: Iterable[Path | str]) -> str:
    """The line that ends a run, naming the files it wrote.

    Example: [evals/results/latest.json, evals/results/REPORT.md] -> 'Wrote evals/results/latest.json,
    evals/results/REPORT.md'
    """
    return "Wrote " + ", ".join(shown(path) for path in paths)
