"""Page: the Gradio Blocks of the web app and how they are served.

Layout: an "Ask" tab with the conversation (each answer followed by its
sources) beside a reader that shows a chosen source in full, and an "Articles"
tab listing the corpus, where articles are added and removed
(`articles_tab.py`). A named API endpoint, `/ask`, answers one question with
the JSON of `Answer.to_dict()`, also while articles are being added.

What it does not do: parse flags or environment variables (app.py does), or
build HTML strings (render.py does). Everything shown goes through render.py,
which escapes corpus text and user input.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import gradio as gr

from index.errors import AssistantError
from webui.articles_tab import UPLOAD_LIMIT_BYTES, build_articles_tab, tab_label
from webui.render import (
    conversation_html,
    header_html,
    reader_html,
    reader_placeholder_html,
)
from webui.service import BadRequest, ChatService

__all__ = ["build_page", "launch", "EXAMPLE_QUESTIONS", "THEME", "STYLESHEET"]

EXAMPLE_QUESTIONS = (
    "How many immigrants had been placed in deportation proceedings?",
    "How many organizations signed the letter to Sheriff Mims?",
    "When did the ICE program at the Fresno County Jail begin?",
    "What did ICE acting Director Matthew Albence say about the report?",
)

STYLESHEET = Path(__file__).parent / "static" / "app.css"

# System fonts only: the default theme's fonts are fetched as files, and a
# Google font would be fetched from the internet. This page loads nothing remote.
THEME = gr.themes.Default(
    primary_hue="blue",
    neutral_hue="slate",
    font=[gr.themes.Font("system-ui"), "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
    font_mono=[gr.themes.Font("ui-monospace"), "SFMono-Regular", "Menlo", "Consolas", "monospace"],
)

# Events from the conversation's HTML: a click on a marker or a source card
# asks for that citation ("cite"); a click on an example asks it ("example").
CONVERSATION_JS = """
const open = (node) => {
  element.querySelectorAll('.qa-is-open').forEach((n) => n.classList.remove('qa-is-open'));
  element
    .querySelectorAll(`.qa-source[data-turn="${node.dataset.turn}"][data-number="${node.dataset.number}"]`)
    .forEach((n) => n.classList.add('qa-is-open'));
  trigger('cite', { turn: Number(node.dataset.turn), number: Number(node.dataset.number) });
};
element.addEventListener('click', (event) => {
  const cite = event.target.closest('[data-cite]');
  if (cite && element.contains(cite)) { open(cite); return; }
  const example = event.target.closest('[data-example]');
  if (example && element.contains(example)) { trigger('example', { question: example.dataset.example }); }
});
element.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' && event.key !== ' ') return;
  const cite = event.target.closest('.qa-source[data-cite]');
  if (cite && element.contains(cite)) { event.preventDefault(); open(cite); }
});
watch('value', () => {
  const turns = element.querySelectorAll('.qa-turn');
  if (turns.length) turns[turns.length - 1].scrollIntoView({ block: 'nearest', behavior: 'smooth' });
});
"""

# Bring the highlighted quote into view whenever the reader shows a new source.
# On a wide screen the reader scrolls by itself beside the conversation, so only
# it moves (and the page only if the reader is off screen); on a narrow one it
# sits below the conversation, so the page scrolls, and "Back to the
# conversation" returns to the source that was opened.
READER_JS = """
watch('value', () => {
  const mark = element.querySelector('mark.qa-cited');
  if (!mark) return;
  const pane = element.closest('#qa-reader') || element;
  const scrolls = getComputedStyle(pane).overflowY === 'auto' && pane.scrollHeight > pane.clientHeight;
  if (scrolls) {
    const offset = mark.getBoundingClientRect().top - pane.getBoundingClientRect().top;
    pane.scrollTo({ top: pane.scrollTop + offset - pane.clientHeight / 3, behavior: 'smooth' });
    const box = pane.getBoundingClientRect();
    if (box.top >= window.innerHeight || box.bottom <= 0) pane.scrollIntoView({ block: 'start' });
  } else {
    mark.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }
});
element.addEventListener('click', (event) => {
  if (!event.target.closest('[data-back]')) return;
  const target = document.querySelector('#qa-conversation .qa-source.qa-is-open')
    || document.querySelector('#qa-conversation .qa-turn:last-child');
  if (target) target.scrollIntoView({ block: 'center', behavior: 'smooth' });
});
"""

ASSISTANT_CONCURRENCY = 4

# The conversation as kept in the session: Answer.to_dict() values, oldest first.
# Module level on purpose: Gradio reads the handlers' annotations to spot EventData.
Turns = list[dict[str, Any]]


def build_page(service: ChatService, *, examples: Sequence[str] = EXAMPLE_QUESTIONS) -> gr.Blocks:
    """The whole app as a `gr.Blocks`, wired to `service`. Nothing is served yet."""
    examples = tuple(examples)

    def answer(question: str, turns: Turns) -> Iterator[tuple[str, Turns, str]]:
        """The draft as it is written (when a language model writes it), then the checked answer."""
        try:
            for event in service.ask_stream(question, history=turns):
                if isinstance(event, str):
                    yield conversation_html(turns, examples=examples, draft=(question, event)), turns, ""
                else:
                    turns = [*turns, event]
                    yield conversation_html(turns, examples=examples), turns, ""
        except (BadRequest, AssistantError) as error:
            yield conversation_html(turns, examples=examples, notice=str(error)), turns, question

    def answer_example(turns: Turns, event: gr.EventData) -> Iterator[tuple[str, Turns, str]]:
        question = getattr(event, "_data", {}).get("question", "")
        yield from answer(str(question), turns)

    def show_citation(turns: Turns, event: gr.EventData) -> Any:
        citation = _chosen_citation(turns, getattr(event, "_data", None))
        if citation is None:
            return gr.skip()
        article = service.article(str(citation["article_id"]))
        if article is None:
            return reader_placeholder_html()
        start, end = int(citation["start"]), int(citation["end"])
        if article.text[start:end] != citation.get("quote"):
            # The article was removed and another added under its id since: show it unmarked.
            start = end = 0
        page = citation.get("page")
        return reader_html(
            article,
            start=start,
            end=end,
            number=int(citation["number"]),
            page=int(page) if isinstance(page, int) else None,
        )

    def start_over() -> tuple[str, Turns, str, str]:
        return conversation_html([], examples=examples), [], reader_placeholder_html(), ""

    def ask(question: str, history: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """Answer a question about the articles with verbatim, cited quotes.

        history: earlier answers of this conversation (the dictionaries this
        endpoint returned), oldest first. Returns the answer as a dictionary:
        question, text, abstained, confidence, reader ("extractive" or "llm"),
        notice (why the configured reader was not used, or null) and citations
        (number, article_id, title, outlet, date, date_approximate, quote,
        start, end, page).
        """
        try:
            return service.ask(question, history=history or [])
        except (BadRequest, AssistantError) as error:
            raise gr.Error(str(error)) from None

    # Uploaded files stay in Gradio's cache only until they are copied into the corpus: an hour.
    with gr.Blocks(title="News Q&A", analytics_enabled=False, delete_cache=(3600, 3600)) as page:
        turns = gr.State([])
        header = gr.HTML(
            header_html(len(service.articles), written=service.written),
            js_on_load=None,
            elem_classes="qa-html",
            apply_default_css=False,
        )
        with gr.Tabs():
            with gr.Tab("Ask", id="ask"), gr.Row(equal_height=False, elem_classes="qa-layout"):
                with gr.Column(scale=3, min_width=320, elem_classes="qa-chat-column"):
                    conversation = gr.HTML(
                        conversation_html([], examples=examples),
                        js_on_load=CONVERSATION_JS,
                        elem_id="qa-conversation",
                        elem_classes="qa-html",
                        apply_default_css=False,
                    )
                    with gr.Row(elem_classes="qa-ask-row", equal_height=True):
                        question = gr.Textbox(
                            placeholder="Ask about the articles…",
                            show_label=False,
                            container=False,
                            lines=1,
                            max_lines=4,
                            scale=6,
                            min_width=160,
                            elem_id="qa-question",
                            autofocus=True,
                        )
                        ask_button = gr.Button(
                            "Ask", variant="primary", scale=0, min_width=88, elem_id="qa-ask"
                        )
                    with gr.Row(elem_classes="qa-tools"):
                        new_button = gr.Button(
                            "New conversation",
                            variant="secondary",
                            size="sm",
                            scale=0,
                            min_width=0,
                            elem_id="qa-new",
                        )
                with gr.Column(scale=2, min_width=300, elem_classes="qa-reader-column"):
                    reader = gr.HTML(
                        reader_placeholder_html(),
                        js_on_load=READER_JS,
                        elem_id="qa-reader",
                        elem_classes="qa-html",
                        apply_default_css=False,
                    )
            with gr.Tab(tab_label(len(service.articles)), id="articles") as articles_tab:
                build_articles_tab(service, page=page, tab=articles_tab, header=header)

        asking = dict(
            outputs=[conversation, turns, question],
            concurrency_id="assistant",
            concurrency_limit=ASSISTANT_CONCURRENCY,
            api_visibility="private",
            show_progress="minimal",
        )
        gr.on([question.submit, ask_button.click], answer, inputs=[question, turns], **asking)
        conversation.example(answer_example, inputs=[turns], **asking)
        conversation.cite(show_citation, inputs=[turns], outputs=[reader], api_visibility="private")
        new_button.click(
            start_over, outputs=[conversation, turns, reader, question], api_visibility="private"
        )
        gr.api(
            ask,
            api_name="ask",
            concurrency_id="assistant",
            concurrency_limit=ASSISTANT_CONCURRENCY,
        )
    return page


def launch(page: gr.Blocks, *, host: str, port: int) -> None:
    """Serve `page` on host:port until interrupted, with nothing loaded from outside."""
    page.queue(default_concurrency_limit=ASSISTANT_CONCURRENCY).launch(
        server_name=host,
        server_port=port,
        theme=THEME,
        css_paths=[STYLESHEET],
        ssr_mode=False,
        pwa=False,
        mcp_server=False,
        enable_monitoring=False,
        run_history=False,
        footer_links=["api", "settings"],
        max_file_size=UPLOAD_LIMIT_BYTES,
        share=False,
        inbrowser=False,
    )


def _chosen_citation(turns: list[dict[str, Any]], data: object) -> dict[str, Any] | None:
    """The citation a click in the browser names, or None if it names none.

    Example: data {'turn': 0, 'number': 1} -> turns[0]['citations'] entry number 1.
    The payload comes from the browser, so anything unexpected is ignored.
    """
    if not isinstance(data, dict):
        return None
    try:
        turn, number = int(data["turn"]), int(data["number"])
    except (KeyError, TypeError, ValueError):
        return None
    if not 0 <= turn < len(turns):
        return None
    for citation in turns[turn].get("citations") or ():
        if int(citation.get("number", -1)) == number:
            return citation
    return None
