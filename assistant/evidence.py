"""Evidence: scoring the sentences of retrieved passages against a question.

Each candidate sentence gets three signals:

- `dense`: cosine similarity between the question and the passage holding the
  sentence (passages are a few sentences long, so this is close to the
  sentence's own meaning);
- `lexical`: the share of the question's content terms found in the sentence,
  each weighted by how rare it is in the corpus (IDF);
- `fits`: whether the sentence holds the kind of thing asked for (a figure for
  "how many", a date for "when", a name for "who").

`score` blends them; `scope` is what the sentence can speak for: itself, its
neighbours, and its article's title, outlet and date. A question's names and
figures must all be found in the scope of the evidence, or the evidence is
about something else (Fresno's figure does not answer a question about Kern).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from assistant.questions import AnswerType, Question
from index.articles import Article
from index.terms import MONTHS, STOP_WORDS, WEEKDAYS, acronyms, expansions, stem, terms, tokens

__all__ = ["Candidate", "score_sentence", "Scope", "fits_answer_type", "is_heading", "is_year"]

DENSE_WEIGHT = 0.6
LEXICAL_WEIGHT = 0.4
FIT_BONUS = 0.06
MISFIT_PENALTY = 0.08
# Headlines echo a story's key words without stating its facts; they answer only when nothing else does.
HEADING_PENALTY = 0.1
HEADING_MAX_WORDS = 20

_MONTHS = MONTHS + tuple("jan feb mar apr jun jul aug sep sept oct nov dec".split())
_DAYS = WEEKDAYS + tuple("today yesterday tomorrow".split())
_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds thousand thousands million millions dozen dozens half"
).split()
# Kinds of place that answer "where" without a name of their own; not words like "house"
# or "court", which in the news more often mean an institution.
_PLACE_NOUNS = frozenset(
    stem(w)
    for w in (
        "jail prison facility center centre camp shelter courthouse hospital airport border city town county"
    ).split()
)
_DATE_WORDS = frozenset(_MONTHS + _DAYS + ("week", "month", "year", "annual", "daily"))
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+")
_ORG = re.compile(r"\b[A-Z]{2,}\b")
_SENTENCE_ENDS = ".?!:;\"”’')"
# Figures that are no count: "one of the first", the day in "June 22", a date written
# "2022-02-09", the number that names a bill or a section ("SB 54", "No. 7").
_NOT_COUNTS = re.compile(
    rf"\bone of\b|\b(?:{'|'.join(_MONTHS)})\.?\s+\d{{1,2}}\b|\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b"
    r"|\b(?-i:[A-Z]{2,})\s+\d+\b|\b(?:no|section|article|proposition|prop|chapter|title|route|highway)\.?\s+\d+\b",
    re.I,
)
# A stretch of time: "a week", "three days", "18 months". It answers "how long" and, as in
# "three days later", "when".
_SPAN = re.compile(
    rf"\b(?:an?|few|several|\d+|{'|'.join(_NUMBER_WORDS)})\s+(?:second|minute|hour|day|week|month|year|decade)s?\b",
    re.I,
)


@dataclass(frozen=True)
class Candidate:
    article_id: str
    start: int
    end: int
    text: str
    dense: float
    lexical: float
    fits: int  # 1 holds the kind of answer asked for, 0 no kind asked, -1 does not hold it
    boost: float = 0.0  # for sentences of the articles the conversation is about
    heading: bool = False  # a headline or a link line, not a sentence of the story

    @property
    def score(self) -> float:
        fit = FIT_BONUS if self.fits > 0 else (-MISFIT_PENALTY if self.fits < 0 else 0.0)
        penalty = HEADING_PENALTY if self.heading else 0.0
        return DENSE_WEIGHT * self.dense + LEXICAL_WEIGHT * self.lexical + fit + self.boost - penalty


def score_sentence(
    question: Question,
    text: str,
    *,
    dense: float,
    weights: dict[str, float],
) -> tuple[float, int]:
    """The lexical coverage and answer-type fit of one sentence.

    `weights` maps each question term to its weight (its IDF, scaled down for
    terms carried over from earlier turns).
    Example: ('How many were deported?', '134 immigrants were deported') -> (1.0, 1)
    """
    sentence_terms = set(terms(text))
    # A sentence that writes out "the American Civil Liberties Union" matches the question's "ACLU".
    sentence_terms |= {a for a in acronyms(text) if _acronym_asked(a, question.salient)}
    total = sum(weights.values())
    lexical = sum(w for t, w in weights.items() if t in sentence_terms) / total if total else 0.0
    return lexical, fits_answer_type(question.answer_type, text, question.words, office=question.office)


def fits_answer_type(
    answer_type: str, text: str, asked: frozenset[str] = frozenset(), *, office: str = ""
) -> int:
    """Whether `text` holds an answer of the kind asked for that the question does not already hold.

    `asked` is the question's own lower-cased words: a sentence that only repeats the
    question's names or figures ("Kern County", "2015") names nothing new. `office`
    ("judge") asks for the name of whoever holds it: the name must stand by that word.
    Example: ('number', 'Eighteen organizations signed') -> 1
    """
    if answer_type == AnswerType.OTHER:
        return 0
    if answer_type == AnswerType.NUMBER:
        words = [w for w in tokens(_NOT_COUNTS.sub(" ", text)) if w not in asked]
        counts = [w for w in words if (w[0].isdigit() and not is_year(w)) or w in _NUMBER_WORDS]
        found = bool(counts) or bool(_SPAN.search(text))
    elif answer_type == AnswerType.DATE:
        found = any((w in _DATE_WORDS or is_year(w)) and w not in asked for w in tokens(text))
        found = found or bool(_SPAN.search(text))
    else:
        if answer_type == AnswerType.PERSON:
            names = [m.group() for m in _NAME.finditer(text)] + _ORG.findall(text)
            if office:
                names = [name for name in names if _holds(office, name, text)]
        else:  # PLACE
            capitalised = [w for w in text.split()[1:] if w[:1].isupper()]
            names = [m.group() for m in _NAME.finditer(text)] + capitalised
            # "to an immigration detention facility": a place need not have a name.
            if ({stem(w) for w in tokens(text)} & _PLACE_NOUNS) - {stem(w) for w in asked}:
                return 1
        # "Immigration and Customs Enforcement" is no new name to a question that says "ICE".
        spelled = [words for acronym, words in expansions(text) if _acronym_asked(acronym, asked)]
        known = asked.union(*spelled)
        found = any(_new(name, known) for name in names)
    return 1 if found else -1


def _acronym_asked(acronym: str, asked: Collection[str]) -> bool:
    """The question uses this acronym; "who", "at" and "on" are words, not acronyms."""
    return len(acronym) >= 3 and acronym in asked and acronym not in STOP_WORDS


def _holds(office: str, name: str, text: str) -> bool:
    """The name stands by the word for the office: 'Sheriff Greg Ahern', 'Greg Ahern, the sheriff'.

    The word alone is no name: 'ICE' is not an ICE leader.
    """
    if tokens(name) == [office]:
        return False
    at = text.find(name)
    # "ICE acting Director Matthew Albence", "Sheriff Greg Ahern", "Greg Ahern, the sheriff"
    before = text[max(0, at - 25) : at].rsplit(",", 1)[-1]
    after = re.match(r",\s+(?:the|a|an)\s+([\w\s]{0,25})", text[at + len(name) :])
    near = f"{before} {name} {after.group(1) if after else ''}"
    return any(stem(w) == stem(office) for w in tokens(near))


def _new(name: str, asked: frozenset[str]) -> bool:
    """A name with at least one word, other than a function word, that the question does not use."""
    return any(w not in asked and w not in STOP_WORDS for w in tokens(name))


def is_heading(text: str) -> bool:
    """A line that is not a sentence: no closing punctuation and mostly capitalised words.

    Example: 'Grassroots Groups Denounce New Jail Program' -> True
    """
    stripped = text.strip()
    if not stripped or stripped[-1] in _SENTENCE_ENDS or len(stripped.split()) > HEADING_MAX_WORDS:
        return False
    words = [w for w in stripped.split() if len(w) > 3 and w[0].isalpha()]
    capitalised = sum(1 for w in words if w[0].isupper())
    return bool(words) and (capitalised / len(words) >= 0.6 or " | " in stripped)


def is_year(word: str) -> bool:
    """Example: '2013' -> True, '134' -> False"""
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")


class Scope:
    """The words a sentence can speak for: its neighbours and its article's metadata."""

    def __init__(self, article: Article, window_text: str) -> None:
        meta = f"{article.title} {article.outlet} {article.date or ''}"
        words = tokens(window_text) + tokens(meta)
        self.words = set(words)
        self.stems = {stem(w) for w in words}
        self.acronyms = acronyms(window_text) | acronyms(meta)

    def covers(self, salient: str) -> bool:
        return (
            salient in self.words
            or stem(salient) in self.stems
            or salient in self.acronyms
        )
