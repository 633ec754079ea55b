"""`python -m evals`: evaluate the assistant (and the LlamaIndex peer) and gate on floors.

    python -m evals                                  # main set, with the peer
    python -m evals --cases evals/heldout.jsonl      # held-out set
    python -m evals --no-peer                        # ours only
    python -m evals --update-baseline                # record which cases pass now
    python -m evals --reader llm --llm-local         # the LLM reader, on the local llama.cpp server
    python -m evals --reader llm --llm-url URL --sample 6 --no-baseline   # a few cases, as CI does
    python -m evals --set realnews --run ci          # RealTimeQA: the CI slice (see evals/REALNEWS.md)
    python -m evals --set realnews --run dev --sample 40 --reader llm --llm-local
    python -m evals --set realnews --run ci --prepare-only   # only build the corpus, cases and index

Prints a table of every metric (ours, peer, floor, target, status), writes
evals/results/latest.json, REPORT.md and chart.svg, and exits 1 when a metric
breaks its floor in evals/thresholds.json, when a case that passes in
evals/baseline.json now fails, or when the gold set is unsound; 2 when the run
cannot start (bad flags or files, no corpus, no model). A metric short of its
target is listed as "below target" but never changes the exit status, and
never blocks --update-baseline.

`--set seeds` (the default) is the hand-made sets above. `--set realnews
--run ci|dev|heldout` asks open RealTimeQA questions over that run's news
articles instead (`evals.realnews_eval`): floors in
evals/realnews_thresholds.json, results in evals/results/realnews-<run>/.

This module is the edge: it parses flags, builds the systems and writes files.
Scoring lives in `evals.scoring`, judging in `evals.runner`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

from evals import console
from evals.systems import READERS

__all__ = ["SETS", "main", "build_parser", "spread"]

EVALS_DIR = Path(__file__).resolve().parent
PROJECT_DIR = EVALS_DIR.parent
DEFAULT_CASES = EVALS_DIR / "cases.jsonl"
DEFAULT_CORPUS = PROJECT_DIR / "corpus"
DEFAULT_INDEX_DIR = PROJECT_DIR / ".eval-index"
DEFAULT_THRESHOLDS = EVALS_DIR / "thresholds.json"
DEFAULT_BASELINE = EVALS_DIR / "baseline.json"
DEFAULT_RESULTS = EVALS_DIR / "results"
SETS = ("seeds", "realnews")
# The realnews runs, spelled here so that parsing the flags imports nothing heavy.
REALNEWS_RUNS = ("ci", "dev", "heldout")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m evals",
        description="Evaluate the grounded news assistant on hand-made cases or RealTimeQA news, offline.",
    )
    parser.add_argument(
        "--set",
        choices=SETS,
        default="seeds",
        help="seeds: the hand-made cases (default); realnews: RealTimeQA questions over news articles",
    )
    parser.add_argument(
        "--run",
        choices=REALNEWS_RUNS,
        help="with --set realnews: which weeks (ci: the bundled CI slice, the default; dev; heldout)",
    )
    parser.add_argument(
        "--source",
        type=Path,
        help="with --set realnews: the RealTimeQA 2025 folder (default: $REALTIMEQA_DIR, else "
        "../shared/realtimeqa/2025, else the bundled CI slice)",
    )
    parser.add_argument(
        "--cache-dir", type=Path, help="with --set realnews: where runs are prepared (default: .realnews)"
    )
    parser.add_argument(
        "--cases", type=Path, help=f"JSONL case file (default: {console.shown(DEFAULT_CASES)})"
    )
    parser.add_argument(
        "--corpus", type=Path, help=f"corpus folder (default: {console.shown(DEFAULT_CORPUS)})"
    )
    parser.add_argument(
        "--index-dir",
        type=Path,
        help=f"index folder for the run (default: {console.shown(DEFAULT_INDEX_DIR)}; realnews: "
        ".realnews/<run>/index)",
    )
    parser.add_argument("--no-peer", action="store_true", help="skip the LlamaIndex dense-retrieval baseline")
    parser.add_argument(
        "--update-baseline",
        action="store_true",
        help="record which cases pass now in the baseline file (refused while a floor fails)",
    )
    parser.add_argument(
        "--thresholds",
        type=Path,
        help=f"floors and targets (default: {console.shown(DEFAULT_THRESHOLDS)}; realnews: "
        "evals/realnews_thresholds.json)",
    )
    parser.add_argument(
        "--baseline", type=Path, help=f"per-case record (default: {console.shown(DEFAULT_BASELINE)})"
    )
    parser.add_argument(
        "--results-dir",
        type=Path,
        help=f"where results go (default: {console.shown(DEFAULT_RESULTS)}; realnews: "
        "evals/results/realnews-<run>[-llm])",
    )
    parser.add_argument("--quiet", action="store_true", help="do not print a line per case while running")
    parser.add_argument(
        "--reader", choices=READERS, default="extractive", help="which reader answers (default: %(default)s)"
    )
    parser.add_argument("--llm-url", help="OpenAI-compatible server for --reader llm")
    parser.add_argument("--llm-model", help="model to ask that server for (default: the server's first)")
    parser.add_argument(
        "--llm-local", action="store_true", help="start the local llama.cpp server for --reader llm"
    )
    parser.add_argument(
        "--sample", type=int, help="run only this many cases, spread evenly over the file (a quick check)"
    )
    parser.add_argument(
        "--no-baseline", action="store_true", help="do not compare with the per-case baseline record"
    )
    parser.add_argument(
        "--prepare-only",
        action="store_true",
        help="realnews: write the run's corpus and cases and build its index, then stop (asks nothing)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Offline, always: no model hub, no telemetry. Set before any library reads them.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if args.set == "realnews":
        from evals.realnews_eval import run_realnews_set

        args.run = args.run or "ci"
        return run_realnews_set(args)
    seeds_refuse = (
        ("--run", args.run),
        ("--source", args.source),
        ("--cache-dir", args.cache_dir),
        ("--prepare-only", args.prepare_only or None),
    )
    for flag, value in seeds_refuse:
        if value is not None:
            return console.fail(f"{flag} goes with --set realnews; add --set realnews, or drop {flag}.")
    args.cases = args.cases or DEFAULT_CASES
    args.corpus = args.corpus or DEFAULT_CORPUS
    args.index_dir = args.index_dir or DEFAULT_INDEX_DIR
    args.thresholds = args.thresholds or DEFAULT_THRESHOLDS
    args.baseline = args.baseline or DEFAULT_BASELINE
    args.results_dir = args.results_dir or DEFAULT_RESULTS
    return _run_seeds(args)


def _run_seeds(args: argparse.Namespace) -> int:
    """The hand-made sets: today's behaviour of `python -m evals`."""

    from evals.cases import CaseFileError, check_cases, load_cases
    from evals.regressions import BaselineError, load_baseline, merge_baseline, save_baseline
    from evals.report import RunInfo, format_table, write_results
    from evals.runner import run_evals
    from evals.scoring import METRICS
    from evals.systems import SetupError, assistant_under_test, describe_reader
    from evals.thresholds import ThresholdError, load_thresholds

    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        cases = load_cases(args.cases)
        if args.sample:
            cases = spread(cases, args.sample)
        thresholds = load_thresholds(args.thresholds, known=[m.name for m in METRICS])
        baseline = {} if args.update_baseline or args.no_baseline else load_baseline(args.baseline)
    except (CaseFileError, ThresholdError, BaselineError) as error:
        return console.fail(str(error))

    from index.articles import load_corpus
    from index.errors import AssistantError

    setup_started = time.perf_counter()
    try:
        corpus = load_corpus(args.corpus)
    except AssistantError as error:
        return console.fail(str(error))
    articles = {article.id: article.text for article in corpus.articles}
    problems = check_cases(cases, articles)
    if problems:
        return console.fail("The gold set does not match the corpus:\n  " + "\n  ".join(problems))

    progress = None if args.quiet else console.progress
    reader = describe_reader(
        args.reader, llm_url=args.llm_url, llm_model=args.llm_model, llm_local=args.llm_local
    )
    console.progress(f"Opening the assistant on '{args.corpus}' (index in '{args.index_dir}'), {reader} …")
    with ExitStack() as stack:
        try:
            bot = stack.enter_context(
                assistant_under_test(
                    args.corpus,
                    args.index_dir,
                    reader=args.reader,
                    llm_url=args.llm_url,
                    llm_model=args.llm_model,
                    llm_local=args.llm_local,
                )
            )
        except (AssistantError, SetupError) as error:
            return console.fail(str(error))

        peer = None
        peer_description = ""
        if not args.no_peer:
            from evals.peer import PEER_NAME, PEER_TOP_K, PeerError, PeerRetriever

            console.progress("Building the LlamaIndex peer baseline …")
            try:
                peer = PeerRetriever.from_articles(articles.items())
            except PeerError as error:
                return console.fail(str(error))
            peer_description = (
                f"{PEER_NAME}: default splitter ({peer.chunk_count} chunks), same embedding model, "
                f"answer = top-{PEER_TOP_K} chunk texts, retrieval metrics at the same k as ours; "
                "never abstains."
            )
        setup_seconds = time.perf_counter() - setup_started

        run = run_evals(
            bot,
            cases,
            articles,
            peer=peer,
            peer_name="LlamaIndex top-2",
            thresholds=thresholds,
            baseline=baseline,
            progress=progress,
        )
    info = RunInfo(
        reader=reader,
        cases_path=console.shown(args.cases),
        corpus_path=console.shown(args.corpus),
        started_at=started_at,
        peer_description=peer_description,
        setup_seconds=setup_seconds,
        extra={"set": "seeds", "sample": args.sample},
    )
    paths = write_results(run, info, args.results_dir)
    print(format_table(run, notes=info.notes))
    print("\n" + console.wrote(paths[kind] for kind in ("json", "markdown", "chart")))

    if args.update_baseline:
        if run.breaches:
            return console.fail(
                f"Not updating {console.shown(args.baseline)}: {len(run.breaches)} metric(s) below their "
                "floor. Fix them first, then rerun with --update-baseline."
            )
        try:
            record = merge_baseline(load_baseline(args.baseline), run.ours.passed_by_case)
        except BaselineError as error:
            return console.fail(str(error))
        save_baseline(args.baseline, record)
        print(f"Updated {console.shown(args.baseline)} with {len(run.ours.scores)} cases.")
        return 0
    return run.exit_code


def spread(cases: Sequence[object], count: int) -> tuple:
    """`count` cases taken at even steps through the file, so every kind is represented.

    Example: 10 cases, count 3 -> the 1st, 4th and 7th (steps of 10 / 3)
    """
    if count >= len(cases):
        return tuple(cases)
    step = len(cases) / count
    return tuple(cases[int(i * step)] for i in range(count))


if __name__ == "__main__":
    sys.exit(main())
