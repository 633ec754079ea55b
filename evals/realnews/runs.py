"""Realnews runs: a run's corpus articles and cases built from its weeks, and written to the cache.

    prepared = prepare_run("ci")          # corpus in .realnews/ci/corpus, cases in .realnews/ci/cases.jsonl
    prepared.summary.answerable, prepared.cases[0].gold

`build_case_set` reads the run's weeks (`evals.realnews.realtimeqa`), collects
their articles (`evals.realnews.corpus`) and makes the cases
(`evals.realnews.questions`), in memory, with the counts `CaseSetSummary`
prints; `prepare_run` writes them under `.realnews/<run>/`, rewriting nothing
that has not changed.

This module does not run the assistant or score answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from evals.realnews.cases import OpenCase, write_cases
from evals.realnews.corpus import ArticleCollection, collect_articles, write_corpus
from evals.realnews.questions import build_cases
from evals.realnews.realtimeqa import (
    PROJECT_DIR,
    RUNS,
    RealTimeQAError,
    Run,
    WeekFiles,
    read_questions,
    read_results,
)

__all__ = ["DEFAULT_CACHE_DIR", "CaseSetSummary", "CaseSet", "PreparedRun", "build_case_set", "prepare_run"]

DEFAULT_CACHE_DIR = PROJECT_DIR / ".realnews"


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
    """A run written to its folder: `corpus/` to index and `cases.jsonl`, with what they hold."""

    run: Run
    folder: Path
    case_set: CaseSet

    @property
    def corpus_dir(self) -> Path:
        return self.folder / "corpus"

    @property
    def cases_path(self) -> Path:
        return self.folder / "cases.jsonl"

    @property
    def cases(self) -> tuple[OpenCase, ...]:
        return self.case_set.cases

    @property
    def summary(self) -> CaseSetSummary:
        return self.case_set.summary


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
    prepared = PreparedRun(run, Path(cache_dir) / run.name, case_set)
    write_corpus(case_set.collection.articles, prepared.corpus_dir, prune=True)
    write_cases(prepared.cases_path, case_set.cases)
    return prepared


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
