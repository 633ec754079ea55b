"""Realnews cases on a hand-made two-week folder: which questions become cases, and the case file."""

from __future__ import annotations

import json

import pytest
from realnews_weeks import ABSENT_WEEK, BRIEFS_URL, CORPUS_WEEK, DEAL_URL, TOWER_URL, write_weeks

from evals.realnews.cases import (
    EvidenceWindow,
    OpenCase,
    RealnewsCaseError,
    check_cases,
    load_cases,
    write_cases,
)
from evals.realnews.corpus import NewsArticle, article_id
from evals.realnews.questions import build_cases, needs_choices, question_text
from evals.realnews.realtimeqa import Question, WeekFiles, custom_run
from evals.realnews.runs import build_case_set, prepare_run
from index.articles import load_corpus

RUN = custom_run([CORPUS_WEEK], [ABSENT_WEEK])


@pytest.fixture()
def files(tmp_path) -> WeekFiles:
    return WeekFiles.locate(write_weeks(tmp_path / "rtqa"))


@pytest.fixture()
def case_set(files):
    return build_case_set(RUN, files)


def test_case_set__only_the_questions_a_corpus_article_answers_become_answerable_cases(case_set):
    answerable = {case.id: case for case in case_set.cases if case.answerable}
    assert sorted(answerable) == ["20250704_0", "20250704_2"]
    tower = answerable["20250704_0"]
    assert tower.articles == (article_id(TOWER_URL),) and tower.searched == tower.articles
    assert (
        tower.evidence[0].text
        == "The tower that washed up in Delaware came from Ship Bottom, N.J., officials said."
    )
    assert (tower.question_date, tower.week, tower.gold) == ("2025-07-02", CORPUS_WEEK, "Ship Bottom")


def test_case_set__every_article_holding_the_gold_is_gold_its_own_search_results_first(case_set):
    deal = next(case for case in case_set.cases if case.id == "20250704_2")
    # '1.2 billion dollars' in the article returned for it, '$1.2bn' in one returned for another question.
    kept = case_set.collection.ids_by_url[DEAL_URL]  # the deal's article, under one of its two URLs
    assert deal.searched == (kept,)
    assert deal.articles == (kept, article_id(BRIEFS_URL))
    assert [e.article for e in deal.evidence] == list(deal.articles)
    assert deal.evidence[1].text == "In other news, a $1.2bn bond was sold."


def test_case_set__absent_answer_cases_only_when_no_corpus_article_holds_the_gold_anywhere(case_set):
    absent = [case.id for case in case_set.cases if not case.answerable]
    # 20250711_0's gold is only in the absent week's own article, which is not in the corpus;
    # 20250711_1's gold is in a corpus article, and 20250711_2's words are, far apart.
    assert absent == ["20250711_0"]
    (case,) = (c for c in case_set.cases if not c.answerable)
    assert (case.articles, case.evidence, case.searched) == ((), (), ())


def test_case_set__summary_counts_every_question(case_set):
    s = case_set.summary
    assert (s.corpus_questions, s.corpus_choice_questions, s.answerable, s.answerable_searched, s.unheld) == (
        5,
        2,
        2,
        2,
        1,
    )
    assert (s.absent_questions, s.absent_choice_questions, s.absent, s.absent_rejected) == (4, 1, 1, 2)
    assert (s.results, s.without_text, s.duplicate_texts, s.articles) == (7, 2, 1, 4)
    assert s.characters == sum(len(a.text) for a in case_set.collection.articles)
    lines = s.lines()
    assert lines[0] == f"Run '{RUN.name}'"
    assert any("answerable cases" in line and line.endswith(" 2") for line in lines)


def test_case_set__holds_only_articles_of_the_corpus_weeks(case_set):
    assert all(a.url != "https://www.delawareonline.com/granogue" for a in case_set.collection.articles)


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


def test_cases_file__round_trips(tmp_path, case_set):
    path = tmp_path / "cases.jsonl"
    write_cases(path, case_set.cases)
    assert load_cases(path) == case_set.cases
    stamp = path.stat().st_mtime_ns
    write_cases(path, case_set.cases)
    assert path.stat().st_mtime_ns == stamp  # unchanged bytes are not rewritten


