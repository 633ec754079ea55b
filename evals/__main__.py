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

`--set seeds` (the default) is the hand-made sets above (`evals.seeds.command`).
`--set realnews --run ci|dev|heldout` asks open RealTimeQA questions over that
run's news articles instead (`evals.realnews.command`): floors in
evals/realnews_thresholds.json, results in evals/results/realnews-<run>/.

This module parses the flags and hands them to the set's command, which builds
the systems and writes files. Scoring lives in each set's `scoring`, judging in
`evals.runner`.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from evals import console
from evals.seeds.command import (
    DEFAULT_BASELINE,
    DEFAULT_CASES,
    DEFAULT_CORPUS,
    DEFAULT_INDEX_DIR,
    DEFAULT_RESULTS,
    DEFAULT_THRESHOLDS,
    run_seeds_set,
)
from evals.systems import READERS

__all__ = ["SETS", "main", "build_parser"]

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
        from evals.realnews.command import run_realnews_set

        args.run = args.run or "ci"
        return run_realnews_set(args)
    return run_seeds_set(args)


if __name__ == "__main__":
    sys.exit(main())
