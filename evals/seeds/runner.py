"""Seed runner: evaluating a system (and optionally the peer) on a hand-made case set, with a verdict.

    run = run_evals(bot, cases, articles, peer=peer, thresholds=floors, baseline=record)
    run.passed, run.ours.values["key_fact_recall"]

Every case is asked through `evals.runner.run_cases` and scored by
`evals.seeds.scoring`; the run is judged by `evals.runner.judge` against the
floors, the per-case baseline and the gold set's own soundness
(`evals.seeds.cases.check_cases`). This module builds no system, reads and
writes no files, and prints nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from evals.observation import DEFAULT_K, System, observe
from evals.runner import EvalRun, SystemRun, judge, run_cases
from evals.seeds.cases import Case, check_cases
from evals.seeds.scoring import METRICS, score_case, scorecard
from evals.thresholds import Threshold

__all__ = ["run_system", "run_evals"]


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
    ours = run_system(system, cases, articles, name="ours", k=k, progress=progress)
    theirs = None
    if peer is not None:
        theirs = run_system(peer, cases, articles, name=peer_name, k=k, progress=progress)
    return judge(
        ours,
        theirs,
        metrics=METRICS,
        thresholds=thresholds,
        baseline=baseline,
        problems=check_cases(cases, articles),
        k=k,
    )
