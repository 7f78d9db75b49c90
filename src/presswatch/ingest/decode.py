"""Bytes to text, exactly as ``open(path, encoding="utf-8").read()`` would give it.

UTF-8 input decodes to the very string Python's text mode returns: nothing stripped,
a UTF-8 byte-order mark kept as U+FEFF, and universal newlines (``\\r\\n`` and ``\\r``
become ``\\n``). Every later span offset refers to this string.

Other input is decoded as UTF-16/UTF-32 when it starts with their byte-order mark, and
otherwise with the encoding charset-normalizer detects (ties between equally plausible
single-byte encodings go to windows-1252, the most common legacy encoding of
English-language text). Empty, whitespace-only, binary and undecodable input raise
:class:`DecodeError`.
"""

from __future__ import annotations

import codecs
import re
import warnings

from charset_normalizer import from_bytes

from presswatch.ingest.failures import Rejected

# A decoded text whose share of control characters (other than tab, newline, carriage
# return, form feed and vertical tab) exceeds this is not text.
MAX_CONTROL_SHARE = 0.1
# The Unicode "Cc" characters other than \t \n \v \f \r.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Whitespace, a byte-order mark and zero-width characters: no text.
_BLANK = re.compile(r"[\s\ufeff\u200b-\u200d\u2060]*")
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Left to the byte-order-mark check above: without a BOM these are not guessed.
_NOT_DETECTED = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"]
_PREFERRED_LEGACY = "cp1252"


class DecodeError(Rejected):
    """Bytes that are not usable text: ``code`` is empty, binary or encoding."""

    def __init__(self, code: str, reason: str, where: str) -> None:
        super().__init__(code, reason)
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def decode_bytes(data: bytes, where: str) -> str:
    """Decode ``data`` (read from ``where``) to text with universal newlines.

    Raises DecodeError with code "empty" ("empty file" / "no text (only whitespace)"),
    "binary" ("binary file (NUL bytes / not text)") or "encoding" ("not UTF-8 and no
    charset could be detected").
    """
    if not data:
        raise DecodeError("empty", "empty file", where)
    text = _decode(data, where)
    text = universal_newlines(text)
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise _binary(where)
    if _BLANK.fullmatch(text):
        raise DecodeError("empty", "no text (only whitespace)", where)
    return text


def universal_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` as ``\\n``, as Python's text mode reads them."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, where: str) -> str:
    """The text of ``data``, before newline translation."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                break
    if b"\x00" in data:
        raise _binary(where)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    detected = _detect(data)
    if detected is None:
        raise DecodeError("encoding", "not UTF-8 and no charset could be detected", where)
    return detected


def _detect(data: bytes) -> str | None:
    """The text of non-UTF-8 ``data`` in the charset detected for it, or None."""
    with warnings.catch_warnings():
        # charset-normalizer reports doubts as warnings on some inputs; a doubt here
        # simply means no confident match, which the None below already reports.
        warnings.simplefilter("ignore")
        matches = list(from_bytes(data, cp_exclusion=_NOT_DETECTED))
    if not matches:
        return None
    best = matches[0]
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    if any(_PREFERRED_LEGACY in m.could_be_from_charset for m in tied):
        try:
            return data.decode(_PREFERRED_LEGACY)
        except UnicodeDecodeError:
            pass
    return str(best)


def _control_share(text: str) -> float:
    """The share of characters of ``text`` that are control characters."""
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def _binary(where: str) -> DecodeError:
    return DecodeError("binary", "binary file (NUL bytes / not text)", where)
