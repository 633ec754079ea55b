"""Judging one observed case, and averaging cases into a scorecard, on hand-made data."""

from __future__ import annotations

import pytest

from evals.metrics import CORRECT, HALLUCINATED, MISSING, Span
from evals.observation import Observation, ObservedCitation
from evals.seeds.cases import Case, Evidence
from evals.seeds.scoring import METRICS, score_case, scorecard

ARTICLES = {
    "a": "Two ICE agents work in the jail. The jail books about 100 inmates a day.",
    "b": "The letter was signed by 18 groups. A reply was due by Dec. 1.",
}
AGENTS = "Two ICE agents work in the jail."  # a[0:32]
INMATES = "The jail books about 100 inmates a day."  # a[33:72]
DEADLINE = "A reply was due by Dec. 1."  # b[36:62]


def case(
    id="c1", *, answerable=True, facts=("100",), articles=("a",), evidence=(("a", INMATES),), turns=("Q?",)
):
    return Case(
        id=id,
        kind="single" if answerable else "unanswerable",
        subkind="" if answerable else "out_of_corpus",
        turns=tuple(turns),
        answerable=answerable,
        answers=tuple(facts),
        key_facts=tuple(facts) if answerable else (),
        articles=tuple(articles) if answerable else (),
        evidence=tuple(Evidence(a, q) for a, q in evidence) if answerable else (),
    )


def cite(article, quote, number=1, shift=0):
    start = ARTICLES[article].find(quote) + shift
    return ObservedCitation(
        number=number, article_id=article, quote=quote, start=start, end=start + len(quote)
    )


def seen(text="", *, abstained=False, citations=(), retrieved=(), latencies=(0.1,), error=None, id="c1"):
    return Observation(
        case_id=id,
        text=text,
        abstained=abstained,
        confidence=None if error else 0.5,
        citations=tuple(citations),
        retrieved=tuple(retrieved),
        latencies=tuple(latencies),
        error=error,
    )


def test_gold_offsets_in_this_module_are_what_the_tests_assume():
    assert ARTICLES["a"][33:72] == INMATES
    assert ARTICLES["b"][36:62] == DEADLINE


@pytest.mark.parametrize(
    ("the_case", "observation", "passed", "reasons", "outcome"),
    [
        (case(), seen(f"{INMATES} [1]", citations=[cite("a", INMATES)]), True, (), CORRECT),
        (
            case(),
            seen(f"{AGENTS} [1]", citations=[cite("a", AGENTS)]),
            False,
            ("missing key fact(s): '100'",),
            HALLUCINATED,
        ),
        (
            case(),
            seen(f"{INMATES} [1] {DEADLINE} [2]", citations=[cite("a", INMATES), cite("b", DEADLINE, 2)]),
            False,
            ("cited non-gold article(s): b",),
            CORRECT,
        ),
        (
            case(),
            seen("The articles don't say.", abstained=True),
            False,
            ("abstained on an answerable question",),
            MISSING,
        ),
        (case(answerable=False), seen("The articles don't say.", abstained=True), True, (), CORRECT),
        (
            case(answerable=False),
            seen(f"{AGENTS} [1]", citations=[cite("a", AGENTS)]),
            False,
            ("answered an unanswerable question",),
            HALLUCINATED,
        ),
        (case(), seen(error="RuntimeError: boom"), False, ("error: RuntimeError: boom",), HALLUCINATED),
        (
            case(answerable=False),
            seen(error="RuntimeError: boom"),
            False,
            ("error: RuntimeError: boom",),
            HALLUCINATED,
        ),
        # No citation at all is not a stray citation: the key facts decide.
        (case(), seen("About 100 a day."), True, (), CORRECT),
    ],
    ids=[
        "answer-with-fact-and-gold-citation",
        "answer-without-the-fact",
        "answer-citing-a-non-gold-article",
        "abstained-on-answerable",
        "abstained-on-unanswerable",
        "answered-unanswerable",
        "error-on-answerable",
        "error-on-unanswerable",
        "uncited-answer-with-fact",
    ],
)
def test_score_case__passes_only_on_the_expected_behaviour(the_case, observation, passed, reasons, outcome):
    score = score_case(the_case, observation, ARTICLES)
    assert score.passed is passed
    assert score.reasons == reasons
    assert score.outcome == outcome


