"""What real news collections do to answers: furniture, copies of one story, and dates.

A small corpus written for this test, in the shape scraped news takes: a
byline, a dateline and a "Read more" line around the story; the same wire
story in two papers; and two stories on one subject a year apart.
Real model, real Chroma.
"""

from __future__ import annotations

from datetime import date

import pytest

from assistant import Assistant

pytestmark = pytest.mark.slow

WIRE = (
    "Crews closed Interstate 5 near Redding on Tuesday as the Ridge Fire spread north across 4,000 acres.\n\n"
    "The state transportation agency said the road would stay closed until the smoke cleared.\n"
)
ARTICLES = {
    "council-2024.md": (
        "---\ntitle: Council delays the library vote\noutlet: Valley Times\ndate: '2024-03-05'\n---\n"
        "By Ana Ruiz\n\n"
        "MERCED, Calif. (KMPH) – The city council voted 4 to 3 on Monday to delay the library expansion.\n\n"
        "Read more: Council members split over the budget\n\n"
        "The expansion would add a children's wing and a study hall, the librarian said.\n"
    ),
    "council-2025.md": (
        "---\ntitle: Council approves the library expansion\noutlet: Valley Times\ndate: '2025-03-04'\n---\n"
        "The city council voted 6 to 1 on Monday to approve the library expansion, ending a year of delay.\n\n"
        "Construction is to begin in the fall, the mayor said.\n"
    ),
    "wire-a.md": f"---\ntitle: Fire closes I-5\noutlet: North Star\ndate: '2025-08-12'\n---\n{WIRE}",
    "wire-b.md": f"---\ntitle: Ridge Fire shuts the interstate\noutlet: Shasta Daily\ndate: '2025-08-12'\n---\n{WIRE}"
    .replace("Tuesday", "Tuesday,"),
    "evacuations.md": (
        "---\ntitle: Evacuations ordered in Shasta County\noutlet: Shasta Daily\ndate: '2025-08-13'\n---\n"
        "Sheriff's deputies ordered 1,200 residents of Oak Run to leave their homes as the Ridge Fire crossed "
        "the river.\n"
    ),
}


@pytest.fixture(scope="module")
def bot(tmp_path_factory) -> Assistant:
    corpus = tmp_path_factory.mktemp("news") / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return Assistant.from_corpus(corpus, index_dir=corpus.parent / "index")


def test_byline_dateline_and_read_more_are_never_quoted(bot):
    for question in ("How did the council vote on the library expansion in 2024?", "Who wrote the library story?",
                     "What should readers read more about?"):
        for c in bot.ask(question, asked_on=date(2024, 3, 6)).citations:
            assert not c.quote.startswith(("By Ana", "MERCED", "Read more")), c.quote


def test_a_dateline_is_cut_from_the_quote_it_opens(bot):
    answer = bot.ask("How did the council vote on the library expansion in 2024?", asked_on=date(2024, 3, 6))
    assert answer.citations[0].quote.startswith("The city council voted 4 to 3"), answer.text


@pytest.mark.parametrize(
    ("asked_on", "vote"),
    [(date(2025, 3, 6), "6 to 1"), (date(2024, 3, 7), "4 to 3")],
)
def test_this_week__prefers_the_article_dated_in_it(bot, asked_on, vote):
    answer = bot.ask("How did the council vote on the library expansion this week?", asked_on=asked_on)
    assert vote in answer.citations[0].quote, answer.text


def test_copies_of_one_story_leave_room_for_other_evidence(bot):
    hits = bot.retrieve("What happened near Redding as the fire spread?", k=3, asked_on=date(2025, 8, 14))
    texts = [" ".join(bot.article(h.article_id).text[h.start : h.end].split()) for h in hits]
    assert len({t.replace(",", "") for t in texts}) == len(texts), texts  # no passage twice, from two papers
    assert "evacuations" in {h.article_id for h in hits}
