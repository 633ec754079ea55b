"""`python -m benchmarks`: indexing and answering speed at several corpus sizes.

    python -m benchmarks                       # 5 (corpus/), 1,000 and 10,000 synthetic articles
    python -m benchmarks --sizes 5,1000        # a quicker run
    python -m benchmarks --out benchmarks/results
    python -m benchmarks --source real         # 1,000 and all (about 5,340) RealTimeQA 2025 articles
    python -m benchmarks --source real --sizes 1000,all,10000   # 10,000: all real + synthetic ones
    python -m benchmarks llm                   # the LLM reader on corpus/ (`benchmarks.llm_reader`)

With `--source synthetic` (the default, the committed figures of `make
bench`), size 5 is the repository's `corpus/` and any other size a synthetic
corpus from `benchmarks.synthetic` (the same articles for the same seed).
With `--source real`, a size is a count of RealTimeQA 2025 articles, or `all`,
or a count beyond all of them, made up with synthetic articles and labelled so
(`benchmarks.real_corpus`); `ask` is timed with that year's questions.
Corpora are written under the work folder and reused; every size gets a new,
empty index. Each size is measured in its own process (`benchmarks.measure`),
then the command line is timed answering one question from a fresh process
(cold start). Prints the table and each goal met or not; writes
`results.json`, `results.md` and `chart.svg` into `--out`.

A benchmark, not a test: it reports figures and never fails on them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.machine import describe, machine
from benchmarks.measure import peak_rss_mb, percentile
from benchmarks.report import (
    CHART_PANELS,
    REAL_CHART_PANELS,
    column_label,
    goal_verdicts,
    render_chart,
    render_table,
    scale_note,
)
from benchmarks.synthetic import DEFAULT_SEED, generate, questions, write_corpus

__all__ = ["main"]

PROJECT_DIR = Path(__file__).resolve().parent.parent
REPO_CORPUS = PROJECT_DIR / "corpus"
REPO_CORPUS_SIZE = 5
SOURCES = ("synthetic", "real")
DEFAULT_SIZES: dict[str, tuple[int | str, ...]] = {
    "synthetic": (REPO_CORPUS_SIZE, 1000, 10000),
    "real": (1000, "all"),
}
DEFAULT_WORK = PROJECT_DIR / ".bench"
DEFAULT_OUT = {
    "synthetic": PROJECT_DIR / "benchmarks" / "results",
    "real": PROJECT_DIR / "benchmarks" / "results" / "real",
}
QUESTIONS_PER_SIZE = 40
COLD_RUNS = 10
# Questions about the repository's corpus, answered and abstained alike.
REPO_QUESTIONS = (
    "How many organizations signed the ACLU letter?",
    "How many immigrants had been placed in deportation proceedings?",
    "By when did the ACLU want Sheriff Mims to respond?",
    "What did ICE spokeswoman Virginia Kice say?",
    "Which sheriff's office stopped honoring ICE detainer requests?",
    "What did the 2022 ACLU report find?",
    "How many detainer requests did ICE say were declined?",
    "What is the capital of France?",
)


@dataclass(frozen=True)
class Prepared:
    """A corpus written and ready to measure: its folder, its questions, and what to say about it."""

    key: str  # names its index and question files: '1000', 'real-all'
    folder: Path
    questions: list[str]
    about: dict[str, object] = field(default_factory=dict)  # label, source, ... (go into the figures)

    @property
    def name(self) -> str:
        return str(self.about.get("label") or f"{int(self.key):,} articles")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["llm"]:
        from benchmarks.llm_reader import main as llm_main

        return llm_main(argv[1:])
    parser = _parser()
    args = parser.parse_args(argv)
    sizes = args.sizes or DEFAULT_SIZES[args.source]
    if args.source == "synthetic" and "all" in sizes:
        parser.error("'all' is a size of the real corpus: pass --source real, or numbers only")
    out = args.out or DEFAULT_OUT[args.source]
    env = _environment()
    args.work.mkdir(parents=True, exist_ok=True)
    try:
        corpora = _corpora(args.source, sizes, args.work, seed=args.seed, realtimeqa=args.realtimeqa)
    except ValueError as error:  # RealTimeQAError, RealCorpusError: the message says what to do
        print(f"error: {error}", file=sys.stderr)
        return 1
    results = []
    for corpus in corpora:
        corpus_dir, asked, size = corpus.folder, corpus.questions, corpus.name
        index_dir = args.work / f"index-{corpus.key}"
        shutil.rmtree(index_dir, ignore_errors=True)
        questions_file = args.work / f"questions-{corpus.key}.json"
        questions_file.write_text(json.dumps(asked), encoding="utf-8")
        print(f"[{size}] indexing and asking ...", file=sys.stderr, flush=True)
        started = time.monotonic()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "benchmarks.measure",
                str(corpus_dir),
                str(index_dir),
                "--questions",
                str(questions_file),
            ],
            cwd=PROJECT_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return 1
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"[{size}] cold CLI answers ...", file=sys.stderr, flush=True)
        figures.update(_cold(corpus_dir, index_dir, asked, env))
        figures["wall_seconds"] = time.monotonic() - started
        figures.update(corpus.about)
        results.append(figures)
        print(
            f"[{size}] done in {figures['wall_seconds']:.0f}s: {json.dumps(figures)}",
            file=sys.stderr,
            flush=True,
        )

    table = render_table(results)
    verdicts = goal_verdicts(results)
    note = scale_note(results)
    print(table)
    print("\n".join(verdicts))
    if note:
        print(note)
    out.mkdir(parents=True, exist_ok=True)
    meta = machine()
    asked_by_corpus = {column_label(f): c.questions for f, c in zip(results, corpora, strict=True)}
    (out / "results.json").write_text(
        json.dumps({"machine": meta, "results": results, "questions": asked_by_corpus}, indent=2) + "\n",
        encoding="utf-8",
    )
    (out / "results.md").write_text(
        f"{table}\n"
        + "".join(f"- {line}\n" for line in verdicts)
        + (f"\n{note}\n" if note else "")
        + f"\n{describe(meta)}\n",
        encoding="utf-8",
    )
    panels = REAL_CHART_PANELS if args.source == "real" else CHART_PANELS
    (out / "chart.svg").write_text(render_chart(results, panels=panels), encoding="utf-8")
    print(f"\n{describe(meta)}\nwritten: {out}/results.md, results.json, chart.svg")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source",
        choices=SOURCES,
        default="synthetic",
        help="synthetic articles (5 is corpus/), or the RealTimeQA 2025 articles (default: synthetic)",
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=None,
        help="comma-separated article counts, or 'all' for every real article "
        "(default: 5,1000,10000; with --source real: 1000,all)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the synthetic corpora")
    parser.add_argument(
        "--realtimeqa",
        type=Path,
        default=None,
        help="the RealTimeQA 2025 folder for --source real (default: ../shared/realtimeqa/2025)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=DEFAULT_WORK,
        help="where corpora and indexes are written (default: %(default)s)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="where results go (default: benchmarks/results; with --source real: benchmarks/results/real)",
    )
    return parser


def _sizes(text: str) -> tuple[int | str, ...]:
    """Example: '1000,all' -> (1000, 'all')"""
    try:
        sizes = tuple(
            part.strip() if part.strip() == "all" else int(part) for part in text.split(",") if part.strip()
        )
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a list of numbers: write e.g. --sizes 5,1000 (or 1000,all with --source real)"
        ) from None
    if not sizes or any(isinstance(size, int) and size < 1 for size in sizes):
        raise argparse.ArgumentTypeError("sizes must be positive article counts, e.g. --sizes 5,1000")
    return sizes


def _corpora(
    source: str, sizes: Sequence[int | str], work: Path, *, seed: int, realtimeqa: Path | None
) -> list[Prepared]:
    """Each size's corpus, written under `work`, with its questions."""
    if source == "synthetic":
        return [_synthetic(int(size), work, seed=seed) for size in sizes]
    from benchmarks.real_corpus import RealSource, select, write
    from evals.realnews.realtimeqa import WeekFiles

    print("reading the RealTimeQA weeks ...", file=sys.stderr, flush=True)
    real = RealSource.load(WeekFiles.locate(realtimeqa))
    prepared = []
    for size in sizes:
        corpus = select(real, size, questions=QUESTIONS_PER_SIZE)
        folder = write(corpus, work / corpus.folder_name, seed=seed)
        about: dict[str, object] = {
            "label": corpus.label,
            "source": corpus.source,
            "real_articles": len(corpus.articles),
            "synthetic_articles": corpus.synthetic,
            "real_available": corpus.available,
            "all_real": len(corpus.articles) == corpus.available,
            "question_weeks": len(corpus.weeks),
        }
        prepared.append(Prepared(f"real-{corpus.size}", folder, list(corpus.questions), about))
    return prepared


