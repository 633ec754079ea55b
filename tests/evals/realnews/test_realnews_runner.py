"""Running realnews cases through tiny fake systems: the question's date, the record, the margin, floors.

The systems here are fakes on purpose: what is tested is the plumbing and the
arithmetic of the run, not the assistant (the slow CLI test runs the real one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from evals.realnews.cases import EvidenceWindow, OpenCase
from evals.realnews.runner import REALNEWS_K, question_day, run_realnews
from evals.realnews.scoring import MARGIN, REALNEWS_METRICS
from evals.recorder import Recorder, accepts_asked_on, answer_record
from evals.thresholds import Threshold

TOWER = "The tower came from Ship Bottom, N.J."


def open_case(id, gold, *, answerable=True, day="2025-07-02"):
    return OpenCase(
        id=id,
        question=f"Question {id}?",
        question_date=day,
        gold=gold,
        answerable=answerable,
        articles=("tower",) if answerable else (),
        evidence=(EvidenceWindow("tower", 0, len(TOWER), TOWER),) if answerable else (),
        week="20250704",
    )


CASES = (
    open_case("a1", "Ship Bottom"),
    open_case("a2", "Cape May"),
    open_case("u1", "Longwood Gardens", answerable=False, day="2025/07/09"),
)


@dataclass(frozen=True)
class Cite:
    number: int
    article_id: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Reply:
    question: str
    text: str
    abstained: bool
    confidence: float
    citations: tuple = ()
    reader: str = "extractive"

    def to_dict(self):
        return {"question": self.question, "text": self.text, "reader": self.reader}


@dataclass(frozen=True)
class Hit:
    article_id: str
    start: int = 0
    end: int = 10


@dataclass
class DatedBot:
    """Quotes the tower article for every question, abstains on 'u' cases; records each asked_on."""

    asked: list = field(default_factory=list)
    depths: list = field(default_factory=list)
    retrieved_on: list = field(default_factory=list)

    def ask(self, question, *, history=(), asked_on=None):
        self.asked.append((question, asked_on))
        if question.startswith("Question u"):
            return Reply(question, "Not in the articles.", True, 0.9)
        return Reply(question, f"{TOWER} [1]", False, 0.8, (Cite(1, "tower", TOWER, 0, len(TOWER)),))

    def retrieve(self, question, *, k=8, history=(), asked_on=None):
        self.depths.append(k)
        self.retrieved_on.append(asked_on)
        return [Hit("other"), Hit("tower")]


@dataclass
class UndatedPeer:
    """Answers with a chunk that holds nothing, never abstains, and takes no asked_on."""

    asked: list = field(default_factory=list)

    def ask(self, question, history=None):
        self.asked.append(question)
        return Reply(question, "A quiet week at the shore.", False, 0.0)

    def retrieve(self, question, k=None):
        return [Hit("tower")]


def test_run_realnews__asks_each_question_on_its_own_date_when_the_system_takes_asked_on():
    bot, peer = DatedBot(), UndatedPeer()
    run_realnews(bot, CASES, peer=peer)
    assert bot.asked == [
        ("Question a1?", date(2025, 7, 2)),
        ("Question a2?", date(2025, 7, 2)),
        ("Question u1?", None),  # '2025/07/09' is no ISO date: asked without one
    ]
    assert peer.asked == ["Question a1?", "Question a2?", "Question u1?"]
    # Retrieval is dated too, so hit@k ranks the passages the answer was drawn from.
    assert bot.retrieved_on == [date(2025, 7, 2), date(2025, 7, 2), None]
    assert set(bot.depths) == {REALNEWS_K} and REALNEWS_K >= 5


def test_run_realnews__scores_both_systems_and_puts_the_margin_over_the_peer_in_ours():
    run = run_realnews(DatedBot(), CASES, peer=UndatedPeer(), peer_name="LlamaIndex top-2")
    assert run.metrics == REALNEWS_METRICS and run.regressions == ()
    assert [s.outcome for s in run.ours.scores] == ["correct", "hallucinated", "correct"]
    assert run.ours.values["answer_in_quote"] == 0.5
    assert run.peer.values["answer_in_quote"] == 0.0
    assert run.ours.values[MARGIN] == 0.5
    assert run.peer.values[MARGIN] is None
    assert run.ours.values["article_hit_at_1"] == 0.0 and run.ours.values["article_hit_at_5"] == 1.0
    assert run.peer.values["abstention_recall"] == 0.0
    # The peer says 0.0 and is wrong every time: calibrated, if useless.
    assert run.peer.values["expected_calibration_error"] == 0.0


def test_run_realnews__keeps_each_answer_and_its_reader_for_calibration():
    run = run_realnews(DatedBot(), CASES)
    first = run.ours.scores[0]
    assert first.answer_record == {"question": "Question a1?", "text": f"{TOWER} [1]", "reader": "extractive"}
    assert first.reader == "extractive" and first.confidence == 0.8 and first.right is True
    details = first.to_dict()
    assert (details["confidence"], details["right"], details["reader"]) == (0.8, True, "extractive")


def test_run_realnews__fails_a_floor_and_without_the_peer_has_no_margin():
    floors = (Threshold("answer_in_quote", "min", 0.9), Threshold("abstention_recall", "min", 1.0))
    run = run_realnews(DatedBot(), CASES, thresholds=floors)
    assert run.ours.values[MARGIN] is None and run.peer is None
    assert [str(b) for b in run.breaches] == ["answer_in_quote = 0.500, must be ≥ 0.90"]
    assert run.exit_code == 1


def test_run_realnews__fails_when_the_cases_do_not_match_the_corpus():
    run = run_realnews(DatedBot(), CASES, problems=["a1: gold article 'tower' is not in the corpus"])
    assert not run.passed and run.problems == ("a1: gold article 'tower' is not in the corpus",)


@pytest.mark.parametrize(
    ("system", "accepts"),
    [(DatedBot(), True), (UndatedPeer(), False), (type("K", (), {"ask": lambda self, q, **kw: q})(), True)],
)
def test_accepts_asked_on__reads_the_signature_of_ask(system, accepts):
    assert accepts_asked_on(system) is accepts


def test_recorder__forgets_the_last_answer_when_a_question_fails_and_passes_other_attributes_through():
    class Flaky(DatedBot):
        def ask(self, question, *, history=(), asked_on=None):
            if question == "boom":
                raise RuntimeError("down")
            return super().ask(question, history=history, asked_on=asked_on)

    recorder = Recorder(Flaky(), asked_on=date(2025, 7, 4))
    recorder.ask("Question a1?", history=[])
    assert recorder.last_reader() == "extractive"
    with pytest.raises(RuntimeError):
        recorder.ask("boom", history=[])
    assert recorder.last_record() is None and recorder.last_reader() is None
    assert recorder.retrieve("q", k=3)[1].article_id == "tower" and recorder.depths == [3]
    assert recorder.retrieved_on == [date(2025, 7, 4)]
    # A retrieve that takes no history (the peer's) is called without one.
    assert Recorder(UndatedPeer()).retrieve("q", k=2, history=["earlier"])[0].article_id == "tower"


def test_answer_record__uses_to_dict_then_dataclass_fields():
    assert answer_record(None) is None
    assert answer_record(Hit("a")) == {"article_id": "a", "start": 0, "end": 10}
    assert answer_record(Reply("q", "t", False, 0.5)) == {
        "question": "q",
        "text": "t",
        "reader": "extractive",
    }


@pytest.mark.parametrize(("day", "expected"), [("2025-07-02", date(2025, 7, 2)), ("", None), ("07/02", None)])
def test_question_day__reads_iso_dates_only(day, expected):
    assert question_day(open_case("x", "g", day=day)) == expected


def test_open_case__is_asked_as_one_turn_with_the_question():
    asked = CASES[0]
    assert (asked.id, asked.turns, asked.question) == ("a1", ("Question a1?",), "Question a1?")


def test_run_realnews__progress_says_right_or_wrong_for_each_case_of_each_system():
    lines: list[str] = []
    run_realnews(DatedBot(), CASES, peer=UndatedPeer(), peer_name="peer", progress=lines.append)
    assert lines[:3] == [
        "[ours] 1/3 a1: right",
        f"[ours] 2/3 a2: WRONG {'; '.join(run_realnews(DatedBot(), CASES[1:2]).ours.scores[0].reasons)}",
        "[ours] 3/3 u1: right",
    ]
    assert [line.split(":")[0] for line in lines[3:]] == ["[peer] 1/3 a1", "[peer] 2/3 a2", "[peer] 3/3 u1"]
