"""`python -m evals.confidence_fit`: fit the assistant's confidence on development runs.

    python -m evals --cases evals/dev.jsonl --no-peer --results-dir evals/results/dev
    python -m evals --set realnews --run dev --no-peer
    python -m evals.confidence_fit evals/results/dev/latest.json evals/results/realnews-dev/latest.json
    python -m evals.confidence_fit --reader llm evals/results/seeds-dev-llm/latest.json ...

Each run's `latest.json` holds one calibration row per case: the signals the
answer's confidence was read from (`assistant.confidence.Signals`) and whether
the case came out right. For each kind of answer (extractive or written,
answered or abstained) a logistic model is fitted to them, with a little L2
shrinkage so a kind with few cases stays near its base rate, and written to
`assistant/confidence.json` with the runs it was fitted on. With `--reader`,
only that reader's kinds are fitted, and the file's other models are kept.

Only development runs may be passed: the held-out sets (`evals/heldout.jsonl`,
the realnews held-out weeks and the CI slice cut from them) are what the fit is
checked on, so the command refuses them. A seed run is told by its case file's
path; a realnews run by the weeks its latest.json records (`corpus_weeks`,
`absent_weeks`), checked against `evals.realnews.realtimeqa.HELDOUT_WEEKS`, so a
held-out run prepared or written under another folder name is refused too.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from assistant.confidence import DEFAULT_MODEL, Calibrator, Signals
from evals.realnews.realtimeqa import HELDOUT_WEEKS

__all__ = ["fit_logistic", "rows_of", "held_out_reason", "main", "HELD_OUT_MARKERS"]

# L2 penalty on the weights (not the bias): with a few dozen cases of a kind the fit stays tame, while
# a feature that ranges over a few tenths may still earn a weight of ten.
SHRINKAGE = 0.05
MIN_CASES = 8  # fewer cases of a kind than this: no model, the fallback mapping stays
# Case files of the held-out sets: evals/heldout.jsonl, .realnews/heldout/ and the CI slice .realnews/ci/.
HELD_OUT_MARKERS = ("heldout", "/ci/")


def rows_of(result: dict) -> list[tuple[Signals, bool]]:
    """(signals, right) of every case of one run's latest.json that has signals."""
    out = []
    for row in (result.get("calibration") or {}).get("rows") or []:
        signals = ((row.get("answer") or {}).get("signals")) or None
        if signals is None:
            continue
        out.append((Signals(**signals), bool(row["right"])))
    return out


def held_out_reason(result: dict) -> str | None:
    """Why one run's latest.json is not a development run (and must not be fitted on), or None.

    Example: {'run': {'set': 'realnews', 'corpus_weeks': ['20250704'], 'absent_weeks': []}}
    -> 'it uses the held-out week 20250704'
    """
    run = result.get("run") or {}
    cases = str(run.get("cases", ""))
    if any(marker in cases for marker in HELD_OUT_MARKERS):
        return f"its cases are a held-out set ({cases})"
    if run.get("set") != "realnews" and "realnews_run" not in run and "corpus_weeks" not in run:
        return None
    weeks = [*(run.get("corpus_weeks") or ()), *(run.get("absent_weeks") or ())]
    if not weeks:
        return (
            "it is a realnews run that does not record its weeks, so they cannot be checked "
            "(rerun it: python -m evals --set realnews --run dev --no-peer)"
        )
    held = sorted(set(weeks) & set(HELDOUT_WEEKS))
    if held:
        shown = held[0] if len(held) == 1 else f"{held[0]} … {held[-1]} ({len(held)} weeks)"
        return f"it uses the held-out week{'s' if len(held) > 1 else ''} {shown}"
    return None


