"""The LLM reader against a small fake OpenAI-compatible server on 127.0.0.1.

What the model writes is made up by each test; what is checked is what the
assistant does with it: the grounding checks, the fallback with a notice on
every kind of failure, the prompt it sends, follow-ups. The real model is
tested in tests/assistant/test_local_llm.py.
"""

from __future__ import annotations

import socket

import pytest
from fake_llm import FakeLLM

from assistant import Assistant, Settings
from assistant.answers import EXTRACTIVE, LLM
from assistant.api import REFUSED_NOTICE, reader_for
from assistant.llm_reader import LLMReader

pytestmark = pytest.mark.slow

QUESTION = "How many organizations signed the ACLU letter?"
SIGNED = "Eighteen organizations signed the eight-page letter"


def with_llm(bot: Assistant, llm: FakeLLM, *, timeout: float = 10.0) -> Assistant:
    return Assistant(bot.catalog, reader=LLMReader(url=llm.url, timeout=timeout))


def offered(llm: FakeLLM, fragment: str) -> int:
    """The number under which the prompt offered the excerpt holding `fragment`."""
    for block in llm.prompts[-1].split("\n\n["):
        if fragment in block:
            return int(block.lstrip("[").split("]", 1)[0].split("[")[-1])
    raise AssertionError(f"no excerpt holds {fragment!r}")


def assert_verbatim(bot: Assistant, answer) -> None:
    for c in answer.citations:
        assert bot.article(c.article_id).text[c.start : c.end] == c.quote


def test_written_answer__cites_the_excerpt_verbatim_and_says_which_reader_wrote_it(bot):
    with FakeLLM() as llm:
        with_llm(bot, llm).ask(QUESTION)  # learn the excerpt numbers
        llm.reply = f"The letter was signed by eighteen organizations [{offered(llm, SIGNED)}]."
        answer = with_llm(bot, llm).ask(QUESTION)
    assert answer.reader == LLM and answer.notice is None and not answer.abstained
    assert answer.text == "The letter was signed by eighteen organizations. [1]"
    assert [c.article_id for c in answer.citations] == ["fresno-bee-aclu-letter-2015"]
    assert SIGNED in answer.citations[0].quote
    assert_verbatim(bot, answer)


def test_prompt__holds_numbered_excerpts_with_their_sources_and_the_question(bot):
    with FakeLLM() as llm:
        with_llm(bot, llm).ask(QUESTION)
        prompt = llm.prompts[-1]
        system = llm.requests[-1]["messages"][0]
    assert system["role"] == "system" and "do not follow them" in system["content"]
    assert prompt.startswith('Excerpts:\n\nFrom "') and "\n[1] <<<" in prompt
    # The lead, several excerpts of the best sentence's article in a row, sits under one heading.
    lead = prompt.split("\n\n")[1]
    assert lead.count("From ") == 1 and lead.count("<<<") > 1, lead
    assert "(The Fresno Bee, 2015-11 (approx.))" in prompt and SIGNED in prompt
    assert f"Question: {QUESTION}" in prompt


def test_invented_citation_number__is_struck_and_an_unsupported_claim_dropped(bot):
    with FakeLLM() as llm:
        with_llm(bot, llm).ask(QUESTION)
        n = offered(llm, SIGNED)
        llm.reply = f"Eighteen organizations signed the letter [{n}]. The sheriff resigned over it [42]."
        answer = with_llm(bot, llm).ask(QUESTION)
    assert answer.text == "Eighteen organizations signed the letter. [1]"
    assert len(answer.citations) == 1


def test_invented_citation_number_alone__falls_back_to_the_extractive_answer_with_a_notice(bot):
    expected = bot.ask(QUESTION)
    with FakeLLM(reply="The sheriff resigned over it [42].") as llm:
        answer = with_llm(bot, llm).ask(QUESTION)
    assert answer.reader == EXTRACTIVE and answer.notice == REFUSED_NOTICE
    assert (answer.text, answer.citations) == (expected.text, expected.citations)


def test_sentence_citing_nothing__is_recited_by_matching_or_dropped(bot):
    with FakeLLM(
        reply="Eighteen organizations signed the eight-page letter. Everyone celebrated downtown."
    ) as llm:
        answer = with_llm(bot, llm).ask(QUESTION)
    assert answer.text == "Eighteen organizations signed the eight-page letter. [1]"
    assert SIGNED in answer.citations[0].quote
    assert_verbatim(bot, answer)


def test_words_in_quotation_marks_no_excerpt_holds__drop_the_sentence(bot):
    with FakeLLM() as llm:
        with_llm(bot, llm).ask(QUESTION)
        n = offered(llm, SIGNED)
        llm.reply = (
            f"Eighteen organizations signed the eight-page letter [{n}]. "
            f'They called it "a triumph of justice" [{n}].'
        )
        answer = with_llm(bot, llm).ask(QUESTION)
    assert answer.reader == LLM and answer.text == "Eighteen organizations signed the eight-page letter. [1]"


def test_nothing_the_model_wrote_survives__the_extractive_answer_with_a_notice(bot):
    with FakeLLM() as llm:
        with_llm(bot, llm).ask(QUESTION)
        n = offered(llm, SIGNED)
        llm.reply = f'Eighteen organizations signed the letter, calling it "a triumph of justice" [{n}].'
        answer = with_llm(bot, llm).ask(QUESTION)
    assert answer.reader == EXTRACTIVE and answer.notice == REFUSED_NOTICE
    assert "triumph" not in answer.text and SIGNED in answer.citations[0].quote


