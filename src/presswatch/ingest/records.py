"""Articles as JSON records: JSON Lines (plain or gzip) and JSON files.

Each record is an object with a non-empty string ``text``; ``title``, ``published``,
``outlet``, ``authors`` and ``url`` are its metadata, and any other field goes to
``Document.extra``. A JSON Lines document's path is ``file:line`` (1-based); a record
of a JSON list is ``file#n`` (1-based). JSON Lines files are streamed: the size limit
applies to each line, and a bad line never stops the rest of the file. A corrupt gzip
stream is reported once and ends that file, keeping the lines already read.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from presswatch.ingest.document import Given, build_document, given_from_record
from presswatch.ingest.failures import Rejected, one_line, too_large
from presswatch.ingest.metadata import sniff_metadata
from presswatch.models import Document, IngestFailure

_CONSUMED = frozenset({"text"})
_READ_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How inputs are read: the date override (ISO, or None) and the size limit."""

    published: str | None
    max_bytes: int


def read_jsonl(path: str, given: Given, options: ReadOptions) -> Iterator[Document | IngestFailure]:
    """The documents of a ``.jsonl`` or ``.jsonl.gz`` file, one per non-blank line."""
    compressed = path.lower().endswith(".gz")
    lineno = 0
    try:
        with _open(path, compressed) as stream:
            for line in _lines(stream, options.max_bytes):
                lineno = line.number
                if line.data is None or line.data.strip():
                    yield _line_item(path, line, given, options)
    except (OSError, EOFError, zlib.error) as exc:
        if not compressed:
            yield IngestFailure(path, "unreadable", f"cannot read file: {one_line(exc)}")
        else:
            after = f" after line {lineno:,}" if lineno else ""
            yield IngestFailure(path, "gzip", f"corrupt gzip data{after}: {one_line(exc)}")


def read_json(
    path: str, text: str, given: Given, options: ReadOptions
) -> Iterator[Document | IngestFailure]:
    """The documents of a ``.json`` file: one object, or a list of objects."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        yield IngestFailure(path, "bad-json", f"not valid JSON: {one_line(exc)}")
        return
    if isinstance(value, dict):
        yield _record_item(value, path, given, options)
        return
    if not isinstance(value, list):
        reason = f"expected a JSON object or a list of objects, got {type(value).__name__}"
        yield IngestFailure(path, "bad-json", reason)
        return
    for number, item in enumerate(value, start=1):
        where = f"{path}#{number}"
        if not isinstance(item, dict):
            yield IngestFailure(where, "bad-json", f"not a JSON object ({type(item).__name__})")
        else:
            yield _record_item(item, where, given, options)


def record_document(
    record: dict[str, Any], where: str, given: Given, options: ReadOptions
) -> Document:
    """The Document of one record; Rejected when it has no text or bad metadata."""
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise Rejected("no-text", _no_text_reason(record))
    own = given_from_record(
        record, consumed=_CONSUMED, code="bad-json", keep_published=options.published is None
    )
    merged = own.over(given).with_published(options.published)
    return build_document(text, where, merged, sniff_metadata(text))


class _Line(NamedTuple):
    number: int  # 1-based
    data: bytes | None  # None when the line is over the size limit
    size: int


def _line_item(
    path: str, line: _Line, given: Given, options: ReadOptions
) -> Document | IngestFailure:
    """The Document or IngestFailure of one line of a JSON Lines file."""
    try:
        if line.data is None:
            raise too_large(line.size, options.max_bytes, "line")
        record = _parse_line(line.data, first=line.number == 1)
    except Rejected as rejected:
        return rejected.failure(path, line.number)
    return _record_item(record, f"{path}:{line.number}", given, options, (path, line.number))


def _record_item(
    record: dict[str, Any],
    where: str,
    given: Given,
    options: ReadOptions,
    failure_at: tuple[str, int | None] | None = None,
) -> Document | IngestFailure:
    """The Document of a record, or the IngestFailure (at ``failure_at``, else ``where``)."""
    try:
        return record_document(record, where, given, options)
    except Rejected as rejected:
        return rejected.failure(*(failure_at or (where, None)))


def _parse_line(line: bytes, *, first: bool) -> dict[str, Any]:
    """The JSON object on one line; Rejected("bad-json"/"encoding") otherwise."""
    try:
        text = line.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError:
        raise Rejected("encoding", "line is not valid UTF-8") from None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise Rejected("bad-json", f"not valid JSON: {one_line(exc)}") from None
    if not isinstance(value, dict):
        raise Rejected("bad-json", f"not a JSON object ({type(value).__name__})")
    if "\\ud" in text.lower():
        _check_unicode(value)
    return value


def _check_unicode(value: Any) -> None:
    """Rejected("encoding") when a string holds an unpaired surrogate (``\\ud800``)."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise Rejected(
            "encoding", "a string holds an unpaired surrogate escape (\\ud800-\\udfff)"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise Rejected("bad-json", f"cannot be re-encoded: {one_line(exc)}") from None


def _no_text_reason(record: dict[str, Any]) -> str:
    if "text" not in record and "path" in record:
        return "no 'text' field (a line with 'path' is a manifest line: pass the file as manifest)"
    if "text" not in record:
        return "no 'text' field"
    if not isinstance(record["text"], str):
        return "field 'text' is not a string"
    return "field 'text' is empty"


def _open(path: str, compressed: bool) -> io.BufferedIOBase:
    if compressed:
        return gzip.GzipFile(path, "rb")
    return open(path, "rb")


def _lines(stream: io.BufferedIOBase, limit: int) -> Iterator[_Line]:
    """The lines of ``stream``; a line over ``limit`` bytes comes without its data.

    At most ``limit`` + 1 bytes of a line are held in memory.
    """
    number = 0
    while True:
        chunk = stream.readline(limit + 1)
        if not chunk:
            return
        number += 1
        if len(chunk) > limit and not chunk.endswith(b"\n"):
            yield _Line(number, None, len(chunk) + _skip_rest_of_line(stream))
        else:
            yield _Line(number, chunk, len(chunk))


def _skip_rest_of_line(stream: io.BufferedIOBase) -> int:
    """Read past the end of the current line; the number of bytes skipped (sans newline)."""
    skipped = 0
    while True:
        chunk = stream.readline(_READ_CHUNK)
        skipped += len(chunk)
        if not chunk:
            return skipped
        if chunk.endswith(b"\n"):
            return skipped - 1
