"""Why an input was rejected: one small exception, turned into an IngestFailure.

Readers raise :class:`Rejected` deep down (while decoding, parsing a record, checking
a field); :func:`presswatch.ingest.readers.read_inputs` turns it into an
:class:`~presswatch.models.IngestFailure` naming the file (and line) and keeps going.
"""

from __future__ import annotations

from presswatch.models import IngestFailure


class Rejected(Exception):
    """An input that cannot be ingested: a stable ``code`` and a one-line ``reason``."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason

    def failure(self, path: str, line: int | None = None) -> IngestFailure:
        """The IngestFailure for this rejection of ``path`` (and ``line``)."""
        return IngestFailure(path=path, code=self.code, reason=self.reason, line=line)


def one_line(exc: BaseException, limit: int = 200) -> str:
    """A one-line description of an exception, for a failure's reason."""
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:limit]


def too_large(size: int, limit: int, what: str = "file") -> Rejected:
    """The rejection of an input of ``size`` bytes over ``limit`` (max_file_bytes)."""
    return Rejected(
        "too-large", f"{what} is {size:,} bytes, over the limit of {limit:,} (max_file_bytes)"
    )
