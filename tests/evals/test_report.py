"""The console table, the JSON result, the Markdown report and the SVG chart."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

import evals
from evals.chart import render_chart
from evals.observation import Observation, ObservedCitation
from evals.report import RunInfo, format_table, format_value, to_markdown, write_results
from evals.runner import EvalRun, SystemRun
from evals.scoring import Metric
from evals.seeds.cases import Case, Evidence
from evals.seeds.scoring import METRICS, score_case, scorecard
from evals.thresholds import Threshold, check_thresholds

TEXT = "Two ICE agents work in the jail."
ARTICLES = {"a": TEXT}
ANSWERABLE = Case(
    "single-1", "single", "", ("How many agents?",), True, ("Two",), ("Two",), ("a",), (Evidence("a", TEXT),)
)
UNANSWERABLE = Case(
    "unanswerable-1", "unanswerable", "near_miss", ("How many in Kern?",), False, (), (), (), ()
)
THRESHOLDS = (Threshold("key_fact_recall", "min", 0.9), Threshold("abstention_recall", "min", 0.9))
# Ours answers the single case (key-fact recall 1.0) and, when wrong, the unanswerable one
# (abstention recall 0.0): the first meets its target, the second only its floor.
WITH_TARGETS = (
    Threshold("key_fact_recall", "min", 0.9, target=1.0),
    Threshold("abstention_recall", "min", 0.0, target=0.9),
)
INFO = RunInfo(
    cases_path="evals/cases.jsonl",
    corpus_path="corpus",
    started_at="2025-01-01T00:00:00+00:00",
    peer_description="dense top-2",
    setup_seconds=1.5,
)


def _system(name: str, answers_unanswerable: bool) -> SystemRun:
    cite = ObservedCitation(1, "a", TEXT, 0, len(TEXT))
    scores = (
        score_case(
            ANSWERABLE, Observation("single-1", TEXT + " [1]", False, 0.9, (cite,), (), (0.2,)), ARTICLES
        ),
        score_case(
            UNANSWERABLE,
            Observation(
                "unanswerable-1",
                TEXT if answers_unanswerable else "Not in the articles.",
                not answers_unanswerable,
                0.5,
                (cite,) if answers_unanswerable else (),
                (),
                (0.1,),
            ),
            ARTICLES,
        ),
    )
    return SystemRun(name=name, scores=scores, values=scorecard(scores), seconds=0.3)


def _run(ours_wrong: bool = False, thresholds: tuple[Threshold, ...] = THRESHOLDS) -> EvalRun:
    ours = _system("ours", answers_unanswerable=ours_wrong)
    return EvalRun(
        ours=ours,
        peer=_system("peer", answers_unanswerable=True),
        metrics=METRICS,
        thresholds=thresholds,
        breaches=tuple(check_thresholds(thresholds, ours.values)),
        regressions=(),
    )


@pytest.mark.parametrize(
    ("metric", "value", "shown"),
    [
        (Metric("x", "X"), 0.9, "0.900"),
        (Metric("x", "X"), None, "n/a"),
        (Metric("t", "T", unit="ms"), 12.34, "12 ms"),
    ],
)
def test_format_value__shows_fractions_and_times(metric, value, shown):
    assert format_value(metric, value) == shown


def test_format_table__shows_every_metric_for_both_systems_with_floors_and_verdict():
    table = format_table(_run(ours_wrong=True))
    lines = table.splitlines()
    assert lines[0].split() == ["Metric", "Ours", "peer", "Floor", "Target", "Status"]
    assert any(
        line.startswith("Abstention recall (unanswerable)") and line.endswith("FAIL") for line in lines
    )
    assert any(line.startswith("Evidence recall@8") for line in lines)
    assert "Failing cases: unanswerable-1" in table
    assert "Below floor: abstention_recall = 0.000, must be ≥ 0.90" in table
    assert lines[-1] == "Verdict: FAIL"


def test_format_table__says_pass_when_all_floors_hold():
    assert format_table(_run()).splitlines()[-1] == "Verdict: PASS"


def test_format_table__shows_targets_and_lists_misses_below_target_without_failing():
    table = format_table(_run(ours_wrong=True, thresholds=WITH_TARGETS))
    lines = table.splitlines()
    row = next(line for line in lines if line.startswith("Abstention recall (unanswerable)"))
    assert row.split()[-6:] == ["≥", "0.00", "≥", "0.90", "below", "target"]
    row = next(line for line in lines if line.startswith("Key-fact recall"))
    assert row.split()[-5:] == ["≥", "0.90", "≥", "1.00", "ok"]
    assert "Below target: abstention_recall = 0.000, target ≥ 0.90" in lines
    assert "Below target: key_fact_recall" not in table
    assert "Below floor" not in table
    assert lines[-1] == "Verdict: PASS"


def test_format_table__lists_a_metric_under_its_floor_once_as_fail_not_below_target():
    thresholds = (Threshold("abstention_recall", "min", 0.5, target=0.9),)
    table = format_table(_run(ours_wrong=True, thresholds=thresholds))
    row = next(line for line in table.splitlines() if line.startswith("Abstention recall (unanswerable)"))
    assert row.endswith("≥ 0.50  ≥ 0.90  FAIL")
    assert "Below floor: abstention_recall = 0.000, must be ≥ 0.50" in table
    assert "Below target" not in table
    assert table.splitlines()[-1] == "Verdict: FAIL"


def test_write_results__writes_json_markdown_and_a_linked_chart(tmp_path):
    paths = write_results(_run(ours_wrong=True), INFO, tmp_path)
    result = json.loads(paths["json"].read_text())
    assert result["verdict"] == "fail"
    assert set(result["metrics"]["ours"]) == {m.name for m in METRICS}
    assert result["metrics"]["peer"]["abstention_recall"] == 0.0
    assert [(c["id"], c["passed"]) for c in result["cases"]] == [
        ("single-1", True),
        ("unanswerable-1", False),
    ]
    assert result["cases"][1]["reasons"] == ["answered an unanswerable question"]
    assert result["thresholds"] == {
        "key_fact_recall": {
            "min": 0.9,
            "target": None,
            "floor_met": True,
            "target_met": None,
            "status": "ok",
        },
        "abstention_recall": {
            "min": 0.9,
            "target": None,
            "floor_met": False,
            "target_met": None,
            "status": "FAIL",
        },
    }
    assert result["below_target"] == []
    markdown = paths["markdown"].read_text()
    assert "](chart.svg)" in markdown
    assert "| Metric | Ours | peer | Floor | Target | Status |" in markdown
    assert "| Abstention recall (unanswerable) | 0.000 | 0.000 | ≥ 0.90 |  | **FAIL** |" in markdown
    assert "`unanswerable-1`" in markdown
    ET.fromstring(paths["chart"].read_text())  # well-formed SVG


def test_write_results__records_each_target_and_whether_it_was_met(tmp_path):
    paths = write_results(_run(ours_wrong=True, thresholds=WITH_TARGETS), INFO, tmp_path)
    result = json.loads(paths["json"].read_text())
    assert result["verdict"] == "pass"
    assert result["thresholds"] == {
        "key_fact_recall": {"min": 0.9, "target": 1.0, "floor_met": True, "target_met": True, "status": "ok"},
        "abstention_recall": {
            "min": 0.0,
            "target": 0.9,
            "floor_met": True,
            "target_met": False,
            "status": "below target",
        },
    }
    assert result["breaches"] == []
    assert result["below_target"] == ["abstention_recall = 0.000, target ≥ 0.90"]
    markdown = paths["markdown"].read_text()
    assert "| Abstention recall (unanswerable) | 0.000 | 0.000 | ≥ 0.00 | ≥ 0.90 | below target |" in markdown
    assert "- Below target: abstention_recall = 0.000, target ≥ 0.90" in markdown
    assert "**Verdict: PASS**" in markdown


def test_to_markdown__lists_no_failing_case_when_all_pass():
    assert "## Failing cases (ours)\n\nNone." in to_markdown(_run(), INFO)


def test_render_chart__draws_two_bars_per_fraction_metric_and_a_tick_per_floor():
    ours = {m.name: 0.5 for m in METRICS}
    peer = {m.name: 0.25 for m in METRICS}
    svg = ET.fromstring(render_chart(METRICS, ours, peer, THRESHOLDS))
    ns = "{http://www.w3.org/2000/svg}"
    fractions = [m for m in METRICS if not m.unit]
    bars = [r for r in svg.iter(f"{ns}rect") if r.get("x") == "250" and r.get("height") == "11"]
    assert len(bars) == 2 * len(fractions)
    ticks = [line for line in svg.iter(f"{ns}line") if line.find(f"{ns}title") is not None]
    assert len(ticks) == len(THRESHOLDS)
    assert not any(text.text == "target" for text in svg.iter(f"{ns}text"))  # no targets, no legend entry


def test_render_chart__draws_a_dashed_tick_at_each_target_beside_its_floor():
    ours = {m.name: 0.5 for m in METRICS}
    svg = ET.fromstring(render_chart(METRICS, ours, None, WITH_TARGETS))
    ns = "{http://www.w3.org/2000/svg}"
    titles = {
        line.find(f"{ns}title").text: line.get("stroke-dasharray")
        for line in svg.iter(f"{ns}line")
        if line.find(f"{ns}title") is not None
    }
    assert titles == {"≥ 0.90": None, "target ≥ 1.00": "3 2", "≥ 0.00": None, "target ≥ 0.90": "3 2"}
    assert any(text.text == "target" for text in svg.iter(f"{ns}text"))


def test_render_chart__labels_a_negative_score_but_draws_no_bar_for_it():
    svg = render_chart([Metric("crag_score", "CRAG")], {"crag_score": -0.25}, None)
    assert 'width="0.0"' in svg and ">-0.25<" in svg


def test_package__exports_exactly_its_public_names():
    assert sorted(evals.__all__) == sorted(
        [
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
    )
    for name in evals.__all__:
        assert hasattr(evals, name), name
