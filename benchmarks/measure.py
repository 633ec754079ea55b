"""Measure: the figures for one corpus, taken in one fresh process.

    python -m benchmarks.measure CORPUS INDEX_DIR --questions FILE   # prints one JSON object

The order is fixed so every figure means the same at every size:

1. chunking alone: `Chunker.split` on every article (llama-index imported
   first, not timed); then the model is loaded and warmed up (not timed);
2. raw encode: `SentenceTransformer.encode` on the texts of every passage the
   indexer will make, in one call (the best the model can do here). Above
   `RAW_ENCODE_MAX_PASSAGES` (more than any synthetic size makes) it encodes
   every n-th passage instead, evenly spread: the rate of the same mix of
   passages, without encoding 300,000 real ones twice;
3. indexing: `Catalog.open` on an empty index folder, which chunks, embeds and
   stores every article and builds the BM25 index (wall time, and CPU time of
   this process for a ratio that other work on the machine disturbs less);
4. re-indexing an unchanged corpus: `Catalog.open` again, three times (median);
5. warm `ask` latency: a few questions to warm up, then every question, timed
   one by one (p50 and p95);
6. the peak resident memory of this process.

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

__all__ = ["measure", "percentile"]

WARM_UP_QUESTIONS = 3
REOPENS = 3
RAW_ENCODE_MAX_PASSAGES = 64_000


def measure(corpus_dir: Path, index_dir: Path, questions: Sequence[str]) -> dict[str, float]:
    """The figures for one corpus; `index_dir` must not hold an index yet."""
    from sentence_transformers import SentenceTransformer

    from assistant.api import Assistant
    from index.articles import load_corpus
    from index.catalog import Catalog
    from index.chunking import Chunker
    from index.embedding import ENCODE_BATCH_SIZE, Embedder
    from index.settings import Settings

    settings = Settings(corpus_dir=corpus_dir, index_dir=index_dir)
    corpus = load_corpus(corpus_dir)
    chunker = Chunker(chunk_size=settings.chunk_size, chunk_overlap=settings.chunk_overlap)
    chunker.split(next(iter(corpus)))  # imports llama-index, which indexing below finds imported
    started = time.perf_counter()
    texts = [p.text for article in corpus for p in chunker.split(article)]
    chunk_seconds = time.perf_counter() - started

    embedder = Embedder(settings.embedding_model)
    model = SentenceTransformer(str(embedder.model_path), device="cpu")
    model.encode(texts[:ENCODE_BATCH_SIZE], batch_size=ENCODE_BATCH_SIZE)
    embedder.encode(texts[:ENCODE_BATCH_SIZE])

    raw = texts[:: -(-len(texts) // RAW_ENCODE_MAX_PASSAGES)]  # every n-th, n rounded up
    started, cpu = time.perf_counter(), time.process_time()
    model.encode(raw, batch_size=ENCODE_BATCH_SIZE, normalize_embeddings=True, convert_to_numpy=True)
    encode_seconds, encode_cpu = time.perf_counter() - started, time.process_time() - cpu
    del model

    started, cpu = time.perf_counter(), time.process_time()
    catalog = Catalog.open(settings, embedder=embedder)
    index_seconds, index_cpu = time.perf_counter() - started, time.process_time() - cpu
    passages = catalog.retriever.store.passage_count()

    reopen_times = []
    for _ in range(REOPENS):
        started = time.perf_counter()
        catalog = Catalog.open(settings)
        reopen_times.append(time.perf_counter() - started)
        assert not catalog.report.changed, "an unchanged corpus was re-indexed"

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
        "encode_passages": len(raw),
        "encode_rate": len(raw) / encode_seconds,
        "index_seconds": index_seconds,
        "index_rate": passages / index_seconds,
        # The same ratio in CPU time of this process: steadier when other work shares the cores.
        "index_cpu_ratio": (passages / index_cpu) / (len(raw) / encode_cpu),
        "reindex_seconds": statistics.median(reopen_times),
        "ask_p50_ms": 1000 * percentile(latencies, 50),
        "ask_p95_ms": 1000 * percentile(latencies, 95),
        "peak_mb": peak_rss_mb(resource.getrusage(resource.RUSAGE_SELF)),
    }


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
