"""`python -m benchmarks llm`: how long the LLM reader takes to answer, and how many tokens it spends.

    python -m benchmarks llm                       # starts llama.cpp's server, asks 8 questions of corpus/
    python -m benchmarks llm --out /tmp/llm-bench  # results elsewhere

It starts the local llama.cpp server (`llmserver.LlamaServer`, the model of
`make llm-model`), opens the index of `corpus/` and asks each question with
`Assistant(catalog, reader=LLMReader(url=...))`, after one untimed warm-up
answer. Per question it records:

- the whole `ask` (retrieval, the model's answer, the checks), and how much of
  it is not the model call;
- time to first token, as the reader measures it (`LLMReader.last_usage`);
- prompt and completion tokens. llama-cpp-python's server does not report
  usage on a streamed reply, so the same messages are sent again, not
  streamed, and that reply's `usage` is taken. The server keeps the prompt of
  the last request evaluated, so the repeat call spends its time generating:
  completion tokens ÷ its seconds is the generation speed, beside the
  streamed one (completion tokens ÷ the time after the first token).

Then one follow-up question with the previous answer as history: only then
does the reader make a second call, to rewrite the question to stand alone,
which is timed on its own. The reader is wrapped (`TimedReader`, the reader
seam of `assistant.readers`), so the excerpts the figures are taken with are
exactly those the answer was written from; nothing in `assistant/` changes.

A benchmark, not a test: it reports figures and never fails on them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.machine import describe, machine
from benchmarks.measure import percentile
from benchmarks.report import LLM_SUMMARY_ROWS, render_llm_chart, render_llm_questions, render_llm_summary

if TYPE_CHECKING:
    from assistant.answers import Answer
    from assistant.api import Assistant
    from assistant.llm_reader import LLMReader
    from assistant.readers import Draft, Reading

__all__ = ["QUESTIONS", "FOLLOW_UP", "TimedReader", "ask_timed", "repeat_usage", "summarise", "main"]

PROJECT_DIR = Path(__file__).resolve().parent.parent
REPO_CORPUS = PROJECT_DIR / "corpus"
DEFAULT_WORK = PROJECT_DIR / ".bench"
DEFAULT_OUT = PROJECT_DIR / "benchmarks" / "results" / "llm"
# Questions about corpus/ (the seven answered, one the articles do not answer).
QUESTIONS = (
    "How many organizations signed the ACLU letter?",
    "How many immigrants had been placed in deportation proceedings?",
    "By when did the ACLU want Sheriff Mims to respond?",
    "What did ICE spokeswoman Virginia Kice say?",
    "Which sheriff's office stopped honoring ICE detainer requests?",
    "What did the 2022 ACLU report find?",
    "What did the ACLU letter urge Sheriff Mims to do?",
    "What is the capital of France?",
)
WARM_UP = "Who wrote the ACLU letter to Sheriff Mims?"
# (the question whose answer is the history, the follow-up)
FOLLOW_UP = ("How many organizations signed the ACLU letter?", "Which groups were among them?")
# The benchmark waits longer than the assistant would (120 s), to measure a slow answer, not a fallback.
TIMEOUT_SECONDS = 600.0
ASSISTANT_TIMEOUT_SECONDS = 120.0
REPEAT_TIMEOUT_SECONDS = 600.0


class TimedReader:
    """An `LLMReader` as seen from outside: what it was given, what it drafted, how long it took.

    bot = Assistant(catalog, reader=TimedReader(LLMReader(url=url)))
    """

    def __init__(self, inner: LLMReader) -> None:
        self.inner = inner
        self.name = inner.name
        self.reading: Reading | None = None
        self.draft: Draft | None = None
        self.called = False  # whether the last `read` asked the model (not when there are no excerpts)
        self.rewrite_seconds: float | None = None

    def read(self, reading: Reading) -> Iterator[str | Draft]:
        from assistant.readers import Draft

        self.reading, self.draft, self.called = reading, None, False
        self.inner.last_usage = None
        try:
            for event in self.inner.read(reading):
                if isinstance(event, Draft):
                    self.draft = event
                yield event
        finally:  # also when the server fails: the call was made, the assistant falls back
            self.called = self.inner.last_usage is not None

    def standalone(self, question: str, history: Sequence[Answer]) -> str | None:
        started = time.perf_counter()
        try:
            return self.inner.standalone(question, history)
        finally:
            self.rewrite_seconds = time.perf_counter() - started


@dataclass(frozen=True)
class RepeatUsage:
    """The server's token counts for one set of messages, and how long the non-streamed reply took."""

    prompt_tokens: int | None
    completion_tokens: int | None
    seconds: float
    text: str


@dataclass
class LLMRun:
    """Everything measured in one run, JSON-ready through `to_dict`."""

    model: str
    warm_up: dict[str, Any]
    questions: list[dict[str, Any]] = field(default_factory=list)
    follow_up: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "warm_up": self.warm_up,
            "questions": self.questions,
            "summary": summarise(self.questions),
            "follow_up": self.follow_up,
        }


