"""Seed cases: reading the hand-made evaluation set and checking it against the corpus.

A case file holds one JSON object per line (see `evals/CASES.md` for the
fields). `load_cases` turns each line into a frozen `Case`; `check_cases`
verifies the set itself: every gold article exists and every gold quote is an
exact substring of its article's text.

This module does not run any system and does not score anything: it only says
what the gold answers are and whether they are sound.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from evals.cases import missing_articles, read_case_file

__all__ = [
    "KINDS",
    "CaseFileError",
    "Evidence",
    "Case",
    "load_cases",
    "check_cases",
    "evidence_spans",
]

KINDS = ("single", "multi_article", "multi_turn", "unanswerable")
_FIELDS = ("id", "kind", "subkind", "turns", "answerable", "answers", "key_facts", "articles", "evidence")


class CaseFileError(ValueError):
    """A case file cannot be read as an evaluation set."""


@dataclass(frozen=True)
class Evidence:
    """One gold quote and the article it is copied from."""

    article: str
    quote: str


@dataclass(frozen=True)
class Case:
    """One evaluation case. The gold fields apply to the last turn."""

    id: str
    kind: str
    subkind: str
    turns: tuple[str, ...]
    answerable: bool
    answers: tuple[str, ...]
    key_facts: tuple[str, ...]
    articles: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    notes: str = ""

    @property
    def question(self) -> str:
        """The turn that is scored."""
        return self.turns[-1]


def load_cases(path: Path | str) -> tuple[Case, ...]:
    """Read a JSONL case file.

    Raises `CaseFileError` naming the file and line when a line is not a valid case.
    """
    path = Path(path)
    if not path.is_file():
        raise CaseFileError(f"No case file at '{path}': pass --cases PATH (for example evals/cases.jsonl).")
    cases = read_case_file(
        path,
        _parse_case,
        error=CaseFileError,
        bad_line="fix the line or remove it.",
        same_id="give each case its own id.",
    )
    if not cases:
        raise CaseFileError(f"'{path}' holds no cases: add one JSON object per line (see evals/CASES.md).")
    return cases


def check_cases(cases: Iterable[Case], articles: Mapping[str, str]) -> list[str]:
    """Problems with the gold data, one readable line each; empty when the set is sound.

    `articles` maps article id to article text.
    Example: a quote missing from its article ->
    ["single-001: quote 'The sheriff …' is not verbatim in article 'kfsn-ice-jail-2015'"]
    """
    problems: list[str] = []
    for case in cases:
        problems += missing_articles(case.id, case.articles, articles)
        for item in case.evidence:
            text = articles.get(item.article)
            if text is None:
                problems.append(f"{case.id}: evidence article '{item.article}' is not in the corpus")
            elif item.quote not in text:
                problems.append(
                    f"{case.id}: quote {_short(item.quote)!r} is not verbatim in article '{item.article}'"
                )
            if item.article not in case.articles:
                problems.append(f"{case.id}: evidence article '{item.article}' is not listed in 'articles'")
        if case.answerable:
            joined = " ".join(item.quote for item in case.evidence).casefold()
            for fact in case.key_facts:
                if fact.casefold() not in joined:
                    problems.append(f"{case.id}: key fact {fact!r} is not in the evidence quotes")
    return problems


def evidence_spans(case: Case, articles: Mapping[str, str]) -> list[list[tuple[str, int, int]]]:
    """For each gold quote, every (article, start, end) where it occurs in its article.

    Example: a quote found once at offset 10 -> [[('kfsn-ice-jail-2015', 10, 78)]]
    """
    spans: list[list[tuple[str, int, int]]] = []
    for item in case.evidence:
        text = articles.get(item.article, "")
        found: list[tuple[str, int, int]] = []
        start = text.find(item.quote) if item.quote else -1
        while start != -1:
            found.append((item.article, start, start + len(item.quote)))
            start = text.find(item.quote, start + 1)
        spans.append(found)
    return spans


def _parse_case(raw: object, where: str) -> Case:
    if not isinstance(raw, dict):
        raise CaseFileError(f"{where}: a case must be a JSON object: see evals/CASES.md for the fields.")
    missing = [name for name in _FIELDS if name not in raw]
    if missing:
        raise CaseFileError(f"{where}: missing field(s) {', '.join(missing)}: add them (see evals/CASES.md).")
    if raw["kind"] not in KINDS:
        raise CaseFileError(f"{where}: kind {raw['kind']!r} is not one of {', '.join(KINDS)}: fix the kind.")
    turns = _strings(raw["turns"], "turns", where)
    if not turns:
        raise CaseFileError(f"{where}: 'turns' is empty: give at least one question.")
    if not isinstance(raw["answerable"], bool):
        raise CaseFileError(f"{where}: 'answerable' must be true or false.")
    evidence_raw = raw["evidence"]
    if not isinstance(evidence_raw, list) or not all(
        isinstance(item, dict) and isinstance(item.get("article"), str) and isinstance(item.get("quote"), str)
        for item in evidence_raw
    ):
        raise CaseFileError(f'{where}: \'evidence\' must be a list of {{"article", "quote"}} objects.')
    return Case(
        id=str(raw["id"]),
        kind=raw["kind"],
        subkind=str(raw["subkind"] or ""),
        turns=turns,
        answerable=raw["answerable"],
        answers=_strings(raw["answers"], "answers", where),
        key_facts=_strings(raw["key_facts"], "key_facts", where),
        articles=_strings(raw["articles"], "articles", where),
        evidence=tuple(Evidence(article=item["article"], quote=item["quote"]) for item in evidence_raw),
        notes=str(raw.get("notes") or ""),
    )


def _strings(value: object, name: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise CaseFileError(f"{where}: '{name}' must be a list of strings.")
    return tuple(value)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
