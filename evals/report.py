"""Report: presenting an evaluation run as a console table, JSON and Markdown.

`format_table` is what `python -m evals` prints; `write_results` writes
`latest.json` (every metric, every case with its details), `REPORT.md` and
`chart.svg` into a results folder. The content is the same in each form.

Each metric with a threshold shows its floor, its target (if any) and where it
stands: "ok", "below target" (informational) or "FAIL" (breaks the floor).

This module does not run or score anything.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evals.chart import render_chart
from evals.runner import EvalRun
from evals.scoring import METRICS, Metric
from evals.thresholds import FAIL, Threshold

__all__ = ["RunInfo", "format_value", "format_table", "to_json", "to_markdown", "write_results"]

JSON_NAME = "latest.json"
MARKDOWN_NAME = "REPORT.md"
CHART_NAME = "chart.svg"


@dataclass(frozen=True)
class RunInfo:
    """Where a run's inputs came from, for the record."""

    cases_path: str
    corpus_path: str
    started_at: str  # ISO 8601, UTC
    peer_description: str = ""
    setup_seconds: float = 0.0


def format_value(metric: Metric, value: float | None) -> str:
    """Example: (latency metric, 12.34) -> '12 ms'; (fraction metric, 0.9) -> '0.900'"""
    if value is None:
        return "n/a"
    return f"{value:.0f} ms" if metric.unit == "ms" else f"{value:.3f}"


