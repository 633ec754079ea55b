"""Realnews runner: asking every open RealTimeQA case of a run, with the peer, and the verdict.

    run = run_realnews(bot, prepared.cases, peer=peer, thresholds=floors)
    run.passed, run.ours.values["answer_in_quote"], run.ours.values["answer_in_quote_margin"]

Each case is asked through `evals.observation.observe`, the same path as the
seed cases: an `OpenCase` is shown to it as a one-turn case (`AskedCase`), and
the system is wrapped in a `Recorder` dated with the question's date, so an
assistant whose `ask` takes `asked_on` reads "this week" as the quiz meant it.
Retrieval is ranked `REALNEWS_K` passages deep, so that hit@5 is over up to
five distinct articles even when one article fills several passages.

Only our system is held to the floors; the peer is scored for comparison, and
for the peer-relative margin. There is no per-case baseline for this set: the
cases are rebuilt from data, not written by hand. This module builds no
system, reads and writes no files and prints nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from evals.observation import System, observe
from evals.realnews_cases import OpenCase
from evals.realnews_scoring import (
    REALNEWS_METRICS,
    OpenScore,
    realnews_scorecard,
    score_open_case,
    with_margin,
)
from evals.recorder import Recorder
from evals.runner import EvalRun, SystemRun, run_cases
from evals.thresholds import Threshold, check_thresholds

__all__ = ["REALNEWS_K", "AskedCase", "asked_case", "question_day", "run_open_system", "run_realnews"]

# Passages retrieved per question for the retrieval metrics; at least 5 (hit@5), and more so
# that several passages of one article still leave five articles to rank.
REALNEWS_K = 10


@dataclass(frozen=True)
class AskedCase:
    """What `observe` needs of a case: its id, the turns to ask and the last question."""

    id: str
    turns: tuple[str, ...]

    @property
    def question(self) -> str:
        return self.turns[-1]


def asked_case(case: OpenCase) -> AskedCase:
    """Example: OpenCase(id='20250704_0', question='Where did it come from?', ...) -> one turn"""
    return AskedCase(id=case.id, turns=(case.question,))


def question_day(case: OpenCase) -> date | None:
    """The day the question was asked, or None when the case has no readable date.

    Example: question_date '2025-07-02' -> date(2025, 7, 2); '' -> None
    """
    try:
        return date.fromisoformat(case.question_date)
    except ValueError:
        return None


def run_open_system(
    system: System,
    cases: Sequence[OpenCase],
    *,
    name: str,
    k: int = REALNEWS_K,
    progress: Callable[[str], None] | None = None,
) -> SystemRun:
    """Ask, retrieve and score every case with one system, each asked on its question's date."""

    def score(recorder: Recorder, case: OpenCase) -> OpenScore:
        # `observe` reads only a case's id, turns and question, which an `AskedCase` has.
        return score_open_case(case, observe(recorder, asked_case(case), k=k))  # type: ignore[arg-type]

    return run_cases(
        system,
        cases,
        name=name,
        score=score,
        scorecard=realnews_scorecard,
        asked_on=question_day,
        verdicts=("right", "WRONG"),
        progress=progress,
    )


def run_realnews(
    system: System,
    cases: Sequence[OpenCase],
    *,
    peer: Any = None,
    peer_name: str = "peer",
    thresholds: Sequence[Threshold] = (),
    problems: Sequence[str] = (),
    k: int = REALNEWS_K,
    progress: Callable[[str], None] | None = None,
) -> EvalRun:
    """Evaluate `system` (and `peer`, if given) on realnews `cases`; judge `system` only.

    `problems` are gold-set problems found beforehand (`evals.realnews_cases.check_cases`):
    they fail the run, as an unsound seed set does.
    """
    ours = run_open_system(system, cases, name="ours", k=k, progress=progress)
    peer_run = (
        run_open_system(peer, cases, name=peer_name, k=k, progress=progress) if peer is not None else None
    )
    ours = replace(ours, values=with_margin(ours.values, peer_run.values if peer_run else None))
    return EvalRun(
        ours=ours,
        peer=peer_run,
        thresholds=tuple(thresholds),
        breaches=tuple(check_thresholds(thresholds, ours.values)),
        regressions=(),
        problems=tuple(problems),
        k=k,
        metrics=REALNEWS_METRICS,
    )
