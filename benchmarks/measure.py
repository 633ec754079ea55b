"""Measure: the figures for one corpus, taken in one fresh process.

    python -m benchmarks.measure CORPUS INDEX_DIR --questions FILE   # prints one JSON object

The order is fixed so every figure means the same at every size:

1. chunking alone: `Chunker.split` on every article (llama-index imported
   first, not timed);
2. raw encode, the limit the build is measured against:
   sentence-transformers' fp32 `SentenceTransformer.encode` (torch, batch 32)
   on the same text cut into pieces of about 1,000 characters. Above
   `RAW_ENCODE_MAX_PIECES` it encodes every n-th piece, evenly spread, and
   scales the time to the whole text by characters: the same mix of text,
   without encoding tens of megabytes twice;
3. indexing: `Catalog.open` on an empty index folder, which chunks, embeds
   (ONNX Runtime, `index.embedding`) and stores every article and builds the
   BM25 index (wall time, and CPU time of this process, steadier when other
   work shares the machine); the build ratio is its time over the raw encode's;
4. re-opening an unchanged corpus: `Catalog.open` again, three times (median);
5. one changed article: a sentence appended to one article's file, then
   `Catalog.open` (the file is put back afterwards);
6. warm `ask` latency: a few questions to warm up, then every question, timed
   one by one (p50 and p95);
7. the peak resident memory of this process.

Cold start (a new process answering one question) is measured by
`benchmarks.__main__`, which runs the command line itself.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from index.settings import Settings

__all__ = ["measure", "percentile", "pieces", "raw_encode"]

WARM_UP_QUESTIONS = 3
REOPENS = 3
RAW_PIECE_CHARS = 1000
RAW_BATCH_SIZE = 32
RAW_ENCODE_MAX_PIECES = 2000
CHANGED_SENTENCE = "\n\nThis article was updated to add one sentence.\n"


def measure(corpus_dir: Path, index_dir: Path, questions: Sequence[str]) -> dict[str, float]:
    """The figures for one corpus; `index_dir` must not hold an index yet."""
    from assistant.api import Assistant
    from index.articles import load_corpus
    from index.catalog import Catalog
    from index.chunking import Chunker
    from index.settings import Settings

    settings = Settings(corpus_dir=corpus_dir, index_dir=index_dir)
    corpus = load_corpus(corpus_dir)
    chunker = Chunker(chunk_size=settings.chunk_size, chunk_overlap=settings.chunk_overlap)
    chunker.split(next(iter(corpus)))  # imports llama-index, which indexing below finds imported
    started = time.perf_counter()
    for article in corpus:
        chunker.split(article)
    chunk_seconds = time.perf_counter() - started

    raw = raw_encode([article.text for article in corpus])

    started, cpu = time.perf_counter(), time.process_time()
    catalog = Catalog.open(settings)
    index_seconds, index_cpu = time.perf_counter() - started, time.process_time() - cpu
    passages = catalog.retriever.store.passage_count()

    reopen_times = []
    for _ in range(REOPENS):
        started = time.perf_counter()
        catalog = Catalog.open(settings)
        reopen_times.append(time.perf_counter() - started)
        assert not catalog.report.changed, "an unchanged corpus was re-indexed"

    changed_seconds = _one_changed(settings, corpus_dir / next(iter(corpus)).path)
    catalog = Catalog.open(settings)

    bot = Assistant(catalog)
    for question in questions[:WARM_UP_QUESTIONS]:
        bot.ask(question)
    latencies = []
    for question in questions:
        started = time.perf_counter()
        bot.ask(question)
        latencies.append(time.perf_counter() - started)

    return {
        "articles": len(corpus),
        "passages": passages,
        "characters": sum(len(article.text) for article in corpus),
        "chars_per_article": statistics.median(len(article.text) for article in corpus),
        "chunk_seconds": chunk_seconds,
        **raw,
        "index_seconds": index_seconds,
        "index_rate": passages / index_seconds,
        # The same ratio in CPU time of this process: steadier when other work shares the cores.
        "build_cpu_ratio": index_cpu / raw["raw_encode_cpu_seconds"],
        "reindex_seconds": statistics.median(reopen_times),
        "changed_seconds": changed_seconds,
        "ask_p50_ms": 1000 * percentile(latencies, 50),
        "ask_p95_ms": 1000 * percentile(latencies, 95),
        "peak_mb": peak_rss_mb(resource.getrusage(resource.RUSAGE_SELF)),
    }


def raw_encode(texts: Sequence[str]) -> dict[str, float]:
    """sentence-transformers' fp32 encoding time of `texts` in pieces of about 1,000 characters.

    Wall and CPU seconds for all of the text; above `RAW_ENCODE_MAX_PIECES`, an even sample
    of the pieces is timed and the times scaled by characters.
    """
    import gc

    from sentence_transformers import SentenceTransformer

    from index.embedding import bundled_model_path

    cut = [piece for text in texts for piece in pieces(text)]
    sample = cut[:: -(-len(cut) // RAW_ENCODE_MAX_PIECES)]  # every n-th, n rounded up
    scale = sum(map(len, cut)) / sum(map(len, sample))
    model = SentenceTransformer(str(bundled_model_path()), device="cpu")
    model.encode(sample[:RAW_BATCH_SIZE], batch_size=RAW_BATCH_SIZE)  # warm up, not timed
    started, cpu = time.perf_counter(), time.process_time()
    model.encode(sample, batch_size=RAW_BATCH_SIZE, normalize_embeddings=True, convert_to_numpy=True)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    del model
    gc.collect()
    return {
        "raw_encode_pieces": len(cut),
        "raw_encode_timed": len(sample),
        "raw_encode_seconds": seconds * scale,
        "raw_encode_cpu_seconds": cpu_seconds * scale,
    }


def pieces(text: str, *, size: int = RAW_PIECE_CHARS) -> list[str]:
    """`text` cut at the last whitespace before every `size` characters (mid-word only in a longer word).

    Example: pieces('aaa bbb ccc', size=8) -> ['aaa bbb', 'ccc']
    """
    out = []
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            space = max(text.rfind(" ", start, end + 1), text.rfind("\n", start, end + 1))
            end = space if space > start else end
        if text[start:end].strip():
            out.append(text[start:end].strip())
        start = end
    return out


def _one_changed(settings: Settings, path: Path) -> float:
    """Seconds `Catalog.open` takes after one article's file gained a sentence (the file put back after)."""
    from index.catalog import Catalog

    original = path.read_bytes()
    try:
        path.write_bytes(original + CHANGED_SENTENCE.encode())
        started = time.perf_counter()
        catalog = Catalog.open(settings)
        seconds = time.perf_counter() - started
        assert len(catalog.report.updated) == 1, f"not one article re-indexed: {catalog.report.summary()}"
    finally:
        path.write_bytes(original)
    return seconds


def percentile(values: Sequence[float], p: float) -> float:
    """Linear interpolation between the closest ranks.

    Example: percentile([1, 2, 3, 4], 50) -> 2.5
    """
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def peak_rss_mb(usage: resource.struct_rusage) -> float:
    """ru_maxrss is in kilobytes on Linux."""
    return usage.ru_maxrss / 1024


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.measure")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--questions", type=Path, required=True, help="a JSON list of questions")
    args = parser.parse_args(argv)
    questions = json.loads(args.questions.read_text(encoding="utf-8"))
    print(json.dumps(measure(args.corpus, args.index_dir, questions)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
