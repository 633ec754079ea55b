"""Speakers: who a sentence reports as speaking, and whose words a question asks for."""

from __future__ import annotations

import pytest

from assistant.answering import Answerer
from assistant.evidence import Candidate
from assistant.questions import analyze
from assistant.sentences import split_sentences
from assistant.speakers import asked_speaker, offices_held, speaker_of, speaks_for
from index.articles import Article


def _speaker(text: str, index: int = -1) -> str:
    spans = split_sentences(text)
    return speaker_of(text, spans, index % len(spans))


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Sheriff Ann Cole said, "We will keep the program."', "Sheriff Ann Cole"),
        ("Ben Ruiz, director of the Valley Rights Coalition, told the paper it was wrong.", "Ben Ruiz"),
        ("“It is a mistake,” Ruiz told reporters.", "Ruiz"),
        ('"We call on the county to stop," says Dana Lee, an organizer.', "Dana Lee"),
        ("According to the Valley Times, the memo went out last week.", "Valley Times"),
        ("The union called the plan reckless.", ""),
        ("The Teachers Union called the plan reckless.", "The Teachers Union"),
        ("It is obvious the critics want no contact at all. Valley County Sheriff Ann Cole", "Valley County Sheriff Ann Cole"),
        ("A report released on Wednesday alleges abuses.", ""),
        ("The jail books about 100 inmates a day.", ""),
        ("It said nothing, Ruiz told reporters.", "Ruiz"),
        ("“I told them what Governor Hale told me,” Cole said.", "Cole"),
        ("“We said it then and the union says it now,” Cole said.", "Cole"),
    ],
)
def test_speaker_of__reads_the_usual_forms_of_attribution(text, speaker):
    assert _speaker(text) == speaker


def test_speaker_of__he_or_she_is_the_person_the_sentences_before_name():
    text = "Cole confirmed she received the letter. “I stand by the program,” she said."
    assert _speaker(text) == "Cole"


def test_speaker_of__a_day_is_not_who_she_is():
    assert _speaker("On Monday the board met. “No,” she said.") == ""


def test_speaker_of__looks_back_past_a_sentence_that_names_no_one():
    text = "Director Sam Hale spoke on Monday. “the part that worries us is the cost.” “It adds up,” he said."
    assert _speaker(text) == "Director Sam Hale"


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("What did Cole say about the letter?", {"cole"}),
        ("How did Sheriff Cole answer the union's criticism?", {"sheriff", "cole"}),
        ("What has the sheriff said about immigrants?", {"sheriff"}),
        ("According to the ACLU, what happened in the jail?", {"aclu"}),
        ("How many groups signed the letter?", set()),
        ("By when did they want her to answer?", set()),
        ("What is SB 54 also called?", set()),
        ("Which figures agree according to both 2015 Fresno stories?", set()),
    ],
)
def test_asked_speaker__is_whose_words_the_question_asks_for(question, asked):
    assert asked_speaker(question) == asked


def test_speaks_for__an_acronym_stands_for_its_full_name():
    assert speaks_for("The American Civil Liberties Union", frozenset({"aclu"}))
    assert not speaks_for("Sheriff Ann Cole", frozenset({"aclu"}))


def test_speaks_for__a_long_name_misspelt_by_one_letter_is_the_same_name():
    assert speaks_for("Cacerees", frozenset({"alejandro", "caceres"}))
    assert speaks_for("Cacers", frozenset({"caceres"}))
    assert speaks_for("Cacerse", frozenset({"caceres"}))
    assert not speaks_for("Mins", frozenset({"mims"}))  # too short to tell a slip from another name
    assert not speaks_for("Camerons", frozenset({"caceres"}))


def test_speaks_for__an_office_the_text_gives_a_name_stands_for_that_name():
    offices = offices_held(
        "Valley County Sheriff Ann Cole spoke, and so did spokeswoman Rita Kane. Judge José Núñez ruled."
    )
    assert speaks_for("Cole", frozenset({"sheriff"}), offices)
    assert speaks_for("Ann Cole", frozenset({"sheriff"}), offices)
    assert speaks_for("Núñez", frozenset({"judge"}), offices)
    assert not speaks_for("Kane", frozenset({"sheriff"}), offices)
    assert not speaks_for("Cole", frozenset({"sheriff"}))  # no office known
    assert not speaks_for("Ann", frozenset({"spokeswoman"}), offices)  # a first name is no surname


def test_speaks_for__a_question_naming_someone_is_not_answered_by_another_holder_of_the_office():
    offices = offices_held("Sheriff Ann Cole met Sheriff Ben Ruiz on Tuesday.")
    assert speaks_for("Cole", frozenset({"sheriff", "cole"}), offices)
    assert not speaks_for("Ruiz", frozenset({"sheriff", "cole"}), offices)


def test_offices_held__a_headline_or_a_body_is_not_a_person():
    assert offices_held("Sheriff Department's Troubling New ICE Program") == {}
    assert offices_held("The judge Tuesday ordered it.") == {}


def test_judge__the_asked_speakers_words_outrank_a_rivals_that_score_the_same():
    text = "The Valley Union called the program reckless. Cole confirmed she got the letter. “The program is lawful,” she said."
    article = Article(id="a", title="Union letter to Cole", outlet="Valley Times", date="2015-10-01", date_approximate=False, text=text)
    spans = split_sentences(text)
    candidates = [
        Candidate("a", spans[i].start, spans[i].end, text[spans[i].start : spans[i].end], dense=0.6, lexical=0.3, fits=0)
        for i in (0, 2)
    ]
    evidence = Answerer().judge(
        analyze("What did Cole say about the union's letter?"), candidates, articles={"a": article}, sentences={"a": spans}
    )
    assert evidence[0].candidate.text.endswith("she said.")
    assert evidence[0].score > evidence[1].score
