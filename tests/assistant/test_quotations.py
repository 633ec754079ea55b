"""Quotations: an excerpt holds the quoted words as whole words in order, ellipses aside."""

from __future__ import annotations

import pytest

import assistant.quotations
from assistant.quotations import holds


def test_quotations__exports_what_grounding_uses():
    assert assistant.quotations.__all__ == ["holds"]


@pytest.mark.parametrize(
    ("excerpt", "quoted", "expected"),
    [
        ("We will not back down. We will keep fighting", "we will … fighting", True),
        ("We will not back down. We will keep fighting", "we will... fighting", True),
        # The pieces around an ellipsis come in the quotation's order.
        ("We will not back down. We will keep fighting", "fighting … back down", False),
        ("in urban areas", "ban", False),
        ("The fund holds 3.5 billion", "3", False),
        ("“Erode  Community’s ‘3.5’”", "erode community's 3.5", True),
        ("We can’t stay", "can't stay", True),
    ],
)
def test_holds__whole_words_in_order(excerpt, quoted, expected):
    assert holds(excerpt, quoted) is expected
