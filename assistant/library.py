"""The library an assistant answers from: one indexed corpus, and the changes to it.

A `Library` holds the catalog (the corpus and its index), the articles by id,
the sentences of each article that may be quoted (split on first use, then
kept), and which articles each outlet, title or year names; its search counts
copies of one story from several outlets once. `add` and `remove` change the
corpus folder and switch the library to the new catalog:

    >>> report = bot.add([Path("transit.pdf")])
    >>> bot.remove("transit")

A switch replaces those attributes and never changes them in place, so a
shallow copy taken under `lock` keeps answering from the corpus as it was.

It does not answer questions: `Assistant` (`api.py`) asks of a library.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

from assistant.copies import distinct
from assistant.furniture import quotable
from assistant.sentences import Span, split_sentences
from assistant.sources import Sources
from index.articles import Article, Corpus
from index.catalog import Catalog
from index.corpus_changes import add_to, remove_from
from index.errors import UnknownArticle
from index.indexer import SyncReport
from index.retrieval import Hit
from index.uploads import AddProgress, AddReport

__all__ = ["Library"]


class Library:
    """One corpus to answer from: its articles, their quotable sentences, and changes to it."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._articles = {a.id: a for a in catalog.corpus}
        self._sentences: dict[str, list[Span]] = {}
        self._sources = Sources(catalog.corpus)
        # Held while `add` / `remove` switch the assistant to the new corpus (a moment, after
        # indexing). The switch only replaces attributes, never changes them in place, so a
        # program asking from several threads can take a shallow copy under it and answer from
        # that, as the web app does: the question then sees one corpus from start to end.
        self.lock = threading.Lock()
        # One change of the corpus folder at a time, so two uploads cannot take the same name.
        self._changing = threading.Lock()

    # -- what the corpus holds -------------------------------------------------

    @property
    def articles(self) -> tuple[Article, ...]:
        return self.catalog.corpus.articles

    @property
    def corpus(self) -> Corpus:
        return self.catalog.corpus

    @property
    def last_sync(self) -> SyncReport:
        return self.catalog.report

    def article(self, article_id: str) -> Article:
        try:
            return self._articles[article_id]
        except KeyError:
            raise UnknownArticle(article_id) from None

    def _dates(self, hits: Sequence[Hit]) -> Iterator[str | None]:
        return (self._articles[h.article_id].date for h in hits if h.article_id in self._articles)

    def _passage_text(self, hit: Hit) -> str:
        article = self._articles.get(hit.article_id)
        return article.text[hit.start : hit.end] if article else ""

    def _distinct_search(self, query: str, *, k: int) -> list[Hit]:
        """`Catalog.search`, with copies of one story from several outlets taking one place:
        the search goes as much deeper as there were copies."""
        found = self.catalog.search(query, k=k)
        hits = distinct(found, self._passage_text, key=lambda h: h.article_id)
        if len(hits) < len(found):
            found = self.catalog.search(query, k=k + len(found) - len(hits))
            hits = distinct(found, self._passage_text, key=lambda h: h.article_id)
        return hits

    def _spans(self, article: Article) -> list[Span]:
        """The article's sentences that may be quoted: page furniture left out, datelines cut off."""
        spans = self._sentences.get(article.id)
        if spans is None:
            spans = self._sentences[article.id] = quotable(article.text, split_sentences(article.text))
        return spans

    # -- changing the corpus ----------------------------------------------------

    def add(
        self,
        files: Sequence[tuple[str, bytes]] | Sequence[str | Path],
        *,
        progress: AddProgress | None = None,
    ) -> AddReport:
        """Copy article files into the corpus folder and index them; answerable on return.

        `files` are paths (each added under its base name) or (name, bytes) pairs. The whole
        batch is checked before anything is written (`index.uploads` lists the rules): a
        refused file changes nothing and gets its reason. The accepted ones are written, the
        index is synced once for the batch, and the assistant switches to the new corpus; a
        question asked meanwhile is answered from the articles as they were.
        `progress(stage, done, total)` hears of "checking" (files) and "indexing" (articles).

            >>> report = bot.add([("bridge-closure.html", page_bytes), Path("transit.pdf")])
            >>> [a.article_id for a in report.added], [str(r) for r in report.refused]
            (['bridge-closure', 'transit'], [])
        """
        with self._changing:
            catalog, report = add_to(self.catalog, files, progress=progress)
            if catalog is not None:
                self._switch_to(catalog)
        return report

    def remove(self, article_id: str, *, progress: AddProgress | None = None) -> None:
        """Delete the article's file from the corpus folder and drop it from the index.

        Raises `UnknownArticle` for an id not in the corpus and `CannotRemove` for the only
        article. Should indexing fail, the file is put back and the assistant is unchanged.

            >>> bot.remove("bridge-closure")
            >>> "bridge-closure" in {a.id for a in bot.articles}
            False
        """
        with self._changing:
            self._switch_to(remove_from(self.catalog, article_id, progress=progress))

    def _switch_to(self, catalog: Catalog) -> None:
        """Answer from `catalog` from now on: everything is built first, then swapped under the lock."""
        articles = {a.id: a for a in catalog.corpus}
        sources = Sources(catalog.corpus)
        # Sentence splits of articles whose text is unchanged stay valid: keep them.
        previous, known = dict(self._sentences), self._articles
        sentences = {
            k: spans
            for k, spans in previous.items()
            if k in articles and k in known and known[k].text == articles[k].text
        }
        with self.lock:
            self.catalog = catalog
            self._articles = articles
            self._sentences = sentences
            self._sources = sources
