"""The realnews set of `python -m evals`: a RealTimeQA run, asked of the assistant and the peer.

    python -m evals --set realnews --run ci                  # the CI slice (bundled, 433 articles)
    python -m evals --set realnews --run dev --sample 40     # 40 development cases, spread evenly
    python -m evals --set realnews --run heldout --reader llm --llm-local --sample 20

Steps: `prepare_run` writes the run's corpus and cases under `.realnews/<run>/`
(unchanged files are not rewritten), the assistant opens an index of that
corpus in `.realnews/<run>/index` (built the first time: minutes for ci, tens
of minutes for dev or heldout on two cores), the peer is built over the same
articles, every case is scored (`evals.realnews.runner`), and the results go to
`evals/results/realnews-<run>/` (`realnews-<run>-llm/` for the LLM reader).
The exit status is 1 when a metric breaks its floor in
`evals/realnews_thresholds.json` (set on the ci run) or the cases do not match
the corpus, 2 when the run cannot start.

This module is an edge, like `evals.__main__`, which parses the flags and calls
`run_realnews_set`: it builds systems, times them and writes files; scoring and
judging live in `evals.realnews.scoring` and `evals.realnews.runner`.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from evals import console
from evals.realnews.realtimeqa import DEV_WEEKS, HELDOUT_WEEKS, RUNS, SOURCE_ENV

__all__ = [
    "DEFAULT_REALNEWS_THRESHOLDS",
    "RUN_NAMES",
    "SOURCE_ENV",
    "results_folder",
    "run_realnews_set",
    "week_notes",
]

EVALS_DIR = Path(__file__).resolve().parents[1]
DEFAULT_REALNEWS_THRESHOLDS = EVALS_DIR / "realnews_thresholds.json"
DEFAULT_RESULTS = EVALS_DIR / "results"
# The runs the --run flag offers (see `evals.realnews.realtimeqa.RUNS`).
RUN_NAMES = tuple(sorted(RUNS))
# How often (in articles) to say how far indexing has got: a dev corpus takes tens of minutes.
PROGRESS_EVERY = 100


def results_folder(run: str, reader: str, *, root: Path = DEFAULT_RESULTS) -> Path:
    """Where a realnews run writes by default; the LLM reader's results do not overwrite the others.

    Example: ('ci', 'extractive') -> evals/results/realnews-ci; ('dev', 'llm') -> .../realnews-dev-llm
    """
    return root / (f"realnews-{run}" + ("-llm" if reader == "llm" else ""))


def week_notes(corpus_weeks: tuple[str, ...], absent_weeks: tuple[str, ...]) -> list[str]:
    """Which weeks a run used and whether they are development or held-out weeks.

    Example: the ci run -> ['Corpus and answerable questions: weeks 20250704, 20250711, 20250718
    (held-out: report only, never tune on them)', 'Absent-answer questions: week 20250725 (held-out: …)']
    """
    return [
        f"Corpus and answerable questions: {_weeks(corpus_weeks)}",
        f"Absent-answer questions: {_weeks(absent_weeks)}",
    ]


def run_realnews_set(args: argparse.Namespace, *, environ: dict[str, str] | None = None) -> int:
    """Run the realnews set the flags describe; returns the exit status (0, 1 or 2)."""
    environ = dict(os.environ) if environ is None else environ
    problem = _refused_flags(args)
    if problem:
        return console.fail(problem)

    from evals.cases import spread
    from evals.realnews.cases import RealnewsCaseError, check_cases
    from evals.realnews.corpus import CorpusWriteError
    from evals.realnews.realtimeqa import RealTimeQAError, WeekFiles
    from evals.realnews.runner import run_realnews
    from evals.realnews.runs import DEFAULT_CACHE_DIR, prepare_run
    from evals.realnews.scoring import MARGIN, REALNEWS_METRICS
    from evals.report import RunInfo, publish
    from evals.systems import PEER_LABEL, SetupError, corpus_texts, describe_reader, open_assistant, open_peer
    from evals.thresholds import ThresholdError, load_thresholds

    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    timings: dict[str, float] = {}
    thresholds_path = args.thresholds or DEFAULT_REALNEWS_THRESHOLDS
    try:
        thresholds = load_thresholds(thresholds_path, known=[m.name for m in REALNEWS_METRICS])
        source = args.source or (Path(environ[SOURCE_ENV]) if environ.get(SOURCE_ENV) else None)
        files = WeekFiles.locate(source)
        console.progress(f"Preparing realnews run '{args.run}' (corpus and cases) …")
        clock = time.perf_counter()
        prepared = prepare_run(args.run, files=files, cache_dir=args.cache_dir or DEFAULT_CACHE_DIR)
        timings["prepare corpus and cases"] = time.perf_counter() - clock
    except (ThresholdError, RealTimeQAError, RealnewsCaseError, CorpusWriteError) as error:
        return console.fail(str(error))
    if args.no_peer:
        # The margin over the peer cannot be measured without the peer: not a failure of ours.
        dropped = [t for t in thresholds if t.metric == MARGIN]
        thresholds = tuple(t for t in thresholds if t.metric != MARGIN)
        if dropped:
            console.progress(f"--no-peer: the floor on {MARGIN} is not applied (it needs the peer).")
    cases = prepared.cases
    if args.sample:
        cases = spread(cases, args.sample)

    try:
        articles = corpus_texts(prepared.corpus_dir)
    except SetupError as error:
        return console.fail(str(error))
    clock = time.perf_counter()
    problems = check_cases(cases, articles)
    timings["check cases against the corpus"] = time.perf_counter() - clock

    index_dir = args.index_dir or prepared.corpus_dir.parent / "index"
    reader = describe_reader(
        args.reader, llm_url=args.llm_url, llm_model=args.llm_model, llm_local=args.llm_local
    )
    progress = None if args.quiet else console.progress
    console.progress(
        f"Opening the assistant on '{console.shown(prepared.corpus_dir)}' ({len(articles):,} articles; "
        f"index in '{console.shown(index_dir)}'), {reader} …"
    )
    with ExitStack() as stack:
        clock = time.perf_counter()
        try:
            bot = open_assistant(stack, args, prepared.corpus_dir, index_dir, progress=_index_progress())
        except SetupError as error:
            return console.fail(str(error))
        timings["open or build the index (ours)"] = time.perf_counter() - clock
        if args.prepare_only:
            console.progress(
                f"Prepared: {len(cases)} cases and the index of {len(articles):,} articles "
                f"({timings['open or build the index (ours)']:.0f} s to open or build)."
            )
            return 0

        peer, peer_description = None, ""
        if not args.no_peer:
            console.progress("Building the LlamaIndex peer baseline over the same articles …")
            clock = time.perf_counter()
            try:
                peer, peer_description = open_peer(articles.items(), answer_note=" (its answer-in-context)")
            except SetupError as error:
                return console.fail(str(error))
            timings["build the peer index"] = time.perf_counter() - clock

        run = run_realnews(
            bot,
            cases,
            peer=peer,
            peer_name=PEER_LABEL,
            thresholds=thresholds,
            problems=problems,
            progress=progress,
        )
    summary = prepared.summary
    answerable = sum(case.answerable for case in cases)
    searched = sum(bool(case.searched) for case in cases if case.answerable)
    notes = [
        *week_notes(summary.corpus_weeks, summary.absent_weeks),
        f"Cases: {answerable} answerable ({searched} with the gold "
        f"in the question's own search results), {len(cases) - answerable} absent-answer"
        + (
            f" (a sample of {len(cases)} of {len(prepared.cases)})"
            if len(cases) < len(prepared.cases)
            else ""
        )
        + f"; corpus of {summary.articles:,} articles.",
        _margin_note(run.ours.values, run.peer.values if run.peer else None),
    ]
    info = RunInfo(
        title=f"Realnews evaluation report: run '{prepared.run.name}'",
        reader=reader,
        notes=tuple(notes),
        cases_path=console.shown(prepared.cases_path),
        corpus_path=console.shown(prepared.corpus_dir),
        started_at=started_at,
        peer_description=peer_description,
        timings=timings,
        setup_seconds=sum(timings.values()),
        extra={
            "set": "realnews",
            "realnews_run": prepared.run.name,
            "corpus_weeks": list(summary.corpus_weeks),
            "absent_weeks": list(summary.absent_weeks),
            "answerable_cases": answerable,
            "absent_cases": len(cases) - answerable,
            "counts": asdict(summary),
            "sample": args.sample,
        },
    )
    publish(run, info, args.results_dir or results_folder(prepared.run.name, args.reader))
    return run.exit_code


def _refused_flags(args: argparse.Namespace) -> str | None:
    """A message for a flag that belongs to the seed sets, or None."""
    if args.cases is not None:
        return "--cases goes with --set seeds; --set realnews builds its cases from --run (ci, dev, heldout)."
    if args.corpus is not None:
        return "--corpus goes with --set seeds; --set realnews indexes the corpus of its --run."
    if args.update_baseline:
        return (
            "--update-baseline goes with --set seeds: the realnews set has no per-case baseline "
            "(its cases are rebuilt from data); its floors are in evals/realnews_thresholds.json."
        )
    if args.baseline is not None:
        return "--baseline goes with --set seeds: the realnews set has no per-case baseline."
    if args.sample is not None and args.sample < 1:
        return f"--sample must be at least 1, not {args.sample}."
    return None


def _margin_note(ours: dict[str, float | None], peer: dict[str, float | None] | None) -> str:
    """Example: 'Answer in quote, ours − peer: 0.600 − 0.400 = +0.200 (goal: ≥ +0.15)'"""
    if peer is None:
        return "Answer in quote, ours − peer: not measured (--no-peer)."
    mine, theirs = ours.get("answer_in_quote"), peer.get("answer_in_quote")
    if mine is None or theirs is None:
        return "Answer in quote, ours − peer: n/a (no answerable case)."
    return (
        f"Answer in quote, ours − peer's answer in context: {mine:.3f} − {theirs:.3f} = "
        f"{mine - theirs:+.3f} (goal: ≥ +0.15)"
    )


def _weeks(weeks: tuple[str, ...]) -> str:
    if not weeks:
        return "none"
    kinds = {
        ("development: tuning allowed" if w in DEV_WEEKS else "held-out: report only, never tune on them")
        for w in weeks
        if w in DEV_WEEKS or w in HELDOUT_WEEKS
    }
    shown = ", ".join(weeks) if len(weeks) <= 4 else f"{weeks[0]} … {weeks[-1]} ({len(weeks)} weeks)"
    label = "week" if len(weeks) == 1 else "weeks"
    return f"{label} {shown}" + (f" ({'; '.join(sorted(kinds))})" if kinds else "")


def _index_progress() -> Callable[[int, int], None]:
    """Indexing progress every PROGRESS_EVERY articles, with the rate, on stderr."""
    started = time.perf_counter()

    def report(done: int, total: int) -> None:
        if total and (done == total or done % PROGRESS_EVERY == 0) and done:
            seconds = time.perf_counter() - started
            console.progress(f"  indexed {done:,}/{total:,} articles ({seconds:.0f} s)")

    return report
