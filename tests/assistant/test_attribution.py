"""Attribution: an answer sentence that says who spoke must cite that speaker's words."""

from __future__ import annotations

import pytest

from assistant.attribution import agrees, voice, voices
from assistant.grounding import ground
from assistant.sentences import split_sentences

ACTIVIST = (
    '"We call on Sheriff Mims to end all collaboration with ICE," says Oday Guerrero, an organizer. '
    '"This program will erode trust," he said.'
)
LETTER = "The ACLU letter urged the sheriff to end the program, saying it would erode community trust."
NARRATION = "The program allows two ICE agents to work from inside the county jail."


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        ("The ACLU also called on Sheriff Mims to end it.", "The ACLU"),
        ("Sheriff Mims said her office follows the law.", "Sheriff Mims"),
        ("The ACLU wanted the county to end its partnership with ICE.", "ACLU"),
        ("Sheriff Mims believes the program keeps the county safer.", "Sheriff Mims"),
        ("It wanted more.", ""),
        ("They believe it is unsafe.", ""),
        ("The program allows two agents inside the jail.", ""),
    ],
)
def test_voice__whom_a_sentence_gives_words_or_a_view_to(sentence, who):
    assert voice(sentence) == who


def test_voices__the_speakers_of_an_excerpt_in_order_each_once():
    spans = split_sentences(ACTIVIST)
    assert voices(ACTIVIST, spans, 0, len(ACTIVIST)) == ("Oday Guerrero",)
    assert voices(NARRATION, split_sentences(NARRATION), 0, len(NARRATION)) == ()


@pytest.mark.parametrize(
    ("speaker", "heard", "expected"),
    [
        ("The ACLU", ["Oday Guerrero"], False),
        ("The ACLU", ["The American Civil Liberties Union"], True),
        ("American Civil Liberties Union", ["ACLU"], True),
        ("Mims", ["Fresno County Sheriff Margaret Mims"], True),
        ("", ["Oday Guerrero"], True),  # a sentence that names no one
        ("The ACLU", [], True),  # an excerpt whose speaker cannot be read
    ],
)
def test_agrees__the_named_speaker_can_be_one_heard_in_the_excerpt(speaker, heard, expected):
    assert agrees(speaker, heard) is expected


def test_ground__a_sentence_giving_one_voice_s_words_to_another_is_dropped():
    excerpts = {1: ACTIVIST, 2: LETTER}
    speakers = {1: ("Oday Guerrero",), 2: ()}
    draft = (
        "The ACLU called on Sheriff Mims to end all collaboration with ICE [1]. "
        "The letter urged the sheriff to end the program [2]."
    )
    grounded = ground(draft, excerpts, speakers=speakers)
    assert [c.cites for c in grounded.claims] == [(2,)]
    assert grounded.dropped[0].reason == "gives The ACLU words that its excerpt gives to Oday Guerrero"


def test_ground__the_speaker_s_own_words_and_unnamed_claims_stand():
    excerpts = {1: ACTIVIST, 2: NARRATION}
    speakers = {1: ("Oday Guerrero",), 2: ()}
    draft = (
        "Oday Guerrero said the program will erode trust [1]. "
        "Two ICE agents work from inside the county jail [2]."
    )
    grounded = ground(draft, excerpts, speakers=speakers)
    assert [c.cites for c in grounded.claims] == [(1,), (2,)]
    assert not grounded.dropped
