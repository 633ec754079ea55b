"""What must hold of an index and of an answer, whatever happened before.

`assert_index_matches` compares what the store holds with a fresh chunking of
the corpus: the same passage ids and offsets (a passage's text is its
article's at those offsets), no more, no fewer, each once, and a commit mark
for every article with its current content hash.
`assert_grounded` checks that an answer says nothing but verbatim quotes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from assistant import Answer, Article
from assistant.answers import ABSTAIN_TEXT
from index.articles import load_corpus
from index.chunking import Chunker
from index.embedding import Embedder
from index.settings import Settings
from index.store import ChromaStore

__all__ = [
    "expected_passages",
    "open_store",
    "stored_passages",
    "assert_index_matches",
    "assert_grounded",
]

PassageRow = tuple[str, int, int]  # article id, start, end


def expected_passages(corpus_dir: Path) -> dict[str, PassageRow]:
    """Every passage a complete index of `corpus_dir` holds, by id."""
    settings = Settings(corpus_dir=corpus_dir)
    chunker = Chunker(chunk_size=settings.chunk_size, chunk_overlap=settings.chunk_overlap)
    return {
        p.id: (p.article_id, p.start, p.end)
        for article in load_corpus(corpus_dir)
        for p in chunker.split(article)
    }


def open_store(index_dir: Path) -> ChromaStore:
    """The store of an index folder, opened as `Catalog.open` opens it but without syncing."""
    settings = Settings(index_dir=index_dir)
    chunker = Chunker(chunk_size=settings.chunk_size, chunk_overlap=settings.chunk_overlap)
    fingerprint = f"{Embedder(settings.embedding_model).name}|{chunker.fingerprint}"
    return ChromaStore(name=index_dir.name, path=index_dir / "chroma", fingerprint=fingerprint)


def stored_passages(store: ChromaStore) -> list[tuple[str, PassageRow]]:
    return [(s.passage_id, (s.article_id, s.start, s.end)) for s in store.spans()]


def assert_index_matches(index_dir: Path, corpus_dir: Path, *, lexical_size: int | None = None) -> None:
    """The index in `index_dir` is exactly the index of `corpus_dir`, as a clean build makes it."""
    corpus = load_corpus(corpus_dir)
    expected = expected_passages(corpus_dir)
    store = open_store(index_dir)
    stored = stored_passages(store)
    duplicated = [pid for pid, n in Counter(pid for pid, _ in stored).items() if n > 1]
    assert not duplicated, f"passages stored twice: {duplicated}"
    missing = sorted(set(expected) - {pid for pid, _ in stored})
    stale = sorted({pid for pid, _ in stored} - set(expected))
    assert not missing and not stale, f"missing passages {missing}, stale passages {stale}"
    assert dict(stored) == expected
    assert store.passage_count() == len(expected)
    marks = store.articles()
    assert {k: r.content_hash for k, r in marks.items()} == {a.id: a.content_hash for a in corpus}
    per_article = Counter(row[0] for row in expected.values())
    assert {k: r.passages for k, r in marks.items()} == dict(per_article)
    if lexical_size is not None:
        assert lexical_size == len(expected), "the BM25 index does not hold exactly the stored passages"


def assert_grounded(answer: Answer, articles: Mapping[str, Article]) -> None:
    """The answer is the fixed abstention message, or verbatim quotes with their markers and nothing else."""
    if answer.abstained:
        assert answer.citations == ()
        assert answer.text == ABSTAIN_TEXT
        return
    assert answer.citations, "an answer that does not abstain must cite"
    rest = answer.text
    for citation in answer.citations:
        article = articles[citation.article_id]
        assert article.text[citation.start : citation.end] == citation.quote
        quoted = f"{citation.quote} [{citation.number}]"
        assert quoted in rest, f"quote [{citation.number}] is not in the answer as it stands in the article"
        rest = rest.replace(quoted, " ", 1)
    assert not re.sub(r"\s+", "", rest), f"the answer says something that is not a quote: {rest.strip()!r}"

