"""The metric functions, each checked on tiny hand-made inputs with exact values."""

from __future__ import annotations

import pytest

from evals import metrics as m
from evals.metrics import CORRECT, HALLUCINATED, MISSING, Span


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plain words", "plain words"),
        ("The  “Sheriff’s”\u00a0Office", 'the "sheriff\'s" office'),
        ("  line\nbreaks\tand tabs ", "line breaks and tabs"),
        ("‘single’ „low“", "'single' \"low\""),
    ],
)
def test_normalise__folds_case_quotes_and_whitespace(text, expected):
    assert m.normalise(text) == expected


@pytest.mark.parametrize(
    ("text", "fact", "expected"),
    [
        ("About 100 inmates a day [1].", "100", True),
        ("About 100 inmates a day [1].", "100 INMATES", True),
        ("the sheriff’s department", "sheriff's department", True),
        ("Two ICE agents\u00a0are stationed", "two ice agents are", True),
        ("stationed at the\njail", "stationed at the jail", True),
        ("About 100 inmates", "134", False),
        ("", "23", False),
    ],
)
def test_contains_fact__matches_normalised_substrings(text, fact, expected):
    assert m.contains_fact(text, fact) is expected


@pytest.mark.parametrize(
    ("text", "facts", "expected"),
    [
        ("23 people, then 134 people", ["23", "134"], 1.0),
        ("23 were held", ["23", "134"], 0.5),
        ("nothing relevant", ["23", "134", "rape"], 0.0),
        ("anything", [], 1.0),
    ],
)
def test_key_fact_recall__is_the_fraction_of_facts_found(text, facts, expected):
    assert m.key_fact_recall(text, facts) == expected


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        (["a", "b", "a", "c", "b"], ["a", "b", "c"]),
        ([], []),
        (["x"], ["x"]),
    ],
)
def test_ranked_articles__collapses_passages_in_first_seen_order(ids, expected):
    assert m.ranked_articles(ids) == expected


@pytest.mark.parametrize(
    ("ranked", "gold", "hit", "rr"),
    [
        (["a", "b"], ["a"], 1.0, 1.0),
        (["b", "a"], ["a"], 0.0, 0.5),
        (["b", "c", "a"], ["a", "c"], 0.0, 0.5),
        (["b", "c", "d"], ["a"], 0.0, 0.0),
        ([], ["a"], 0.0, 0.0),
        (["c", "d", "e", "a"], ["a"], 0.0, 0.25),
    ],
)
def test_hit_at_1_and_reciprocal_rank__use_the_first_gold_article(ranked, gold, hit, rr):
    assert m.hit_at_1(ranked, gold) == hit
    assert m.reciprocal_rank(ranked, gold) == rr


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (Span("a", 0, 10), Span("a", 9, 20), True),
        (Span("a", 0, 10), Span("a", 10, 20), False),  # end is exclusive
        (Span("a", 5, 6), Span("a", 0, 100), True),
        (Span("a", 0, 10), Span("b", 0, 10), False),  # other article
    ],
)
def test_span_overlaps__needs_a_shared_character_of_the_same_article(a, b, expected):
    assert a.overlaps(b) is expected
    assert b.overlaps(a) is expected


@pytest.mark.parametrize(
    ("retrieved", "gold", "expected"),
    [
        ([Span("a", 0, 50)], [[Span("a", 40, 60)], [Span("a", 70, 90)]], 0.5),
        ([Span("a", 0, 50), Span("a", 60, 100)], [[Span("a", 40, 60)], [Span("a", 70, 90)]], 1.0),
        ([Span("b", 0, 100)], [[Span("a", 40, 60)]], 0.0),
        ([], [[Span("a", 40, 60)]], 0.0),
        # A quote that occurs twice counts once, wherever it is retrieved.
        ([Span("a", 200, 220)], [[Span("a", 10, 20), Span("a", 205, 215)]], 1.0),
        ([Span("a", 0, 10)], [], 1.0),
    ],
)
def test_evidence_recall__counts_gold_quotes_overlapped_by_retrieved_spans(retrieved, gold, expected):
    assert m.evidence_recall(retrieved, gold) == expected


