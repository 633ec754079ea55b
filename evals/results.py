"""Results: the sets the summary scores, and what a results folder's latest.json says of a run.

    SETS                                          # seeds main/dev/heldout, realnews dev/heldout
    spec = SETS[0]; spec.argv("llm", sample=20)   # the flags of `python -m evals` for that run
    load_result(spec.folder("extractive"))        # a SetResult, or None when the set has not run

Each set is scored by `python -m evals` into `evals/results/<set>/` (the LLM
reader's run into `evals/results/<set>-llm/`). This module names the sets and
reads their results; it runs nothing (`evals.summary`) and writes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.realnews.scoring import REALNEWS_METRICS
from evals.reliability import ReliabilityBin
from evals.scoring import Metric
from evals.seeds.scoring import METRICS

__all__ = ["READERS", "RESULTS_DIR", "SETS", "EvalSet", "SetResult", "SummaryError", "load_result"]

RESULTS_DIR = Path(__file__).resolve().parent / "results"
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
