"""The case files: the gold set checks out against the corpus, and bad files are refused clearly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.seeds.cases import KINDS, Case, CaseFileError, Evidence, check_cases, evidence_spans, load_cases

PROJECT = Path(__file__).resolve().parents[3]
CASE_FILES = [PROJECT / "evals" / name for name in ("cases.jsonl", "dev.jsonl", "heldout.jsonl")]


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.name)
def test_case_file__every_gold_quote_is_verbatim_in_an_existing_article(path, corpus_texts):
    cases = load_cases(path)
    assert check_cases(cases, corpus_texts) == []
    for case in cases:
        for article_id in case.articles:
            assert article_id in corpus_texts, f"{case.id}: unknown article {article_id}"
        for item in case.evidence:
            assert item.quote in corpus_texts[item.article], f"{case.id}: quote not verbatim"


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.name)
def test_case_file__answerable_cases_have_gold_and_unanswerable_have_none(path):
    for case in load_cases(path):
        assert case.kind in KINDS
        if case.answerable:
            assert case.key_facts and case.articles and case.evidence, case.id
        else:
            assert case.kind == "unanswerable", case.id
            assert not (case.key_facts or case.articles or case.evidence), case.id
        assert (len(case.turns) > 1) == (case.kind == "multi_turn"), case.id


def test_case_files__ids_are_unique_across_all_files():
    ids = [case.id for path in CASE_FILES for case in load_cases(path)]
    assert len(ids) == len(set(ids))


def test_evidence_spans__locate_every_occurrence_of_each_quote():
    case = _case(evidence=(Evidence("a", "ab"), Evidence("a", "zz")))
    assert evidence_spans(case, {"a": "ab-ab"}) == [[("a", 0, 2), ("a", 3, 5)], []]


@pytest.mark.parametrize(
    ("case", "problem"),
    [
        (
            Case("x-1", "single", "", ("Q?",), True, ("A",), ("A",), ("nope",), (Evidence("nope", "A"),)),
            "x-1: gold article 'nope' is not in the corpus",
        ),
        (
            Case("x-2", "single", "", ("Q?",), True, ("A",), ("A",), ("a",), (Evidence("a", "Not there"),)),
            "x-2: quote 'Not there' is not verbatim in article 'a'",
        ),
        (
            Case("x-3", "single", "", ("Q?",), True, ("A",), ("Zebra",), ("a",), (Evidence("a", "A fact."),)),
            "x-3: key fact 'Zebra' is not in the evidence quotes",
        ),
        (
            Case("x-4", "single", "", ("Q?",), True, ("A",), ("A",), ("a",), (Evidence("b", "B fact."),)),
            "x-4: evidence article 'b' is not listed in 'articles'",
        ),
    ],
)
def test_check_cases__names_each_unsound_case(case, problem):
    assert problem in check_cases([case], {"a": "A fact.", "b": "B fact."})


_DROP = object()


def _line(**changes) -> str:
    base = {
        "id": "single-001",
        "kind": "single",
        "subkind": "",
        "turns": ["Q?"],
        "answerable": True,
        "answers": ["A"],
        "key_facts": ["A"],
        "articles": ["a"],
        "evidence": [{"article": "a", "quote": "A fact."}],
        "notes": "",
    }
    base.update(changes)
    return json.dumps({k: v for k, v in base.items() if v is not _DROP})


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["{not json"], "cases.jsonl:1: not valid JSON"),
        ([_line(kind="essay")], "kind 'essay' is not one of"),
        ([_line(turns=[])], "'turns' is empty"),
        ([_line(key_facts="A")], "'key_facts' must be a list of strings"),
        ([_line(answerable="yes")], "'answerable' must be true or false"),
        ([_line(evidence=[{"article": "a"}])], "'evidence' must be a list"),
        ([_line(turns=_DROP)], "missing field(s) turns"),
        ([_line(), _line()], "case id 'single-001' is used twice"),
        ([""], "holds no cases"),
    ],
)
def test_load_cases__refuses_a_bad_file_with_the_line_and_the_fix(tmp_path, lines, message):
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CaseFileError) as error:
        load_cases(path)
    assert message in str(error.value)


def test_load_cases__names_the_flag_when_the_file_is_missing(tmp_path):
    with pytest.raises(CaseFileError, match="pass --cases PATH"):
        load_cases(tmp_path / "missing.jsonl")


def test_load_cases__reads_every_field(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text(_line(turns=["First?", "Then?"], kind="multi_turn") + "\n", encoding="utf-8")
    (case,) = load_cases(path)
    assert case == Case(
        id="single-001",
        kind="multi_turn",
        subkind="",
        turns=("First?", "Then?"),
        answerable=True,
        answers=("A",),
        key_facts=("A",),
        articles=("a",),
        evidence=(Evidence("a", "A fact."),),
    )
    assert case.question == "Then?"


def _case(**changes) -> Case:
    fields = dict(
        id="c",
        kind="single",
        subkind="",
        turns=("Q?",),
        answerable=True,
        answers=("A",),
        key_facts=("A",),
        articles=("a",),
        evidence=(Evidence("a", "A"),),
    )
    fields.update(changes)
    return Case(**fields)
