"""Chart: a small hand-written SVG bar chart of our metrics against the peer's.

One row per metric on a 0–1 scale, a bar for each system, a red tick at the
metric's floor (or ceiling) and, when it has one, a dashed green tick at its
target. Values below 0 (a CRAG-style score can be
negative) are drawn as empty bars but labelled with their true value.

This module only renders; it does not compute metrics or write files. Times
(latency) have no common scale with fractions and are left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape

from evals.scoring import Metric
from evals.thresholds import Threshold

__all__ = ["render_chart"]

OURS_COLOUR = "#2563eb"
PEER_COLOUR = "#9ca3af"
FLOOR_COLOUR = "#dc2626"
TARGET_COLOUR = "#16a34a"
LABEL_WIDTH = 250
BAR_WIDTH = 380
BAR_HEIGHT = 11
ROW_HEIGHT = 34
TOP = 44
RIGHT_MARGIN = 60


def render_chart(
    metrics: Sequence[Metric],
    ours: Mapping[str, float | None],
    peer: Mapping[str, float | None] | None,
    thresholds: Sequence[Threshold] = (),
    *,
    peer_label: str = "peer",
    k: int | None = None,
) -> str:
    """The SVG document as a string. Only fraction metrics (no unit) are drawn."""
    rows = [metric for metric in metrics if not metric.unit]
    bounds = {t.metric: t for t in thresholds}
    width = LABEL_WIDTH + BAR_WIDTH + RIGHT_MARGIN
    height = TOP + ROW_HEIGHT * len(rows) + 28
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        *_legend(peer is not None, peer_label, with_target=any(t.target is not None for t in thresholds)),
    ]
    for row, metric in enumerate(rows):
        y = TOP + row * ROW_HEIGHT
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT + 4}" text-anchor="end">'
            f"{escape(_label(metric, k))}</text>"
        )
        parts.extend(_bar(ours.get(metric.name), y, OURS_COLOUR))
        if peer is not None:
            parts.extend(_bar(peer.get(metric.name), y + BAR_HEIGHT + 2, PEER_COLOUR))
        if metric.name in bounds:
            threshold = bounds[metric.name]
            parts.append(_tick(threshold.limit, threshold.describe(), y, FLOOR_COLOUR))
            if threshold.target is not None:
                target = f"target {threshold.describe_target()}"
                parts.append(_tick(threshold.target, target, y, TARGET_COLOUR, dashed=True))
    axis_y = TOP + ROW_HEIGHT * len(rows)
    parts.append(
        f'<line x1="{LABEL_WIDTH}" y1="{TOP - 6}" x2="{LABEL_WIDTH}" y2="{axis_y}" stroke="#374151"/>'
    )
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = LABEL_WIDTH + tick * BAR_WIDTH
        parts.append(f'<line x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{axis_y + 4}" stroke="#374151"/>')
        parts.append(
            f'<text x="{x:.1f}" y="{axis_y + 16}" text-anchor="middle" fill="#374151">{tick:g}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _label(metric: Metric, k: int | None) -> str:
    label = metric.label.replace("@k", f"@{k}") if k is not None else metric.label
    return label if metric.higher_is_better else f"{label} ↓"


def _legend(with_peer: bool, peer_label: str, *, with_target: bool = False) -> list[str]:
    items = [("ours", OURS_COLOUR)] + ([(peer_label, PEER_COLOUR)] if with_peer else [])
    parts = []
    x = LABEL_WIDTH
    for label, colour in items:
        parts.append(f'<rect x="{x}" y="12" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 16}" y="22">{escape(label)}</text>')
        x += 24 + 7 * len(label)
    parts.append(f'<line x1="{x}" y1="10" x2="{x}" y2="26" stroke="{FLOOR_COLOUR}" stroke-width="2"/>')
    parts.append(f'<text x="{x + 6}" y="22">floor / ceiling</text>')
    if with_target:
        x += 24 + 7 * len("floor / ceiling")
        parts.append(
            f'<line x1="{x}" y1="10" x2="{x}" y2="26" stroke="{TARGET_COLOUR}" stroke-width="2" '
            'stroke-dasharray="3 2"/>'
        )
        parts.append(f'<text x="{x + 6}" y="22">target</text>')
    return parts


def _bar(value: float | None, y: int, colour: str) -> list[str]:
    if value is None:
        return [f'<text x="{LABEL_WIDTH + 4}" y="{y + BAR_HEIGHT - 1}" fill="#6b7280">n/a</text>']
    length = max(0.0, min(1.0, value)) * BAR_WIDTH
    label_x = LABEL_WIDTH + length + 4
    return [
        f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}" fill="{colour}"/>',
        f'<text x="{label_x:.1f}" y="{y + BAR_HEIGHT - 1}" font-size="10">{value:.2f}</text>',
    ]


def _tick(value: float, title: str, y: int, colour: str, *, dashed: bool = False) -> str:
    x = LABEL_WIDTH + max(0.0, min(1.0, value)) * BAR_WIDTH
    dash = ' stroke-dasharray="3 2"' if dashed else ""
    return (
        f'<line x1="{x:.1f}" y1="{y - 3}" x2="{x:.1f}" y2="{y + 2 * BAR_HEIGHT + 5}" '
        f'stroke="{colour}" stroke-width="2"{dash}><title>{escape(title)}</title></line>'
    )
