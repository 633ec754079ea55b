"""`python -m evals --set realnews`: refused flags, missing data, and (slow) a tiny run end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from realnews_weeks import question, write_weeks

from evals.__main__ import main
from evals.realnews.command import results_folder, week_notes
from evals.realnews.scoring import REALNEWS_METRICS
from evals.thresholds import load_thresholds

PROJECT = Path(__file__).resolve().parents[3]

# The goals for the realnews set; the committed targets must be exactly these.
AGREED_TARGETS = {
    ("answer_in_quote_margin", "min", 0.15),
    ("article_hit_at_5", "min", 0.85),
    ("abstention_recall", "min", 0.80),
    ("false_abstention_rate", "max", 0.10),
    ("expected_calibration_error", "max", 0.10),
}


def test_committed_realnews_thresholds__target_exactly_the_agreed_goals():
    thresholds = load_thresholds(
        PROJECT / "evals" / "realnews_thresholds.json", known=[m.name for m in REALNEWS_METRICS]
    )
    assert {(t.metric, t.bound, t.target) for t in thresholds if t.target is not None} == AGREED_TARGETS


def test_unknown_run__is_refused_by_the_parser_with_the_runs_there_are(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--set", "realnews", "--run", "weekly"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    # Python 3.12 quotes the choices, 3.11 does not: check the words.
    assert "argument --run: invalid choice: 'weekly' (choose from " in err
    assert all(run in err.splitlines()[-1] for run in ("ci", "dev", "heldout"))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--set", "realnews", "--cases", "evals/cases.jsonl"],
            "--cases goes with --set seeds; --set realnews builds its cases from --run (ci, dev, heldout).",
        ),
        (
            ["--set", "realnews", "--corpus", "corpus"],
            "--corpus goes with --set seeds; --set realnews indexes the corpus of its --run.",
        ),
        (
            ["--set", "realnews", "--update-baseline"],
            "--update-baseline goes with --set seeds: the realnews set has no per-case baseline (its cases "
            "are rebuilt from data); its floors are in evals/realnews_thresholds.json.",
        ),
        (["--set", "realnews", "--sample", "0"], "--sample must be at least 1, not 0."),
        (["--run", "ci"], "--run goes with --set realnews; add --set realnews, or drop --run."),
        (["--source", "x"], "--source goes with --set realnews; add --set realnews, or drop --source."),
        (
            ["--prepare-only"],
            "--prepare-only goes with --set realnews; add --set realnews, or drop --prepare-only.",
        ),
    ],
)
def test_flags_of_the_other_set__are_refused_with_exit_2_and_the_fix(argv, message, capsys):
    assert main(argv) == 2
    assert capsys.readouterr().err == f"evals: {message}\n"


def test_missing_data_folder__exits_2_and_says_where_to_point(tmp_path, capsys):
    missing = tmp_path / "nowhere"
    assert main(["--set", "realnews", "--run", "dev", "--source", str(missing)]) == 2
    assert capsys.readouterr().err == (
        f"evals: No RealTimeQA folder at '{missing}': pass --source DIR (or set REALTIMEQA_DIR) to the "
        "folder holding the YYYYMMDD_qa.jsonl and YYYYMMDD_gcs.jsonl files.\n"
    )


def test_missing_week_files__exit_2_and_name_the_file(tmp_path, capsys):
    empty = tmp_path / "rtqa"
    empty.mkdir()
    code = main(
        ["--set", "realnews", "--run", "dev", "--source", str(empty), "--cache-dir", str(tmp_path / "c")]
    )
    assert code == 2
    err = capsys.readouterr().err.splitlines()[-1]
    assert err.startswith(f"evals: '{empty / '20250103_gcs.jsonl'}' is missing: ")
    assert err.endswith("or pass --source DIR.")


def test_unknown_metric_in_the_thresholds__exits_2_and_lists_the_metrics(tmp_path, capsys):
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"key_fact_recall": {"min": 0.5}}))
    assert main(["--set", "realnews", "--thresholds", str(floors)]) == 2
    assert f"'{floors}' names unknown metric 'key_fact_recall': use one of " in capsys.readouterr().err


@pytest.mark.parametrize(
    ("run", "reader", "folder"),
    [("ci", "extractive", "realnews-ci"), ("dev", "llm", "realnews-dev-llm")],
)
def test_results_folder__keeps_the_llm_reader_apart(run, reader, folder):
    assert results_folder(run, reader, root=Path("r")) == Path("r") / folder


def test_week_notes__mark_development_and_held_out_weeks():
    assert week_notes(("20250103", "20250110"), ("20250704",)) == [
        "Corpus and answerable questions: weeks 20250103, 20250110 (development: tuning allowed)",
        "Absent-answer questions: week 20250704 (held-out: report only, never tune on them)",
    ]


def _ci_shaped_source(folder: Path) -> Path:
    """The tiny weeks laid out as the ci run's four weeks: three corpus weeks, one absent-answer week."""
    write_weeks(folder)  # 20250704 and 20250711: corpus weeks of the ci run
    (folder / "20250718_qa.jsonl").write_text("")
    (folder / "20250718_gcs.jsonl").write_text("")
    absent = question("20250725_0", "Which mountain closed its roads?", ["Mount Rainier", "Mount Hood"], 0)
    (folder / "20250725_qa.jsonl").write_text(json.dumps(absent) + "\n")
    (folder / "20250725_gcs.jsonl").write_text("")
    return folder


