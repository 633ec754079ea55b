"""Ranking: a learned model that reads a question and a candidate sentence together.

The model is a cross-encoder: all-MiniLM-L6-v2 fine-tuned (`python -m training.ranker`,
`make train-ranker`) to tell whether a sentence of a news article holds the answer to
a question. It reads the pair as one text, so that a sentence can answer a question it
shares no word with. Its int8 ONNX weights go in `models/ranker/` beside this module and
run on ONNX Runtime; nothing is fetched at run time.

No fit so far ranks better than the shared-words rules of `evidence.py` (see
`training/RANKER.md`), so the assistant does not use it yet and no weights are shipped:
this module is what loads and runs a fit, for `training.ranker`'s figures and for the
assistant once a fit earns its place.

A candidate is shown to the model as its sentence, then its article's title and the
sentences on either side (`pair_text`): the neighbours say who "he" is and what "it" was.
`Ranker.probabilities` maps the model's logits to the probability that the sentence
holds the answer, with the temperature and bias fitted on development data
(`calibration.json` beside the weights).

It does not choose what to quote or whether to answer.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index.embedding import onnx_session, padded
from index.errors import AssistantError

__all__ = ["Ranker", "RankerMissing", "pair_text", "MODEL_DIR", "MAX_TOKENS"]

MODEL_DIR = Path(__file__).with_name("models") / "ranker"
WEIGHTS = "model.int8.onnx"
TOKENIZER = "tokenizer.json"
CALIBRATION = "calibration.json"
# Question and candidate together; longer pairs lose the far end of the neighbours first.
MAX_TOKENS = 128
# Each neighbour is cut to this many words: enough to say who speaks and of what.
NEIGHBOUR_WORDS = 30
BATCH = 32


class RankerMissing(AssistantError):
    """The ranker's weights are missing or damaged; the message says how to rebuild them."""


def pair_text(sentence: str, *, before: str = "", after: str = "", title: str = "") -> str:
    """The candidate side of a pair: the sentence first, so truncation cuts its context, never it.

    Example: pair_text('He voted no.', before='The council met.', title='Vote') ->
    'He voted no. | Vote | The council met.'
    """
    context = " ".join(part for part in (_words(before, last=True), _words(after)) if part)
    return " | ".join(part for part in (_flat(sentence), _flat(title), context) if part)


@dataclass(frozen=True)
class Calibration:
    """probability = sigmoid(scale * logit + bias), fitted on development pairs."""

    scale: float = 1.0
    bias: float = 0.0

    def probability(self, logit: float) -> float:
        z = max(-30.0, min(30.0, self.scale * logit + self.bias))
        return 1.0 / (1.0 + math.exp(-z))


class Ranker:
    """Scores (question, candidate) pairs with a fitted cross-encoder on ONNX Runtime.

        ranker = Ranker.load()
        ranker.probabilities("Who voted against?", [pair_text("Smith cast the only no vote.")])
    """

    def __init__(self, session: Any, tokenizer: Any, calibration: Calibration) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self._inputs = {i.name for i in session.get_inputs()}
        self.calibration = calibration
        self._lock = threading.Lock()

    @classmethod
    def load(cls, folder: Path = MODEL_DIR, *, weights: str = WEIGHTS, threads: int = 0) -> Ranker:
        """Open the weights in `folder` (`weights` names another file of it, as the fp32 export).

        Raises `RankerMissing` when a file is missing or unreadable.
        """
        from tokenizers import Tokenizer

        model, vocab = folder / weights, folder / TOKENIZER
        for path in (model, vocab):
            if not path.is_file():
                raise RankerMissing(
                    f"The ranker's file '{path}' is missing: build it with 'make train-ranker'."
                )
        try:
            session = onnx_session(model, threads=threads)
            tokenizer = Tokenizer.from_file(str(vocab))
        except Exception as error:  # onnxruntime and tokenizers raise their own untyped errors
            raise RankerMissing(
                f"The ranker in '{folder}' cannot be read ({type(error).__name__}: {error}): "
                "rebuild it with 'make train-ranker'."
            ) from None
        tokenizer.enable_truncation(MAX_TOKENS, strategy="longest_first")
        tokenizer.no_padding()
        return cls(session, tokenizer, _calibration(folder / CALIBRATION))

    def logits(self, question: str, candidates: Sequence[str]) -> list[float]:
        """The model's raw score of each candidate for `question`, in the order given."""
        out: list[float] = []
        for lo in range(0, len(candidates), BATCH):
            encoded = self._tokenizer.encode_batch([(question, c) for c in candidates[lo : lo + BATCH]])
            ids, mask = padded([e.ids for e in encoded])
            segments, _ = padded([e.type_ids for e in encoded])
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": segments}
            with self._lock:  # one run at a time: the session already uses every core it is given
                (scores,) = self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})
            out.extend(float(s) for s in np.asarray(scores).reshape(-1))
        return out

    def probabilities(self, question: str, candidates: Sequence[str]) -> list[float]:
        """The calibrated probability that each candidate holds the answer to `question`."""
        return [self.calibration.probability(z) for z in self.logits(question, candidates)]


def _calibration(path: Path) -> Calibration:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Calibration(scale=float(data["scale"]), bias=float(data["bias"]))
    except (OSError, ValueError, KeyError, TypeError):
        raise RankerMissing(
            f"The ranker's calibration '{path}' is missing or malformed: rebuild it with "
            "'make train-ranker'."
        ) from None


def _flat(text: str) -> str:
    return " ".join(text.split())


def _words(text: str, *, last: bool = False) -> str:
    words = text.split()
    return " ".join(words[-NEIGHBOUR_WORDS:] if last else words[:NEIGHBOUR_WORDS])
