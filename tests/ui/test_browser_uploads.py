"""Adding and removing articles in a real browser: uploaded pages and PDFs answered and cited at once,
refused files told why, and text from a file never run or rendered as HTML.

These tests share one app over a copy of the corpus (`uploads_app`), so each
uses files of its own and counts articles relative to what it found.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from tests.index.pdf_files import TRANSIT, write_pdf
from tests.index.test_uploads import ELF, SAVED_PAGE, SCRIPT_ONLY_PAGE, SECURITY_NOTE
from tests.ui.articles_page import ArticlesPage, file_payload
from tests.ui.chat_page import ChatPage

pytestmark = [pytest.mark.slow, pytest.mark.browser]

LAPTOP = {"width": 1366, "height": 800}
MB = 1024 * 1024
PELL_QUESTION = "Who voted against the transit plan?"
BRIDGE_QUESTION = "How much will the Willow Creek bridge repairs cost?"
ATTACK_QUESTION = "What did the attackers type into the comment box of the city's website?"
# The saved page's scripts and handlers, none of which may reach the page as text or code.
SCRIPT_CODE = ("dataLayer", "gtag(", "trackingPixelFired", "acceptAllCookies", "initLedgerSite")


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs  # type: ignore[attr-defined]
    yield page
    context.close()


def count(label: str) -> int:
    """Example: 'Articles (7)' -> 7"""
    match = re.search(r"\((\d+)\)", label)
    assert match, label
    return int(match.group(1))


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_upload__an_html_page_and_a_pdf_are_answered_and_cited_at_once(page, uploads_app, screenshot_dir):
    chat = ChatPage(page).open(uploads_app.url)
    articles = ArticlesPage(page).open()
    before = len(snapshot(uploads_app.corpus))
    articles.wait_for_count(before)

    report = articles.add([
        file_payload("bridge-closure.html", SAVED_PAGE),
        file_payload("transit-plan.pdf", write_pdf(TRANSIT)),
    ])

    added = report.locator(".qa-upload-added")
    assert added.count() == 2
    assert added.nth(0).locator(".qa-upload-title").inner_text() == "Willow Creek bridge to close for six months of repairs"
    assert added.nth(1).locator(".qa-upload-title").inner_text() == "Council approves ten-year transit plan"
    assert report.locator(".qa-upload-refused").count() == 0
    assert count(articles.tab_label) == before + 2
    assert articles.items.count() == before + 2
    assert (uploads_app.corpus / "bridge-closure.html").read_bytes() == SAVED_PAGE
    page.screenshot(path=screenshot_dir / "laptop-upload-added.png", full_page=True)

    # The page's article text is listed; its scripts are nowhere, neither as text nor as code.
    bridge = page.locator('#qa-corpus .qa-corpus-item[data-article-id="bridge-closure"]')
    bridge.locator("summary").click()
    assert "$3.8 million" in bridge.locator(".qa-article-text").text_content()
    shown = page.content()
    assert all(code not in shown for code in SCRIPT_CODE)
    assert page.locator("#qa-corpus script").count() == 0

    page.get_by_role("tab", name="Ask").click()
    turn = chat.ask(PELL_QUESTION)

    assert turn.locator(".qa-answer").get_attribute("data-abstained") == "false"
    source = turn.locator('.qa-source[data-number="1"]')
    assert "Council approves ten-year transit plan" in source.inner_text()
    assert source.locator(".qa-page").inner_text() == "p. 2"
    quote = source.locator(".qa-quote").text_content()
    assert quote == "Council member Arthur Pell voted against the plan."

    mark = chat.open_citation(turn, 1)

    assert mark.text_content() == quote
    assert page.locator("#qa-reader article").get_attribute("data-article-id") == "transit-plan"
    assert page.locator("#qa-reader .qa-kicker").inner_text().lower() == "source [1] · p. 2"
    chat.settle()
    assert chat.in_view(mark)
    page.screenshot(path=screenshot_dir / "laptop-uploaded-pdf-cited.png")

    turn = chat.ask(BRIDGE_QUESTION)
    assert "$3.8 million" in turn.locator(".qa-answer-text").inner_text()
    mark = chat.open_citation(turn, 1)
    assert page.locator("#qa-reader article").get_attribute("data-article-id") == "bridge-closure"
    assert mark.text_content() in (uploads_app.corpus / "bridge-closure.html").read_text()
    assert page.dialogs == []


def test_upload__each_refused_file_is_shown_with_its_reason_and_nothing_changes(page, uploads_app, screenshot_dir):
    ChatPage(page).open(uploads_app.url)
    articles = ArticlesPage(page).open()
    files = snapshot(uploads_app.corpus)
    before = len(files)
    articles.wait_for_count(before)

    report = articles.add([
        file_payload("annual-report.pdf", ELF),
        file_payload("breaking.html", SCRIPT_ONLY_PAGE),
        file_payload("scan.pdf", b"%PDF-1.7\n" + b"\0" * (22 * MB)),
    ])

    refused = report.locator(".qa-upload-refused")
    assert refused.count() == 3
    reasons = {
        refused.nth(i).locator(".qa-upload-name").inner_text(): refused.nth(i).locator(".qa-upload-reason").inner_text()
        for i in range(3)
    }
    assert reasons == {
        "annual-report.pdf": "by its first bytes it is an ELF executable (a Linux program), not a PDF: "
        "it is no article, so it was not added",
        "breaking.html": "the page holds only scripts, no article text: save the article's own page",
        "scan.pdf": "22.0 MB is over the 20 MB limit for one PDF: save only the article's pages, "
        "or its text as a .txt file",
    }
    assert report.locator(".qa-upload-summary").inner_text() == "Nothing was added; the corpus is unchanged."
    assert count(articles.tab_label) == before
    assert snapshot(uploads_app.corpus) == files
    assert page.dialogs == []
    report.scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / "laptop-upload-refused.png")


def test_upload__a_file_over_the_pages_limit_is_refused_by_the_page_itself(page, uploads_app, tmp_path):
    ChatPage(page).open(uploads_app.url)
    articles = ArticlesPage(page).open()
    files = snapshot(uploads_app.corpus)
    articles.wait_for_count(len(files))
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as out:
        out.write(b"%PDF-1.7\n")
        out.truncate(50 * MB)

    page.locator("#qa-upload input[type=file]").set_input_files(huge)

    toast = page.get_by_text(re.compile(r"exceed the maximum allowed size of 25\.0 Mb"))
    toast.first.wait_for(timeout=30_000)
    assert snapshot(uploads_app.corpus) == files
    assert articles.tab_label == f"Articles ({len(files)})"


def test_upload__an_article_about_script_tags_shows_them_as_text_and_runs_nothing(page, uploads_app, screenshot_dir):
    chat = ChatPage(page).open(uploads_app.url)
    articles = ArticlesPage(page).open()

    report = articles.add([file_payload("website-attack.txt", SECURITY_NOTE.encode())])

    assert report.locator(".qa-upload-added .qa-upload-title").inner_text() == "City website patched after attack"
    item = page.locator('#qa-corpus .qa-corpus-item[data-article-id="website-attack"]')
    item.locator("summary").click()
    assert item.locator(".qa-article-text").text_content() == SECURITY_NOTE
    assert item.get_by_text("<script>alert(1)</script>", exact=False).count() == 1
    assert page.locator("#qa-corpus script").count() == 0

    page.get_by_role("tab", name="Ask").click()
    turn = chat.ask(ATTACK_QUESTION)
    assert "<script>alert(1)</script>" in turn.locator(".qa-answer-text").inner_text()
    mark = chat.open_citation(turn, 1)
    assert "<script>alert(1)</script>" in mark.text_content()
    page.wait_for_timeout(500)

    assert page.locator("#qa-conversation script, #qa-reader script").count() == 0
    assert page.dialogs == []
    page.screenshot(path=screenshot_dir / "laptop-script-text-article.png")


def test_remove__an_article_is_removed_after_confirming(page, uploads_app):
    ChatPage(page).open(uploads_app.url)
    articles = ArticlesPage(page).open()
    articles.add([file_payload("garden-plots.md", b"---\ntitle: Garden plots open\noutlet: Eastside Notes\n---\n"
                                                  b"The Eastside community garden will open forty new plots "
                                                  b"on Saturday, the neighborhood council said.\n")])
    before = len(snapshot(uploads_app.corpus))
    articles.wait_for_count(before)

    result = articles.remove("Garden plots open · Eastside Notes")

    assert result.inner_text() == "Removed Garden plots open from the corpus."
    # The message and the list are updated by one event, but not painted at one instant.
    articles.wait_for_count(before - 1)
    assert count(articles.tab_label) == before - 1
    assert page.locator('#qa-corpus .qa-corpus-item[data-article-id="garden-plots"]').count() == 0
    assert not (uploads_app.corpus / "garden-plots.md").exists()


def test_remove__cancel_keeps_the_article(page, uploads_app):
    ChatPage(page).open(uploads_app.url)
    ArticlesPage(page).open()
    before = snapshot(uploads_app.corpus)
    label = page.locator("#qa-corpus .qa-corpus-title").first.inner_text()

    page.locator("#qa-remove-choice input").click()
    page.get_by_role("option", name=re.compile(re.escape(label))).first.click()
    page.locator("#qa-remove").click()
    page.locator("#qa-remove-no").wait_for(state="visible")
    assert label in page.locator(".qa-remove-question").inner_text()
    page.locator("#qa-remove-no").click()
    page.locator("#qa-remove-yes").wait_for(state="hidden")

    assert snapshot(uploads_app.corpus) == before
