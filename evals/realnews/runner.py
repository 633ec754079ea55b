"""Realnews runner: asking every open RealTimeQA case of a run, with the peer, and the verdict.

    run = run_realnews(bot, prepared.cases, peer=peer, thresholds=floors)
    run.passed, run.ours.values["answer_in_quote"], run.ours.values["answer_in_quote_margin"]

Each case is asked through `evals.runner.run_cases` and `evals.observation.observe`,
the same path as the seed cases: an `OpenCase` is a one-turn case, and the
system is wrapped in a `Recorder` dated with the question's date, so an
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
from dataclasses import replace
from datetime import date
from typing import Any

from evals.observation import System, observe
from evals.realnews.cases import OpenCase
from evals.realnews.scoring import (
    REALNEWS_METRICS,
    OpenScore,
    realnews_scorecard,
    score_open_case,
    with_margin,
)
from evals.recorder import Recorder
from evals.runner import EvalRun, SystemRun, judge, run_cases
from evals.thresholds import Threshold

__all__ = ["REALNEWS_K", "question_day", "run_open_system", "run_realnews"]

# Passages retrieved per question for the retrieval metrics; at least 5 (hit@5), and more so
# that several passages of one article still leave five articles to rank.
REALNEWS_K = 10


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
        return score_open_case(case, observe(recorder, case, k=k))

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

    `problems` are gold-set problems found beforehand (`evals.realnews.cases.check_cases`):
    they fail the run, as an unsound seed set does.
    """
    ours = run_open_system(system, cases, name="ours", k=k, progress=progress)
    theirs = None
    if peer is not None:
        theirs = run_open_system(peer, cases, name=peer_name, k=k, progress=progress)
    ours = replace(ours, values=with_margin(ours.values, theirs.values if theirs else None))
    return judge(ours, theirs, metrics=REALNEWS_METRICS, thresholds=thresholds, problems=problems, k=k)
