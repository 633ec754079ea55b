"""Training pairs for the ranker, by distant supervision from RealTimeQA and the seed cases.

For each open question (one that can be asked without its choices), the articles its
own web search returned are cut into the sentences the assistant may quote. A sentence
that holds the gold answer (every content word of it, as the evals match answers) and
shares a word with the question is a positive; the sentences most like the question
that do not hold it are hard negatives, and a few others of the same articles easy ones.
The seed cases add their evidence quotes as positives, over the shipped corpus.

Which weeks feed it is fixed here: RealTimeQA 2022 and 2023 and the 2025 development
weeks. The 2025 held-out weeks and the seeds' held-out cases are never read.

It does not train anything; `training.ranker` does, from the pairs written here.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.furniture import quotable
from assistant.ranker import pair_text
from assistant.sentences import split_sentences
from evals.realnews.answer_match import holds_answer
from evals.realnews.questions import CHOICE_ANSWER, CHOICE_QUESTION, question_text
from index.articles import load_corpus
from index.terms import terms

__all__ = ["Pair", "TRAINING_YEARS", "realtimeqa_pairs", "seed_pairs", "write_pairs", "read_pairs"]

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
TRAINING_YEARS = ("2022", "2023")
MAX_POSITIVES = 2
HARD_NEGATIVES = 10
EASY_NEGATIVES = 3


@dataclass(frozen=True)
class Pair:
    question: str
    candidate: str  # as `pair_text` shows it to the model
    label: int  # 1: holds the answer
    group: str  # the question's id: pairs of one question are ranked against each other


@dataclass(frozen=True)
class _Sentence:
    text: str
    candidate: str
    terms: frozenset[str]


def realtimeqa_pairs(folder: Path, weeks: Sequence[str], *, seed: int) -> Iterator[Pair]:
    """Pairs of every open question of `weeks` whose own search results hold its gold."""
    rng = random.Random(seed)
    for week in weeks:
        results = _results(folder / f"{week}_gcs.jsonl")
        for raw in _lines(folder / f"{week}_qa.jsonl"):
            question = question_text(raw["question_sentence"])
            gold = raw["choices"][int(raw["answer"][0])]
            if CHOICE_QUESTION.search(question) or CHOICE_ANSWER.search(gold):
                continue
            articles = results.get(raw["question_id"], [])
            sentences = [s for title, text in articles for s in _sentences(title, text)]
            positives = [s for s in sentences if holds_answer(s.text, gold)]
            yield from _pairs(raw["question_id"], question, sentences, positives, rng)


def seed_pairs(cases: Path, corpus: Path, *, seed: int) -> Iterator[Pair]:
    """Pairs of the answerable seed cases: sentences that overlap an evidence quote are positives."""
    rng = random.Random(seed)
    articles = {a.id: a for a in load_corpus(corpus).articles}
    every = {aid: _sentences(a.title, a.text) for aid, a in articles.items()}
    for raw in _lines(cases):
        if not raw.get("answerable") or len(raw.get("turns", [])) != 1:
            continue
        quotes = [" ".join(e["quote"].split()) for e in raw.get("evidence", [])]
        sentences = [s for aid in raw.get("articles", []) for s in every.get(aid, [])]
        positives = [s for s in sentences if any(_overlaps(s.text, q) for q in quotes)]
        yield from _pairs(raw["id"], raw["turns"][0], sentences, positives, rng)


def write_pairs(pairs: Iterator[Pair], path: Path) -> Counter[int]:
    """Write pairs as JSONL; returns how many of each label were written."""
    counts: Counter[int] = Counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for pair in pairs:
            handle.write(json.dumps(pair.__dict__, ensure_ascii=False) + "\n")
            counts[pair.label] += 1
    return counts


def read_pairs(path: Path) -> list[Pair]:
    return [Pair(**raw) for raw in _lines(path)]


def _pairs(
    group: str, question: str, sentences: list[_Sentence], positives: list[_Sentence], rng: random.Random
) -> Iterator[Pair]:
    """A question's positives (those sharing most of its words first) and its negatives."""
    asked = set(terms(question))
    if not positives or not asked:
        return
    weight = _idf(asked, sentences)
    overlap = {id(s): sum(weight[t] for t in asked & s.terms) for s in sentences}
    positives = [p for p in positives if overlap[id(p)] > 0]
    positives.sort(key=lambda s: -overlap[id(s)])
    held = {p.text for p in positives}
    others = [s for s in sentences if s.text not in held and overlap[id(s)] > 0]
    others.sort(key=lambda s: -overlap[id(s)])
    hard = _distinct(others)[:HARD_NEGATIVES]
    rest = [s for s in sentences if s.text not in held and s not in hard]
    easy = rng.sample(rest, min(EASY_NEGATIVES, len(rest)))
    for sentence in _distinct(positives)[:MAX_POSITIVES]:
        yield Pair(question, sentence.candidate, 1, group)
    for sentence in hard + easy:
        yield Pair(question, sentence.candidate, 0, group)


def _sentences(title: str, text: str) -> list[_Sentence]:
    spans = quotable(text, split_sentences(text))
    out = []
    for i, span in enumerate(spans):
        sentence = text[span.start : span.end]
        before = text[spans[i - 1].start : spans[i - 1].end] if i > 0 else ""
        after = text[spans[i + 1].start : spans[i + 1].end] if i + 1 < len(spans) else ""
        candidate = pair_text(sentence, before=before, after=after, title=title)
        out.append(_Sentence(sentence, candidate, frozenset(terms(sentence))))
    return out


def _overlaps(sentence: str, quote: str) -> bool:
    flat = " ".join(sentence.split())
    return flat in quote or quote in flat


def _idf(asked: set[str], sentences: list[_Sentence]) -> dict[str, float]:
    n = len(sentences) or 1
    return {t: math.log(1 + n / (1 + sum(1 for s in sentences if t in s.terms))) for t in asked}


def _distinct(sentences: list[_Sentence]) -> list[_Sentence]:
    seen: set[str] = set()
    out = []
    for s in sentences:
        key = " ".join(s.text.lower().split())
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def _results(path: Path) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for raw in _lines(path):
        for item in raw.get("search_result") or []:
            text = item.get("text") if isinstance(item, dict) else None
            if isinstance(text, str) and text.strip():
                out.setdefault(raw["question_id"], []).append((str(item.get("title") or ""), text))
    return out


def _lines(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)
