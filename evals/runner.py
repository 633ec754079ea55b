"""Runner: asking a system every case of a set, and the verdict of an evaluation run.

Each set asks its cases through `run_cases`, with its own scoring, and judges
the run with `judge`; the system to evaluate is a parameter, so the same run
can score the real assistant, the LlamaIndex peer or a deliberately broken
wrapper:

    ours = run_cases(bot, cases, name="ours", score=score, scorecard=scorecard)
    run = judge(ours, peer_run, metrics=METRICS, thresholds=floors, baseline=record)
    run.passed        # False when a floor is breached, a baseline case regressed,
                      # or the gold set itself is unsound
    run.shortfalls    # metrics above their floor but short of their target

Only our system is held to the floors and the baseline; the peer is scored on
the same cases for comparison. Targets are reported, never judged: a run short
of every target still passes if its floors hold. Each case is asked through a
`Recorder`, whose answer record and reader are kept on the case's score. This
module builds no system, reads and writes no files, and prints nothing (pass
`progress` to hear about each case). `evals.seeds.runner` and
`evals.realnews.runner` run their sets with it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from evals.observation import DEFAULT_K, System
from evals.recorder import Recorder
from evals.regressions import find_regressions
from evals.scoring import Metric
from evals.thresholds import Breach, Shortfall, Threshold, check_targets, check_thresholds

__all__ = ["SystemRun", "EvalRun", "judge", "run_cases"]


@dataclass(frozen=True)
class SystemRun:
    """One system's scores on every case (seed `CaseScore`s or realnews `OpenScore`s)."""

    name: str
    scores: tuple[Any, ...]
    values: dict[str, float | None]
    seconds: float

    @property
    def passed_by_case(self) -> dict[str, bool]:
        return {s.case.id: s.passed for s in self.scores}

    @property
    def failures(self) -> list[Any]:
        return [s for s in self.scores if not s.passed]


@dataclass(frozen=True)
class EvalRun:
    """The outcome of one evaluation run."""

    ours: SystemRun
    peer: SystemRun | None
    # Which metrics the scores were averaged into: the seed set's, or the realnews set's.
    metrics: tuple[Metric, ...]
    thresholds: tuple[Threshold, ...]
    breaches: tuple[Breach, ...]
    regressions: tuple[str, ...]
    problems: tuple[str, ...] = field(default=())
    k: int = DEFAULT_K

    @property
    def passed(self) -> bool:
        # Targets are deliberately absent: only floors, regressions and the gold set gate.
        return not (self.breaches or self.regressions or self.problems)

    @property
    def shortfalls(self) -> tuple[Shortfall, ...]:
        """Our metrics that meet their floor but miss their target, in file order."""
        return tuple(check_targets(self.thresholds, self.ours.values))

    @property
    def exit_code(self) -> int:
        return 0 if self.passed else 1


def run_cases(
    system: System,
    cases: Sequence[Any],
    *,
    name: str,
    score: Callable[[Recorder, Any], Any],
    scorecard: Callable[[Sequence[Any]], dict[str, float | None]],
    asked_on: Callable[[Any], date | None] = lambda case: None,
    verdicts: tuple[str, str] = ("pass", "FAIL"),
    progress: Callable[[str], None] | None = None,
) -> SystemRun:
    """Ask, retrieve and score every case with one system, whichever the case set.

    `score(recorder, case)` asks the case through the recorder and judges what it saw;
    `scorecard` averages the scores into the set's metrics; `asked_on(case)` is the day
    the question was asked (None: undated); `verdicts` are the words for a passed and a
    failed case in the progress lines.
    Example progress line: '[ours] 3/40 letter-deadline: FAIL no quote holds the deadline'
    """
    started = time.perf_counter()
    scores = []
    passed, failed = verdicts
    for number, case in enumerate(cases, start=1):
        recorder = Recorder(system, asked_on=asked_on(case))
        judged = score(recorder, case)
        # Kept for the calibration table: what the answer's confidence was read from.
        judged = replace(judged, answer_record=recorder.last_record(), reader=recorder.last_reader())
        scores.append(judged)
        if progress is not None:
            verdict = passed if judged.passed else f"{failed} " + "; ".join(judged.reasons)
            progress(f"[{name}] {number}/{len(cases)} {case.id}: {verdict}")
    return SystemRun(
        name=name,
        scores=tuple(scores),
        values=scorecard(scores),
        seconds=time.perf_counter() - started,
    )


def judge(
    ours: SystemRun,
    peer: SystemRun | None,
    *,
    metrics: Sequence[Metric],
    thresholds: Sequence[Threshold] = (),
    baseline: Mapping[str, bool] | None = None,
    problems: Sequence[str] = (),
    k: int = DEFAULT_K,
) -> EvalRun:
    """The verdict on `ours`: its floors, its regressions against `baseline` (case id -> passed
    when recorded; none for a set without one) and the gold set's `problems`. The peer is not judged.
    """
    return EvalRun(
        ours=ours,
        peer=peer,
        metrics=tuple(metrics),
        thresholds=tuple(thresholds),
        breaches=tuple(check_thresholds(thresholds, ours.values)),
        regressions=tuple(find_regressions(baseline or {}, ours.passed_by_case)),
        problems=tuple(problems),
        k=k,
    )
