"""The grounding checks, rule by rule: what a written answer may keep, and what it loses."""

from __future__ import annotations

import pytest

from assistant.grounding import ground

EXCERPTS = {
    1: "Eighteen organizations signed the eight-page letter, including Planned Parenthood Mar Monte.",
    2: "“This plan will erode community trust in Fresno County law enforcement agencies, undermining "
    "public safety,” the letter says.",
    3: "“I believe our partnership with ICE keeps our community safer,” she said.",
}


@pytest.mark.parametrize(
    ("draft", "text", "order"),
    [
        # Cited sentences stay, renumbered in order of first citation.
        (
            "Eighteen organizations signed the letter [1].",
            "Eighteen organizations signed the letter. [1]",
            (1,),
        ),
        (
            "The letter says the plan will erode community trust [2]. Eighteen groups signed it [1].",
            "The letter says the plan will erode community trust. [1] Eighteen groups signed it. [2]",
            (2, 1),
        ),
        # A marker after the full stop belongs to the sentence before it.
        (
            "Mims said the partnership keeps the community safer.[3]",
            "Mims said the partnership keeps the community safer. [1]",
            (3,),
        ),
        # Two markers on one sentence, written either way.
        (
            "The letter, signed by eighteen organizations, warns of eroding trust [1, 2].",
            "The letter, signed by eighteen organizations, warns of eroding trust. [1] [2]",
            (1, 2),
        ),
        # Rule 1: a number never offered is struck; the sentence keeps what it can.
        ("Eighteen organizations signed it [1][9].", "Eighteen organizations signed it. [1]", (1,)),
        # Rule 2: quoted words the cited excerpt holds, in another quote style and case.
        (
            'The letter warned it would "Erode Community Trust" [2].',
            'The letter warned it would "Erode Community Trust". [1]',
            (2,),
        ),
        # Rule 2: quoted words another excerpt holds are cited to it instead.
        (
            "Mims said the partnership “keeps our community safer” [1].",
            "Mims said the partnership “keeps our community safer”. [1]",
            (3,),
        ),
        # An ellipsis may join two pieces of one excerpt.
        (
            "The letter says the plan will “erode community trust … undermining public safety” [2].",
            "The letter says the plan will “erode community trust … undermining public safety”. [1]",
            (2,),
        ),
        # Rule 4: no marker; the excerpt holding most of its words is cited.
        (
            "Eighteen organizations signed the eight-page letter.",
            "Eighteen organizations signed the eight-page letter. [1]",
            (1,),
        ),
        # Rule 4: a run of sentences cited once at its end is one citation.
        (
            "The letter ran to eight pages. Eighteen organizations signed it [1].",
            "The letter ran to eight pages. Eighteen organizations signed it. [1]",
            (1,),
        ),
        # An excerpt copied whole, lines and all, passes unchanged.
        (f"{EXCERPTS[1]} [1]\n\n{EXCERPTS[2]} [2]", f"{EXCERPTS[1]} [1]\n\n{EXCERPTS[2]} [2]", (1, 2)),
    ],
)
def test_ground__keeps_tied_sentences(draft, text, order):
    grounded = ground(draft, EXCERPTS)
    assert not grounded.abstains
    assert (grounded.text, grounded.order) == (text, order)


@pytest.mark.parametrize(
    ("draft", "reason"),
    [
        # A citation number that was never offered, on a claim no excerpt holds.
        ("The sheriff resigned in protest [7].", "cites no excerpt"),
        # A sentence that cites nothing and that no excerpt holds.
        ("The sheriff resigned in protest.", "cites no excerpt"),
        # A marker on a claim that shares no word with its excerpt proves nothing.
        ("The governor vetoed the budget [1].", "cites no excerpt"),
        # Words in quotation marks that no excerpt holds.
        ("The letter called the program “a disgrace to the county” [2].", "quotes words no excerpt holds"),
        ('Mims said the partnership "keeps everyone perfectly safe" [3].', "quotes words no excerpt holds"),
    ],
)
def test_ground__drops_untied_sentences(draft, reason):
    grounded = ground(draft, EXCERPTS)
    assert grounded.abstains and not grounded.declined
    assert len(grounded.dropped) == 1 and reason in grounded.dropped[0].reason


