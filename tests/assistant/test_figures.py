"""The figure reader: the numbers and dates a text states, by value, and whether one is among others."""

from __future__ import annotations

from fractions import Fraction

import pytest

import assistant.figures
from assistant.figures import Figure, figures, held


def number(value: int | str, *, percent: bool = False, year: int | None = None) -> Figure:
    return Figure("", Fraction(value), percent, year=year)


def date(*, year: int | None = None, month: int | None = None, day: int | None = None) -> Figure:
    return Figure("", year=year, month=month, day=day)


def test_figures__exports_what_grounding_uses():
    assert sorted(assistant.figures.__all__) == ["Figure", "figures", "held"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On Nov. 3, 2015, 36,000 (twelve percent) left",
            (date(year=2015, month=11, day=3), number(36000), number(12, percent=True)),
        ),
        ("The fund holds 3.5 billion", (number(3_500_000_000),)),
        ("three hundred and twenty five", (number(325),)),
        # A word that cannot continue the number starts another.
        ("twenty fifteen", (number(20), number(15))),
        ("a million", (number(10**6),)),
        # A number that reads as a year is one; a season is two numbers, not a date.
        ("the 2015-16 season", (number(2015, year=2015), number(16))),
        ("2022-11-21", (date(year=2022, month=11, day=21),)),
        ("4 March 2022", (date(year=2022, month=3, day=4),)),
        # Not figures: a month alone, ordinal words, "hundreds".
        ("in March, the third of hundreds", ()),
    ],
)
def test_figures__read_whole_by_value(text, expected):
    assert figures(text) == expected


def test_figures__a_lone_one_is_not_stated_as_a_figure():
    assert figures("No one came", stated=True) == ()
    assert figures("No one came") == (number(1),)


@pytest.mark.parametrize(
    ("figure", "among", "expected"),
    [
        ("March 4, 2022", "March 4; 2022-11-21", True),
        ("11", "March 4; 2022-11-21", False),
        ("March 21", "March 4; 2022-11-21", False),
        ("12", "twelve", True),
        ("12 million", "12,000 and twelve", False),
        ("20%", "20 points", False),
        ("2022", "2022-11-21", True),
        ("12,000", "12,031", False),
    ],
)
def test_held__compares_figures_by_value(figure, among, expected):
    (stated,) = figures(figure)
    assert held(stated, figures(among)) is expected