def _synthetic(size: int, work: Path, *, seed: int) -> Prepared:
    """The corpus folder for `size` and the questions to ask it."""
    about: dict[str, object] = {"source": "synthetic"}
    if size == REPO_CORPUS_SIZE:
        asked = [REPO_QUESTIONS[i % len(REPO_QUESTIONS)] for i in range(QUESTIONS_PER_SIZE)]
        return Prepared(str(size), REPO_CORPUS, asked, about)
    folder = work / f"corpus-{size}-seed{seed}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(folder, size, seed=seed)
        (folder / ".complete").touch()
    return Prepared(
        str(size), folder, questions(generate(size, seed=seed), QUESTIONS_PER_SIZE, seed=seed), about
    )


def _cold(
    corpus_dir: Path, index_dir: Path, questions: Sequence[str], env: dict[str, str]
) -> dict[str, float]:
    """Wall time p50 and p95 (and peak memory) of new processes each answering one of `questions`
    (the first `COLD_RUNS`, round again if there are fewer) on a built index."""
    times, peaks = [], []
    for run in range(COLD_RUNS):
        question = questions[run % len(questions)]
        command = [sys.executable, "-m", "assistant", "ask", question, "--corpus", str(corpus_dir),
                   "--index-dir", str(index_dir)]  # fmt: skip
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=PROJECT_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - started)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise RuntimeError(f"the CLI failed: {process.stderr.read().decode() if process.stderr else ''}")
        peaks.append(peak_rss_mb(usage))
    return {
        "cold_seconds": percentile(times, 50),
        "cold_p95_seconds": percentile(times, 95),
        "cold_peak_mb": max(peaks),
    }


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False")
    for name in ("CHROMA_HOST", "CHROMA_PORT", "ASSISTANT_INDEX_DIR", "ASSISTANT_CORPUS"):
        env.pop(name, None)  # every size uses its own embedded index
    return env


if __name__ == "__main__":
    sys.exit(main())
