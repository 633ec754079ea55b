"""Corpus changes: a catalog's corpus with files added or one removed, as a new catalog.

`add_to(catalog, uploads)` checks the batch (`uploads.py`), writes the accepted
files into the corpus folder (`corpus_folder.py`), and opens a new `Catalog`:
the folder read again and the index synced once for the whole batch, with the
embedding model already loaded. `remove_from(catalog, article_id)` hides the
article's file, opens a new catalog without it, and deletes the file (or puts
it back when indexing fails).

The catalog passed in is left as it was, still searchable: whoever holds it
(`Assistant.add`) keeps answering from it while the new one is built, and
switches over when it is ready.

It does not serialize changes: two changes of one folder at once must take
turns (`Assistant` holds a lock around each).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from index.catalog import Catalog
from index.corpus_folder import CannotRemove, CorpusFolder
from index.errors import UnknownArticle
from index.uploads import Added, AddProgress, AddReport, Refused, Upload, check_uploads

__all__ = ["add_to", "remove_from"]


def add_to(
    catalog: Catalog,
    files: Sequence[Upload | tuple[str, bytes] | str | Path],
    *,
    progress: AddProgress | None = None,
) -> tuple[Catalog | None, AddReport]:
    """The new catalog (None when nothing was added) and what happened to each file.

    Example: add_to(catalog, [("bridge.html", page)]) -> (Catalog(...), AddReport(added=(Added(
    'bridge.html', 'bridge', 'Willow Creek bridge to close ...'),), refused=()))
    """
    uploads = [Upload.of(item) for item in files]
    folder = CorpusFolder(catalog.settings.corpus_dir)
    checked = check_uploads(uploads, root=folder.root, articles=catalog.corpus.articles, progress=progress)
    if not checked.accepted:
        return None, AddReport(refused=checked.refused)
    written, taken = folder.write(checked.accepted)
    refused = list(checked.refused) + taken
    if not written:
        return None, AddReport(refused=tuple(refused))
    try:
        reopened = _reopened(catalog, progress)
    except BaseException:
        folder.discard(written)
        raise
    # By path, not id: another file may have taken the id meanwhile (then the upload is what
    # the loader skipped), and the file written is its article whatever id it loaded with.
    loaded = {a.path: a for a in reopened.corpus}
    skipped = {s.path: s.reason for s in reopened.corpus.skipped}
    added = []
    for staged in checked.accepted:
        path = folder.root / staged.name
        if path not in written:
            continue
        article = loaded.get(staged.name)
        if article is None:
            # Checked as the loader reads, so only a folder changed by hand meanwhile gets here;
            # the file is not left there to be skipped at every load.
            folder.discard([path])
            refused.append(Refused(staged.name, skipped.get(staged.name, "it did not load as an article")))
            continue
        added.append(Added(staged.name, article.id, article.title))
    order = {u.name: i for i, u in enumerate(uploads)}
    refused.sort(key=lambda r: order.get(r.name, len(order)))
    return reopened, AddReport(added=tuple(added), refused=tuple(refused), sync=reopened.report)


def remove_from(catalog: Catalog, article_id: str, *, progress: AddProgress | None = None) -> Catalog:
    """The catalog without the article `article_id`, whose file is deleted from the corpus folder.

    Raises `UnknownArticle` for an id not in the corpus and `CannotRemove` for the only
    article (a corpus is never empty). Should indexing fail, the file is put back.
    """
    article = catalog.corpus.get(article_id)
    if article is None:
        raise UnknownArticle(article_id)
    if len(catalog.corpus) == 1:
        raise CannotRemove(
            f"'{article_id}' is the only article in the corpus, and a corpus cannot be "
            "empty: add another article first, then remove this one."
        )
    if not article.path:
        raise CannotRemove(f"No file is known for '{article_id}': delete it from the corpus folder by hand.")
    folder = CorpusFolder(catalog.settings.corpus_dir)
    with folder.withdrawn(article.path):
        return _reopened(catalog, progress)


def _reopened(catalog: Catalog, progress: AddProgress | None) -> Catalog:
    """The corpus folder read again and the index synced with it, reusing the loaded model."""
    indexing = (lambda done, total: progress("indexing", done, total)) if progress else None
    return Catalog.open(catalog.settings, progress=indexing, embedder=catalog.retriever.embedder)
