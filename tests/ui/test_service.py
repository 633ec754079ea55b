"""The service between HTTP payloads and the assistant: validation and the lock."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest

from assistant import Answer
from webui.service import BadRequest, ChatService, clean_question, parse_history

EARLIER = {"question": "Q?", "text": "A. [1]", "abstained": False, "confidence": 0.9, "citations": []}


@dataclass(frozen=True)
class StubArticle:
    id: str


class RecordingBot:
    """Answers every question with its own text, and notes overlapping calls."""

    articles = (StubArticle("a"),)

    def __init__(self) -> None:
        self.inside = 0
        self.overlapped = False
        self.histories: list[list[Answer]] = []
        self._count = threading.Lock()

    def ask(self, question: str, *, history=()) -> Answer:
        with self._count:
            self.inside += 1
            self.overlapped |= self.inside > 1
        time.sleep(0.01)
        self.histories.append(list(history))
        with self._count:
            self.inside -= 1
        return Answer(question=question, text=question, abstained=True, confidence=0.0)


def test_service__passes_history_as_answer_values():
    bot = RecordingBot()

    ChatService(bot).ask("Follow-up?", history=[EARLIER])

    assert bot.histories == [[Answer.from_dict(EARLIER)]]


def test_service__calls_reach_the_assistant_one_at_a_time():
    bot = RecordingBot()
    service = ChatService(bot)

    with ThreadPoolExecutor(max_workers=8) as pool:
        replies = list(pool.map(lambda i: service.ask(f"q{i}"), range(16)))

    assert [r["question"] for r in replies] == [f"q{i}" for i in range(16)]
    assert not bot.overlapped


def test_service__unknown_article_id_is_none():
    assert ChatService(RecordingBot()).article("<script>") is None


@pytest.mark.parametrize(
    "question, message",
    [
        ("", "The question is empty: type a question about the articles."),
        ("   \n", "The question is empty: type a question about the articles."),
        (None, "The question is empty: type a question about the articles."),
        ("x" * 1001, "The question is 1,001 characters long: keep it under 1,000."),
    ],
)
def test_clean_question__rejects_with_a_message_naming_the_fix(question, message):
    with pytest.raises(BadRequest) as error:
        clean_question(question)

    assert str(error.value) == message


@pytest.mark.parametrize(
    "history, message",
    [
        ("not a list", "history must be a list of earlier answers"),
        ([42], "history[0] is not an answer dictionary"),
        ([{"text": "t"}], "history[0]: Not an answer"),
    ],
)
def test_parse_history__rejects_what_is_not_a_list_of_answers(history, message):
    with pytest.raises(BadRequest, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_history(history)


def test_parse_history__none_and_empty_mean_no_history():
    assert parse_history(None) == [] and parse_history([]) == []
