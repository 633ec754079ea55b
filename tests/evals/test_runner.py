"""The runner with a scripted in-memory system: turns, history, errors and the verdict.

The scripted system stands in for the assistant only to test the runner's own
logic; the real assistant is evaluated in test_broken_answerer.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from evals.observation import observe, retrieve_accepts_history
from evals.runner import run_cases
from evals.seeds.cases import Case, Evidence
from evals.seeds.runner import run_evals
from evals.seeds.scoring import score_case, scorecard
from evals.thresholds import Threshold

TEXT = "The letter was signed by 18 groups. A reply was due by Dec. 1."
ARTICLES = {"b": TEXT}
DEADLINE = "A reply was due by Dec. 1."
START = TEXT.index(DEADLINE)
DAY = date(2025, 7, 4)


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
    citations: tuple[Cite, ...] = ()


@dataclass(frozen=True)
class Hit:
    article_id: str
    start: int
    end: int


@dataclass
class Scripted:
    """Answers from a table of question -> reply; records every call."""

    replies: dict[str, Reply]
    calls: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)

    def ask(self, question, history=()):
        self.calls.append(("ask", question, tuple(a.question for a in history)))
        if question not in self.replies:
            raise RuntimeError("no scripted reply")
        return self.replies[question]

    def retrieve(self, question, *, k=8, history=()):
        self.calls.append(("retrieve", question, tuple(a.question for a in history)))
        return [Hit("b", START, START + len(DEADLINE))][:k]


class NoHistoryRetrieve(Scripted):
    def retrieve(self, question, k=8):  # noqa: D102 - the older signature, without history
        self.calls.append(("retrieve", question, ()))
        return [Hit("b", 0, 10)]


def good(question: str) -> Reply:
    return Reply(
        question, f"{DEADLINE} [1]", False, 0.9, (Cite(1, "b", DEADLINE, START, START + len(DEADLINE)),)
    )


def abstain(question: str) -> Reply:
    return Reply(question, "The articles don't say.", True, 0.1)


FOLLOW_UP = Case(
    id="multi-turn-1",
    kind="multi_turn",
    subkind="",
    turns=("Who signed the letter?", "By when did they want an answer?"),
    answerable=True,
    answers=("Dec. 1",),
    key_facts=("Dec. 1",),
    articles=("b",),
    evidence=(Evidence("b", DEADLINE),),
)
UNANSWERABLE = Case(
    "unanswerable-1", "unanswerable", "out_of_corpus", ("Who won the race?",), False, (), (), (), ()
)


def test_observe__asks_turns_in_order_with_earlier_answers_and_retrieves_with_history():
    system = Scripted({t: good(t) for t in FOLLOW_UP.turns})
    observation = observe(system, FOLLOW_UP, k=8)
    assert system.calls == [
        ("ask", "Who signed the letter?", ()),
        ("ask", "By when did they want an answer?", ("Who signed the letter?",)),
        ("retrieve", "By when did they want an answer?", ("Who signed the letter?",)),
    ]
    assert len(observation.latencies) == 2
    assert observation.error is None


def test_observe__retrieves_with_the_last_turn_alone_when_retrieve_takes_no_history():
    system = NoHistoryRetrieve({t: good(t) for t in FOLLOW_UP.turns})
    assert not retrieve_accepts_history(system)
    observe(system, FOLLOW_UP)
    assert system.calls[-1] == ("retrieve", "By when did they want an answer?", ())


def test_observe__records_an_error_instead_of_raising():
    observation = observe(Scripted({}), FOLLOW_UP)
    assert observation.error == "RuntimeError: no scripted reply"
    assert observation.citations == ()


def test_run_evals__passes_a_system_that_answers_and_abstains_correctly():
    system = Scripted({**{t: good(t) for t in FOLLOW_UP.turns}, UNANSWERABLE.question: abstain("x")})
    run = run_evals(
        system,
        [FOLLOW_UP, UNANSWERABLE],
        ARTICLES,
        thresholds=[Threshold("crag_score", "min", 0.8), Threshold("quote_verbatim_rate", "min", 1.0)],
        baseline={FOLLOW_UP.id: True, UNANSWERABLE.id: True},
    )
    assert run.passed and run.exit_code == 0
    assert run.ours.values["crag_score"] == 1.0
    assert run.ours.passed_by_case == {FOLLOW_UP.id: True, UNANSWERABLE.id: True}
    assert run.peer is None


@pytest.mark.parametrize(
    ("replies", "thresholds", "baseline", "breached", "regressed"),
    [
        # Answers the unanswerable question: below the abstention floor, and a regression.
        (
            {**{t: good(t) for t in FOLLOW_UP.turns}, UNANSWERABLE.question: good("x")},
            [Threshold("abstention_recall", "min", 0.9)],
            {UNANSWERABLE.id: True},
            ["abstention_recall"],
            [UNANSWERABLE.id],
        ),
        # Abstains on the follow-up: false abstention over its ceiling, no baseline record.
        (
            {
                FOLLOW_UP.turns[0]: good("a"),
                FOLLOW_UP.turns[1]: abstain("b"),
                UNANSWERABLE.question: abstain("x"),
            },
            [Threshold("false_abstention_rate", "max", 0.05)],
            {},
            ["false_abstention_rate"],
            [],
        ),
        # Fine on the floors, but a case that passed before fails now.
        (
            {
                FOLLOW_UP.turns[0]: good("a"),
                FOLLOW_UP.turns[1]: abstain("b"),
                UNANSWERABLE.question: abstain("x"),
            },
            [Threshold("abstention_recall", "min", 0.9)],
            {FOLLOW_UP.id: True},
            [],
            [FOLLOW_UP.id],
        ),
    ],
    ids=["answers-unanswerable", "abstains-on-answerable", "regression-only"],
)
def test_run_evals__fails_on_a_breached_floor_or_a_regression(
    replies, thresholds, baseline, breached, regressed
):
    run = run_evals(
        Scripted(replies), [FOLLOW_UP, UNANSWERABLE], ARTICLES, thresholds=thresholds, baseline=baseline
    )
    assert [b.threshold.metric for b in run.breaches] == breached
    assert list(run.regressions) == regressed
    assert not run.passed and run.exit_code == 1


# Abstains on the follow-up's second turn and on the unanswerable question: CRAG score 0.5.
HALF_RIGHT = {
    FOLLOW_UP.turns[0]: good("a"),
    FOLLOW_UP.turns[1]: abstain("b"),
    UNANSWERABLE.question: abstain("x"),
}


@pytest.mark.parametrize(
    ("threshold", "breached", "short"),
    [
        (Threshold("crag_score", "min", 0.4, target=0.8), [], ["crag_score = 0.500, target ≥ 0.80"]),
        (Threshold("crag_score", "min", 0.5, target=0.5), [], []),
        (Threshold("crag_score", "min", 0.6, target=0.8), ["crag_score"], []),  # listed once, as a breach
    ],
    ids=["below-target", "at-target", "below-floor"],
)
def test_run_evals__gates_on_the_floor_and_only_reports_the_target(threshold, breached, short):
    run = run_evals(Scripted(HALF_RIGHT), [FOLLOW_UP, UNANSWERABLE], ARTICLES, thresholds=[threshold])
    assert run.ours.values["crag_score"] == 0.5
    assert [b.threshold.metric for b in run.breaches] == breached
    assert [str(s) for s in run.shortfalls] == short
    assert run.passed == (not breached)
    assert run.exit_code == (1 if breached else 0)


def test_run_evals__fails_when_the_gold_set_does_not_match_the_corpus():
    system = Scripted({**{t: good(t) for t in FOLLOW_UP.turns}, UNANSWERABLE.question: abstain("x")})
    run = run_evals(system, [FOLLOW_UP, UNANSWERABLE], {"b": "Some other text."})
    assert run.problems and not run.passed


def test_run_evals__scores_the_peer_on_the_same_cases_without_judging_it():
    ours = Scripted({**{t: good(t) for t in FOLLOW_UP.turns}, UNANSWERABLE.question: abstain("x")})
    peer = Scripted({**{t: good(t) for t in FOLLOW_UP.turns}, UNANSWERABLE.question: good("x")})
    run = run_evals(
        ours,
        [FOLLOW_UP, UNANSWERABLE],
        ARTICLES,
        peer=peer,
        thresholds=[Threshold("abstention_recall", "min", 0.9)],
    )
    assert run.passed
    assert run.peer is not None and run.peer.values["abstention_recall"] == 0.0
    assert [s.case.id for s in run.peer.scores] == [FOLLOW_UP.id, UNANSWERABLE.id]


def test_run_evals__keeps_the_last_turns_whole_answer_and_its_confidence_for_calibration():
    system = Scripted({**{t: good(t) for t in FOLLOW_UP.turns}, UNANSWERABLE.question: abstain("x")})
    run = run_evals(system, [FOLLOW_UP, UNANSWERABLE], ARTICLES)
    follow_up, unanswerable = run.ours.scores
    assert follow_up.answer_record["question"] == "By when did they want an answer?"
    assert follow_up.answer_record["citations"][0]["quote"] == DEADLINE
    assert (follow_up.confidence, follow_up.right, unanswerable.confidence, unanswerable.right) == (
        0.9,
        True,
        0.1,
        True,
    )
    # Right at 0.9 and at 0.1: |1 − 0.9| and |1 − 0.1| averaged.
    assert run.ours.values["expected_calibration_error"] == pytest.approx((0.1 + 0.9) / 2)


def test_run_evals__progress_says_pass_or_fail_for_each_case():
    lines: list[str] = []
    system = Scripted({t: good(t) for t in FOLLOW_UP.turns} | {UNANSWERABLE.question: good("x")})
    run = run_evals(system, [FOLLOW_UP, UNANSWERABLE], ARTICLES, progress=lines.append)
    assert lines == [
        "[ours] 1/2 multi-turn-1: pass",
        f"[ours] 2/2 unanswerable-1: FAIL {'; '.join(run.ours.scores[1].reasons)}",
    ]
    assert run.ours.scores[1].reasons


def test_run_cases__dates_each_question_and_keeps_its_answer_record():
    @dataclass
    class Dated(Scripted):
        days: list = field(default_factory=list)

        def ask(self, question, *, history=(), asked_on=None):
            self.days.append(asked_on)
            return super().ask(question, history)

    system = Dated({UNANSWERABLE.question: abstain(UNANSWERABLE.question)})
    seen = []

    def score(recorder, case):
        seen.append(recorder.asked_on)
        return score_case(case, observe(recorder, case), ARTICLES)

    run = run_cases(
        system, [UNANSWERABLE], name="ours", score=score, scorecard=scorecard, asked_on=lambda case: DAY
    )
    assert system.days == [DAY] and seen == [DAY]
    assert run.scores[0].passed
    assert run.scores[0].answer_record == {
        "question": UNANSWERABLE.question,
        "text": "The articles don't say.",
        "abstained": True,
        "confidence": 0.1,
        "citations": (),
    }
