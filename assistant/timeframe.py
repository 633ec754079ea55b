"""Timeframes: the stretch of time a question names, and whether an article is of it.

"What happened this week?", "... last month", "... in 2024", "... in March
2024", "recently": a question that names a time prefers articles dated in it,
read from their dates. Relative phrases are read against the day the question
is asked (`today`), which the caller passes: the web app and the command line
pass the current date, an eval of last year's news quiz passes the quiz's date.

A news page may be dated a day or two off the events it reports, so each
period is widened by `SLACK_DAYS`. An undated article is neither in nor out.

This module reads dates; it does not score anything (see `api.py`).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Period", "asked_period", "article_period", "SLACK_DAYS"]

SLACK_DAYS = 2
# How far back "recently", "latest" and "new" reach, in days.
RECENT_DAYS = 30

_MONTHS = {name: n for n, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES = "|".join(_MONTHS)
_YEAR = r"(?:19|20)\d\d"
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
_IN_MONTH = re.compile(rf"\b(?:in|during|since|of)\s+({_MONTH_NAMES})\s+({_YEAR})\b", re.I)
_IN_YEAR = re.compile(rf"\b(?:in|during|throughout|since)\s+({_YEAR})\b(?!\s*[-–]\w)", re.I)


@dataclass(frozen=True)
class Period:
    """Days from `start` to `end`, both included."""

    start: date
    end: date

    def holds(self, other: Period) -> bool:
        """The two periods overlap once this one is widened by SLACK_DAYS."""
        slack = timedelta(days=SLACK_DAYS)
        return other.start <= self.end + slack and other.end >= self.start - slack


def asked_period(question: str, *, today: date) -> Period | None:
    """The period the question names, or None.

    Example: ('Who won this week?', today=2025-01-10) -> Period(2025-01-03, 2025-01-10);
    ('What changed in March 2024?', ...) -> Period(2024-03-01, 2024-03-31)
    """
    month = _IN_MONTH.search(question)
    if month:
        at, number = int(month.group(2)), _MONTHS[month.group(1).capitalize()]
        return Period(date(at, number, 1), date(at, number, calendar.monthrange(at, number)[1]))
    named = _IN_YEAR.search(question)
    if named:
        return Period(date(int(named.group(1)), 1, 1), date(int(named.group(1)), 12, 31))
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
