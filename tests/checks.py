"""What must hold of every written answer, whatever the model wrote."""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant import Answer, Article
from assistant.answers import ABSTAIN_TEXT
from assistant.grounding import ground

__all__ = ["assert_checked"]


def assert_checked(answer: Answer, articles: Mapping[str, Article]) -> None:
    """A written answer: quotes verbatim at their offsets, every marker a citation, and the text
    passes the grounding checks again unchanged (it is what survived them)."""
    if answer.abstained:
        assert answer.citations == () and answer.text == ABSTAIN_TEXT
        return
    for citation in answer.citations:
        assert articles[citation.article_id].text[citation.start : citation.end] == citation.quote
    assert {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)} == {c.number for c in answer.citations}
    quotes = {c.number: c.quote for c in answer.citations}
    headers = {c.number: f'"{c.title}" ({c.outlet}, {c.date_label})' for c in answer.citations}
    again = ground(answer.text, quotes, headers=headers)
    assert (again.text, again.order) == (answer.text, tuple(sorted(quotes))), "the answer does not pass its checks"
