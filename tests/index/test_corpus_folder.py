"""Writing to and taking from the corpus folder: whole files, nothing replaced, removals undone on failure."""

from __future__ import annotations

import pytest

from index.articles import Article, load_corpus
from index.corpus_folder import CannotRemove, CorpusFolder
from index.uploads import Staged


def staged(name: str, data: bytes) -> Staged:
    article = Article(id=name.rsplit(".", 1)[0], title="T", outlet="O", date=None, date_approximate=False,
                      text=data.decode())
    return Staged(name=name, data=data, article=article)


def test_write__files_appear_whole_and_leave_no_temporary_file(tmp_path):
    folder = CorpusFolder(tmp_path)

    written, refused = folder.write([staged("a.txt", b"Story A."), staged("b.txt", b"Story B.")])

    assert written == [tmp_path / "a.txt", tmp_path / "b.txt"] and refused == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]
    assert (tmp_path / "a.txt").read_bytes() == b"Story A."


def test_write__never_replaces_a_file_that_appeared_meanwhile(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"Someone else's story.")

    written, refused = CorpusFolder(tmp_path).write([staged("a.txt", b"Story A.")])

    assert written == []
    assert refused[0].reason == (
        "a file named a.txt appeared in the corpus folder meanwhile: rename the file and add it again"
    )
    assert (tmp_path / "a.txt").read_bytes() == b"Someone else's story."
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_withdrawn__deletes_the_file_once_the_block_succeeds(tmp_path):
    (tmp_path / "a.txt").write_text("Story A.")
    (tmp_path / "b.txt").write_text("Story B.")

    with CorpusFolder(tmp_path).withdrawn("a.txt"):
        # Hidden meanwhile: a load in the block no longer reads it.
        assert [a.id for a in load_corpus(tmp_path)] == ["b"]

    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.txt"]


def test_withdrawn__puts_the_file_back_when_the_block_fails(tmp_path):
    (tmp_path / "a.txt").write_text("Story A.")

    with pytest.raises(RuntimeError), CorpusFolder(tmp_path).withdrawn("a.txt"):
        raise RuntimeError("indexing failed")

    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    assert (tmp_path / "a.txt").read_text() == "Story A."


@pytest.mark.parametrize("rel", ["../outside.txt", "/etc/passwd", "sub/../../x.txt", ""])
def test_withdrawn__refuses_a_path_that_leaves_the_folder(tmp_path, rel):
    with pytest.raises(CannotRemove, match="is not a path inside the corpus folder"), \
            CorpusFolder(tmp_path).withdrawn(rel):
        pass
