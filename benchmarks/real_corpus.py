"""Real corpus: benchmark corpora made of the RealTimeQA 2025 news articles, the same every time.

The articles are the distinct articles the year's web searches returned
(`/work/shared/realtimeqa/2025`), converted by `evals.realnews.corpus` exactly
as the realnews eval converts them: one `.md` file per distinct URL, front
matter, then the text as fetched. They are put in one fixed order, by the
first week whose search results return them, then by where they come in that
week's results (question order, then search rank). A corpus of n articles is
the first n of that order, so the 1,000 are the first 1,000 of all of them.

    source = RealSource.load()                 # reads the 52 weeks (about 2 s)
    corpus = select(source, "all")             # every real article, about 5,340
    corpus = select(source, 1000)              # the first 1,000, and questions of the weeks they cover
    corpus = select(source, 10000)             # all real ones + synthetic ones, labelled as such
    write(corpus, Path(".bench/real-all"))

The year holds about 5,340 distinct articles, not 10,000: a larger size is
every real article plus synthetic ones (`benchmarks.synthetic`) to make up the
count, and its label says so. The questions to time `ask` with are the
RealTimeQA questions of the weeks whose every search result is in the corpus,
those that read without their choices (as the realnews eval asks them), spread
evenly over those weeks.

It does not index or measure anything; see `benchmarks.measure`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from benchmarks import synthetic
from evals.realnews.corpus import ArticleCollection, NewsArticle, collect_articles, write_corpus
from evals.realnews.questions import needs_choices, question_text
from evals.realnews.realtimeqa import (
    ALL_WEEKS,
    Question,
    SearchResult,
    WeekFiles,
    read_questions,
    read_results,
)

__all__ = [
    "ALL",
    "QUESTIONS_PER_CORPUS",
    "RealCorpusError",
    "RealSource",
    "RealCorpus",
    "order_articles",
    "select",
    "spread",
    "write",
]

ALL = "all"
QUESTIONS_PER_CORPUS = 40

T = TypeVar("T")


class RealCorpusError(ValueError):
    """A real corpus cannot be made as asked; the message says what to pass instead."""


@dataclass(frozen=True)
class RealSource:
    """The whole year: every distinct article in benchmark order, the articles of each week, the questions."""

    articles: tuple[NewsArticle, ...]
    week_articles: dict[str, frozenset[str]]  # week -> ids of the articles its search results return
    questions: tuple[Question, ...]

    @classmethod
    def load(cls, files: WeekFiles | None = None, *, weeks: Sequence[str] = ALL_WEEKS) -> RealSource:
        """Read the weeks' search results and questions (the shared folder unless `files` says otherwise)."""
        files = files or WeekFiles.locate()
        results = read_results(files, weeks)
        return cls.from_results(results, read_questions(files, weeks))

    @classmethod
    def from_results(cls, results: Sequence[SearchResult], questions: Iterable[Question]) -> RealSource:
        collection = collect_articles(results)
        week_articles: dict[str, set[str]] = {}
        for result in results:
            article_id = collection.ids_by_url.get(result.url)
            if article_id is not None:
                week_articles.setdefault(result.week, set()).add(article_id)
        return cls(
            articles=order_articles(results, collection),
            week_articles={week: frozenset(ids) for week, ids in week_articles.items()},
            questions=tuple(questions),
        )


@dataclass(frozen=True)
class RealCorpus:
    """One benchmark corpus: its articles (real, then `synthetic` made-up ones) and the questions to ask."""

    size: str  # as asked: '1000', 'all', '10000'
    articles: tuple[NewsArticle, ...]
    synthetic: int  # synthetic articles added to make up the size
    available: int  # real articles there are
    weeks: tuple[str, ...]  # the weeks the questions come from
    questions: tuple[str, ...]

    @property
    def source(self) -> str:
        """'real', or 'mixed' when synthetic articles make up the size."""
        return "mixed" if self.synthetic else "real"

    @property
    def count(self) -> int:
        return len(self.articles) + self.synthetic

    @property
    def label(self) -> str:
        """The column heading.

        Example: 'all 5,343 real articles'; '10,000 articles (5,343 real + 4,657 synthetic)'
        """
        if self.synthetic:
            return f"{self.count:,} articles ({len(self.articles):,} real + {self.synthetic:,} synthetic)"
        if len(self.articles) == self.available:
            return f"all {self.available:,} real articles"
        return f"{len(self.articles):,} real articles"

    @property
    def folder_name(self) -> str:
        return f"real-{self.size}"


