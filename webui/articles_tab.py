"""Articles tab: the corpus listed in full, with files to add and articles to remove.

Adding: a file picker (several files at once) and an "Add to the corpus"
button. The files go to `ChatService.add`, which checks them all before writing
any, copies the accepted ones into the corpus folder and indexes them; a status
line says what is being done meanwhile, then each file is listed as added (with
its title) or not added (with its reason). The list, the tab's label and the
header's article count follow.

Removing: a list of the articles and a "Remove…" button that asks to confirm
before anything is deleted.

Both run in a queue of their own (one change at a time), apart from the
questions, which go on being answered while the index is brought up to date.

What it does not do: build HTML (render.py does, escaping every name, title
and reason) or check files (the assistant does, by their content).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import gradio as gr

from index.errors import AssistantError
from index.pace import Stopwatch
from index.uploads import LARGEST_FILE_BYTES, MAX_FILES, SIZE_LIMITS
from webui.render import (
    corpus_html,
    header_html,
    removal_done_html,
    removal_question_html,
    upload_progress_html,
    upload_report_html,
)
from webui.service import BadRequest, ChatService

__all__ = ["build_articles_tab", "tab_label", "UPLOAD_LIMIT_BYTES", "ARTICLE_FILE_TYPES"]

ARTICLE_FILE_TYPES = [".txt", ".md", ".html", ".htm", ".pdf"]
# Gradio refuses bigger files itself, before they reach the server's disk. A little above our
# largest limit, so a file just over one of ours is refused by us, with our reason and fix.
UPLOAD_LIMIT_BYTES = LARGEST_FILE_BYTES + 5 * 1024 * 1024
CHANGES = "corpus"  # the queue of uploads and removals: one at a time, apart from the questions
_MB = 1024 * 1024
LIMITS_TEXT = (
    f"Up to {MAX_FILES} files at a time: text (.txt, .md) up to {SIZE_LIMITS['.txt'] // _MB} MB, "
    f"saved web pages (.html, .htm) up to {SIZE_LIMITS['.html'] // _MB} MB, PDFs up to "
    f"{SIZE_LIMITS['.pdf'] // _MB} MB. Each file is checked by its content; nothing in it is run."
)
log = logging.getLogger(__name__)


def tab_label(count: int) -> str:
    """Example: 5 -> 'Articles (5)'"""
    return f"Articles ({count})"


def build_articles_tab(service: ChatService, *, page: gr.Blocks, tab: gr.Tab, header: gr.HTML) -> None:
    """The tab's components and events, built inside `with tab:` of `page`; `header` shows the
    article count too."""
    gr.HTML(
        f'<p class="qa-muted qa-upload-hint">{LIMITS_TEXT}</p>',
        elem_classes="qa-html",
        apply_default_css=False,
    )
    with gr.Row(equal_height=False, elem_classes="qa-manage"):
        with gr.Column(scale=3, min_width=300):
            files = gr.File(
                label="Add articles",
                file_count="multiple",
                file_types=ARTICLE_FILE_TYPES,
                type="filepath",
                height=150,
                elem_id="qa-upload",
            )
            add_button = gr.Button("Add to the corpus", variant="primary", elem_id="qa-add")
            added = gr.HTML("", elem_id="qa-upload-result", elem_classes="qa-html", apply_default_css=False)
        with gr.Column(scale=2, min_width=260):
            choice = gr.Dropdown(
                choices=_choices(service),
                value=None,
                label="Remove an article",
                elem_id="qa-remove-choice",
            )
            remove_button = gr.Button("Remove…", variant="secondary", elem_id="qa-remove")
            with gr.Group(visible=False, elem_id="qa-remove-confirm") as confirm:
                question = gr.HTML("", elem_classes="qa-html", apply_default_css=False)
                with gr.Row():
                    yes = gr.Button("Yes, remove it", variant="stop", size="sm", elem_id="qa-remove-yes")
                    no = gr.Button("Cancel", variant="secondary", size="sm", elem_id="qa-remove-no")
            removed = gr.HTML("", elem_id="qa-remove-result", elem_classes="qa-html", apply_default_css=False)
    listing = gr.HTML(
        corpus_html(service.articles),
        elem_id="qa-corpus",
        elem_classes="qa-html",
        apply_default_css=False,
    )

    def corpus_outputs() -> tuple[Any, ...]:
        """The listing, the tab label, the header and the removal list as the corpus now is."""
        count = len(service.articles)
        return (
            corpus_html(service.articles),
            gr.Tab(label=tab_label(count)),
            header_html(count, written=service.written),
            gr.Dropdown(choices=_choices(service), value=None),
        )

    unchanged = (gr.skip(), gr.skip(), gr.skip(), gr.skip())

    def add(paths: list[str] | None) -> Iterator[tuple[Any, ...]]:
        if not paths:
            yield upload_report_html({}), *unchanged, gr.skip()
            return
        outcome: dict[str, Any] = {}
        stopwatch = Stopwatch()  # timed from indexing's first report
        adding = _in_background(lambda progress: service.add(paths, progress=progress), outcome)
        for stage, done, total in adding:
            pace = stopwatch(done, total) if stage == "indexing" and total else None
            yield upload_progress_html(stage, done, total, pace=pace), *unchanged, gr.skip()
        if "error" in outcome:
            yield upload_report_html({}, notice=outcome["error"]), *corpus_outputs(), gr.skip()
            return
        report = outcome["result"]
        # Cleared once added, so that pressing the button again does not offer the same files.
        yield upload_report_html(report.to_dict()), *corpus_outputs(), None

    def ask_to_remove(article_id: str | None) -> tuple[Any, str, str]:
        article = service.article(article_id) if isinstance(article_id, str) else None
        if article is None:
            notice = "Choose an article to remove from the list first."
            return gr.Group(visible=False), "", removal_done_html("", notice=notice)
        return gr.Group(visible=True), removal_question_html(article, path=getattr(article, "path", "")), ""

    def remove(article_id: str | None) -> Iterator[tuple[Any, ...]]:
        hidden = gr.Group(visible=False)
        article = service.article(article_id) if isinstance(article_id, str) else None
        title = article.title if article is not None else ""
        outcome: dict[str, Any] = {}
        for _ in _in_background(lambda progress: service.remove(article_id, progress=progress), outcome):
            yield upload_progress_html("removing", 0, 1), hidden, *unchanged
        notice = outcome.get("error")
        yield removal_done_html(title, notice=notice), hidden, *corpus_outputs()

    # The page is served as it was built, with the corpus of then: each visit shows it as it is now.
    page.load(
        corpus_outputs,
        outputs=[listing, tab, header, choice],
        api_visibility="private",
        show_progress="hidden",
        queue=False,
    )
    changes: dict[str, Any] = dict(concurrency_id=CHANGES, concurrency_limit=1, api_visibility="private")
    add_button.click(
        add,
        inputs=[files],
        outputs=[added, listing, tab, header, choice, files],
        show_progress="hidden",
        **changes,
    )
    remove_button.click(
        ask_to_remove, inputs=[choice], outputs=[confirm, question, removed], api_visibility="private"
    )
    # A confirmation is for the article it names: choosing another withdraws it.
    choice.change(lambda: gr.Group(visible=False), outputs=[confirm], api_visibility="private")
    no.click(lambda: gr.Group(visible=False), outputs=[confirm], api_visibility="private")
    yes.click(
        remove,
        inputs=[choice],
        outputs=[removed, confirm, listing, tab, header, choice],
        show_progress="hidden",
        **changes,
    )


def _in_background(
    work: Callable[[Callable[[str, int, int], None]], Any], outcome: dict[str, Any]
) -> Iterator[tuple[str, int, int]]:
    """Run `work(progress)` in a thread, yielding each (stage, done, total) it reports, and one
    ('working', 0, 0) at the start; its result lands in outcome['result'], a failure's message
    in outcome['error'].

    A thread, because Gradio shows a status line only between the values a handler yields,
    and the work reports its progress through a callback.
    """
    events: queue.Queue[tuple[str, int, int] | None] = queue.Queue()

    def run() -> None:
        try:
            outcome["result"] = work(lambda stage, done, total: events.put((stage, done, total)))
        except (BadRequest, AssistantError) as error:
            outcome["error"] = str(error)
        except Exception as error:  # noqa: BLE001 - shown on the page rather than lost in a log
            log.exception("changing the corpus failed")
            outcome["error"] = (
                f"The corpus could not be changed ({type(error).__name__}: {error}): it is as it "
                "was; check that the corpus folder is writable and try again."
            )
        finally:
            events.put(None)

    threading.Thread(target=run, name="corpus-change", daemon=True).start()
    yield ("working", 0, 0)
    while (event := events.get()) is not None:
        yield event


def _choices(service: ChatService) -> Sequence[tuple[str, str]]:
    """The removal list: (what the reader sees, the article id), in corpus order."""
    return [(f"{a.title} · {a.outlet}", a.id) for a in service.articles]
