"""Ingest through the API: one article (JSON) or one uploaded file, by the normal pipeline.

The article or file is written to a private temporary folder and ingested from there
with :func:`presswatch.runs.ingest`, exactly as ``presswatch ingest FILE`` would: the
same readers (so an uploaded ``.html`` goes through trafilatura, a ``.jsonl`` gives one
document per line), the same duplicate checks, one run recorded in the store, failures
recorded with their reason. The stored documents' ``path`` is that of the temporary
file (``…/presswatch-api-XXXX/article.json``); the folder is removed afterwards.

One ingest runs at a time (:class:`Ingestor` holds a lock), with one spaCy pipeline
loaded on the first request and kept.
"""

from __future__ import annotations

import json
import re
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from presswatch.ingest import read_inputs
from presswatch.models import Document, IngestFailure
from presswatch.pipeline import Pipeline
from presswatch.runs import ingest
from presswatch.settings import Settings
from presswatch.store import Store

#: Name of the file an article sent as JSON is ingested from.
ARTICLE_FILE = "article.json"
#: Name of an uploaded file whose own name is unusable.
UPLOAD_FILE = "upload.txt"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(name: str | None) -> str:
    """The last part of an uploaded file's name, reduced to letters, digits, ``._-``
    (the extension decides how it is read); :data:`UPLOAD_FILE` when nothing is left."""
    base = re.split(r"[\\/]", name or "")[-1]
    cleaned = _UNSAFE.sub("_", base).strip("._")[:120]
    return cleaned or UPLOAD_FILE


@dataclass(slots=True)
class IngestResult:
    """What one API ingest did: the ids of the documents read (stored now or before)."""

    ids: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    failures: list[IngestFailure] = field(default_factory=list)
    run_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.ids[0] if self.ids else None,
            "ids": list(self.ids),
            "href": f"/documents/{self.ids[0]}" if self.ids else None,
            "stored": self.counts.get("stored", 0),
            "unchanged": self.counts.get("unchanged", 0) + self.counts.get("duplicate", 0),
            "failures": [f.to_dict() for f in self.failures],
            "run_id": self.run_id,
        }


class Ingestor:
    """Ingests articles and files into one store, one at a time."""

    def __init__(self, store: Store, settings: Settings, pipeline: Pipeline | None = None) -> None:
        self.store = store
        self.settings = settings.with_overrides(n_process=1)
        self._pipeline = pipeline
        self._lock = threading.Lock()

    def _pipe(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(self.settings)
        return self._pipeline

    def article(self, article: dict[str, Any]) -> IngestResult:
        """Ingest one article given as a JSON object (``text``, ``title``, ...)."""
        data = json.dumps(article, ensure_ascii=False).encode("utf-8")
        return self.file(ARTICLE_FILE, data, label="api: article")

    def file(
        self, filename: str | None, data: bytes, *, label: str = "api: upload"
    ) -> IngestResult:
        """Ingest an uploaded file, read by its name's extension like any input file."""
        name = safe_filename(filename)
        with self._lock, tempfile.TemporaryDirectory(prefix="presswatch-api-") as folder:
            path = Path(folder) / name
            path.write_bytes(data)
            documents = [
                item
                for item in read_inputs([path], max_bytes=self.settings.max_file_bytes)
                if isinstance(item, Document)
            ]
            report = ingest(
                self.store,
                [path],
                settings=self.settings,
                pipeline=self._pipe() if documents else None,
                command_args={"api": label, "filename": filename or "", "path": str(path)},
            )
        stored = self.store.known_ids(d.id for d in documents)
        return IngestResult(
            ids=list(dict.fromkeys(d.id for d in documents if d.id in stored)),
            counts=dict(report.counts),
            failures=list(report.failures),
            run_id=report.run_id,
        )
