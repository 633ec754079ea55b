"""Page furniture is never the quote: which lines are furniture, and where a quote may start."""

from __future__ import annotations

import pytest

from assistant.furniture import dateline_end, is_furniture, quotable
from assistant.sentences import split_sentences


@pytest.mark.parametrize(
    ("sentence", "rest"),
    [
        (" date 2022-02-09 FRESNO, Calif. (KSEE/KGPE) – A report released by the ACLU on Wednesday.",
         "A report released by the ACLU on Wednesday."),
        ("WASHINGTON (AP) — The Senate voted on Tuesday to pass it.", "The Senate voted on Tuesday to pass it."),
        ("CNN — President Trump said on Monday he would.", "President Trump said on Monday he would."),
        ("New York CNN Business — Shares fell sharply on Friday.", "Shares fell sharply on Friday."),
        ("Fresno, Calif. – The sheriff said she would not.", "The sheriff said she would not."),
        ("LOS ANGELES -- Fire crews battled the blaze.", "Fire crews battled the blaze."),
        ("Published 3:14 p.m. ET Jan. 3, 2025 The mayor said so.", "The mayor said so."),
        ("Updated: Jan. 3, 2025 The mayor said it.", "The mayor said it."),
        # Dashes inside a sentence are the story's own words.
        ("The ACLU — Fresno's chapter — said it would sue.", "The ACLU — Fresno's chapter — said it would sue."),
        ("ICE agents – two of them – work in the jail.", "ICE agents – two of them – work in the jail."),
        ("Sheriff Mims – who took office in 2007 – said no.", "Sheriff Mims – who took office in 2007 – said no."),
        ("Earlier today the sheriff said so.", "Earlier today the sheriff said so."),
    ],
)
def test_dateline_end__cuts_datelines_and_metadata_only(sentence, rest):
    assert sentence[dateline_end(sentence) :] == rest


def test_dateline_end__not_in_the_middle_of_a_paragraph():
    assert dateline_end("WASHINGTON (AP) — The Senate voted.", at_line_start=False) == 0


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Sheriff answers critics",
        "READ MORE:",
        "Related: County budget passes",
        "Need a break? Play the USA TODAY Daily Crossword Puzzle.",
        "Sign up for our newsletter to get the latest news of the day.",
        "Share this story on Facebook",
        "Advertisement",
        "Contact Meredith Newman at (302) 324-2386 or at mnewman@delawareonline.com.",
        "Eric Lagatta covers breaking news for USA TODAY. Reach him at elagatta@gannett.com",
        "Firefighters battle the blaze on Tuesday. (AP Photo/Noah Berger)",
        "Photo by Jane Doe | Getty Images",
        "By Jane Doe and John Roe, CNN",
        "Contributing: Reuters",
        "This story has been updated with new information.",
        "Copyright 2025 The Associated Press. All rights reserved.",
        "Arizona",
        "FINAL THOUGHTS",
        "— Dan Wolken",
    ],
)
def test_is_furniture__page_furniture(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "sentence",
    [
        "The sheriff answered the critics on Tuesday.",
        "By the end of the year, prices rose by a third.",
        "Eighteen organizations signed the eight-page letter.",
        "Trans Queer Liberation Movement. They asked Mims to respond by Dec. 1.",
        "“We will sue,” she said.",
        "Grassroots Organizations Denounce Fresno County Sheriff Department's Troubling New ICE Program",
    ],
)
def test_is_furniture__the_story_itself_is_not(sentence):
    assert not is_furniture(sentence)


def test_quotable__leaves_out_furniture_and_cuts_the_dateline_keeping_offsets():
    text = (
        "By Ana Ruiz\n\nFRESNO, Calif. (KSEE) – The county signed the contract on Monday.\n\n"
        "Read more: Sheriff answers critics\n\nThe vote was 4 to 1, the clerk said.\n"
    )
    spans = quotable(text, split_sentences(text))
    assert [text[s.start : s.end] for s in spans] == [
        "The county signed the contract on Monday.",
        "The vote was 4 to 1, the clerk said.",
    ]
