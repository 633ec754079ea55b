"""The threshold sweep: one pass of answers scored at every threshold."""

from __future__ import annotations

import pytest

from evals.calibration import Asked, main, sweep

ASKED = [
    Asked(answerable=True, cited=0.50, right=True),
    Asked(answerable=True, cited=0.30, right=False),
    Asked(answerable=True, cited=0.0, right=False),  # abstained even with no threshold
    Asked(answerable=False, cited=0.25, right=False),
    Asked(answerable=False, cited=0.0, right=False),
]


@pytest.mark.parametrize(
    ("threshold", "balanced", "right"),
    [
        (0.20, (2 / 3 + 1 / 2) / 2, 1 / 3),  # answers all it can: the absent case at 0.25 too
        (0.26, (2 / 3 + 1) / 2, 1 / 3),  # above the absent case's evidence, below both answers
        (0.40, (1 / 3 + 1) / 2, 1 / 3),  # the wrong answer at 0.30 now abstains
        (0.60, (0 + 1) / 2, 0.0),  # abstains on everything
    ],
)
def test_sweep__scores_each_threshold_as_if_the_assistant_abstained_below_it(threshold, balanced, right):
    ((at, got_balanced, got_right),) = sweep(ASKED, [threshold])
    assert at == threshold
    assert got_balanced == pytest.approx(balanced, abs=1e-4)
    assert got_right == pytest.approx(right, abs=1e-4)


@pytest.mark.parametrize("argv", [["--cases", "evals/heldout.jsonl"], ["--set", "realnews", "--run", "heldout"]])
def test_main__refuses_held_out_sets(argv, capsys):
    assert main(argv) == 2
    assert "development data only" in capsys.readouterr().err
