"""The ingest stage: files, folders and manifests in; Documents (or failures) out.

- :func:`read_inputs` reads text, Markdown, HTML, JSON and JSON Lines (plain or gzip);
- :func:`sniff_metadata` finds title, date, authors and outlet in an article's text;
- :func:`normalise_date` turns common date strings into ISO dates;
- :func:`decode_bytes` turns bytes into text exactly as Python's text mode reads them;
- :class:`NearDuplicateIndex` finds near-duplicate articles (MinHash + LSH).
"""

from presswatch.ingest.dates import normalise_date
from presswatch.ingest.decode import DecodeError, decode_bytes
from presswatch.ingest.dedup import NearDuplicateIndex
from presswatch.ingest.metadata import sniff_metadata
from presswatch.ingest.readers import input_format, read_inputs

__all__ = [
    "DecodeError",
    "NearDuplicateIndex",
    "decode_bytes",
    "input_format",
    "normalise_date",
    "read_inputs",
    "sniff_metadata",
]