def ask_timed(
    bot: Assistant, reader: TimedReader, question: str, *, history: Sequence[Answer] = (), model: str
) -> tuple[dict[str, Any], Answer]:
    """Ask one question and measure it; then send the same messages again, not streamed, for usage."""
    from assistant.answers import Answer

    reader.rewrite_seconds = None
    started = time.perf_counter()
    first_piece: float | None = None
    answer: Answer | None = None
    for event in bot.ask_stream(question, history=history):
        if isinstance(event, Answer):
            answer = event
        elif first_piece is None:
            first_piece = time.perf_counter() - started
    answer_seconds = time.perf_counter() - started
    assert answer is not None, "ask_stream always ends with the answer"
    usage = reader.inner.last_usage if reader.called else None
    figures: dict[str, Any] = {
        "question": question,
        "answer_seconds": answer_seconds,
        "first_piece_seconds": first_piece,
        "first_token_seconds": usage.first_token_seconds if usage else None,
        "reader_seconds": usage.seconds if usage else None,
        "rest_seconds": answer_seconds - usage.seconds - (reader.rewrite_seconds or 0.0) if usage else None,
        "rewrite_seconds": reader.rewrite_seconds,
        "excerpts": len(reader.reading.excerpts) if reader.reading else 0,
        "outcome": _outcome(answer, called=reader.called),
        "within_assistant_timeout": answer_seconds < ASSISTANT_TIMEOUT_SECONDS,
    }
    if reader.called and reader.reading is not None and answer.notice is None:
        messages = reader.inner.messages(question, reader.reading.excerpts, reader.reading.history)
        repeat = repeat_usage(reader.inner.url, messages, model=model, max_tokens=reader.inner.max_tokens)
        completion = repeat.completion_tokens
        figures.update(
            prompt_tokens=repeat.prompt_tokens,
            completion_tokens=completion,
            repeat_seconds=repeat.seconds,
            repeat_tokens_per_second=completion / repeat.seconds if completion and repeat.seconds else None,
            stream_tokens_per_second=_streamed_rate(completion, usage),
            # Greedy decoding (temperature 0): the repeat should write what the stream wrote.
            same_text=reader.draft is not None and repeat.text.strip() == reader.draft.text,
        )
    return figures, answer


def repeat_usage(url: str, messages: Sequence[Any], *, model: str, max_tokens: int) -> RepeatUsage:
    """POST the chat to `{url}/chat/completions` with stream false, as the reader would; time it."""
    import httpx

    body = {
        "model": model,
        "messages": [{"role": _role(m), "content": m.content} for m in messages],
        "max_tokens": max_tokens,
        "temperature": 0.0,
        "stream": False,
    }
    started = time.perf_counter()
    response = httpx.post(f"{url}/chat/completions", json=body, timeout=REPEAT_TIMEOUT_SECONDS)
    seconds = time.perf_counter() - started
    response.raise_for_status()
    reply = response.json()
    usage = reply.get("usage") or {}
    choices = reply.get("choices") or [{}]
    return RepeatUsage(
        prompt_tokens=usage.get("prompt_tokens"),
        completion_tokens=usage.get("completion_tokens"),
        seconds=seconds,
        text=str((choices[0].get("message") or {}).get("content") or ""),
    )


def summarise(questions: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, float]]:
    """p50 and p95 of each figure of `LLM_SUMMARY_ROWS`, over the questions that have it.

    Example: [{'answer_seconds': 10.0}, {'answer_seconds': 20.0}]
    -> {'answer_seconds': {'p50': 15.0, 'p95': 19.5}}
    """
    summary = {}
    for row in LLM_SUMMARY_ROWS:
        values = [float(q[row.key]) for q in questions if q.get(row.key) is not None]
        if values:
            summary[row.key] = {"p50": percentile(values, 50), "p95": percentile(values, 95)}
    return summary


