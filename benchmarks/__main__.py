"""`python -m benchmarks`: indexing and answering speed at several corpus sizes.

    python -m benchmarks                       # 5 (corpus/), 1,000 and 10,000 articles
    python -m benchmarks --sizes 5,1000        # a quicker run
    python -m benchmarks --out benchmarks/results

Size 5 is the repository's `corpus/`; any other size is a synthetic corpus
from `benchmarks.synthetic` (the same articles for the same seed), written
once under the work folder and reused. Every size gets a new, empty index.
Each size is measured in its own process (`benchmarks.measure`), then the
command line is timed answering one question from a fresh process (cold
start). Prints the table and each goal met or not; writes `results.json`,
`results.md` and `chart.svg` into `--out`.

A benchmark, not a test: it reports figures and never fails on them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.measure import peak_rss_mb
from benchmarks.report import goal_verdicts, render_chart, render_table
from benchmarks.synthetic import DEFAULT_SEED, generate, questions, write_corpus

__all__ = ["main"]

PROJECT_DIR = Path(__file__).resolve().parent.parent
REPO_CORPUS = PROJECT_DIR / "corpus"
REPO_CORPUS_SIZE = 5
DEFAULT_SIZES = (REPO_CORPUS_SIZE, 1000, 10000)
DEFAULT_WORK = PROJECT_DIR / ".bench"
DEFAULT_OUT = PROJECT_DIR / "benchmarks" / "results"
QUESTIONS_PER_SIZE = 40
COLD_RUNS = 3
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


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    env = _environment()
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for size in args.sizes:
        corpus_dir, asked = _corpus(size, args.work, seed=args.seed)
        index_dir = args.work / f"index-{size}"
        shutil.rmtree(index_dir, ignore_errors=True)
        questions_file = args.work / f"questions-{size}.json"
        questions_file.write_text(json.dumps(asked), encoding="utf-8")
        print(f"[{size:,} articles] indexing and asking ...", file=sys.stderr, flush=True)
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
        print(f"[{size:,} articles] cold CLI answers ...", file=sys.stderr, flush=True)
        figures.update(_cold(corpus_dir, index_dir, asked[0], env))
        figures["wall_seconds"] = time.monotonic() - started
        results.append(figures)
        print(
            f"[{size:,} articles] done in {figures['wall_seconds']:.0f}s: {json.dumps(figures)}",
            file=sys.stderr,
            flush=True,
        )

    table = render_table(results)
    verdicts = goal_verdicts(results)
    print(table)
    print("\n".join(verdicts))
    args.out.mkdir(parents=True, exist_ok=True)
    meta = _machine()
    (args.out / "results.json").write_text(
        json.dumps({"machine": meta, "results": results}, indent=2) + "\n", encoding="utf-8"
    )
    (args.out / "results.md").write_text(
        f"{table}\n" + "".join(f"- {line}\n" for line in verdicts) + f"\n{_describe(meta)}\n",
        encoding="utf-8",
    )
    (args.out / "chart.svg").write_text(render_chart(results), encoding="utf-8")
    print(f"\n{_describe(meta)}\nwritten: {args.out}/results.md, results.json, chart.svg")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=DEFAULT_SIZES,
        help="comma-separated article counts; 5 is corpus/ (default: 5,1000,10000)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the synthetic corpora")
    parser.add_argument(
        "--work",
        type=Path,
        default=DEFAULT_WORK,
        help="where corpora and indexes are written (default: %(default)s)",
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="where results go (default: %(default)s)"
    )
    return parser


def _sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a list of numbers: write e.g. --sizes 5,1000"
        ) from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive article counts, e.g. --sizes 5,1000")
    return sizes


def _corpus(size: int, work: Path, *, seed: int) -> tuple[Path, list[str]]:
    """The corpus folder for `size` and the questions to ask it."""
    if size == REPO_CORPUS_SIZE:
        return REPO_CORPUS, [REPO_QUESTIONS[i % len(REPO_QUESTIONS)] for i in range(QUESTIONS_PER_SIZE)]
    folder = work / f"corpus-{size}-seed{seed}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(folder, size, seed=seed)
        (folder / ".complete").touch()
    return folder, questions(generate(size, seed=seed), QUESTIONS_PER_SIZE, seed=seed)


def _cold(corpus_dir: Path, index_dir: Path, question: str, env: dict[str, str]) -> dict[str, float]:
    """Median wall time (and peak memory) of a new process answering `question` on a built index."""
    command = [
        sys.executable,
        "-m",
        "assistant",
        "ask",
        question,
        "--corpus",
        str(corpus_dir),
        "--index-dir",
        str(index_dir),
    ]
    times, peaks = [], []
    for _ in range(COLD_RUNS):
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
    return {"cold_seconds": statistics.median(times), "cold_peak_mb": max(peaks)}


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", ANONYMIZED_TELEMETRY="False")
    for name in ("CHROMA_HOST", "CHROMA_PORT", "ASSISTANT_INDEX_DIR", "ASSISTANT_CORPUS"):
        env.pop(name, None)  # every size uses its own embedded index
    return env


def _machine() -> dict[str, object]:
    load = os.getloadavg()
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_at_end": [round(x, 2) for x in load],
    }


def _describe(meta: dict[str, object]) -> str:
    load = ", ".join(str(x) for x in meta["load_at_end"])  # type: ignore[union-attr]
    return (
        f"Measured {meta['date']} on {meta['cpus']} CPUs, Python {meta['python']}, {meta['platform']}; "
        f"load average at the end (1, 5, 15 min): {load}."
    )


if __name__ == "__main__":
    sys.exit(main())
