"""Speakers: who a sentence reports as saying something, and whose words a question asks for.

News stories set opposing voices side by side, so a question about what the
sheriff said must be answered with the sheriff's words, not with the words of
her critics printed one line above. This reads attribution the way a reader
does, from the usual forms of news prose:

- "Sheriff Mims said, ...", "Alejandro Caceres, director of the coalition, told ...";
- "... ,” Taylor told Breitbart Texas.", "... ,” says Oday Guerrero.";
- "... ,” she said." (the speaker is the person the sentences before name);
- "According to CBS, ...";
- a quote signed with a name on the same line ("... what the laws say. Fresno County Sheriff Margaret Mims").

A speaker is the one a question asks about when they share a name word, when
one is the other's acronym ("the ACLU"), when a long name differs by a slip of
one letter, or, for a question that asks for "the sheriff" by office alone,
when the story gives that office to the speaker's name ("Sheriff Margaret Mims").

It is rule-based and English-only; a sentence it cannot read has no speaker,
and then nothing is inferred from it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from types import MappingProxyType

from assistant.sentences import Span
from index.terms import MONTHS, STOP_WORDS, WEEKDAYS, acronyms, tokens

__all__ = ["asked_speaker", "offices_held", "speaker_of", "speaks_for"]

_VERBS = "|".join(
    form
    for verb in (
        "say:said:says tell:told:tells write:wrote:writes add:added:adds state:stated:states "
        "explain:explained:explains argue:argued:argues claim:claimed:claims call:called:calls "
        "note:noted:notes warn:warned:warns insist:insisted:insists allege:alleged:alleges "
        "respond:responded:responds reply:replied:replies comment:commented:comments "
        "answer:answered:answers describe:described:describes confirm:confirmed:confirms"
    ).split()
    for form in verb.split(":")
)
# A run of capitalised words, joined by the small words names contain ("Union of", "Youth in Action").
_NAME_RUN = r"[A-Z][\w’'.-]*(?:\s+(?:(?:of|for|and|the|in|de)\s+)?[A-Z][\w’'.-]*){0,7}"
_SUBJECT = re.compile(
    rf"(?<![\w’'])(?P<who>{_NAME_RUN})"
    rf"(?:,[^,“”\"]{{1,90}},)?\s+(?:also\s+|reportedly\s+|has\s+|had\s+)?(?:{_VERBS})\b"
)
_AFTER_QUOTE = re.compile(
    rf"[”\"],?\s+(?:(?:{_VERBS})\s+(?P<late>{_NAME_RUN})|(?P<who>{_NAME_RUN})\s+(?:{_VERBS})\b)"
)
_PRONOUN = re.compile(rf"(?:^|[”\"],?\s+)(?:he|she|they)\s+(?:also\s+)?(?:{_VERBS})\b", re.I)
_ACCORDING = re.compile(rf"\b(?i:according) to (?:the\s+|a\s+\w+\s+by\s+)?(?P<who>{_NAME_RUN})")
# A quote signed on its line: at least two capitalised words, with no closing punctuation.
_SIGNED = re.compile(r"[.!?”\"]\s+(?P<who>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)+)\s*$")
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]*")
_FULL_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+")
_LOOK_BACK = 3
# "... on Wednesday alleges": a day is no speaker.
_CALENDAR = frozenset(MONTHS + WEEKDAYS)
# The question's own form: "what did Mims say", "how has the sheriff responded", "according to the ACLU".
# Verbs that also name things ("what is it called", "a state law") are left out.
_ASKING_VERBS = "|".join(
    v for v in _VERBS.split("|") if not v.startswith(("call", "state", "claim", "note", "add"))
)
_ASKED = re.compile(
    rf"\b(?:did|does|do|has|have|had)\s+(?:the\s+)?(?P<who>[\w’'. ]{{1,40}}?)\s+(?:{_ASKING_VERBS})\b"
    r"|\baccording to (?:the\s+)?(?P<per>[\w’'. ]{1,40}?)(?:[,?]|$)",
    re.I,
)
# The words that may name a speaker in a question: names, and the offices people speak for.
_SPEAKER_NOUNS = frozenset("sheriff governor mayor president director spokesman spokeswoman judge".split())
_MAX_SPEAKER_WORDS = 4
_MAX_NAME_WORDS = 3
# An office written before a name: "Sheriff Margaret Mims", "spokeswoman Virginia Kice".
_TITLED = re.compile(
    rf"\b(?P<office>(?i:{'|'.join(sorted(_SPEAKER_NOUNS))}))(?P<name>(?:[ \t]+[^\W\d_][\w’'-]*){{1,4}})"
)
# Names at least this long are matched across a one-letter slip ("Cacerees" for "Caceres").
_SLIP_LENGTH = 6


def speaker_of(text: str, spans: Sequence[Span], index: int) -> str:
    """Who the sentence `spans[index]` of `text` reports as speaking, or "" if it names no one.

    Example: ('Mims spoke. “No,” she said.', spans, 1) -> 'Mims'
    """
    sentence = text[spans[index].start : spans[index].end]
    # A name inside a quotation is someone the speaker mentions: "“Brown told me,” Cole said."
    outside = _outside_quotes(sentence)
    for pattern, where in ((_SUBJECT, outside), (_AFTER_QUOTE, sentence), (_ACCORDING, outside)):
        for match in pattern.finditer(where):
            who = match.groupdict().get("late") or match.group("who")
            if _is_name(who):
                return who
    if _PRONOUN.search(sentence):
        return _last_named(text, spans, index)
    signed = _SIGNED.search(sentence)
    if signed is not None and _is_name(signed.group("who")):
        return signed.group("who")
    return ""


def asked_speaker(question: str) -> frozenset[str]:
    """The lower-cased words naming whose words a question asks for; empty if it asks for no one's.

    Example: 'How did Sheriff Mims answer the ACLU?' -> {'sheriff', 'mims'}
    """
    match = _ASKED.search(question)
    if match is None:
        return frozenset()
    who = match.group("who") or match.group("per")
    words = [w for w in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", who) if w.lower() not in STOP_WORDS]
    # "what did they want her to answer", "according to both 2015 Fresno stories": no one named.
    if not words or len(words) > _MAX_SPEAKER_WORDS:
        return frozenset()
    if not all(w[0].isupper() or w.lower() in _SPEAKER_NOUNS for w in words):
        return frozenset()
    return frozenset(t for w in words for t in tokens(w))


def speaks_for(
    speaker: str, asked: frozenset[str], offices: Mapping[str, frozenset[str]] | None = None
) -> bool:
    """The speaker is the one asked about: by a shared name word, an acronym, or the office held.

    A long name misspelt by one letter is still the same name: news copy has typos.
    `offices` (see `offices_held`) lets a question that asks for "the sheriff", and
    names no one, find her words where the story calls her by name.
    Example: ('The American Civil Liberties Union', {'aclu'}) -> True;
    ('Cacerees', {'alejandro', 'caceres'}) -> True; ('Mims', {'sheriff'}, {'mims': {'sheriff'}}) -> True
    """
    words = set(tokens(speaker))
    if asked & (words | acronyms(speaker)):
        return True
    if offices and asked <= _SPEAKER_NOUNS and any(asked & offices.get(word, frozenset()) for word in words):
        return True
    return any(_one_slip(word, name) for word in words for name in asked if len(name) >= _SLIP_LENGTH)


@lru_cache(maxsize=64)
def offices_held(text: str) -> Mapping[str, frozenset[str]]:
    """The offices a text gives the people it names, by surname; read once per text.

    Example: 'Fresno County Sheriff Margaret Mims said...' -> {'mims': {'sheriff'}}
    """
    held: dict[str, set[str]] = {}
    for match in _TITLED.finditer(text):
        name = []
        for word in match.group("name").split():
            first = tokens(word)[:1]
            if not word[0].isupper() or not first or first[0] in _CALENDAR:
                break
            name.append(first[0])
        # Four capitalised words on end are a headline or a body's name, not a person's.
        if name and len(name) <= _MAX_NAME_WORDS:
            held.setdefault(name[-1], set()).add(match.group("office").lower())
    return MappingProxyType({surname: frozenset(offices) for surname, offices in held.items()})


def _outside_quotes(sentence: str) -> str:
    """The sentence with what stands inside quotation marks blanked out, offsets kept.

    A closing mark with no opening one ends a quotation begun in an earlier sentence.
    Example: '“Brown told me,” Cole said.' -> '                 Cole said.'
    """
    chars = list(sentence)
    inside, opened = False, 0
    for at, ch in enumerate(sentence):
        if ch == "“" or (ch == '"' and not inside):
            inside, opened = True, at
        elif ch == "”" or ch == '"':
            start = opened if inside else 0
            chars[start : at + 1] = " " * (at + 1 - start)
            inside = False
    if inside:
        chars[opened:] = " " * (len(chars) - opened)
    return "".join(chars)


def _one_slip(a: str, b: str) -> bool:
    """The words differ by one letter added, dropped, changed or two swapped.

    Example: ('cacerees', 'caceres') -> True
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    return swapped or a[i + 1 :] == b[i + 1 :]


def _is_name(who: str) -> bool:
    return any(w not in STOP_WORDS and w not in _CALENDAR for w in tokens(who))


def _last_named(text: str, spans: Sequence[Span], index: int) -> str:
    """The first name in the nearest sentence before `index` that names anyone: who "she" is."""
    for back in range(index - 1, max(-1, index - 1 - _LOOK_BACK), -1):
        sentence = text[spans[back].start : spans[back].end]
        named = speaker_of(text, spans, back) if not _PRONOUN.search(sentence) else ""
        if named:
            return named
        names = [m.group() for m in _CAPITALISED.finditer(sentence) if _is_name(m.group())]
        if names:
            runs = [m.group() for m in _FULL_NAME.finditer(sentence) if _is_name(m.group())]
            return runs[0] if runs else names[0]
    return ""
