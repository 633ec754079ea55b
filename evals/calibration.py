"""Calibration: choosing the abstention threshold on development questions.

    python -m evals.calibration                          # the seeds' development cases
    python -m evals.calibration --set realnews --run dev # RealTimeQA development weeks

Asks every case once with no threshold, notes the score of the weakest evidence
sentence each answer quotes, then scores each threshold of a grid as if the
assistant had abstained below it: the balanced accuracy of the answer-or-abstain
decision (answerable cases answered, absent-answer cases abstained) and the
share of answerable cases answered right (seeds: every key fact in the answer;
realnews: the gold's words). It prints one row per threshold and the best. The
threshold in `assistant/abstention.py` is to be chosen this way; the held-out
sets check it.

Held-out sets are refused: a threshold chosen on them would say nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant import Assistant
from evals.realnews.cases import load_cases as load_open_cases
from evals.realnews.runner import question_day
from evals.realnews.scoring import holds_gold
from evals.seeds.cases import load_cases

__all__ = ["Asked", "main", "sweep"]

EVALS_DIR = Path(__file__).resolve().parent
GRID = [round(0.20 + 0.01 * i, 2) for i in range(41)]


@dataclass(frozen=True)
class Asked:
    """One case asked with no threshold: what a threshold decides on, and whether the answer was right."""

    answerable: bool
    cited: float  # score of the weakest cited evidence sentence; 0 for an abstention
    right: bool  # the answer holds what the case asks for (realnews: the gold's words)


def sweep(asked: Sequence[Asked], grid: Sequence[float] = GRID) -> list[tuple[float, float, float]]:
    """(threshold, balanced accuracy, share of answerable cases answered right) at each threshold.

    Example: [Asked(True, 0.6, True), Asked(False, 0.2, False)] at 0.3 -> (0.3, 1.0, 1.0)
    """
    answerable = [a for a in asked if a.answerable]
    absent = [a for a in asked if not a.answerable]
    rows = []
    for threshold in grid:
        answered = sum(1 for a in answerable if a.cited >= threshold and a.cited > 0)
        abstained = sum(1 for a in absent if a.cited < threshold or a.cited == 0)
        right = sum(1 for a in answerable if a.cited >= threshold and a.cited > 0 and a.right)
        balanced = (answered / max(len(answerable), 1) + abstained / max(len(absent), 1)) / 2
        rows.append((threshold, round(balanced, 4), round(right / max(len(answerable), 1), 4)))
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.calibration")
    parser.add_argument("--set", choices=("seeds", "realnews"), default="seeds", dest="kind")
    parser.add_argument("--run", default="dev", help="realnews: the prepared run (default dev)")
    parser.add_argument("--cases", type=Path, default=EVALS_DIR / "dev.jsonl", help="seeds: the case file")
    parser.add_argument("--corpus", type=Path, default=EVALS_DIR.parent / "corpus")
    parser.add_argument("--index-dir", type=Path, default=EVALS_DIR.parent / ".eval-index")
    parser.add_argument("--cache-dir", type=Path, default=EVALS_DIR.parent / ".realnews")
    args = parser.parse_args(argv)
    if "heldout" in str(args.cases) or args.run in ("heldout", "ci"):
        print("Choose the threshold on development data only: held-out sets are for reporting.",
              file=sys.stderr)
        return 2
    asked = _realnews(args.cache_dir / args.run) if args.kind == "realnews" else _seeds(args)
    rows = sweep(asked)
    for threshold, balanced, right in rows:
        print(f"threshold {threshold:.2f}  balanced accuracy {balanced:.3f}  answered right {right:.3f}")
    best = max(rows, key=lambda r: (r[1], r[0]))  # ties: the more cautious threshold
    print(f"best threshold: {best[0]:.2f} (balanced accuracy {best[1]:.3f})")
    return 0


def _seeds(args: argparse.Namespace) -> list[Asked]:
    bot = Assistant.from_corpus(args.corpus, index_dir=args.index_dir)
    bot.answerer.threshold = 0.0
    out = []
    for case in load_cases(args.cases):
        history = []
        for turn in case.turns:
            history.append(bot.ask(turn, history=history))
        answer = history[-1]
        said = " ".join([answer.text, *(c.quote for c in answer.citations)]).lower()
        right = not answer.abstained and all(f.lower() in said for f in case.key_facts)
        out.append(Asked(case.answerable, _cited(bot, answer.abstained), right))
    return out


def _realnews(folder: Path) -> list[Asked]:
    bot = Assistant.from_corpus(folder / "corpus", index_dir=folder / "index")
    bot.answerer.threshold = 0.0
    out = []
    for case in load_open_cases(folder / "cases.jsonl"):
        answer = bot.ask(case.question, asked_on=question_day(case))
        quotes = [c.quote for c in answer.citations]
        right = not answer.abstained and holds_gold(answer.text, quotes, case.gold)
        out.append(Asked(case.answerable, _cited(bot, answer.abstained), right))
    return out


def _cited(bot: Assistant, abstained: bool) -> float:
    signals = bot.last_signals
    return 0.0 if abstained or signals is None else signals.cited


if __name__ == "__main__":
    sys.exit(main())
