"""`python -m evals.realtimeqa`: RealTimeQA weeks as a corpus folder and an open-question case set.

    python -m evals.realtimeqa convert --split ci --out /tmp/ci-corpus     # the run's corpus weeks
    python -m evals.realtimeqa convert --weeks 20250704,20250711 --out DIR
    python -m evals.realtimeqa stats --split dev                           # counts only, writes nothing
    python -m evals.realtimeqa build --split ci                            # .realnews/ci/{corpus,cases.jsonl}

`--split` is one of dev, heldout and ci (see `evals.realnews.realtimeqa.RUNS`); `--weeks`
(with `--absent-weeks` for stats and build) picks any weeks instead. The data
folder is `--source DIR`, else `$REALTIMEQA_DIR`, else `../shared/realtimeqa/2025`
beside the project, else the CI slice bundled in `evals/realnews/data/`.

Exit status 0 on success, 2 when the weeks or folders cannot be used (the
message says what to do). This module is the edge: it reads flags and the
environment and prints; the work is done in `evals.realnews.corpus` and
`evals.realnews.runs`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from evals.realnews.corpus import CorpusWriteError, collect_articles, write_corpus
from evals.realnews.realtimeqa import (
    RUNS,
    SOURCE_ENV,
    RealTimeQAError,
    Run,
    WeekFiles,
    custom_run,
    parse_weeks,
    read_results,
)
from evals.realnews.runs import DEFAULT_CACHE_DIR, build_case_set, prepare_run

__all__ = ["SOURCE_ENV", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m evals.realtimeqa",
        description="Turn RealTimeQA 2025 weeks into a corpus folder and open-question eval cases.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    convert = commands.add_parser("convert", help="write the articles of some weeks as a corpus folder")
    _add_weeks(convert, absent=False)
    convert.add_argument("--out", type=Path, required=True, help="corpus folder to write (created if needed)")
    convert.add_argument(
        "--prune",
        action="store_true",
        help="remove other .md files from --out, so that it holds exactly these weeks",
    )
    stats = commands.add_parser("stats", help="print the counts of a run (writes nothing)")
    _add_weeks(stats, absent=True)
    build = commands.add_parser("build", help="write a run's corpus folder and cases.jsonl into the cache")
    _add_weeks(build, absent=True)
    build.add_argument(
        "--cache-dir", type=Path, default=DEFAULT_CACHE_DIR, help="cache folder (default: %(default)s)"
    )
    return parser


def main(argv: Sequence[str] | None = None, *, environ: Mapping[str, str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    environ = os.environ if environ is None else environ
    try:
        source = args.source or (Path(environ[SOURCE_ENV]) if environ.get(SOURCE_ENV) else None)
        files = WeekFiles.locate(source)
        run = _run(args)
        if args.command == "convert":
            return _convert(files, run, args.out, prune=args.prune)
        if args.command == "stats":
            print("\n".join(build_case_set(run, files).summary.lines()))
            if files.bundled:
                print(f"  (read from the bundled slice in {files.folder})")
            return 0
        prepared = prepare_run(run, files=files, cache_dir=args.cache_dir)
        print("\n".join(prepared.summary.lines()))
        print(f"Wrote {prepared.corpus_dir} and {prepared.cases_path}")
        return 0
    except (RealTimeQAError, CorpusWriteError) as error:
        print(f"realtimeqa: {error}", file=sys.stderr)
        return 2


def _convert(files: WeekFiles, run: Run, out: Path, *, prune: bool) -> int:
    started = time.perf_counter()
    collection = collect_articles(read_results(files, run.corpus_weeks))
    report = write_corpus(collection.articles, out, prune=prune)
    seconds = time.perf_counter() - started
    print(
        f"{len(collection.articles):,} articles from {len(run.corpus_weeks)} week(s) in {out}: "
        f"{report.written:,} written, {report.unchanged:,} unchanged"
        + (f", {report.removed:,} removed" if prune else "")
        + f" ({collection.without_text:,} results without text and {collection.duplicate_texts:,} "
        f"with another URL's text left out; {seconds:.1f} s)"
    )
    return 0


def _add_weeks(parser: argparse.ArgumentParser, *, absent: bool) -> None:
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--split", choices=sorted(RUNS), help="a fixed run: dev, heldout or ci")
    group.add_argument("--weeks", help="corpus weeks, YYYYMMDD,YYYYMMDD,...")
    if absent:
        parser.add_argument("--absent-weeks", help="with --weeks: weeks of the absent-answer questions")
    parser.add_argument(
        "--source",
        type=Path,
        default=None,
        help=f"RealTimeQA folder (default: ${SOURCE_ENV}, else ../shared/realtimeqa/2025)",
    )


def _run(args: argparse.Namespace) -> Run:
    absent = getattr(args, "absent_weeks", None)
    if args.split:
        if absent:
            raise RealTimeQAError(
                "--absent-weeks goes with --weeks; a --split has its own absent-answer weeks."
            )
        return RUNS[args.split]
    return custom_run(parse_weeks(args.weeks), parse_weeks(absent) if absent else ())
