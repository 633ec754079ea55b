"""Fitting the assistant's confidence: logistic models per kind of answer, development runs only."""

from __future__ import annotations

import json

from assistant.confidence import Calibrator, Signals
from evals.confidence_fit import MIN_CASES, fit, fit_logistic, main


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


def test_calibrator__saved_and_loaded_gives_the_same_probabilities(tmp_path):
    calibrator = Calibrator({"extractive/answered": [0.1, 1.0, 2.0, -0.5, 0.0]}, fitted_on="dev")
    calibrator.save(tmp_path / "c.json")
    loaded = Calibrator.load(tmp_path / "c.json")
    signals = Signals("extractive", False, 0.5, 0.4, True)
    assert loaded.probability(signals) == calibrator.probability(signals) and loaded.fitted_on == "dev"


def test_calibrator__without_a_file_falls_back_to_evidence_strength(tmp_path):
    assert Calibrator.load(tmp_path / "missing.json").weights == {}


def test_main__refuses_a_held_out_run(tmp_path, capsys):
    result = tmp_path / "latest.json"
    result.write_text(json.dumps({"run": {"cases": ".realnews/heldout/cases.jsonl"}, "calibration": {}}))
    assert main([str(result), "--out", str(tmp_path / "c.json")]) == 2
    assert "held-out run: fit on development runs only" in capsys.readouterr().err
    assert not (tmp_path / "c.json").exists()
