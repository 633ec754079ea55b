"""Realnews cases: RealTimeQA questions asked open-ended over the articles of a run's corpus weeks.

For a run (corpus weeks C, absent-answer weeks U, see `evals.realtimeqa.RUNS`):

- every question of C that can be asked without its choices becomes an
  *answerable* case when at least one corpus article holds its gold answer
  within one window (`evals.answer_match`); the case lists every such article,
  each with the window found. A question whose gold no article holds is left
  out, and counted.
- every question of U that can be asked without its choices becomes an
  *absent-answer* case only when no corpus article holds its gold anywhere,
  not even scattered over the text; otherwise it is rejected, and counted.

    prepared = prepare_run("ci")          # corpus in .realnews/ci/corpus, cases in .realnews/ci/cases.jsonl
    prepared.summary.answerable, prepared.cases[0].gold

A question needs its choices (`needs_choices`) when it says "which of the
following", "which one of these", "which of these ...", or "of the following",
or when its right choice points at the others ("All of the above", "None of
these"). The question text keeps what the quiz wrote (a stray heading before the
question stays) except HTML markup, of which only the words are kept.

This module does not run the assistant or score answers; it only says what was
asked, what the gold is and where the corpus holds it.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from evals.answer_match import parse_gold, read_text
from evals.realnews_corpus import ArticleCollection, NewsArticle, collect_articles, write_corpus
from evals.realtimeqa import (
    PROJECT_DIR,
    RUNS,
    Question,
    RealTimeQAError,
    Run,
    WeekFiles,
    read_questions,
    read_results,
)

__all__ = [
    "DEFAULT_CACHE_DIR",
    "CHOICE_QUESTION",
    "CHOICE_ANSWER",
    "RealnewsCaseError",
    "EvidenceWindow",
    "OpenCase",
    "CaseSetSummary",
    "CaseSet",
    "PreparedRun",
    "needs_choices",
    "question_text",
    "build_cases",
    "build_case_set",
    "prepare_run",
    "write_cases",
    "load_cases",
    "check_cases",
]

DEFAULT_CACHE_DIR = PROJECT_DIR / ".realnews"

# Questions that only make sense beside their choices.
CHOICE_QUESTION = re.compile(
    r"\b(?:which|what)\s+(?:one\s+)?of\s+(?:the\s+following|these|those)\b|\bof\s+the\s+following\b",
    re.IGNORECASE,
)
# Right choices that point at the other choices.
CHOICE_ANSWER = re.compile(
    r"^\W*(?:all|none|both|neither)\s+of\s+(?:the\s+)?(?:above|these|those|them)\b", re.IGNORECASE
)
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

    def to_dict(self) -> dict:
        """The JSONL record: every field, tuples as lists."""
        record = asdict(self)
        for name in ("articles", "evidence", "searched"):
            record[name] = list(record[name])
        return record


@dataclass(frozen=True)
class CaseSetSummary:
    """The counts `python -m evals.realtimeqa stats` prints."""

    run: str
    corpus_weeks: tuple[str, ...]
    absent_weeks: tuple[str, ...]
    results: int
    without_text: int
    duplicate_texts: int
    articles: int
    characters: int
    corpus_questions: int
    corpus_choice_questions: int
    answerable: int
    answerable_searched: int
    unheld: int
    absent_questions: int
    absent_choice_questions: int
    absent: int
    absent_rejected: int

    def lines(self) -> list[str]:
        """The summary as aligned lines of text."""
        rows = [
            ("corpus weeks", f"{len(self.corpus_weeks)} ({_week_range(self.corpus_weeks)})"),
            ("absent-answer weeks", f"{len(self.absent_weeks)} ({_week_range(self.absent_weeks)})"),
            ("search results", f"{self.results:,}"),
            ("  without text", f"{self.without_text:,}"),
            ("  same text as another URL", f"{self.duplicate_texts:,}"),
            ("distinct articles", f"{self.articles:,}"),
            ("characters", f"{self.characters:,}"),
            ("questions of the corpus weeks", f"{self.corpus_questions:,}"),
            ("  'which of the following' left out", f"{self.corpus_choice_questions:,}"),
            ("  answerable cases", f"{self.answerable:,}"),
            ("    gold held by the question's own results", f"{self.answerable_searched:,}"),
            ("  left out: no article holds the gold", f"{self.unheld:,}"),
            ("questions of the absent-answer weeks", f"{self.absent_questions:,}"),
            ("  'which of the following' left out", f"{self.absent_choice_questions:,}"),
            ("  absent-answer cases", f"{self.absent:,}"),
            ("  rejected: the corpus holds the gold", f"{self.absent_rejected:,}"),
        ]
        width = max(len(label) for label, _ in rows)
        return [f"Run '{self.run}'"] + [f"  {label:<{width}}  {value}" for label, value in rows]


@dataclass(frozen=True)
class CaseSet:
    """The cases of a run, its corpus articles and the counts."""

    cases: tuple[OpenCase, ...]
    collection: ArticleCollection
    summary: CaseSetSummary


@dataclass(frozen=True)
class PreparedRun:
    """A run written to disk: the corpus folder to index and the case file."""

    run: Run
    corpus_dir: Path
    cases_path: Path
    cases: tuple[OpenCase, ...]
    summary: CaseSetSummary


def needs_choices(question: Question) -> bool:
    """Whether a question cannot be asked without its choices.

    Example: 'Which of the following is the largest coral reef?' -> True
    """
    sentence = question_text(question.sentence)
    return bool(CHOICE_QUESTION.search(sentence) or CHOICE_ANSWER.search(question.gold))


def question_text(sentence: str) -> str:
    """The question as a reader sees it: HTML tags dropped (their words kept), entities and spaces undone.

    Example: 'Demand for <a href="/tag/dubai">Dubai</a> chocolate?' -> 'Demand for Dubai chocolate?'
    """
    text = re.sub(r"<[^<>]*>", "", sentence)
    return " ".join(html.unescape(text).split())


def build_cases(
    articles: Sequence[NewsArticle],
    corpus_questions: Iterable[Question],
    absent_questions: Iterable[Question] = (),
    *,
    searched: Mapping[str, Sequence[str]] | None = None,
) -> tuple[tuple[OpenCase, ...], dict[str, int]]:
    """Match every gold against every article and make the cases; pure, no files.

    `searched` maps a question id to the article ids of its own search results,
    in rank order. Returns the cases (corpus questions first, in the order given)
    and the counts: corpus_choice_questions, answerable, answerable_searched, unheld,
    absent_choice_questions, absent, absent_rejected.
    Example: one corpus article "The tower came from Ship Bottom." and a corpus
    question with gold "Ship Bottom" -> one answerable case citing that article.
    """
    corpus_questions, absent_questions = list(corpus_questions), list(absent_questions)
    asked = [q for q in corpus_questions if not needs_choices(q)]
    absent_asked = [q for q in absent_questions if not needs_choices(q)]
    windows, anywhere = _find_golds(articles, {q.gold for q in asked}, {q.gold for q in absent_asked})
    texts = {article.id: article.text for article in articles}
    searched = searched or {}

    cases: list[OpenCase] = []
    for question in asked:
        found = windows.get(question.gold, {})
        if not found:
            continue
        own = [a for a in dict.fromkeys(searched.get(question.id, ())) if a in found]
        order = own + sorted(set(found) - set(own))
        cases.append(
            OpenCase(
                id=question.id,
                question=question_text(question.sentence),
                question_date=question.date,
                gold=question.gold,
                answerable=True,
                articles=tuple(order),
                evidence=tuple(
                    EvidenceWindow(a, *found[a], texts[a][found[a][0] : found[a][1]]) for a in order
                ),
                week=question.week,
                searched=tuple(own),
            )
        )
    answerable = len(cases)
    for question in absent_asked:
        if anywhere.get(question.gold):
            continue
        cases.append(
            OpenCase(
                id=question.id,
                question=question_text(question.sentence),
                question_date=question.date,
                gold=question.gold,
                answerable=False,
                articles=(),
                evidence=(),
                week=question.week,
            )
        )
    counts = {
        "corpus_choice_questions": len(corpus_questions) - len(asked),
        "answerable": answerable,
        "answerable_searched": sum(1 for case in cases if case.searched),
        "unheld": len(asked) - answerable,
        "absent_choice_questions": len(absent_questions) - len(absent_asked),
        "absent": len(cases) - answerable,
        "absent_rejected": len(absent_asked) - (len(cases) - answerable),
    }
    return tuple(cases), counts


def build_case_set(run: Run | str, files: WeekFiles) -> CaseSet:
    """Read a run's weeks and build its corpus articles and cases, in memory.

    Example: build_case_set("ci", WeekFiles.locate()).summary.articles -> 433
    """
    run = _run(run)
    results = read_results(files, run.corpus_weeks)
    collection = collect_articles(results)
    searched: dict[str, list[str]] = {}
    for result in results:
        article = collection.ids_by_url.get(result.url)
        if article is not None:
            searched.setdefault(result.question_id, []).append(article)
    corpus_questions = read_questions(files, run.corpus_weeks)
    absent_questions = read_questions(files, run.absent_weeks)
    cases, counts = build_cases(collection.articles, corpus_questions, absent_questions, searched=searched)
    summary = CaseSetSummary(
        run=run.name,
        corpus_weeks=run.corpus_weeks,
        absent_weeks=run.absent_weeks,
        results=collection.results,
        without_text=collection.without_text,
        duplicate_texts=collection.duplicate_texts,
        articles=len(collection.articles),
        characters=collection.characters,
        corpus_questions=len(corpus_questions),
        absent_questions=len(absent_questions),
        **counts,
    )
    return CaseSet(cases=cases, collection=collection, summary=summary)


def prepare_run(
    run: Run | str, *, files: WeekFiles | None = None, cache_dir: Path | str = DEFAULT_CACHE_DIR
) -> PreparedRun:
    """Build a run and write it under `cache_dir/<run name>/`: `corpus/` and `cases.jsonl`.

    Re-running rewrites nothing that has not changed, so an index built on the
    corpus folder stays valid. Example: prepare_run("ci").corpus_dir -> .realnews/ci/corpus
    """
    run = _run(run)
    case_set = build_case_set(run, files or WeekFiles.locate())
    folder = Path(cache_dir) / run.name
    corpus_dir = folder / "corpus"
    write_corpus(case_set.collection.articles, corpus_dir, prune=True)
    cases_path = folder / "cases.jsonl"
    write_cases(cases_path, case_set.cases)
    return PreparedRun(run, corpus_dir, cases_path, case_set.cases, case_set.summary)


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
    cases: list[OpenCase] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as error:
            raise RealnewsCaseError(f"{where}: not valid JSON ({error.msg}): rebuild the file.") from None
        case = _parse_case(raw, where)
        if case.id in seen:
            raise RealnewsCaseError(f"{where}: case id '{case.id}' is used twice: rebuild the file.")
        seen.add(case.id)
        cases.append(case)
    return tuple(cases)


def check_cases(cases: Iterable[OpenCase], articles: Mapping[str, str]) -> list[str]:
    """Problems with the cases against a corpus (article id -> text); empty when sound.

    Checks that every gold article exists, every evidence window is verbatim at
    its offsets and holds the gold, and that no article holds an absent-answer gold.
    Example: an evidence window whose text moved -> ["20250704_3: evidence in 'a' is not at 10-52"]
    """
    problems: list[str] = []
    cases = list(cases)
    for case in cases:
        for article in case.articles:
            if article not in articles:
                problems.append(f"{case.id}: gold article '{article}' is not in the corpus")
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


def _find_golds(
    articles: Sequence[NewsArticle], window_golds: set[str], absent_golds: set[str]
) -> tuple[dict[str, dict[str, tuple[int, int]]], dict[str, list[str]]]:
    """For each gold, the articles holding it in a window (with the window) and anywhere.

    Each article is read once and every gold tried on it: a gold's quick check
    against the article's term set rules out nearly every pair before any window
    is looked at.
    """
    golds = {gold: parse_gold(gold) for gold in window_golds | absent_golds}
    windows: dict[str, dict[str, tuple[int, int]]] = {}
    anywhere: dict[str, list[str]] = {}
    for article in articles:
        reading = read_text(article.text)
        terms = reading.terms
        for gold, parsed in golds.items():
            if parsed.requirements and not parsed.held_by(terms):
                continue
            if not reading.holds(parsed):
                continue
            anywhere.setdefault(gold, []).append(article.id)
            if gold in window_golds:
                span = reading.window(parsed)
                if span is not None:
                    windows.setdefault(gold, {})[article.id] = span
    return windows, anywhere


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


def _run(run: Run | str) -> Run:
    if isinstance(run, Run):
        return run
    if run not in RUNS:
        raise RealTimeQAError(f"Unknown split '{run}': use one of {', '.join(RUNS)}, or pass weeks.")
    return RUNS[run]


def _week_range(weeks: Sequence[str]) -> str:
    if not weeks:
        return "none"
    return weeks[0] if len(weeks) == 1 else f"{weeks[0]} … {weeks[-1]}"
