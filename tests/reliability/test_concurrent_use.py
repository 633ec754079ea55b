"""Answering while another process re-indexes, and two indexers started at once.

A reader that opened the index keeps answering from the articles it read:
every passage it retrieves is one of those articles' passages, at the same
offsets, whatever another process is writing meanwhile. Two indexers on one
index folder take turns: the second waits for the first, or gives up with
IndexBusy's message, and the store is exact afterwards.
"""

from __future__ import annotations

import time

import pytest
from corpora import EXTRA, FEW, article_file, make_corpus
from invariants import assert_grounded, assert_index_matches

from assistant import Assistant
from index.articles import load_corpus
from index.chunking import Chunker

pytestmark = pytest.mark.slow

AUDIT = "alder-jail-audit.txt"
AUDIT_FACT = "The auditors counted 41 detainer requests received by the jail during 2016."
AUDIT_QUESTION = "How many detainer requests did the Alder County jail receive?"
STEADY_QUESTION = "How many organizations signed the ACLU letter?"
# The rewritten audit: a new first paragraph moves every sentence, so offsets of one
# version point elsewhere in the other.
AUDIT_REWRITTEN = article_file(
    "alder-jail-audit",
    "Grand jury audits the Alder County jail",
    "Editor's note: this story was updated on Thursday with a reply from the sheriff's office.\n"
    + EXTRA[AUDIT].split("---\n", 2)[2],
)


def test_reader_while_another_process_reindexes__every_hit_and_quote_is_from_the_articles_it_read(
    children, tmp_path
):
    corpus, index_dir = make_corpus(tmp_path / "corpus", shipped=FEW), tmp_path / "index"
    reader = Assistant.from_corpus(corpus, index_dir=index_dir)
    articles = {a.id: a for a in reader.articles}
    chunker = Chunker(
        chunk_size=reader.catalog.settings.chunk_size, chunk_overlap=reader.catalog.settings.chunk_overlap
    )
    read_passages = {p.id: (p.start, p.end) for a in reader.articles for p in chunker.split(a)}

    original = (corpus / AUDIT).read_text(encoding="utf-8")
    progress = tmp_path / "rounds-done"
    writer = children(
        "rewrite_and_index",
        str(corpus),
        str(index_dir),
        article=AUDIT,
        versions=[AUDIT_REWRITTEN, original],
        rounds=5,
        progress=str(progress),
    )
    # The reader asks its first question only once the article has been rewritten and
    # re-indexed: its search then meets passages deleted since it read the article.
    deadline = time.monotonic() + 120
    while not progress.exists():
        assert writer.process.is_alive() and time.monotonic() < deadline, "the writer never finished a round"
        time.sleep(0.05)
    steady = reader.ask(STEADY_QUESTION)
    rounds = 0
    while writer.process.is_alive() or rounds == 0:
        for question in (AUDIT_QUESTION, STEADY_QUESTION):
            for hit in reader.retrieve(question):
                assert read_passages.get(hit.passage_id) == (hit.start, hit.end), (
                    f"{hit.passage_id} at {hit.start}-{hit.end} is no passage of the articles the reader read"
                )
            answer = reader.ask(question)
            assert_grounded(answer, articles)
            if question == STEADY_QUESTION:
                assert answer == steady, "an article nobody rewrote was answered differently"
            elif not answer.abstained:
                assert AUDIT_FACT in answer.citations[0].quote
        rounds += 1
    assert writer.wait() == 0
    assert rounds >= 3, "the reader asked too few times while the index was being rewritten"

    # The writer stopped at the rewritten version: the index is exactly its index, and a
    # process opening it now quotes the new offsets.
    assert (corpus / AUDIT).read_text(encoding="utf-8") == AUDIT_REWRITTEN
    assert_index_matches(index_dir, corpus)
    fresh = children("ask", str(corpus), str(index_dir), questions=[AUDIT_QUESTION], result=True)
    assert fresh.wait() == 0
    (citation, *_) = fresh.result["answers"][0]["citations"]
    rewritten = load_corpus(corpus).get("alder-jail-audit")
    assert rewritten.text[citation["start"] : citation["end"]] == citation["quote"]
    assert AUDIT_FACT in citation["quote"]
    assert citation["start"] != reader.ask(AUDIT_QUESTION).citations[0].start


def test_two_indexers_started_at_once__one_waits_for_the_other_and_the_store_is_exact(children, tmp_path):
    corpus, index_dir = make_corpus(tmp_path / "corpus", shipped=FEW), tmp_path / "index"
    runs = [children("run_cli_index", str(corpus), str(index_dir), result=True) for _ in range(2)]
    assert [run.wait() for run in runs] == [0, 0]
    assert [run.result["exit"] for run in runs] == [0, 0], [run.result["stderr"] for run in runs]
    outputs = sorted(run.result["stdout"] for run in runs)
    total = len(load_corpus(corpus))
    # One embedded every article; the other waited for it, then found nothing left to do.
    assert f"(added 0, updated 0, removed 0, unchanged {total} articles" in outputs[0]
    assert f"(added {total}, updated 0, removed 0, unchanged 0 articles" in outputs[1]
    assert_index_matches(index_dir, corpus)


def test_second_indexer_that_cannot_wait__fails_with_index_busy_and_the_store_is_exact(children, tmp_path):
    corpus, index_dir = make_corpus(tmp_path / "corpus", shipped=FEW), tmp_path / "index"
    started = tmp_path / "first-is-writing"
    first = children(
        "run_cli_index", str(corpus), str(index_dir), result=True, started=str(started), write_delay=5.0
    )
    deadline = time.monotonic() + 120
    while not started.exists():
        assert first.process.is_alive() and time.monotonic() < deadline, (
            "the first indexer never started writing"
        )
        time.sleep(0.05)
    second = children("run_cli_index", str(corpus), str(index_dir), result=True, lock_timeout=0.5)
    assert second.wait() == 0
    assert first.process.is_alive(), (
        "the first indexer finished before the second gave up: nothing was tested"
    )
    assert second.result["exit"] == 1
    assert second.result["stderr"].strip() == (
        f"error: Another process is indexing into '{index_dir}': "
        "wait for it to finish and run the command again."
    )
    assert first.wait() == 0 and first.result["exit"] == 0
    assert_index_matches(index_dir, corpus)
