from __future__ import annotations

import pytest

from index.articles import load_corpus, parse_article
from index.chunking import Chunker
from index.retrieval import reciprocal_rank_fusion
from index.terms import terms, tokens


def test_chunker__every_passage_is_the_article_text_at_its_offsets(corpus_dir):
    chunker = Chunker(chunk_size=48, chunk_overlap=0)
    for article in load_corpus(corpus_dir):
        passages = chunker.split(article)
        assert passages
        for passage in passages:
            assert article.text[passage.start : passage.end] == passage.text
        covered = "".join(article.text[p.start : p.end] for p in passages)
        assert len(covered) >= 0.95 * len(article.text.strip())


def test_chunker__passage_ids_change_when_the_article_changes():
    chunker = Chunker(chunk_size=48, chunk_overlap=0)
    before = chunker.split(parse_article("One sentence. Two sentences.", default_id="a"))
    after = chunker.split(parse_article("One sentence. Three sentences.", default_id="a"))
    assert before[0].id != after[0].id
    assert before[0].id.startswith("a#")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("How many immigrants were deported?", ["immigr", "deport"]),
        ("ICE’s 36,000 releases", ["ice", "36000", "releas"]),
        ("the 19th signer", ["19", "signer"]),
    ],
)
def test_terms__stemmed_content_words_and_whole_numbers(text, expected):
    assert terms(text) == expected


def test_tokens__possessives_dropped_numbers_joined():
    assert tokens("Mims’ office, ICE's 2,000") == ["mims", "office", "ice", "2000"]


def test_reciprocal_rank_fusion__rewards_agreement_between_lists():
    fused = reciprocal_rank_fusion([["a", "b"], ["b", "c"]], k=60)
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert max(fused, key=fused.get) == "b"
