"""`python -m evals.summary`: every eval set side by side, for the README figures.

    python -m evals.summary                        # run every set, write evals/results/SUMMARY.md
    python -m evals.summary --reuse                # run only the sets without results yet
    python -m evals.summary --no-run               # only read the results already there
    python -m evals.summary --with-llm 20          # also the LLM reader, on 20 cases per set
    python -m evals.summary --readme README.md     # and put the tables into the README

The sets are the hand-made seed sets (main, dev, heldout) and the realnews runs
dev and heldout, each scored with the extractive reader and the LlamaIndex peer
(`python -m evals ...`, one process per set, results in
`evals/results/<set>/`). `--with-llm N` adds a run of the LLM reader on the
local llama.cpp server (`--reader llm --llm-local --sample N`: N cases spread
evenly over the set) into `evals/results/<set>-llm/`; the LLM column shows
whatever such results exist, so they can also be made one set at a time.

SUMMARY.md holds, per set: the case count (and for realnews the weeks, marked
development or held-out), the metrics of each reader beside the peer's with
the floors and targets, and each reader's reliability table. With `--readme
FILE`, the text between `<!-- evals-summary:start -->` and
`<!-- evals-summary:end -->` in FILE is replaced by the same tables (with the
reliability tables of the held-out sets only; all are in SUMMARY.md); a file without both markers
is left as it is, and the command says so and exits 1.

Running every set takes long: the realnews dev and heldout corpora (2,000 to
2,400 articles) are each indexed once, tens of minutes on two cores, and every
case is asked of both systems. This module reads results and writes Markdown;
the evaluation itself is `python -m evals`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evals.realnews_scoring import REALNEWS_METRICS
from evals.realtimeqa import DEV_WEEKS, HELDOUT_WEEKS
from evals.reliability import ReliabilityBin
from evals.report import format_value, reliability_markdown
from evals.scoring import METRICS, Metric

__all__ = [
    "START_MARKER",
    "END_MARKER",
    "SETS",
    "EvalSet",
    "SetResult",
    "SummaryError",
    "build_parser",
    "load_result",
    "main",
    "render_summary",
    "replace_between_markers",
    "run_set",
]

EVALS_DIR = Path(__file__).resolve().parent
PROJECT_DIR = EVALS_DIR.parent
RESULTS_DIR = EVALS_DIR / "results"
SUMMARY_NAME = "SUMMARY.md"
START_MARKER = "<!-- evals-summary:start -->"
END_MARKER = "<!-- evals-summary:end -->"
READERS = ("extractive", "llm")


class SummaryError(RuntimeError):
    """A results file cannot be read; the message says how to make it again."""


@dataclass(frozen=True)
class EvalSet:
    """One set of the summary and the `python -m evals` flags that score it."""

    name: str  # also the results folder: evals/results/<name>[-llm]
    label: str
    family: str  # "seeds" or "realnews"
    flags: tuple[str, ...]

    @property
    def metrics(self) -> tuple[Metric, ...]:
        return METRICS if self.family == "seeds" else REALNEWS_METRICS

    @property
    def held_out(self) -> bool:
        """Never tuned on: the sets where quality and calibration are reported."""
        return "heldout" in self.name

    def folder(self, reader: str, *, root: Path = RESULTS_DIR) -> Path:
        """Example: EvalSet('realnews-dev', ...).folder('llm') -> evals/results/realnews-dev-llm"""
        return root / (self.name + ("-llm" if reader == "llm" else ""))

    def argv(self, reader: str, *, sample: int | None = None, root: Path = RESULTS_DIR) -> list[str]:
        """The arguments of `python -m evals` for this set and reader.

        The LLM run is a sample and skips the peer, which the extractive run already scored
        on every case; a sample is no baseline run either.
        """
        argv = [*self.flags, "--quiet", "--results-dir", str(self.folder(reader, root=root))]
        if reader == "llm":
            argv += ["--reader", "llm", "--llm-local", "--no-peer"]
            if self.family == "seeds":
                argv.append("--no-baseline")
        if sample:
            argv += ["--sample", str(sample)]
        return argv


SETS: tuple[EvalSet, ...] = (
    EvalSet("seeds-main", "Seeds: main (evals/cases.jsonl)", "seeds", ("--cases", "evals/cases.jsonl")),
    EvalSet("seeds-dev", "Seeds: dev (evals/dev.jsonl, tuned on)", "seeds", ("--cases", "evals/dev.jsonl")),
    EvalSet(
        "seeds-heldout",
        "Seeds: held-out (evals/heldout.jsonl, never tuned on)",
        "seeds",
        ("--cases", "evals/heldout.jsonl"),
    ),
    EvalSet(
        "realnews-dev",
        "Realnews: dev (RealTimeQA, tuning allowed)",
        "realnews",
        ("--set", "realnews", "--run", "dev"),
    ),
    EvalSet(
        "realnews-heldout",
        "Realnews: held-out (RealTimeQA, report only)",
        "realnews",
        ("--set", "realnews", "--run", "heldout"),
    ),
)


@dataclass(frozen=True)
class SetResult:
    """What the summary needs from one results folder's latest.json."""

    verdict: str
    reader: str
    started_at: str
    case_count: int
    ours: Mapping[str, float | None]
    peer: Mapping[str, float | None] | None
    thresholds: Mapping[str, Mapping[str, Any]]
    bins: tuple[ReliabilityBin, ...]
    run: Mapping[str, Any]


