"""Realnews questions: which can be asked without their choices, their text, and the cases they make."""

from __future__ import annotations

import pytest

from evals.realnews.corpus import NewsArticle
from evals.realnews.questions import build_cases, needs_choices, question_text
from evals.realnews.realtimeqa import Question


@pytest.mark.parametrize(
    ("sentence", "gold", "needs"),
    [
        ("Which of the following is the world’s largest coral reef?", "Great Barrier Reef", True),
        ("Which of these women did not fly on the mission?", "Oprah Winfrey", True),
        ("Which one of these cities hosted the summit?", "Oslo", True),
        ("For which of the following reasons were they upset?", "Noise", True),
        ("What did they steal?", "All of the above", True),
        ("What did they steal?", "None of these", True),
        ("Which country won the most honors?", "France", False),
        (
            "Amish Outlaws Band What genre of music does the Amish Outlaws band play?",
            "Rap and country",
            False,
        ),
        ("Which of <a href='/x'>the following</a> took first place?", "Copenhagen", True),
    ],
)
def test_needs_choices__table(sentence, gold, needs):
    question = Question("x_0", "20250704", "2025-07-02", sentence, (gold, "Other"), 0)
    assert needs_choices(question) is needs


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        (
            'Soaring demand for <a data-x="1" href="https://theweek.com/tag/dubai">Dubai</a> chocolate?',
            "Soaring demand for Dubai chocolate?",
        ),
        ("Amish Outlaws Band What genre?", "Amish Outlaws Band What genre?"),
        ("  Tom &amp; Jerry\n? ", "Tom & Jerry ?"),
    ],
)
def test_question_text__html_markup_dropped_and_the_rest_kept(sentence, text):
    assert question_text(sentence) == text


def test_build_cases__an_absent_question_is_rejected_when_an_article_holds_its_gold():
    articles = [
        NewsArticle("a", "T", "cnn.com", None, (), "https://cnn.com/a", "Longwood Gardens bought it.")
    ]
    absent = [Question("w_0", "20250711", "2025-07-09", "Who bought it?", ("Longwood Gardens", "X"), 0)]
    cases, counts = build_cases(articles, [], absent)
    assert cases == () and (counts["absent"], counts["absent_rejected"]) == (0, 1)
    cases, counts = build_cases(articles[:0] + [_other_article()], [], absent)
    assert [c.id for c in cases] == ["w_0"] and not cases[0].answerable


def _other_article() -> NewsArticle:
    return NewsArticle("b", "T", "cnn.com", None, (), "https://cnn.com/b", "Winterthur bought nothing.")
