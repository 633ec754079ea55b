"""The public API: `Assistant.from_corpus(...)` and `Assistant.ask(...)`.

    >>> bot = Assistant.from_corpus("corpus")
    >>> ans = bot.ask("How many organizations signed the letter?")
    >>> ans.citations[0].quote in bot.article(ans.citations[0].article_id).text
    True

`from_corpus` reads the corpus, brings the index up to date (embedding only
what changed) and returns an assistant ready to answer. `ask` retrieves
passages (dense + BM25), scores their sentences, and answers with verbatim
quotes or abstains. A follow-up question is read in the light of the previous
one: its terms are carried over, and the articles the last answer cited are
preferred.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from assistant.answering import Answerer, Evidence
from assistant.answers import Answer
from assistant.evidence import Candidate, is_heading, score_sentence
from assistant.questions import Question, analyze
from assistant.sentences import Span, split_sentences
from assistant.sources import Sources
from index.articles import Article, Corpus
from index.catalog import Catalog
from index.errors import InvalidQuestion, UnknownArticle
from index.indexer import Progress, SyncReport
from index.retrieval import Hit
from index.settings import Settings
from index.terms import stem

__all__ = ["Assistant", "MAX_QUESTION_CHARS"]

MAX_QUESTION_CHARS = 2000
# Terms carried over from the previous question weigh together at most this share of the new one's.
CARRIED_SHARE = 0.5
# Sentences of the articles the previous answer cited get this much added to their score,
# and so do those of an article the question names by its outlet, title or year.
CONVERSATION_BOOST = 0.12
SOURCE_BOOST = 0.12
# Sentences the previous answer quoted get this much: a follow-up often asks more of the same quote.
QUOTED_BOOST = 0.06


class Assistant:
    """Answers questions about one corpus, with citations to verbatim quotes."""

    def __init__(self, catalog: Catalog, *, answerer: Answerer | None = None) -> None:
        self.catalog = catalog
        self.answerer = answerer or Answerer()
        self._articles = {a.id: a for a in catalog.corpus}
        self._sentences: dict[str, list[Span]] = {}
        self._sources = Sources(catalog.corpus)

    @classmethod
    def from_corpus(
        cls,
        corpus: str | Path = "corpus",
        *,
        index_dir: str | Path | None = None,
        settings: Settings | None = None,
        progress: Progress | None = None,
    ) -> Assistant:
        """Open the index of `corpus`, building or refreshing it first.

        `index_dir=None` keeps the index in a per-corpus folder under the user's
        cache (see `Settings`). Raises `CorpusNotFound` / `EmptyCorpus` for an
        unusable folder; the index already on disk is left as it was.
        """
        base = settings or Settings.from_env()
        settings = base.with_overrides(
            corpus_dir=Path(corpus), index_dir=Path(index_dir) if index_dir is not None else None
        )
        return cls(Catalog.open(settings, progress=progress))

    # -- what the corpus holds -------------------------------------------------

    @property
    def articles(self) -> tuple[Article, ...]:
        return self.catalog.corpus.articles

    @property
    def corpus(self) -> Corpus:
        return self.catalog.corpus

    @property
    def last_sync(self) -> SyncReport:
        return self.catalog.report

    def article(self, article_id: str) -> Article:
        try:
            return self._articles[article_id]
        except KeyError:
            raise UnknownArticle(article_id) from None

    # -- asking ---------------------------------------------------------------

    def retrieve(self, question: str, *, k: int | None = None, history: Sequence[Answer] = ()) -> list[Hit]:
        """The passages the answer is drawn from, best first.

        They are ranked as the answerer weighs them: by the best score of a
        sentence each holds, so the passage an answer quotes usually comes first.
        """
        question = _checked(question)
        k = k or self.catalog.settings.top_k
        _, _, hits, evidence = self._weigh(question, history, k=max(k, self.catalog.settings.top_k))
        ranked: dict[str, tuple[float, Hit]] = {}
        for hit in hits:
            weight = max(
                (e.score for e in evidence if e.candidate.article_id == hit.article_id
                 and hit.start <= e.candidate.start < hit.end),
                default=float("-inf"),
            )
            if hit.passage_id not in ranked or ranked[hit.passage_id][0] < weight:
                ranked[hit.passage_id] = (weight, hit)
        order = sorted(ranked.values(), key=lambda pair: -pair[0])
        return [hit for _, hit in order][:k]

    def ask(self, question: str, *, history: Sequence[Answer] = ()) -> Answer:
        """Answer `question`; `history` holds earlier answers of this conversation, oldest first."""
        question = _checked(question)
        parsed, named, _, evidence = self._weigh(question, history, k=self.catalog.settings.top_k)
        if len(named) > 1:
            return self.answerer.compose_across(
                evidence, named, articles=self._articles, sentences=self._sentences, asked=question
            )
        return self.answerer.compose(
            parsed, evidence, articles=self._articles, sentences=self._sentences, asked=question
        )

    def _weigh(
        self, question: str, history: Sequence[Answer], *, k: int
    ) -> tuple[Question, list[str], list[Hit], list[Evidence]]:
        """Read the question, retrieve passages and score their sentences, best first."""
        parsed = analyze(question)
        previous = history[-1] if history and parsed.refers_back else None
        query = self._query(parsed, question, history)
        named = self._sources.named(question)
        if len(named) > 1:
            parsed = self._without_naming(parsed)
        hits = self.catalog.search(query, k=k)
        hits += self.catalog.search_within(query, named)
        candidates = self._candidates(parsed, hits, previous, named=named)
        evidence = self.answerer.judge(parsed, candidates, articles=self._articles, sentences=self._sentences)
        return parsed, named, hits, evidence

    def _without_naming(self, parsed: Question) -> Question:
        """A question that compares articles, read without the words that tell them apart.

        In "the 2019 ICE story and the 2022 KSEE story", "2019" and "KSEE" say which
        articles to read, not what to find in them: they are neither terms to match,
        nor names and figures the evidence must hold, nor ("according to KFSN") a speaker.
        """
        naming = self._sources.naming_words(parsed.text)
        return replace(
            parsed,
            terms=tuple(t for t in parsed.terms if t not in naming),
            salient=tuple(s for s in parsed.salient if stem(s) not in naming),
            # "According to KFSN and the Fresno Bee": the sources, not a speaker.
            speaker=frozenset() if any(stem(w) in naming for w in parsed.speaker) else parsed.speaker,
        )

    def _query(self, parsed: Question, question: str, history: Sequence[Answer]) -> str:
        if history and parsed.refers_back:
            return f"{history[-1].question} {question}"
        return question

    def _candidates(
        self, parsed: Question, hits: list[Hit], previous: Answer | None, *, named: Sequence[str] = ()
    ) -> list[Candidate]:
        weights = {t: self.catalog.idf(t) for t in parsed.terms}
        cited: set[str] = set()
        quoted: list[tuple[str, int, int]] = []
        if previous is not None:
            carried = {t: self.catalog.idf(t) for t in analyze(previous.question).terms if t not in weights}
            # However many words the earlier question had, they weigh at most a share of this one's.
            share = CARRIED_SHARE * sum(weights.values())
            # A follow-up with no words of its own ("When was that?") leans on the earlier ones.
            scale = min(1.0, share / sum(carried.values())) if weights and carried else CARRIED_SHARE
            weights.update({t: w * scale for t, w in carried.items()})
            cited = {c.article_id for c in previous.citations}
            quoted = [(c.article_id, c.start, c.end) for c in previous.citations]
        best: dict[tuple[str, int], Candidate] = {}
        for hit in hits:
            article = self._articles.get(hit.article_id)
            if article is None:
                continue
            for span in self._spans(article):
                if span.end <= hit.start or span.start >= hit.end:
                    continue
                text = article.text[span.start : span.end]
                if not any(ch.isalpha() for ch in text):
                    continue
                key = (article.id, span.start)
                if key in best and best[key].dense >= hit.dense:
                    continue
                lexical, fits = score_sentence(parsed, text, dense=hit.dense, weights=weights)
                best[key] = Candidate(
                    article_id=article.id,
                    start=span.start,
                    end=span.end,
                    text=text,
                    dense=hit.dense,
                    lexical=lexical,
                    fits=fits,
                    boost=_boost(article.id, cited=cited, named=named) + _quoted(article.id, span, quoted),
                    heading=is_heading(text),
                )
        return list(best.values())

    def _spans(self, article: Article) -> list[Span]:
        spans = self._sentences.get(article.id)
        if spans is None:
            spans = self._sentences[article.id] = split_sentences(article.text)
        return spans


def _boost(article_id: str, *, cited: set[str], named: Sequence[str]) -> float:
    boost = CONVERSATION_BOOST if article_id in cited else 0.0
    if len(named) == 1 and article_id == named[0]:
        boost += SOURCE_BOOST
    return boost


def _quoted(article_id: str, span: Span, quoted: list[tuple[str, int, int]]) -> float:
    """The boost for a sentence the previous answer quoted: "he", "that interview" point back to it."""
    inside = any(a == article_id and start <= span.start < end for a, start, end in quoted)
    return QUOTED_BOOST if inside else 0.0


def _checked(question: object) -> str:
    """Validate a question where it enters. Returns it with surrounding space removed."""
    if not isinstance(question, str):
        raise InvalidQuestion(f"A question must be text, got {type(question).__name__}: pass a string.")
    cleaned = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in question).strip()
    if not cleaned:
        raise InvalidQuestion("The question is empty: type a question about the articles.")
    if len(cleaned) > MAX_QUESTION_CHARS:
        raise InvalidQuestion(
            f"The question is {len(cleaned):,} characters long; the limit is {MAX_QUESTION_CHARS:,}: "
            "ask about one thing at a time, in a sentence or two."
        )
    return cleaned
