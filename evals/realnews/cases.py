"""Realnews cases: the open questions of a run, their case file, and their soundness against a corpus.

An `OpenCase` is one RealTimeQA question asked without its choices: the gold
answer is the right choice's text; an answerable case names every corpus
article that holds the gold within one window (`EvidenceWindow`), an
absent-answer case names none. How the cases are made is
`evals.realnews.questions`; here they are written, read back and checked:

    write_cases(path, cases)               # JSONL, rewritten only when the bytes change
    cases = load_cases(path)               # RealnewsCaseError names the file and line of a bad case
    check_cases(cases, articles)           # [] when every window is at its offsets and holds the gold

This module does not run the assistant or score answers.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from evals.cases import missing_articles, read_case_file
from evals.realnews.answer_match import parse_gold, read_text

__all__ = [
    "RealnewsCaseError",
    "EvidenceWindow",
    "OpenCase",
    "write_cases",
    "load_cases",
    "check_cases",
]

_FIELDS = ("id", "question", "question_date", "gold", "answerable", "articles", "evidence", "week")


class RealnewsCaseError(ValueError):
    """A realnews case file cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class EvidenceWindow:
    """Where one gold article holds the gold answer: `text` is article_text[start:end]."""

    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class OpenCase:
    """One open question. Answerable cases name every corpus article holding the gold.

    `searched` lists the gold articles that were among this question's own search
    results, in search order (they are also first in `articles` and `evidence`):
    those are the likeliest to be about the question's story, whereas an article
    found by the gold's words alone may merely mention them.
    """

    id: str
    question: str
    question_date: str
    gold: str
    answerable: bool
    articles: tuple[str, ...]
    evidence: tuple[EvidenceWindow, ...]
    week: str
    searched: tuple[str, ...] = ()

    @property
    def turns(self) -> tuple[str, ...]:
        """Asked in one turn: the question."""
        return (self.question,)

    def to_dict(self) -> dict:
        """The JSONL record: every field, tuples as lists."""
        record = asdict(self)
        for name in ("articles", "evidence", "searched"):
            record[name] = list(record[name])
        return record


def write_cases(path: Path | str, cases: Iterable[OpenCase]) -> None:
    """Write the cases as JSONL, atomically, and only when the bytes change."""
    path = Path(path)
    data = "".join(json.dumps(case.to_dict(), ensure_ascii=False) + "\n" for case in cases).encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def load_cases(path: Path | str) -> tuple[OpenCase, ...]:
    """Read a realnews case file; raises `RealnewsCaseError` naming the file and line of a bad case."""
    path = Path(path)
    if not path.is_file():
        raise RealnewsCaseError(
            f"No case file at '{path}': build one with `python -m evals.realtimeqa build --split ci`."
        )
    fix = "rebuild the file."
    return read_case_file(path, _parse_case, error=RealnewsCaseError, bad_line=fix, same_id=fix)


def check_cases(cases: Iterable[OpenCase], articles: Mapping[str, str]) -> list[str]:
    """Problems with the cases against a corpus (article id -> text); empty when sound.

    Checks that every gold article exists, every evidence window is verbatim at
    its offsets and holds the gold, and that no article holds an absent-answer gold.
    Example: an evidence window whose text moved -> ["20250704_3: evidence in 'a' is not at 10-52"]
    """
    problems: list[str] = []
    cases = list(cases)
    for case in cases:
        problems += missing_articles(case.id, case.articles, articles)
        for item in case.evidence:
            text = articles.get(item.article)
            if text is None:
                continue
            if text[item.start : item.end] != item.text:
                problems.append(f"{case.id}: evidence in '{item.article}' is not at {item.start}-{item.end}")
            elif not read_text(item.text).holds(parse_gold(case.gold)):
                problems.append(f"{case.id}: evidence in '{item.article}' does not hold {case.gold!r}")
    absent = [case for case in cases if not case.answerable]
    if absent:
        for article, text in articles.items():
            reading = read_text(text)
            for case in absent:
                if reading.holds(parse_gold(case.gold)):
                    problems.append(f"{case.id}: article '{article}' holds the absent answer {case.gold!r}")
    return problems


def _parse_case(raw: object, where: str) -> OpenCase:
    if not isinstance(raw, dict):
        raise RealnewsCaseError(
            f"{where}: expected a JSON object with {', '.join(_FIELDS)}: rebuild the file."
        )
    missing = [name for name in _FIELDS if name not in raw]
    if missing:
        raise RealnewsCaseError(f"{where}: missing field(s) {', '.join(missing)}: rebuild the file.")
    for name in ("id", "question", "question_date", "gold", "week"):
        if not isinstance(raw[name], str) or (name != "question_date" and not raw[name].strip()):
            raise RealnewsCaseError(f"{where}: '{name}' must be a non-empty string: rebuild the file.")
    if not isinstance(raw["answerable"], bool):
        raise RealnewsCaseError(f"{where}: 'answerable' must be true or false: rebuild the file.")
    articles = raw["articles"]
    searched = raw.get("searched", [])
    for name, value in (("articles", articles), ("searched", searched)):
        if not isinstance(value, list) or not all(isinstance(a, str) and a for a in value):
            raise RealnewsCaseError(f"{where}: '{name}' must be a list of article ids: rebuild the file.")
    evidence = []
    for item in raw["evidence"] if isinstance(raw["evidence"], list) else [None]:
        if not (
            isinstance(item, dict)
            and isinstance(item.get("article"), str)
            and isinstance(item.get("text"), str)
            and isinstance(item.get("start"), int)
            and isinstance(item.get("end"), int)
            and 0 <= item["start"] < item["end"]
            and item["end"] - item["start"] == len(item["text"])
        ):
            raise RealnewsCaseError(
                f"{where}: each evidence item needs 'article', 'start' < 'end' and a 'text' of "
                "end - start characters: rebuild the file."
            )
        evidence.append(EvidenceWindow(item["article"], item["start"], item["end"], item["text"]))
    if raw["answerable"] and not (articles and evidence):
        raise RealnewsCaseError(
            f"{where}: an answerable case needs gold articles and evidence: rebuild the file."
        )
    if not raw["answerable"] and (articles or evidence or searched):
        raise RealnewsCaseError(
            f"{where}: an absent-answer case has no gold articles or evidence: rebuild the file."
        )
    if {item.article for item in evidence} - set(articles) or set(searched) - set(articles):
        raise RealnewsCaseError(
            f"{where}: evidence and 'searched' may only name articles listed in 'articles': rebuild the file."
        )
    return OpenCase(
        id=raw["id"],
        question=raw["question"],
        question_date=raw["question_date"],
        gold=raw["gold"],
        answerable=raw["answerable"],
        articles=tuple(articles),
        evidence=tuple(evidence),
        week=raw["week"],
        searched=tuple(searched),
    )
