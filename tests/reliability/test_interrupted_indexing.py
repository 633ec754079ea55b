"""Indexing killed with SIGKILL at chosen points: the next run completes the index exactly.

Each test kills a real indexing process (`python -m assistant index`, run in a
child) at a kill point, checks the kill really left the index unfinished, runs
the indexer again, and then compares the store with a fresh chunking of the
corpus (no passage missing, stale or stored twice) and the answers with those
of an index built without interruption.
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from corpora import EXTRA, FEW, QUESTIONS, article_file, make_corpus
from invariants import assert_index_matches, expected_passages, open_store, stored_passages

from assistant import Assistant
from index.articles import load_corpus

pytestmark = pytest.mark.slow

KILLED = -signal.SIGKILL
# Articles are embedded and committed about this many passages at a time in the killed runs,
# so a first run over the test corpus has three commit points rather than one.
ENCODE_GROUP = 5


def edit_to_v2(corpus: Path) -> None:
    """Change the corpus the way a user does between two runs: edit, delete, add."""
    letter = corpus / "fresno-bee-aclu-letter-2015.txt"
    letter.write_text(
        letter.read_text(encoding="utf-8").replace("134 immigrants", "135 immigrants"), encoding="utf-8"
    )
    audit = corpus / "alder-jail-audit.txt"
    head, body = EXTRA["alder-jail-audit.txt"].split("---\n")[1:3]
    audit.write_text(f"---\n{head}---\nUpdated Thursday with the sheriff's reply.\n{body}", encoding="utf-8")
    (corpus / "alder-interpreters.txt").unlink()
    (corpus / "alder-library.txt").write_text(
        article_file(
            "alder-library",
            "Alder library extends its hours",
            "The Alder public library will stay open until 9 p.m. on weekdays from June.\n"
            "Librarian Ines Okafor said 3,200 residents had signed a petition for longer hours.\n",
        ),
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def clean_answers(tmp_path_factory) -> dict[str, list[dict]]:
    """Answers from indexes built in one uninterrupted run, for the corpus before and after editing."""
    root = tmp_path_factory.mktemp("clean")
    v1 = make_corpus(root / "v1", shipped=FEW)
    v2 = make_corpus(root / "v2", shipped=FEW)
    edit_to_v2(v2)
    return {
        name: _answers(Assistant.from_corpus(c, index_dir=root / f"index-{name}"))
        for name, c in [("v1", v1), ("v2", v2)]
    }


def _answers(bot: Assistant) -> list[dict]:
    return [bot.ask(q).to_dict() for q in QUESTIONS]


def _kill_indexing(children, corpus: Path, index_dir: Path, kill_at: str) -> None:
    child = children("run_cli_index", str(corpus), str(index_dir), kill_at=kill_at, encode_group=ENCODE_GROUP)
    assert child.wait() == KILLED, (
        f"the indexer was not killed at {kill_at}: the kill point was never reached"
    )


def _index_fully(children, corpus: Path, index_dir: Path) -> None:
    child = children("run_cli_index", str(corpus), str(index_dir), encode_group=ENCODE_GROUP, result=True)
    assert child.wait() == 0 and child.result["exit"] == 0, child.result["stderr"]


def _unfinished(index_dir: Path, corpus: Path) -> dict[str, bool]:
    """What the killed run left: whether any article lacks its commit mark, any passage has no mark."""
    store = open_store(index_dir)
    marks = store.articles()
    current = {a.id: a.content_hash for a in load_corpus(corpus)}
    committed = {aid for aid, record in marks.items() if current.get(aid) == record.content_hash}
    expected = expected_passages(corpus)
    orphans = [pid for pid, row in stored_passages(store) if row[0] not in committed or pid not in expected]
    return {
        "articles_unmarked": committed != set(current) or set(marks) != set(current),
        "passages_without_mark": bool(orphans),
        "bm25_missing": not (index_dir / "lexical.pkl").exists(),
    }


def _recover_and_check(corpus: Path, index_dir: Path, clean: list[dict]) -> None:
    bot = Assistant.from_corpus(corpus, index_dir=index_dir)
    assert_index_matches(index_dir, corpus, lexical_size=len(bot.catalog.retriever.lexical))
    assert _answers(bot) == clean


@pytest.mark.parametrize(
    ("kill_at", "leaves"),
    [
        pytest.param("upsert:1", {"articles_unmarked"}, id="before-any-passage-is-stored"),
        pytest.param(
            "upsert:2", {"articles_unmarked", "passages_without_mark"}, id="passages-stored-commit-mark-not"
        ),
        pytest.param(
            "upsert:4", {"articles_unmarked", "passages_without_mark"}, id="one-group-committed-next-unmarked"
        ),
        pytest.param("lexical", {"bm25_missing"}, id="store-complete-bm25-not-saved"),
    ],
)
def test_first_build_killed__next_run_completes_the_index_exactly(
    children, tmp_path, clean_answers, kill_at, leaves
):
    corpus, index_dir = make_corpus(tmp_path / "corpus", shipped=FEW), tmp_path / "index"
    _kill_indexing(children, corpus, index_dir, kill_at)
    state = _unfinished(index_dir, corpus)
    assert {k for k, v in state.items() if v} == leaves | {"bm25_missing"}
    _recover_and_check(corpus, index_dir, clean_answers["v1"])


@pytest.mark.parametrize(
    ("kill_at", "leaves"),
    [
        pytest.param(
            "delete:2",
            {"articles_unmarked", "passages_without_mark"},
            id="deleted-article-unmarked-passages-kept",
        ),
        pytest.param(
            "delete:4",
            {"articles_unmarked", "passages_without_mark"},
            id="edited-articles-unmarked-old-passages-kept",
        ),
        pytest.param(
            "upsert:2",
            {"articles_unmarked", "passages_without_mark"},
            id="new-passages-stored-commit-mark-not",
        ),
    ],
)
def test_update_killed__next_run_completes_the_index_exactly(
    children, tmp_path, clean_answers, kill_at, leaves
):
    corpus, index_dir = make_corpus(tmp_path / "corpus", shipped=FEW), tmp_path / "index"
    _index_fully(children, corpus, index_dir)
    edit_to_v2(corpus)
    _kill_indexing(children, corpus, index_dir, kill_at)
    state = _unfinished(index_dir, corpus)
    # A kill in an update leaves the BM25 file of the last complete run; its fingerprint no longer matches.
    assert {k for k, v in state.items() if v} == leaves
    _recover_and_check(corpus, index_dir, clean_answers["v2"])


def test_killed_twice_then_corpus_edited__next_run_completes_the_index_exactly(
    children, tmp_path, clean_answers
):
    corpus, index_dir = make_corpus(tmp_path / "corpus", shipped=FEW), tmp_path / "index"
    _kill_indexing(children, corpus, index_dir, "upsert:4")
    # The second run is killed while it removes the passages the first left without a commit mark.
    _kill_indexing(children, corpus, index_dir, "delete:1")
    edit_to_v2(corpus)
    _recover_and_check(corpus, index_dir, clean_answers["v2"])
