"""Questions: what a question asks for, read without a language model.

From the wording alone this finds the content terms (for matching), the kind
of answer expected (a number, a date, a person or group, a place), the salient
words a true answer must be about (proper names and figures), and whether the
question leans on the conversation ("she", "that letter", "and when?").

It does not resolve pronouns to their referents; the answerer does that by
carrying the previous question's terms and sources forward.

`checked` is the gate where a question enters: text, not blank, at most
`MAX_QUESTION_CHARS` characters, control characters made spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.speakers import asked_speaker
from index.errors import InvalidQuestion
from index.terms import STOP_WORDS, stem, terms, tokens

__all__ = ["Question", "analyze", "AnswerType", "checked", "MAX_QUESTION_CHARS"]

MAX_QUESTION_CHARS = 2000


class AnswerType:
    NUMBER = "number"
    DATE = "date"
    PERSON = "person"
    PLACE = "place"
    OTHER = "other"


# Nouns for who does or says things: "which judge", "what group", "which news outlet".
_ROLES = (
    r"persons?|people|officials?|officers?|groups?|organi[sz]ations?|agenc(?:y|ies)|outlets?|newspapers?|"
    r"stations?|networks?|judges?|sheriffs?|leaders?|directors?|spokes(?:wo)?m[ae]n|spokesperson|organizers?|"
    r"activists?|advocates?|coalitions?|lawmakers?|politicians?|governors?|presidents?|mayors?|companies|company|"
    r"chairman|chairwoman|chair"
)

# Nouns for where things happen: "which county", "in what state", "which California jurisdictions".
_PLACES = (
    r"counties|county|cities|city|states?|countries|country|places?|jurisdictions?|jails?|courts?|"
    r"towns?|regions?|areas?|facilit(?:y|ies)|prisons?|locations?"
)
_NAME_REQUEST = r"\bname\b|\bnamed\b|\b(which|what) (\w+ )?(" + _ROLES + r")\b"
# Offices held by one person at a time: "which judge" is answered by a name the evidence gives that office.
_OFFICES = frozenset(
    "sheriff judge governor mayor senator president director spokesman spokeswoman spokesperson "
    "chairman chairwoman chief captain".split()
)
_DETERMINERS = frozenset(
    "the a an this that these those its his her their our your my some any each every".split()
)
# Verbs that report what someone said; "why did she say X" takes no event as given.
_REPORTING = frozenset(
    "say argue claim contend assert state tell explain describe call write note add suggest insist "
    "believe think feel maintain".split()
)
_AUXILIARY_WORDS = frozenset("do does did is are was were has have had can could would will should".split())
_AUXILIARIES = "(?:" + "|".join(sorted(_AUXILIARY_WORDS)) + ")"

# "How long before the article...", "how long ago": a point in time, which "last week" answers.
_TIME_RELATION = r"(?:before|ago)"
_QUESTION_WORD = r"(?:what|which|who|whom|whose|when|where|how|why)"
# A clause that sets the scene before the question proper: "When Correa screens inmates, what...".
# Not "When did Mims, who took office in 2007, ...": there the first words are the question.
_LEADING_CLAUSE = re.compile(
    r"\s*(?:when|whenever|if|after|before|while|once|as|since|during|in|on|at|for|given|besides)\b"
    rf"(?!\s+(?:{_AUXILIARIES}|{_QUESTION_WORD})\b)[^,?]{{3,}},\s*(?={_QUESTION_WORD}\b)"
)
# "what exact date", "in which calendar year"; not "what did day laborers say".
_QUALIFIER = rf"(?:(?!{_AUXILIARIES}\b)\w+ )?"

_TYPE_PATTERNS = (
    (
        AnswerType.NUMBER,
        rf"\bhow (many|much|long(?! {_TIME_RELATION})|old|often|large|big)\b"
        r"|\bwhat (number|percent|percentage|share|age)\b",
    ),
    (
        AnswerType.DATE,
        rf"\bin (what|which) {_QUALIFIER}(year|month|day)\b|\bby when\b|\bsince when\b|\bwhen\b"
        rf"|\bwhat {_QUALIFIER}(year|date|day|month)\b|\bwhat time\b"
        rf"|\bwhich {_QUALIFIER}(year|date|day|month)\b"
        rf"|\bsince (what|which|when)\b|\bhow long {_TIME_RELATION}\b",
    ),
    (
        AnswerType.PERSON,
        rf"\bwho\b|\bwhom\b|\bwhose\b|\b(which|what) (?!{_AUXILIARIES}\b)(\w+ )?({_ROLES})\b"
        r"|\bwhat is the name of\b|\bname the\b",
    ),
    (AnswerType.PLACE, rf"\bwhere\b|\b(in )?(which|what) (?!{_AUXILIARIES}\b)(\w+ )?({_PLACES})\b"),
)

_REFERRING = frozenset(
    "he she they them her him his hers their theirs it its this that these those there then".split()
)
_CONTINUATIONS = re.compile(r"^\s*(and|but|also|so|what about|how about|what else|anything else)\b", re.I)
_WORD = re.compile(r"\d+(?:[,.]\d+)*(?:st|nd|rd|th)?\b|[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)
_QUESTION_WORDS = frozenset(
    "what which who whom whose when where why how name list give describe explain tell "
    "did does do is are was were has have had can could would should will".split()
)


# Words that say what form the answer takes, not what it is about ("what date", "which year").
_FORM_TERMS = frozenset(
    stem(w) for w in "date year day month time number name kind type sort way happen".split()
)


@dataclass(frozen=True)
class Question:
    text: str
    terms: tuple[str, ...]
    answer_type: str
    salient: tuple[str, ...]
    refers_back: bool
    named: tuple[tuple[str, str], ...] = ()  # ("Kern", "County"): a name and the capital noun it qualifies
    wants_name: bool = False  # "which judge", "what is the name of": only a proper name answers
    presupposed: str | None = None  # "veto" in "Why did the governor veto it?": the event it takes as given
    office: str = ""  # "judge" in "Which judge ruled?", "ice" in "Which ICE leader": see `_office`
    speaker: frozenset[str] = frozenset()  # {"mims"} in "What did Mims say?": whose words it asks for
    words: frozenset[str] = frozenset()  # its lower-cased words, as `index.terms.tokens` reads them


def analyze(text: str) -> Question:
    """Read a question.

    Example: 'How many immigrants did Kern County deport in 2015?' ->
    terms ('immigr', 'kern', 'counti', 'deport', '2015'), answer_type 'number',
    salient ('kern', 'county', '2015')
    """
    answer_type = _answer_type(text)
    words = [m.group() for m in _WORD.finditer(text)]
    content = [w for w in words if w.lower() not in STOP_WORDS]
    refers_back = bool(_CONTINUATIONS.search(text)) or any(w.lower() in _REFERRING for w in words)
    refers_back = refers_back or len(content) <= 2
    return Question(
        text=text,
        terms=tuple(t for t in dict.fromkeys(terms(text)) if t not in _FORM_TERMS),
        answer_type=answer_type,
        salient=tuple(dict.fromkeys(_salient(words))),
        refers_back=refers_back,
        named=tuple(_named(text)),
        wants_name=answer_type == AnswerType.PERSON and bool(re.search(_NAME_REQUEST, text.lower())),
        presupposed=_presupposed(text),
        office=_office(text),
        speaker=asked_speaker(text),
        words=frozenset(tokens(text)),
    )


def _presupposed(text: str) -> str | None:
    """The verb of a 'why/when did <subject> <verb>' question: an event the question takes as given.

    Reporting verbs are left out: "why does Mims argue that..." asks what she said, which
    needs no event. The subject is skipped as names and determiners; a lower-case noun
    taken for the verb is harmless, since the evidence names its subject anyway.
    Example: 'Why did Governor Jerry Brown veto SB 54?' -> 'veto'
    """
    match = re.match(r"\s*(?:why|when)\s+(?:did|does|do|has|have|had)\s+(.*)", text, flags=re.I | re.S)
    if match is None:
        return None
    for word in _WORD.findall(match.group(1)):
        lower = word.lower()
        if word[0].isupper() or word[0].isdigit() or lower in _DETERMINERS:
            continue
        if lower in STOP_WORDS or lower in _REPORTING:
            return None
        return lower
    return None


def _office(text: str) -> str:
    """The word the name a question asks for must stand by in the evidence, if any.

    That is the office itself when it is held by one person ("which judge"), or else
    the body named before a role ("which ICE leader"): a name anywhere in a sentence
    that mentions a judge, or ICE, is not yet the judge's or ICE's.
    Example: 'What is the name of the Alameda County sheriff?' -> 'sheriff';
    'Which ICE leader spoke?' -> 'ice'; 'Which group sued?' -> ''
    """
    match = re.search(
        rf"\b(?:which|what) (?:(\w+) )?({_ROLES})\b|\bname of (?:the )?(?:\w+ ){{0,3}}?({_ROLES})\b",
        text,
        flags=re.I,
    )
    if match is None:
        return ""
    qualifier, noun = match.group(1), (match.group(2) or match.group(3)).lower()
    if noun in _OFFICES:
        return noun
    if qualifier and qualifier.lower() not in _AUXILIARY_WORDS and qualifier[0].isupper():
        return qualifier.lower()
    return ""


def _answer_type(text: str) -> str:
    """Read from the first question word on, so a relative clause ("people who...") is not mistaken for it.

    A clause that sets the scene first is passed over: in "When Correa screens
    inmates, what is he looking for?" the question word is "what".
    Example: 'What happened to those who were released?' -> 'other'
    """
    lowered = text.lower()
    leading = _LEADING_CLAUSE.match(lowered)
    if leading is not None:
        lowered = lowered[leading.end() :]
    first = re.search(rf"\b(?:by when|since when|in what|{_QUESTION_WORD})\b", lowered)
    if first is None:
        return AnswerType.OTHER
    head = lowered[first.start() :]
    for kind, pattern in _TYPE_PATTERNS:
        match = re.search(pattern, head)
        if match and match.start() == 0:
            return kind
    # "Do the reports agree on how many...", "How did the count of arrests change?"
    if re.search(r"\bhow (many|much)\b|\b(number|count|total|tally) of\b", head):
        return AnswerType.NUMBER
    return AnswerType.OTHER


def _named(text: str) -> list[tuple[str, str]]:
    """Example: 'the Kern County jail' -> [('Kern', 'County')]"""
    pairs = []
    for match in re.finditer(r"(?<!^)(?<![.?!]\s)\b([A-Z][a-z]+)\s+([A-Z][a-z]+)\b", text):
        name, head = match.groups()
        if name.lower() not in STOP_WORDS and name.lower() not in _QUESTION_WORDS:
            pairs.append((name, head))
    return pairs


def _salient(words: list[str]) -> list[str]:
    """Proper names, acronyms and figures: what an answer must be about.

    Example: ['Why', 'did', 'Sheriff', 'Mims', 'act', 'in', '2016'] -> ['sheriff', 'mims', '2016']
    """
    out = []
    for position, word in enumerate(words):
        plain = re.sub(r"['’]s$", "", word)
        lower = plain.lower()
        if plain[0].isdigit():
            out.append(re.sub(r"(st|nd|rd|th)$", "", plain).replace(",", ""))
        elif lower in STOP_WORDS or lower in _QUESTION_WORDS:
            continue
        elif (plain.isupper() and len(plain) >= 2) or (position > 0 and plain[0].isupper()):
            out.append(lower)
    return out


def checked(question: object) -> str:
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
