"""The time a question names, read against the day it is asked, and the days an article's date covers."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.timeframe import Period, article_period, asked_period

TODAY = date(2025, 1, 10)


@pytest.mark.parametrize(
    ("question", "period"),
    [
        ("Which comet visited this week?", Period(date(2025, 1, 3), TODAY)),
        ("What did the team do last weekend?", Period(date(2024, 12, 27), TODAY)),
        ("Who resigned yesterday?", Period(date(2025, 1, 8), TODAY)),
        ("What happened this month?", Period(date(2024, 12, 10), TODAY)),
        ("What did the mayor say recently?", Period(date(2024, 12, 11), TODAY)),
        ("How many were deported this year?", Period(date(2025, 1, 1), TODAY)),
        ("Who won last year?", Period(date(2024, 1, 1), date(2024, 12, 31))),
        ("What changed in 2015?", Period(date(2015, 1, 1), date(2015, 12, 31))),
        ("What changed in March 2024?", Period(date(2024, 3, 1), date(2024, 3, 31))),
        # A year that names an event, not a time to search in.
        ("Who will host the 2025 Emmy Awards?", None),
        ("How many organizations signed the letter?", None),
    ],
)
def test_asked_period(question, period):
    assert asked_period(question, today=TODAY) == period


@pytest.mark.parametrize(
    ("when", "period"),
    [
        ("2022-02-09", Period(date(2022, 2, 9), date(2022, 2, 9))),
        ("2015-11", Period(date(2015, 11, 1), date(2015, 11, 30))),
        ("2019", Period(date(2019, 1, 1), date(2019, 12, 31))),
        (None, None),
        ("2015-13", None),
        ("soon", None),
    ],
)
def test_article_period(when, period):
    assert article_period(when) == period


def test_period_holds__with_two_days_of_slack():
    week = Period(date(2025, 1, 3), TODAY)
    assert week.holds(Period(date(2025, 1, 12), date(2025, 1, 12)))
    assert not week.holds(Period(date(2025, 1, 13), date(2025, 1, 13)))
    assert not week.holds(Period(date(2024, 12, 1), date(2024, 12, 31)))
