"""What must hold of every written answer, whatever the model wrote."""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant import Answer, Article
from assistant.answers import ABSTAIN_TEXT
from assistant.attribution import voices
from assistant.furniture import quotable
from assistant.grounding import ground
from assistant.sentences import split_sentences

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
    speakers = {c.number: _voices(articles[c.article_id], c.start, c.end) for c in answer.citations}
    again = ground(answer.text, quotes, headers=headers, speakers=speakers)
    assert (again.text, again.order) == (answer.text, tuple(sorted(quotes))), "the answer does not pass its checks"


def _voices(article: Article, start: int, end: int) -> tuple[str, ...]:
    """Who speaks in the quote, read as the assistant reads its excerpts."""
    return voices(article.text, quotable(article.text, split_sentences(article.text)), start, end)
