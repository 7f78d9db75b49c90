"""read_inputs: every format, folders, manifests, and every failure code with its place."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any

import pytest

from presswatch.errors import InputError
from presswatch.ingest import read_inputs
from presswatch.ingest.readers import input_format
from presswatch.models import Document, IngestFailure

STORY = (
    "The harbour council approved the storm wall on Tuesday.\n\n"
    "Residents asked whether the ferry would keep running during the works.\n"
)


def read_all(*paths: str | Path, **kwargs: Any) -> list[Document | IngestFailure]:
    return list(read_inputs([str(p) for p in paths], **kwargs))


def only_doc(*paths: str | Path, **kwargs: Any) -> Document:
    items = read_all(*paths, **kwargs)
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def only_failure(*paths: str | Path, **kwargs: Any) -> IngestFailure:
    items = read_all(*paths, **kwargs)
    assert len(items) == 1 and isinstance(items[0], IngestFailure), items
    return items[0]


def write_jsonl(path: Path, *lines: Any) -> Path:
    text = "".join((ln if isinstance(ln, str) else json.dumps(ln)) + "\n" for ln in lines)
    path.write_text(text, encoding="utf-8")
    return path


def python_text(path: Path) -> str:
    with open(path, encoding="utf-8") as stream:
        return stream.read()


# --- formats -----------------------------------------------------------------------


def test_text_file_is_read_verbatim(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    doc = only_doc(path)
    assert doc.text == STORY
    assert doc.path == str(path)
    assert doc.found == [] and doc.title is None


def test_text_equals_python_text_mode_with_crlf_nbsp_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "offsets.txt"
    path.write_bytes("\ufeff# Héadline\r\nCost:\u00a0€5\r\rEnd\u2028line\r\n".encode())
    doc = only_doc(path)
    assert doc.text == python_text(path)
    assert doc.text.startswith("\ufeff")
    assert "\r" not in doc.text and "\u00a0" in doc.text


def test_relative_paths_stay_relative(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(STORY, encoding="utf-8")
    assert only_doc("corpus/a.txt").path == "corpus/a.txt"
    assert only_doc("corpus").path == os.path.join("corpus", "a.txt")


def test_markdown_title_and_dateline_are_found(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text("# Storm wall approved  \n> May 2nd 2023\n\n" + STORY, encoding="utf-8")
    doc = only_doc(path)
    assert (doc.title, doc.published) == ("Storm wall approved", "2023-05-02")
    assert doc.found == ["title", "published"]
    assert doc.text == python_text(path)


def test_html_body_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Storm wall approved | Coastal Gazette</title>"
        '<meta name="author" content="Ana Lopez; Tom Berg">'
        '<meta property="og:site_name" content="Coastal Gazette">'
        '<meta property="article:published_time" content="2023-05-02T09:00:00Z">'
        "</head><body><nav>Home | Sport | Weather</nav><article><h1>Storm wall approved</h1>"
        "<p>The harbour council approved the storm wall on Tuesday after a long debate "
        "about the cost of steel and the future of the fishing fleet.</p>"
        "<p>Residents asked whether the ferry would keep running during the works.</p>"
        "</article><footer>Contact us</footer></body></html>",
        encoding="utf-8",
    )
    doc = only_doc(path)
    assert "approved the storm wall on Tuesday" in doc.text
    assert "Home | Sport" not in doc.text and "<p>" not in doc.text
    assert doc.title == "Storm wall approved"
    assert doc.authors == ["Ana Lopez", "Tom Berg"]
    assert (doc.published, doc.outlet) == ("2023-05-02", "Coastal Gazette")
    assert set(doc.found) == {"title", "published", "authors", "outlet"}


def test_html_without_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.htm"
    path.write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    failure = only_failure(path)
    assert (failure.path, failure.code) == (str(path), "no-text")


def test_json_object_and_list(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": STORY, "title": "Wall", "id": 7}), encoding="utf-8")
    doc = only_doc(one)
    assert (doc.path, doc.title, doc.extra) == (str(one), "Wall", {"id": 7})
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": "First story."}, 3, {"text": "Third story."}]))
    items = read_all(many)
    assert [i.path for i in items] == [f"{many}#1", f"{many}#2", f"{many}#3"]
    assert isinstance(items[1], IngestFailure) and items[1].code == "bad-json"


def test_json_that_is_not_records(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('"just a string"', encoding="utf-8")
    assert only_failure(path).code == "bad-json"
    path.write_text("{not json", encoding="utf-8")
    assert only_failure(path).code == "bad-json"


def test_jsonl_records(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "docs.jsonl",
        {"id": "a1", "category": "news", "path": "x/y.md", "text": STORY, "title": "Wall",
         "published": "May 2, 2023", "outlet": "Coastal Gazette", "url": "https://example.org/a",
         "authors": "Ana Lopez and Tom Berg"},
        "",
        {"text": "# Sniffed title\nSecond story.", "authors": ["Mary Poe"]},
    )  # fmt: skip
    first, second = read_all(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.path == f"{path}:1" and second.path == f"{path}:3"
    assert first.text == STORY
    assert first.extra == {"id": "a1", "category": "news", "path": "x/y.md"}
    assert (first.title, first.published, first.outlet) == ("Wall", "2023-05-02", "Coastal Gazette")
    assert (first.url, first.authors, first.found) == (
        "https://example.org/a",
        ["Ana Lopez", "Tom Berg"],
        [],
    )
    assert (second.title, second.authors, second.found) == (
        "Sniffed title",
        ["Mary Poe"],
        ["title"],
    )


def test_jsonl_text_is_kept_exactly(tmp_path: Path) -> None:
    text = "\ufeffLine one\r\nLine\u00a0two\r"
    path = write_jsonl(tmp_path / "docs.jsonl", {"text": text})
    assert only_doc(path).text == text


def test_gzip_jsonl_and_first_line_bom(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl.gz"
    lines = "\ufeff" + json.dumps({"text": "One."}) + "\n" + json.dumps({"text": "Two."}) + "\n"
    path.write_bytes(gzip.compress(lines.encode("utf-8")))
    items = read_all(path)
    assert [(i.path, getattr(i, "text", None)) for i in items] == [
        (f"{path}:1", "One."),
        (f"{path}:2", "Two."),
    ]


def test_unknown_extension_read_as_text_when_it_decodes(tmp_path: Path) -> None:
    notes = tmp_path / "notes.log"
    notes.write_text(STORY, encoding="utf-8")
    assert only_doc(notes).text == STORY
    image = tmp_path / "photo.jpg"
    image.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    assert only_failure(image).code == "binary"


@pytest.mark.parametrize(
    ("name", "kind"),
    [("a.TXT", "text"), ("a.md", "text"), ("a.markdown", "text"), ("a.HTM", "html"),
     ("a.html", "html"), ("a.jsonl", "jsonl"), ("a.JSONL.GZ", "jsonl"), ("a.json", "json"),
     ("a.csv", "text"), ("a", "text")],
)  # fmt: skip
def test_input_format(name: str, kind: str) -> None:
    assert input_format(name) == kind


# --- folders -----------------------------------------------------------------------


def test_folders_are_walked_recursively_in_order_hidden_skipped(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    for rel in ["b.txt", "a.md", "sub/c.txt", "sub/deeper/d.txt", "z/e.txt",
                ".hidden.txt", ".git/f.txt", "sub/.cache/g.txt"]:  # fmt: skip
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(f"Story in {rel}.", encoding="utf-8")
    paths = [i.path for i in read_all(root)]
    expected = ["a.md", "b.txt", "sub/c.txt", "sub/deeper/d.txt", "z/e.txt"]
    assert paths == [os.path.join(root, *rel.split("/")) for rel in expected]
    assert paths == [i.path for i in read_all(root)]  # deterministic


def test_a_single_path_string_is_one_path(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    assert [d.path for d in read_inputs(str(path))] == [str(path)]


def test_explicit_hidden_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / ".draft.txt"
    path.write_text(STORY, encoding="utf-8")
    assert only_doc(path).text == STORY


def test_same_file_twice_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(STORY, encoding="utf-8")
    assert len(read_all(path, tmp_path, path)) == 1


# --- manifest ----------------------------------------------------------------------


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """corpus/ with two articles and a manifest; the current folder is tmp_path."""
    monkeypatch.chdir(tmp_path)
    root = tmp_path / "corpus"
    (root / "texts").mkdir(parents=True)
    (root / "texts" / "a.txt").write_text(
        "# Sniffed headline\nApril 30, 2022\nBy Jane Doe\n\n" + STORY, encoding="utf-8"
    )
    (root / "b.txt").write_text(STORY, encoding="utf-8")
    write_jsonl(
        root / "manifest.jsonl",
        {"path": "texts/a.txt", "title": "Given headline", "outlet": "Coastal Gazette",
         "section": "local"},
        {"path": "b.txt", "published": "2021-05-01", "authors": ["Tom Berg"]},
    )  # fmt: skip
    return root


def test_manifest_paths_are_relative_to_its_folder(corpus: Path) -> None:
    items = read_all(manifest="corpus/manifest.jsonl")
    assert [i.path for i in items] == [
        os.path.join("corpus", "texts/a.txt"),
        os.path.join("corpus", "b.txt"),
    ]


def test_manifest_metadata_wins_over_sniffed(corpus: Path) -> None:
    a, b = read_all(manifest="corpus/manifest.jsonl")
    assert isinstance(a, Document) and isinstance(b, Document)
    assert (a.title, a.outlet, a.published, a.authors) == (
        "Given headline",
        "Coastal Gazette",
        "2022-04-30",
        ["Jane Doe"],
    )
    assert a.found == ["published", "authors"]
    assert a.extra == {"section": "local"}
    assert (b.published, b.authors, b.found) == ("2021-05-01", ["Tom Berg"], [])


def test_manifest_with_its_folder_reads_each_file_once(corpus: Path) -> None:
    items = read_all("corpus", manifest="corpus/manifest.jsonl")
    assert all(isinstance(i, Document) for i in items)
    assert len(items) == 2  # manifest.jsonl itself is not read as articles
    assert items[0].title == "Given headline"  # type: ignore[union-attr]


def test_manifest_entry_that_does_not_exist(corpus: Path) -> None:
    write_jsonl(corpus / "manifest.jsonl", {"path": "gone.txt"}, {"path": "b.txt"})
    failure, doc = read_all(manifest="corpus/manifest.jsonl")
    assert failure == IngestFailure(
        os.path.join("corpus", "gone.txt"), "missing", "manifest entry: file does not exist"
    )
    assert isinstance(doc, Document)


def test_bad_manifest_lines_are_reported_and_skipped(corpus: Path) -> None:
    write_jsonl(
        corpus / "manifest.jsonl",
        "{not json",
        {"title": "no path"},
        ["a list"],
        {"path": "b.txt", "published": "someday"},
        {"path": "b.txt", "title": 5},
        {"path": "b.txt"},
        {"path": "texts/a.txt", "authors": {"bad": 1}},
    )
    items = read_all(manifest="corpus/manifest.jsonl")
    where = os.path.join("corpus", "manifest.jsonl")
    codes = [(i.path, i.line, i.code) if isinstance(i, IngestFailure) else i.path for i in items]
    assert codes == [
        (where, 1, "bad-manifest"),
        (where, 2, "bad-manifest"),
        (where, 3, "bad-manifest"),
        (where, 4, "bad-date"),
        os.path.join("corpus", "b.txt"),
        (where, 6, "bad-manifest"),  # b.txt listed twice
        (where, 7, "bad-manifest"),
    ]


def test_missing_manifest(tmp_path: Path) -> None:
    failure = only_failure(manifest=tmp_path / "nope.jsonl")
    assert (failure.path, failure.code) == (str(tmp_path / "nope.jsonl"), "missing")


def test_published_argument_overrides_everything(corpus: Path) -> None:
    items = read_all("corpus", manifest="corpus/manifest.jsonl", published="3 March 2020")
    assert [i.published for i in items if isinstance(i, Document)] == ["2020-03-03"] * 2


def test_published_argument_skips_checking_given_dates(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "d.jsonl", {"text": "Story.", "published": "someday"})
    assert only_doc(path, published="2020").published == "2020"


def test_invalid_published_argument_raises_at_once(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a date"):
        read_inputs([tmp_path], published="next week")


# --- failures ----------------------------------------------------------------------


def test_missing_path_does_not_stop_the_others(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text(STORY, encoding="utf-8")
    failure, doc = read_all(tmp_path / "nope.txt", good)
    assert failure == IngestFailure(str(tmp_path / "nope.txt"), "missing", "path does not exist")
    assert isinstance(doc, Document)


@pytest.mark.parametrize(
    ("data", "code", "reason"),
    [
        (b"", "empty", "empty file"),
        (b"  \r\n\t ", "empty", "no text (only whitespace)"),
        (b"\x00\x01\x02abc", "binary", "binary file (NUL bytes / not text)"),
        (bytes(range(0x80, 0x100)) * 4, "encoding", "not UTF-8 and no charset could be detected"),
    ],
)
def test_file_failures(tmp_path: Path, data: bytes, code: str, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    assert only_failure(path) == IngestFailure(str(path), code, reason)


def test_too_large_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 500)
    failure = only_failure(path, max_bytes=1_000)
    assert failure == IngestFailure(
        str(path), "too-large", "file is 2,500 bytes, over the limit of 1,000 (max_file_bytes)"
    )


def test_too_large_jsonl_line(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "d.jsonl", {"text": "short"}, {"text": "x" * 300}, {"text": "also short"}
    )
    first, second, third = read_all(path, max_bytes=100)
    assert isinstance(first, Document) and isinstance(third, Document)
    assert second == IngestFailure(
        str(path), "too-large", "line is 312 bytes, over the limit of 100 (max_file_bytes)", 2
    )
    assert third.path == f"{path}:3"


def test_jsonl_line_failures_name_their_line(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "d.jsonl",
        {"text": "fine"},
        "{broken",
        "[1, 2]",
        {"title": "no text"},
        {"text": "   "},
        {"text": 42},
        {"text": "dated", "published": "the day after"},
        {"text": "bad title", "title": ["a", "b"]},
        {"path": "a.txt", "published": "2020-01-01"},
        '{"text": "lone \\ud800 surrogate"}',
        {"text": "fine again"},
    )
    got = [(i.line, i.code) if isinstance(i, IngestFailure) else i.path for i in read_all(path)]
    assert got == [
        f"{path}:1",
        (2, "bad-json"),
        (3, "bad-json"),
        (4, "no-text"),
        (5, "no-text"),
        (6, "no-text"),
        (7, "bad-date"),
        (8, "bad-json"),
        (9, "no-text"),
        (10, "encoding"),
        f"{path}:11",
    ]


def test_empty_published_means_unknown(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "d.jsonl", {"text": "Story.", "published": " "})
    assert only_doc(path).published is None


def test_manifest_like_line_says_so(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "manifest.jsonl", {"path": "a.txt"})
    assert "manifest" in only_failure(path).reason


def test_jsonl_line_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_bytes(b'{"text": "ok"}\n{"text": "caf\xe9"}\n')
    doc, failure = read_all(path)
    assert isinstance(doc, Document)
    assert failure == IngestFailure(str(path), "encoding", "line is not valid UTF-8", 2)


def test_corrupt_gzip_keeps_lines_already_read(tmp_path: Path) -> None:
    body = "".join(json.dumps({"text": f"Story number {i}. " * 20}) + "\n" for i in range(200))
    data = gzip.compress(body.encode("utf-8"))
    path = tmp_path / "d.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])  # truncated
    items = read_all(path)
    *docs, failure = items
    assert docs and all(isinstance(d, Document) for d in docs)
    assert [d.path for d in docs] == [f"{path}:{n}" for n in range(1, len(docs) + 1)]
    assert isinstance(failure, IngestFailure)
    assert (failure.path, failure.code) == (str(path), "gzip")


def test_not_gzip_at_all(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl.gz"
    path.write_bytes(b'{"text": "plain, not compressed"}\n')
    failure = only_failure(path)
    assert (failure.path, failure.code, failure.line) == (str(path), "gzip", None)


def test_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    failure = only_failure(fifo)
    assert (failure.path, failure.code) == (str(fifo), "unreadable")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(STORY, encoding="utf-8")
    path.chmod(0)
    try:
        failure = only_failure(path)
    finally:
        path.chmod(0o600)
    assert (failure.path, failure.code) == (str(path), "unreadable")


def test_read_error_is_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("presswatch.ingest.readers.open", refuse, raising=False)
    assert only_failure(path) == IngestFailure(
        str(path), "unreadable", "cannot read file: permission denied"
    )


# --- the shared seed corpus, when present --------------------------------------------

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "seeds"


@pytest.mark.skipif(not (SEEDS / "manifest.jsonl").exists(), reason="../shared is absent")
def test_seed_corpus() -> None:
    items = read_all(SEEDS, manifest=SEEDS / "manifest.jsonl")
    docs = {Path(i.path).name: i for i in items if isinstance(i, Document)}
    for name, doc in docs.items():
        if name.endswith(".txt"):
            assert doc.text == python_text(Path(doc.path))
    economist = next(d for n, d in docs.items() if n.startswith("000_"))
    assert (economist.published, economist.outlet) == ("2022-04-30", "The Economist")
    assert economist.title is not None and "found" not in economist.extra
    assert economist.found == ["title"]
    oped = next(d for n, d in docs.items() if n.startswith("003_"))
    assert len(oped.authors) == 4 and oped.found == ["authors"]
    column = next(d for n, d in docs.items() if n.startswith("004_"))
    assert column.outlet == "Bloomberg Opinion" and column.found == ["authors"]
    assert len(column.authors) == 1
