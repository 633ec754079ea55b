"""Reading RealTimeQA weeks: the fixed split, the data folder and its bundled fallback, bad files."""

from __future__ import annotations

import gzip
import json

import pytest
from realnews_weeks import ABSENT_WEEK, CORPUS_WEEK, write_weeks

from evals.realnews.realtimeqa import (
    ALL_WEEKS,
    BUNDLED_DIR,
    CI_ABSENT_WEEKS,
    CI_CORPUS_WEEKS,
    DEFAULT_SOURCE,
    DEV_WEEKS,
    HELDOUT_WEEKS,
    RUNS,
    RealTimeQAError,
    WeekFiles,
    custom_run,
    iso_date,
    parse_weeks,
    read_questions,
    read_results,
)


def test_split__dev_and_heldout_are_the_first_and_last_26_weeks_of_2025():
    assert (DEV_WEEKS[0], DEV_WEEKS[-1], len(DEV_WEEKS)) == ("20250103", "20250627", 26)
    assert (HELDOUT_WEEKS[0], HELDOUT_WEEKS[-1], len(HELDOUT_WEEKS)) == ("20250704", "20251226", 26)
    assert len(ALL_WEEKS) == len(set(ALL_WEEKS)) == 52


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_runs__a_split_run_takes_20_corpus_weeks_then_6_absent_answer_weeks(split):
    weeks = DEV_WEEKS if split == "dev" else HELDOUT_WEEKS
    run = RUNS[split]
    assert run.corpus_weeks == weeks[:20] and run.absent_weeks == weeks[20:]


def test_runs__the_ci_slice_is_three_heldout_weeks_and_the_next_one():
    assert RUNS["ci"].corpus_weeks == CI_CORPUS_WEEKS == ("20250704", "20250711", "20250718")
    assert RUNS["ci"].absent_weeks == CI_ABSENT_WEEKS == ("20250725",)
    assert set(RUNS["ci"].weeks) <= set(HELDOUT_WEEKS)


def test_parse_weeks__sorted_unique_and_checked():
    assert parse_weeks("20250711, 20250704,20250711") == ("20250704", "20250711")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("20250705", "Unknown week '20250705': RealTimeQA 2025 weeks are the Fridays 20250103 ... 20251226"),
        ("2025-07-04", "Unknown week '2025-07-04'"),
        (" , ", "No weeks given: pass them as YYYYMMDD,YYYYMMDD"),
    ],
)
def test_parse_weeks__bad_weeks_say_how_to_write_them(text, message):
    with pytest.raises(RealTimeQAError, match="^" + message.replace("(", r"\(").replace(".", r"\.")):
        parse_weeks(text)


def test_custom_run__a_week_cannot_be_both_corpus_and_absent():
    with pytest.raises(RealTimeQAError, match="both corpus and absent-answer weeks"):
        custom_run(["20250704"], ["20250704"])
    assert custom_run(["20250711", "20250704"], ["20250718"]).name == "weeks-20250704-20250711-a20250718"


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2021/02/03", "2021-02-03"),
        ("2025-07-01", "2025-07-01"),
        ("2021/2/3 10:00", "2021-02-03"),
        ("2021/02/30", None),
        ("", None),
        ("yesterday", None),
    ],
)
def test_iso_date__table(value, iso):
    assert iso_date(value) == iso


def test_locate__an_explicit_folder_must_exist(tmp_path):
    with pytest.raises(RealTimeQAError, match="No RealTimeQA folder at .*: pass --source DIR"):
        WeekFiles.locate(tmp_path / "missing")


def test_locate__falls_back_to_the_bundled_ci_slice_when_the_shared_folder_is_missing(tmp_path):
    files = WeekFiles.locate(default=tmp_path / "missing")
    assert files.bundled and files.folder == BUNDLED_DIR
    questions = read_questions(files, RUNS["ci"].weeks)
    assert len(questions) == 80 and {q.week for q in questions} == set(RUNS["ci"].weeks)
    assert len(read_results(files, RUNS["ci"].corpus_weeks)) == 454


def test_locate__a_week_that_is_not_bundled_says_where_to_get_it(tmp_path):
    files = WeekFiles.locate(default=tmp_path / "missing")
    with pytest.raises(
        RealTimeQAError, match="Week 20250103 is not bundled .*pass --source DIR or set REALTIMEQA_DIR"
    ):
        read_questions(files, ["20250103"])


@pytest.mark.skipif(not DEFAULT_SOURCE.is_dir(), reason="the shared RealTimeQA folder is not on this machine")
@pytest.mark.parametrize("week", CI_CORPUS_WEEKS + CI_ABSENT_WEEKS)
@pytest.mark.parametrize("kind", ["qa", "gcs"])
def test_bundled_slice__is_byte_for_byte_the_shared_files(week, kind):
    bundled = gzip.decompress((BUNDLED_DIR / f"{week}_{kind}.jsonl.gz").read_bytes())
    assert bundled == (DEFAULT_SOURCE / f"{week}_{kind}.jsonl").read_bytes()


def test_read__questions_and_results_of_a_folder(tmp_path):
    files = WeekFiles.locate(write_weeks(tmp_path / "rtqa"))
    questions = read_questions(files, [CORPUS_WEEK, ABSENT_WEEK])
    assert [q.id for q in questions][:2] == ["20250704_0", "20250704_1"]
    first = questions[0]
    assert (first.week, first.date, first.gold) == (CORPUS_WEEK, "2025-07-02", "Ship Bottom")
    assert questions[3].date == "2025-07-03"  # written 2025-07-03 in the file
    results = read_results(files, [CORPUS_WEEK])
    assert [(r.question_id, r.rank) for r in results[:2]] == [("20250704_0", 0), ("20250704_0", 1)]
    assert results[0].authors == ("Jane Doe",)  # blank names dropped
    assert results[2].text == ""  # a result without text reads as empty


def test_read__a_missing_file_of_a_week_is_named(tmp_path):
    folder = write_weeks(tmp_path / "rtqa")
    (folder / f"{CORPUS_WEEK}_gcs.jsonl").unlink()
    with pytest.raises(RealTimeQAError, match=f"{CORPUS_WEEK}_gcs.jsonl' is missing"):
        read_results(WeekFiles.locate(folder), [CORPUS_WEEK])


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", ":2: not valid JSON"),
        ("[1, 2]", ":2: expected a JSON object"),
        (
            json.dumps({"question_id": "x", "question_sentence": "Q?", "choices": ["a"], "answer": ["3"]}),
            ":2: answer '3' is not the index of one of the 1 choices",
        ),
        (
            json.dumps({"question_id": "x", "question_sentence": "Q?", "choices": [], "answer": ["0"]}),
            ":2: a question needs a 'choices' list",
        ),
    ],
)
def test_read__a_bad_line_is_named_by_file_and_line(tmp_path, line, message):
    folder = write_weeks(tmp_path / "rtqa")
    path = folder / f"{CORPUS_WEEK}_qa.jsonl"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    path.write_text(first + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(RealTimeQAError, match=f"{CORPUS_WEEK}_qa.jsonl{message}"):
        read_questions(WeekFiles.locate(folder), [CORPUS_WEEK])
