"""Evaluation of the grounded news assistant against a hand-made case set or real news.

    from evals import load_cases, run_evals
    run = run_evals(bot, load_cases("evals/cases.jsonl"), {a.id: a.text for a in bot.articles})
    run.passed, run.ours.values["key_fact_recall"]

Every metric is computed from strings, ids and offsets; no model judges an
answer. `python -m evals` is the command-line entry point. Nothing in the
project imports this package.

The core (cases, observation, runner, scoring, thresholds, reliability,
report) serves every kind of set; each kind is a package that holds only what
differs: `evals.seeds` (hand-made cases over `corpus/`, exported here) and
`evals.realnews` (open RealTimeQA questions over news weeks).
"""

from evals.runner import EvalRun, SystemRun
from evals.scoring import Metric
from evals.seeds.cases import Case, CaseFileError, Evidence, check_cases, load_cases
from evals.seeds.runner import run_evals, run_system
from evals.seeds.scoring import METRICS, CaseScore, score_case, scorecard
from evals.thresholds import Threshold, ThresholdError, check_thresholds, load_thresholds

__all__ = [
    "Case",
    "CaseFileError",
    "CaseScore",
    "EvalRun",
    "Evidence",
    "METRICS",
    "Metric",
    "SystemRun",
    "Threshold",
    "ThresholdError",
    "check_cases",
    "check_thresholds",
    "load_cases",
    "load_thresholds",
    "run_evals",
    "run_system",
    "score_case",
    "scorecard",
]
