"""Realnews runs on a hand-made two-week folder: which questions become cases, and the run on disk."""

from __future__ import annotations

from realnews_weeks import BRIEFS_URL, CORPUS_WEEK, DEAL_URL, RUN, TOWER_URL

from evals.realnews.cases import check_cases, load_cases
from evals.realnews.corpus import article_id
from evals.realnews.runs import prepare_run
from index.articles import load_corpus


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
