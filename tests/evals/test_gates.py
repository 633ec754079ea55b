"""The floors file and the per-case baseline record: reading, checking, refusing bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.regressions import BaselineError, find_regressions, load_baseline, merge_baseline, save_baseline
from evals.scoring import METRICS
from evals.thresholds import Threshold, ThresholdError, check_thresholds, load_thresholds

PROJECT = Path(__file__).resolve().parents[2]
KNOWN = [metric.name for metric in METRICS]

COMMITTED_FLOORS = {
    ("quote_verbatim_rate", "min", 1.0),
    ("key_fact_recall", "min", 0.90),
    ("citation_precision", "min", 0.95),
    ("article_hit_at_1", "min", 0.90),
    ("abstention_recall", "min", 0.90),
    ("false_abstention_rate", "max", 0.05),
    ("crag_score", "min", 0.80),
}


def test_committed_thresholds__hold_exactly_the_agreed_floors():
    thresholds = load_thresholds(PROJECT / "evals" / "thresholds.json", known=KNOWN)
    assert {(t.metric, t.bound, t.limit) for t in thresholds} == COMMITTED_FLOORS


@pytest.mark.parametrize(
    ("threshold", "value", "allowed"),
    [
        (Threshold("x", "min", 0.9), 0.9, True),
        (Threshold("x", "min", 0.9), 0.8999, False),
        (Threshold("x", "max", 0.05), 0.05, True),
        (Threshold("x", "max", 0.05), 0.06, False),
        (Threshold("x", "min", 1.0), 1.0, True),
        (Threshold("x", "min", 0.0), None, False),  # a metric that could not be computed fails
    ],
)
def test_threshold_allows__includes_the_limit_itself(threshold, value, allowed):
    assert threshold.allows(value) is allowed


def test_check_thresholds__lists_breaches_in_file_order_with_readable_text():
    thresholds = [Threshold("key_fact_recall", "min", 0.9), Threshold("false_abstention_rate", "max", 0.05)]
    breaches = check_thresholds(thresholds, {"key_fact_recall": 0.5, "false_abstention_rate": 0.2})
    assert [str(b) for b in breaches] == [
        "key_fact_recall = 0.500, must be ≥ 0.90",
        "false_abstention_rate = 0.200, must be ≤ 0.05",
    ]
    assert check_thresholds(thresholds, {"key_fact_recall": 0.95, "false_abstention_rate": 0.0}) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "is not valid JSON"),
        ("[]", "must hold one JSON object"),
        ('{"accuracy": {"min": 0.9}}', "unknown metric 'accuracy': use one of"),
        ('{"crag_score": {"at_least": 0.8}}', 'must be {"min": number} or {"max": number}'),
        ('{"crag_score": {"min": "high"}}', "must be a number"),
        ('{"crag_score": {"min": 0.8, "max": 1}}', 'must be {"min": number} or {"max": number}'),
    ],
)
def test_load_thresholds__refuses_a_bad_file_and_names_the_fix(tmp_path, content, message):
    path = tmp_path / "thresholds.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ThresholdError) as error:
        load_thresholds(path, known=KNOWN)
    assert message in str(error.value)


def test_load_thresholds__skips_comment_keys(tmp_path):
    path = tmp_path / "thresholds.json"
    path.write_text('{"_note": "why", "crag_score": {"min": 0.8}}', encoding="utf-8")
    assert load_thresholds(path, known=KNOWN) == (Threshold("crag_score", "min", 0.8),)


def test_load_thresholds__says_where_to_get_a_missing_file(tmp_path):
    with pytest.raises(ThresholdError, match="restore evals/thresholds.json"):
        load_thresholds(tmp_path / "none.json", known=KNOWN)


@pytest.mark.parametrize(
    ("baseline", "now", "regressed"),
    [
        ({"a": True, "b": False}, {"a": False, "b": False, "c": False}, ["a"]),
        ({"a": True}, {"a": True}, []),
        ({}, {"a": False}, []),  # no record, no regression
        ({"a": False}, {"a": True}, []),  # an improvement is not a regression
    ],
)
def test_find_regressions__flags_cases_that_passed_before_and_fail_now(baseline, now, regressed):
    assert find_regressions(baseline, now) == regressed


def test_baseline__round_trips_sorted_and_merges_by_case_id(tmp_path):
    path = tmp_path / "baseline.json"
    save_baseline(path, {"b": False, "a": True})
    assert json.loads(path.read_text()) == {"cases": {"a": "pass", "b": "fail"}}
    assert list(json.loads(path.read_text())["cases"]) == ["a", "b"]
    assert load_baseline(path) == {"a": True, "b": False}
    assert merge_baseline(load_baseline(path), {"b": True, "c": False}) == {"a": True, "b": True, "c": False}


def test_load_baseline__is_empty_when_no_file_exists(tmp_path):
    assert load_baseline(tmp_path / "baseline.json") == {}


@pytest.mark.parametrize("content", ["{", '{"cases": {"a": "ok"}}', '{"a": "pass"}'])
def test_load_baseline__refuses_a_bad_file_and_says_how_to_regenerate(tmp_path, content):
    path = tmp_path / "baseline.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError, match="--update-baseline"):
        load_baseline(path)
