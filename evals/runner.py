"""Runner: evaluating a system (and optionally the peer) on a case set, with a verdict.

`run_evals` takes the system to evaluate as a parameter, so the same run can
score the real assistant, the LlamaIndex peer or a deliberately broken wrapper:

    run = run_evals(bot, cases, articles, peer=peer, thresholds=floors, baseline=record)
    run.passed        # False when a floor is breached, a baseline case regressed,
                      # or the gold set itself is unsound
    run.shortfalls    # metrics above their floor but short of their target

Only our system is held to the floors and the baseline; the peer is scored on
the same cases for comparison. Targets are reported, never judged: a run short
of every target still passes if its floors hold. This module builds no system, reads and writes
no files, and prints nothing (pass `progress` to hear about each case).

`run_cases` is the loop both case sets share (`evals.realnews_runner` passes
its own scoring and the question's date): each case is asked through a
`Recorder`, whose answer record and reader are kept on the case's score.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from evals.cases import Case, check_cases
from evals.observation import DEFAULT_K, System, observe
from evals.recorder import Recorder
from evals.regressions import find_regressions
from evals.scoring import METRICS, CaseScore, Metric, score_case, scorecard
from evals.thresholds import Breach, Shortfall, Threshold, check_targets, check_thresholds

__all__ = ["SystemRun", "EvalRun", "run_cases", "run_system", "run_evals"]


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
    def failures(self) -> list[CaseScore]:
        return [s for s in self.scores if not s.passed]


@dataclass(frozen=True)
class EvalRun:
    """The outcome of one evaluation run."""

    ours: SystemRun
    peer: SystemRun | None
    thresholds: tuple[Threshold, ...]
    breaches: tuple[Breach, ...]
    regressions: tuple[str, ...]
    problems: tuple[str, ...] = field(default=())
    k: int = DEFAULT_K
    # Which metrics the scores were averaged into: the seed set's, or the realnews set's.
    metrics: tuple[Metric, ...] = METRICS

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


def run_system(
    system: System,
    cases: Sequence[Case],
    articles: Mapping[str, str],
    *,
    name: str,
    k: int = DEFAULT_K,
    progress: Callable[[str], None] | None = None,
) -> SystemRun:
    """Ask, retrieve and score every seed case with one system."""
    return run_cases(
        system,
        cases,
        name=name,
        score=lambda recorder, case: score_case(case, observe(recorder, case, k=k), articles),
        scorecard=scorecard,
        progress=progress,
    )


def run_evals(
    system: System,
    cases: Sequence[Case],
    articles: Mapping[str, str],
    *,
    peer: System | None = None,
    peer_name: str = "peer",
    thresholds: Sequence[Threshold] = (),
    baseline: Mapping[str, bool] | None = None,
    k: int = DEFAULT_K,
    progress: Callable[[str], None] | None = None,
) -> EvalRun:
    """Evaluate `system` (and `peer`, if given) on `cases` and judge `system` only.

    `articles` maps article id to the article text on disk; `baseline` maps
    case id to whether it passed when the baseline was recorded.
    """
    problems = tuple(check_cases(cases, articles))
    ours = run_system(system, cases, articles, name="ours", k=k, progress=progress)
    peer_run = (
        run_system(peer, cases, articles, name=peer_name, k=k, progress=progress)
        if peer is not None
        else None
    )
    return EvalRun(
        ours=ours,
        peer=peer_run,
        thresholds=tuple(thresholds),
        breaches=tuple(check_thresholds(thresholds, ours.values)),
        regressions=tuple(find_regressions(baseline or {}, ours.passed_by_case)),
        problems=problems,
        k=k,
    )
