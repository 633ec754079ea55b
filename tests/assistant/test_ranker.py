"""The ranker: how a candidate is shown to it, its errors, and what the shipped model ranks first."""

from __future__ import annotations

import pytest

from assistant.ranker import Calibration, Ranker, RankerMissing, pair_text
from index.errors import AssistantError


@pytest.mark.parametrize(
    ("kwargs", "shown"),
    [
        ({}, "He voted no."),
        ({"title": "Council vote"}, "He voted no. | Council vote"),
        ({"before": "The council met.", "after": "It passed."}, "He voted no. | The council met. It passed."),
        ({"before": "A\nlong   day.", "title": " Vote\n"}, "He voted no. | Vote | A long day."),
    ],
)
def test_pair_text__the_sentence_comes_first_then_title_and_neighbours(kwargs, shown):
    assert pair_text("He voted no.", **kwargs) == shown


def test_pair_text__a_long_neighbour_is_cut_to_its_words_nearest_the_sentence():
    before = " ".join(f"b{i}" for i in range(100))
    after = " ".join(f"a{i}" for i in range(100))
    shown = pair_text("S.", before=before, after=after)
    assert "b99" in shown and "b0 " not in shown
    assert "a0" in shown and "a99" not in shown


def test_calibration__maps_logits_through_the_fitted_sigmoid():
    calibration = Calibration(scale=2.0, bias=-1.0)
    assert calibration.probability(0.5) == pytest.approx(0.5)
    assert calibration.probability(100.0) == pytest.approx(1.0)
    assert 0.0 < calibration.probability(-100.0) < 1e-6


def test_load__no_weights_names_the_make_target_that_builds_them(tmp_path):
    with pytest.raises(RankerMissing, match="make train-ranker") as raised:
        Ranker.load(tmp_path)
    assert "model.int8.onnx" in str(raised.value)
    assert isinstance(raised.value, AssistantError)


def test_load__damaged_weights_name_the_make_target_that_rebuilds_them(tmp_path):
    (tmp_path / "model.int8.onnx").write_bytes(b"\x00not a model")
    (tmp_path / "tokenizer.json").write_text("{}")
    with pytest.raises(RankerMissing, match="cannot be read.*make train-ranker"):
        Ranker.load(tmp_path)


def test_calibration_file__missing_or_malformed_is_refused_with_the_make_target(tmp_path):
    from assistant.ranker import _calibration

    (tmp_path / "calibration.json").write_text('{"scale": "steep"}')
    for path in (tmp_path / "missing.json", tmp_path / "calibration.json"):
        with pytest.raises(RankerMissing, match="make train-ranker"):
            _calibration(path)
    (tmp_path / "calibration.json").write_text('{"scale": 2.0, "bias": -1.0}')
    assert _calibration(tmp_path / "calibration.json") == Calibration(scale=2.0, bias=-1.0)
