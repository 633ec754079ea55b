"""The public API: `Assistant.from_corpus(...)` and `Assistant.ask(...)`.

    >>> bot = Assistant.from_corpus("corpus")
    >>> ans = bot.ask("How many organizations signed the letter?")
    >>> ans.citations[0].quote in bot.article(ans.citations[0].article_id).text
    True

`from_corpus` reads the corpus, brings the index up to date (embedding only
what changed) and returns an assistant ready to answer. `ask` retrieves
passages (dense + BM25), scores their sentences, and hands them to the reader
(see `readers.py`): the extractive reader quotes the best of them; the LLM
reader, when a server is configured, writes an answer from the best few and
the story around the best one (see `excerpts.py`).
Both answer from the same evidence or not at all: when no sentence scores
enough to answer from, the LLM reader is not asked (the answer abstains, as
the extractive reader's does). Either way the answer is checked (`grounding.py`) and every quote is cut from
its article at its offsets. `ask_stream` yields the text as it is written,
then the checked answer. What it answers from, and the changes to it
(`add`, `remove`), are in `library.py`.

A follow-up question is read in the light of the previous one: its terms are
carried over (the LLM reader first rewrites it to stand alone), and the
articles the last answer cited are preferred.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from assistant.answering import Answerer, Evidence
from assistant.answers import ABSTAIN_TEXT, Answer
from assistant.confidence import Calibrator, Signals
from assistant.evidence import Candidate, is_heading, score_sentence
from assistant.excerpts import choose_excerpts
from assistant.grounding import Grounded, ground
from assistant.library import Library
from assistant.llm_reader import reader_for
from assistant.questions import MAX_QUESTION_CHARS, Question, analyze, checked
from assistant.readers import Draft, ExtractiveReader, Reader, ReaderUnavailable, Reading
from assistant.sentences import Span
from assistant.timeframe import Period, any_dated_in, article_period, asked_period
from index.articles import Article
from index.catalog import Catalog
from index.indexer import Progress
from index.retrieval import Hit
from index.settings import Settings
from index.terms import stem

__all__ = ["Assistant", "MAX_QUESTION_CHARS", "reader_for"]

# Terms carried over from the previous question weigh together at most this share of the new one's.
CARRIED_SHARE = 0.5
# Sentences of the articles the previous answer cited get this much added to their score,
# and so do those of an article the question names by its outlet, title or year.
CONVERSATION_BOOST = 0.12
SOURCE_BOOST = 0.12
# Sentences the previous answer quoted get this much: a follow-up often asks more of the same quote.
QUOTED_BOOST = 0.06
# A question naming a time ("this week", "in 2024"): sentences of articles dated in it gain this much,
# those of articles dated otherwise lose as much; passages are searched this many times deeper.
TIME_WEIGHT = 0.05
TIME_DEPTH = 2
REFUSED_NOTICE = (
    "No sentence the language model wrote could be checked against the articles; "
    "this answer was picked from the articles without it."
)


class Assistant(Library):
    """Answers questions about one corpus, with citations to verbatim quotes."""

    def __init__(
        self,
        catalog: Catalog,
        *,
        answerer: Answerer | None = None,
        reader: Reader | None = None,
        calibrator: Calibrator | None = None,
    ) -> None:
        super().__init__(catalog)
        self.answerer = answerer or Answerer()
        self.extractive = ExtractiveReader(self.answerer)
        self.reader: Reader = reader or self.extractive
        self.calibrator = calibrator or Calibrator.load()
        self.last_signals: Signals | None = None  # what the last answer's confidence was read from

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
        return cls(Catalog.open(settings, progress=progress), reader=reader_for(settings))

    # -- asking ---------------------------------------------------------------

    def retrieve(
        self,
        question: str,
        *,
        k: int | None = None,
        history: Sequence[Answer] = (),
        asked_on: date | None = None,
    ) -> list[Hit]:
        """The passages the answer is drawn from, best first.

        They are ranked as the answerer weighs them: by the best score of a
        sentence each holds, so the passage an answer quotes usually comes first.
        """
        question = checked(question)
        k = k or self.catalog.settings.top_k
        _, _, hits, evidence = self._weigh(
            question, history, k=max(k, self.catalog.settings.top_k), asked_on=asked_on
        )
        ranked: dict[str, tuple[float, Hit]] = {}
        for hit in hits:
            weight = max(
                (
                    e.score
                    for e in evidence
                    if e.candidate.article_id == hit.article_id and hit.start <= e.candidate.start < hit.end
                ),
                default=float("-inf"),
            )
            if hit.passage_id not in ranked or ranked[hit.passage_id][0] < weight:
                ranked[hit.passage_id] = (weight, hit)
        order = sorted(ranked.values(), key=lambda pair: -pair[0])
        return [hit for _, hit in order][:k]

    def ask(self, question: str, *, history: Sequence[Answer] = (), asked_on: date | None = None) -> Answer:
        """Answer `question`; `history` holds earlier answers of this conversation, oldest first.

        `asked_on` is the day "this week" or "recently" in the question is read
        from (default: today).
        """
        answer: Answer | None = None
        for event in self.ask_stream(question, history=history, asked_on=asked_on):
            if isinstance(event, Answer):
                answer = event
        assert answer is not None, "ask_stream always ends with the answer"
        return answer

    def ask_stream(
        self, question: str, *, history: Sequence[Answer] = (), asked_on: date | None = None
    ) -> Iterator[str | Answer]:
        """The answer's text in pieces as the reader writes it, then the checked `Answer`.

        The pieces are the reader's draft, before the checks: show them as
        provisional. The extractive reader yields no pieces, only the answer.
        """
        question = checked(question)
        history = tuple(history)
        notice = None
        try:
            standalone = self.reader.standalone(question, history) if history else None
        except ReaderUnavailable as failure:
            # The server failed on the rewrite: don't make the user wait for it to fail again.
            notice, standalone = str(failure), None
        reading = self._reading(question, history, query=standalone, asked_on=asked_on)
        draft: Draft | None = None
        if notice is None:
            try:
                for event in self.reader.read(reading):
                    if isinstance(event, Draft):
                        draft = event
                    else:
                        yield event
            except ReaderUnavailable as failure:
                notice, draft = str(failure), None
        grounded = _grounded(draft) if draft is not None else None
        if draft is not None and draft.reader != self.extractive.name and _refused(grounded):
            # Nothing the model wrote held up against its excerpts; that says nothing about the
            # corpus, so the answer is the extractive one, and the notice says why.
            notice, draft = REFUSED_NOTICE, None
        if draft is None:
            draft = next(e for e in self.extractive.read(reading) if isinstance(e, Draft))
            grounded = _grounded(draft)
        yield self._finish(reading, draft, grounded, notice=notice)

    def _reading(
        self, question: str, history: tuple[Answer, ...], *, query: str | None, asked_on: date | None
    ) -> Reading:
        """Retrieve and score the evidence for `question` (or its standalone form, `query`)."""
        parsed, named, _, evidence = self._weigh(
            query or question, history, k=self.catalog.settings.top_k, asked_on=asked_on
        )
        # The abstention gate is the extractive reader's: no strong evidence, no excerpts to write from.
        # (The extractive reader quotes from the evidence itself, and is given none.)
        excerpts = []
        if self.reader.name != self.extractive.name and self.answerer.strong(evidence):
            excerpts = choose_excerpts(evidence, articles=self._articles, sentences=self._sentences)
        return Reading(
            question=question,
            history=history,
            parsed=parsed,
            named=tuple(named),
            evidence=tuple(evidence),
            excerpts=tuple(excerpts),
            articles=self._articles,
            sentences=self._sentences,
        )

    def _finish(
        self, reading: Reading, draft: Draft, grounded: Grounded | None, *, notice: str | None
    ) -> Answer:
        """The checked answer: grounded sentences, quotes cut from the articles at their offsets."""
        if grounded is None or grounded.abstains:
            # A reader that declined chose to; a draft of which nothing survived was refused.
            kept = 1.0 if grounded is None or grounded.declined else 0.0
            self.last_signals = Signals.read(
                reading.evidence,
                reader=draft.reader,
                abstained=True,
                cited=0.0,
                kept=kept,
                corpus=len(self._articles),
            )
            return Answer(
                question=reading.question,
                text=ABSTAIN_TEXT,
                abstained=True,
                confidence=self.calibrator.probability(self.last_signals),
                reader=draft.reader,
                notice=notice,
            )
        by_number = {e.number: e for e in draft.excerpts}
        cited = [by_number[n] for n in grounded.order]
        kept = len(grounded.claims) / (len(grounded.claims) + len(grounded.dropped))
        self.last_signals = Signals.read(
            reading.evidence,
            reader=draft.reader,
            abstained=False,
            cited=min(e.score for e in cited[:2]),
            kept=kept,
            corpus=len(self._articles),
        )
        return Answer(
            question=reading.question,
            text=grounded.text,
            abstained=False,
            confidence=self.calibrator.probability(self.last_signals),
            citations=tuple(e.citation(i) for i, e in enumerate(cited, start=1)),
            reader=draft.reader,
            notice=notice,
        )

    def _weigh(
        self, question: str, history: Sequence[Answer], *, k: int, asked_on: date | None = None
    ) -> tuple[Question, list[str], list[Hit], list[Evidence]]:
        """Read the question, retrieve passages and score their sentences, best first."""
        parsed = analyze(question)
        previous = history[-1] if history and parsed.refers_back else None
        query = self._query(parsed, question, history)
        named = self._sources.named(question)
        if len(named) > 1:
            parsed = self._without_naming(parsed)
        period = asked_period(question, today=asked_on or date.today())
        # A question that names a time may find its story among older ones on the same subject:
        # search deeper, and let the dates decide.
        hits = self._distinct_search(query, k=k * TIME_DEPTH if period else k)
        hits += self.catalog.search_within(query, named)
        if period is not None and not any_dated_in(period, self._dates(hits)):
            # No retrieved article is of that time: its dates cannot choose among them.
            period = None
        candidates = self._candidates(parsed, hits, previous, named=named, period=period)
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
        self,
        parsed: Question,
        hits: list[Hit],
        previous: Answer | None,
        *,
        named: Sequence[str] = (),
        period: Period | None = None,
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
                    boost=_boost(article.id, cited=cited, named=named)
                    + _quoted(article.id, span, quoted)
                    + _timely(article, period),
                    heading=is_heading(text),
                )
        return list(best.values())


def _grounded(draft: Draft) -> Grounded | None:
    """`draft` checked against its own excerpts; None when the reader declined to answer."""
    if draft.abstained:
        return None
    excerpts = {e.number: e.text for e in draft.excerpts}
    return ground(
        draft.text,
        excerpts,
        headers={e.number: e.header for e in draft.excerpts},
        speakers={e.number: e.speakers for e in draft.excerpts},
    )


def _refused(grounded: Grounded | None) -> bool:
    """The reader answered, but no sentence of its answer survived the checks."""
    return grounded is not None and grounded.abstains and not grounded.declined


def _boost(article_id: str, *, cited: set[str], named: Sequence[str]) -> float:
    boost = CONVERSATION_BOOST if article_id in cited else 0.0
    if len(named) == 1 and article_id == named[0]:
        boost += SOURCE_BOOST
    return boost


def _timely(article: Article, period: Period | None) -> float:
    """For a question that names a time: articles of that time gain, articles dated otherwise lose."""
    if period is None:
        return 0.0
    dated = article_period(article.date)
    if dated is None:
        return 0.0
    return TIME_WEIGHT if period.holds(dated) else -TIME_WEIGHT


def _quoted(article_id: str, span: Span, quoted: list[tuple[str, int, int]]) -> float:
    """The boost for a sentence the previous answer quoted: "he", "that interview" point back to it."""
    inside = any(a == article_id and start <= span.start < end for a, start, end in quoted)
    return QUOTED_BOOST if inside else 0.0
