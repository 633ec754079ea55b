"""Fitting the ranker: `python -m training.ranker` (what `make train-ranker` runs).

1. Pairs (`training.pairs`): RealTimeQA 2022, 2023 and 2025 development weeks 1–20 and the
   seeds' development cases to fit on; 2025 development weeks 21–26 to calibrate and check on.
2. Fit: all-MiniLM-L6-v2 (the bundled weights) read over the whole pair, its token states
   averaged into one linear logit; one pass over the pairs, binary cross-entropy with the
   positives weighed up, AdamW with a linear warm-up and decay, on the CPU.
3. Export to ONNX, quantize the weights to int8 (dynamic quantization), and fit the
   calibration (a logistic regression of the label on the int8 model's logit) on the
   calibration weeks.
4. Report ranking figures (how often a positive is ranked first, mean reciprocal rank) of
   the fp32 and int8 models on the calibration weeks, into `metrics.json`.

The output folder (default `assistant/models/ranker/`) is what `assistant.ranker` loads.
Everything is seeded; on 2 cores it takes about 35 minutes, most of it the fit.
It never reads the 2025 held-out weeks (20250704 on) or the seeds' held-out cases.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import torch

from assistant.ranker import CALIBRATION, MAX_TOKENS, Calibration, Ranker
from evals.realnews.realtimeqa import DEV_WEEKS
from evals.reliability import expected_calibration_error
from training.pairs import SHARED, TRAINING_YEARS, Pair, read_pairs, realtimeqa_pairs, seed_pairs, write_pairs

__all__ = ["main"]

PROJECT = Path(__file__).resolve().parent.parent
OUT = PROJECT / "assistant" / "models" / "ranker"
WORK = PROJECT / ".training"
SEED = 13
BATCH = 32
LEARNING_RATE = 5e-5
# The head starts from nothing: it learns at a rate of its own.
HEAD_LEARNING_RATE = 1e-3
# About one candidate in eight is a positive: each weighs as three negatives.
POSITIVE_WEIGHT = 3.0
HEAD = "head.pt"
FP32 = "model.fp32.onnx"
WARMUP_SHARE = 0.1
# 2025 development weeks: the first 20 are fitted on, the last 6 calibrate and check.
FIT_DEV_WEEKS = 20


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.ranker", description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder")
    parser.add_argument("--out", type=Path, default=OUT, help="where the weights go")
    parser.add_argument("--work", type=Path, default=WORK, help="pairs and checkpoints")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--max-pairs", type=int, default=0, help="fit on at most this many pairs (0: all)")
    parser.add_argument("--skip-fit", action="store_true", help="export and calibrate the last fit again")
    args = parser.parse_args(argv)
    folder = args.shared / "realtimeqa"
    if not folder.is_dir():
        print(f"No RealTimeQA data at '{folder}': pass --shared DIR.", file=sys.stderr)
        return 2
    started = time.monotonic()
    fit_path, check_path = args.work / "pairs-fit.jsonl", args.work / "pairs-check.jsonl"
    if not (fit_path.is_file() and check_path.is_file()):
        _log("writing pairs")
        fit = [realtimeqa_pairs(folder / y, _weeks(folder / y), seed=args.seed) for y in TRAINING_YEARS]
        fit.append(realtimeqa_pairs(folder / "2025", DEV_WEEKS[:FIT_DEV_WEEKS], seed=args.seed))
        fit.append(seed_pairs(PROJECT / "evals" / "dev.jsonl", PROJECT / "corpus", seed=args.seed))
        counts = write_pairs((p for source in fit for p in source), fit_path)
        _log(f"fit pairs: {counts[1]} positive, {counts[0]} negative")
        check = realtimeqa_pairs(folder / "2025", DEV_WEEKS[FIT_DEV_WEEKS:], seed=args.seed)
        counts = write_pairs(check, check_path)
        _log(f"check pairs: {counts[1]} positive, {counts[0]} negative")
    fit_pairs, check_pairs = read_pairs(fit_path), read_pairs(check_path)
    if args.max_pairs:
        fit_pairs = random.Random(args.seed).sample(fit_pairs, min(args.max_pairs, len(fit_pairs)))
    checkpoint = args.work / "checkpoint"
    if not args.skip_fit:
        _fit(fit_pairs, checkpoint, seed=args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    _export(checkpoint, args.out)
    metrics = _calibrate(checkpoint, args.out, check_pairs)
    metrics["fit_pairs"] = len(fit_pairs)
    metrics["check_pairs"] = len(check_pairs)
    metrics["seed"] = args.seed
    metrics["minutes"] = round((time.monotonic() - started) / 60, 1)
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    _log(json.dumps(metrics))
    return 0


def _weeks(folder: Path) -> list[str]:
    return sorted(p.name.split("_")[0] for p in folder.glob("*_qa.jsonl"))


def _fit(pairs: list[Pair], checkpoint: Path, *, seed: int) -> None:
    from transformers import AutoModel, AutoTokenizer

    from index.embedding import bundled_model_path

    torch.manual_seed(seed)
    torch.set_num_threads(2)
    base = bundled_model_path()
    if base is None:
        raise SystemExit("The bundled all-MiniLM-L6-v2 is not installed: run make setup first.")
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = _CrossEncoder.around(AutoModel.from_pretrained(base))
    order = list(pairs)
    random.Random(seed).shuffle(order)
    steps = (len(order) + BATCH - 1) // BATCH
    optimizer = torch.optim.AdamW(
        [
            {"params": model.encoder.parameters(), "lr": LEARNING_RATE},
            {"params": model.head.parameters(), "lr": HEAD_LEARNING_RATE},
        ],
        weight_decay=0.01,
    )
    warmup = max(1, int(steps * WARMUP_SHARE))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / warmup) * max(0.0, 1.0 - step / steps)
    )
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor(POSITIVE_WEIGHT))
    model.train()
    started = time.monotonic()
    for step in range(steps):
        batch = order[step * BATCH : (step + 1) * BATCH]
        encoded = tokenizer(
            [p.question for p in batch], [p.candidate for p in batch],
            truncation="longest_first", max_length=MAX_TOKENS, padding=True, return_tensors="pt",
        )  # fmt: skip
        labels = torch.tensor([float(p.label) for p in batch])
        loss = loss_fn(model(**encoded), labels)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad()
        if step % 50 == 0 or step == steps - 1:
            elapsed = time.monotonic() - started
            _log(f"step {step + 1}/{steps} loss {loss.item():.3f} ({elapsed / (step + 1):.2f} s/step)")
    if checkpoint.exists():
        shutil.rmtree(checkpoint)
    model.encoder.save_pretrained(checkpoint)
    tokenizer.save_pretrained(checkpoint)
    torch.save(model.head.state_dict(), checkpoint / HEAD)


class _CrossEncoder(torch.nn.Module):
    """The encoder read over the whole pair, its token states averaged, then one linear logit.

    Averaging (all-MiniLM-L6-v2's own pooling) gives the head features that mean something
    from the first step; the [CLS] state of this model was never trained to, and a head on it
    learned only the share of positives in a first trial.
    """

    def __init__(self, encoder: torch.nn.Module, head: torch.nn.Module) -> None:
        super().__init__()
        self.encoder, self.head = encoder, head

    @classmethod
    def around(cls, encoder: torch.nn.Module) -> _CrossEncoder:
        return cls(encoder, torch.nn.Linear(encoder.config.hidden_size, 1))

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
    ) -> torch.Tensor:
        states = self.encoder(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        ).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(states.dtype)
        pooled = (states * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)
        return self.head(pooled).squeeze(-1)


def _export(checkpoint: Path, out: Path) -> None:
    """fp32 ONNX into the checkpoint folder, int8 weights and the tokenizer into `out`."""
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel, AutoTokenizer

    model = _CrossEncoder.around(AutoModel.from_pretrained(checkpoint))
    model.head.load_state_dict(torch.load(checkpoint / HEAD))
    model.eval()
    tokenizer = AutoTokenizer.from_pretrained(checkpoint)
    sample = tokenizer(["a question?"], ["a sentence."], return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    fp32 = checkpoint / FP32
    axes = {name: {0: "batch", 1: "tokens"} for name in names}
    with torch.no_grad():
        torch.onnx.export(
            model, tuple(sample[n] for n in names), str(fp32), input_names=names, output_names=["logits"],
            dynamic_axes={**axes, "logits": {0: "batch"}}, opset_version=17, dynamo=False,
        )  # fmt: skip
    quantize_dynamic(str(fp32), str(out / "model.int8.onnx"), weight_type=QuantType.QInt8)
    shutil.copy(checkpoint / "tokenizer.json", out / "tokenizer.json")


def _calibrate(checkpoint: Path, out: Path, pairs: list[Pair]) -> dict:
    """Fit the calibration on the check pairs and measure both models' ranking there."""
    from sklearn.linear_model import LogisticRegression


    (out / CALIBRATION).write_text(json.dumps({"scale": 1.0, "bias": 0.0}), encoding="utf-8")
    shutil.copy(checkpoint / FP32, out / FP32)
    int8, fp32 = Ranker.load(out), Ranker.load(out, weights=FP32)
    scores = {"int8": _logits(int8, pairs), "fp32": _logits(fp32, pairs)}
    (out / FP32).unlink()  # measured; only the int8 weights ship
    labels = [p.label for p in pairs]
    fit = LogisticRegression(C=100.0).fit([[z] for z in scores["int8"]], labels)
    calibration = Calibration(scale=float(fit.coef_[0][0]), bias=float(fit.intercept_[0]))
    if calibration.scale <= 0:
        raise SystemExit(
            f"The fitted ranker does not rank the calibration pairs (calibration scale "
            f"{calibration.scale:.3f}): it learned nothing usable; check the pairs in .training/ "
            "and fit again."
        )
    (out / CALIBRATION).write_text(json.dumps(calibration.__dict__, indent=2) + "\n", encoding="utf-8")
    metrics: dict = {"calibration": calibration.__dict__}
    for name, logits in scores.items():
        metrics[name] = _ranking(pairs, logits)
    probabilities = [calibration.probability(z) for z in scores["int8"]]
    ece = expected_calibration_error(zip(probabilities, (bool(y) for y in labels), strict=True))
    metrics["int8"]["ece"] = round(ece or 0.0, 4)
    return metrics


def _logits(ranker: Ranker, pairs: list[Pair]) -> list[float]:
    by_question: dict[str, list[int]] = defaultdict(list)
    for i, pair in enumerate(pairs):
        by_question[pair.question].append(i)
    out = [0.0] * len(pairs)
    for question, indices in by_question.items():
        scores = ranker.logits(question, [pairs[i].candidate for i in indices])
        for i, z in zip(indices, scores, strict=True):
            out[i] = z
    return out


def _ranking(pairs: list[Pair], logits: list[float]) -> dict:
    """Share of questions whose best-scored candidate is a positive, and the mean reciprocal rank.

    Questions with no positive (their gold-holding sentences share no word with them) are left out.
    """
    groups: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for pair, z in zip(pairs, logits, strict=True):
        groups[pair.group].append((z, pair.label))
    groups = {group: scored for group, scored in groups.items() if any(label for _, label in scored)}
    first, reciprocal = 0, 0.0
    for scored in groups.values():
        ranked = [label for _, label in sorted(scored, key=lambda s: -s[0])]
        first += ranked[0]
        reciprocal += 1.0 / (ranked.index(1) + 1)
    count = len(groups)
    return {"questions": count, "top1": round(first / count, 4), "mrr": round(reciprocal / count, 4)}


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
