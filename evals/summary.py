"""`python -m evals.summary`: every eval set side by side, for the figures of docs/evals.md.

    python -m evals.summary                        # run every set, write evals/results/SUMMARY.md
    python -m evals.summary --reuse                # run only the sets without results yet
    python -m evals.summary --no-run               # only read the results already there
    python -m evals.summary --with-llm 20          # also the LLM reader, on 20 cases per set
    python -m evals.summary --doc docs/evals.md    # and put the tables into that page

The sets are the hand-made seed sets (main, dev, heldout) and the realnews runs
dev and heldout, each scored with the extractive reader and the LlamaIndex peer
(`python -m evals ...`, one process per set, results in
`evals/results/<set>/`; see `evals.results`). `--with-llm N` adds a run of the
LLM reader on the local llama.cpp server (`--reader llm --llm-local --sample
N`: N cases spread evenly over the set) into `evals/results/<set>-llm/`; the
LLM column shows whatever such results exist, so they can also be made one set
at a time.

SUMMARY.md holds, per set: the case count (and for realnews the weeks, marked
development or held-out), the metrics of each reader beside the peer's with
the floors and targets, and each reader's reliability table (`evals.figures`).
With `--doc FILE` (also spelled `--readme FILE`), the text between
`<!-- evals-summary:start -->` and `<!-- evals-summary:end -->` in FILE is
replaced by the same tables (with the reliability tables of the held-out sets
only; all are in SUMMARY.md); a file without both markers is left as it is,
and the command says so and exits 1.

Running every set takes long: the realnews dev and heldout corpora (2,000 to
2,400 articles) are each indexed once, tens of minutes on two cores, and every
case is asked of both systems. This module runs the sets and writes files; the
evaluation itself is `python -m evals`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from evals.figures import END_MARKER, START_MARKER, render_summary, replace_between_markers
from evals.results import READERS, RESULTS_DIR, SETS, EvalSet, SummaryError, load_result

__all__ = ["build_parser", "main", "run_set"]

PROJECT_DIR = Path(__file__).resolve().parent.parent
SUMMARY_NAME = "SUMMARY.md"


def run_set(
    spec: EvalSet,
    reader: str,
    *,
    sample: int | None = None,
    root: Path = RESULTS_DIR,
    runner: Callable[[list[str]], int] | None = None,
) -> int:
    """Score one set with one reader in a process of its own; returns its exit status.

    A process per set keeps one set's models and indexes out of the next one's memory.
    """
    argv = spec.argv(reader, sample=sample, root=root)
    if runner is not None:
        return runner(argv)
    print(f"summary: python -m evals {' '.join(argv)}", file=sys.stderr, flush=True)
    return subprocess.run([sys.executable, "-m", "evals", *argv], cwd=PROJECT_DIR, check=False).returncode


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m evals.summary",
        description="Score every eval set (or read their results) and write evals/results/SUMMARY.md.",
    )
    when = parser.add_mutually_exclusive_group()
    when.add_argument("--reuse", action="store_true", help="run only the sets that have no results yet")
    when.add_argument(
        "--no-run", action="store_true", help="run nothing; summarise the results already there"
    )
    parser.add_argument(
        "--with-llm",
        type=int,
        metavar="N",
        help="also run the LLM reader (local llama.cpp server) on N cases per set, spread evenly",
    )
    parser.add_argument(
        "--doc",
        "--readme",
        dest="doc",
        type=Path,
        help="replace the summary between the markers in this file (docs/evals.md)",
    )
    parser.add_argument(
        "--sets",
        help=f"comma-separated subset of {', '.join(s.name for s in SETS)} (default: all)",
    )
    parser.add_argument(
        "--results-dir",
        type=Path,
        default=RESULTS_DIR,
        help="the results folders' parent (default: %(default)s)",
    )
    return parser


def main(argv: Sequence[str] | None = None, *, runner: Callable[[list[str]], int] | None = None) -> int:
    """Exit 0 when the summary (and the page of --doc) was written; 1 when a set could not run or
    the page has no markers; 2 for bad flags or an unreadable results file."""
    args = build_parser().parse_args(argv)
    if args.with_llm is not None and args.with_llm < 1:
        return _fail(f"--with-llm takes the number of cases per set (at least 1), not {args.with_llm}.")
    try:
        sets = _chosen(args.sets)
    except SummaryError as error:
        return _fail(str(error))
    readers = ("extractive", "llm") if args.with_llm else ("extractive",)
    status = 0
    if not args.no_run:
        for spec in sets:
            for reader in readers:
                if args.reuse and (spec.folder(reader, root=args.results_dir) / "latest.json").is_file():
                    continue
                sample = args.with_llm if reader == "llm" else None
                code = run_set(spec, reader, sample=sample, root=args.results_dir, runner=runner)
                if code == 2:  # 1 is a verdict (a floor broken), reported in the summary
                    print(
                        f"summary: {spec.name} ({reader}) could not run; see the message above.",
                        file=sys.stderr,
                    )
                    status = 1
    try:
        results = {
            spec.name: {reader: load_result(spec.folder(reader, root=args.results_dir)) for reader in READERS}
            for spec in sets
        }
    except SummaryError as error:
        return _fail(str(error))
    generated_at = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    out = args.results_dir / SUMMARY_NAME
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_summary(results, sets=sets, generated_at=generated_at), encoding="utf-8")
    print(f"Wrote {out}")
    if args.doc is not None:
        doc = Path(args.doc)
        if not doc.is_file():
            print(
                f"summary: no file at '{doc}': pass --doc docs/evals.md from the project folder.",
                file=sys.stderr,
            )
            return 1
        replaced = replace_between_markers(
            doc.read_text(encoding="utf-8"),
            render_summary(results, sets=sets, for_docs=True, generated_at=generated_at),
        )
        if replaced is None:
            print(
                f"summary: '{doc}' has no {START_MARKER} … {END_MARKER} pair: add both markers, each on "
                "its own line, where the figures should go; the file was left unchanged.",
                file=sys.stderr,
            )
            return 1
        doc.write_text(replaced, encoding="utf-8")
        print(f"Updated the summary in {doc}")
    return status


def _chosen(names: str | None) -> tuple[EvalSet, ...]:
    if not names:
        return SETS
    known = {spec.name: spec for spec in SETS}
    wanted = [name.strip() for name in names.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in known]
    if unknown:
        raise SummaryError(f"Unknown set(s) {', '.join(unknown)}: use some of {', '.join(known)}.")
    return tuple(known[name] for name in wanted)


def _fail(message: str) -> int:
    print(f"summary: {message}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
