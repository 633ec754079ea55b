"""The time a question names, read against the day it is asked, and the days an article's date covers."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.timeframe import EARLIEST, Period, any_dated_in, article_period, asked_period

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
        # "since", "after": from the named time (included, or not) up to the day it is asked.
        ("How many have been deported since 2015?", Period(date(2015, 1, 1), TODAY)),
        ("What has the council done since March 2024?", Period(date(2024, 3, 1), TODAY)),
        ("What did the mayor change after 2019?", Period(date(2020, 1, 1), TODAY)),
        ("What did the mayor change after March 2024?", Period(date(2024, 4, 1), TODAY)),
        # "before", "until": from no start up to the named time (left out, or included).
        ("Who owned the team before 2020?", Period(EARLIEST, date(2019, 12, 31))),
        ("Who owned the team before March 2024?", Period(EARLIEST, date(2024, 2, 29))),
        ("Who led the agency until 2018?", Period(EARLIEST, date(2018, 12, 31))),
        ("Who led the agency through 2018?", Period(EARLIEST, date(2018, 12, 31))),
        # A time that has not come yet by the day asked names no period.
        ("What has changed since 2026?", None),
        ("What happened after 2025?", None),
        # "up to 2000" is a number of people, not a time.
        ("Were up to 2000 people evacuated?", None),
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


def test_period_holds__a_period_without_start_reaches_back_to_any_date():
    before = Period(EARLIEST, date(2019, 12, 31))
    assert before.holds(Period(date(1990, 5, 1), date(1990, 5, 1)))
    assert before.holds(Period(date(2020, 1, 2), date(2020, 1, 2)))  # within the slack
    assert not before.holds(Period(date(2020, 1, 3), date(2020, 1, 3)))


@pytest.mark.parametrize(
    ("dates", "found"),
    [
        (["2024-06-01", None, "2025-01-09"], True),
        (["2025-01", "soon"], True),  # a month that overlaps the week
        (["2024-06-01", "2024-12-01"], False),
        ([None, "soon"], False),  # undated articles are neither in nor out
        ([], False),
    ],
)
def test_any_dated_in__whether_a_retrieved_article_is_of_the_period(dates, found):
    assert any_dated_in(Period(date(2025, 1, 3), TODAY), dates) is found
