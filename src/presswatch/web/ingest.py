"""Ingest through the API: one article (JSON) or one uploaded file, by the normal pipeline.

The article or file is written to a private temporary folder and ingested from there
with :func:`presswatch.runs.ingest`, exactly as ``presswatch ingest FILE`` would: the
same readers (so an uploaded ``.html`` goes through trafilatura, a ``.jsonl`` gives one
document per line), the same duplicate checks, one run recorded in the store, failures
recorded with their reason. The folder is removed afterwards, so documents and failures
are recorded by a name of their own instead of its path (:func:`api_label`):
``api:<file name>`` for an upload (``api:notes.md``, ``api:feed.jsonl:3`` for a line of
it), ``api:<title>`` for an article (else ``api:<url>``, else ``api:article``).

One ingest runs at a time (:class:`Ingestor` holds a lock), with one spaCy pipeline
loaded on the first request and kept.
"""

from __future__ import annotations

import json
import re
import tempfile
import threading
from collections.abc import Callable
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
#: What the path of every document and failure ingested through the API starts with.
API_PREFIX = "api:"
#: Longest label (title or URL) recorded for an article.
MAX_LABEL = 200
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_SPACE = re.compile(r"\s+")


def safe_filename(name: str | None) -> str:
    """The last part of an uploaded file's name, reduced to letters, digits, ``._-``
    (the extension decides how it is read); :data:`UPLOAD_FILE` when nothing is left."""
    base = re.split(r"[\\/]", name or "")[-1]
    cleaned = _UNSAFE.sub("_", base).strip("._")[:120]
    return cleaned or UPLOAD_FILE


def api_label(article: dict[str, Any]) -> str:
    """The path an article sent as JSON is recorded with: ``api:`` and its title, else
    its URL, else ``article`` (whitespace folded, at most :data:`MAX_LABEL` characters)."""
    for field_name in ("title", "url"):
        value = article.get(field_name)
        if isinstance(value, str) and value.strip():
            return API_PREFIX + _SPACE.sub(" ", value).strip()[:MAX_LABEL]
    return API_PREFIX + "article"


def _relabel(folder: Path, label: str | None, name: str) -> Callable[[str], str]:
    """Paths under the temporary ``folder`` as ``label`` (an article) or as
    ``api:<name>`` with what follows the file name (``:3``, a line of a JSON Lines file)."""
    prefix = str(folder / name)

    def relabel(path: str) -> str:
        if not path.startswith(prefix):
            return path
        return label if label is not None else API_PREFIX + name + path[len(prefix) :]

    return relabel


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
            "failures": [
                {"file": f.path, "line": f.line, "code": f.code, "reason": f.reason}
                for f in self.failures
            ],
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
        return self._ingest(ARTICLE_FILE, data, api="article", label=api_label(article))

    def file(self, filename: str | None, data: bytes) -> IngestResult:
        """Ingest an uploaded file, read by its name's extension like any input file;
        recorded as ``api:<its name>``."""
        return self._ingest(filename, data, api="upload", label=None)

    def _ingest(
        self, filename: str | None, data: bytes, *, api: str, label: str | None
    ) -> IngestResult:
        name = safe_filename(filename)
        with self._lock, tempfile.TemporaryDirectory(prefix="presswatch-api-") as folder:
            path = Path(folder) / name
            path.write_bytes(data)
            relabel = _relabel(Path(folder), label, name)
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
                command_args={"api": api, "input": relabel(str(path))},
                relabel=relabel,
            )
        stored = self.store.known_ids(d.id for d in documents)
        return IngestResult(
            ids=list(dict.fromkeys(d.id for d in documents if d.id in stored)),
            counts=dict(report.counts),
            failures=list(report.failures),
            run_id=report.run_id,
        )
