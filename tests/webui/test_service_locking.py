"""The service never holds the assistant's lock while a question waits on the model.

`SwitchingBot` locks as `Assistant` does: `add` / `remove` index without the lock,
then rebind the corpus under `bot.lock`; `ask_stream` reads the corpus before and
after its reader writes, and its reader can be held mid-answer, as a language model
holds an answer for up to a minute. Every wait has a timeout, so a regression fails
in seconds instead of hanging the test run.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest

from assistant import Answer
from webui.service import ChatService

WAIT = 5.0  # seconds: far more than any of these steps takes when nothing is locked


@dataclass(frozen=True)
class StubArticle:
    id: str


class HeldReader:
    """Writes one piece of every answer, then, for the question 'Slow?', waits to be released."""

    def __init__(self) -> None:
        self.writing = threading.Event()  # set once the slow answer is waiting on the "model"
        self.release = threading.Event()

    def read(self, question: str) -> Iterator[str]:
        yield "Drafting"
        if question == "Slow?":
            self.writing.set()
            if not self.release.wait(timeout=2 * WAIT):
                raise TimeoutError("the held answer was never released")
        yield " done."


class SwitchingBot:
    """Answers with the ids of its articles, as it read them first and last."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.corpus: tuple[str, ...] = ("a", "b")
        self.reader = HeldReader()

    @property
    def articles(self) -> tuple[StubArticle, ...]:
        return tuple(StubArticle(i) for i in self.corpus)

    def ask_stream(self, question: str, *, history=()) -> Iterator[str | Answer]:
        first = self.corpus
        yield from self.reader.read(question)
        last = self.corpus
        yield Answer(
            question=question, text=f"{' '.join(first)} | {' '.join(last)}", abstained=True, confidence=0.0
        )

    def ask(self, question: str, *, history=()) -> Answer:
        *_, answer = self.ask_stream(question, history=history)
        assert isinstance(answer, Answer)
        return answer

    def remove(self, article_id: str, *, progress=None) -> None:
        remaining = tuple(i for i in self.corpus if i != article_id)  # "indexing": no lock
        with self.lock:
            self.corpus = remaining

    def add(self, files, *, progress=None) -> str:
        grown = (*self.corpus, *(str(f) for f in files))
        with self.lock:
            self.corpus = grown
        return "report"


@pytest.fixture
def held():
    """A service whose 'Slow?' answer is being written, and a pool to act while it is."""
    bot = SwitchingBot()
    service = ChatService(bot)
    pool = ThreadPoolExecutor(max_workers=3)
    slow = pool.submit(lambda: list(service.ask_stream("Slow?")))
    assert bot.reader.writing.wait(timeout=WAIT), "the slow answer never started"
    try:
        yield bot, service, pool, slow
    finally:
        bot.reader.release.set()  # whatever failed, let the held answer finish
        pool.shutdown(wait=True)


def test_service__an_article_is_removed_while_an_answer_waits_on_the_model(held):
    bot, service, pool, slow = held

    removed = pool.submit(service.remove, "b").result(timeout=WAIT)

    assert removed == StubArticle("b")
    assert not slow.done(), "the answer was still being written"
    assert [a.id for a in service.articles] == ["a"]
    bot.reader.release.set()
    # Answered from the corpus it started with, to the end, though the switch came midway.
    assert slow.result(timeout=WAIT)[-1]["text"] == "a b | a b"
    assert service.ask("After?")["text"] == "a | a"


def test_service__files_are_added_while_an_answer_waits_on_the_model(held):
    bot, service, pool, slow = held

    assert pool.submit(service.add, ["/tmp/gradio/ab/c"]).result(timeout=WAIT) == "report"

    assert not slow.done()
    assert service.article("/tmp/gradio/ab/c") is not None


@pytest.mark.parametrize("ask", ["ask", "ask_stream"])
def test_service__a_second_question_is_answered_while_the_first_waits_on_the_model(held, ask):
    bot, service, pool, slow = held

    if ask == "ask":
        answer = pool.submit(service.ask, "Quick?").result(timeout=WAIT)
    else:
        answer = pool.submit(lambda: list(service.ask_stream("Quick?"))[-1]).result(timeout=WAIT)

    assert answer["question"] == "Quick?" and answer["text"] == "a b | a b"
    assert not slow.done()


def test_service__an_answer_left_unread_midway_leaves_the_assistant_unlocked():
    # A browser that goes away mid-answer: its generator is never resumed, nor closed.
    bot = SwitchingBot()
    service = ChatService(bot)
    pool = ThreadPoolExecutor(max_workers=1)
    stream = service.ask_stream("Abandoned?")
    try:
        assert next(stream) == "Drafting"
        assert pool.submit(service.add, ["c"]).result(timeout=WAIT) == "report"
        assert bot.lock.acquire(timeout=WAIT), "the assistant's lock is still held"
        bot.lock.release()
    finally:
        stream.close()  # first: a generator that holds the lock would keep `add` waiting
        pool.shutdown(wait=True)


class HeldModelReader:
    """A reader shaped like the LLM reader: it writes the best excerpt back, and holds the
    answer to `held` mid-stream until released."""

    name = "held"

    def __init__(self, held: str) -> None:
        self.held = held
        self.writing = threading.Event()
        self.release = threading.Event()
        self.excerpt = None

    def standalone(self, question, history):
        return None

    def read(self, reading):
        from assistant.readers import Draft

        if not reading.excerpts:  # nothing strong enough to write from: decline
            yield Draft(text="", excerpts=(), reader=self.name, abstained=True)
            return
        excerpt = reading.excerpts[0]
        yield excerpt.text
        if reading.question == self.held:
            self.excerpt = excerpt
            self.writing.set()
            if not self.release.wait(timeout=120):
                raise TimeoutError("the held answer was never released")
        yield Draft(text=f"{excerpt.text} [1]", excerpts=(excerpt,), reader=self.name)


@pytest.mark.slow
def test_service__a_real_assistant_removes_the_article_an_answer_is_being_written_from(tmp_path):
    import shutil
    from pathlib import Path

    from assistant import Assistant

    corpus = tmp_path / "corpus"
    shutil.copytree(Path(__file__).resolve().parents[2] / "corpus", corpus)
    bot = Assistant.from_corpus(corpus, index_dir=tmp_path / "index")
    question = "How many organizations signed the letter to Sheriff Mims?"
    bot.reader = reader = HeldModelReader(question)
    service = ChatService(bot)
    pool = ThreadPoolExecutor(max_workers=2)
    try:
        slow = pool.submit(lambda: list(service.ask_stream(question)))
        assert reader.writing.wait(timeout=60), "the answer never reached the reader"
        cited = reader.excerpt.article

        pool.submit(service.remove, cited.id).result(timeout=60)

        assert service.article(cited.id) is None and not slow.done()
        reader.release.set()
        answer = slow.result(timeout=60)[-1]
    finally:
        reader.release.set()
        pool.shutdown(wait=True)
    # Written from the corpus as it was when asked: the quote is cut from the removed article.
    assert answer["reader"] == "held"
    (citation,) = answer["citations"]
    assert citation["article_id"] == cited.id
    assert citation["quote"] == cited.text[citation["start"] : citation["end"]]
    assert all(c["article_id"] != cited.id for c in service.ask(question)["citations"])
