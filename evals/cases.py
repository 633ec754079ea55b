"""Cases, whichever the set: what asking one needs, reading a case file, and sampling a set.

Each set defines its own case (`evals.seeds.cases.Case`: turns, key facts and
evidence quotes; `evals.realnews.cases.OpenCase`: one question and a short gold
answer); what they share lives here:

    for where, raw in json_lines(path.open(encoding="utf-8"), path, error=CaseFileError, fix="..."):
        ...                                          # one JSON object a line, blank lines skipped
    cases = read_case_file(path, parse, error=CaseFileError, bad_line="...", same_id="...")
    spread(cases, 3)                                  # three cases at even steps through the file

This module does not know the fields of any set's cases and does not check them
against a corpus: each set's `cases` module does.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Protocol, TypeVar

__all__ = ["AskedCase", "json_lines", "missing_articles", "read_case_file", "spread"]

CaseT = TypeVar("CaseT", bound="AskedCase")


class AskedCase(Protocol):
    """What asking a case needs: its id, the turns to ask in order, and the one that is scored."""

    @property
    def id(self) -> str: ...

    @property
    def turns(self) -> tuple[str, ...]: ...

    @property
    def question(self) -> str: ...


def json_lines(
    lines: Iterable[str], path: Path | str, *, error: type[Exception], fix: str
) -> Iterator[tuple[str, object]]:
    """Each non-blank line as (its place 'path:number', the JSON value it holds).

    A line that is no JSON raises `error` naming its place, and `fix` says what to do.
    Example: ['{"id": "a"}', '', '{"id": "b"}'] read from 'x.jsonl'
    -> ('x.jsonl:1', {'id': 'a'}), ('x.jsonl:3', {'id': 'b'})
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as failure:
            raise error(f"{where}: not valid JSON ({failure.msg}): {fix}") from None
        yield where, raw


def read_case_file(
    path: Path,
    parse: Callable[[object, str], CaseT],
    *,
    error: type[Exception],
    bad_line: str,
    same_id: str,
) -> tuple[CaseT, ...]:
    """Every case of a JSONL file, in file order, each read by `parse(raw, where)`.

    A line that is no JSON raises `error` ending with `bad_line`; a case id used twice
    raises it ending with `same_id`. The caller checks first that the file exists.
    """
    cases: list[CaseT] = []
    seen: set[str] = set()
    text = path.read_text(encoding="utf-8").splitlines()
    for where, raw in json_lines(text, path, error=error, fix=bad_line):
        case = parse(raw, where)
        if case.id in seen:
            raise error(f"{where}: case id '{case.id}' is used twice: {same_id}")
        seen.add(case.id)
        cases.append(case)
    return tuple(cases)


def missing_articles(case_id: str, gold: Iterable[str], articles: Mapping[str, str]) -> list[str]:
    """One problem line for each gold article of a case that the corpus lacks.

    Example: ('single-001', ['kfsn', 'gone'], {'kfsn': '...'})
    -> ["single-001: gold article 'gone' is not in the corpus"]
    """
    return [f"{case_id}: gold article '{a}' is not in the corpus" for a in gold if a not in articles]


def spread(cases: Sequence[CaseT], count: int) -> tuple[CaseT, ...]:
    """`count` cases taken at even steps through the file, so every kind is represented.

    Example: 10 cases, count 3 -> the 1st, 4th and 7th (steps of 10 / 3)
    """
    if count >= len(cases):
        return tuple(cases)
    step = len(cases) / count
    return tuple(cases[int(i * step)] for i in range(count))
