"""Files, folders and manifests in; Documents and IngestFailures out.

:func:`read_inputs` is the entry point of the ingest stage. It never raises for bad
input: every file (or JSON Lines line) that cannot be used becomes an
:class:`~presswatch.models.IngestFailure` with a stable code and a one-line reason,
and reading goes on with the rest.

Formats, by name: ``.txt``, ``.md``/``.markdown`` (text kept verbatim),
``.html``/``.htm``/``.xhtml`` (article text via trafilatura), ``.jsonl``/``.ndjson``
(optionally ``.gz``), ``.json`` (one object or a list of objects). Anything else is
read as text when it decodes as text, and rejected otherwise.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Literal

from presswatch.errors import InputError
from presswatch.ingest.dates import normalise_date
from presswatch.ingest.decode import decode_bytes
from presswatch.ingest.document import Given, build_document
from presswatch.ingest.failures import Rejected, too_large
from presswatch.ingest.html import extract_html
from presswatch.ingest.manifest import read_manifest
from presswatch.ingest.metadata import sniff_metadata
from presswatch.ingest.records import ReadOptions, read_json, read_jsonl
from presswatch.models import Document, IngestFailure

Format = Literal["text", "html", "jsonl", "json"]
Item = Document | IngestFailure

_SUFFIXES: tuple[tuple[str, Format], ...] = (
    (".jsonl.gz", "jsonl"),
    (".ndjson.gz", "jsonl"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".json", "json"),
    (".html", "html"),
    (".htm", "html"),
    (".xhtml", "html"),
)
MISSING = "path does not exist"
MISSING_ENTRY = "manifest entry: file does not exist"


def read_inputs(
    paths: Sequence[str | Path],
    *,
    manifest: str | Path | None = None,
    published: str | None = None,
    max_bytes: int = 20_000_000,
) -> Iterator[Document | IngestFailure]:
    """Read every article in ``paths`` (files and folders) and in ``manifest``.

    Yields one Document per article and one IngestFailure per input that cannot be
    used, in a deterministic order: the manifest's entries in manifest order, then each
    path in the order given, folders walked recursively in name order, hidden files
    and folders (``.name``) skipped. A file is read once even when named twice (the
    manifest itself, found in a walked folder, is not read as input).

    ``published`` overrides every document's date. It is checked at once: an invalid
    date raises InputError before anything is read. A date given in a manifest line or
    a record that cannot be read rejects that line or record ("bad-date"), so that
    the user fixes it rather than losing the date silently.

    A single ``str`` or ``Path`` is taken as one path.

    ``max_bytes`` limits each file (checked with stat before reading) and each line of
    a JSON Lines file; JSON Lines files themselves are streamed and may be larger.
    """
    options = ReadOptions(published=_override(published), max_bytes=max_bytes)
    if isinstance(paths, str | Path):  # one path, not a sequence of its characters
        paths = [paths]
    reader = _Reader(options)
    return reader.read_all([str(p) for p in paths], None if manifest is None else str(manifest))


def input_format(path: str) -> Format:
    """How a file is read, from its name (case-insensitive): text unless known."""
    lower = path.lower()
    return next((kind for suffix, kind in _SUFFIXES if lower.endswith(suffix)), "text")


def _override(published: str | None) -> str | None:
    """The ``published`` argument as ISO; InputError when it is not a date."""
    if published is None:
        return None
    try:
        return normalise_date(published)
    except ValueError:
        raise InputError(
            f"published {published!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)"
        ) from None


class _Reader:
    """One run of read_inputs: the options and the files and folders already read."""

    def __init__(self, options: ReadOptions) -> None:
        self.options = options
        self.seen: set[str] = set()  # real paths of files read (or not to be read)
        self.walked: set[str] = set()  # real paths of folders walked

    def read_all(self, paths: list[str], manifest: str | None) -> Iterator[Item]:
        if manifest is not None:
            self.seen.add(_real(manifest))
            yield from self.read_manifest(manifest)
        for path in paths:
            yield from self.read_path(path, Given(), MISSING)

    def read_manifest(self, manifest: str) -> Iterator[Item]:
        entries = read_manifest(
            manifest, max_bytes=self.options.max_bytes, published=self.options.published
        )
        for entry in entries:
            if isinstance(entry, IngestFailure):
                yield entry
            else:
                yield from self.read_path(entry.path, entry.given, MISSING_ENTRY)

    def read_path(self, path: str, given: Given, missing: str) -> Iterator[Item]:
        """A file or a folder named by the user (or a manifest)."""
        try:
            info = _stat(path, missing)
        except Rejected as rejected:
            yield rejected.failure(path)
            return
        if stat.S_ISDIR(info.st_mode):
            yield from self.read_folder(path, given)
        else:
            yield from self.read_file(path, given, info)

    def read_folder(self, folder: str, given: Given) -> Iterator[Item]:
        """Every file under ``folder``, in name order, hidden ones skipped."""
        real = _real(folder)
        if real in self.walked:
            return
        self.walked.add(real)
        try:
            with os.scandir(folder) as scan:
                names = sorted(entry.name for entry in scan if not entry.name.startswith("."))
        except OSError as exc:
            yield IngestFailure(folder, "unreadable", f"cannot list folder: {_strerror(exc)}")
            return
        for name in names:
            yield from self.read_path(os.path.join(folder, name), given, MISSING)

    def read_file(self, path: str, given: Given, info: os.stat_result) -> Iterator[Item]:
        """The documents of one file (several for JSON Lines and JSON lists)."""
        real = _real(path)
        if real in self.seen:
            return
        self.seen.add(real)
        if not stat.S_ISREG(info.st_mode):
            yield IngestFailure(path, "unreadable", "not a regular file or folder")
            return
        kind = input_format(path)
        if kind == "jsonl":
            yield from read_jsonl(path, given, self.options)
            return
        try:
            text = decode_bytes(_read_bytes(path, info.st_size, self.options.max_bytes), path)
            if kind == "json":
                yield from read_json(path, text, given, self.options)
                return
            yield self.text_document(path, text, kind, given)
        except Rejected as rejected:
            yield rejected.failure(path)

    def text_document(self, path: str, text: str, kind: Format, given: Given) -> Document:
        """The Document of a text or HTML file."""
        if kind == "html":
            body, found = extract_html(text)
            found = {**sniff_metadata(body), **found}
        else:
            body, found = text, sniff_metadata(text)
        return build_document(body, path, given.with_published(self.options.published), found)


def _stat(path: str, missing: str) -> os.stat_result:
    """``os.stat(path)``; Rejected("missing"/"unreadable") when that fails."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        raise Rejected("missing", missing) from None
    except (ValueError, UnicodeError):
        raise Rejected("missing", f"{missing} (not a usable file name)") from None
    except OSError as exc:
        raise Rejected("unreadable", f"cannot read: {_strerror(exc)}") from None


def _read_bytes(path: str, size: int, limit: int) -> bytes:
    """The bytes of a file of ``size`` bytes; Rejected when over ``limit`` or unreadable."""
    if size > limit:
        raise too_large(size, limit)
    try:
        with open(path, "rb") as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise Rejected("unreadable", f"cannot read file: {_strerror(exc)}") from None
    if len(data) > limit:
        raise too_large(len(data), limit)
    return data


def _real(path: str) -> str:
    try:
        return os.path.realpath(path)
    except (ValueError, UnicodeError):
        return path


def _strerror(exc: OSError) -> str:
    return (exc.strerror or str(exc) or type(exc).__name__).lower()
