"""Calibration: choosing the abstention threshold from labelled questions.

    python -m evals.calibration [--cases evals/cases.jsonl]

Asks every case at a range of thresholds and prints, for each, how often the
assistant answers the answerable cases and abstains on the unanswerable ones
(the balanced accuracy of the answer/abstain decision), then the best value.
The threshold in `assistant/abstention.py` is the one this prints for the
eval set; the held-out set checks it on questions it was not chosen on.

It judges only the decision to answer, not whether the answer is right: that
is what `python -m evals` scores.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from assistant import Answer, Assistant
from evals.cases import load_cases

__all__ = ["main", "sweep"]

EVALS_DIR = Path(__file__).resolve().parent
GRID = [round(0.20 + 0.01 * i, 2) for i in range(41)]


def sweep(bot: Assistant, cases: Sequence, grid: Sequence[float] = GRID) -> list[tuple[float, float]]:
    """(threshold, balanced accuracy) for each threshold of `grid`."""
    rows = []
    for threshold in grid:
        bot.answerer.threshold = threshold
        answered_right = abstained_right = answerable = unanswerable = 0
        for case in cases:
            history: list[Answer] = []
            for turn in case.turns:
                history.append(bot.ask(turn, history=history))
            if case.answerable:
                answerable += 1
                answered_right += not history[-1].abstained
            else:
                unanswerable += 1
                abstained_right += history[-1].abstained
        balanced = (answered_right / max(answerable, 1) + abstained_right / max(unanswerable, 1)) / 2
        rows.append((threshold, balanced))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.calibration")
    parser.add_argument("--cases", type=Path, default=EVALS_DIR / "cases.jsonl")
    parser.add_argument("--corpus", type=Path, default=EVALS_DIR.parent / "corpus")
    parser.add_argument("--index-dir", type=Path, default=EVALS_DIR.parent / ".eval-index")
    args = parser.parse_args(argv)
    bot = Assistant.from_corpus(args.corpus, index_dir=args.index_dir)
    rows = sweep(bot, load_cases(args.cases))
    for threshold, balanced in rows:
        print(f"threshold {threshold:.2f}  balanced accuracy {balanced:.3f}")
    best = max(rows, key=lambda r: (r[1], r[0]))  # ties: the more cautious threshold
    print(f"best threshold: {best[0]:.2f} (balanced accuracy {best[1]:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