def fit_logistic(
    xs: Sequence[Sequence[float]],
    ys: Sequence[bool],
    *,
    shrinkage: float = SHRINKAGE,
    weights_of_cases: Sequence[float] | None = None,
) -> list[float]:
    """Weights w of P(right) = 1 / (1 + exp(-w·x)): scikit-learn's L2-penalised logistic regression.

    `x[0]` is the bias term (1.0): it is fitted as the intercept, which is not shrunk.
    Example: xs [[1, 0], [1, 1]] * many, ys False for 0 and True for 1 -> a positive second weight
    """
    from sklearn.linear_model import LogisticRegression

    features = [list(x[1:]) for x in xs]
    if len(set(ys)) < 2:  # one outcome only: the base rate, nothing to learn from the features
        rate = min(max(sum(ys) / len(ys), 1e-3), 1 - 1e-3)
        return [round(math.log(rate / (1 - rate)), 6)] + [0.0] * len(features[0])
    # scikit-learn's C is the inverse of the penalty on the summed (unweighted) log-loss.
    model = LogisticRegression(C=1.0 / shrinkage, max_iter=1000)
    model.fit(features, list(ys), sample_weight=list(weights_of_cases) if weights_of_cases else None)
    return [round(float(model.intercept_[0]), 6)] + [round(float(w), 6) for w in model.coef_[0]]


def fit(
    rows: Sequence[tuple[Signals, bool]], *, fitted_on: str, sources: Sequence[int] | None = None
) -> tuple[Calibrator, dict[str, int]]:
    """One model per kind of answer. `sources[i]` names the run row i came from: each run weighs
    the same in the fit, so a small hand-made set is not drowned by a large real one."""
    sources = list(sources) if sources is not None else [0] * len(rows)
    size = {src: sources.count(src) for src in set(sources)}
    by_kind: dict[str, list[tuple[Signals, bool, float]]] = defaultdict(list)
    for (signals, right), src in zip(rows, sources, strict=True):
        by_kind[signals.kind].append((signals, right, len(rows) / (len(size) * size[src])))
    weights = {}
    counts = {}
    for kind, items in sorted(by_kind.items()):
        counts[kind] = len(items)
        if len(items) < MIN_CASES:
            continue
        weights[kind] = fit_logistic(
            [s.vector() for s, _, _ in items],
            [r for _, r, _ in items],
            weights_of_cases=[c for _, _, c in items],
        )
    return Calibrator(weights, fitted_on=fitted_on), counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m evals.confidence_fit", description=__doc__.splitlines()[0]
    )
    parser.add_argument("results", nargs="+", type=Path, help="latest.json of development runs")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_MODEL, help="where the models go (default: %(default)s)"
    )
    parser.add_argument(
        "--reader",
        choices=("extractive", "llm"),
        help="fit only this reader's kinds of answer and keep the other models of --out as they are",
    )
    args = parser.parse_args(argv)
    rows: list[tuple[Signals, bool]] = []
    origins: list[int] = []
    sources = []
    for path in args.results:
        try:
            result = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            print(f"confidence_fit: cannot read {path}: {error}", file=sys.stderr)
            return 2
        reason = held_out_reason(result)
        if reason:
            print(
                f"confidence_fit: {path} is not a development run: {reason}. Fit on development runs only.",
                file=sys.stderr,
            )
            return 2
        found = [row for row in rows_of(result) if args.reader in (None, row[0].reader)]
        if not found:
            print(
                f"confidence_fit: {path} holds no case{_of(args.reader)} with signals: rerun its eval first.",
                file=sys.stderr,
            )
            return 2
        rows += found
        origins += [len(sources)] * len(found)
        sources.append(f"{(result.get('run') or {}).get('cases', path)} ({len(found)} cases)")
    calibrator, counts = fit(rows, fitted_on="; ".join(sources), sources=origins)
    if args.reader:
        calibrator = _kept_beside(calibrator, Calibrator.load(args.out), reader=args.reader)
    calibrator.save(args.out)
    for kind, count in counts.items():
        state = "fitted" if kind in calibrator.weights else f"too few (< {MIN_CASES}), fallback kept"
        print(f"{kind}: {count} cases, {state}")
    print(f"Wrote {args.out}")
    return 0


def _of(reader: str | None) -> str:
    return f" answered by the {reader} reader" if reader else ""


def _kept_beside(fitted: Calibrator, existing: Calibrator, *, reader: str) -> Calibrator:
    """The models just fitted for `reader`, with the other readers' models of `existing` unchanged."""
    mine = f"{reader}/"
    weights = {k: w for k, w in existing.weights.items() if not k.startswith(mine)} | fitted.weights
    parts = [p for p in existing.fitted_on.split(" | ") if p and not p.startswith(mine)]
    return Calibrator(weights, fitted_on=" | ".join([*parts, f"{mine}*: {fitted.fitted_on}"]))


if __name__ == "__main__":
    sys.exit(main())
