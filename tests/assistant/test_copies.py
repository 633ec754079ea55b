"""Copies of one story from several outlets take one place among the evidence."""

from __future__ import annotations

from assistant.copies import distinct

WIRE = "Fire crews closed Interstate 5 near Redding on Tuesday as the blaze spread north."


def test_distinct__keeps_the_first_of_near_copies_from_other_sources():
    items = [("a", WIRE), ("b", WIRE.replace("Tuesday", "Tuesday,")), ("c", "Crews reopened the road after two days of work.")]
    assert [s for s, _ in distinct(items, lambda i: i[1], key=lambda i: i[0])] == ["a", "c"]


def test_distinct__two_accounts_of_one_event_are_not_copies():
    other = "A wildfire forced officials to shut the freeway near Redding, the state said."
    items = [("a", WIRE), ("b", other)]
    assert len(distinct(items, lambda i: i[1], key=lambda i: i[0])) == 2


def test_distinct__passages_of_the_same_article_and_short_lines_stay():
    items = [("a", WIRE), ("a", WIRE), ("b", "Read more"), ("c", "Read more")]
    assert len(distinct(items, lambda i: i[1], key=lambda i: i[0])) == 4
