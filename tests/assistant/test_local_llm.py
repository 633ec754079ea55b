"""The LLM reader with a real model: llama.cpp's server and Qwen2.5-Coder-1.5B on 127.0.0.1.

A small model on two cores, about 15-20 s an answer, so a few questions only.
What is asserted is what the checks guarantee, whatever the model writes:
every citation is its article's text at its offsets, and an answer that
stands has at least one. The eval suite (`python -m evals --reader llm`)
scores how good the answers are.
"""

from __future__ import annotations

import re

import pytest
from checks import assert_checked

from assistant import Assistant
from assistant.answers import LLM

pytestmark = [pytest.mark.slow, pytest.mark.llm]


@pytest.fixture(scope="module")
def writer(bot, local_reader) -> Assistant:
    return Assistant(bot.catalog, reader=local_reader())


def test_why_question__written_from_the_letter_that_gives_the_reason(bot, writer):
    answer = writer.ask("Why did the ACLU want Fresno County to end its partnership with ICE?")
    # The reason is in the letter story, paragraphs below the sentence the question matches:
    # the model reads on in that story (the lead excerpts) and cites it.
    assert answer.reader == LLM and answer.notice is None, answer.notice
    assert not answer.abstained, answer.text
    assert "fresno-bee-aclu-letter-2015" in {c.article_id for c in answer.citations}, answer.citations
    assert_checked(answer, {a.id: a for a in bot.articles})


def test_count_question__answered_and_checked(bot, writer):
    answer = writer.ask("How many organizations signed the ACLU letter?")
    assert answer.reader == LLM and answer.notice is None, answer.notice
    assert_checked(answer, {a.id: a for a in bot.articles})
    assert not answer.abstained and re.search(r"\b(18|[Ee]ighteen)\b", answer.text), answer.text


def test_question_the_articles_do_not_answer__abstains(bot, writer):
    answer = writer.ask("What is the capital of France?")
    assert answer.reader == LLM and answer.notice is None, answer.notice
    assert answer.abstained, answer.text


def test_follow_up__answered_from_the_conversation_and_checked(bot, writer):
    # The first turn's answer is the extractive one: what is tested is the model's follow-up.
    first = bot.ask("What did the ACLU letter urge Sheriff Mims to do?")
    answer = writer.ask("By when did they ask her to respond?", history=[first])
    assert answer.reader == LLM and answer.notice is None, answer.notice
    assert_checked(answer, {a.id: a for a in bot.articles})
