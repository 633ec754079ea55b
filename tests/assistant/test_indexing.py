"""Incremental indexing and the guarantee that bad input loses nothing already indexed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import Assistant, CorpusNotFound, EmptyCorpus

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def corpus_copy(tmp_path, corpus_dir) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(corpus_dir, target)
    return target


def test_reindex__unchanged_kept_changed_replaced_deleted_removed(corpus_copy, tmp_path):
    index_dir = tmp_path / "index"
    first = Assistant.from_corpus(corpus_copy, index_dir=index_dir)
    assert len(first.last_sync.added) == 5
    store = first.catalog.retriever.store
    total = store.passage_count()

    letter = corpus_copy / "fresno-bee-aclu-letter-2015.txt"
    letter.write_text(letter.read_text(encoding="utf-8").replace("134 immigrants", "135 immigrants"), encoding="utf-8")
    (corpus_copy / "breitbart-alameda-detainers-2014.txt").unlink()
    second = Assistant.from_corpus(corpus_copy, index_dir=index_dir)
    report = second.last_sync
    assert report.updated == ("fresno-bee-aclu-letter-2015",)
    assert report.removed == ("breitbart-alameda-detainers-2014",)
    assert report.unchanged == 3 and report.added == ()
    store = second.catalog.retriever.store
    assert set(store.articles()) == {a.id for a in second.articles}
    assert store.passage_count() < total
    answer = second.ask("How many immigrants had been placed in deportation proceedings?")
    assert "135" in answer.text and "134" not in answer.text
    assert all(c.article_id != "breitbart-alameda-detainers-2014" for c in second.ask("What did Zack Taylor say?").citations)


@pytest.mark.parametrize("make_bad", ["missing", "empty", "only-bad-files"])
def test_bad_corpus__clear_error_and_the_existing_index_is_kept(corpus_copy, tmp_path, make_bad):
    index_dir = tmp_path / "index"
    Assistant.from_corpus(corpus_copy, index_dir=index_dir)
    shutil.rmtree(corpus_copy)
    if make_bad != "missing":
        corpus_copy.mkdir()
    if make_bad == "only-bad-files":
        (corpus_copy / "latin1.txt").write_bytes("Caf\xe9".encode("latin-1"))
    expected = CorpusNotFound if make_bad == "missing" else EmptyCorpus
    with pytest.raises(expected):
        Assistant.from_corpus(corpus_copy, index_dir=index_dir)
    # The index on disk still holds all five articles.
    from index.settings import Settings
    from index.store import ChromaStore

    settings = Settings(corpus_dir=corpus_copy, index_dir=index_dir)
    store = ChromaStore(name=index_dir.name, path=index_dir / "chroma", fingerprint=_fingerprint(settings))
    assert len(store.articles()) == 5


def _fingerprint(settings) -> str:
    from index.chunking import Chunker
    from index.embedding import Embedder

    chunker = Chunker(chunk_size=settings.chunk_size, chunk_overlap=settings.chunk_overlap)
    return f"{Embedder(settings.embedding_model).name}|{chunker.fingerprint}"


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def test_cli__ask_json_answers_134_and_france_abstains(tmp_path):
    done = _cli("ask", "How many immigrants had been placed in deportation proceedings?", "--json",
                "--index-dir", str(tmp_path / "i"))
    assert done.returncode == 0, done.stderr
    import json

    data = json.loads(done.stdout)
    assert "134" in data["text"] and data["citations"][0]["article_id"] == "fresno-bee-aclu-letter-2015"
    france = _cli("ask", "What is the capital of France?", "--json", "--index-dir", str(tmp_path / "i"))
    assert json.loads(france.stdout)["abstained"] is True


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ask", "   "], "error: The question is empty"),
        (["ask", "x" * 100_000], "the limit is 2,000"),
        (["ask", "Who?", "--corpus", "/nonexistent/folder"], "does not exist"),
        (["index", "--corpus", "EMPTY"], "No readable articles"),
    ],
)
def test_cli__bad_input_exits_non_zero_with_a_clear_message(tmp_path, args, message):
    (tmp_path / "empty").mkdir()
    args = [str(tmp_path / "empty") if a == "EMPTY" else a for a in args]
    done = _cli(*args, "--index-dir", str(tmp_path / "i"))
    assert done.returncode == 1
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_cli__index_names_skipped_files_and_exits_3_after_indexing_the_rest(tmp_path, corpus_dir):
    corpus = tmp_path / "c"
    shutil.copytree(corpus_dir, corpus)
    (corpus / "latin1.txt").write_bytes("Caf\xe9 story".encode("latin-1"))
    done = _cli("index", "--corpus", str(corpus), "--index-dir", str(tmp_path / "i"))
    assert done.returncode == 3
    assert "skipped latin1.txt: not UTF-8 text" in done.stderr
    assert "5 articles indexed" in done.stdout


def test_cli__chat_keeps_the_conversation(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "chat", "--index-dir", str(tmp_path / "i")],
        cwd=ROOT, input="What did the ACLU letter urge Sheriff Mims to do?\nBy when did they want her to answer?\n/quit\n",
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Dec. 1" in done.stdout