def format_table(run: EvalRun) -> str:
    """The console table, then failing cases and the verdict."""
    bounds = {t.metric: t for t in run.thresholds}
    header = ("Metric", "Ours", run.peer.name if run.peer else "Peer", "Floor", "Target", "Status")
    rows = [header]
    for metric in METRICS:
        threshold = bounds.get(metric.name)
        ours = run.ours.values.get(metric.name)
        rows.append(
            (
                _label(metric, run.k),
                format_value(metric, ours),
                format_value(metric, run.peer.values.get(metric.name)) if run.peer else "-",
                threshold.describe() if threshold else "",
                threshold.describe_target() if threshold else "",
                threshold.standing(ours) if threshold else "",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append("")
    lines.extend(_summary_lines(run))
    return "\n".join(lines)


def to_json(run: EvalRun, info: RunInfo) -> dict[str, Any]:
    """Everything about the run, JSON-ready."""
    return {
        "verdict": "pass" if run.passed else "fail",
        "run": {
            "cases": info.cases_path,
            "corpus": info.corpus_path,
            "started_at": info.started_at,
            "k": run.k,
            "case_count": len(run.ours.scores),
            "setup_seconds": round(info.setup_seconds, 1),
            "ours_seconds": round(run.ours.seconds, 1),
            "peer_seconds": round(run.peer.seconds, 1) if run.peer else None,
            "peer": info.peer_description or None,
        },
        "metrics": {
            "ours": run.ours.values,
            "peer": run.peer.values if run.peer else None,
        },
        "thresholds": {t.metric: _threshold_json(t, run.ours.values.get(t.metric)) for t in run.thresholds},
        "breaches": [str(b) for b in run.breaches],
        "below_target": [str(s) for s in run.shortfalls],
        "regressions": list(run.regressions),
        "problems": list(run.problems),
        "cases": [score.to_dict() for score in run.ours.scores],
        "peer_cases": [score.to_dict() for score in run.peer.scores] if run.peer else None,
    }


def to_markdown(run: EvalRun, info: RunInfo, *, chart_name: str = CHART_NAME) -> str:
    """The Markdown report, linking the chart by relative path."""
    bounds = {t.metric: t for t in run.thresholds}
    peer_name = run.peer.name if run.peer else "Peer"
    lines = [
        "# Evaluation report",
        "",
        f"**Verdict: {'PASS' if run.passed else 'FAIL'}** — {len(run.ours.scores)} cases from "
        f"`{info.cases_path}`, corpus `{info.corpus_path}`, run {info.started_at}.",
        "",
    ]
    if info.peer_description:
        lines += [f"Peer baseline: {info.peer_description}", ""]
    lines += [
        f"![Metrics, ours against the peer]({chart_name})",
        "",
        f"| Metric | Ours | {peer_name} | Floor | Target | Status |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for metric in METRICS:
        threshold = bounds.get(metric.name)
        ours = run.ours.values.get(metric.name)
        peer = format_value(metric, run.peer.values.get(metric.name)) if run.peer else "–"
        floor = threshold.describe() if threshold else ""
        target = threshold.describe_target() if threshold else ""
        status = threshold.standing(ours) if threshold else ""
        status = f"**{status}**" if status == FAIL else status
        lines.append(
            f"| {_label(metric, run.k)} | {format_value(metric, ours)} | {peer} | {floor} | {target} "
            f"| {status} |"
        )
    lines += ["", "## Timing", ""]
    lines.append(f"- Setup (index and models): {info.setup_seconds:.1f} s")
    lines.append(f"- Ours, all cases: {run.ours.seconds:.1f} s")
    if run.peer:
        lines.append(f"- {peer_name}, all cases: {run.peer.seconds:.1f} s")
    lines += ["", "## Failing cases (ours)", ""]
    failures = run.ours.failures
    if not failures:
        lines.append("None.")
    for score in failures:
        lines.append(f"- `{score.case.id}` ({score.case.kind}): {_md_escape('; '.join(score.reasons))}")
        lines.append(f"  - Q: {_md_escape(score.case.question)}")
        lines.append(f"  - A: {_md_escape(_short(score.observation.text))}")
    lines += ["", "## Verdict", ""]
    lines += [f"- {line}" for line in _summary_lines(run)]
    lines.append("")
    return "\n".join(lines)


def write_results(run: EvalRun, info: RunInfo, folder: Path | str) -> dict[str, Path]:
    """Write the JSON result, the Markdown report and the chart; return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"json": folder / JSON_NAME, "markdown": folder / MARKDOWN_NAME, "chart": folder / CHART_NAME}
    paths["json"].write_text(
        json.dumps(to_json(run, info), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    paths["markdown"].write_text(to_markdown(run, info), encoding="utf-8")
    chart = render_chart(
        METRICS,
        run.ours.values,
        run.peer.values if run.peer else None,
        run.thresholds,
        peer_label=run.peer.name if run.peer else "peer",
        k=run.k,
    )
    paths["chart"].write_text(chart, encoding="utf-8")
    return paths


def _threshold_json(threshold: Threshold, value: float | None) -> dict[str, Any]:
    """Example: ≥ 0.8 with target 0.9 at 0.85 ->
    {'min': 0.8, 'target': 0.9, 'floor_met': True, 'target_met': False, 'status': 'below target'}
    ('target' and 'target_met' are None when the metric has no target.)
    """
    return {
        threshold.bound: threshold.limit,
        "target": threshold.target,
        "floor_met": threshold.allows(value),
        "target_met": threshold.reaches_target(value),
        "status": threshold.standing(value),
    }


def _label(metric: Metric, k: int) -> str:
    return metric.label.replace("@k", f"@{k}")


def _summary_lines(run: EvalRun) -> list[str]:
    lines = []
    passed = sum(s.passed for s in run.ours.scores)
    lines.append(f"Cases passed (ours): {passed}/{len(run.ours.scores)}")
    failures = run.ours.failures
    if failures:
        lines.append("Failing cases: " + ", ".join(s.case.id for s in failures))
    for problem in run.problems:
        lines.append(f"Gold set problem: {problem}")
    for breach in run.breaches:
        lines.append(f"Below floor: {breach}")
    # Informational only: a shortfall never changes the verdict.
    for shortfall in run.shortfalls:
        lines.append(f"Below target: {shortfall}")
    if run.regressions:
        lines.append("Regressions (passed in the baseline, fail now): " + ", ".join(run.regressions))
    lines.append("Verdict: PASS" if run.passed else "Verdict: FAIL")
    return lines


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