@pytest.mark.slow
def test_realnews_run__scores_ours_and_the_peer_and_writes_the_report(tmp_path, capsys):
    source = _ci_shaped_source(tmp_path / "rtqa")
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"answer_in_quote": {"min": 0.0}, "answer_in_quote_margin": {"min": -1.0}}))
    results = tmp_path / "results"
    argv = [
        "--set",
        "realnews",
        "--run",
        "ci",
        "--source",
        str(source),
        "--cache-dir",
        str(tmp_path / "cache"),
    ]
    argv += ["--thresholds", str(floors), "--results-dir", str(results), "--quiet"]

    assert main(argv) == 0

    out = capsys.readouterr().out
    # LlamaIndex may print a line of its own first ("LLM is explicitly disabled ...").
    header = next(line for line in out.splitlines() if line.startswith("Metric"))
    assert header.split()[:3] == ["Metric", "Ours", "LlamaIndex"]
    assert "Reliability (ours): right = CRAG outcome correct" in out
    assert "Answer in quote, ours − peer's answer in context: " in out
    result = json.loads((results / "latest.json").read_text())
    assert result["run"]["set"] == "realnews" and result["run"]["realnews_run"] == "ci"
    assert result["run"]["corpus_weeks"] == ["20250704", "20250711", "20250718"]
    assert result["run"]["absent_cases"] == 1
    assert set(result["metrics"]["ours"]) == {m.name for m in REALNEWS_METRICS}
    rows = result["calibration"]["rows"]
    assert len(rows) == result["run"]["case_count"] == len(result["cases"])
    assert {"id", "confidence", "right", "abstained", "reader", "features", "answer"} <= set(rows[0])
    assert rows[0]["answer"]["reader"] == "extractive"
    assert "## Calibration (ours)" in (results / "REPORT.md").read_text()


@pytest.mark.slow
def test_prepare_only__builds_the_corpus_cases_and_index_and_asks_nothing(tmp_path, capsys):
    source = _ci_shaped_source(tmp_path / "rtqa")
    cache, results = tmp_path / "cache", tmp_path / "results"
    argv = ["--set", "realnews", "--run", "ci", "--source", str(source), "--cache-dir", str(cache)]
    argv += ["--results-dir", str(results), "--prepare-only", "--quiet"]

    assert main(argv) == 0

    assert "Prepared: " in capsys.readouterr().err
    assert any((cache / "ci" / "corpus").iterdir())
    assert (cache / "ci" / "cases.jsonl").exists()
    assert any((cache / "ci" / "index").iterdir())
    assert not results.exists()
