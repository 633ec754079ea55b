"""A page object for the web app: ask, open a citation, read what is shown.

Tests say what a reader does ("ask", "open citation 1") and this module knows
which elements that means, so the tests do not repeat selectors.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Locator, Page

__all__ = ["ChatPage"]

ANSWER_TIMEOUT_MS = 60_000


@dataclass
class ChatPage:
    page: Page

    def open(self, url: str) -> ChatPage:
        self.page.goto(url)
        self.page.wait_for_selector(".qa-welcome", timeout=ANSWER_TIMEOUT_MS)
        return self

    @property
    def turns(self) -> Locator:
        return self.page.locator("#qa-conversation .qa-turn")

    def ask(self, question: str) -> Locator:
        """Type `question`, press Enter, and return the new turn once answered."""
        before = self.turns.count()
        box = self.page.locator("#qa-question textarea")
        box.fill(question)
        box.press("Enter")
        self.page.wait_for_function(
            "n => document.querySelectorAll('#qa-conversation .qa-turn').length > n",
            arg=before,
            timeout=ANSWER_TIMEOUT_MS,
        )
        return self.turns.nth(before)

    def open_citation(self, turn: Locator, number: int) -> Locator:
        """Click source `number` of `turn`; return the reader's <mark> once shown."""
        turn.locator(f'.qa-source[data-number="{number}"]').click()
        quote = turn.locator(f'.qa-source[data-number="{number}"] .qa-quote').text_content()
        mark = self.page.locator("#qa-reader mark.qa-cited")
        mark.wait_for(timeout=ANSWER_TIMEOUT_MS)
        self.page.wait_for_function(
            "q => document.querySelector('#qa-reader mark.qa-cited')?.textContent === q",
            arg=quote,
            timeout=ANSWER_TIMEOUT_MS,
        )
        return mark

    def settle(self) -> None:
        """Wait until smooth scrolling (of the page and of the reader) has stopped."""
        self.page.evaluate(
            """() => new Promise((resolve) => {
                let last = null, still = 0;
                const tick = () => {
                    const key = [window.scrollY, document.querySelector('#qa-reader')?.scrollTop].join();
                    still = key === last ? still + 1 : 0;
                    last = key;
                    if (still >= 10) resolve(); else requestAnimationFrame(tick);
                };
                tick();
            })"""
        )

    def start_over(self) -> None:
        self.page.locator("#qa-new").click()
        self.page.wait_for_selector(".qa-welcome", timeout=ANSWER_TIMEOUT_MS)

    def in_view_of_window(self, locator: Locator) -> bool:
        return locator.evaluate(
            "el => { const r = el.getBoundingClientRect();"
            " return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }"
        )

    def in_view(self, locator: Locator) -> bool:
        """Whether the element's box lies inside the window and its scroll container."""
        return locator.evaluate(
            """el => {
                const r = el.getBoundingClientRect();
                const box = document.querySelector('#qa-reader').getBoundingClientRect();
                const top = Math.max(0, box.top), bottom = Math.min(window.innerHeight, box.bottom);
                return r.height > 0 && r.top >= top - 1 && r.bottom <= bottom + 1;
            }"""
        )
