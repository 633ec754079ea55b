"""The LlamaIndex peer: default dense retrieval whose chunks line up with the corpus."""

from __future__ import annotations

import pytest

from evals.peer import PEER_TOP_K, PeerRetriever

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def peer(corpus_texts):
    return PeerRetriever.from_articles(corpus_texts.items())


def test_peer__chunks_keep_article_ids_and_exact_offsets(peer, corpus_texts):
    hits = peer.retrieve("How many organizations signed the ACLU letter?", k=8)
    assert hits, "the peer retrieved nothing"
    assert peer.chunk_count >= len(corpus_texts)
    for hit in hits:
        assert hit.article_id in corpus_texts
        assert corpus_texts[hit.article_id][hit.start : hit.end] == hit.text


def test_peer__answers_with_its_top_chunks_and_never_abstains(peer, corpus_texts):
    answer = peer.ask("What is the boiling point of mercury?", history=[object()])
    assert answer.abstained is False
    assert len(answer.citations) == PEER_TOP_K
    assert answer.text == "\n\n".join(c.quote for c in answer.citations)
    for citation in answer.citations:
        assert corpus_texts[citation.article_id][citation.start : citation.end] == citation.quote


def test_peer__ranks_more_chunks_when_asked_for_a_deeper_k(peer):
    assert len(peer.retrieve("ICE agents in the Fresno County Jail", k=4)) == min(4, peer.chunk_count)