def test_check_cases__the_built_cases_are_sound_against_their_corpus(case_set):
    texts = {a.id: a.text for a in case_set.collection.articles}
    assert check_cases(case_set.cases, texts) == []
    moved = {k: "Moved. " + v for k, v in texts.items()}
    assert any("is not at" in problem for problem in check_cases(case_set.cases, moved))
    holding = texts | {"new": "Longwood Gardens again."}
    assert check_cases(case_set.cases, holding) == [
        "20250711_0: article 'new' holds the absent answer 'Longwood Gardens'"
    ]


GOOD = {
    "id": "q1",
    "question": "Q?",
    "question_date": "2025-07-02",
    "gold": "A",
    "answerable": True,
    "articles": ["a"],
    "evidence": [{"article": "a", "start": 0, "end": 2, "text": "A."}],
    "week": "20250704",
}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{oops", r"cases.jsonl:2: not valid JSON"),
        ("[]", r"cases.jsonl:2: expected a JSON object"),
        (
            json.dumps({k: v for k, v in GOOD.items() if k != "gold"}),
            r"cases.jsonl:2: missing field\(s\) gold",
        ),
        (json.dumps(GOOD | {"answerable": "yes"}), r"cases.jsonl:2: 'answerable' must be true or false"),
        (
            json.dumps(GOOD | {"articles": []}),
            r"cases.jsonl:2: an answerable case needs gold articles and evidence",
        ),
        (
            json.dumps(GOOD | {"answerable": False}),
            r"cases.jsonl:2: an absent-answer case has no gold articles",
        ),
        (
            json.dumps(GOOD | {"evidence": [{"article": "a", "start": 0, "end": 5, "text": "A."}]}),
            r"cases.jsonl:2: each evidence item needs",
        ),
        (
            json.dumps(GOOD | {"evidence": [{"article": "b", "start": 0, "end": 2, "text": "A."}]}),
            r"cases.jsonl:2: evidence and 'searched' may only name articles listed in 'articles'",
        ),
        (json.dumps(GOOD), r"cases.jsonl:2: case id 'q1' is used twice"),
    ],
)
def test_load_cases__a_bad_line_is_named_by_file_and_line(tmp_path, line, message):
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps(GOOD) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(RealnewsCaseError, match=message + ".*rebuild the file"):
        load_cases(path)


def test_load_cases__a_missing_file_says_how_to_build_it(tmp_path):
    with pytest.raises(RealnewsCaseError, match="python -m evals.realtimeqa build --split ci"):
        load_cases(tmp_path / "none.jsonl")


def test_prepare_run__writes_a_corpus_the_loader_reads_and_the_cases_beside_it(tmp_path, files):
    prepared = prepare_run(RUN, files=files, cache_dir=tmp_path / "cache")
    assert prepared.corpus_dir == tmp_path / "cache" / RUN.name / "corpus"
    corpus = load_corpus(prepared.corpus_dir)
    assert check_cases(load_cases(prepared.cases_path), {a.id: a.text for a in corpus}) == []
    (prepared.corpus_dir / "stale.md").write_text("---\nid: stale\n---\nOld.")
    stamps = {p.name: p.stat().st_mtime_ns for p in prepared.corpus_dir.iterdir() if p.name != "stale.md"}
    again = prepare_run(RUN, files=files, cache_dir=tmp_path / "cache")
    assert again.cases == prepared.cases
    # The cache folder is the run's own: a stale article is removed, the others are left untouched.
    assert {p.name: p.stat().st_mtime_ns for p in again.corpus_dir.iterdir()} == stamps


def test_open_case__to_dict_is_the_jsonl_record():
    case = OpenCase(
        "q", "Q?", "2025-07-02", "A", True, ("a",), (EvidenceWindow("a", 0, 2, "A."),), "20250704", ("a",)
    )
    assert case.to_dict() == {
        "id": "q",
        "question": "Q?",
        "question_date": "2025-07-02",
        "gold": "A",
        "answerable": True,
        "articles": ["a"],
        "evidence": [{"article": "a", "start": 0, "end": 2, "text": "A."}],
        "week": "20250704",
        "searched": ["a"],
    }


def _other_article() -> NewsArticle:
    return NewsArticle("b", "T", "cnn.com", None, (), "https://cnn.com/b", "Winterthur bought nothing.")