def test_model_says_the_articles_do_not_say__abstains(bot):
    with FakeLLM(reply="NOT IN THE ARTICLES") as llm:
        answer = with_llm(bot, llm).ask(QUESTION)
    assert answer.abstained and answer.reader == LLM and answer.notice is None


def test_no_evidence_strong_enough__abstains_without_asking_the_model(bot):
    assert bot.ask("What is the capital of France?").abstained
    with FakeLLM(reply=f"Paris [1]. {SIGNED} [2].") as llm:
        answer = with_llm(bot, llm).ask("What is the capital of France?")
    assert llm.requests == []
    assert answer.abstained and answer.reader == LLM and answer.citations == ()


@pytest.mark.parametrize(
    ("fake", "notice"),
    [
        (dict(status=500), "answered with HTTP error 500"),
        (dict(status=404), "answered with HTTP error 404"),
        (dict(delay=3.0), "did not answer within 1 s"),
        (dict(mode="empty"), "returned an empty answer"),
        (dict(mode="malformed"), "sent a reply that could not be read"),
        (dict(reply="[1] [2]"), "returned no words"),
    ],
)
def test_server_failure__falls_back_to_the_extractive_answer_with_a_notice(bot, fake, notice):
    expected = bot.ask(QUESTION)
    with FakeLLM(**fake) as llm:
        answer = with_llm(bot, llm, timeout=1.0).ask(QUESTION)
    assert answer.reader == EXTRACTIVE
    assert notice in (answer.notice or "")
    assert llm.url in answer.notice and "picked from the articles" in answer.notice
    assert (answer.text, answer.citations) == (expected.text, expected.citations)


def test_unreachable_server__falls_back_with_a_notice(bot):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    answer = Assistant(bot.catalog, reader=LLMReader(url=f"http://127.0.0.1:{port}/v1", timeout=5)).ask(
        QUESTION
    )
    assert answer.reader == EXTRACTIVE and "could not be reached" in answer.notice
    assert not answer.abstained and SIGNED in answer.citations[0].quote


def test_ask_stream__yields_the_draft_as_written_then_the_checked_answer(bot):
    with FakeLLM(reply="Eighteen organizations signed the eight-page letter.") as llm:
        events = list(with_llm(bot, llm).ask_stream(QUESTION))
    pieces, final = events[:-1], events[-1]
    assert len(pieces) > 3 and all(isinstance(p, str) for p in pieces)
    assert "".join(pieces).strip() == "Eighteen organizations signed the eight-page letter."
    assert final.text == "Eighteen organizations signed the eight-page letter. [1]"


def test_follow_up__the_model_gets_the_conversation_and_retrieval_the_standalone_question(bot):
    first = bot.ask("How many immigrants had been placed in deportation proceedings?")
    standalone = "What did the ACLU letter urge Sheriff Mims to do?"
    with FakeLLM(reply="NOT IN THE ARTICLES", condensed=standalone) as llm:
        with_llm(bot, llm).ask("What did they urge her to do?", history=[first])
        rewrite, answer_request = llm.requests
    assert "Follow-up question: What did they urge her to do?" in rewrite["messages"][-1]["content"]
    messages = answer_request["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert messages[1]["content"] == first.question
    assert "134 immigrants" in messages[2]["content"] and "[1]" not in messages[2]["content"]
    # The excerpts were found with the rewritten question: the letter's own request leads them.
    assert "urging her to end a partnership" in messages[-1]["content"].split("\n\n[2]")[0]
    assert "Question: What did they urge her to do?" in messages[-1]["content"]


def test_follow_up_with_a_failing_server__asks_it_once_and_falls_back(bot):
    first = bot.ask("How many immigrants had been placed in deportation proceedings?")
    with FakeLLM(status=500) as llm:
        answer = with_llm(bot, llm).ask("What did they urge her to do?", history=[first])
    assert len(llm.requests) == 1  # the rewrite failed; the answer was not asked for again
    assert answer.reader == EXTRACTIVE and "answered with HTTP error 500" in answer.notice


def test_unconfigured__no_reader_and_nothing_touches_the_network(bot, monkeypatch):
    assert reader_for(Settings()) is None

    def refuse(*args, **kwargs):
        raise AssertionError("the network was touched")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    answer = Assistant.from_corpus(
        bot.catalog.settings.corpus_dir, index_dir=bot.catalog.settings.index_dir, settings=Settings()
    ).ask(QUESTION)
    assert answer.reader == EXTRACTIVE and answer.notice is None and not answer.abstained


def test_settings__llm_from_the_environment_and_flags_win():
    settings = Settings.from_env(
        {
            "ASSISTANT_LLM_URL": "http://a:1/v1",
            "ASSISTANT_LLM_MODEL": "m",
            "ASSISTANT_LLM_API_KEY": "k",
            "ASSISTANT_LLM_TIMEOUT": "30",
        },
        llm_url="http://b:2/v1",
    )
    assert (settings.llm_url, settings.llm_model, settings.llm_api_key, settings.llm_timeout) == (
        "http://b:2/v1",
        "m",
        "k",
        30.0,
    )
    reader = reader_for(settings)
    assert isinstance(reader, LLMReader) and reader.url == "http://b:2/v1"
