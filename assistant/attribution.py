"""Attribution: a sentence that says who spoke must cite that speaker's words.

News stories put opposing voices side by side, and a model writing from
excerpts of several of them may give one group's words to another ("The ACLU
called on the sheriff to ...", citing an activist's statement). The words may
all be in the excerpt, so the other checks pass; this one reads who speaks in
each. `voices` reads the speakers of an excerpt's sentences (see
`speakers.speaker_of`); `agrees` says whether the speaker an answer sentence
names can be one of them. An excerpt whose speaker cannot be read, and a
sentence that names no speaker, agree with anything: nothing is inferred from
what is not read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.sentences import Span, split_sentences
from assistant.speakers import speaker_of, speaks_for
from index.terms import STOP_WORDS, tokens

__all__ = ["voices", "voice", "agrees"]

# A sentence that opens with a name, then a verb of wanting, thinking or asking.
_HOLDS_VIEW = re.compile(
    r"(?:The\s+)?(?P<who>[A-Z][\w.&'’-]*(?:\s+(?:of\s+|for\s+|the\s+)?[A-Z][\w.&'’-]*){0,5})"
    r"\s+(?:also\s+|had\s+|has\s+|have\s+|had\s+long\s+)?"
    r"(?:believ|want|think|thought|feel|felt|hop|fear|oppos|support|urg|demand|ask|object|criticiz|accus)\w*\b"
)


def voices(text: str, spans: Sequence[Span], start: int, end: int) -> tuple[str, ...]:
    """The speakers of the sentences of `text` inside [start, end), in order, each once.

    Example: ('“No,” Mims said. Protests went on.', spans, 0, 34) -> ('Mims',)
    """
    found = (speaker_of(text, spans, i) for i, span in enumerate(spans) if start <= span.start < end)
    return tuple(dict.fromkeys(who for who in found if who))


def voice(sentence: str) -> str:
    """Who a lone sentence says is speaking or holds a view, or "".

    Beside the forms `speaker_of` reads, an answer often opens with whose view it
    gives: "The ACLU wanted ...", "Sheriff Mims believes ...".
    Example: 'The ACLU also called on Sheriff Mims to end it.' -> 'The ACLU'
    """
    spans = split_sentences(sentence)
    said = speaker_of(sentence, spans, 0) if spans else ""
    if said:
        return said
    held = _HOLDS_VIEW.match(sentence)
    # "It wanted ...", "They believe ...": a pronoun names no one.
    return held.group("who") if held and _name_words(held.group("who")) else ""


def agrees(speaker: str, heard: Sequence[str]) -> bool:
    """Whether `speaker` (named by the answer) can be one of `heard` (the excerpt's speakers).

    Either may be the fuller name: "The ACLU" is "the American Civil Liberties Union".
    Example: ('The ACLU', ['Oday Guerrero']) -> False; ('Mims', ['Sheriff Margaret Mims']) -> True
    """
    if not speaker or not heard:
        return True
    named = _name_words(speaker)
    return any(speaks_for(other, named) or speaks_for(speaker, _name_words(other)) for other in heard)


def _name_words(who: str) -> frozenset[str]:
    return frozenset(t for t in tokens(who) if t not in STOP_WORDS)
