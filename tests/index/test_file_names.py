"""File names: which names a new article file may take, and how any name is printed."""

from __future__ import annotations

import pytest

from index.file_names import check_name, shown_name


@pytest.mark.parametrize(
    "name",
    ["story.txt", "Story 2024.md", "Café report.html", "page.HTM", "scan.pdf", "x..md", "a" * 117 + ".md"],
)
def test_check_name__accepts_plain_article_names(name):
    assert check_name(name) is None


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("story.txt", "story.txt"),
        ("x\x1b[2J.md", "x\\x1b[2J.md"),
        ("invoice\u202etxt.exe", "invoice\\u202etxt.exe"),
    ],
)
def test_shown_name__escapes_control_and_format_characters(name, shown):
    assert shown_name(name) == shown
