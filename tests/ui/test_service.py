"""The service between HTTP payloads and the assistant: validation and the lock."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant import Answer
from webui.service import BadRequest, ChatService, clean_question, clean_upload_paths, parse_history

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


def test_service__questions_asked_at_once_each_get_their_own_answer():
    service = ChatService(RecordingBot())

    with ThreadPoolExecutor(max_workers=8) as pool:
        replies = list(pool.map(lambda i: service.ask(f"q{i}"), range(16)))

    assert [r["question"] for r in replies] == [f"q{i}" for i in range(16)]


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


class UploadingBot(RecordingBot):
    """Adds files slowly, the way indexing takes time, and gains an article when done."""

    def __init__(self) -> None:
        super().__init__()
        self.lock = threading.Lock()
        self.asked_while_adding = threading.Event()
        self.added: list[list] = []

    def add(self, files, *, progress=None):
        self.added.append(list(files))
        if progress:
            progress("indexing", 0, 1)
        # Indexing: a question asked now must be answered without waiting for it.
        self.asked_while_adding.wait(timeout=5)
        with self.lock:
            self.articles = (*self.articles, StubArticle("new"))
        return "report"

    def remove(self, article_id, *, progress=None):
        self.articles = tuple(a for a in self.articles if a.id != article_id)


def test_service__questions_are_answered_while_files_are_indexed():
    bot = UploadingBot()
    service = ChatService(bot)
    answered = []

    def ask_during_indexing():
        answered.append(service.ask("Still there?")["question"])
        bot.asked_while_adding.set()

    with ThreadPoolExecutor(max_workers=2) as pool:
        adding = pool.submit(service.add, ["/tmp/gradio/ab/story.html"])
        time.sleep(0.05)
        pool.submit(ask_during_indexing).result(timeout=5)
        assert adding.result(timeout=5) == "report"

    assert answered == ["Still there?"]
    assert bot.added == [[Path("/tmp/gradio/ab/story.html")]]
    assert service.article("new") is not None, "the article list follows the corpus"


def test_service__asks_under_the_assistants_own_lock():
    bot = UploadingBot()

    assert ChatService(bot)._lock is bot.lock


def test_service__remove_drops_the_article_from_the_list():
    bot = UploadingBot()
    service = ChatService(bot)

    service.remove("a")

    assert service.article("a") is None


@pytest.mark.parametrize("article_id", [None, "", "missing", 42])
def test_service__remove_of_an_unknown_article_is_a_bad_request(article_id):
    with pytest.raises(BadRequest, match="Choose an article to remove from the list first."):
        ChatService(UploadingBot()).remove(article_id)


@pytest.mark.parametrize(
    "paths, expected",
    [
        (None, []),
        ("/tmp/a.txt", [Path("/tmp/a.txt")]),
        (["/tmp/a.txt", {"path": "/tmp/b.pdf"}], [Path("/tmp/a.txt"), Path("/tmp/b.pdf")]),
    ],
)
def test_clean_upload_paths__takes_the_paths_gradio_gives(paths, expected):
    assert clean_upload_paths(paths) == expected


@pytest.mark.parametrize(
    "paths, message",
    [
        (42, "The upload must be a list of files: choose the files again."),
        ([42], "The upload holds something that is not a file: choose the files again."),
        ([{"name": "x"}], "The upload holds something that is not a file: choose the files again."),
    ],
)
def test_clean_upload_paths__refuses_what_is_not_a_list_of_files(paths, message):
    with pytest.raises(BadRequest) as error:
        clean_upload_paths(paths)

    assert str(error.value) == message