def measure(
    bot: Assistant, reader: TimedReader, *, model: str, questions: Sequence[str] = QUESTIONS
) -> LLMRun:
    """The warm-up, each question, then the follow-up; printed to stderr as they come."""
    warm_up, _ = ask_timed(bot, reader, WARM_UP, model=model)
    _progress("warm-up", warm_up)
    run = LLMRun(model=model, warm_up=warm_up)
    answers: dict[str, Answer] = {}
    for number, question in enumerate(questions, start=1):
        figures, answers[question] = ask_timed(bot, reader, question, model=model)
        run.questions.append(figures)
        _progress(f"{number}/{len(questions)}", figures)
    first, follow_up = FOLLOW_UP
    history = [answers[first]] if first in answers else [ask_timed(bot, reader, first, model=model)[1]]
    run.follow_up, _ = ask_timed(bot, reader, follow_up, history=history, model=model)
    run.follow_up["history"] = first
    _progress("follow-up", run.follow_up)
    return run


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    for name, value in (
        ("HF_HUB_OFFLINE", "1"),
        ("TRANSFORMERS_OFFLINE", "1"),
        ("ANONYMIZED_TELEMETRY", "False"),
    ):
        os.environ.setdefault(name, value)  # as `make` sets them: nothing is fetched, nothing reported
    from assistant.api import Assistant
    from assistant.llm_reader import LLMReader
    from index.catalog import Catalog
    from index.settings import Settings
    from llmserver import LlamaServer, LocalModel, ServerError

    model = LocalModel.default()
    if not model.present():
        print(f"error: no model at '{model.path}': run 'make llm-model' first.", file=sys.stderr)
        return 1
    args.work.mkdir(parents=True, exist_ok=True)
    print("opening the index of corpus/ ...", file=sys.stderr, flush=True)
    catalog = Catalog.open(Settings(corpus_dir=REPO_CORPUS, index_dir=args.work / "index-llm"))
    print(f"starting llama.cpp's server with {model.path.name} ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    try:
        with LlamaServer(model.path, log_path=args.work / "llm-server.log") as server:
            startup = time.perf_counter() - started
            reader = TimedReader(LLMReader(url=server.url, timeout=TIMEOUT_SECONDS))
            bot = Assistant(catalog, reader=reader)
            run = measure(bot, reader, model=model.path.stem)
            threads = server.threads
    except ServerError as error:
        print(f"error: {error}\nRun 'make llm-server llm-model' first.", file=sys.stderr)
        return 1
    meta = machine()
    record = {"machine": meta, "server": {"startup_seconds": startup, "threads": threads}, **run.to_dict()}
    document = _document(record)
    print(document)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    (args.out / "results.md").write_text(document, encoding="utf-8")
    (args.out / "chart.svg").write_text(render_llm_chart(run.questions), encoding="utf-8")
    print(f"written: {args.out}/results.md, results.json, chart.svg")
    return 0


def _document(record: Mapping[str, Any]) -> str:
    """results.md: the per-question table, p50 / p95, the warm-up and the follow-up, the machine."""
    questions = record["questions"]
    warm, follow = record["warm_up"], record["follow_up"]
    slow = [q["question"] for q in questions if not q["within_assistant_timeout"]]
    lines = [
        render_llm_questions(questions),
        render_llm_summary(record["summary"], count=len(questions)),
        f"- model: {record['model']}, llama.cpp server with {record['server']['threads']} threads "
        f"(started in {record['server']['startup_seconds']:.1f} s)",
        f"- warm-up answer (not above): {warm['answer_seconds']:.1f} s, first token "
        f"{_seconds(warm['first_token_seconds'])}",
        f'- follow-up "{follow["question"]}" after "{follow["history"]}": {follow["answer_seconds"]:.1f} s, '
        f"of which rewriting it to stand alone {_seconds(follow['rewrite_seconds'])}; "
        f"first token of the answer {_seconds(follow['first_token_seconds'])}, "
        f"{follow.get('prompt_tokens') or '–'} prompt tokens; {follow['outcome']}",
        "- every answer within the assistant's 120 s timeout"
        if not slow
        else f"- over the assistant's 120 s timeout (it would have fallen back): {'; '.join(slow)}",
        "- repeat calls wrote the streamed text: "
        + ", ".join("yes" if q.get("same_text") else "no" for q in questions if "same_text" in q),
        "",
        describe(record["machine"]),
        "",
    ]
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks llm", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--work",
        type=Path,
        default=DEFAULT_WORK,
        help="where the index and server log go (default: %(default)s)",
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="where results go (default: %(default)s)"
    )
    return parser


def _streamed_rate(completion_tokens: int | None, usage: Any) -> float | None:
    """Completion tokens over the streamed reply's time after its first token.

    The first token waits for the whole prompt to be read, so it is left out of the rate.
    Example: 50 tokens, 12 s in all, the first at 2 s -> 5.0
    """
    if not completion_tokens or usage is None or usage.first_token_seconds is None:
        return None
    generating = usage.seconds - usage.first_token_seconds
    return completion_tokens / generating if generating > 0 else None


def _outcome(answer: Answer, *, called: bool) -> str:
    """Example: 'answered, 2 citations'; 'abstained'; 'fell back: The language model ...'"""
    if answer.notice:
        return f"fell back: {answer.notice}"
    if answer.abstained:
        return "abstained" if called else "abstained (no excerpts, no model call)"
    return f"answered, {len(answer.citations)} citation{'s' if len(answer.citations) != 1 else ''}"


def _role(message: Any) -> str:
    role = message.role
    return str(getattr(role, "value", role))


def _seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} s"


def _progress(what: str, figures: Mapping[str, Any]) -> None:
    print(
        f"[{what}] {figures['answer_seconds']:.1f} s, "
        f"first token {_seconds(figures['first_token_seconds'])}, "
        f"{figures.get('prompt_tokens')} + {figures.get('completion_tokens')} tokens: {figures['question']}",
        file=sys.stderr,
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
