"""A page object for the Articles tab: add files, read what became of them, remove an article.

Tests say what a reader does ("add these files", "remove this article") and
this module knows which elements that means.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Locator, Page

__all__ = ["ArticlesPage", "file_payload"]

CHANGE_TIMEOUT_MS = 120_000
MIME = {".html": "text/html", ".htm": "text/html", ".pdf": "application/pdf", ".txt": "text/plain",
        ".md": "text/markdown"}


def file_payload(name: str, data: bytes) -> dict[str, object]:
    """A file as Playwright hands it to a file input, without writing it to disk."""
    return {"name": name, "mimeType": MIME.get(Path(name).suffix, "application/octet-stream"), "buffer": data}


@dataclass
class ArticlesPage:
    page: Page

    def open(self) -> ArticlesPage:
        self.page.get_by_role("tab", name="Articles").click()
        self.page.locator("#qa-upload").wait_for()
        return self

    def wait_for_count(self, count: int) -> None:
        """Wait until the tab's label and the list show `count` articles: the page is served as it
        was built, and brought up to date with the corpus just after it loads."""
        self.page.wait_for_function(
            "n => [...document.querySelectorAll('[role=tab]')].some((t) => t.innerText.trim() === `Articles (${n})`)"
            " && document.querySelectorAll('#qa-corpus .qa-corpus-item').length === n",
            arg=count,
            timeout=CHANGE_TIMEOUT_MS,
        )

    @property
    def tab_label(self) -> str:
        return self.page.get_by_role("tab", name="Articles").inner_text().strip()

    @property
    def items(self) -> Locator:
        return self.page.locator("#qa-corpus .qa-corpus-item")

    def choose(self, files: list[dict[str, object]] | list[Path] | Path) -> None:
        """Put files in the picker and wait until Gradio has uploaded them all."""
        self.page.locator("#qa-upload input[type=file]").set_input_files(files)  # type: ignore[arg-type]
        chosen = files if isinstance(files, list) else [files]
        names = [f.name if isinstance(f, Path) else str(f["name"]) for f in chosen]
        self.page.wait_for_function(
            "names => { const shown = [...document.querySelectorAll('#qa-upload td.filename')]"
            ".map((td) => td.getAttribute('aria-label'));"
            " return names.every((n) => shown.includes(n)); }",
            arg=names,
            timeout=CHANGE_TIMEOUT_MS,
        )

    def add(self, files: list[dict[str, object]]) -> Locator:
        """Choose `files`, press "Add to the corpus", and return the report once it is shown."""
        self.choose(files)
        before = self.page.locator("#qa-upload-result").inner_html()
        self.page.locator("#qa-add").click()
        self.page.wait_for_function(
            "before => { const box = document.querySelector('#qa-upload-result');"
            " return box && box.innerHTML !== before && box.querySelector('.qa-upload-report'); }",
            arg=before,
            timeout=CHANGE_TIMEOUT_MS,
        )
        return self.page.locator("#qa-upload-result .qa-upload-report")

    def remove(self, label: str) -> Locator:
        """Choose the article `label` in the removal list, press Remove… and confirm."""
        self.page.locator("#qa-remove-choice input").click()
        self.page.get_by_role("option", name=label).click()
        self.page.locator("#qa-remove").click()
        self.page.locator("#qa-remove-yes").wait_for(state="visible")
        self.page.locator("#qa-remove-yes").click()
        self.page.wait_for_function(
            "() => document.querySelector('#qa-remove-result')?.innerText.includes('Removed')",
            timeout=CHANGE_TIMEOUT_MS,
        )
        return self.page.locator("#qa-remove-result")
