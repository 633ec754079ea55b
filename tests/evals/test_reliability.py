"""The reliability table and the expected calibration error, on hand-made (confidence, right) pairs."""

from __future__ import annotations

import pytest

from evals.reliability import BINS, ReliabilityBin, bin_index, expected_calibration_error, reliability_table


@pytest.mark.parametrize(
    ("confidence", "index"),
    [(0.0, 0), (0.05, 0), (0.1, 1), (0.15, 1), (0.3, 3), (0.7, 7), (0.9, 9), (0.99, 9), (1.0, 9)],
)
def test_bin_index__ten_equal_bins_with_one_in_the_last(confidence, index):
    assert bin_index(confidence) == index


@pytest.mark.parametrize("confidence", [-0.01, 1.01])
def test_bin_index__refuses_a_confidence_outside_0_1_and_says_what_to_do(confidence):
    with pytest.raises(ValueError) as raised:
        bin_index(confidence)
    assert str(raised.value) == (
        f"confidence {confidence!r} is outside [0, 1]: a reliability table needs probabilities; "
        "fix the system's confidence, or leave the case out."
    )


def test_reliability_table__counts_means_and_shares_per_bin_and_keeps_empty_bins():
    table = reliability_table([(0.95, True), (0.92, False), (0.15, False), (0.1, True), (0.12, False)])
    assert len(table) == BINS
    assert [b.count for b in table] == [0, 3, 0, 0, 0, 0, 0, 0, 0, 2]
    assert (table[0].low, table[0].high, table[9].low, table[9].high) == (0.0, 0.1, 0.9, 1.0)
    assert table[9].mean_confidence == pytest.approx(0.935)
    assert table[9].share_right == 0.5
    assert table[1].share_right == pytest.approx(1 / 3)
    assert table[0] == ReliabilityBin(0.0, 0.1, 0, None, None) and table[0].gap is None


@pytest.mark.parametrize(
    ("pairs", "ece"),
    [
        # Perfectly calibrated: right 80% of the time at 0.8, 30% at 0.3, always at 1.0.
        (
            [(0.8, True)] * 8
            + [(0.8, False)] * 2
            + [(0.3, True)] * 3
            + [(0.3, False)] * 7
            + [(1.0, True)] * 5,
            0.0,
        ),
        ([(1.0, False)] * 6, 1.0),  # sure of everything, right about nothing
        ([(0.0, True)] * 4, 1.0),  # sure it is wrong, right every time
        ([(0.5, True), (0.5, False)], 0.0),
        # Bin 9: mean 0.9, all right (gap 0.1, 2 cases); bin 1: 0.1, wrong (gap 0.1, 1 case).
        ([(0.9, True), (0.9, True), (0.1, False)], 0.1),
        # Bin 6: confidence 0.6, right 1 of 4 (gap 0.35) for 4 of 5 cases; bin 2: 0.2, right (gap 0.8).
        ([(0.6, True), (0.6, False), (0.6, False), (0.6, False), (0.2, True)], 4 / 5 * 0.35 + 1 / 5 * 0.8),
    ],
)
def test_expected_calibration_error__is_the_count_weighted_gap_over_the_bins(pairs, ece):
    assert expected_calibration_error(pairs) == pytest.approx(ece)


def test_expected_calibration_error__takes_a_table_as_well_as_pairs_and_none_for_no_case():
    pairs = [(0.6, True), (0.6, False), (0.2, True)]
    assert expected_calibration_error(reliability_table(pairs)) == pytest.approx(
        expected_calibration_error(pairs)
    )
    assert expected_calibration_error([]) is None
    assert expected_calibration_error(reliability_table([])) is None