def load_result(folder: Path) -> SetResult | None:
    """The run recorded in `folder/latest.json`, or None when there is none.

    Example: load_result(Path('evals/results/seeds-main')).ours['crag_score'] -> 0.87
    """
    path = Path(folder) / "latest.json"
    if not path.is_file():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        run = raw["run"]
        bins = tuple(
            ReliabilityBin(
                low=b["low"],
                high=b["high"],
                count=b["count"],
                mean_confidence=b["mean_confidence"],
                share_right=b["share_right"],
            )
            for b in (raw.get("calibration") or {}).get("bins", [])
        )
        return SetResult(
            verdict=raw["verdict"],
            reader=run["reader"],
            started_at=run["started_at"],
            case_count=run["case_count"],
            ours=raw["metrics"]["ours"],
            peer=raw["metrics"]["peer"],
            thresholds=raw.get("thresholds") or {},
            bins=bins,
            run=run,
        )
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise SummaryError(
            f"'{path}' is not a results file of `python -m evals` ({type(error).__name__}: {error}): "
            "delete it and run the set again (python -m evals.summary --reuse)."
        ) from None


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


def render_summary(
    results: Mapping[str, Mapping[str, SetResult | None]],
    *,
    sets: Sequence[EvalSet] = SETS,
    for_readme: bool = False,
    generated_at: str = "",
) -> str:
    """The Markdown summary; `results` maps set name -> reader -> result (None: not run).

    With `for_readme`, no top heading, and reliability tables for the held-out sets only
    (every set's are in SUMMARY.md).
    """
    lines: list[str] = []
    if not for_readme:
        lines += ["# Evaluation summary", ""]
    lines += [
        f"Made by `python -m evals.summary`{f' on {generated_at}' if generated_at else ''}. Each set is "
        "scored with the extractive reader, the LLM reader (where its results exist, on a sample) and "
        "the LlamaIndex peer (dense retrieval, its top-2 chunks as the answer). RealTimeQA weeks: "
        f"development {DEV_WEEKS[0]} … {DEV_WEEKS[-1]} (tuning allowed), held-out {HELDOUT_WEEKS[0]} … "
        f"{HELDOUT_WEEKS[-1]} (report only, never tuned on).",
        "",
        "| Set | Cases | Weeks | Extractive | LLM |",
        "|---|---|---|---|---|",
    ]
    for spec in sets:
        found = results.get(spec.name, {})
        first = found.get("extractive") or found.get("llm")
        lines.append(
            f"| {spec.label} | {_cases(first, found.get('llm'))} | {_weeks(first)} "
            f"| {_verdict(found.get('extractive'))} | {_verdict(found.get('llm'))} |"
        )
    for spec in sets:
        found = results.get(spec.name, {})
        lines += ["", f"## {spec.label}", ""]
        if not any(found.get(reader) for reader in READERS):
            lines.append(f"Not run yet: `python -m evals {' '.join(spec.flags)}`.")
            continue
        lines += _metric_table(spec.metrics, found)
        # The README shows the reliability tables of the held-out sets only: what the fit is checked on.
        if not for_readme or spec.held_out:
            for reader in READERS:
                result = found.get(reader)
                if result is None or not result.bins:
                    continue
                lines += [
                    "",
                    f"Reliability, {_reader_label(reader, result)} (right = CRAG outcome correct):",
                    "",
                ]
                lines += reliability_markdown(result.bins)
    lines.append("")
    return "\n".join(lines)


