"""The reliability table in the console, Markdown and JSON reports, and the rows for fitting a calibrator."""

from __future__ import annotations

import json

from evals.observation import Observation, ObservedCitation
from evals.reliability import reliability_table
from evals.report import RunInfo, format_reliability, format_table, reliability_markdown, write_results
from evals.runner import EvalRun, SystemRun
from evals.seeds.cases import Case, Evidence
from evals.seeds.scoring import METRICS, score_case, scorecard

TEXT = "Two ICE agents work in the jail."
ARTICLES = {"a": TEXT}
ANSWERABLE = Case(
    "single-1", "single", "", ("How many agents?",), True, ("Two",), ("Two",), ("a",), (Evidence("a", TEXT),)
)
UNANSWERABLE = Case(
    "unanswerable-1", "unanswerable", "near_miss", ("How many in Kern?",), False, (), (), (), ()
)
INFO = RunInfo(cases_path="evals/cases.jsonl", corpus_path="corpus", started_at="2025-01-01T00:00:00+00:00")


def _run() -> EvalRun:
    cite = ObservedCitation(1, "a", TEXT, 0, len(TEXT))
    scores = (
        # Right at 0.95; wrong (answered the unanswerable one) at 0.92.
        score_case(
            ANSWERABLE, Observation("single-1", TEXT + " [1]", False, 0.95, (cite,), (), (0.2,)), ARTICLES
        ),
        score_case(
            UNANSWERABLE, Observation("unanswerable-1", TEXT, False, 0.92, (cite,), (), (0.1,)), ARTICLES
        ),
    )
    ours = SystemRun(name="ours", scores=scores, values=scorecard(scores), seconds=0.3)
    return EvalRun(ours=ours, peer=None, metrics=METRICS, thresholds=(), breaches=(), regressions=())


def test_format_reliability__shows_every_bin_and_the_ece():
    lines = format_reliability(reliability_table([(0.95, True), (0.92, False)]))
    assert lines[0] == "Reliability (ours): right = CRAG outcome correct"
    assert lines[1] == "Confidence  Cases  Mean conf.  Share right    Gap"
    assert lines[3] == "0.0–0.1         0           –            –      –"
    assert lines[12] == "0.9–1.0         2       0.935        0.500  0.435"
    assert lines[-1] == "ECE: 0.435 over 2 case(s) with a confidence"


def test_reliability_markdown__is_a_table_then_the_ece():
    lines = reliability_markdown(reliability_table([(0.95, True)]))
    assert lines[:2] == [
        "| Confidence | Cases | Mean confidence | Share right | Gap |",
        "|---|---:|---:|---:|---:|",
    ]
    assert lines[11] == "| 0.9–1.0 | 1 | 0.950 | 1.000 | 0.050 |"
    assert lines[-1] == "ECE: 0.050 over 1 case(s) with a confidence"


def test_format_table__prints_the_reliability_table_under_the_metrics_and_ends_with_the_verdict():
    table = format_table(_run(), notes=["A note."])
    lines = table.splitlines()
    assert any(line.startswith("Calibration error (ECE)") and "0.435" in line for line in lines)
    assert lines.index("Reliability (ours): right = CRAG outcome correct") < lines.index("A note.")
    assert lines[-1] == "Verdict: PASS"


def test_write_results__keeps_the_bins_and_a_calibration_row_per_case(tmp_path):
    paths = write_results(_run(), INFO, tmp_path)
    result = json.loads(paths["json"].read_text())
    calibration = result["calibration"]
    assert (
        calibration["expected_calibration_error"] == result["metrics"]["ours"]["expected_calibration_error"]
    )
    assert calibration["bins"][9] == {
        "low": 0.9,
        "high": 1.0,
        "count": 2,
        "mean_confidence": 0.935,
        "share_right": 0.5,
    }
    assert calibration["rows"][1] == {
        "id": "unanswerable-1",
        "confidence": 0.92,
        "right": False,
        "abstained": False,
        "reader": None,
        "outcome": "hallucinated",
        "features": {
            "citations": 1,
            "cited_articles": 1,
            "quote_chars": len(TEXT),
            "answer_chars": len(TEXT),
            "turns": 1,
            "latency_ms": 100.0,
            "error": False,
        },
        "answer": None,
    }
    assert [(c["confidence"], c["right"]) for c in result["cases"]] == [(0.95, True), (0.92, False)]
    markdown = paths["markdown"].read_text()
    assert "## Calibration (ours)" in markdown and "| 0.9–1.0 | 2 | 0.935 | 0.500 | 0.435 |" in markdown
