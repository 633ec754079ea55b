"""Query encoder: the bundled BERT sentence model run in numpy, one text at a time.

Asking a question needs one short text embedded. Through sentence-transformers
that costs seconds of imports (torch, transformers, scikit-learn) before the
first answer, and torch's per-call overhead dominates a 15-token input. This
module computes the same function with `tokenizers` (the Rust tokenizer
transformers itself uses), the weights read by `safetensors`, and numpy:

    token + position + segment embeddings -> LayerNorm
    6 x [self-attention -> add & LayerNorm -> GELU feed-forward -> add & LayerNorm]
    mean over tokens -> L2 normalisation

which is what sentence-transformers does for a model folder made of a BERT
`Transformer`, mean `Pooling` and `Normalize` (all-MiniLM-L6-v2 is one). The
vectors agree with sentence-transformers' to float32 rounding (a test checks),
so the index built with one is searched with the other.

It does not batch, train or support other architectures: `supports(folder)`
says whether a folder is one it can run, and `Embedder` falls back to
sentence-transformers otherwise. Bulk encoding for indexing stays with
sentence-transformers, which batches across both cores.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

__all__ = ["QueryEncoder", "supports"]

BERT_MODULE = "sentence_transformers.models.Transformer"
POOLING_MODULE = "sentence_transformers.models.Pooling"
NORMALIZE_MODULE = "sentence_transformers.models.Normalize"
DEFAULT_MAX_SEQ_LENGTH = 512


def supports(folder: Path) -> bool:
    """True when `folder` is a BERT + mean pooling + normalize sentence model with safetensors weights."""
    try:
        modules = [m["type"] for m in json.loads((folder / "modules.json").read_text(encoding="utf-8"))]
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        pooling_path = next(
            m["path"]
            for m in json.loads((folder / "modules.json").read_text(encoding="utf-8"))
            if m["type"] == POOLING_MODULE
        )
        pooling = json.loads((folder / pooling_path / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError, StopIteration):
        return False
    mean_only = pooling.get("pooling_mode_mean_tokens") is True and not any(
        pooling.get(mode)
        for mode in (
            "pooling_mode_cls_token",
            "pooling_mode_max_tokens",
            "pooling_mode_mean_sqrt_len_tokens",
            "pooling_mode_weightedmean_tokens",
            "pooling_mode_lasttoken",
        )
    )
    return (
        modules == [BERT_MODULE, POOLING_MODULE, NORMALIZE_MODULE]
        and config.get("model_type") == "bert"
        and config.get("hidden_act") == "gelu"
        and config.get("position_embedding_type", "absolute") == "absolute"
        and mean_only
        and (folder / "model.safetensors").is_file()
        and (folder / "tokenizer.json").is_file()
    )


class QueryEncoder:
    """Embeds one text with a BERT sentence model, in numpy.

    >>> encoder = QueryEncoder(bundled_model_path())
    >>> encoder.encode("Who signed the letter?").shape
    (384,)
    """

    def __init__(self, folder: Path) -> None:
        import numpy as np
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        st_config_path = folder / "sentence_bert_config.json"
        st_config = json.loads(st_config_path.read_text(encoding="utf-8")) if st_config_path.is_file() else {}
        max_length = min(
            int(st_config.get("max_seq_length") or DEFAULT_MAX_SEQ_LENGTH),
            int(config["max_position_embeddings"]),
        )
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length)
        self._lowercase = bool(st_config.get("do_lower_case", False))
        self._heads = int(config["num_attention_heads"])
        self._eps = float(config["layer_norm_eps"])
        weights = load_file(str(folder / "model.safetensors"))
        prefix = "bert." if "bert.embeddings.word_embeddings.weight" in weights else ""

        def w(name: str) -> np.ndarray:
            return np.ascontiguousarray(weights[prefix + name], dtype=np.float32)

        self._words = w("embeddings.word_embeddings.weight")
        self._positions = w("embeddings.position_embeddings.weight")
        self._segment = w("embeddings.token_type_embeddings.weight")[0]
        self._embedding_norm = (w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"))
        self._layers = []
        for number in range(int(config["num_hidden_layers"])):
            layer = f"encoder.layer.{number}."
            # Query, key and value projections as one matrix: one product instead of three.
            qkv = np.concatenate(
                [w(f"{layer}attention.self.{part}.weight") for part in ("query", "key", "value")]
            ).T.copy()
            qkv_bias = np.concatenate(
                [w(f"{layer}attention.self.{part}.bias") for part in ("query", "key", "value")]
            )
            self._layers.append(
                (
                    qkv,
                    qkv_bias,
                    w(f"{layer}attention.output.dense.weight").T.copy(),
                    w(f"{layer}attention.output.dense.bias"),
                    (
                        w(f"{layer}attention.output.LayerNorm.weight"),
                        w(f"{layer}attention.output.LayerNorm.bias"),
                    ),
                    w(f"{layer}intermediate.dense.weight").T.copy(),
                    w(f"{layer}intermediate.dense.bias"),
                    w(f"{layer}output.dense.weight").T.copy(),
                    w(f"{layer}output.dense.bias"),
                    (w(f"{layer}output.LayerNorm.weight"), w(f"{layer}output.LayerNorm.bias")),
                )
            )

    @property
    def dimension(self) -> int:
        return int(self._words.shape[1])

    def encode(self, text: str) -> np.ndarray:
        """The L2-normalised sentence vector of `text`, float32."""
        from threadpoolctl import threadpool_limits

        # The matrices of one short text are small: BLAS threads cost more than they save,
        # and much more when the other core is busy.
        with threadpool_limits(limits=1, user_api="blas"):
            return self._encode(text)

    def _encode(self, text: str) -> np.ndarray:
        import numpy as np

        ids = self._tokenizer.encode(text.lower() if self._lowercase else text).ids
        x = self._words[ids] + self._positions[: len(ids)] + self._segment
        x = _layer_norm(x, *self._embedding_norm, self._eps)
        tokens, width = x.shape
        head = width // self._heads
        scale = np.float32(1.0 / np.sqrt(head))
        for qkv, qkv_bias, out, out_bias, norm1, up, up_bias, down, down_bias, norm2 in self._layers:
            q, k, v = np.split(x @ qkv + qkv_bias, 3, axis=1)
            # (tokens, width) -> (heads, tokens, head width)
            q = q.reshape(tokens, self._heads, head).transpose(1, 0, 2)
            k = k.reshape(tokens, self._heads, head).transpose(1, 0, 2)
            v = v.reshape(tokens, self._heads, head).transpose(1, 0, 2)
            scores = (q @ k.transpose(0, 2, 1)) * scale
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(1, 0, 2).reshape(tokens, width)
            x = _layer_norm(context @ out + out_bias + x, *norm1, self._eps)
            x = _layer_norm(_gelu(x @ up + up_bias) @ down + down_bias + x, *norm2, self._eps)
        pooled = x.mean(axis=0)
        return (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(np.float32)


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / (variance + eps) ** 0.5 * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU: x * Phi(x), with the error function (not the tanh approximation)."""
    import numpy as np
    from scipy.special import erf

    return (x * 0.5 * (1.0 + erf(x * np.float32(1 / np.sqrt(2))))).astype(np.float32, copy=False)
