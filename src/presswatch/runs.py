"""Batch runs over many inputs: ``extract`` (records to a stream) and ``ingest`` (store).

Both read inputs with :func:`presswatch.ingest.read_inputs`, so bad input becomes an
:class:`~presswatch.models.IngestFailure` that is reported and recorded while the batch
goes on. ``ingest`` skips texts already stored before parsing anything (documents are
identified by the hash of their text), commits each document in its own transaction,
and links near-duplicates, so an interrupted run keeps what it committed and a rerun
finishes the rest.
"""

from __future__ import annotations

import dataclasses
import gzip
import itertools
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from presswatch.ingest import NearDuplicateIndex, read_inputs
from presswatch.models import Document, Extraction, IngestFailure
from presswatch.pipeline import Pipeline
from presswatch.resolve.crossdoc import ActorRegistry
from presswatch.settings import Settings
from presswatch.store import Store

Progress = Callable[[int], None]
#: How the path an input was read from is recorded (see :func:`ingest`'s ``relabel``).
Relabel = Callable[[str], str]


@dataclass(slots=True)
class RunReport:
    """What one run did; ``failures`` are the inputs that could not be used."""

    counts: Counter[str] = field(default_factory=Counter)
    failures: list[IngestFailure] = field(default_factory=list)
    interrupted: bool = False
    run_id: int | None = None

    def add_failure(self, failure: IngestFailure) -> None:
        self.failures.append(failure)
        self.counts["failed"] += 1

    @property
    def ok(self) -> bool:
        return not self.failures and not self.interrupted


def _noop(_: int) -> None:
    return None


