"""The real benchmark corpus: articles in first-returned order, prefixes, covered weeks, questions, files."""

from __future__ import annotations

import json

import pytest

from benchmarks.real_corpus import RealCorpusError, RealSource, select, spread, write
from benchmarks.synthetic import generate
from evals.realnews.realtimeqa import Question, SearchResult, WeekFiles
from index.articles import load_corpus

WEEK_1, WEEK_2, WEEK_3 = "20250103", "20250110", "20250117"


def result(week: str, question: str, rank: int, url: str, text: str | None = None) -> SearchResult:
    body = f"The story at {url} happened this week. Officials said so.\n" if text is None else text
    return SearchResult(question, week, rank, url, f"Story {url}", body, (), "2025/01/01")


def question(week: str, number: int, sentence: str, gold: str = "Paris") -> Question:
    return Question(f"{week}_{number}", week, "2025-01-01", sentence, (gold, "Rome"), 0)


URL = "https://www.example.com/news/{}"
RESULTS = (
    result(WEEK_1, f"{WEEK_1}_0", 0, URL.format("b")),
    result(WEEK_1, f"{WEEK_1}_0", 1, URL.format("a")),
    result(WEEK_1, f"{WEEK_1}_1", 0, URL.format("blank"), text="  "),  # no text: left out
    result(WEEK_2, f"{WEEK_2}_0", 0, URL.format("c")),
    result(WEEK_2, f"{WEEK_2}_0", 1, URL.format("b")),  # returned again: keeps its place, week 2's text
    result(WEEK_3, f"{WEEK_3}_0", 0, URL.format("d")),
    result(WEEK_3, f"{WEEK_3}_0", 1, URL.format("e")),
)
QUESTIONS = (
    question(WEEK_1, 0, "Where was <a href='/x'>the summit</a> held?"),
    question(WEEK_1, 1, "Which of the following cities hosted it?"),  # needs its choices
    question(WEEK_2, 0, "Who won the vote?"),
    question(WEEK_3, 0, "What did the mayor say?"),
    question(WEEK_3, 1, "What did the mayor say?"),  # the same words: asked once
)


@pytest.fixture
def source() -> RealSource:
    return RealSource.from_results(RESULTS, QUESTIONS)


def slugs(articles) -> list[str]:
    return [a.url.rsplit("/", 1)[1] for a in articles]


def test_source__articles_in_the_order_the_weeks_first_return_them(source):
    assert slugs(source.articles) == ["b", "a", "c", "d", "e"]
    b = source.articles[0]
    assert b.text == RESULTS[4].text  # the latest week's fetch of a URL returned twice


def test_select__same_source_same_corpus_and_each_size_a_prefix_of_all(source):
    assert select(source, 3) == select(RealSource.from_results(RESULTS, QUESTIONS), 3)
    everything = select(source, "all")
    for size in (1, 2, 3, 4):
        assert select(source, size).articles == everything.articles[:size]


@pytest.mark.parametrize(
    ("size", "weeks", "asked"),
    [
        (2, (WEEK_1,), ["Where was the summit held?"]),
        (3, (WEEK_1, WEEK_2), ["Where was the summit held?", "Who won the vote?"]),
        # Week 3 only partly in: its questions wait until all of its articles are.
        (4, (WEEK_1, WEEK_2), ["Where was the summit held?", "Who won the vote?"]),
        ("all", (WEEK_1, WEEK_2, WEEK_3), ["Where was the summit held?", "Who won the vote?", "What did the mayor say?"]),
        # Too small to hold any whole week: the questions of the week it touches.
        (1, (WEEK_1, WEEK_2), ["Where was the summit held?", "Who won the vote?"]),
    ],
)
def test_select__questions_come_from_the_weeks_the_corpus_covers(source, size, weeks, asked):
    corpus = select(source, size)
    assert corpus.weeks == weeks
    assert list(corpus.questions) == asked


@pytest.mark.parametrize(
    ("size", "label", "kind", "synthetic"),
    [
        (2, "2 real articles", "real", 0),
        ("all", "all 5 real articles", "real", 0),
        (5, "all 5 real articles", "real", 0),
        (12, "12 articles (5 real + 7 synthetic)", "mixed", 7),
    ],
)
def test_select__a_size_beyond_the_real_articles_is_made_up_with_synthetic_ones_and_says_so(
    source, size, label, kind, synthetic
):
    corpus = select(source, size)
    assert (corpus.label, corpus.source, corpus.synthetic, corpus.available) == (label, kind, synthetic, 5)


@pytest.mark.parametrize("size", [0, -3, "most", "1000"])
def test_select__refuses_a_size_that_is_not_a_count_or_all(source, size):
    with pytest.raises(RealCorpusError, match="pass a positive count or 'all'"):
        select(source, size)


def test_select__questions_are_spread_over_the_weeks(source):
    assert select(source, "all", questions=2).questions == ("Where was the summit held?", "Who won the vote?")


@pytest.mark.parametrize(
    ("items", "count", "expected"),
    [("abcdefghij", 4, list("acfh")), ("abc", 3, list("abc")), ("abc", 10, list("abc")), ("abcd", 1, ["a"])],
)
def test_spread__takes_even_steps_from_the_first(items, count, expected):
    assert spread(items, count) == expected


def test_write__real_and_synthetic_articles_load_as_one_corpus_and_strays_are_removed(source, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "old-article.md").write_text("---\nid: old\n---\nGone.\n", encoding="utf-8")
    (folder / "synthetic-99999-old.txt").write_text("Gone too.\n", encoding="utf-8")
    corpus = select(source, 8)
    loaded = load_corpus(write(corpus, folder, seed=7))
    assert loaded.skipped == ()
    assert {a.id for a in loaded} == {a.id for a in corpus.articles} | {a.id for a in generate(3, seed=7)}
    by_id = {a.id: a for a in loaded}
    assert all(by_id[a.id].text == a.text for a in corpus.articles)  # the text exactly as fetched


def test_write__rewrites_nothing_that_did_not_change(source, tmp_path):
    folder = write(select(source, "all"), tmp_path / "corpus")
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    write(select(source, "all"), folder)
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == stamps


def test_source__reads_the_weeks_files(tmp_path):
    for week in (WEEK_1, WEEK_2):
        qa = [q for q in QUESTIONS if q.week == week]
        (tmp_path / f"{week}_qa.jsonl").write_text(
            "".join(
                json.dumps({"question_id": q.id, "question_sentence": q.sentence, "choices": list(q.choices),
                            "answer": ["0"], "question_date": "2025/01/01"}) + "\n"
                for q in qa
            ),
            encoding="utf-8",
        )  # fmt: skip
        searches: dict[str, list[dict]] = {}
        for r in RESULTS:
            if r.week == week:
                searches.setdefault(r.question_id, []).append({"url": r.url, "title": r.title, "text": r.text})
        (tmp_path / f"{week}_gcs.jsonl").write_text(
            "".join(json.dumps({"question_id": k, "search_result": v}) + "\n" for k, v in searches.items()),
            encoding="utf-8",
        )
    source = RealSource.load(WeekFiles.locate(tmp_path), weeks=(WEEK_1, WEEK_2))
    assert slugs(source.articles) == ["b", "a", "c"]
    assert select(source, "all").questions == ("Where was the summit held?", "Who won the vote?")
