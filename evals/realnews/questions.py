"""Realnews questions: which RealTimeQA questions are asked open-ended, and the cases they make.

For a run (corpus weeks C, absent-answer weeks U, see `evals.realnews.realtimeqa.RUNS`):

- every question of C that can be asked without its choices becomes an
  *answerable* case when at least one corpus article holds its gold answer
  within one window (`evals.realnews.answer_match`); the case lists every such
  article, each with the window found. A question whose gold no article holds
  is left out, and counted.
- every question of U that can be asked without its choices becomes an
  *absent-answer* case only when no corpus article holds its gold anywhere,
  not even scattered over the text; otherwise it is rejected, and counted.

A question needs its choices (`needs_choices`) when it says "which of the
following", "which one of these", "which of these ...", or "of the following",
or when its right choice points at the others ("All of the above", "None of
these"). The question text keeps what the quiz wrote (a stray heading before the
question stays) except HTML markup, of which only the words are kept.

This module is pure: it reads and writes no files (`evals.realnews.runs` does)
and does not run the assistant.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence

from evals.realnews.answer_match import parse_gold, read_text
from evals.realnews.cases import EvidenceWindow, OpenCase
from evals.realnews.corpus import NewsArticle
from evals.realnews.realtimeqa import Question

__all__ = ["CHOICE_QUESTION", "CHOICE_ANSWER", "needs_choices", "question_text", "build_cases"]

# Questions that only make sense beside their choices.
CHOICE_QUESTION = re.compile(
    r"\b(?:which|what)\s+(?:one\s+)?of\s+(?:the\s+following|these|those)\b|\bof\s+the\s+following\b",
    re.IGNORECASE,
)
# Right choices that point at the other choices.
CHOICE_ANSWER = re.compile(
    r"^\W*(?:all|none|both|neither)\s+of\s+(?:the\s+)?(?:above|these|those|them)\b", re.IGNORECASE
)


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
        windows_found = (EvidenceWindow(a, *found[a], texts[a][found[a][0] : found[a][1]]) for a in order)
        cases.append(_case(question, tuple(windows_found), searched=tuple(own)))
    answerable = len(cases)
    cases += [_case(question, None) for question in absent_asked if not anywhere.get(question.gold)]
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


def _case(
    question: Question, evidence: tuple[EvidenceWindow, ...] | None, *, searched: tuple[str, ...] = ()
) -> OpenCase:
    """The case a question makes: answerable with its `evidence`, absent-answer when it is None."""
    return OpenCase(
        id=question.id,
        question=question_text(question.sentence),
        question_date=question.date,
        gold=question.gold,
        answerable=evidence is not None,
        articles=tuple(item.article for item in evidence or ()),
        evidence=evidence or (),
        week=question.week,
        searched=searched,
    )
