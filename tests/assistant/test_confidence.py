"""The calibrator's model file: saved and loaded with one weight per signal, refused when it does not fit."""

from __future__ import annotations

import json

import pytest

from assistant.confidence import FEATURES, CalibrationError, Calibrator, Signals
from index.errors import AssistantError

# One weight for the bias and one for each feature, each different and none zero: a weight lost or
# moved in the round trip changes the probability of at least one of the signals below.
WEIGHTS = [0.1, 1.0, 2.0, -0.5, 0.3, 0.7, 1.5, -0.4, -0.2]
SIGNALS = (
    Signals("extractive", False, 0.5, 0.4, True, 0.9, lexical=0.6, margin=0.2, rivals=2, corpus=400),
    Signals("extractive", False, 0.2, 0.1, False, 1.0, lexical=0.1, margin=0.0, rivals=0, corpus=10),
    Signals("extractive", False, 0.7, 0.7, True, 0.5, lexical=0.9, margin=0.5, rivals=5, corpus=5000),
)


def test_weights__one_per_entry_of_the_signal_vector():
    assert len(WEIGHTS) == len(FEATURES) + 1 == len(SIGNALS[0].vector())


def test_calibrator__saved_and_loaded_gives_the_same_weights_and_probabilities(tmp_path):
    calibrator = Calibrator({"extractive/answered": WEIGHTS}, fitted_on="dev")
    calibrator.save(tmp_path / "c.json")
    loaded = Calibrator.load(tmp_path / "c.json")
    assert loaded.weights == {"extractive/answered": WEIGHTS} and loaded.fitted_on == "dev"
    for signals in SIGNALS:
        # The model is used, not the fallback mapping that a lost weight would silently bring back.
        assert calibrator.probability(signals) != Calibrator().probability(signals)
        assert loaded.probability(signals) == calibrator.probability(signals)


def test_calibrator__without_a_file_falls_back_to_evidence_strength(tmp_path):
    assert Calibrator.load(tmp_path / "missing.json").weights == {}


@pytest.mark.parametrize(("weights", "count"), [(WEIGHTS[:5], "5"), ([*WEIGHTS, 0.0], "10"), (0.5, "float")])
def test_calibrator_load__a_model_with_the_wrong_number_of_weights_says_to_refit(tmp_path, weights, count):
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"fitted_on": "old", "weights": {"extractive/answered": weights}}))
    with pytest.raises(CalibrationError) as raised:
        Calibrator.load(path)
    assert isinstance(raised.value, AssistantError)
    assert str(raised.value) == (
        f"Confidence model '{path}' has {count} weights for 'extractive/answered', but the signals have 9 "
        "(bias, top, cited, supported, kept, lexical, margin, rivals, corpus): refit it on development runs "
        "with 'python -m evals.confidence_fit RUN/latest.json ...', or delete the file to use the "
        "evidence-strength mapping."
    )