def order_articles(results: Sequence[SearchResult], collection: ArticleCollection) -> tuple[NewsArticle, ...]:
    """The collection's articles in the order the results first return them (results in week order).

    Example: week 1 returns B then A, week 2 returns C then B -> (B, A, C)
    """
    by_id = {article.id: article for article in collection.articles}
    order: dict[str, None] = {}
    for result in results:
        article_id = collection.ids_by_url.get(result.url)
        if article_id is not None:
            order.setdefault(article_id, None)
    # Every kept article came from some result; the rest (none, in practice) keep their id order.
    order.update(dict.fromkeys(by_id))
    return tuple(by_id[article_id] for article_id in order)


def select(source: RealSource, size: int | str, *, questions: int = QUESTIONS_PER_CORPUS) -> RealCorpus:
    """The corpus of `size` articles ('all', or a count) and its questions; the same for the same source.

    Example: select(source, 1000).articles == select(source, "all").articles[:1000]
    """
    available = len(source.articles)
    if size == ALL:
        count = available
    elif isinstance(size, int) and size >= 1:
        count = size
    else:
        raise RealCorpusError(f"'{size}' is not a corpus size: pass a positive count or 'all'.")
    if not available:
        raise RealCorpusError("The RealTimeQA weeks hold no article with a text: check the data folder.")
    articles = source.articles[:count]
    chosen = {article.id for article in articles}
    weeks = _covered_weeks(source, chosen)
    asked = _open_questions(q for q in source.questions if q.week in weeks)
    if not asked:
        raise RealCorpusError(
            f"No question of weeks {', '.join(weeks)} can be asked without its choices: pick a larger size."
        )
    return RealCorpus(
        size=str(size),
        articles=articles,
        synthetic=max(0, count - available),
        available=available,
        weeks=weeks,
        questions=tuple(spread(asked, questions)),
    )


def spread(items: Sequence[T], count: int) -> list[T]:
    """`count` items taken at even steps from first to last (all of them when there are fewer).

    Example: spread('abcdefghij', 4) -> ['a', 'c', 'f', 'h']
    """
    if count >= len(items):
        return list(items)
    return [items[i * len(items) // count] for i in range(count)]


def write(corpus: RealCorpus, folder: Path, *, seed: int = synthetic.DEFAULT_SEED) -> Path:
    """Write the corpus into `folder`: the real articles as `.md`, the synthetic ones as `.txt`.

    Files of other articles are removed and unchanged ones left alone, so an
    index built on the folder before re-embeds nothing that stayed.
    """
    write_corpus(corpus.articles, folder, prune=True)
    synthetic.write_corpus(folder, corpus.synthetic, seed=seed)
    wanted = {f"{a.id}.txt" for a in synthetic.generate(corpus.synthetic, seed=seed)}
    for path in folder.glob("*.txt"):
        if path.name not in wanted:
            path.unlink()
    return folder


def _covered_weeks(source: RealSource, chosen: set[str]) -> tuple[str, ...]:
    """The weeks all of whose articles are chosen; else (a corpus too small for any) those it touches."""
    weeks = sorted(source.week_articles)
    covered = tuple(w for w in weeks if source.week_articles[w] <= chosen)
    return covered or tuple(w for w in weeks if source.week_articles[w] & chosen)


def _open_questions(questions: Iterable[Question]) -> list[str]:
    """The questions as the realnews eval asks them: without HTML, without those that need their choices."""
    texts = (question_text(q.sentence) for q in questions if not needs_choices(q))
    return list(dict.fromkeys(t for t in texts if t))
