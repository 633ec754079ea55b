"""Realnews cases: the case file written and read back, and its soundness against a corpus."""

from __future__ import annotations

import json

import pytest

from evals.realnews.cases import (
    EvidenceWindow,
    OpenCase,
    RealnewsCaseError,
    check_cases,
    load_cases,
    write_cases,
)


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
