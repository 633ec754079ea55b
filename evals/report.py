"""Report: presenting an evaluation run as a console table, JSON and Markdown.

`format_table` is what `python -m evals` prints; `write_results` writes
`latest.json` (every metric, every case with its details), `REPORT.md` and
`chart.svg` into a results folder; `publish` does both, as every set's run
ends. The content is the same in each form.

Each metric with a threshold shows its floor, its target (if any) and where it
stands: "ok", "below target" (informational) or "FAIL" (breaks the floor).
Under the metrics comes our reliability table (`evals.reliability`): ten bins
of confidence, how many cases fell in each and how often they were right. The
JSON also keeps one calibration row per case (confidence, right, abstained,
reader, a few features and the answer as the system returned it), so that a
calibrator can be fitted from a development run's `latest.json`.

This module does not run or score anything.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evals import console
from evals.chart import render_chart
from evals.reliability import ReliabilityBin, expected_calibration_error, reliability_table
from evals.runner import EvalRun
from evals.scoring import Metric, calibration_pairs
from evals.thresholds import FAIL, Threshold

__all__ = [
    "RunInfo",
    "format_value",
    "format_table",
    "format_reliability",
    "reliability_markdown",
    "calibration_rows",
    "to_json",
    "to_markdown",
    "write_results",
    "publish",
]

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
    reader: str = "extractive reader"
    title: str = "Evaluation report"
    # Lines shown under the table and in the report (the realnews weeks, the margin over the peer).
    notes: tuple[str, ...] = ()
    # Finer timings than setup_seconds, e.g. {"index (ours)": 312.4, "peer index": 95.0}.
    timings: Mapping[str, float] = field(default_factory=dict)
    # Anything else about the run to keep in latest.json under "run" (weeks, case counts, ...).
    extra: Mapping[str, Any] = field(default_factory=dict)


def format_value(metric: Metric, value: float | None) -> str:
    """Example: (latency metric, 12.34) -> '12 ms'; (fraction metric, 0.9) -> '0.900'"""
    if value is None:
        return "n/a"
    return f"{value:.0f} ms" if metric.unit == "ms" else f"{value:.3f}"


def format_table(run: EvalRun, *, notes: Sequence[str] = ()) -> str:
    """The console table, our reliability table, `notes`, then failing cases and the verdict."""
    bounds = {t.metric: t for t in run.thresholds}
    header = ("Metric", "Ours", run.peer.name if run.peer else "Peer", "Floor", "Target", "Status")
    rows = [header]
    for metric in run.metrics:
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
    lines.extend(format_reliability(_reliability(run)))
    lines.append("")
    if notes:
        lines.extend([*notes, ""])
    lines.extend(_summary_lines(run))
    return "\n".join(lines)


def format_reliability(table: Sequence[ReliabilityBin], *, title: str = "Reliability (ours)") -> list[str]:
    """The reliability table as console lines, then the ECE.

    Example: one case right at confidence 0.95 -> the row '0.9–1.0         1       0.950        1.000  0.050'
    """
    header = ("Confidence", "Cases", "Mean conf.", "Share right", "Gap")
    rows = [header] + [
        (
            f"{b.low:.1f}–{b.high:.1f}",
            str(b.count),
            _fraction(b.mean_confidence),
            _fraction(b.share_right),
            _fraction(b.gap),
        )
        for b in table
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return [f"{title}: right = CRAG outcome correct", *lines, _ece_line(table)]


def reliability_markdown(table: Sequence[ReliabilityBin]) -> list[str]:
    """The reliability table as Markdown lines, then the ECE."""
    lines = ["| Confidence | Cases | Mean confidence | Share right | Gap |", "|---|---:|---:|---:|---:|"]
    for b in table:
        lines.append(
            f"| {b.low:.1f}–{b.high:.1f} | {b.count} | {_fraction(b.mean_confidence)} "
            f"| {_fraction(b.share_right)} | {_fraction(b.gap)} |"
        )
    return [*lines, "", _ece_line(table)]


def calibration_rows(scores: Sequence[Any]) -> list[dict[str, Any]]:
    """One row per case for fitting a calibrator: confidence, right, features and the answer.

    `features` are what is known when the answer is given (never the gold), so a
    calibrator fitted on them can run in the assistant.
    Example: {'id': 'single-1', 'confidence': 0.9, 'right': True, 'abstained': False,
              'reader': 'extractive', 'features': {'citations': 1, ...}, 'answer': {...}}
    """
    rows = []
    for score in scores:
        seen = score.observation
        rows.append(
            {
                "id": score.case.id,
                "confidence": score.confidence,
                "right": score.right,
                "abstained": seen.abstained,
                "reader": score.reader,
                "outcome": score.outcome,
                "features": {
                    "citations": len(seen.citations),
                    "cited_articles": len({c.article_id for c in seen.citations}),
                    "quote_chars": sum(len(c.quote) for c in seen.citations),
                    "answer_chars": len(seen.text),
                    "turns": len(seen.latencies),
                    "latency_ms": round(sum(seen.latencies) * 1000, 1),
                    "error": seen.error is not None,
                },
                "answer": score.answer_record,
            }
        )
    return rows


def to_json(run: EvalRun, info: RunInfo) -> dict[str, Any]:
    """Everything about the run, JSON-ready."""
    return {
        "verdict": "pass" if run.passed else "fail",
        "run": {
            "cases": info.cases_path,
            "corpus": info.corpus_path,
            "reader": info.reader,
            "started_at": info.started_at,
            "k": run.k,
            "case_count": len(run.ours.scores),
            "setup_seconds": round(info.setup_seconds, 1),
            "ours_seconds": round(run.ours.seconds, 1),
            "peer_seconds": round(run.peer.seconds, 1) if run.peer else None,
            "peer": info.peer_description or None,
            "timings": {name: round(seconds, 1) for name, seconds in info.timings.items()},
            "notes": list(info.notes),
            **dict(info.extra),
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
        "calibration": _calibration_json(run),
        "cases": [score.to_dict() for score in run.ours.scores],
        "peer_cases": [score.to_dict() for score in run.peer.scores] if run.peer else None,
    }


def to_markdown(run: EvalRun, info: RunInfo, *, chart_name: str = CHART_NAME) -> str:
    """The Markdown report, linking the chart by relative path."""
    bounds = {t.metric: t for t in run.thresholds}
    peer_name = run.peer.name if run.peer else "Peer"
    lines = [
        f"# {info.title}",
        "",
        f"**Verdict: {'PASS' if run.passed else 'FAIL'}** — {len(run.ours.scores)} cases from "
        f"`{info.cases_path}`, corpus `{info.corpus_path}`, {info.reader}, run {info.started_at}.",
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
    for metric in run.metrics:
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
    if info.notes:
        lines += ["", *[f"- {_md_escape(note)}" for note in info.notes]]
    lines += ["", "## Calibration (ours)", ""]
    lines.append("Right = the CRAG outcome is correct; confidence is the answer's `confidence`.")
    lines += ["", *reliability_markdown(_reliability(run))]
    lines += ["", "## Timing", ""]
    lines.append(f"- Setup (index and models): {info.setup_seconds:.1f} s")
    for name, seconds in info.timings.items():
        lines.append(f"- {name}: {seconds:.1f} s")
    lines.append(f"- Ours, all cases: {run.ours.seconds:.1f} s")
    if run.peer:
        lines.append(f"- {peer_name}, all cases: {run.peer.seconds:.1f} s")
    lines += ["", "## Failing cases (ours)", ""]
    failures = run.ours.failures
    if not failures:
        lines.append("None.")
    for score in failures:
        kind = getattr(score, "kind", None) or score.case.kind
        lines.append(f"- `{score.case.id}` ({kind}): {_md_escape('; '.join(score.reasons))}")
        lines.append(f"  - Q: {_md_escape(score.case.question)}")
        gold = getattr(score.case, "gold", None)
        if gold:
            lines.append(f"  - Gold: {_md_escape(gold)}")
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
        run.metrics,
        run.ours.values,
        run.peer.values if run.peer else None,
        run.thresholds,
        peer_label=run.peer.name if run.peer else "peer",
        k=run.k,
    )
    paths["chart"].write_text(chart, encoding="utf-8")
    return paths


def publish(run: EvalRun, info: RunInfo, folder: Path | str) -> None:
    """Write the results into `folder`, then print the table and the files written."""
    paths = write_results(run, info, folder)
    print(format_table(run, notes=info.notes))
    print("\n" + console.wrote(paths[kind] for kind in ("json", "markdown", "chart")))


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


def _reliability(run: EvalRun) -> tuple[ReliabilityBin, ...]:
    return reliability_table(calibration_pairs(run.ours.scores))


def _calibration_json(run: EvalRun) -> dict[str, Any]:
    table = _reliability(run)
    return {
        "right_means": "the CRAG outcome is correct",
        "expected_calibration_error": expected_calibration_error(table),
        "bins": [b.to_dict() for b in table],
        "rows": calibration_rows(run.ours.scores),
    }


def _ece_line(table: Sequence[ReliabilityBin]) -> str:
    ece = expected_calibration_error(table)
    cases = sum(b.count for b in table)
    if ece is None:
        return "ECE: n/a (no case has a confidence)"
    return f"ECE: {ece:.3f} over {cases} case(s) with a confidence"


def _fraction(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


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
