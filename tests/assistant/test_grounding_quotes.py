"""Rule 2 of the grounding checks: words in quotation marks must be words a cited excerpt holds."""

from __future__ import annotations

import pytest

from assistant.grounding import ground

EXCERPTS = {
    1: "The council voted to restrict fireworks in urban areas.",
    2: "“We will not back down. We will keep fighting,” Mims said. “Nobody’s going to silence us.”",
    3: "Mims’ statement said the board “can’t ignore the voters” any longer.",
    4: "“She told me ‘never again,’ and meant it,” Ruiz said.",
}


@pytest.mark.parametrize(
    ("draft", "text", "order"),
    [
        # A quotation running over two sentences, all of it in the excerpt.
        (
            "Mims said “We will not back down. We will keep fighting” [2].",
            "Mims said “We will not back down. We will keep fighting”. [1]",
            (2,),
        ),
        # Pieces an ellipsis joins, in the excerpt's order.
        (
            "Mims said “We will not back down … Nobody’s going to silence us” [2].",
            "Mims said “We will not back down … Nobody’s going to silence us”. [1]",
            (2,),
        ),
        # Single curly quotation marks, with an apostrophe inside.
        (
            "The board ‘can’t ignore the voters,’ Mims’ statement said [3].",
            "The board ‘can’t ignore the voters,’ Mims’ statement said. [1]",
            (3,),
        ),
        # Apostrophes, curly or straight, open no quotation.
        (
            "Mims’ statement said the board can't ignore the voters’ wishes [3].",
            "Mims’ statement said the board can't ignore the voters’ wishes. [1]",
            (3,),
        ),
        # A straight apostrophe in the draft matches a curly one in the excerpt.
        (
            'Mims said "nobody\'s going to silence us" [2].',
            'Mims said "nobody\'s going to silence us". [1]',
            (2,),
        ),
        # Quotation marks nested the other way round from the excerpt's.
        (
            "Ruiz said ‘she told me “never again,” and meant it’ [4].",
            "Ruiz said ‘she told me “never again,” and meant it’. [1]",
            (4,),
        ),
    ],
)
def test_quotation__held_by_the_cited_excerpt_is_kept(draft, text, order):
    grounded = ground(draft, EXCERPTS)
    assert (grounded.text, grounded.order, grounded.dropped) == (text, order, ())


@pytest.mark.parametrize(
    "draft",
    [
        # The quotation spans a sentence boundary; its second sentence is not in the excerpt.
        "Mims said “We will not back down. We will win,” at the meeting [2].",
        # "ban" is inside "urban", not a word of the excerpt.
        "The council voted for a fireworks “ban” in urban areas [1].",
        # Single curly quotation marks are quotation marks too.
        "Mims said they would ‘keep winning’ [2].",
        # Both pieces are in the excerpt, but not in this order.
        "Mims said “We will keep fighting … We will not back down” [2].",
        # One piece of an ellipsis is not in the excerpt.
        "Mims said “We will not back down … whatever it costs” [2].",
    ],
)
def test_quotation__not_held_word_for_word_drops_its_sentences(draft):
    grounded = ground(draft, EXCERPTS)
    assert grounded.abstains and not grounded.declined
    assert grounded.dropped and all("quotes words no excerpt holds" in d.reason for d in grounded.dropped)


def test_quotation__over_two_sentences_drops_both_when_unheld():
    grounded = ground(
        "The council voted to restrict fireworks in urban areas [1]. Mims said “We will not back down. "
        "We will win.” [2]",
        EXCERPTS,
    )
    assert grounded.text == "The council voted to restrict fireworks in urban areas. [1]"
    assert [d.text for d in grounded.dropped] == ["Mims said “We will not back down.", "We will win.”"]


def test_quotation__is_cited_to_the_excerpt_the_sentence_marks_when_several_hold_it():
    excerpts = {
        1: "No budget was passed this year.",
        2: "“No,” she said when asked whether the budget passed.",
    }
    grounded = ground("“No,” she said [2].", excerpts)
    assert (grounded.text, grounded.order) == ("“No,” she said. [1]", (2,))


def test_quotation__inside_a_copied_excerpt_is_the_excerpts_own():
    # The excerpt opens a quotation it never closes (a quote running on to the next paragraph).
    excerpts = {
        1: "“We will keep going, the mayor said.",
        2: "The mayor said the plan was “dead on arrival.”",
    }
    draft = f"{excerpts[1]} [1] The mayor called the plan “dead on arrival” [2]."
    grounded = ground(draft, excerpts)
    assert grounded.order == (1, 2) and not grounded.dropped
