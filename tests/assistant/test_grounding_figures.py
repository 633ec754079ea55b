"""Rule 3's figures: every figure a sentence states must equal, by value, one in what it cites."""

from __future__ import annotations

import pytest

from assistant.grounding import ground

EXCERPTS = {
    1: "The council approved 12,000 permits.",
    2: "Twelve people spoke at the meeting.",
    3: "The fund holds $3.5 billion, up 20% on last year.",
    4: "The vote was held on March 4.",
    5: "The city has 12 libraries.",
}
# The article's date is shown beside every excerpt.
HEADERS = dict.fromkeys(EXCERPTS, '"Council vote" (The Record, 2022-11-21)')


@pytest.mark.parametrize(
    "draft",
    [
        # Digits and number words are one figure by value.
        "The council approved twelve thousand permits [1].",
        "The council approved 12 thousand permits [1].",
        "12 people spoke at the meeting [2].",
        "Twelve people spoke at the meeting [2].",
        # A scale word multiplies; separators and decimals are part of the figure.
        "The fund holds $3,500 million [3].",
        "The fund holds 3.5 billion dollars, up twenty percent [3].",
        # A date: day and month from the excerpt, its year from the article's date.
        "The vote was held on March 4, 2022 [4].",
        "The vote was held on 4 March [4].",
        # The article's date as a whole, or its year.
        "The vote was held in November 2022 [4].",
        "The vote was held in 2022 [4].",
        # "one" alone is as often a pronoun as a figure.
        "No one at the meeting spoke against it, but twelve people spoke [2].",
    ],
)
def test_figures__held_by_value_keep_the_sentence(draft):
    grounded = ground(draft, EXCERPTS, headers=HEADERS)
    assert not grounded.dropped and len(grounded.claims) == 1


@pytest.mark.parametrize(
    ("draft", "missing"),
    [
        # The month and day of the article's date are not numbers of the article.
        ("The council approved 11 permits [1].", "11"),
        ("The city has 21 libraries [5].", "21"),
        # A day number belongs to its month.
        ("The vote was held on March 21 [4].", "March 21"),
        ("The vote was held on 21 March [4].", "21 March"),
        # Scale and number words change the value.
        ("The city has 12 million libraries [5].", "12 million"),
        ("Twelve million people spoke at the meeting [2].", "Twelve million"),
        ("Thirteen people spoke at the meeting [2].", "Thirteen"),
        ("The council approved three hundred permits [1].", "three hundred"),
        # A percentage is not a plain number.
        ("The fund rose by 20 points [3].", "20"),
        # A year the article does not hold.
        ("The vote was held on March 4, 2021 [4].", "March 4, 2021"),
    ],
)
def test_figures__not_held_drop_the_sentence(draft, missing):
    grounded = ground(draft, EXCERPTS, headers=HEADERS)
    assert grounded.abstains
    assert [d.reason for d in grounded.dropped] == [f"states figures no excerpt holds: {missing}"]
