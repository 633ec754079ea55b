"""Report: benchmark figures as Markdown tables and SVG charts.

One column per corpus, headed by its label ('1,000 real articles') or its
size. The goals depend on the corpus source: `GOALS` for the synthetic
corpora, `REAL_GOALS` for the RealTimeQA articles (and the 10,000 made of
them and synthetic ones). The chart has one panel per goal, a bar per corpus
and a red line at the goal. The LLM reader's figures (`benchmarks.llm_reader`)
get a table per question and one of p50 / p95.

This module only renders; it does not measure or write files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

__all__ = [
    "Row",
    "ROWS",
    "Goal",
    "GOALS",
    "REAL_GOALS",
    "CHART_PANELS",
    "REAL_CHART_PANELS",
    "column_label",
    "render_table",
    "render_chart",
    "goal_verdicts",
    "scale_note",
    "LLM_ROWS",
    "LLM_SUMMARY_ROWS",
    "render_llm_questions",
    "render_llm_summary",
    "render_llm_chart",
]

# A corpus's figures: numbers, and the strings 'label' and 'source' ('synthetic', 'real', 'mixed').
Figures = Mapping[str, Any]
SYNTHETIC = frozenset({"synthetic"})
REAL = frozenset({"real", "mixed"})
# The goals named at 10,000 real articles: the year holds fewer, so they are judged on all of them.
FULL_SCALE_ARTICLES = 10_000


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    fmt: str


ROWS = (
    Row("articles", "articles", "{:,.0f}"),
    Row("passages", "passages (chunks)", "{:,.0f}"),
    Row("characters", "characters", "{:,.0f}"),
    Row("chars_per_article", "characters per article, median", "{:,.0f}"),
    Row("passages_per_article", "passages per article, mean", "{:.1f}"),
    Row("chunk_seconds", "chunking alone (`SentenceSplitter`), s", "{:,.1f}"),
    Row("raw_encode_pieces", "raw encode: the text in ~1,000-character pieces", "{:,.0f}"),
    Row("raw_encode_timed", "raw encode: pieces timed (all, or an even sample)", "{:,.0f}"),
    Row("raw_encode_seconds", "raw `SentenceTransformer.encode` fp32, batch 32, s", "{:,.1f}"),
    Row("index_seconds", "indexing, total s", "{:,.1f}"),
    Row("build_ratio", "indexing ÷ raw encode, time", "{:.2f}×"),
    Row("build_cpu_ratio", "indexing ÷ raw encode, CPU time", "{:.2f}×"),
    Row("index_rate", "indexing, chunks/s", "{:,.1f}"),
    Row("index_article_rate", "indexing, articles/s", "{:,.1f}"),
    Row("reindex_seconds", "re-index unchanged corpus, s", "{:.2f}"),
    Row("changed_seconds", "re-index after one changed article, s", "{:.2f}"),
    Row("ask_p50_ms", "warm `ask` p50, ms", "{:.1f}"),
    Row("ask_p95_ms", "warm `ask` p95, ms", "{:.1f}"),
    Row("cold_seconds", "cold CLI answer (`python -m assistant ask`) p50, s", "{:.2f}"),
    Row("cold_p95_seconds", "cold CLI answer p95, s", "{:.2f}"),
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
    sources: frozenset[str] = SYNTHETIC
    # Judged at 10,000 articles or, there being fewer real ones, on a corpus of every real article.
    full_scale: bool = False
    inclusive: bool = False  # the limit itself meets the goal

    def applies(self, figures: Figures) -> bool:
        if figures.get("source", "synthetic") not in self.sources or self.key not in figures:
            return False
        articles = figures["articles"]
        if self.full_scale:
            return articles >= FULL_SCALE_ARTICLES or bool(figures.get("all_real"))
        return articles >= self.min_articles and (self.max_articles is None or articles <= self.max_articles)

    def met(self, value: float) -> bool:
        if self.inclusive and value == self.limit:
            return True
        return value >= self.limit if self.higher_is_better else value < self.limit


GOALS = (
    Goal("build_ratio", "indexing ≤ 0.6× raw encode time", 0.6, inclusive=True),
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
REAL_GOALS = (
    Goal("build_ratio", "indexing ≤ 0.6× raw encode time", 0.6, inclusive=True, sources=REAL),
    Goal(
        "reindex_seconds",
        "unchanged re-index < 5 s (set at 10,000 real articles)",
        5.0,
        sources=REAL,
        full_scale=True,
    ),
    Goal(
        "ask_p50_ms",
        "warm ask p50 < 150 ms (set at 10,000 real articles)",
        150.0,
        sources=REAL,
        full_scale=True,
    ),
    Goal("cold_seconds", "cold CLI answer < 8 s", 8.0, sources=REAL),
)


def with_derived(figures: Figures) -> dict[str, Any]:
    """The figures and those computed from them: the build ratio, per-article figures."""
    out = dict(figures)
    if figures.get("raw_encode_seconds") and "index_seconds" in figures:
        out["build_ratio"] = figures["index_seconds"] / figures["raw_encode_seconds"]
    if figures.get("articles") and "passages" in figures:
        out["passages_per_article"] = figures["passages"] / figures["articles"]
    if figures.get("index_seconds") and "articles" in figures:
        out["index_article_rate"] = figures["articles"] / figures["index_seconds"]
    return out


def column_label(figures: Figures) -> str:
    """Example: {'articles': 1000} -> '1,000 articles'; a 'label' given is used as it is."""
    return str(figures.get("label") or f"{figures['articles']:,.0f} articles")


def render_table(results: Sequence[Figures]) -> str:
    """A Markdown table, one column per corpus."""
    rows = [with_derived(r) for r in results]
    header = "| | " + " | ".join(column_label(r) for r in rows) + " |"
    lines = [header, "|---|" + "---:|" * len(rows)]
    for row in ROWS:
        cells = [row.fmt.format(r[row.key]) if row.key in r else "–" for r in rows]
        lines.append(f"| {row.label} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def goal_verdicts(results: Sequence[Figures]) -> list[str]:
    """One line per goal and corpus it applies to, with the figure measured.

    Example: 'met: cold CLI answer < 8 s at 5 articles (3.90)'
    """
    lines = []
    for goal in GOALS + REAL_GOALS:
        for figures in map(with_derived, results):
            if not goal.applies(figures):
                continue
            verdict = "met" if goal.met(figures[goal.key]) else "NOT MET"
            lines.append(f"{verdict}: {goal.label} at {column_label(figures)} ({figures[goal.key]:.2f})")
    return lines


def scale_note(results: Sequence[Figures]) -> str | None:
    """What the goals set at 10,000 real articles were judged on, when the year holds fewer.

    Example: 'RealTimeQA 2025 holds 5,343 distinct articles, not 10,000: the goals set at 10,000
    real articles are judged on all 5,343 real articles.'
    """
    judged = [
        f
        for f in results
        if f.get("source") in REAL and (f.get("all_real") or f["articles"] >= FULL_SCALE_ARTICLES)
    ]
    available = next((f.get("real_available") for f in results if f.get("real_available")), None)
    if not judged or available is None or available >= FULL_SCALE_ARTICLES:
        return None
    names = " and on ".join(column_label(f) for f in judged)
    return (
        f"RealTimeQA 2025 holds {available:,.0f} distinct articles, not {FULL_SCALE_ARTICLES:,}: "
        f"the goals set at {FULL_SCALE_ARTICLES:,} real articles are judged on {names}."
    )


# -- chart -------------------------------------------------------------------

PANEL_WIDTH = 230
PANEL_HEIGHT = 170
PLOT_TOP = 42
PLOT_HEIGHT = 100
BAR_COLOURS = ("#93c5fd", "#3b82f6", "#1e3a8a")
GOAL_COLOUR = "#dc2626"
Panel = tuple[str, str, float | None]  # figure, title, goal (None: no goal line)
CHART_PANELS: tuple[Panel, ...] = (
    ("build_ratio", "indexing ÷ raw encode, time (×)", 0.6),
    ("reindex_seconds", "re-index unchanged (s; goal at 1,000)", 2.0),
    ("ask_p50_ms", "warm ask p50 (ms; goal at 10,000)", 150.0),
    ("cold_seconds", "cold CLI answer (s)", 8.0),
)
REAL_CHART_PANELS: tuple[Panel, ...] = (
    ("build_ratio", "indexing ÷ raw encode, time (×)", 0.6),
    ("reindex_seconds", "re-index unchanged (s; goal: all)", 5.0),
    ("ask_p50_ms", "warm ask p50 (ms; goal: all)", 150.0),
    ("passages_per_article", "passages per article", None),
)


def render_chart(results: Sequence[Figures], *, panels: Sequence[Panel] = CHART_PANELS) -> str:
    """The SVG document: one panel per figure, a bar per corpus, the goal as a red line."""
    rows = [with_derived(r) for r in results]
    width = PANEL_WIDTH * len(panels)
    height = PANEL_HEIGHT + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="11">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
    ]
    for number, (key, title, goal) in enumerate(panels):
        parts.extend(_panel(number * PANEL_WIDTH, key, title, goal, rows))
    x = 10
    for index, figures in enumerate(rows):
        colour = BAR_COLOURS[index % len(BAR_COLOURS)]
        label = column_label(figures)
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


def _panel(left: int, key: str, title: str, goal: float | None, rows: Sequence[Figures]) -> list[str]:
    values = [r.get(key) for r in rows]
    top = max([goal or 0.0, *[v for v in values if v is not None]]) * 1.15 or 1.0
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
    if goal is not None:
        goal_y = bottom - PLOT_HEIGHT * goal / top
        parts.append(
            f'<line x1="{left + 16}" y1="{goal_y:.1f}" x2="{left + PANEL_WIDTH - 16}" y2="{goal_y:.1f}" '
            f'stroke="{GOAL_COLOUR}" stroke-width="1.5" stroke-dasharray="4 2"/>'
        )
    return parts


def _short(value: float) -> str:
    """Example: 1234.5 -> '1,234'; 0.834 -> '0.83'"""
    return f"{value:,.0f}" if value >= 100 else f"{value:.2f}" if value < 10 else f"{value:.1f}"


# -- the LLM reader ------------------------------------------------------------

LLM_ROWS = (
    Row("answer_seconds", "answer (whole `ask`), s", "{:.1f}"),
    Row("first_token_seconds", "first token, s", "{:.1f}"),
    Row("prompt_tokens", "prompt tokens", "{:,.0f}"),
    Row("completion_tokens", "completion tokens", "{:,.0f}"),
    Row("stream_tokens_per_second", "tokens/s, streamed (after the first)", "{:.1f}"),
    Row("repeat_seconds", "repeat call (not streamed), s", "{:.1f}"),
    Row("repeat_tokens_per_second", "tokens/s, repeat call (completion ÷ its s)", "{:.1f}"),
)
LLM_SUMMARY_ROWS = (
    *LLM_ROWS[:2],
    Row("first_piece_seconds", "first text shown (from `ask`), s", "{:.1f}"),
    Row("rest_seconds", "`ask` outside the model call (retrieval, checks), s", "{:.2f}"),
    *LLM_ROWS[2:],
)
LLM_BAR_HEIGHT = 18
LLM_CHART_WIDTH = 760
LLM_LABEL_WIDTH = 300


def render_llm_questions(questions: Sequence[Figures]) -> str:
    """A Markdown table, one line per question: the figures of `LLM_ROWS`, then what came of it."""
    header = "| # | question | " + " | ".join(row.label for row in LLM_ROWS) + " | outcome |"
    lines = [header, "|---:|---|" + "---:|" * len(LLM_ROWS) + "---|"]
    for number, figures in enumerate(questions, start=1):
        cells = [_cell(row, figures) for row in LLM_ROWS]
        question = str(figures["question"]).replace("|", "\\|")
        lines.append(f"| {number} | {question} | " + " | ".join(cells) + f" | {figures.get('outcome', '')} |")
    return "\n".join(lines) + "\n"


def render_llm_summary(summary: Mapping[str, Mapping[str, float]], *, count: int) -> str:
    """p50 and p95 of each figure over `count` questions; `summary` maps a figure to its percentiles."""
    lines = [f"| over {count} questions | p50 | p95 |", "|---|---:|---:|"]
    for row in LLM_SUMMARY_ROWS:
        if row.key in summary:
            p50, p95 = (row.fmt.format(summary[row.key][p]) for p in ("p50", "p95"))
            lines.append(f"| {row.label} | {p50} | {p95} |")
    return "\n".join(lines) + "\n"


def render_llm_chart(questions: Sequence[Figures]) -> str:
    """The SVG document: a bar per question, to the first token in dark, the rest of the answer light."""
    longest = max([float(q.get("answer_seconds") or 0.0) for q in questions] + [1.0])
    scale = (LLM_CHART_WIDTH - LLM_LABEL_WIDTH - 60) / longest
    height = 40 + LLM_BAR_HEIGHT * 1.5 * len(questions) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{LLM_CHART_WIDTH}" height="{height:.0f}" '
        f'viewBox="0 0 {LLM_CHART_WIDTH} {height:.0f}" '
        'font-family="Helvetica, Arial, sans-serif" font-size="11">',
        f'<rect width="{LLM_CHART_WIDTH}" height="{height:.0f}" fill="white"/>',
        f'<text x="{LLM_CHART_WIDTH / 2}" y="20" text-anchor="middle" font-weight="bold">'
        "LLM reader: seconds per answer (dark: to the first token)</text>",
    ]
    for index, figures in enumerate(questions):
        y = 36 + index * LLM_BAR_HEIGHT * 1.5
        question = str(figures["question"])
        short = question if len(question) <= 48 else question[:47] + "…"
        parts.append(f'<text x="{LLM_LABEL_WIDTH - 6}" y="{y + 13}" text-anchor="end">{escape(short)}</text>')
        total = float(figures.get("answer_seconds") or 0.0)
        first = min(float(figures.get("first_token_seconds") or 0.0), total)
        parts.append(
            f'<rect x="{LLM_LABEL_WIDTH}" y="{y}" width="{total * scale:.1f}" height="{LLM_BAR_HEIGHT}" '
            f'fill="{BAR_COLOURS[0]}"/>'
        )
        parts.append(
            f'<rect x="{LLM_LABEL_WIDTH}" y="{y}" width="{first * scale:.1f}" height="{LLM_BAR_HEIGHT}" '
            f'fill="{BAR_COLOURS[2]}"/>'
        )
        parts.append(f'<text x="{LLM_LABEL_WIDTH + total * scale + 4:.1f}" y="{y + 13}">{total:.1f} s</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _cell(row: Row, figures: Figures) -> str:
    value = figures.get(row.key)
    return "–" if value is None else row.fmt.format(value)
