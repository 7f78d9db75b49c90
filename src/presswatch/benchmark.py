"""Throughput benchmark: the cost of presswatch's extractors relative to bare parsing.

Both sides parse the same articles with the same pipeline and batch size. To be fair on
a shared, noisy machine the articles are cut into chunks and the two sides alternate
chunk by chunk (bare, full, bare, full ...), so that a slow minute hits both; the
result is the ratio of the summed times, not an absolute speed.
"""

from __future__ import annotations

import itertools
import platform
import time
from pathlib import Path
from typing import Any

from presswatch.ingest import read_inputs
from presswatch.models import Document
from presswatch.pipeline import Pipeline
from presswatch.settings import Settings


def load_articles(path: Path, n: int, max_bytes: int) -> list[Document]:
    docs = (d for d in read_inputs([path], max_bytes=max_bytes) if isinstance(d, Document))
    return list(itertools.islice(docs, n))


def run_benchmark(
    path: Path, *, n: int = 1000, settings: Settings, chunk: int = 50
) -> dict[str, Any]:
    docs = load_articles(path, n, settings.max_file_bytes)
    pipe = Pipeline(settings)
    nlp = pipe.nlp
    # warm up both paths (model caches, regex compilation) outside the measurement
    list(pipe.extract(docs[:2]))
    pipe.timings = {}
    bare = full = 0.0
    for i in range(0, len(docs), chunk):
        part = docs[i : i + chunk]
        t0 = time.perf_counter()
        for _ in nlp.pipe((d.text for d in part), batch_size=settings.batch_size):
            pass
        t1 = time.perf_counter()
        for _ in pipe.extract(part):
            pass
        t2 = time.perf_counter()
        bare += t1 - t0
        full += t2 - t1
    chars = sum(len(d.text) for d in docs)
    return {
        "corpus": str(path),
        "articles": len(docs),
        "characters": chars,
        "bare_parse_seconds": round(bare, 2),
        "extract_seconds": round(full, 2),
        "ratio_extract_to_parse": round(full / bare, 3) if bare else None,
        "extractor_overhead": round((full - bare) / bare, 3) if bare else None,
        # each extractor's own time, as a share of bare parse time
        "stage_overhead": {
            name: round(seconds / bare, 3) for name, seconds in sorted(pipe.timings.items())
        }
        if bare
        else {},
        "chunk": chunk,
        "batch_size": settings.batch_size,
        "python": platform.python_version(),
    }
