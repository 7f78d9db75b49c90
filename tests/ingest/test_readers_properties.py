"""Property tests of read_inputs: any bytes, any JSON Lines in; records or failures out."""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presswatch.ingest import read_inputs
from presswatch.models import Document, IngestFailure

SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl", ".jsonl.gz", ".bin"]
CODES = {
    "missing", "empty", "binary", "encoding", "too-large", "bad-json", "no-text",
    "bad-date", "unreadable", "bad-manifest", "gzip",
}  # fmt: skip

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
records = st.fixed_dictionaries(
    {"text": json_values | st.text(max_size=60)},
    optional={
        "title": json_values,
        "published": json_values | st.text(max_size=20),
        "authors": json_values,
        "outlet": json_values,
        "url": json_values,
        "id": json_values,
    },
)

SAFE_PATH = "ab.tx"  # manifest paths of these letters stay in the test folder (".." filtered)
manifest_lines = st.fixed_dictionaries(
    {
        "path": st.text(alphabet=SAFE_PATH, max_size=6)
        | json_values.filter(lambda v: not isinstance(v, str))
    },
    optional={"published": json_values, "authors": json_values, "title": json_values},
)


def stays_inside(line: Any) -> bool:
    """Whether a manifest line names nothing outside the test folder ("/", "..")."""
    path = line.get("path") if isinstance(line, dict) else None
    return not isinstance(path, str) or (set(path) <= set(SAFE_PATH) and ".." not in path)


def read_file(name: str, data: bytes, **kwargs: Any) -> list[Document | IngestFailure]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        items = list(read_inputs([path], **kwargs))
        for item in items:
            check(item)
            if isinstance(item, Document):
                item.id  # noqa: B018 - the text must encode (no lone surrogates)
        return items


def check(item: Document | IngestFailure) -> None:
    assert isinstance(item, Document | IngestFailure)
    if isinstance(item, IngestFailure):
        assert item.code in CODES
        assert item.reason and "\n" not in item.reason
    else:
        assert item.text.strip()
        assert item.published is None or item.published[:4].isdigit()


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.sampled_from(SUFFIXES))
def test_any_bytes_in_any_format(data: bytes, suffix: str) -> None:
    read_file("input" + suffix, data, max_bytes=300)


@settings(max_examples=100)
@given(st.binary(min_size=1, max_size=300))
def test_utf8_text_files_are_read_like_python(data: bytes) -> None:
    items = read_file("input.txt", data)
    try:
        expected = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        return
    if isinstance(items[0], Document):
        assert items[0].text == expected


@settings(max_examples=100)
@given(st.lists(st.text(max_size=80), max_size=8), st.booleans())
def test_any_text_lines_as_jsonl(lines: list[str], compress: bool) -> None:
    data = "\n".join(lines).encode("utf-8")
    name = "input.jsonl.gz" if compress else "input.jsonl"
    read_file(name, gzip.compress(data) if compress else data, max_bytes=200)


@settings(max_examples=150)
@given(st.lists(json_values | records, max_size=6))
def test_any_json_values_as_jsonl(values: list[Any]) -> None:
    data = "".join(json.dumps(v) + "\n" for v in values).encode("utf-8")
    items = read_file("input.jsonl", data)
    lines = [i + 1 for i, v in enumerate(values)]
    assert [i.line if isinstance(i, IngestFailure) else int(i.path.rsplit(":", 1)[1])
            for i in items] == lines  # fmt: skip


@settings(max_examples=100)
@given(json_values | st.lists(records, max_size=4) | records)
def test_any_json_value_as_json_file(value: Any) -> None:
    read_file("input.json", json.dumps(value).encode("utf-8"))


@settings(max_examples=100)
@given(
    st.lists(
        (json_values | records | st.text(max_size=30) | manifest_lines).filter(stays_inside),
        max_size=5,
    )
)
def test_any_manifest_lines(values: list[Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "a.txt").write_text("A short story.", encoding="utf-8")
        manifest = Path(folder) / "manifest.jsonl"
        lines = [v if isinstance(v, str) else json.dumps(v) for v in values]
        manifest.write_text("\n".join([*lines, '{"path": "a.txt"}']), encoding="utf-8")
        items = list(read_inputs([], manifest=manifest))
    for item in items:
        check(item)
    assert sum(isinstance(i, Document) for i in items) <= 1
