"""Judging open RealTimeQA cases by their gold answer's words, and averaging them, on hand-made data."""

from __future__ import annotations

import pytest

from evals.metrics import CORRECT, HALLUCINATED, MISSING, Span
from evals.observation import Observation, ObservedCitation
from evals.realnews.cases import EvidenceWindow, OpenCase
from evals.realnews.scoring import (
    MARGIN,
    REALNEWS_METRICS,
    realnews_scorecard,
    score_open_case,
    with_margin,
)

TOWER = "The tower that washed up in Delaware came from Ship Bottom, N.J., officials said."


def open_case(id="20250704_0", *, gold="Ship Bottom", answerable=True, articles=("tower", "briefs")):
    return OpenCase(
        id=id,
        question="Where did the lifeguard tower come from?",
        question_date="2025-07-02",
        gold=gold,
        answerable=answerable,
        articles=tuple(articles) if answerable else (),
        evidence=(EvidenceWindow(articles[0], 0, len(TOWER), TOWER),) if answerable else (),
        week="20250704",
        searched=(articles[0],) if answerable else (),
    )


def seen(text="", *, abstained=False, quotes=(), retrieved=(), confidence=0.5, latencies=(0.1,), error=None):
    return Observation(
        case_id="c",
        text=text,
        abstained=abstained,
        confidence=None if error else confidence,
        citations=tuple(ObservedCitation(i, a, q, 0, len(q)) for i, (a, q) in enumerate(quotes, start=1)),
        retrieved=tuple(Span(a, 0, 10) for a in retrieved),
        latencies=tuple(latencies),
        error=error,
    )


@pytest.mark.parametrize(
    ("the_case", "observation", "outcome", "holds", "reasons"),
    [
        (open_case(), seen(f"{TOWER} [1]", quotes=[("tower", TOWER)]), CORRECT, True, ()),
        # The LLM reader's own words miss the gold; the quote it cites holds it.
        (open_case(), seen("It came from New Jersey. [1]", quotes=[("tower", TOWER)]), CORRECT, True, ()),
        (
            open_case(),
            seen("It came from Cape May. [1]", quotes=[("x", "Cape May is a resort.")]),
            HALLUCINATED,
            False,
            ("the answer and its quotes do not hold the gold 'Ship Bottom'",),
        ),
        # An abstention holds nothing, whatever its wording says.
        (
            open_case(),
            seen("The articles do not say whether Ship Bottom is right.", abstained=True),
            MISSING,
            False,
            ("abstained on an answerable question",),
        ),
        (
            open_case(answerable=False, gold="Longwood Gardens"),
            seen("No.", abstained=True),
            CORRECT,
            False,
            (),
        ),
        (
            open_case(answerable=False, gold="Longwood Gardens"),
            seen(f"{TOWER} [1]", quotes=[("tower", TOWER)]),
            HALLUCINATED,
            False,
            ("answered an absent-answer question",),
        ),
        (
            open_case(),
            seen(error="RuntimeError: index gone"),
            HALLUCINATED,
            False,
            ("error: RuntimeError: index gone",),
        ),
    ],
)
def test_score_open_case__judges_the_answer_and_its_quotes_against_the_gold(
    the_case, observation, outcome, holds, reasons
):
    score = score_open_case(the_case, observation)
    assert (score.outcome, score.holds_gold, score.reasons) == (outcome, holds, reasons)
    assert score.passed is (outcome == CORRECT) and score.right is score.passed


@pytest.mark.parametrize(
    ("retrieved", "ranked", "hit_1", "hit_5", "rr"),
    [
        (["tower", "tower", "other"], ("tower", "other"), 1.0, 1.0, 1.0),
        (["a", "a", "b", "c", "d", "briefs"], ("a", "b", "c", "d", "briefs"), 0.0, 1.0, 0.2),
        # Six other articles first: the gold is sixth, outside hit@5, still in MRR.
        (["a", "b", "c", "d", "e", "tower"], ("a", "b", "c", "d", "e", "tower"), 0.0, 0.0, 1 / 6),
        ([], (), 0.0, 0.0, 0.0),
    ],
)
def test_score_open_case__ranks_each_article_once_against_every_gold_article(
    retrieved, ranked, hit_1, hit_5, rr
):
    score = score_open_case(open_case(), seen(TOWER, retrieved=retrieved))
    assert (score.ranked_articles, score.hit_at_1, score.hit_at_5) == (ranked, hit_1, hit_5)
    assert score.reciprocal_rank == pytest.approx(rr)


def test_realnews_scorecard__averages_each_metric_over_the_cases_it_applies_to():
    scores = [
        # answerable, answered with the gold, gold article first: right at 0.9
        score_open_case(
            open_case("a1"), seen(TOWER, quotes=[("tower", TOWER)], retrieved=["tower"], confidence=0.9)
        ),
        # answerable, answered without the gold, gold article third: wrong at 0.8
        score_open_case(
            open_case("a2"),
            seen("Cape May.", retrieved=["x", "y", "tower"], confidence=0.8, latencies=(0.3,)),
        ),
        # answerable, abstained, no gold article retrieved: wrong (missing) at 0.2
        score_open_case(open_case("a3"), seen("", abstained=True, retrieved=["x"], confidence=0.2)),
        # absent answer, abstained: right at 0.1; absent answer, answered: wrong at 0.6
        score_open_case(open_case("u1", answerable=False), seen("", abstained=True, confidence=0.1)),
        score_open_case(open_case("u2", answerable=False), seen("Something.", confidence=0.6)),
    ]
    values = realnews_scorecard(scores)
    assert set(values) == {metric.name for metric in REALNEWS_METRICS}
    assert values == {
        "answer_in_quote": pytest.approx(1 / 3),
        MARGIN: None,
        "answer_in_quote_when_answered": pytest.approx(1 / 2),
        "article_hit_at_1": pytest.approx(1 / 3),
        "article_hit_at_5": pytest.approx(2 / 3),
        "article_mrr": pytest.approx((1 + 1 / 3 + 0) / 3),
        "abstention_recall": 0.5,
        "false_abstention_rate": pytest.approx(1 / 3),
        "crag_score": pytest.approx((2 - 2) / 5),
        "case_pass_rate": pytest.approx(2 / 5),
        # bins: 9 {0.9 right}, 8 {0.8 wrong}, 2 {0.2 wrong}, 1 {0.1 right}, 6 {0.6 wrong}
        "expected_calibration_error": pytest.approx((0.1 + 0.8 + 0.2 + 0.9 + 0.6) / 5),
        "latency_p50_ms": pytest.approx(100.0),
        "latency_p95_ms": pytest.approx(260.0),
    }


def test_realnews_scorecard__leaves_out_of_calibration_a_case_that_failed_with_an_error():
    scores = [
        score_open_case(open_case("a1"), seen(TOWER, confidence=1.0)),
        score_open_case(open_case("a2"), seen(error="ValueError: x")),
    ]
    assert realnews_scorecard(scores)["expected_calibration_error"] == 0.0


@pytest.mark.parametrize(
    ("ours", "peer", "margin"),
    [
        (0.6, 0.4, 0.2),
        (0.3, 0.45, -0.15),
        (0.5, None, None),
        (None, 0.5, None),
    ],
)
def test_with_margin__is_ours_minus_the_peers_answer_in_context(ours, peer, margin):
    values = with_margin(
        {"answer_in_quote": ours, MARGIN: None}, None if peer is None else {"answer_in_quote": peer}
    )
    assert values[MARGIN] == margin
