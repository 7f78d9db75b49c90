"""decode_bytes: bytes to exactly the text Python's text mode reads, or a clear failure."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presswatch.ingest.decode import DecodeError, decode_bytes

CAFE = "The café’s owner said “yes” to the naïve plan.\n"


def read_like_python(path: Path) -> str:
    with open(path, encoding="utf-8") as stream:
        return stream.read()


@pytest.mark.parametrize(
    "data",
    [
        b"plain line\n",
        b"windows\r\nline endings\r\n",
        b"old mac\rline endings\r",
        b"mixed\r\n\rends\n\r",
        "\ufeffa byte-order mark is kept".encode(),
        "no\u00a0break\u00a0spaces\r\n".encode(),
        b"  leading and trailing space  \n\n",
    ],
)
def test_utf8_matches_python_text_mode(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    assert decode_bytes(data, str(path)) == read_like_python(path)


def test_legacy_encoding_is_detected() -> None:
    assert decode_bytes(CAFE.encode("cp1252"), "cafe.txt") == CAFE


def test_cyrillic_legacy_encoding_is_detected() -> None:
    text = "Это короткий текст о погоде в городе сегодня утром.\n"
    assert decode_bytes(text.encode("cp1251"), "ru.txt") == text


def test_utf16_with_bom() -> None:
    text = "Line one\r\nLine two\n"
    assert decode_bytes(text.encode("utf-16"), "u16.txt") == "Line one\nLine two\n"


@pytest.mark.parametrize(
    ("data", "code", "reason"),
    [
        (b"", "empty", "empty file"),
        (b" \n\t\r\n", "empty", "no text (only whitespace)"),
        ("\ufeff\u00a0\n".encode(), "empty", "no text (only whitespace)"),
        (b"PK\x03\x04\x00\x00binary", "binary", "binary file (NUL bytes / not text)"),
        (b"\x01\x02\x03\x04abc", "binary", "binary file (NUL bytes / not text)"),
    ],
)
def test_failures(data: bytes, code: str, reason: str) -> None:
    with pytest.raises(DecodeError) as excinfo:
        decode_bytes(data, "some/file.txt")
    assert (excinfo.value.code, excinfo.value.reason) == (code, reason)
    assert str(excinfo.value) == f"some/file.txt: {reason}"


def test_undetectable_encoding() -> None:
    data = bytes(range(0x80, 0x100)) * 4
    with pytest.raises(DecodeError) as excinfo:
        decode_bytes(data, "x.txt")
    assert excinfo.value.code == "encoding"
    assert excinfo.value.reason == "not UTF-8 and no charset could be detected"


@settings(max_examples=200)
@given(st.binary(max_size=300))
def test_any_bytes_give_text_or_decode_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, "x")
    except DecodeError as exc:
        assert exc.code in {"empty", "binary", "encoding"}
        return
    assert "\r" not in text
    assert text.strip()


@settings(max_examples=100)
@given(st.text(min_size=1, max_size=200))
def test_any_utf8_text_decodes_like_python(text: str) -> None:
    data = text.encode("utf-8")
    try:
        decoded = decode_bytes(data, "x")
    except DecodeError:
        return  # blank, or mostly control characters
    assert decoded == text.replace("\r\n", "\n").replace("\r", "\n")
