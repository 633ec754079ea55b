"""Answer matching: when a text holds a gold answer, and where in an article it does."""

from __future__ import annotations

import pytest

from evals.realnews.answer_match import (
    SEGMENT_CHARS,
    WINDOW_CHARS,
    answer_window,
    holds_answer,
    parse_gold,
    sentence_spans,
)


@pytest.mark.parametrize(
    ("text", "gold", "held"),
    [
        # Content words only: function words of a choice's text are not needed.
        ("Birth mothers found relief in open adoption.", "Through open adoption", True),
        ("The measure was vetoed by the governor on Friday.", "It was vetoed by the governor", True),
        ("High costs drove the move to Dover.", "Due to high costs", True),
        ("Costs were high.", "Due to high costs", True),  # stemmed, and in any order
        ("The gardens at Longwood bought it.", "Longwood Gardens", True),
        ("The tower came from Ship Bottom.", "Ship Bottom", True),
        ("The tower came from a ship.", "Ship Bottom", False),
        ("The measure was vetoed.", "It was vetoed by the governor", False),
        # Numbers match as numbers.
        ("About 25 percent were absent.", "25%", True),
        ("About 25 per cent were absent.", "25%", True),
        ("A 25% rise.", "25 percent", True),
        ("About 25 students were absent.", "25%", False),
        ("It was worth 2025 percent more.", "25%", False),
        ("It cost 1.2 billion dollars.", "$1.2 billion", True),
        ("It cost $1.2bn.", "$1.2 billion", True),
        ("It cost $1,200,000,000.", "$1.2 billion", True),
        ("It cost $5 million.", "$5,000,000", True),
        ("It cost $1.2 million.", "$1.2 billion", False),
        ("It cost 12 billion.", "$1.2 billion", False),
        ("Some 36,000 people came.", "36000", True),
        ("Tickets were $150,000 each.", "$150,000", True),
        ("It was 1.50 a pound.", "$1.5", True),
        ("She won five times.", "Five", True),
        ("She won 5 times.", "Five", True),
        ("She won 15 times.", "Five", False),
        ("Six more weeks of winter.", "6", True),
        ("Twenty-five years on.", "25", True),
        ("For the 31st time.", "31", True),
        ("In the 1980s.", "1980", True),
        # Spelling: accents, apostrophes, hyphens, initialisms, case.
        ("Luka Doncic was traded.", "Luka Dončić", True),
        ("Rafal Trzaskowski leads.", "Rafał Trzaskowski", True),
        ("Is the semicolon dying?", "Semi-colon", True),
        ("Is the semi-colon dying?", "Semicolon", True),
        ("The U.S.-Mexico border.", "US-Mexico border", True),
        ("The US and Mexico share a border.", "US-Mexico border", True),
        ("A menu at McDonald's.", "McDonald’s", True),
        ("He landed at O'Hare.", "The tarmac at O’Hare Airport", False),
        ("OSAKA BANS SMOKING", "Osaka", True),
        # 'US' written in capitals is the country, not the pronoun; month names count.
        ("Tell us more.", "US", True),  # the text side cannot tell them apart
        ("The vote is on June 5.", "May 5", False),
        # A gold of function words only is matched as a phrase.
        ("The Who played Leeds.", "The Who", True),
        ("Who is the best?", "The Who", False),
    ],
)
def test_holds_answer__table(text, gold, held):
    assert holds_answer(text, gold) is held


@pytest.mark.parametrize(
    ("gold", "requirements"),
    [
        ("Through open adoption", ((("open",),), (("adopt",),))),
        ("Due to high costs", ((("high",),), (("cost",),))),
        ("25%", ((("25",),), (("percent",),))),
        ("$1.2 billion", ((("1200000000",),),)),
        ("Semi-colon", ((("semicolon",), ("semi", "colon")),)),
        ("US", ((("us",),),)),
        ("May 5", ((("may",),), (("5",),))),
        ("The Who", ()),
    ],
)
def test_parse_gold__content_words_table(gold, requirements):
    assert parse_gold(gold).requirements == requirements


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("One. Two!\nThree", [(0, 4), (5, 9), (10, 15)]),
        ("Sen. Ann Lee of the U.S. spoke. Why?\nYes", [(0, 31), (32, 36), (37, 40)]),
        ("He said “go.” Then he left.", [(0, 13), (14, 27)]),
        ("e.g. this one. And more", [(0, 14), (15, 23)]),
        ("  Indented line.  \n\n  Next.  ", [(2, 16), (22, 27)]),
        ("", []),
    ],
)
def test_sentence_spans__table(text, spans):
    assert sentence_spans(text) == spans


def test_sentence_spans__a_long_sentence_is_cut_into_pieces_of_at_most_segment_chars():
    text = " ".join(["word"] * 300) + "."
    spans = sentence_spans(text)
    assert len(spans) > 1
    assert all(end - start <= SEGMENT_CHARS for start, end in spans)
    assert " ".join(text[start:end] for start, end in spans) == text


def test_answer_window__returns_the_span_of_the_sentence_holding_the_gold():
    article = "Hi. The tower came from Ship Bottom. Bye."
    start, end = answer_window(article, "Ship Bottom")
    assert article[start:end] == "The tower came from Ship Bottom."


def test_answer_window__a_sentence_and_its_neighbour_count_as_one_window():
    article = "Intro. The tower came from Ship. Bottom was its town. End."
    start, end = answer_window(article, "Ship Bottom")
    assert article[start:end] == "The tower came from Ship. Bottom was its town."


def test_answer_window__words_scattered_over_a_long_article_are_no_answer():
    filler = " ".join(["Nothing happened at the meeting."] * 40)
    article = f"The ship sailed. {filler} The bottom fell out."
    assert holds_answer(article, "Ship Bottom")
    assert answer_window(article, "Ship Bottom") is None


def test_answer_window__three_sentences_longer_than_the_window_are_no_window():
    first = "A ship " + "sailed far " * 20 + "away."
    last = "Later " + "it sank down " * 17 + "to the bottom."
    middle = "Then " + "more " * ((WINDOW_CHARS - len(first) - len(last)) // 5) + "words."
    assert all(len(part) <= SEGMENT_CHARS for part in (first, middle, last))
    assert len(f"{first} {middle} {last}") > WINDOW_CHARS
    assert answer_window(f"{first} {middle} {last}", "Ship Bottom") is None
    assert answer_window(f"{first} Then more. {last}", "Ship Bottom") is not None


def test_answer_window__the_ends_of_one_very_long_sentence_are_no_window():
    article = "The ship " + "and then " * 150 + "the bottom."
    assert answer_window(article, "Ship Bottom") is None


def test_answer_window__the_shortest_window_is_chosen():
    article = "The ship went on. Its bottom was red. Later: Ship Bottom, the town."
    start, end = answer_window(article, "Ship Bottom")
    assert article[start:end] == "Later: Ship Bottom, the town."


def test_answer_window__none_when_the_article_lacks_a_word():
    assert answer_window("The tower came from Cape May.", "Ship Bottom") is None
