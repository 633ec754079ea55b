"""What every set's cases share: JSONL lines, a case file's ids, sampling, and missing gold articles."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from evals.cases import json_lines, missing_articles, read_case_file, spread


class Unreadable(ValueError):
    pass


@dataclass(frozen=True)
class Asked:
    id: str
    turns: tuple[str, ...]

    @property
    def question(self) -> str:
        return self.turns[-1]


def parse(raw: object, where: str) -> Asked:
    assert isinstance(raw, dict), where
    return Asked(raw["id"], (raw["q"],))


def test_json_lines__each_non_blank_line_with_its_place():
    lines = ['{"id": "a"}', "", "   ", '{"id": "b"}']
    assert list(json_lines(lines, "x.jsonl", error=Unreadable, fix="fix it.")) == [
        ("x.jsonl:1", {"id": "a"}),
        ("x.jsonl:4", {"id": "b"}),
    ]


def test_json_lines__a_line_that_is_no_json_names_its_place_and_the_fix():
    with pytest.raises(Unreadable) as raised:
        list(json_lines(['{"id": "a"}', "{oops"], "x.jsonl", error=Unreadable, fix="rebuild the file."))
    assert str(raised.value) == (
        "x.jsonl:2: not valid JSON (Expecting property name enclosed in double quotes): rebuild the file."
    )


def test_read_case_file__every_case_in_file_order(tmp_path: Path):
    path = tmp_path / "cases.jsonl"
    path.write_text('{"id": "b", "q": "Why?"}\n\n{"id": "a", "q": "How?"}\n')
    cases = read_case_file(path, parse, error=Unreadable, bad_line="x", same_id="y")
    assert cases == (Asked("b", ("Why?",)), Asked("a", ("How?",)))


def test_read_case_file__an_id_used_twice_names_the_second_line_and_the_fix(tmp_path: Path):
    path = tmp_path / "cases.jsonl"
    path.write_text('{"id": "a", "q": "Why?"}\n{"id": "a", "q": "How?"}\n')
    with pytest.raises(Unreadable) as raised:
        read_case_file(path, parse, error=Unreadable, bad_line="x", same_id="give each case its own id.")
    assert str(raised.value) == f"{path}:2: case id 'a' is used twice: give each case its own id."


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (3, (0, 3, 6)),  # steps of 10 / 3
        (5, (0, 2, 4, 6, 8)),
        (1, (0,)),
        (10, tuple(range(10))),
        (12, tuple(range(10))),  # more than there are: all of them
    ],
)
def test_spread__takes_cases_at_even_steps_through_the_file(count, expected):
    assert spread(tuple(range(10)), count) == expected


def test_missing_articles__one_line_per_gold_article_the_corpus_lacks():
    assert missing_articles("single-001", ["kfsn", "gone", "lost"], {"kfsn": "Text."}) == [
        "single-001: gold article 'gone' is not in the corpus",
        "single-001: gold article 'lost' is not in the corpus",
    ]
    assert missing_articles("single-001", ["kfsn"], {"kfsn": "Text."}) == []
