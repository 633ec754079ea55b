"""The LLM reader benchmark against the small fake OpenAI-compatible server: what it records per question.

The real model's figures come from `python -m benchmarks llm`; here the server
is `tests/fake_llm.py`, so the test checks what is measured and how, not how fast.
"""

from __future__ import annotations

import pytest
from fake_llm import FakeLLM

from assistant import Assistant
from assistant.llm_reader import LLMReader
from benchmarks.llm_reader import TimedReader, ask_timed, repeat_usage, summarise

# Generous: the first call imports the client, and the machine may be busy.
TIMEOUT = 120.0
SIGNED = "Eighteen organizations signed the eight-page letter [1]."


@pytest.mark.parametrize(
    ("questions", "expected"),
    [
        ([{"answer_seconds": 10.0}, {"answer_seconds": 20.0}], {"answer_seconds": {"p50": 15.0, "p95": 19.5}}),
        ([{"answer_seconds": 4.0, "prompt_tokens": None}], {"answer_seconds": {"p50": 4.0, "p95": 4.0}}),
        ([{"question": "no figures"}], {}),
    ],
)
def test_summarise__p50_and_p95_over_the_questions_that_have_the_figure(questions, expected):
    assert summarise(questions) == expected


@pytest.mark.slow
def test_ask_timed__records_latency_first_token_and_the_servers_token_counts(bot):
    with FakeLLM(reply=SIGNED) as llm:
        reader = TimedReader(LLMReader(url=llm.url, timeout=TIMEOUT))
        timed = Assistant(bot.catalog, reader=reader)
        figures, answer = ask_timed(timed, reader, "How many organizations signed the ACLU letter?", model="fake")
        streamed, repeated = llm.requests
    assert not answer.abstained and answer.notice is None
    assert figures["outcome"] == "answered, 1 citation"
    assert figures["answer_seconds"] >= figures["reader_seconds"] >= figures["first_token_seconds"] > 0
    assert figures["first_piece_seconds"] >= figures["first_token_seconds"]
    assert (figures["prompt_tokens"], figures["completion_tokens"]) == (10, 5)  # the fake's usage
    assert figures["same_text"] is True
    assert figures["excerpts"] == len(reader.reading.excerpts) > 0
    # The repeat sends the very chat the stream did, not streamed.
    assert streamed["stream"] is True and repeated["stream"] is False
    assert repeated["messages"] == streamed["messages"]
    assert figures["rewrite_seconds"] is None  # no history, no rewrite call


@pytest.mark.slow
def test_ask_timed__a_follow_up_times_the_rewrite_call(bot):
    with FakeLLM(reply=SIGNED, condensed="Which groups signed the ACLU letter?") as llm:
        reader = TimedReader(LLMReader(url=llm.url, timeout=TIMEOUT))
        timed = Assistant(bot.catalog, reader=reader)
        _, first = ask_timed(timed, reader, "How many organizations signed the ACLU letter?", model="fake")
        figures, _ = ask_timed(timed, reader, "Which groups were among them?", history=[first], model="fake")
    assert figures["rewrite_seconds"] > 0
    assert figures["answer_seconds"] >= figures["reader_seconds"] + figures["rewrite_seconds"]
    assert len(llm.requests) == 2 + 3  # the first question and its repeat; rewrite, answer, repeat


@pytest.mark.slow
def test_ask_timed__a_failing_server_is_reported_as_a_fallback(bot):
    with FakeLLM(status=500) as llm:
        reader = TimedReader(LLMReader(url=llm.url, timeout=TIMEOUT))
        figures, answer = ask_timed(
            Assistant(bot.catalog, reader=reader), reader, "How many organizations signed the ACLU letter?",
            model="fake",
        )  # fmt: skip
    assert figures["outcome"].startswith("fell back: The language model at")
    assert answer.notice


def test_repeat_usage__reads_the_usage_of_a_whole_reply():
    from llama_index.core.llms import ChatMessage, MessageRole

    with FakeLLM(reply="Paris.") as llm:
        usage = repeat_usage(llm.url, [ChatMessage(role=MessageRole.USER, content="Hi")], model="m", max_tokens=9)
        (body,) = llm.requests
    assert (usage.prompt_tokens, usage.completion_tokens, usage.text) == (10, 5, "Paris.")
    assert body == {
        "model": "m", "messages": [{"role": "user", "content": "Hi"}], "max_tokens": 9, "temperature": 0.0,
        "stream": False,
    }  # fmt: skip
