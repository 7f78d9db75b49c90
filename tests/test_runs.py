"""Batch runs: extract to records, ingest into the store, re-ingest, interruption."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from presswatch.models import text_id
from presswatch.pipeline import Pipeline
from presswatch.runs import count_inputs, extract_records, ingest
from presswatch.settings import Settings
from presswatch.store import Store

ARTICLE_A = (
    "# Allies meet in Ramstein\n\n"
    "German Chancellor Olaf Scholz met Mr Austin in Berlin. Lloyd Austin, America’s defence "
    "secretary, said the allies would send more air defence to Kyiv.\n"
)
ARTICLE_B = (
    "By Jane Roe\n\nThe Kremlin said Russia would respond. Scholz’s spokesman declined to "
    "comment on the talks in Kiev.\n"
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    write(folder, "a.md", ARTICLE_A)
    write(folder, "b.txt", ARTICLE_B)
    write(folder, "empty.txt", "")
    (folder / "blob.bin").write_bytes(b"\x00\x01\x02binary\x00")
    return folder


def test_extract_records_reports_failures_and_unifies_names(
    corpus: Path, pipeline: Pipeline
) -> None:
    from presswatch.runs import RunReport

    report = RunReport()
    records = list(extract_records([corpus], settings=Settings(), report=report, pipeline=pipeline))
    assert [Path(r.doc.path).name for r in records] == ["a.md", "b.txt"]
    assert sorted(f.code for f in report.failures) == ["binary", "empty"]
    assert all(str(corpus) in f.path for f in report.failures)
    # "Scholz’s" in the second article joins the full name known from the first
    names_b = {e.canonical for e in records[1].entities}
    assert "Olaf Scholz" in names_b
    assert "Kyiv" in names_b  # "Kiev" is a spelling variant
    for r in records:
        for e in r.entities:
            for m in e.mentions:
                assert r.doc.text[m.span.start : m.span.end] == m.span.text


def test_ingest_is_idempotent(corpus: Path, tmp_path: Path, pipeline: Pipeline) -> None:
    db = tmp_path / "pw.db"
    with Store.open(str(db)) as store:
        first = ingest(store, [corpus], settings=Settings(), pipeline=pipeline)
        stats1 = store.stats()
        actors1 = [(a.canonical, a.mentions) for a in store.actors(limit=None)]
        second = ingest(store, [corpus], settings=Settings(), pipeline=pipeline)
        stats2 = store.stats()
        actors2 = [(a.canonical, a.mentions) for a in store.actors(limit=None)]
    assert first.counts["stored"] == 2 and first.counts["failed"] == 2
    assert second.counts["stored"] == 0 and second.counts["unchanged"] == 2
    assert stats1["documents"] == stats2["documents"] == 2
    assert stats1["mentions"] == stats2["mentions"]
    assert actors1 == actors2
    assert not first.ok and first.failures  # failures make the run not ok


def test_same_text_twice_is_stored_once_with_both_sources(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    folder = tmp_path / "dups"
    folder.mkdir()
    write(folder, "one.txt", ARTICLE_A)
    write(folder, "two.txt", ARTICLE_A)
    with Store.open(str(tmp_path / "d.db")) as store:
        report = ingest(store, [folder], settings=Settings(), pipeline=pipeline)
        doc = store.document(text_id(ARTICLE_A))
    assert report.counts["stored"] == 1 and report.counts["duplicate"] == 1
    assert doc is not None
    assert sorted(Path(s).name for s in doc.sources) == ["one.txt", "two.txt"]


def test_near_duplicates_are_linked(tmp_path: Path, pipeline: Pipeline) -> None:
    body = " ".join(
        f"Paragraph {i}: the defence ministers of the allied countries discussed air defence, "
        f"artillery ammunition and the training of crews for the coming winter."
        for i in range(30)
    )
    folder = tmp_path / "near"
    folder.mkdir()
    write(folder, "wire.txt", "Reuters report. " + body)
    write(folder, "reprint.txt", "Corrected version. " + body + " Updated at noon.")
    with Store.open(str(tmp_path / "n.db")) as store:
        report = ingest(store, [folder], settings=Settings(), pipeline=pipeline)
        first = store.document(text_id("Corrected version. " + body + " Updated at noon."))
        assert first is not None
        links = store.near_duplicates_of(first.id)
    assert report.counts["stored"] == 2
    assert report.counts["near-duplicates"] == 1
    assert len(links) == 1 and links[0][1] >= 0.8


def test_count_inputs(corpus: Path, tmp_path: Path) -> None:
    lines = tmp_path / "x.jsonl"
    lines.write_text('{"text": "a"}\n\n{"text": "b"}\n', encoding="utf-8")
    assert count_inputs([corpus]) == 4
    assert count_inputs([lines]) == 2


def _stored_ids(db: Path) -> set[str]:
    try:
        con = sqlite3.connect(db)
        try:
            return {r[0] for r in con.execute("select id from documents")}
        finally:
            con.close()
    except sqlite3.Error:
        return set()


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_interrupted_ingest_keeps_what_was_committed(tmp_path: Path, sig: int) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    texts = {}
    for i in range(60):
        text = f"Article {i}. " + "Lloyd Austin met Olaf Scholz in Berlin to discuss aid. " * 40
        texts[text_id(text)] = text
        write(folder, f"{i:03d}.txt", text)
    db = tmp_path / "int.db"
    env = {**os.environ, "PRESSWATCH_BATCH_SIZE": "1"}
    exe = str(Path(sys.executable).with_name("presswatch"))
    proc = subprocess.Popen(
        [exe, "ingest", "--db", str(db), str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.monotonic() + 120
    while len(_stored_ids(db)) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(sig)
    proc.communicate(timeout=60)
    kept = _stored_ids(db)
    assert 3 <= len(kept) < 60, "the run should have been stopped part-way"
    if sig == signal.SIGTERM:
        assert proc.returncode == 130
    with Store.open(str(db)) as store:
        for doc_id in kept:
            doc = store.document(doc_id)
            assert doc is not None and doc.text == texts[doc_id]
            assert {m[4] for m in doc.mentions} >= {"Lloyd Austin", "Olaf Scholz"}
        if sig == signal.SIGTERM:
            assert any(r["status"] == "interrupted" for r in store.runs())
    rerun = subprocess.run(
        [exe, "ingest", "--db", str(db), str(folder)], capture_output=True, env=env, check=False
    )
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert _stored_ids(db) == set(texts)
    with Store.open(str(db)) as store:
        last = store.runs()[-1]
    counts = last["counts"] if isinstance(last["counts"], dict) else json.loads(last["counts"])
    assert counts["unchanged"] == len(kept)
    assert counts["stored"] == 60 - len(kept)
