"""Pace: how far an indexing run has come, how fast it goes and how long it has left.

An indexing `Progress` callback hears `(articles_done, articles_to_do)`; a
`Stopwatch` turns those calls into `Pace` values, timed from the first call,
which the terminal and the web page show in the same words:

    stopwatch = Stopwatch()
    stopwatch(0, 5300).describe()     # '0 of 5,300 articles'
    stopwatch(120, 5300).describe()   # '120 of 5,300 articles, 2.0 articles/s, about 43 min left'

The rate is the average since the start, so the time left is an estimate that
settles as articles are done; none is given before the first are.
`ProgressLine` writes it on one terminal line, over and over; the web page
renders its own.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

__all__ = ["Pace", "ProgressLine", "Stopwatch", "duration"]
# A line is padded to this width: a shorter one must cover the longer one it is written over.
LINE_WIDTH = 78


@dataclass(frozen=True)
class Pace:
    """`done` of `total` articles indexed in `seconds`."""

    done: int
    total: int
    seconds: float

    @property
    def rate(self) -> float | None:
        """Articles per second so far; None until one is done."""
        return self.done / self.seconds if self.done and self.seconds > 0 else None

    @property
    def seconds_left(self) -> float | None:
        rate = self.rate
        return (self.total - self.done) / rate if rate else None

    def describe(self) -> str:
        """Example: Pace(120, 5300, 60.0) -> '120 of 5,300 articles, 2.0 articles/s, about 43 min left'"""
        text = f"{self.done:,} of {self.total:,} articles"
        rate, left = self.rate, self.seconds_left
        if rate is None or left is None:
            return text
        text += f", {rate:.1f} articles/s" if rate < 10 else f", {rate:,.0f} articles/s"
        return text + (f", about {duration(left)} left" if self.done < self.total else "")


class Stopwatch:
    """Turns progress(done, total) calls into `Pace` values, timed from the first call."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._started: float | None = None

    def __call__(self, done: int, total: int) -> Pace:
        now = self._clock()
        if self._started is None:
            self._started = now
        return Pace(done=done, total=total, seconds=now - self._started)


class ProgressLine:
    """A progress callback that writes 'Indexing: 120 of 5,300 articles, 2.0 articles/s, about 43 min
    left' over itself on `stream` (default stderr), ending the line when all are done.

    Runs of fewer than `least` articles are not shown.
    """

    def __init__(self, label: str, *, least: int = 0, stream: TextIO | None = None) -> None:
        self.label = label
        self.least = least
        self.stream = stream
        self._stopwatch = Stopwatch()

    def __call__(self, done: int, total: int) -> None:
        if total < self.least:
            return
        stream = self.stream or sys.stderr
        line = f"{self.label}: {self._stopwatch(done, total).describe()}"
        end = "\n" if done >= total else ""
        stream.write(f"\r{line:<{LINE_WIDTH}}{end}")
        stream.flush()


def duration(seconds: float) -> str:
    """A rough duration in words.

    Example: 8 -> '8 s'; 170 -> '3 min'; 5000 -> '1 h 23 min'
    """
    if seconds < 60:
        return f"{max(1, round(seconds))} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min"
