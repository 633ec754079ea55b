"""Fitting the assistant's confidence: logistic models per kind of answer, development runs only."""

from __future__ import annotations

import json

import pytest

from assistant.confidence import Signals
from evals.confidence_fit import MIN_CASES, fit, fit_logistic, held_out_reason, main
from evals.realnews.realtimeqa import DEV_WEEKS, RUNS


def test_fit_logistic__recovers_a_clear_relation():
    xs = [[1.0, v / 10] for v in range(11)] * 20
    ys = [v / 10 > 0.5 for v in range(11)] * 20
    bias, slope = fit_logistic(xs, ys, shrinkage=0.01)
    assert slope > 5 and bias < 0


def test_fit__one_model_per_kind_with_enough_cases_else_the_fallback():
    rows = [(Signals("extractive", False, 0.6, 0.6 if i % 2 else 0.2, True), bool(i % 2)) for i in range(40)]
    rows += [(Signals("llm", True, 0.3, 0.0, False), True)] * (MIN_CASES - 1)
    calibrator, counts = fit(rows, fitted_on="dev")
    assert counts == {"extractive/answered": 40, "llm/abstained": MIN_CASES - 1}
    assert list(calibrator.weights) == ["extractive/answered"]
    strong = calibrator.probability(Signals("extractive", False, 0.6, 0.6, True))
    weak = calibrator.probability(Signals("extractive", False, 0.6, 0.2, True))
    assert strong > 0.6 > 0.4 > weak


def test_main__refuses_a_held_out_run(tmp_path, capsys):
    result = tmp_path / "latest.json"
    result.write_text(json.dumps({"run": {"cases": ".realnews/heldout/cases.jsonl"}, "calibration": {}}))
    assert main([str(result), "--out", str(tmp_path / "c.json")]) == 2
    assert "is not a development run: its cases are a held-out set" in capsys.readouterr().err
    assert not (tmp_path / "c.json").exists()


def _realnews(run: str, *, cases: str, weeks: tuple[tuple[str, ...], tuple[str, ...]] | None = None) -> dict:
    """A realnews run's latest.json, as `evals.realnews.command` writes it, with one calibration row."""
    corpus_weeks, absent_weeks = weeks or (RUNS[run].corpus_weeks, RUNS[run].absent_weeks)
    signals = Signals("extractive", False, 0.6, 0.6, True).to_dict()
    return {
        "run": {
            "cases": cases,
            "set": "realnews",
            "realnews_run": run,
            "corpus_weeks": list(corpus_weeks),
            "absent_weeks": list(absent_weeks),
        },
        "calibration": {"rows": [{"answer": {"signals": signals}, "right": True}]},
    }


@pytest.mark.parametrize(
    ("result", "reason"),
    [
        ({"run": {"cases": "evals/dev.jsonl", "set": "seeds"}}, None),
        ({"run": {"cases": "evals/heldout.jsonl"}}, "its cases are a held-out set (evals/heldout.jsonl)"),
        (_realnews("dev", cases=".realnews/dev/cases.jsonl"), None),
        # Held-out weeks under a folder name that says nothing: told by the weeks.
        (
            _realnews("heldout", cases="scratch/run-a/cases.jsonl"),
            "it uses the held-out weeks 20250704 … 20251226 (26 weeks)",
        ),
        (
            _realnews("ci", cases="scratch/slice/cases.jsonl"),
            "it uses the held-out weeks 20250704 … 20250725 (4 weeks)",
        ),
        # A custom run of development weeks with one held-out week among its absent-answer weeks.
        (
            _realnews("dev", cases="scratch/c.jsonl", weeks=(DEV_WEEKS[:3], ("20250704",))),
            "it uses the held-out week 20250704",
        ),
        (
            {"run": {"cases": "scratch/c.jsonl", "set": "realnews"}},
            "it is a realnews run that does not record its weeks, so they cannot be checked "
            "(rerun it: python -m evals --set realnews --run dev --no-peer)",
        ),
    ],
)
def test_held_out_reason(result, reason):
    assert held_out_reason(result) == reason


def test_main__refuses_a_realnews_held_out_run_under_another_folder_name(tmp_path, capsys):
    result = tmp_path / "latest.json"
    result.write_text(json.dumps(_realnews("heldout", cases="scratch/run-a/cases.jsonl")))
    assert main([str(result), "--out", str(tmp_path / "c.json")]) == 2
    assert "uses the held-out weeks 20250704" in capsys.readouterr().err
    assert not (tmp_path / "c.json").exists()


def test_main__fits_a_realnews_development_run(tmp_path):
    result = tmp_path / "latest.json"
    result.write_text(json.dumps(_realnews("dev", cases="scratch/run-b/cases.jsonl")))
    assert main([str(result), "--out", str(tmp_path / "c.json")]) == 0
    assert (tmp_path / "c.json").exists()


def _seeds_dev(rows: list[tuple[Signals, bool]]) -> dict:
    return {
        "run": {"cases": "evals/dev.jsonl", "set": "seeds"},
        "calibration": {"rows": [{"answer": {"signals": s.to_dict()}, "right": r} for s, r in rows]},
    }


def test_main__with_reader_fits_that_reader_only_and_keeps_the_other_models(tmp_path):
    out = tmp_path / "c.json"
    extractive = [(Signals("extractive", False, 0.6, 0.6 if i % 2 else 0.2, True), bool(i % 2)) for i in range(20)]
    written = [(Signals("llm", False, 0.6, 0.6 if i % 3 else 0.2, True, kept=0.5), bool(i % 3)) for i in range(20)]
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text(json.dumps(_seeds_dev(extractive)))
    second.write_text(json.dumps(_seeds_dev(extractive + written)))
    assert main([str(first), "--out", str(out)]) == 0
    before = json.loads(out.read_text())["weights"]

    assert main([str(second), "--out", str(out), "--reader", "llm"]) == 0

    after = json.loads(out.read_text())
    assert set(after["weights"]) == {"extractive/answered", "llm/answered"}
    assert after["weights"]["extractive/answered"] == before["extractive/answered"]
    assert after["fitted_on"].endswith("llm/*: evals/dev.jsonl (20 cases)")


def test_main__with_reader_and_no_case_of_it__exits_2_and_says_so(tmp_path, capsys):
    result = tmp_path / "a.json"
    result.write_text(json.dumps(_seeds_dev([(Signals("extractive", False, 0.6, 0.6, True), True)])))
    assert main([str(result), "--out", str(tmp_path / "c.json"), "--reader", "llm"]) == 2
    assert "holds no case answered by the llm reader with signals" in capsys.readouterr().err
