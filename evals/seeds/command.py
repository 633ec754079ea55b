"""The seeds set of `python -m evals`: a hand-made case file, asked of the assistant and the peer.

    python -m evals                                  # evals/cases.jsonl over corpus/, with the peer
    python -m evals --cases evals/heldout.jsonl      # the held-out set
    python -m evals --update-baseline                # record which cases pass now

Steps: the cases, floors and per-case baseline are read and the gold set is
checked against the corpus (an unsound set stops the run), the assistant opens
its index of the corpus, the peer is built over the same articles, every case
is scored (`evals.seeds.runner`) and the results go to `evals/results/`. The
exit status is 1 when a metric breaks its floor or a case that passes in the
baseline now fails, 2 when the run cannot start. `--update-baseline` records
the cases that pass, refused while a floor fails.

This module is an edge, like `evals.__main__`, which parses the flags and calls
`run_seeds_set`: it builds systems, times them and writes files.
"""

from __future__ import annotations

import argparse
import time
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

from evals import console

__all__ = [
    "DEFAULT_BASELINE",
    "DEFAULT_CASES",
    "DEFAULT_CORPUS",
    "DEFAULT_INDEX_DIR",
    "DEFAULT_RESULTS",
    "DEFAULT_THRESHOLDS",
    "run_seeds_set",
]

EVALS_DIR = Path(__file__).resolve().parents[1]
PROJECT_DIR = EVALS_DIR.parent
DEFAULT_CASES = EVALS_DIR / "cases.jsonl"
DEFAULT_CORPUS = PROJECT_DIR / "corpus"
DEFAULT_INDEX_DIR = PROJECT_DIR / ".eval-index"
DEFAULT_THRESHOLDS = EVALS_DIR / "thresholds.json"
DEFAULT_BASELINE = EVALS_DIR / "baseline.json"
DEFAULT_RESULTS = EVALS_DIR / "results"


def run_seeds_set(args: argparse.Namespace) -> int:
    """Run the seed set the flags describe; returns the exit status (0, 1 or 2)."""
    for flag, value in (
        ("--run", args.run),
        ("--source", args.source),
        ("--cache-dir", args.cache_dir),
        ("--prepare-only", args.prepare_only or None),
    ):
        if value is not None:
            return console.fail(f"{flag} goes with --set realnews; add --set realnews, or drop {flag}.")
    args.cases = args.cases or DEFAULT_CASES
    args.corpus = args.corpus or DEFAULT_CORPUS
    args.index_dir = args.index_dir or DEFAULT_INDEX_DIR
    args.thresholds = args.thresholds or DEFAULT_THRESHOLDS
    args.baseline = args.baseline or DEFAULT_BASELINE
    args.results_dir = args.results_dir or DEFAULT_RESULTS

    from evals.cases import spread
    from evals.regressions import BaselineError, load_baseline, merge_baseline, save_baseline
    from evals.report import RunInfo, publish
    from evals.seeds.cases import CaseFileError, check_cases, load_cases
    from evals.seeds.runner import run_evals
    from evals.seeds.scoring import METRICS
    from evals.systems import PEER_LABEL, SetupError, corpus_texts, describe_reader, open_assistant, open_peer
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

    setup_started = time.perf_counter()
    reader = describe_reader(
        args.reader, llm_url=args.llm_url, llm_model=args.llm_model, llm_local=args.llm_local
    )
    with ExitStack() as stack:
        try:
            articles = corpus_texts(args.corpus)
            problems = check_cases(cases, articles)
            if problems:
                return console.fail("The gold set does not match the corpus:\n  " + "\n  ".join(problems))
            console.progress(
                f"Opening the assistant on '{args.corpus}' (index in '{args.index_dir}'), {reader} …"
            )
            bot = open_assistant(stack, args, args.corpus, args.index_dir)
            peer, peer_description = None, ""
            if not args.no_peer:
                console.progress("Building the LlamaIndex peer baseline …")
                peer, peer_description = open_peer(articles.items())
        except SetupError as error:
            return console.fail(str(error))
        setup_seconds = time.perf_counter() - setup_started
        run = run_evals(
            bot,
            cases,
            articles,
            peer=peer,
            peer_name=PEER_LABEL,
            thresholds=thresholds,
            baseline=baseline,
            progress=None if args.quiet else console.progress,
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
    publish(run, info, args.results_dir)

    if not args.update_baseline:
        return run.exit_code
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
