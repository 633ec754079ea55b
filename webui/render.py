"""Render: the HTML the web app shows, built from plain values.

Every function here returns a string of HTML for a `gr.HTML` component. All text
that comes from the corpus or from the user goes through `html.escape` before it
is placed in the markup, so a question or an article that contains `<script>`
or any other tag is shown as text.

What this module does not do: it never calls the assistant, reads files or
touches Gradio. Answers arrive as the dictionaries `Answer.to_dict()` returns;
articles as objects with `id`, `title`, `outlet`, `date_label` and `text`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any, Protocol

from assistant.confidence import in_words
from index.pace import Pace

__all__ = [
    "ArticleLike",
    "conversation_html",
    "reader_html",
    "reader_placeholder_html",
    "corpus_html",
    "header_html",
    "date_label",
    "upload_progress_html",
    "upload_report_html",
    "removal_question_html",
    "removal_done_html",
    "page_label",
]

MARKER = re.compile(r"\[(\d+)\]")
"""A citation marker in the answer text. Example: 'Eighteen ... letter.[1]' -> '1'."""

READER_HINT = "Choose a source to read the whole article here, with the quoted passage highlighted."


class ArticleLike(Protocol):
    id: str
    title: str
    outlet: str
    date_label: str
    text: str


def page_label(page: object) -> str:
    """Where in a PDF a quote is. Example: 2 -> 'p. 2'; None (not a PDF) -> ''."""
    try:
        number = int(page)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return ""
    return f"p. {number}" if number > 0 else ""


def date_label(date: str | None, approximate: bool) -> str:
    """How a date reads on the page. Example: ('2015-11', True) -> '2015-11 (approx.)'."""
    if not date:
        return "undated"
    return f"{date} (approx.)" if approximate else date


def header_html(article_count: int, *, written: bool = False) -> str:
    """The page title and a one-line promise of what the answers are (`written`: by a language model)."""
    how = (
        f"Answers written from {article_count} news articles, every sentence tied to a quote checked word "
        "for word against its source."
        if written
        else f"Answers quoted word for word from {article_count} news articles, each quote linked to "
        "its source."
    )
    return (
        '<header class="qa-header">'
        "<h1>News Q&amp;A</h1>"
        f"<p>{how} When the articles do not say, the assistant says so instead of guessing.</p>"
        "</header>"
    )


def conversation_html(
    turns: Sequence[Mapping[str, Any]],
    *,
    examples: Sequence[str] = (),
    notice: str | None = None,
    draft: tuple[str, str] | None = None,
) -> str:
    """The whole conversation, oldest turn first, or the welcome with examples.

    `notice` is an optional one-line message (for instance why a question could
    not be asked) shown under the last turn; it is escaped like everything else.
    `draft` is (question, text so far) of an answer still being written: shown
    as provisional, without sources, until the checked answer replaces it.
    """
    parts: list[str] = []
    if not turns and draft is None:
        parts.append(_welcome_html(examples))
    for index, turn in enumerate(turns):
        parts.append(_turn_html(turn, index))
    if draft is not None:
        parts.append(_draft_html(*draft, index=len(turns)))
    if notice:
        parts.append(f'<p class="qa-notice" role="status">{escape(notice)}</p>')
    return f'<div class="qa-conversation">{"".join(parts)}</div>'


def reader_placeholder_html() -> str:
    """What the reader pane shows before a source is chosen."""
    return f'<div class="qa-reader qa-reader--empty"><p class="qa-muted">{escape(READER_HINT)}</p></div>'


def reader_html(
    article: ArticleLike,
    *,
    start: int | None = None,
    end: int | None = None,
    number: int | None = None,
    page: int | None = None,
) -> str:
    """One article in full, with text[start:end] wrapped in <mark>.

    Example: text 'A b c.', start=2, end=3 -> 'A <mark ...>b</mark> c.'
    The text keeps its line breaks (the stylesheet uses white-space: pre-wrap),
    so the mark holds exactly the quoted characters. `page` (a PDF's page the
    quote is on) is shown beside the source number.
    """
    text = article.text
    if start is not None and end is not None and 0 <= start < end <= len(text):
        body = (
            escape(text[:start])
            + '<mark class="qa-cited" id="qa-cited">'
            + escape(text[start:end])
            + "</mark>"
            + escape(text[end:])
        )
    else:
        body = escape(text)
    kicker = f"Source [{number}]" if number is not None else "Article"
    if page_label(page):
        kicker = f"{kicker} · {page_label(page)}"
    return (
        f'<article class="qa-reader" data-article-id="{escape(article.id)}">'
        f'<p class="qa-kicker">{escape(kicker)}</p>'
        f'<h2 class="qa-reader-title">{escape(article.title)}</h2>'
        f'<p class="qa-byline">{_byline(article.outlet, article.date_label)}</p>'
        f'<div class="qa-article-text">{body}</div>'
        '<button type="button" class="qa-back" data-back="true">Back to the conversation</button>'
        "</article>"
    )


def corpus_html(articles: Sequence[ArticleLike]) -> str:
    """Every article: its metadata as a summary line, the full text on opening."""
    items = []
    for article in articles:
        words = len(article.text.split())
        items.append(
            f'<details class="qa-corpus-item" data-article-id="{escape(article.id)}">'
            "<summary>"
            f'<span class="qa-corpus-title">{escape(article.title)}</span>'
            f'<span class="qa-byline">{_byline(article.outlet, article.date_label)}'
            f" · {words:,} words</span>"
            "</summary>"
            f'<div class="qa-article-text">{escape(article.text)}</div>'
            "</details>"
        )
    count = len(articles)
    noun = "article" if count == 1 else "articles"
    return (
        '<section class="qa-corpus">'
        f'<p class="qa-muted">{count} {noun} in the corpus. Open one to read it in full.</p>'
        f"{''.join(items)}"
        "</section>"
    )


def _welcome_html(examples: Sequence[str]) -> str:
    buttons = "".join(
        f'<li><button type="button" class="qa-example" data-example="{escape(q)}">{escape(q)}</button></li>'
        for q in examples
    )
    listing = (
        f'<p class="qa-muted">Try one of these, or type your own below:</p>'
        f'<ul class="qa-examples">{buttons}</ul>'
        if examples
        else ""
    )
    return (
        '<div class="qa-welcome">'
        "<p>Ask a question about the articles. Follow-up questions can refer to "
        "earlier answers.</p>"
        f"{listing}</div>"
    )


def _turn_html(turn: Mapping[str, Any], index: int) -> str:
    question = escape(str(turn.get("question", "")))
    return (
        f'<section class="qa-turn" data-turn="{index}">'
        f'<div class="qa-question"><p>{question}</p></div>'
        f"{_answer_html(turn, index)}"
        "</section>"
    )


def _draft_html(question: str, text: str, *, index: int) -> str:
    return (
        f'<section class="qa-turn qa-turn--draft" data-turn="{index}" aria-busy="true">'
        f'<div class="qa-question"><p>{escape(question)}</p></div>'
        '<div class="qa-answer qa-answer--draft">'
        '<p class="qa-label">Writing… each sentence is checked against its source before it is shown</p>'
        f'<p class="qa-answer-text">{escape(text)}</p>'
        "</div></section>"
    )


def _notice_html(turn: Mapping[str, Any]) -> str:
    notice = turn.get("notice")
    return f'<p class="qa-answer-notice" role="note">{escape(str(notice))}</p>' if notice else ""


def _reader_html(turn: Mapping[str, Any]) -> str:
    if turn.get("reader") != "llm":
        return ""
    return (
        '<p class="qa-written-by">Written by a language model; every sentence cites the quote '
        "it rests on, checked word for word.</p>"
    )


def _answer_html(turn: Mapping[str, Any], index: int) -> str:
    if turn.get("abstained"):
        # Words, not a number: "likely" or "may still say" is what a reader can act on.
        hint = in_words(turn.get("confidence"), abstained=True)
        return (
            '<div class="qa-answer qa-answer--abstained" data-abstained="true">'
            '<p class="qa-label">Not in the articles</p>'
            f'<p class="qa-answer-text">{escape(str(turn.get("text", "")))}</p>'
            f'{f"<p class=qa-abstain-hint>{escape(hint)}</p>" if hint else ""}'
            f"{_notice_html(turn)}</div>"
        )
    confidence = _confidence_html(turn.get("confidence"))
    citations = list(turn.get("citations") or ())
    numbers = {int(c["number"]) for c in citations}
    sources = "".join(_source_html(c, index) for c in citations)
    return (
        f'<div class="qa-answer" data-abstained="false" data-reader="{escape(str(turn.get("reader", "")))}">'
        f"{_notice_html(turn)}"
        f'<p class="qa-answer-text">{_marked_text(str(turn.get("text", "")), numbers, index)}</p>'
        f"{_reader_html(turn)}"
        f'<div class="qa-sources"><p class="qa-label">Sources</p><ol>{sources}</ol></div>'
        f"{confidence}</div>"
    )


def _marked_text(text: str, numbers: set[int], turn: int) -> str:
    """Escape the answer, then turn each known marker into a button.

    Example: 'Eighteen signed.[1]' -> 'Eighteen signed.<button ...>[1]</button>'
    Escaping first is safe here: html.escape leaves '[', ']' and digits alone.
    """

    def button(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if number not in numbers:
            return match.group(0)
        return (
            f'<button type="button" class="qa-marker" data-cite="true" data-turn="{turn}" '
            f'data-number="{number}" aria-label="Show source {number}">[{number}]</button>'
        )

    return MARKER.sub(button, escape(text))


def _source_html(citation: Mapping[str, Any], turn: int) -> str:
    number = int(citation["number"])
    when = date_label(citation.get("date"), bool(citation.get("date_approximate")))
    return (
        f'<li class="qa-source" data-cite="true" data-turn="{turn}" data-number="{number}" '
        f'role="button" tabindex="0" aria-label="Read source {number} in full">'
        f'<span class="qa-source-number">{number}</span>'
        '<div class="qa-source-body">'
        f'<p class="qa-source-title">{escape(str(citation.get("title", "")))}</p>'
        f'<p class="qa-byline">{_byline(str(citation.get("outlet", "")), when)}{_page_html(citation)}</p>'
        f'<blockquote class="qa-quote">{escape(str(citation.get("quote", "")))}</blockquote>'
        "</div></li>"
    )


def _page_html(citation: Mapping[str, Any]) -> str:
    label = page_label(citation.get("page"))
    return f' · <span class="qa-page">{label}</span>' if label else ""


def _byline(outlet: str, when: str) -> str:
    return f"{escape(outlet)} · {escape(when)}"


def _confidence_html(value: object) -> str:
    words = in_words(value)
    if not words:
        return ""
    return (
        '<p class="qa-confidence" title="How often answers like this one were right on questions '
        f'set aside for checking">{escape(words)}</p>'
    )


# -- adding and removing articles ---------------------------------------------------------------


def upload_progress_html(stage: str, done: int, total: int, *, pace: Pace | None = None) -> str:
    """One status line while an upload is checked and indexed; `pace` adds the rate and time left.

    Example: ('indexing', 1, 2) -> '<p class="qa-upload-status" ...>Indexing the new articles: 1 of 2…</p>'
    """
    if stage == "checking":
        text = f"Checking the files: {min(done + 1, total)} of {total}…" if done < total else "Files checked…"
    elif stage == "indexing" and pace is not None and total:
        text = f"Indexing the new articles: {pace.describe()}…"
    elif stage == "indexing":
        text = f"Indexing the new articles: {done} of {total}…" if total else "Updating the index…"
    elif stage == "removing":
        text = "Removing the article and updating the index…"
    else:
        text = "Working…"
    return f'<p class="qa-upload-status" role="status" aria-busy="true">{escape(text)}</p>'


def upload_report_html(report: Mapping[str, Any], *, notice: str | None = None) -> str:
    """What an upload did: each added file with its title, each refused one with its reason.

    `report` is `AddReport.to_dict()`. Names, titles and reasons are escaped: a file's name is
    the uploader's to choose, and a title comes from inside the file.
    """
    added = list(report.get("added") or ())
    refused = list(report.get("refused") or ())
    items = [
        f'<li class="qa-upload-added" data-article-id="{escape(str(a.get("article_id", "")))}">'
        '<span class="qa-upload-verdict">Added</span>'
        f'<span class="qa-upload-title">{escape(str(a.get("title", "")))}</span>'
        f'<span class="qa-upload-name">{escape(str(a.get("name", "")))}</span></li>'
        for a in added
    ]
    items += [
        f'<li class="qa-upload-refused" data-name="{escape(str(r.get("name", "")))}">'
        '<span class="qa-upload-verdict">Not added</span>'
        f'<span class="qa-upload-name">{escape(str(r.get("name", "")))}</span>'
        f'<span class="qa-upload-reason">{escape(str(r.get("reason", "")))}</span></li>'
        for r in refused
    ]
    if added and refused:
        summary = f"{_count(len(added), 'article')} added, {_count(len(refused), 'file')} not added."
    elif added:
        them = "it" if len(added) == 1 else "them"
        summary = f"{_count(len(added), 'article')} added: you can ask about {them} now."
    elif refused:
        summary = "Nothing was added; the corpus is unchanged."
    else:
        summary = "Choose one or more files first."
    parts = [f'<p class="qa-upload-summary">{escape(summary)}</p>']
    if notice:
        parts.append(f'<p class="qa-notice" role="alert">{escape(notice)}</p>')
    if items:
        parts.append(f'<ul class="qa-upload-list">{"".join(items)}</ul>')
    return f'<div class="qa-upload-report" role="status">{"".join(parts)}</div>'


def removal_question_html(article: ArticleLike, *, path: str = "") -> str:
    """The confirmation asked before an article is removed."""
    where = f" (<code>{escape(path)}</code>)" if path else ""
    return (
        '<p class="qa-remove-question" role="alert">'
        f"Remove <strong>{escape(article.title)}</strong>{where} from the corpus? Its file is "
        "deleted from the corpus folder and it is no longer quoted.</p>"
    )


def removal_done_html(title: str, *, notice: str | None = None) -> str:
    """The line shown once an article was removed, or why it was not (`notice`)."""
    if notice:
        return f'<p class="qa-notice" role="alert">{escape(notice)}</p>'
    return f'<p class="qa-upload-summary" role="status">Removed {escape(title)} from the corpus.</p>'


def _count(n: int, noun: str) -> str:
    """Example: (1, 'file') -> '1 file'; (3, 'file') -> '3 files'"""
    return f"{n} {noun}{'' if n == 1 else 's'}"
