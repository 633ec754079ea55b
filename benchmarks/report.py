"""Report: benchmark figures as a Markdown table and an SVG chart.

One column per corpus size. The chart has one panel per goal (indexing
throughput against raw encoding, unchanged re-index, warm ask p50, cold CLI
answer), a bar per size and a red line at the goal.

This module only renders; it does not measure or write files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

__all__ = ["Row", "ROWS", "GOALS", "Goal", "render_table", "render_chart", "goal_verdicts"]

Figures = Mapping[str, float]


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    fmt: str


ROWS = (
    Row("articles", "articles", "{:,.0f}"),
    Row("passages", "passages (chunks)", "{:,.0f}"),
    Row("encode_rate", "raw `SentenceTransformer.encode`, chunks/s", "{:,.1f}"),
    Row("index_rate", "indexing, chunks/s", "{:,.1f}"),
    Row("index_ratio", "indexing ÷ raw encode", "{:.2f}×"),
    Row("index_cpu_ratio", "indexing ÷ raw encode, by CPU time", "{:.2f}×"),
    Row("index_seconds", "indexing, total s", "{:,.1f}"),
    Row("reindex_seconds", "re-index unchanged corpus, s", "{:.2f}"),
    Row("ask_p50_ms", "warm `ask` p50, ms", "{:.1f}"),
    Row("ask_p95_ms", "warm `ask` p95, ms", "{:.1f}"),
    Row("cold_seconds", "cold CLI answer (`python -m assistant ask`), s", "{:.2f}"),
    Row("peak_mb", "peak memory, index + ask process, MB", "{:,.0f}"),
    Row("cold_peak_mb", "peak memory, cold CLI answer, MB", "{:,.0f}"),
)


@dataclass(frozen=True)
class Goal:
    key: str
    label: str
    limit: float
    higher_is_better: bool = False
    min_articles: int = 0  # the goal holds from this corpus size...
    max_articles: int | None = None  # ...up to this one

    def applies(self, articles: float) -> bool:
        return articles >= self.min_articles and (self.max_articles is None or articles <= self.max_articles)

    def met(self, value: float) -> bool:
        return value >= self.limit if self.higher_is_better else value < self.limit


GOALS = (
    Goal("index_ratio", "indexing ≥ 0.8× raw encode", 0.8, higher_is_better=True),
    Goal(
        "reindex_seconds",
        "unchanged re-index < 2 s (1,000 articles)",
        2.0,
        min_articles=1000,
        max_articles=1000,
    ),
    Goal("ask_p50_ms", "warm ask p50 < 50 ms (5 articles)", 50.0, max_articles=5),
    Goal("ask_p50_ms", "warm ask p50 < 150 ms (10,000 articles)", 150.0, min_articles=6),
    Goal("cold_seconds", "cold CLI answer < 8 s", 8.0),
)


def with_ratio(figures: Figures) -> dict[str, float]:
    out = dict(figures)
    if figures.get("encode_rate"):
        out["index_ratio"] = figures["index_rate"] / figures["encode_rate"]
    return out


def render_table(results: Sequence[Figures]) -> str:
    """A Markdown table, one column per corpus size."""
    rows = [with_ratio(r) for r in results]
    header = "| | " + " | ".join(f"{r['articles']:,.0f} articles" for r in rows) + " |"
    lines = [header, "|---|" + "---:|" * len(rows)]
    for row in ROWS:
        cells = [row.fmt.format(r[row.key]) if row.key in r else "–" for r in rows]
        lines.append(f"| {row.label} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def goal_verdicts(results: Sequence[Figures]) -> list[str]:
    """One line per goal and size it applies to. Example: 'met: cold CLI answer < 8 s at 5 articles (3.9)'"""
    lines = []
    for goal in GOALS:
        for figures in map(with_ratio, results):
            if not goal.applies(figures["articles"]) or goal.key not in figures:
                continue
            verdict = "met" if goal.met(figures[goal.key]) else "NOT MET"
            lines.append(
                f"{verdict}: {goal.label} at {figures['articles']:,.0f} articles ({figures[goal.key]:.2f})"
            )
    return lines


# -- chart -------------------------------------------------------------------

PANEL_WIDTH = 230
PANEL_HEIGHT = 170
PLOT_TOP = 42
PLOT_HEIGHT = 100
BAR_COLOURS = ("#93c5fd", "#3b82f6", "#1e3a8a")
GOAL_COLOUR = "#dc2626"
CHART_PANELS = (
    ("index_ratio", "indexing ÷ raw encode (×)", 0.8),
    ("reindex_seconds", "re-index unchanged (s; goal at 1,000)", 2.0),
    ("ask_p50_ms", "warm ask p50 (ms; goal at 10,000)", 150.0),
    ("cold_seconds", "cold CLI answer (s)", 8.0),
)


def render_chart(results: Sequence[Figures]) -> str:
    """The SVG document: one panel per goal, a bar per corpus size, the goal as a red line."""
    rows = [with_ratio(r) for r in results]
    width = PANEL_WIDTH * len(CHART_PANELS)
    height = PANEL_HEIGHT + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="11">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
    ]
    for number, (key, title, goal) in enumerate(CHART_PANELS):
        parts.extend(_panel(number * PANEL_WIDTH, key, title, goal, rows))
    x = 10
    for index, figures in enumerate(rows):
        colour = BAR_COLOURS[index % len(BAR_COLOURS)]
        label = f"{figures['articles']:,.0f} articles"
        parts.append(f'<rect x="{x}" y="{PANEL_HEIGHT + 10}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 14}" y="{PANEL_HEIGHT + 19}">{escape(label)}</text>')
        x += 24 + 7 * len(label)
    parts.append(
        f'<line x1="{x}" y1="{PANEL_HEIGHT + 15}" x2="{x + 14}" y2="{PANEL_HEIGHT + 15}" '
        f'stroke="{GOAL_COLOUR}" stroke-width="2"/>'
    )
    parts.append(f'<text x="{x + 18}" y="{PANEL_HEIGHT + 19}">goal</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _panel(left: int, key: str, title: str, goal: float, rows: Sequence[Figures]) -> list[str]:
    values = [r.get(key) for r in rows]
    top = max([goal, *[v for v in values if v is not None]]) * 1.15
    bottom = PLOT_TOP + PLOT_HEIGHT
    parts = [
        f'<text x="{left + PANEL_WIDTH / 2}" y="20" text-anchor="middle" font-weight="bold">'
        f"{escape(title)}</text>",
        f'<line x1="{left + 20}" y1="{bottom}" x2="{left + PANEL_WIDTH - 20}" y2="{bottom}" '
        'stroke="#374151"/>',
    ]
    slot = (PANEL_WIDTH - 40) / max(1, len(values))
    for index, value in enumerate(values):
        x = left + 20 + index * slot + slot * 0.15
        if value is None:
            parts.append(f'<text x="{x:.1f}" y="{bottom - 4}" fill="#6b7280">n/a</text>')
            continue
        height = PLOT_HEIGHT * value / top
        colour = BAR_COLOURS[index % len(BAR_COLOURS)]
        parts.append(
            f'<rect x="{x:.1f}" y="{bottom - height:.1f}" width="{slot * 0.7:.1f}" '
            f'height="{height:.1f}" fill="{colour}"/>'
        )
        parts.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{bottom - height - 3:.1f}" text-anchor="middle" '
            f'font-size="10">{_short(value)}</text>'
        )
    goal_y = bottom - PLOT_HEIGHT * goal / top
    parts.append(
        f'<line x1="{left + 16}" y1="{goal_y:.1f}" x2="{left + PANEL_WIDTH - 16}" y2="{goal_y:.1f}" '
        f'stroke="{GOAL_COLOUR}" stroke-width="1.5" stroke-dasharray="4 2"/>'
    )
    return parts


def _short(value: float) -> str:
    """Example: 1234.5 -> '1,234'; 0.834 -> '0.83'"""
    return f"{value:,.0f}" if value >= 100 else f"{value:.2f}" if value < 10 else f"{value:.1f}"
