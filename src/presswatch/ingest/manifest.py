"""Manifests: JSON Lines that list input files with the metadata a user knows.

Each line is an object ``{"path": ..., "published"?, "title"?, "outlet"?, "authors"?,
"url"?}``; any other field goes to ``Document.extra``. Paths are relative to the
manifest's folder and are joined onto it as given (``../corpus/manifest.jsonl`` and
``a.txt`` give ``../corpus/a.txt``). A bad line is reported ("bad-manifest", or
"bad-date" for a date that cannot be read) and the other lines are still used.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass

from presswatch.ingest.decode import decode_bytes
from presswatch.ingest.document import Given, given_from_record
from presswatch.ingest.failures import Rejected, too_large
from presswatch.models import IngestFailure

_CONSUMED = frozenset({"path"})


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One file named by a manifest, with its metadata."""

    path: str  # joined onto the manifest's folder
    given: Given
    line: int


def read_manifest(
    manifest: str, *, max_bytes: int, published: str | None = None
) -> Iterator[ManifestEntry | IngestFailure]:
    """The entries of ``manifest`` in order, and an IngestFailure for each bad line.

    ``published`` (the date override) makes the lines' own dates ignored, not checked.
    """
    try:
        text = _manifest_text(manifest, max_bytes)
    except Rejected as rejected:
        yield rejected.failure(manifest)
        return
    folder = os.path.dirname(manifest)
    seen: dict[str, int] = {}
    for number, line in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        if not line.strip():
            continue
        try:
            entry = _entry(line, folder, number, keep_published=published is None)
            key = _real(entry.path)
            if key in seen:
                raise Rejected(
                    "bad-manifest", f"{entry.path} is already listed on line {seen[key]}"
                )
        except Rejected as rejected:
            yield rejected.failure(manifest, number)
            continue
        seen[key] = number
        yield entry


def _real(path: str) -> str:
    """The real path of ``path``; Rejected when it cannot name a file."""
    try:
        return os.path.realpath(path)
    except (ValueError, UnicodeError):
        raise Rejected("bad-manifest", f"'path' {path[:80]!r} is not a usable file name") from None


def _manifest_text(manifest: str, max_bytes: int) -> str:
    """The decoded text of the manifest file; Rejected when it cannot be read."""
    try:
        size = os.stat(manifest).st_size
        if size > max_bytes:
            raise too_large(size, max_bytes, "manifest")
        with open(manifest, "rb") as stream:
            data = stream.read()
    except FileNotFoundError:
        raise Rejected("missing", "manifest does not exist") from None
    except IsADirectoryError:
        raise Rejected("bad-manifest", "manifest is a folder, not a JSON Lines file") from None
    except OSError as exc:
        raise Rejected("unreadable", f"cannot read manifest: {exc.strerror or exc}") from None
    return decode_bytes(data, manifest)


def _entry(line: str, folder: str, number: int, *, keep_published: bool) -> ManifestEntry:
    """The entry on one manifest line; Rejected when the line is not usable."""
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):
        raise Rejected("bad-manifest", "not valid JSON") from None
    if not isinstance(record, dict):
        raise Rejected("bad-manifest", f"not a JSON object ({type(record).__name__})")
    path = record.get("path")
    if not isinstance(path, str) or not path.strip():
        raise Rejected("bad-manifest", "no 'path' field (a file name relative to the manifest)")
    given = given_from_record(
        record, consumed=_CONSUMED, code="bad-manifest", keep_published=keep_published
    )
    return ManifestEntry(path=os.path.join(folder, path), given=given, line=number)