def test_score_case__an_abstention_that_mentions_the_fact_still_finds_no_fact():
    score = score_case(case(), seen("I can't say whether it is 100.", abstained=True), ARTICLES)
    assert score.key_fact_recall == 0.0
    assert score.missing_facts == ("100",)


def test_score_case__measures_retrieval_and_citations():
    two = case(facts=("100", "Dec. 1"), articles=("a", "b"), evidence=(("a", INMATES), ("b", DEADLINE)))
    observation = seen(
        f"{INMATES} [1]",
        citations=[cite("a", INMATES), cite("a", INMATES, 2, shift=1)],  # the second is off by one
        retrieved=[Span("b", 0, 10), Span("a", 30, 40), Span("a", 0, 5)],
    )
    score = score_case(two, observation, ARTICLES)
    assert score.hit_at_1 == 1.0  # 'b' comes first and is gold too
    assert score.reciprocal_rank == 1.0
    assert score.evidence_recall == 0.5  # a[30:40] touches the inmates quote; b[0:10] misses the deadline
    assert score.key_fact_recall == 0.5
    assert score.verbatim == (True, False)
    assert score.cited_articles == ("a",)
    assert score.citation_precision == 1.0
    assert score.citation_recall == 0.5
    assert score.supports_gold is True


def test_scorecard__averages_each_metric_over_the_cases_it_applies_to():
    scores = [
        # answerable, answered, correct, cites gold; retrieval top is gold
        score_case(
            case("c1"),
            seen(
                INMATES,
                citations=[cite("a", INMATES)],
                retrieved=[Span("a", 33, 72)],
                latencies=(0.1,),
                id="c1",
            ),
            ARTICLES,
        ),
        # answerable, answered, wrong fact, cites one gold and one non-gold article, one bad offset
        score_case(
            case("c2"),
            seen(
                AGENTS,
                citations=[cite("a", AGENTS), cite("b", DEADLINE, 2, shift=1)],
                retrieved=[Span("b", 0, 30), Span("a", 0, 10)],
                latencies=(0.2, 0.3),
                id="c2",
            ),
            ARTICLES,
        ),
        # answerable, abstained
        score_case(
            case("c3"),
            seen("", abstained=True, retrieved=[Span("b", 0, 5)], latencies=(0.4,), id="c3"),
            ARTICLES,
        ),
        # unanswerable, abstained
        score_case(
            case("c4", answerable=False), seen("", abstained=True, latencies=(0.5,), id="c4"), ARTICLES
        ),
    ]
    values = scorecard(scores)
    assert set(values) == {metric.name for metric in METRICS}
    assert values == {
        "article_hit_at_1": pytest.approx(1 / 3),
        "article_mrr": pytest.approx((1 + 0.5 + 0) / 3),
        "evidence_recall": pytest.approx(1 / 3),
        "key_fact_recall": pytest.approx(1 / 3),
        "quote_verbatim_rate": pytest.approx(2 / 3),
        "citation_precision": pytest.approx((1 + 0.5) / 2),
        "citation_recall": pytest.approx(1.0),
        "quote_supports_gold_rate": pytest.approx(1 / 2),
        "abstention_recall": 1.0,
        "false_abstention_rate": pytest.approx(1 / 3),
        "crag_score": pytest.approx((2 - 1) / 4),
        "case_pass_rate": pytest.approx(2 / 4),
        # Every case says 0.5 and two of the four are right (CRAG correct): calibrated.
        "expected_calibration_error": pytest.approx(0.0),
        "latency_p50_ms": pytest.approx(300.0),
        "latency_p95_ms": pytest.approx(480.0),
    }


def test_scorecard__counts_a_system_error_as_neither_abstention_nor_answer():
    scores = [score_case(case("u", answerable=False), seen(error="ValueError: x", id="u"), ARTICLES)]
    values = scorecard(scores)
    assert values["abstention_recall"] == 0.0
    assert values["crag_score"] == -1.0
    assert values["quote_verbatim_rate"] == 1.0  # nothing was cited
