"""The HTML the page shows: escaped text, clickable markers, the highlighted quote."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from index.pace import Pace
from webui.render import (
    conversation_html,
    corpus_html,
    date_label,
    page_label,
    reader_html,
    removal_question_html,
    upload_progress_html,
    upload_report_html,
)

ANSWER = {
    "question": "How many signed?",
    "text": "Eighteen organizations signed the letter. [1]",
    "abstained": False,
    "confidence": 0.91,
    "citations": [
        {
            "number": 1,
            "article_id": "letter",
            "title": "Letter <b>urges</b> end",
            "outlet": "The Bee & Co",
            "date": "2015-11",
            "date_approximate": True,
            "quote": "Eighteen organizations signed the letter.",
            "start": 4,
            "end": 45,
        }
    ],
}
ABSTENTION = {
    "question": "What is the capital of France?",
    "text": "The corpus does not say.",
    "abstained": True,
    "confidence": 0.01,
    "citations": [],
}


@dataclass(frozen=True)
class FakeArticle:
    id: str
    title: str
    outlet: str
    date_label: str
    text: str


@pytest.mark.parametrize(
    "hostile, shown",
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ('"><svg onload=alert(1)>', "&quot;&gt;&lt;svg onload=alert(1)&gt;"),
        ("&lt;already escaped&gt;", "&amp;lt;already escaped&amp;gt;"),
    ],
)
def test_conversation__question_is_escaped(hostile, shown):
    html = conversation_html([{**ABSTENTION, "question": hostile}])

    assert f'<div class="qa-question"><p>{shown}</p></div>' in html
    assert hostile not in html


def test_conversation__markers_become_buttons_only_for_cited_numbers():
    turn = {**ANSWER, "text": "Signed. [1] Not a citation: [7]"}

    html = conversation_html([turn])

    assert html.count('class="qa-marker"') == 1
    assert 'data-number="1"' in html
    assert "[7]" in html


def test_conversation__source_shows_title_outlet_date_and_quote_escaped():
    html = conversation_html([ANSWER])

    assert "Letter &lt;b&gt;urges&lt;/b&gt; end" in html
    assert "The Bee &amp; Co" in html
    assert "2015-11 (approx.)" in html
    assert "Eighteen organizations signed the letter." in html


def test_conversation__abstention_is_labelled_with_words_not_a_number():
    html = conversation_html([ABSTENTION])

    assert "qa-answer--abstained" in html
    assert "Not in the articles" in html
    assert "qa-source" not in html
    assert "%" not in html and "qa-confidence" not in html
    assert "The articles may still say" in html  # its confidence, 0.01, says the abstention may be wrong


@pytest.mark.parametrize(
    ("confidence", "words"),
    [
        (0.91, "Likely right"),
        (0.75, "Likely right"),
        (0.6, "Uncertain: check the sources"),
        (0.2, "Unlikely to be right: read the sources before relying on it"),
    ],
)
def test_conversation__answer_says_how_likely_it_is_right_in_words(confidence, words):
    html = conversation_html([{**ANSWER, "confidence": confidence}])
    assert words in html and "%" not in html.split("qa-confidence")[1][:200]


def test_conversation__a_likely_abstention_says_so():
    assert "The articles very likely do not say." in conversation_html([{**ABSTENTION, "confidence": 0.9}])


def test_conversation__empty_shows_examples_escaped():
    html = conversation_html([], examples=['Who said "<b>no</b>"?'])

    assert 'data-example="Who said &quot;&lt;b&gt;no&lt;/b&gt;&quot;?"' in html
    assert "<b>" not in html


def test_reader__marks_exactly_the_quoted_span_and_escapes_the_rest():
    article = FakeArticle("letter", "T", "O", "2015", "Hi. <Eighteen> signed. Bye <b>.")
    start = article.text.index("<Eighteen>")
    end = article.text.index(" Bye")

    html = reader_html(article, start=start, end=end, number=1)

    assert '<mark class="qa-cited" id="qa-cited">&lt;Eighteen&gt; signed.</mark>' in html
    assert "Bye &lt;b&gt;." in html
    assert "Source [1]" in html


@pytest.mark.parametrize("start, end", [(None, None), (5, 2), (-1, 3), (0, 10_000)])
def test_reader__offsets_outside_the_text_show_the_article_unmarked(start, end):
    article = FakeArticle("a", "T", "O", "2015", "Some text.")

    assert "<mark" not in reader_html(article, start=start, end=end)


def test_corpus__lists_every_article_with_metadata_and_full_text():
    articles = [
        FakeArticle("one", "First <i>", "Outlet A", "2014", "Body one."),
        FakeArticle("two", "Second", "Outlet B", "undated", "Body two has more words."),
    ]

    html = corpus_html(articles)

    assert html.count("<details") == 2
    assert "First &lt;i&gt;" in html
    assert "Outlet B · undated · 5 words" in html
    assert "Body two has more words." in html


@pytest.mark.parametrize(
    "date, approximate, label",
    [("2015-11", True, "2015-11 (approx.)"), ("2019", False, "2019"), (None, True, "undated")],
)
def test_date_label(date, approximate, label):
    assert date_label(date, approximate) == label


HOSTILE = "<img src=x onerror=alert(1)>"


def test_upload_report__lists_added_titles_and_refusal_reasons_escaped():
    report = {
        "added": [{"name": f"{HOSTILE}.html", "article_id": "a", "title": f"Title {HOSTILE}"}],
        "refused": [{"name": "x.pdf", "reason": f"by its first bytes it is {HOSTILE}"}],
    }

    html = upload_report_html(report)

    assert "<img" not in html
    assert "1 article added, 1 file not added." in html
    assert '<span class="qa-upload-title">Title &lt;img src=x onerror=alert(1)&gt;</span>' in html
    assert '<span class="qa-upload-reason">by its first bytes it is &lt;img src=x onerror=alert(1)&gt;</span>' in html
    assert 'data-name="x.pdf"' in html


@pytest.mark.parametrize(
    "report, summary",
    [
        ({"added": [{"name": "a.txt", "article_id": "a", "title": "A"}]}, "1 article added: you can ask about it now."),
        ({"refused": [{"name": "a.txt", "reason": "r"}]}, "Nothing was added; the corpus is unchanged."),
        ({}, "Choose one or more files first."),
    ],
)
def test_upload_report__summary_says_what_changed(report, summary):
    assert f'<p class="qa-upload-summary">{summary}</p>' in upload_report_html(report)


@pytest.mark.parametrize(
    "stage, done, total, text",
    [
        ("checking", 0, 3, "Checking the files: 1 of 3…"),
        ("checking", 3, 3, "Files checked…"),
        ("indexing", 1, 2, "Indexing the new articles: 1 of 2…"),
        ("removing", 0, 1, "Removing the article and updating the index…"),
    ],
)
def test_upload_progress__one_status_line(stage, done, total, text):
    assert f'aria-busy="true">{text}</p>' in upload_progress_html(stage, done, total)


@pytest.mark.parametrize(
    "pace, text",
    [
        (Pace(0, 40, 0.0), "Indexing the new articles: 0 of 40 articles…"),
        (Pace(10, 40, 4.0), "Indexing the new articles: 10 of 40 articles, 2.5 articles/s, about 12 s left…"),
    ],
)
def test_upload_progress__indexing_tells_the_rate_and_time_left(pace, text):
    html = upload_progress_html("indexing", pace.done, pace.total, pace=pace)
    assert f'aria-busy="true">{text}</p>' in html


def test_removal_question__names_the_article_escaped():
    html = removal_question_html(FakeArticle("a", f"T {HOSTILE}", "O", "2015", "x"), path=f"{HOSTILE}.txt")

    assert "<img" not in html and "Remove <strong>T &lt;img" in html


def test_source_card__shows_the_pdf_page_of_the_quote():
    citation = {**ANSWER["citations"][0], "page": 2}

    html = conversation_html([{**ANSWER, "citations": [citation]}])

    assert '· <span class="qa-page">p. 2</span></p>' in html


def test_source_card__no_page_for_other_articles():
    assert "qa-page" not in conversation_html([ANSWER])


def test_reader__names_the_page_of_a_pdf_quote():
    article = FakeArticle("plan", "T", "O", "2015", "Page one.\n\nPage two.")

    html = reader_html(article, start=11, end=20, number=1, page=2)

    assert '<p class="qa-kicker">Source [1] · p. 2</p>' in html


@pytest.mark.parametrize("page, label", [(3, "p. 3"), (None, ""), (0, ""), ("x", "")])
def test_page_label(page, label):
    assert page_label(page) == label
