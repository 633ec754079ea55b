"""Indexing pace: articles done, the rate and the time left, in the words the terminal and the page show."""

from __future__ import annotations

import io

import pytest

from index.pace import Pace, ProgressLine, Stopwatch, duration


@pytest.mark.parametrize(
    ("pace", "words"),
    [
        (Pace(0, 5300, 0.0), "0 of 5,300 articles"),
        (Pace(120, 5300, 60.0), "120 of 5,300 articles, 2.0 articles/s, about 43 min left"),
        (Pace(10, 40, 4.0), "10 of 40 articles, 2.5 articles/s, about 12 s left"),
        (Pace(40, 40, 4.0), "40 of 40 articles, 10 articles/s"),
        (Pace(3, 8000, 0.5), "3 of 8,000 articles, 6.0 articles/s, about 22 min left"),
        (Pace(1000, 5300, 600.0), "1,000 of 5,300 articles, 1.7 articles/s, about 43 min left"),
        (Pace(5, 10, 0.0), "5 of 10 articles"),  # no time has passed: no rate yet
    ],
)
def test_describe__done_rate_and_time_left(pace, words):
    assert pace.describe() == words


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(0.2, "1 s"), (8, "8 s"), (59, "59 s"), (170, "3 min"), (3599, "1 h 0 min"), (5000, "1 h 23 min")],
)
def test_duration__rough_words(seconds, words):
    assert duration(seconds) == words


def test_stopwatch__times_from_the_first_call():
    ticks = iter([100.0, 104.0, 110.0])
    stopwatch = Stopwatch(clock=lambda: next(ticks))
    assert stopwatch(0, 30) == Pace(0, 30, 0.0)
    assert stopwatch(10, 30) == Pace(10, 30, 4.0)
    later = stopwatch(20, 30)
    assert later.rate == pytest.approx(2.0) and later.seconds_left == pytest.approx(5.0)


def test_progress_line__writes_over_itself_and_ends_the_line_when_all_are_done():
    stream = io.StringIO()
    line = ProgressLine("Indexing", stream=stream)
    line(0, 2)
    line(2, 2)
    first, last = stream.getvalue().split("\r")[1:]
    assert first == f"{'Indexing: 0 of 2 articles':<78}"
    assert last.startswith("Indexing: 2 of 2 articles") and last.endswith("\n") and len(last) >= 79


def test_progress_line__leaves_out_runs_shorter_than_least():
    stream = io.StringIO()
    ProgressLine("indexing", least=2, stream=stream)(1, 1)
    assert stream.getvalue() == ""
