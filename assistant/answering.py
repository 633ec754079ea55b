"""Answering: composing a grounded answer from evidence sentences.

The answerer is extractive. It scores the sentences of the retrieved passages
(`evidence.py`), keeps the best one and any others that are nearly as good or
that cover a part of the question the first does not (another article, another
name), and writes the answer as those sentences, verbatim, each followed by
its citation marker. A quote that continues a quotation opened earlier, or
whose speaker is only "he said", is widened to the sentence that names the
speaker, so an opinion is never shown without whose it is.

It abstains (see `abstention.py`) rather than quote weak or off-target
evidence. It never writes words of its own into an answer beyond the fixed
abstention message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from assistant.abstention import ANSWER_THRESHOLD, confidence
from assistant.answers import ABSTAIN_TEXT, Answer, Citation
from assistant.evidence import Candidate, Scope, is_year
from assistant.questions import AnswerType, Question
from assistant.sentences import Span
from assistant.speakers import offices_held, speaker_of, speaks_for
from index.articles import Article
from index.terms import tokens

__all__ = ["Answerer", "Evidence", "attributed"]

MAX_QUOTES = 3
# A further quote from the same article must score within this of the best. Another
# article is quoted only when it covers a name or figure of the question the first does not.
SAME_ARTICLE_MARGIN = 0.15
QUOTES_PER_SOURCE = 2
SCOPE_NEIGHBOURS = 2
# Added to a sentence in which the person a question asks about speaks; taken from one where another does.
SPEAKER_WEIGHT = 0.05
# For these, a sentence without a figure or a date cannot be the answer (nor, for a
# question that asks for a name, one without a proper name the question does not use).
STRICT_TYPES = (AnswerType.NUMBER, AnswerType.DATE)
_OPENERS = "“"
_CLOSERS = "”"
_POINTS_BACK = re.compile(
    r"(?:among|of|in|for|with) (?:those|these|them)\b|(?:these|those|such|this|that|they|it) "
    r"|(?:many|some|most|all|few|several|none|both)(?: of (?:them|those|these))? "
    r"(?:have|had|are|were|was|is|will|would|could)\b",
    re.I,
)
# Words before a surname that say what a person is, not which person: "Sheriff Mims".
_TITLES = frozenset(
    "sheriff director president governor senator mayor judge chief captain capt officer agent "
    "chairman chairwoman spokesman spokeswoman mr mrs ms dr professor rep representative".split()
)
_SPEECH = re.compile(r"\b(said|says|told|wrote|added|stated|continued)\b")
_PRONOUN_SPEAKER = re.compile(r"[”\"],?\s+(he|she|they|it)\s+(said|says|added|wrote|told|continued)\b", re.I)


@dataclass(frozen=True)
class Evidence:
    """A scored sentence together with what its scope covers of the question."""

    candidate: Candidate
    covered: frozenset[str]  # salient words of the question found in its scope
    supported: bool  # all of the question's salient words are covered
    usable: bool = True  # holds the kind of answer asked for and states no rival fact

    @property
    def score(self) -> float:
        return self.candidate.score


class Answerer:
    """Turns scored sentences into an `Answer`.

    `threshold` is the least evidence score worth answering from.
    """

    def __init__(self, *, threshold: float = ANSWER_THRESHOLD) -> None:
        self.threshold = threshold

    def judge(
        self,
        question: Question,
        candidates: Sequence[Candidate],
        *,
        articles: dict[str, Article],
        sentences: dict[str, list[Span]],
    ) -> list[Evidence]:
        """Candidates with their scope coverage, best first."""
        out = []
        for cand in candidates:
            spans = sentences[cand.article_id]
            index = next(i for i, s in enumerate(spans) if s.start == cand.start)
            lo = max(0, index - SCOPE_NEIGHBOURS)
            hi = min(len(spans), index + SCOPE_NEIGHBOURS + 1)
            article = articles[cand.article_id]
            if question.speaker:
                speaker = speaker_of(article.text, spans, index)
                cand = _weighed_by_speaker(cand, question.speaker, speaker, offices_held(article.text))
            scope = Scope(article, article.text[spans[lo].start : spans[hi - 1].end])
            covered = frozenset(s for s in question.salient if scope.covers(s))
            covered |= _full_names(question, scope, article)
            strict = question.answer_type in STRICT_TYPES or question.wants_name
            # "Why did the governor veto it?" is not answered by evidence that never speaks of a veto.
            event = question.presupposed is None or scope.covers(question.presupposed)
            usable = event and not conflicts(question, cand.text) and (cand.fits >= 0 or not strict)
            supported = set(question.salient) <= covered
            out.append(Evidence(cand, covered, supported=supported, usable=usable))
        return sorted(out, key=lambda e: -e.score)

    def compose(
        self,
        question: Question,
        evidence: Sequence[Evidence],
        *,
        articles: dict[str, Article],
        sentences: dict[str, list[Span]],
        asked: str,
    ) -> Answer:
        strong = self.strong(evidence)
        chosen = _support(question, strong)
        if not chosen:
            return self._abstain(asked, evidence)
        best = chosen[0]
        for other in strong:
            if len(chosen) >= MAX_QUOTES:
                break
            if other in chosen or _repeats(other, chosen):
                continue
            same = any(other.candidate.article_id == c.candidate.article_id for c in chosen)
            if same and other.supported and other.score >= best.score - SAME_ARTICLE_MARGIN:
                chosen.append(other)
        return self._answer(asked, chosen, articles=articles, sentences=sentences)

    def compose_across(
        self,
        evidence: Sequence[Evidence],
        sources: Sequence[str],
        *,
        articles: dict[str, Article],
        sentences: dict[str, list[Span]],
        asked: str,
    ) -> Answer:
        """An answer from each of the articles a question names ("what do the KFSN and Bee reports say").

        Each named article contributes its best sentence, if that is strong
        enough, and one more that is nearly as good; an article with nothing
        strong enough is left out rather than padded with a weak quote.
        """
        chosen: list[Evidence] = []
        strong = self.strong(evidence)
        for article_id in sources:
            own = [e for e in strong if e.candidate.article_id == article_id]
            for ev in own[:QUOTES_PER_SOURCE]:
                if ev.score >= own[0].score - SAME_ARTICLE_MARGIN and not _repeats(ev, chosen):
                    chosen.append(ev)
        if not chosen:
            return self._abstain(asked, evidence)
        return self._answer(asked, chosen, articles=articles, sentences=sentences)

    def strong(self, evidence: Sequence[Evidence]) -> list[Evidence]:
        """The evidence worth answering from: usable and scoring at least the threshold, best first."""
        return [e for e in evidence if e.usable and e.score >= self.threshold]

    def _abstain(self, asked: str, evidence: Sequence[Evidence]) -> Answer:
        top = max((e.score for e in evidence), default=0.0)
        return Answer(
            question=asked, text=ABSTAIN_TEXT, abstained=True, confidence=confidence(top, supported=False)
        )

    def _answer(
        self,
        asked: str,
        chosen: list[Evidence],
        *,
        articles: dict[str, Article],
        sentences: dict[str, list[Span]],
    ) -> Answer:
        citations = _citations(chosen, articles=articles, sentences=sentences)
        text = " ".join(f"{c.quote} [{c.number}]" for c in citations)
        return Answer(
            question=asked,
            text=text,
            abstained=False,
            confidence=confidence(min(e.score for e in chosen[:2])),
            citations=tuple(citations),
        )


def _weighed_by_speaker(
    cand: Candidate, asked: frozenset[str], speaker: str, offices: Mapping[str, frozenset[str]]
) -> Candidate:
    """For a question about someone's words: their own words gain, another speaker's lose.

    A sentence that reports no one speaking is left as it is. `offices` are those
    the article gives the people it names, so "the sheriff" is known by her name.
    """
    if not speaker:
        return cand
    change = SPEAKER_WEIGHT if speaks_for(speaker, asked, offices) else -SPEAKER_WEIGHT
    return replace(cand, boost=cand.boost + change)


def _support(question: Question, strong: list[Evidence]) -> list[Evidence]:
    """The evidence that speaks for every name and figure of the question.

    One sentence that covers them all is best. Failing that (a question that
    spans two articles: "what do the KFSN and Fresno Bee reports say..."),
    sentences are taken greedily, best first, each only if it covers
    something the others do not, until all is covered. Empty if it cannot be.
    """
    whole = [e for e in strong if e.supported]
    if whole:
        return [whole[0]]
    chosen: list[Evidence] = []
    covered: set[str] = set()
    for ev in strong:
        if ev.covered - covered and len(chosen) < MAX_QUOTES:
            chosen.append(ev)
            covered |= ev.covered
    return chosen if covered == set(question.salient) else []


def conflicts(question: Question, sentence: str) -> bool:
    """The sentence states the same kind of fact for something else.

    Example: ('... in Kern County?', '... in Fresno County Jail ...') -> True;
    ('... released in 2014?', '... released in 2013 ...') -> True
    """
    words = set(tokens(sentence))
    years = {w for w in words if is_year(w)}
    for item in question.salient:
        if is_year(item) and item not in words and years:
            return True
    for name, head in question.named:
        if name.lower() in _TITLES:
            continue  # "Sheriff Mims" and "Margaret Mims" are one person
        if re.search(rf"\b{re.escape(name)}\s+{re.escape(head)}\b", sentence, flags=re.I):
            continue
        if re.search(rf"\b(?!{re.escape(name)}\b)[A-Z][a-z]+\s+{re.escape(head)}\b", sentence):
            return True
    return False


def _full_names(question: Question, scope: Scope, article: Article) -> frozenset[str]:
    """First names the evidence need not repeat: 'Zack Taylor' is covered by a sentence
    that says 'Taylor' in an article that names Zack Taylor.

    Only for a surname that the article never writes in lower case, so that in
    'Kern County' the word 'County' does not stand for 'Kern'.
    """
    out = set()
    for first, last in question.named:
        if (
            scope.covers(last.lower())
            and re.search(rf"\b{re.escape(first)}\s+{re.escape(last)}\b", article.text)
            and not re.search(rf"\b{re.escape(last.lower())}\b", article.text)
        ):
            out.add(first.lower())
    return frozenset(out)


def _repeats(other: Evidence, chosen: list[Evidence]) -> bool:
    """Same sentence text already chosen (articles often repeat each other)."""
    text = " ".join(other.candidate.text.split()).lower()
    return any(" ".join(c.candidate.text.split()).lower() == text for c in chosen)


def _citations(
    chosen: list[Evidence], *, articles: dict[str, Article], sentences: dict[str, list[Span]]
) -> list[Citation]:
    """One citation per chosen sentence (widened for attribution), overlaps merged."""
    spans: list[tuple[str, int, int]] = []
    for ev in chosen:
        cand = ev.candidate
        text = articles[cand.article_id].text
        start, end = attributed(text, sentences[cand.article_id], cand.start, cand.end)
        for i, (aid, s, e) in enumerate(spans):
            if aid == cand.article_id and start <= e and end >= s:
                spans[i] = (aid, min(s, start), max(e, end))
                break
        else:
            spans.append((cand.article_id, start, end))
    return [
        Citation.cut(articles[article_id], number=number, start=start, end=end)
        for number, (article_id, start, end) in enumerate(spans, start=1)
    ]


def attributed(text: str, spans: list[Span], start: int, end: int) -> tuple[int, int]:
    """Widen a quote so that a quotation is whole and its speaker named.

    Example: 'It’s the politicians ...,” he said.' grows to take in the sentence
    before, which opens the quotation and names the speaker. A sentence the
    next one carries on (see `_continued`) takes that one in too.
    """
    index = next(i for i, s in enumerate(spans) if s.start == start)
    lo = hi = index
    carried_on = False
    for _ in range(4):
        piece = text[spans[lo].start : spans[hi].end]
        opens_before = _unbalanced_close(piece) or (
            _PRONOUN_SPEAKER.search(piece) and lo > 0 and not _names_someone(piece)
        )
        if opens_before and lo > 0 and "\n\n" not in text[spans[lo - 1].end : spans[lo].start]:
            lo -= 1
        elif _unbalanced_open(piece) and hi + 1 < len(spans):
            hi += 1
        elif not carried_on and hi + 1 < len(spans) and _continued(text, spans[hi], spans[hi + 1]):
            hi += 1
            carried_on = True
        else:
            break
    return spans[lo].start, spans[hi].end


def _continued(text: str, span: Span, following: Span) -> bool:
    """The next sentence carries on this one: it follows a colon, opens by pointing
    back ("Among those steps...", "They..."), or goes on quoting the speaker this one
    names. News paragraphs are often one sentence long, so the next sentence may
    begin a new paragraph.
    """
    sentence, after = text[span.start : span.end], text[following.start : following.end]
    if sentence.rstrip().endswith(":") or _POINTS_BACK.match(after):
        return True
    # '"We call on...," says X. "This program is..."': more of the same speaker's words.
    return bool(_SPEECH.search(sentence) and after[:1] in "\"“" and not _SPEECH.search(after))


def _unbalanced_close(piece: str) -> bool:
    curly = sum(piece.count(c) for c in _CLOSERS) > sum(piece.count(c) for c in _OPENERS)
    straight = piece.count('"') % 2 == 1 and piece.rstrip().endswith(('"', '."', '?"', '!"'))
    return curly or (straight and not piece.lstrip().startswith('"'))


def _unbalanced_open(piece: str) -> bool:
    curly = sum(piece.count(c) for c in _OPENERS) > sum(piece.count(c) for c in _CLOSERS)
    straight = piece.count('"') % 2 == 1 and not piece.rstrip().endswith('"')
    return curly or straight


def _names_someone(piece: str) -> bool:
    return bool(re.search(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+\b", piece))
