"""`python -m evals`: evaluate the assistant (and the LlamaIndex peer) and gate on floors.

    python -m evals                                  # main set, with the peer
    python -m evals --cases evals/heldout.jsonl      # held-out set
    python -m evals --no-peer                        # ours only
    python -m evals --update-baseline                # record which cases pass now

Prints a table of every metric (ours, peer, floor, target, status), writes
evals/results/latest.json, REPORT.md and chart.svg, and exits 1 when a metric
breaks its floor in evals/thresholds.json, when a case that passes in
evals/baseline.json now fails, or when the gold set is unsound; 2 when the run
cannot start (bad flags or files, no corpus, no model). A metric short of its
target is listed as "below target" but never changes the exit status, and
never blocks --update-baseline.

This module is the edge: it parses flags, builds the systems and writes files.
Scoring lives in `evals.scoring`, judging in `evals.runner`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

__all__ = ["main", "build_parser"]

EVALS_DIR = Path(__file__).resolve().parent
PROJECT_DIR = EVALS_DIR.parent
DEFAULT_CASES = EVALS_DIR / "cases.jsonl"
DEFAULT_CORPUS = PROJECT_DIR / "corpus"
DEFAULT_INDEX_DIR = PROJECT_DIR / ".eval-index"
DEFAULT_THRESHOLDS = EVALS_DIR / "thresholds.json"
DEFAULT_BASELINE = EVALS_DIR / "baseline.json"
DEFAULT_RESULTS = EVALS_DIR / "results"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m evals",
        description="Evaluate the grounded news assistant against hand-made cases, offline.",
    )
    parser.add_argument(
        "--cases", type=Path, default=DEFAULT_CASES, help="JSONL case file (default: %(default)s)"
    )
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus folder (default: %(default)s)"
    )
    parser.add_argument(
        "--index-dir",
        type=Path,
        default=DEFAULT_INDEX_DIR,
        help="index folder for the run (default: %(default)s)",
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
        default=DEFAULT_THRESHOLDS,
        help="floors and targets (default: %(default)s)",
    )
    parser.add_argument(
        "--baseline", type=Path, default=DEFAULT_BASELINE, help="per-case record (default: %(default)s)"
    )
    parser.add_argument(
        "--results-dir", type=Path, default=DEFAULT_RESULTS, help="where results go (default: %(default)s)"
    )
    parser.add_argument("--quiet", action="store_true", help="do not print a line per case while running")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Offline, always: no model hub, no telemetry. Set before any library reads them.
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

    from evals.cases import CaseFileError, check_cases, load_cases
    from evals.regressions import BaselineError, load_baseline, merge_baseline, save_baseline
    from evals.report import RunInfo, format_table, write_results
    from evals.runner import run_evals
    from evals.scoring import METRICS
    from evals.thresholds import ThresholdError, load_thresholds

    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        cases = load_cases(args.cases)
        thresholds = load_thresholds(args.thresholds, known=[m.name for m in METRICS])
        baseline = {} if args.update_baseline else load_baseline(args.baseline)
    except (CaseFileError, ThresholdError, BaselineError) as error:
        return _fail(str(error))

    from index.articles import load_corpus
    from index.errors import AssistantError

    setup_started = time.perf_counter()
    try:
        corpus = load_corpus(args.corpus)
    except AssistantError as error:
        return _fail(str(error))
    articles = {article.id: article.text for article in corpus.articles}
    problems = check_cases(cases, articles)
    if problems:
        return _fail("The gold set does not match the corpus:\n  " + "\n  ".join(problems))

    progress = None if args.quiet else _progress
    _progress(f"Opening the assistant on '{args.corpus}' (index in '{args.index_dir}') …")
    try:
        from assistant import Assistant

        bot = Assistant.from_corpus(args.corpus, index_dir=args.index_dir)
    except AssistantError as error:
        return _fail(str(error))

    peer = None
    peer_description = ""
    if not args.no_peer:
        from evals.peer import PEER_NAME, PEER_TOP_K, PeerError, PeerRetriever

        _progress("Building the LlamaIndex peer baseline …")
        try:
            peer = PeerRetriever.from_articles(articles.items())
        except PeerError as error:
            return _fail(str(error))
        peer_description = (
            f"{PEER_NAME}: default splitter ({peer.chunk_count} chunks), same embedding model, "
            f"answer = top-{PEER_TOP_K} chunk texts, retrieval metrics at the same k as ours; never abstains."
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
        cases_path=_shown(args.cases),
        corpus_path=_shown(args.corpus),
        started_at=started_at,
        peer_description=peer_description,
        setup_seconds=setup_seconds,
    )
    paths = write_results(run, info, args.results_dir)
    print(format_table(run))
    print(f"\nWrote {_shown(paths['json'])}, {_shown(paths['markdown'])}, {_shown(paths['chart'])}")

    if args.update_baseline:
        if run.breaches:
            return _fail(
                f"Not updating {_shown(args.baseline)}: {len(run.breaches)} metric(s) below their floor. "
                "Fix them first, then rerun with --update-baseline."
            )
        try:
            record = merge_baseline(load_baseline(args.baseline), run.ours.passed_by_case)
        except BaselineError as error:
            return _fail(str(error))
        save_baseline(args.baseline, record)
        print(f"Updated {_shown(args.baseline)} with {len(run.ours.scores)} cases.")
        return 0
    return run.exit_code


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _fail(message: str) -> int:
    print(f"evals: {message}", file=sys.stderr)
    return 2


def _shown(path: Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
