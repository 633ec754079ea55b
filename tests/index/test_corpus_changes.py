"""Adding files to a catalog: what the report says is added is the file written, by its path.

The index is not needed to tell: `_reopened` (the folder read again and synced) is replaced by
a plain `load_corpus` of the folder, after the change a person makes by hand meanwhile.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from index import corpus_changes
from index.articles import load_corpus
from index.corpus_changes import add_to
from index.uploads import Added, Refused

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
WATER_MAIN = (
    b"Water main break closes Elm Street\n\n"
    b"A water main broke under Elm Street early on Tuesday, flooding two blocks and closing the "
    b"street to traffic until Thursday, the city's utilities department said.\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root)
    return root


def catalog_of(root: Path) -> SimpleNamespace:
    return SimpleNamespace(settings=SimpleNamespace(corpus_dir=root), corpus=load_corpus(root), report=None)


def reopened_after(monkeypatch: pytest.MonkeyPatch, change) -> None:
    """`add_to` reopens the folder after `change(root)`, made by hand while it indexed."""

    def reopen(catalog, progress):
        change(catalog.settings.corpus_dir)
        return catalog_of(catalog.settings.corpus_dir)

    monkeypatch.setattr(corpus_changes, "_reopened", reopen)


def test_add_to__an_upload_whose_id_another_file_took_meanwhile_is_refused_not_reported_added(
    corpus, monkeypatch
):
    # The other file sorts first, so the loader keeps it under the id and skips the upload.
    reopened_after(
        monkeypatch,
        lambda root: (root / "a-water.md").write_text(
            "---\nid: water-main\n---\nA different story that claims the same id.\n", encoding="utf-8"
        ),
    )

    catalog, report = add_to(catalog_of(corpus), [("water-main.txt", WATER_MAIN)])

    assert report.added == ()
    assert report.refused == (
        Refused(
            "water-main.txt",
            "id 'water-main' is already used by a-water.md: give one of them another id in its front matter",
        ),
    )
    assert not (corpus / "water-main.txt").exists(), "not left in the folder to be skipped at every load"
    assert catalog.corpus.get("water-main").path == "a-water.md"


def test_add_to__the_file_written_is_its_article_whatever_id_it_loaded_with(corpus, monkeypatch):
    # The upload is given an id in its front matter by hand before the folder is read again.
    reopened_after(
        monkeypatch,
        lambda root: (root / "water-main.txt").write_bytes(b"---\nid: elm-street-2024\n---\n" + WATER_MAIN),
    )

    catalog, report = add_to(catalog_of(corpus), [("water-main.txt", WATER_MAIN)])

    assert report.added == (Added("water-main.txt", "elm-street-2024", "Water main break closes Elm Street"),)
    assert report.refused == ()
    assert (corpus / "water-main.txt").exists(), "the file of an article the catalog holds is kept"
    assert catalog.corpus.get("elm-street-2024").path == "water-main.txt"


def test_add_to__an_upload_is_reported_with_the_article_it_loads_as(corpus, monkeypatch):
    reopened_after(monkeypatch, lambda root: None)

    catalog, report = add_to(catalog_of(corpus), [("water-main.txt", WATER_MAIN)])

    assert report.added == (Added("water-main.txt", "water-main", "Water main break closes Elm Street"),)
    assert catalog.corpus.get("water-main").path == "water-main.txt"
