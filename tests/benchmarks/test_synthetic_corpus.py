"""The synthetic benchmark corpus: deterministic, news-like, and loadable as a corpus."""

from __future__ import annotations

import re

import pytest

from benchmarks.synthetic import generate, questions, write_corpus
from index.articles import load_corpus


def test_generate__same_seed_same_articles_and_a_prefix_of_larger_corpora():
    assert generate(20, seed=7) == generate(20, seed=7)
    assert generate(200, seed=7)[:20] == generate(20, seed=7)
    assert generate(20, seed=7) != generate(20, seed=8)


def test_generate__articles_are_sentences_not_tokens():
    for article in generate(50):
        lines = article.text.splitlines()
        assert 9 <= len(lines) <= 16
        for line in lines:
            assert re.fullmatch(r"[A-Z$].{20,}[.\u201d]", line), line
        assert article.place in article.text and article.official in article.text


def test_write_corpus__loads_with_the_front_matter_it_was_written_with(tmp_path):
    written = generate(30)
    corpus = load_corpus(write_corpus(tmp_path / "corpus", 30))
    assert corpus.skipped == ()
    by_id = {a.id: a for a in corpus}
    assert set(by_id) == {a.id for a in written}
    for article in written:
        loaded = by_id[article.id]
        assert (loaded.title, loaded.outlet, loaded.date, loaded.text) == (
            article.title,
            article.outlet,
            article.date,
            article.text,
        )


def test_questions__name_facts_from_the_articles():
    articles = generate(40)
    asked = questions(articles, 25)
    assert len(asked) == 25 and asked == questions(articles, 25)
    places = {a.place for a in articles}
    assert all(any(place in q for place in places) or "said" in q or " say " in q for q in asked)


@pytest.mark.parametrize("count", [1, 3])
def test_write_corpus__small_counts(tmp_path, count):
    assert len(load_corpus(write_corpus(tmp_path / "c", count))) == count
