"""`python -m evals` end to end, in-process: exit status, files written, baseline handling."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.__main__ import main

PROJECT = Path(__file__).resolve().parents[2]
CASES = PROJECT / "evals" / "cases.jsonl"
LENIENT = {"crag_score": {"min": -1.0}}
STRICT = {"crag_score": {"min": 1.0}}
# The off-topic case keeps the CRAG score under 1.0: a floor any run meets, a target it cannot.
TARGET_OUT_OF_REACH = {"crag_score": {"min": -1.0, "target": 1.0}}


def _pick(*ids: str) -> list[str]:
    lines = {json.loads(line)["id"]: line for line in CASES.read_text(encoding="utf-8").splitlines() if line}
    return [lines[case_id] for case_id in ids]


def _answerable_but_off_topic() -> str:
    """A sound case that no grounded answerer can pass: the question is about something else."""
    case = json.loads(_pick("single-001")[0])
    case.update(id="cli-off-topic-001", turns=["What is the boiling point of mercury?"])
    return json.dumps(case)


@pytest.fixture
def workspace(tmp_path):
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        "\n".join([*_pick("single-001", "unanswerable-001"), _answerable_but_off_topic()]) + "\n"
    )
    return tmp_path, cases


def _args(tmp_path, cases, index_dir, thresholds, *extra):
    floors = tmp_path / "thresholds.json"
    floors.write_text(json.dumps(thresholds))
    return [
        "--cases",
        str(cases),
        "--corpus",
        str(PROJECT / "corpus"),
        "--index-dir",
        str(index_dir),
        "--thresholds",
        str(floors),
        "--baseline",
        str(tmp_path / "baseline.json"),
        "--results-dir",
        str(tmp_path / "results"),
        "--no-peer",
        "--quiet",
        *extra,
    ]


def test_cli__exits_2_and_names_the_flag_when_the_case_file_is_missing(tmp_path, capsys):
    assert main(["--cases", str(tmp_path / "none.jsonl")]) == 2
    assert "pass --cases PATH" in capsys.readouterr().err


@pytest.mark.slow
def test_cli__writes_results_and_fails_on_a_regression_against_the_baseline(
    workspace, eval_index_dir, capsys
):
    tmp_path, cases = workspace
    (tmp_path / "baseline.json").write_text(json.dumps({"cases": {"cli-off-topic-001": "pass"}}))

    status = main(_args(tmp_path, cases, eval_index_dir, LENIENT))

    out = capsys.readouterr().out
    assert status == 1
    assert "Regressions (passed in the baseline, fail now): cli-off-topic-001" in out
    result = json.loads((tmp_path / "results" / "latest.json").read_text())
    assert result["verdict"] == "fail" and result["regressions"] == ["cli-off-topic-001"]
    assert result["metrics"]["peer"] is None
    assert (tmp_path / "results" / "REPORT.md").is_file() and (tmp_path / "results" / "chart.svg").is_file()


@pytest.mark.slow
def test_cli__update_baseline_records_each_case_when_floors_hold(workspace, eval_index_dir):
    tmp_path, cases = workspace
    assert main(_args(tmp_path, cases, eval_index_dir, LENIENT, "--update-baseline")) == 0
    record = json.loads((tmp_path / "baseline.json").read_text())["cases"]
    assert set(record) == {"single-001", "unanswerable-001", "cli-off-topic-001"}
    assert record["cli-off-topic-001"] == "fail"


@pytest.mark.slow
def test_cli__update_baseline_is_refused_while_a_floor_fails(workspace, eval_index_dir, capsys):
    tmp_path, cases = workspace
    assert main(_args(tmp_path, cases, eval_index_dir, STRICT, "--update-baseline")) == 2
    assert "Not updating" in capsys.readouterr().err
    assert not (tmp_path / "baseline.json").exists()


@pytest.mark.slow
def test_cli__exits_0_and_reports_a_missed_target_when_every_floor_holds(workspace, eval_index_dir, capsys):
    tmp_path, cases = workspace

    status = main(_args(tmp_path, cases, eval_index_dir, TARGET_OUT_OF_REACH))

    out = capsys.readouterr().out
    assert status == 0
    row = next(line for line in out.splitlines() if line.startswith("CRAG"))
    assert row.endswith("≥ -1.00  ≥ 1.00  below target")
    assert "Below target: crag_score = " in out and ", target ≥ 1.00" in out
    assert "Below floor" not in out and "Verdict: PASS" in out
    result = json.loads((tmp_path / "results" / "latest.json").read_text())
    assert result["verdict"] == "pass"
    assert result["thresholds"]["crag_score"]["target_met"] is False


@pytest.mark.slow
def test_cli__exits_1_when_a_floor_breaks(workspace, eval_index_dir, capsys):
    tmp_path, cases = workspace
    assert main(_args(tmp_path, cases, eval_index_dir, STRICT)) == 1
    assert "Below floor: crag_score = " in capsys.readouterr().out


@pytest.mark.slow
def test_cli__update_baseline_is_not_blocked_by_a_missed_target(workspace, eval_index_dir):
    tmp_path, cases = workspace
    assert main(_args(tmp_path, cases, eval_index_dir, TARGET_OUT_OF_REACH, "--update-baseline")) == 0
    assert set(json.loads((tmp_path / "baseline.json").read_text())["cases"]) == {
        "single-001",
        "unanswerable-001",
        "cli-off-topic-001",
    }