def replace_between_markers(text: str, block: str) -> str | None:
    """`text` with everything between the summary markers replaced by `block`; None without both.

    Example: 'a\\n<!-- evals-summary:start -->\\nold\\n<!-- evals-summary:end -->\\nb', 'new'
             -> 'a\\n<!-- evals-summary:start -->\\nnew\\n<!-- evals-summary:end -->\\nb'
    """
    start = text.find(START_MARKER)
    end = text.find(END_MARKER, start + len(START_MARKER)) if start >= 0 else -1
    if start < 0 or end < 0:
        return None
    head = text[: start + len(START_MARKER)]
    return f"{head}\n{block.strip()}\n{text[end:]}"


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
    parser.add_argument("--readme", type=Path, help="replace the summary between the markers in this file")
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
    """Exit 0 when the summary (and README) was written; 1 when a set could not run or the
    README has no markers; 2 for bad flags or an unreadable results file."""
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
    if args.readme is not None:
        readme = Path(args.readme)
        if not readme.is_file():
            print(
                f"summary: no file at '{readme}': pass --readme README.md from the project folder.",
                file=sys.stderr,
            )
            return 1
        replaced = replace_between_markers(
            readme.read_text(encoding="utf-8"),
            render_summary(results, sets=sets, for_readme=True, generated_at=generated_at),
        )
        if replaced is None:
            print(
                f"summary: '{readme}' has no {START_MARKER} … {END_MARKER} pair: add both markers, each on "
                "its own line, where the figures should go; the file was left unchanged.",
                file=sys.stderr,
            )
            return 1
        readme.write_text(replaced, encoding="utf-8")
        print(f"Updated the summary in {readme}")
    return status


def _metric_table(metrics: Sequence[Metric], found: Mapping[str, SetResult | None]) -> list[str]:
    extractive, llm = found.get("extractive"), found.get("llm")
    peer = next((r.peer for r in (extractive, llm) if r is not None and r.peer), None)
    with_llm = llm is not None
    header = "| Metric | Extractive |" + (" LLM |" if with_llm else "") + " Peer | Floor | Target |"
    lines = [header, "|---|---:|" + ("---:|" if with_llm else "") + "---:|---:|---:|"]
    bounds = next((r.thresholds for r in (extractive, llm) if r is not None and r.thresholds), {})
    k = next((r.run.get("k") for r in (extractive, llm) if r is not None), None)
    for metric in metrics:
        label = metric.label.replace("@k", f"@{k}") if k else metric.label
        cells = [label, _value(metric, extractive.ours if extractive else None)]
        if with_llm:
            cells.append(_value(metric, llm.ours))
        cells.append(_value(metric, peer))
        cells += _bounds(bounds.get(metric.name))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _value(metric: Metric, values: Mapping[str, float | None] | None) -> str:
    if values is None or metric.name not in values:
        return "–"
    return format_value(metric, values[metric.name])


def _bounds(threshold: Mapping[str, Any] | None) -> list[str]:
    if not threshold:
        return ["", ""]
    sign, limit = ("≥", threshold["min"]) if "min" in threshold else ("≤", threshold["max"])
    target = threshold.get("target")
    return [f"{sign} {limit:.2f}", "" if target is None else f"{sign} {target:.2f}"]


def _cases(result: SetResult | None, llm: SetResult | None) -> str:
    if result is None:
        return "–"
    shown = str(result.case_count)
    if "answerable_cases" in result.run:
        shown += f" ({result.run['answerable_cases']} answerable, {result.run['absent_cases']} absent-answer)"
    if llm is not None and llm is not result:
        shown += f"; LLM: {llm.case_count}"
    return shown


def _weeks(result: SetResult | None) -> str:
    if result is None or "corpus_weeks" not in result.run:
        return "–"
    corpus, absent = result.run["corpus_weeks"], result.run["absent_weeks"]
    return f"corpus {_span(corpus)}, absent-answer {_span(absent)}; {_split(corpus + absent)}"


def _split(weeks: Sequence[str]) -> str:
    """Example: ['20250103', '20250704'] -> 'development and held-out weeks'"""
    kinds = [
        name
        for name, split in (("development", DEV_WEEKS), ("held-out", HELDOUT_WEEKS))
        if set(weeks) & set(split)
    ]
    return (" and ".join(kinds) or "other") + " weeks"


def _span(weeks: Sequence[str]) -> str:
    if not weeks:
        return "none"
    return weeks[0] if len(weeks) == 1 else f"{weeks[0]} … {weeks[-1]} ({len(weeks)})"


def _verdict(result: SetResult | None) -> str:
    if result is None:
        return "not run"
    return f"{result.verdict.upper()} ({result.started_at[:10]})"


def _reader_label(reader: str, result: SetResult) -> str:
    return result.reader if reader == "llm" else "extractive reader"


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
