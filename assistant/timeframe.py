"""Timeframes: the stretch of time a question names, and whether an article is of it.

"What happened this week?", "... last month", "... in 2024", "... in March
2024", "... since 2015", "recently": a question that names a time prefers
articles dated in it, read from their dates. Relative phrases are read against
the day the question is asked (`today`, the `asked_on` of `Assistant.ask`),
which the caller passes: the web app and the command line pass the current
date, an eval of last year's news quiz passes the quiz's date.

A year or a month after a word of time names a period (`asked_period`):

    in / during / throughout / of 2015     2015-01-01 ... 2015-12-31
    since 2015                             2015-01-01 ... today (the named year included)
    after 2019                             2020-01-01 ... today (the named year left out)
    before 2020                            no start ... 2019-12-31 (the named year left out)
    until / till / through 2018            no start ... 2018-12-31 (the named year included)

and "March 2024" in place of "2015" reads the same way by month. A period
reaching back without bound starts on `EARLIEST`. "since" or "after" a time
that has not come yet by `today` names nothing (None).

A news page may be dated a day or two off the events it reports, so each
period is widened by `SLACK_DAYS`. An undated article is neither in nor out.

This module reads dates; it does not score anything (see `api.py`, which
prefers articles of the period only when `any_dated_in` finds one among the
passages retrieved).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Period", "asked_period", "article_period", "any_dated_in", "EARLIEST", "SLACK_DAYS"]

SLACK_DAYS = 2
# How far back "recently", "latest" and "new" reach, in days.
RECENT_DAYS = 30
# The start of a period open towards the past ("before 2020", "until 2018").
EARLIEST = date.min

_MONTHS = {name: n for n, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES = "|".join(_MONTHS)
_YEAR = r"(?:19|20)\d\d"
# The words before a year or a month, and how each turns the named stretch into the period asked.
_WITHIN = ("in", "during", "throughout", "of")
_FROM = ("since",)
_AFTER = ("after",)
_BEFORE = ("before",)
# Not "up to": "up to 2000 people" is a number, far more often than a time.
_UNTIL = ("until", "till", "through")
_WORDS = "|".join(_WITHIN + _FROM + _AFTER + _BEFORE + _UNTIL)
# Relative phrases, with how many days back each reaches from `today`.
_RELATIVE = (
    (re.compile(r"\b(?:today|tonight|yesterday)\b", re.I), 2),
    (re.compile(r"\bthis (?:week|weekend)\b|\bpast (?:few days|week)\b", re.I), 7),
    (re.compile(r"\blast (?:week|weekend)\b", re.I), 14),
    (re.compile(r"\bthis month\b|\bpast month\b", re.I), 31),
    (re.compile(r"\blast month\b", re.I), 62),
    (re.compile(r"\b(?:recent|recently|latest|newly)\b", re.I), RECENT_DAYS),
)
_THIS_YEAR = re.compile(r"\bthis year\b", re.I)
_LAST_YEAR = re.compile(r"\blast year\b", re.I)
_IN_MONTH = re.compile(rf"\b({_WORDS})\s+({_MONTH_NAMES})\s+({_YEAR})\b", re.I)
# Not "in 2015-16" (a season) nor "in 2015–2019" (a range): those name something else.
_IN_YEAR = re.compile(rf"\b({_WORDS})\s+({_YEAR})\b(?!\s*[-–]\w)", re.I)


@dataclass(frozen=True)
class Period:
    """Days from `start` to `end`, both included; `start` is `EARLIEST` for "before 2020"."""

    start: date
    end: date

    def holds(self, other: Period) -> bool:
        """The two periods overlap once this one is widened by SLACK_DAYS."""
        # Differences of dates, not dates moved by the slack: EARLIEST - 2 days does not exist.
        return (other.start - self.end).days <= SLACK_DAYS and (self.start - other.end).days <= SLACK_DAYS


def asked_period(question: str, *, today: date) -> Period | None:
    """The period the question names, or None.

    Example: ('Who won this week?', today=2025-01-10) -> Period(2025-01-03, 2025-01-10);
    ('What changed in March 2024?', ...) -> Period(2024-03-01, 2024-03-31);
    ('Who has led it since 2015?', today=2025-01-10) -> Period(2015-01-01, 2025-01-10)
    """
    month = _IN_MONTH.search(question)
    if month:
        at, number = int(month.group(3)), _MONTHS[month.group(2).capitalize()]
        named = Period(date(at, number, 1), date(at, number, calendar.monthrange(at, number)[1]))
        return _relative_to(named, month.group(1), today=today)
    year = _IN_YEAR.search(question)
    if year:
        at = int(year.group(2))
        return _relative_to(Period(date(at, 1, 1), date(at, 12, 31)), year.group(1), today=today)
    if _THIS_YEAR.search(question):
        return Period(date(today.year, 1, 1), today)
    if _LAST_YEAR.search(question):
        return Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
    for pattern, days in _RELATIVE:
        if pattern.search(question):
            return Period(today - timedelta(days=days), today)
    return None


def article_period(when: str | None) -> Period | None:
    """The days an article's date may stand for. Example: '2015-11' -> Period(2015-11-01, 2015-11-30)"""
    if not when:
        return None
    match = re.match(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", when)
    if not match:
        return None
    year = int(match.group(1))
    try:
        if match.group(3):
            day = date(year, int(match.group(2)), int(match.group(3)))
            return Period(day, day)
        if match.group(2):
            number = int(match.group(2))
            return Period(date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1]))
        return Period(date(year, 1, 1), date(year, 12, 31))
    except ValueError:
        return None


def any_dated_in(period: Period, dates: Iterable[str | None]) -> bool:
    """Whether at least one of the article dates falls in the period (with its slack).

    A question's time is a preference among the articles retrieved: when none of them
    is of it, preferring it would only favour the undated ones over the rest.
    Example: (Period(2025-01-03, 2025-01-10), ['2024-06-01', None, '2025-01-09']) -> True
    """
    return any(dated is not None and period.holds(dated) for dated in map(article_period, dates))


def _relative_to(named: Period, word: str, *, today: date) -> Period | None:
    """The period a word of time makes of the year or month it names (see the module docstring).

    Example: (Period(2019-01-01, 2019-12-31), 'after', today=2025-01-10) -> Period(2020-01-01, 2025-01-10)
    """
    word = word.lower()
    if word in _FROM:
        start = named.start
    elif word in _AFTER:
        start = named.end + timedelta(days=1)
    elif word in _BEFORE:
        return Period(EARLIEST, named.start - timedelta(days=1))
    elif word in _UNTIL:
        return Period(EARLIEST, named.end)
    else:
        return named
    # "since 2030" asked in 2025 names no time up to now.
    return Period(start, today) if start <= today else None