@pytest.mark.parametrize(
    ("article", "quote", "start", "end", "expected"),
    [
        ("Hello world", "world", 6, 11, True),
        ("Hello world", "World", 6, 11, False),
        ("Hello world", "world", 5, 10, False),
        ("Hello world", "world", 6, 99, False),
        ("Hello world", "", 0, 0, False),
        (None, "world", 6, 11, False),  # unknown article
        ("Sheriff’s office", "Sheriff's office", 0, 16, False),  # verbatim means byte for byte
    ],
)
def test_is_verbatim__requires_the_exact_text_at_the_offsets(article, quote, start, end, expected):
    assert m.is_verbatim(article, quote, start, end) is expected


@pytest.mark.parametrize(
    ("cited", "gold", "precision", "recall"),
    [
        (["a"], ["a"], 1.0, 1.0),
        (["a", "b", "b"], ["a"], 0.5, 1.0),
        (["a"], ["a", "b"], 1.0, 0.5),
        (["c", "d"], ["a", "b"], 0.0, 0.0),
        ([], ["a"], 0.0, 0.0),
        (["a", "b", "c", "d"], ["a"], 0.25, 1.0),
    ],
)
def test_citation_precision_and_recall__compare_distinct_article_ids(cited, gold, precision, recall):
    assert m.citation_precision(cited, gold) == precision
    assert m.citation_recall(cited, gold) == recall


@pytest.mark.parametrize(
    ("quotes", "gold", "facts", "expected"),
    [
        ([(Span("a", 0, 20), "some text")], [[Span("a", 10, 30)]], ["zzz"], True),  # overlaps
        ([(Span("b", 0, 20), "two ICE agents")], [[Span("a", 0, 20)]], ["Two ICE agents"], True),  # has fact
        ([(Span("a", 50, 60), "other")], [[Span("a", 0, 20)]], ["Dec. 1"], False),
        ([], [[Span("a", 0, 20)]], ["x"], False),
    ],
)
def test_quote_supports_gold__by_overlap_or_key_fact(quotes, gold, facts, expected):
    assert m.quote_supports_gold(quotes, gold, facts) is expected


@pytest.mark.parametrize(
    ("answerable", "abstained", "all_facts", "expected"),
    [
        (True, False, True, CORRECT),
        (True, False, False, HALLUCINATED),
        (True, True, False, MISSING),
        (True, True, True, MISSING),
        (False, True, False, CORRECT),
        (False, False, False, HALLUCINATED),
    ],
)
def test_crag_outcome__follows_the_table(answerable, abstained, all_facts, expected):
    assert m.crag_outcome(answerable=answerable, abstained=abstained, all_facts=all_facts) == expected


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        ([CORRECT, MISSING, HALLUCINATED, CORRECT], 0.25),
        ([CORRECT, CORRECT], 1.0),
        ([MISSING, MISSING], 0.0),
        ([HALLUCINATED, HALLUCINATED, CORRECT, MISSING], -0.25),
        ([], None),
    ],
)
def test_crag_score__is_correct_minus_hallucinated_over_all(outcomes, expected):
    assert m.crag_score(outcomes) == expected


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([1, 2, 3, 4], 50, 2.5),
        ([1, 2, 3, 4], 95, pytest.approx(3.85)),
        ([4, 1, 3, 2], 0, 1),
        ([4, 1, 3, 2], 100, 4),
        ([7], 95, 7),
        ([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110], 50, 60),
        ([], 50, None),
    ],
)
def test_percentile__interpolates_linearly_between_ranks(values, q, expected):
    assert m.percentile(values, q) == expected


def test_percentile__rejects_a_q_outside_0_to_100():
    with pytest.raises(ValueError, match="outside 0–100"):
        m.percentile([1, 2], 150)


@pytest.mark.parametrize(("values", "expected"), [([1, 0, 0.5], 0.5), ([], None), ([0.25], 0.25)])
def test_mean__is_none_when_nothing_applies(values, expected):
    assert m.mean(values) == expected
