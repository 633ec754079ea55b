"""Abstention: when the evidence is too weak to answer.

The assistant answers only when its best evidence sentence scores at least
`ANSWER_THRESHOLD` and every name and figure in the question is found in that
evidence's scope (see `evidence.py`). Otherwise it says the corpus does not
say.

The threshold is calibrated, not guessed: `python -m evals --calibrate` scores
every case of the eval set (answerable and unanswerable) and prints the
threshold that best separates them; the value below is the one it found,
rounded, and `evals/heldout.jsonl`, a separate set of questions, checks that
it holds on questions it was not fitted to. See the README, "Abstention".
"""

from __future__ import annotations

import math

__all__ = ["ANSWER_THRESHOLD", "confidence"]

ANSWER_THRESHOLD = 0.40
CONFIDENCE_SPREAD = 0.05


def confidence(score: float, *, supported: bool = True) -> float:
    """Map an evidence score to [0, 1]: 0.5 at the threshold, steeper near it.

    Example: confidence(ANSWER_THRESHOLD) -> 0.5
    """
    if not supported:
        score = min(score, ANSWER_THRESHOLD - CONFIDENCE_SPREAD)
    value = 1.0 / (1.0 + math.exp(-(score - ANSWER_THRESHOLD) / CONFIDENCE_SPREAD))
    return round(value, 4)
