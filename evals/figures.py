"""Figures: every set's results side by side, as the Markdown of SUMMARY.md and of the docs.

    render_summary({"seeds-main": {"extractive": result, "llm": None}, ...})   # the whole Markdown
    replace_between_markers(text, block)     # the text with `block` between the summary markers

Per set: the case count (and for realnews the weeks, marked development or
held-out), the metrics of each reader beside the peer's with the floors and
targets, and each reader's reliability table. The block for the docs
(`for_docs`) has no top heading and the reliability tables of the held-out
sets only. This module renders text; it reads and writes no files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from evals.realnews.realtimeqa import DEV_WEEKS, HELDOUT_WEEKS
from evals.report import format_value, reliability_markdown
from evals.results import READERS, SETS, EvalSet, SetResult
from evals.scoring import Metric

__all__ = ["START_MARKER", "END_MARKER", "render_summary", "replace_between_markers"]

START_MARKER = "<!-- evals-summary:start -->"
END_MARKER = "<!-- evals-summary:end -->"


def render_summary(
    results: Mapping[str, Mapping[str, SetResult | None]],
    *,
    sets: Sequence[EvalSet] = SETS,
    for_docs: bool = False,
    generated_at: str = "",
) -> str:
    """The Markdown summary; `results` maps set name -> reader -> result (None: not run).

    With `for_docs`, no top heading, and reliability tables for the held-out sets only
    (every set's are in SUMMARY.md).
    """
    lines: list[str] = []
    if not for_docs:
        lines += ["# Evaluation summary", ""]
    lines += [
        f"Made by `python -m evals.summary`{f' on {generated_at}' if generated_at else ''}. Each set is "
        "scored with the extractive reader, the LLM reader (where its results exist, on a sample) and "
        "the LlamaIndex peer (dense retrieval, its top-2 chunks as the answer). RealTimeQA weeks: "
        f"development {DEV_WEEKS[0]} … {DEV_WEEKS[-1]} (tuning allowed), held-out {HELDOUT_WEEKS[0]} … "
        f"{HELDOUT_WEEKS[-1]} (report only, never tuned on).",
        "",
        "| Set | Cases | Weeks | Extractive | LLM |",
        "|---|---|---|---|---|",
    ]
    for spec in sets:
        found = results.get(spec.name, {})
        first = found.get("extractive") or found.get("llm")
        lines.append(
            f"| {spec.label} | {_cases(first, found.get('llm'))} | {_weeks(first)} "
            f"| {_verdict(found.get('extractive'))} | {_verdict(found.get('llm'))} |"
        )
    for spec in sets:
        found = results.get(spec.name, {})
        lines += ["", f"## {spec.label}", ""]
        if not any(found.get(reader) for reader in READERS):
            lines.append(f"Not run yet: `python -m evals {' '.join(spec.flags)}`.")
            continue
        lines += _metric_table(spec.metrics, found)
        # The docs show the reliability tables of the held-out sets only: what the fit is checked on.
        if not for_docs or spec.held_out:
            for reader in READERS:
                result = found.get(reader)
                if result is None or not result.bins:
                    continue
                lines += [
                    "",
                    f"Reliability, {_reader_label(reader, result)} (right = CRAG outcome correct):",
                    "",
                ]
                lines += reliability_markdown(result.bins)
    lines.append("")
    return "\n".join(lines)


def replace_between_markers(text: str, block: str) -> str | None:
    """`text` with everything between the summary markers replaced by `block`; None without both.

    Example: 'a\\n<!-- evals-summary:start -->\\nold\\n<!-- evals-summary:end -->\\nb', 'new'
             -> 'a\\n<!-- evals-summary:start -->\\nnew\\n<!-- evals-summary:end -->\\nb'
    """
    start = text.find(START_MARKER)
    end = text.find(END_MARKER, start + len(START_MARKER)) if start >= 0 else -1
    if start < 0 or end < 0:
        return None
    head = text[: start + len(START_MARKER)]
    return f"{head}\n{block.strip()}\n{text[end:]}"


def _metric_table(metrics: Sequence[Metric], found: Mapping[str, SetResult | None]) -> list[str]:
    extractive, llm = found.get("extractive"), found.get("llm")
    peer = next((r.peer for r in (extractive, llm) if r is not None and r.peer), None)
    with_llm = llm is not None
    header = "| Metric | Extractive |" + (" LLM |" if with_llm else "") + " Peer | Floor | Target |"
    lines = [header, "|---|---:|" + ("---:|" if with_llm else "") + "---:|---:|---:|"]
    bounds = next((r.thresholds for r in (extractive, llm) if r is not None and r.thresholds), {})
    k = next((r.run.get("k") for r in (extractive, llm) if r is not None), None)
    for metric in metrics:
        label = metric.label.replace("@k", f"@{k}") if k else metric.label
        cells = [label, _value(metric, extractive.ours if extractive else None)]
        if with_llm:
            cells.append(_value(metric, llm.ours))
        cells.append(_value(metric, peer))
        cells += _bounds(bounds.get(metric.name))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _value(metric: Metric, values: Mapping[str, float | None] | None) -> str:
    if values is None or metric.name not in values:
        return "–"
    return format_value(metric, values[metric.name])


def _bounds(threshold: Mapping[str, Any] | None) -> list[str]:
    if not threshold:
        return ["", ""]
    sign, limit = ("≥", threshold["min"]) if "min" in threshold else ("≤", threshold["max"])
    target = threshold.get("target")
    return [f"{sign} {limit:.2f}", "" if target is None else f"{sign} {target:.2f}"]


def _cases(result: SetResult | None, llm: SetResult | None) -> str:
    if result is None:
        return "–"
    shown = str(result.case_count)
    if "answerable_cases" in result.run:
        shown += f" ({result.run['answerable_cases']} answerable, {result.run['absent_cases']} absent-answer)"
    if llm is not None and llm is not result:
        shown += f"; LLM: {llm.case_count}"
    return shown


def _weeks(result: SetResult | None) -> str:
    if result is None or "corpus_weeks" not in result.run:
        return "–"
    corpus, absent = result.run["corpus_weeks"], result.run["absent_weeks"]
    return f"corpus {_span(corpus)}, absent-answer {_span(absent)}; {_split(corpus + absent)}"


def _split(weeks: Sequence[str]) -> str:
    """Example: ['20250103', '20250704'] -> 'development and held-out weeks'"""
    kinds = [
        name
        for name, split in (("development", DEV_WEEKS), ("held-out", HELDOUT_WEEKS))
        if set(weeks) & set(split)
    ]
    return (" and ".join(kinds) or "other") + " weeks"


def _span(weeks: Sequence[str]) -> str:
    if not weeks:
        return "none"
    return weeks[0] if len(weeks) == 1 else f"{weeks[0]} … {weeks[-1]} ({len(weeks)})"


def _verdict(result: SetResult | None) -> str:
    if result is None:
        return "not run"
    return f"{result.verdict.upper()} ({result.started_at[:10]})"


def _reader_label(reader: str, result: SetResult) -> str:
    return result.reader if reader == "llm" else "extractive reader"