def extract_records(
    paths: Sequence[str | Path],
    *,
    settings: Settings,
    manifest: str | Path | None = None,
    published: str | None = None,
    report: RunReport | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[Extraction]:
    """Extraction records for every readable input, in input order. Failures go to
    ``report``; actor names are unified across the documents of the run."""
    report = report if report is not None else RunReport()
    pipe = pipeline or Pipeline(settings)
    registry = ActorRegistry()

    def documents() -> Iterator[Document]:
        for item in read_inputs(
            paths, manifest=manifest, published=published, max_bytes=settings.max_file_bytes
        ):
            if isinstance(item, IngestFailure):
                report.add_failure(item)
                continue
            report.counts["read"] += 1
            yield item

    for ex in pipe.extract(documents()):
        if isinstance(ex, IngestFailure):
            report.add_failure(ex)
            continue
        ex.entities = registry.apply(ex.entities)
        report.counts["extracted"] += 1
        yield ex


def ingest(
    store: Store,
    paths: Sequence[str | Path],
    *,
    settings: Settings,
    manifest: str | Path | None = None,
    published: str | None = None,
    progress: Progress = _noop,
    pipeline: Pipeline | None = None,
    command_args: dict[str, Any] | None = None,
    relabel: Relabel | None = None,
) -> RunReport:
    """Read, extract and store. Stops cleanly on KeyboardInterrupt (Ctrl-C, or SIGTERM
    turned into it by the CLI): what was committed stays, and the run is marked
    interrupted.

    ``relabel`` maps the path each document and failure was read from to the path
    recorded for it (the web API reads uploads from a temporary folder, and records
    them by the upload's name instead); by default paths are recorded as read."""
    report = RunReport()
    run_id = store.start_run("ingest", command_args or {"paths": [str(p) for p in paths]})
    report.run_id = run_id
    seen: set[str] = set()
    saved: set[str] = set()
    # duplicates of a text still in the parser's queue: their paths are added once saved
    pending: dict[str, list[str]] = {}
    registry: ActorRegistry | None = None
    dedup: NearDuplicateIndex | None = None
    pipe = pipeline

    def fail(failure: IngestFailure) -> None:
        store.record_failure(run_id, failure)
        report.add_failure(failure)
        progress(1)

    def new_documents() -> Iterator[Document]:
        items = read_inputs(
            paths, manifest=manifest, published=published, max_bytes=settings.max_file_bytes
        )
        if relabel is not None:
            items = (_relabelled(item, relabel) for item in items)
        while True:
            chunk = list(itertools.islice(items, 256))
            if not chunk:
                return
            # hash each text once: the id is sha256 of the text
            ids = {k: d.id for k, d in enumerate(chunk) if isinstance(d, Document)}
            known = store.known_ids(ids.values())
            for k, item in enumerate(chunk):
                if isinstance(item, IngestFailure):
                    fail(item)
                    continue
                doc_id = ids[k]
                if doc_id in known or doc_id in seen:
                    if doc_id in known or doc_id in saved:
                        store.add_source(doc_id, item.path, run_id)
                    else:
                        pending.setdefault(doc_id, []).append(item.path)
                    report.counts["unchanged" if doc_id in known else "duplicate"] += 1
                    progress(1)
                    continue
                seen.add(doc_id)
                yield item

    try:
        docs = new_documents()
        first = next(docs, None)
        if first is not None:
            # only now, with something new to parse, load spaCy and the indexes
            pipe = pipe or Pipeline(settings)
            registry = ActorRegistry(store.actor_names())
            dedup = NearDuplicateIndex(
                num_perm=settings.minhash_permutations,
                threshold=settings.near_duplicate_threshold,
                shingle_size=settings.shingle_size,
            )
            stale = 0
            for doc_id, sig in store.signatures():
                try:
                    dedup.add(doc_id, sig)
                except ValueError:
                    stale += 1  # made with other MinHash settings: not comparable
            if stale:
                report.counts["signatures-skipped"] = stale
            for ex in pipe.extract(itertools.chain([first], docs)):
                if isinstance(ex, IngestFailure):
                    fail(ex)
                    continue
                _save(store, ex, run_id, registry, dedup, report)
                saved.add(ex.doc.id)
                for path in pending.pop(ex.doc.id, []):
                    store.add_source(ex.doc.id, path, run_id)
                progress(1)
    except KeyboardInterrupt:
        report.interrupted = True
        store.finish_run(run_id, "interrupted", dict(report.counts))
        return report
    status = "completed" if not report.failures else "completed-with-failures"
    store.finish_run(run_id, status, dict(report.counts))
    return report


def _relabelled(item: Document | IngestFailure, relabel: Relabel) -> Document | IngestFailure:
    if isinstance(item, IngestFailure):
        return dataclasses.replace(item, path=relabel(item.path))
    item.path = relabel(item.path)
    return item


def _save(
    store: Store,
    ex: Extraction,
    run_id: int,
    registry: ActorRegistry,
    dedup: NearDuplicateIndex,
    report: RunReport,
) -> None:
    ex.entities = registry.apply(ex.entities)
    sig = dedup.signature(ex.doc.text)
    near = dedup.query(sig)
    store.save(ex, run_id=run_id, minhash=sig, near_duplicates=near)
    dedup.add(ex.doc.id, sig)
    report.counts["stored"] += 1
    if near:
        report.counts["near-duplicates"] += 1


def count_inputs(paths: Sequence[str | Path], *, manifest: str | Path | None = None) -> int | None:
    """How many items a run will read, for a progress bar's total (None if unknown)."""
    total = 0
    try:
        if manifest is not None:
            with open(manifest, "rb") as fh:
                total += sum(1 for line in fh if line.strip())
        for p in paths:
            path = Path(p)
            if path.is_dir():
                total += sum(
                    1 for f in path.rglob("*") if f.is_file() and not f.name.startswith(".")
                )
            elif path.name.endswith(".jsonl.gz"):
                with gzip.open(path, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            elif path.name.endswith(".jsonl"):
                with open(path, "rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            else:
                total += 1
    except (OSError, EOFError, gzip.BadGzipFile):
        return None
    return total