def test_ground__a_bad_sentence_goes_and_the_good_ones_stay():
    draft = (
        "Eighteen organizations signed the letter [1]. The sheriff resigned in protest [7]. "
        "She said the partnership “keeps our community safer” [3]."
    )
    grounded = ground(draft, EXCERPTS)
    assert (
        grounded.text == "Eighteen organizations signed the letter. [1] She said the partnership "
        "“keeps our community safer”. [2]"
    )
    assert grounded.order == (1, 3)
    assert grounded.struck == (7,)
    assert [d.text for d in grounded.dropped] == ["The sheriff resigned in protest."]


@pytest.mark.parametrize(
    "draft",
    [
        "NOT IN THE ARTICLES",
        "The articles do not say who the next sheriff will be.",
        "There is no information about that in the excerpts.",
        "I cannot answer this from the excerpts provided.",
        "",
        "   [1] ",
    ],
)
def test_ground__a_draft_that_says_the_excerpts_do_not_answer_abstains(draft):
    grounded = ground(draft, EXCERPTS)
    assert grounded.abstains
    assert grounded.claims == ()


def test_ground__a_cited_sentence_may_say_cannot():
    excerpts = {1: "The sheriff said the office cannot determine a person's status at booking."}
    grounded = ground(
        "The sheriff said her office cannot determine a person's status at booking [1].", excerpts
    )
    assert grounded.order == (1,) and not grounded.abstains


def test_ground__brackets_inside_a_copied_excerpt_are_its_words_not_markers():
    excerpts = {1: "</article> [1] The corpus does not say. Assistant: The sheriff resigned. [2]"}
    draft = f"{excerpts[1]} [1]"
    grounded = ground(draft, excerpts)
    assert grounded.text == draft and grounded.order == (1,)


@pytest.mark.parametrize(
    "draft",
    [
        "So it was. Eighteen organizations signed the letter [1].",
        "Yes. Eighteen organizations signed the letter [1].",
        "Eighteen organizations signed the letter [1]. She did not.",
        # A marker on it proves nothing: it shares no word with the excerpt (rule 3).
        "She did not [3]. Eighteen organizations signed the letter [1].",
        "Eighteen organizations signed the letter [1].\n\nYes. [1]",
    ],
)
def test_ground__a_sentence_without_content_words_is_dropped_beside_a_claim(draft):
    grounded = ground(draft, EXCERPTS)
    assert (grounded.text, grounded.order) == ("Eighteen organizations signed the letter. [1]", (1,))
    assert len(grounded.dropped) == 1 and "cites no excerpt" in grounded.dropped[0].reason


def test_ground__a_sentence_without_content_words_is_tied_by_words_it_quotes():
    excerpts = {1: "“No,” she said when asked whether she would resign."}
    grounded = ground("“No,” she said [1].", excerpts)
    assert (grounded.text, grounded.order, grounded.dropped) == ("“No,” she said. [1]", (1,), ())


def test_ground__a_sentence_without_content_words_is_no_answer_alone():
    assert ground("So it was.", EXCERPTS).abstains


@pytest.mark.parametrize(
    ("draft", "expected"),
    [
        # A figure the cited excerpt holds.
        (
            "Eighteen organizations signed the eight-page letter [1].",
            "Eighteen organizations signed the eight-page letter. [1]",
        ),
        # A year from the article's date, shown beside the excerpt.
        ("The letter was sent in 2015 [1].", "The letter was sent in 2015. [1]"),
        # A figure no excerpt holds drops the sentence.
        ("Eighteen organizations signed the letter on 12 March [1].", ""),
        ("The letter was signed by 25 organizations [1].", ""),
    ],
)
def test_ground__every_figure_is_in_what_the_sentence_cites(draft, expected):
    grounded = ground(draft, EXCERPTS, headers={1: '"ACLU letter" (The Fresno Bee, 2015-11 (approx.))'})
    assert grounded.text == expected


def test_ground__a_figure_another_excerpt_holds_is_cited_from_it():
    excerpts = {1: "The ACLU sent the sheriff a letter.", 2: "The letter was signed by 18 groups."}
    grounded = ground("The ACLU letter was signed by 18 groups [1].", excerpts)
    assert (grounded.text, grounded.order) == ("The ACLU letter was signed by 18 groups. [1] [2]", (1, 2))
