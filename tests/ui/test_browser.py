"""The app in a real browser: asking, reading sources, following up, abstaining,
escaping, staying offline, and fitting a phone-width window."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.ui.chat_page import ChatPage

pytestmark = [pytest.mark.slow, pytest.mark.browser]

QUESTION = "How many immigrants had been placed in deportation proceedings?"
FOLLOW_UP = "Are the remainder still in custody?"
OFF_TOPIC = "What is the capital of France?"
LAPTOP = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    yield page
    context.close()


def test_chat__answer_cites_source_and_reader_highlights_the_quote(
    page, served_app, client, articles, screenshot_dir
):
    chat = ChatPage(page).open(served_app.url)
    expected = client.predict(QUESTION, [], api_name="/ask")
    citation = expected["citations"][0]

    turn = chat.ask(QUESTION)

    assert turn.locator(".qa-question").inner_text().strip() == QUESTION
    assert turn.locator(".qa-answer").get_attribute("data-abstained") == "false"
    assert turn.locator(".qa-marker").first.inner_text() == "[1]"
    source = turn.locator('.qa-source[data-number="1"]')
    assert citation["title"] in source.inner_text()
    assert citation["outlet"] in source.inner_text()
    assert source.locator(".qa-quote").text_content() == citation["quote"]

    mark = chat.open_citation(turn, 1)

    assert mark.text_content() == citation["quote"]
    article_text = articles[citation["article_id"]]
    assert article_text[citation["start"] : citation["end"]] == mark.text_content()
    reader = page.locator("#qa-reader article")
    assert reader.get_attribute("data-article-id") == citation["article_id"]
    page.wait_for_function(
        "() => { const m = document.querySelector('#qa-reader mark');"
        " const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }"
    )
    chat.settle()
    assert chat.in_view(mark)
    page.screenshot(path=screenshot_dir / "laptop-answer-and-source.png")


def test_chat__marker_in_answer_text_opens_its_source(page, served_app):
    chat = ChatPage(page).open(served_app.url)
    turn = chat.ask(QUESTION)
    quote = turn.locator('.qa-source[data-number="1"] .qa-quote').text_content()

    turn.locator('.qa-marker[data-number="1"]').click()

    page.wait_for_function("q => document.querySelector('#qa-reader mark')?.textContent === q", arg=quote)


def test_chat__follow_up_is_answered_with_the_conversation_as_history(page, served_app, client):
    chat = ChatPage(page).open(served_app.url)
    first = chat.ask(QUESTION)
    first_text = first.locator(".qa-answer-text").inner_text()

    second = chat.ask(FOLLOW_UP)

    earlier = client.predict(QUESTION, [], api_name="/ask")
    expected = client.predict(FOLLOW_UP, [earlier], api_name="/ask")
    assert chat.turns.count() == 2
    assert chat.turns.nth(0).locator(".qa-answer-text").inner_text() == first_text
    shown = second.locator(".qa-answer-text").text_content()
    assert shown == expected["text"]


def test_chat__off_topic_question_is_shown_as_an_abstention(page, served_app, screenshot_dir):
    chat = ChatPage(page).open(served_app.url)
    chat.ask(QUESTION)
    chat.ask(FOLLOW_UP)

    turn = chat.ask(OFF_TOPIC)

    answer = turn.locator(".qa-answer")
    assert answer.get_attribute("data-abstained") == "true"
    assert "qa-answer--abstained" in (answer.get_attribute("class") or "")
    assert answer.locator(".qa-label").inner_text().strip().lower() == "not in the articles"
    assert answer.locator(".qa-source").count() == 0
    assert answer.locator(".qa-marker").count() == 0
    page.screenshot(path=screenshot_dir / "laptop-conversation.png", full_page=True)


def test_chat__new_conversation_clears_turns_and_reader(page, served_app):
    chat = ChatPage(page).open(served_app.url)
    turn = chat.ask(QUESTION)
    chat.open_citation(turn, 1)

    chat.start_over()

    assert chat.turns.count() == 0
    assert page.locator("#qa-reader mark").count() == 0
    # The next question starts a fresh history: it is the first turn again.
    chat.ask(OFF_TOPIC)
    assert chat.turns.count() == 1


def test_chat__example_question_is_asked_when_clicked(page, served_app):
    chat = ChatPage(page).open(served_app.url)
    example = page.locator(".qa-example").first
    text = example.inner_text().strip()

    example.click()

    page.wait_for_selector("#qa-conversation .qa-turn")
    assert chat.turns.first.locator(".qa-question").inner_text().strip() == text


def test_corpus_tab__lists_every_article_readable_in_full(page, served_app, articles, screenshot_dir):
    ChatPage(page).open(served_app.url)

    page.get_by_role("tab", name="Articles (5)").click()

    items = page.locator("#qa-corpus .qa-corpus-item")
    items.first.wait_for()
    assert items.count() == len(articles)
    first = items.first
    first.locator("summary").click()
    article_id = first.get_attribute("data-article-id")
    assert first.locator(".qa-article-text").text_content() == articles[article_id]
    page.screenshot(path=screenshot_dir / "laptop-articles.png", full_page=True)


@pytest.mark.parametrize(
    "question, injected",
    [
        ("<img src=x onerror=alert(1)>", 'img[src="x"]'),
        ("<script>alert(1)</script> deportation", "#qa-conversation script"),
        ('"><svg onload=alert(1)> [1]', "#qa-conversation svg[onload]"),
    ],
)
def test_xss__question_with_html_is_shown_as_text_and_runs_nothing(page, served_app, question, injected):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    chat = ChatPage(page).open(served_app.url)

    turn = chat.ask(question)
    page.wait_for_timeout(500)

    assert turn.locator(".qa-question").inner_text().strip() == question
    assert page.locator(injected).count() == 0
    assert page.get_by_text(question, exact=True).count() >= 1
    assert dialogs == []


def test_offline__page_requests_nothing_outside_the_local_host(page, served_app):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    chat = ChatPage(page).open(served_app.url)
    turn = chat.ask(QUESTION)
    chat.open_citation(turn, 1)
    page.get_by_role("tab", name="Articles (5)").click()
    page.locator("#qa-corpus summary").first.click()
    # Gradio holds a stream open, so the network never goes idle: give late
    # requests (fonts, icons, lazy chunks) a moment instead.
    page.wait_for_timeout(2000)

    outside = [
        url
        for url in requested
        if urlsplit(url).scheme not in {"data", "blob"} and urlsplit(url).hostname not in LOCAL_HOSTS
    ]
    assert requested, "no requests were recorded"
    assert outside == []


def test_phone_width__conversation_and_source_fit_without_sideways_scrolling(
    browser, served_app, screenshot_dir
):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        chat = ChatPage(page).open(served_app.url)
        assert not page.locator("#qa-reader").is_visible(), "an empty reader is hidden on a phone"
        page.screenshot(path=screenshot_dir / "phone-welcome.png")
        turn = chat.ask(QUESTION)
        chat.settle()
        page.screenshot(path=screenshot_dir / "phone-answer.png", full_page=True)

        mark = chat.open_citation(turn, 1)

        chat.settle()
        assert chat.in_view(mark)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["width"]
        page.screenshot(path=screenshot_dir / "phone-source.png")

        page.locator("#qa-reader [data-back]").click()
        chat.settle()
        assert chat.in_view_of_window(turn.locator('.qa-source[data-number="1"]'))
        page.screenshot(path=screenshot_dir / "phone-back-to-conversation.png")
    finally:
        context.close()
