"""The named `/ask` endpoint, called the way scripts call it: through gradio_client."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from gradio_client import Client

pytestmark = pytest.mark.slow

ANSWER_KEYS = {"question", "text", "abstained", "confidence", "citations", "reader", "notice"}
CITATION_KEYS = {
    "number",
    "article_id",
    "title",
    "outlet",
    "date",
    "date_approximate",
    "quote",
    "start",
    "end",
    "page",
}
QUESTIONS = [
    "How many immigrants had been placed in deportation proceedings?",
    "How many organizations signed the letter to Sheriff Mims?",
    "When did the ICE program at the Fresno County Jail begin?",
    "What did ICE acting Director Matthew Albence say about the report?",
    "What is the capital of France?",
]


def test_ask__returns_answer_dict_whose_quotes_match_the_article_text(client, articles):
    answer = client.predict(QUESTIONS[0], [], api_name="/ask")

    assert set(answer) == ANSWER_KEYS
    assert answer["question"] == QUESTIONS[0]
    assert answer["abstained"] is False
    assert 0.0 <= answer["confidence"] <= 1.0
    assert answer["citations"], "an answer must cite at least one quote"
    for citation in answer["citations"]:
        assert set(citation) == CITATION_KEYS
        text = articles[citation["article_id"]]
        assert text[citation["start"] : citation["end"]] == citation["quote"]
        assert f"[{citation['number']}]" in answer["text"]
    assert "134" in answer["text"]


def test_ask__history_is_optional(client):
    without = client.predict(QUESTIONS[1], api_name="/ask")
    empty = client.predict(QUESTIONS[1], [], api_name="/ask")

    assert without == empty


def test_ask__follow_up_uses_the_history_it_is_given(client):
    first = client.predict("How many organizations signed the letter?", [], api_name="/ask")

    follow_up = client.predict("By when did they ask her to respond?", [first], api_name="/ask")

    assert follow_up["abstained"] is False
    assert "Dec. 1" in follow_up["text"]


def test_ask__off_topic_question_abstains_without_citations(client):
    answer = client.predict("What is the capital of France?", [], api_name="/ask")

    assert answer["abstained"] is True
    assert answer["citations"] == []


@pytest.mark.parametrize(
    "question, history, message",
    [
        ("   ", [], "The question is empty"),
        ("Who?", [{"text": "no question"}], "history[0]"),
        ("Who?", ["not a dict"], "history[0] is not an answer dictionary"),
    ],
)
def test_ask__bad_input_fails_with_a_message_naming_the_fix(client, question, history, message):
    with pytest.raises(Exception, match=message.replace("[", r"\[").replace("]", r"\]")):
        client.predict(question, history, api_name="/ask")


def test_ask__ten_concurrent_calls_all_succeed_with_the_sequential_answers(served_app):
    questions = [QUESTIONS[i % len(QUESTIONS)] for i in range(10)]
    sequential = {
        q: Client(served_app.url, verbose=False).predict(q, [], api_name="/ask") for q in set(questions)
    }

    def ask(question: str) -> dict:
        return Client(served_app.url, verbose=False).predict(question, [], api_name="/ask")

    with ThreadPoolExecutor(max_workers=10) as pool:
        concurrent = list(pool.map(ask, questions))

    assert [answer["question"] for answer in concurrent] == questions
    for question, answer in zip(questions, concurrent, strict=True):
        assert answer == sequential[question]


def test_ask__ten_jobs_submitted_at_once_through_one_client_all_finish(client):
    jobs = [client.submit(QUESTIONS[i % 2], [], api_name="/ask") for i in range(10)]

    results = [job.result(timeout=120) for job in jobs]

    assert [r["question"] for r in results] == [QUESTIONS[i % 2] for i in range(10)]
    assert all(not r["abstained"] for r in results)
