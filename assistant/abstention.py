"""Abstention: when the evidence is too weak to answer.

The assistant answers only when its best evidence sentence scores at least
`ANSWER_THRESHOLD` and every name and figure in the question is found in that
evidence's scope (see `evidence.py`). Otherwise it says the corpus does not
say.

The threshold is calibrated, not guessed: `python -m evals.calibration` asks
every case of the eval set (answerable and unanswerable) at thresholds from
0.20 to 0.60 and prints the balanced accuracy of the answer-or-abstain
decision at each. The value below is the best it found (0.992, on a plateau
from 0.21 to 0.31; of equals, the most cautious is kept). `evals/heldout.jsonl`,
a separate set of questions, checks it on questions it was not chosen on.
"""

from __future__ import annotations

import math

__all__ = ["ANSWER_THRESHOLD", "confidence"]

ANSWER_THRESHOLD = 0.31
CONFIDENCE_SPREAD = 0.05


def confidence(score: float, *, supported: bool = True) -> float:
    """Map an evidence score to [0, 1]: 0.5 at the threshold, steeper near it.

    This is evidence strength, not a probability: `Answer.confidence` comes from
    `confidence.Calibrator`, which falls back on this only for a kind of answer
    it has no fitted model for.

    Example: confidence(ANSWER_THRESHOLD) -> 0.5
    """
    if not supported:
        score = min(score, ANSWER_THRESHOLD - CONFIDENCE_SPREAD)
    value = 1.0 / (1.0 + math.exp(-(score - ANSWER_THRESHOLD) / CONFIDENCE_SPREAD))
    return round(value, 4)
