"""Benchmark reporting: every figure in the table, goals judged per size, a well-formed chart."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from benchmarks.measure import percentile
from benchmarks.report import ROWS, goal_verdicts, render_chart, render_table

SMALL = {
    "articles": 5, "passages": 84, "encode_rate": 40.0, "index_rate": 36.0, "index_seconds": 2.3,
    "reindex_seconds": 0.05, "ask_p50_ms": 12.0, "ask_p95_ms": 20.0, "cold_seconds": 2.1,
    "peak_mb": 800.0, "cold_peak_mb": 300.0,
}  # fmt: skip
LARGE = dict(SMALL, articles=10000, passages=60000, index_rate=20.0, ask_p50_ms=180.0, cold_seconds=9.5)


def test_render_table__a_column_per_size_and_a_row_per_figure():
    table = render_table([SMALL, LARGE])
    lines = table.splitlines()
    assert lines[0] == "| | 5 articles | 10,000 articles |"
    assert len(lines) == 2 + len(ROWS)
    assert "| indexing ÷ raw encode | 0.90× | 0.50× |" in lines
    assert "| warm `ask` p50, ms | 12.0 | 180.0 |" in lines


def test_goal_verdicts__each_goal_judged_at_the_sizes_it_names():
    verdicts = goal_verdicts([SMALL, LARGE])
    assert "met: indexing ≥ 0.8× raw encode at 5 articles (0.90)" in verdicts
    assert "NOT MET: indexing ≥ 0.8× raw encode at 10,000 articles (0.50)" in verdicts
    assert "met: warm ask p50 < 50 ms (5 articles) at 5 articles (12.00)" in verdicts
    assert "NOT MET: warm ask p50 < 150 ms (10,000 articles) at 10,000 articles (180.00)" in verdicts
    assert "NOT MET: cold CLI answer < 8 s at 10,000 articles (9.50)" in verdicts
    assert not any("re-index" in line for line in verdicts)  # that goal is for 1,000 articles


def test_render_chart__is_svg_with_a_bar_per_size_in_each_panel():
    root = ET.fromstring(render_chart([SMALL, LARGE]))
    assert root.tag.endswith("svg")
    bars = [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.get("height") not in (None, "10")]
    assert len(bars) == 1 + 4 * 2  # the background, then 4 panels x 2 sizes


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [([1, 2, 3, 4], 50, 2.5), ([5], 95, 5), ([1, 2, 3, 4, 5], 0, 1), ([1, 2, 3, 4, 5], 100, 5), ([3, 1, 2], 50, 2)],
)
def test_percentile__interpolates_between_ranks(values, p, expected):
    assert percentile(values, p) == pytest.approx(expected)
