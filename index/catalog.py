"""Catalog: a corpus and its up-to-date index, ready to search.

`Catalog.open(settings)` is the one entry point the assistant uses: it reads
the corpus folder, syncs the Chroma store with it (embedding only what
changed), loads or rebuilds the BM25 index, and returns an object that can
search. Hits are checked against the articles as they were read, so a search
running while another process re-indexes never returns a passage whose offsets
point into a different version of its article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from index.articles import Corpus, load_corpus
from index.chunking import Chunker, Passage, content_digest, passage_digest
from index.embedding import Embedder
from index.indexer import Indexer, Progress, SyncReport, state_fingerprint
from index.lexical import LexicalIndex
from index.retrieval import Hit, Retriever
from index.settings import Settings
from index.store import ChromaStore

__all__ = ["Catalog"]

LEXICAL_FILE = "lexical.pkl"
LOCK_FILE = "index.lock"
# What was extracted from the corpus's web pages and PDFs, so an unchanged one is not read again.
EXTRACTION_CACHE = "extracted"


@dataclass
class Catalog:
    settings: Settings
    corpus: Corpus
    retriever: Retriever
    report: SyncReport

    @classmethod
    def open(
        cls,
        settings: Settings,
        *,
        progress: Progress | None = None,
        sync: bool = True,
        embedder: Embedder | None = None,
    ) -> Catalog:
        """Read the corpus, sync the index with it, and load the BM25 index.

        `embedder` defaults to the model the settings name; pass one already
        loaded to share it between catalogs.
        """
        index_dir = settings.resolved_index_dir
        # Fails before the index is touched (the cache is written only for pages that gave text).
        corpus = load_corpus(settings.corpus_dir, extraction_cache=index_dir / EXTRACTION_CACHE)
        embedder = embedder or Embedder(settings.embedding_model, cache_dir=settings.model_cache_dir)
        chunker = Chunker(chunk_size=settings.chunk_size, chunk_overlap=settings.chunk_overlap)
        store = ChromaStore(
            name=index_dir.name,
            path=index_dir / "chroma",
            host=settings.chroma_host,
            port=settings.chroma_port,
            fingerprint=f"{embedder.name}|{chunker.fingerprint}",
        )
        indexer = Indexer(store, chunker=chunker, embedder=embedder, lock_path=index_dir / LOCK_FILE)
        if sync:
            report = indexer.sync(corpus, progress=progress)
            # A finished sync leaves the store holding exactly this corpus: no need to read it back.
            indexed = {a.id: a.content_hash for a in corpus}
        else:
            report = SyncReport()
            indexed = {k: r.content_hash for k, r in store.articles().items()}
        lexical = _lexical(store, index_dir / LEXICAL_FILE, indexed, corpus)
        retriever = Retriever(store, lexical, embedder)
        return cls(settings=settings, corpus=corpus, retriever=retriever, report=report)

    def search(self, query: str, *, k: int) -> list[Hit]:
        """The passages `Retriever.search` finds whose article text is the one this catalog read."""
        return [h for h in self.retriever.search(query, k=k) if self._current(h.article_id, h.passage_id)]

    def search_within(self, query: str, article_ids: Sequence[str]) -> list[Hit]:
        """Every passage of the given articles, scored against `query` (dense only), best first."""
        if not article_ids:
            return []
        vector = self.retriever.embed(query)
        hits = [
            Hit(p.passage_id, p.article_id, p.start, p.end, dense=p.score, lexical=0.0, fused=0.0)
            for article_id in article_ids
            for p in self.retriever.store.article_passages(vector, article_id)
            if self._current(article_id, p.passage_id)
        ]
        return sorted(hits, key=lambda h: -h.dense)

    def _current(self, article_id: str, passage_id: str) -> bool:
        """The passage was cut from the article text this catalog read (its id carries its digest)."""
        return self._digests.get(article_id) == passage_digest(passage_id)

    @cached_property
    def _digests(self) -> dict[str, str]:
        """The digest each article's passage ids must carry; hashed once, not per search."""
        return {a.id: content_digest(a.content_hash) for a in self.corpus}

    def idf(self, term: str) -> float:
        return self.retriever.lexical.idf(term)


def _lexical(store: ChromaStore, path: Path, indexed: dict[str, str], corpus: Corpus) -> LexicalIndex:
    """The saved BM25 index if it matches the store, else a fresh one (saved for next time).

    `indexed` is the store's state, {article id: content hash}. A fresh index reads each
    passage's text from its article in `corpus`; a passage of an article version the corpus
    no longer holds (another process is re-indexing) is left out, as searches leave it out.
    The passages the saved index shares with the fresh one keep their terms.
    """
    fingerprint = f"{store.fingerprint}|{state_fingerprint(indexed)}"
    saved = LexicalIndex.load(path)
    if saved is not None and saved.fingerprint == fingerprint:
        return saved
    current = {(a.id, content_digest(a.content_hash)): a for a in corpus}
    passages = [
        Passage(span.passage_id, article.id, span.start, span.end, article.text[span.start : span.end])
        for span in store.spans()
        if (article := current.get((span.article_id, passage_digest(span.passage_id)))) is not None
    ]
    lexical = LexicalIndex(passages, fingerprint=fingerprint, scheme=store.fingerprint, previous=saved)
    lexical.save(path)
    return lexical
