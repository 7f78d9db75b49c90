"""The Store: saving and reading documents, sources, actors, runs and failures."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from store_support import (
    extraction,
    make_claim,
    make_commitment,
    make_event,
    make_stance,
    numbered,
)

import presswatch
from presswatch.errors import StoreError
from presswatch.models import IngestFailure, Quote, Span, text_id
from presswatch.store import ActorRow, Store, month_of

TEXT = (
    "Olaf Scholz said Germany would send Gepard tanks to Ukraine. "
    "Scholz spoke in Berlin; Ukraine welcomed the news."
)


def counts(store: Store) -> dict[str, int]:
    """Row counts of every table, the full-text index included."""
    with store.engine.connect() as conn:
        names = [
            "documents",
            "document_sources",
            "actors",
            "mentions",
            "extractions",
            "near_duplicates",
            "failures",
            "runs",
            "documents_fts",
            "quotes",
            "events",
            "event_actors",
            "numeric_claims",
            "commitments",
        ]
        return {
            n: int(conn.exec_driver_sql(f"SELECT count(*) FROM {n}").scalar_one()) for n in names
        }


# -- save and read back ---------------------------------------------------------------------


def test_save_and_read_back(store: Store, run_id: int) -> None:
    ex = extraction(
        TEXT,
        "in/scholz.txt",
        entities=[("Olaf Scholz", "PERSON"), ("Germany", "GPE"), ("Ukraine", "GPE")],
        title="Germany to send tanks",
        published="2022-04-26",
        outlet="Example Post",
        authors=["A. Writer", "B. Writer"],
        url="https://example.org/a",
    )
    ex.entities[0].mentions.append(
        type(ex.entities[0].mentions[0])(
            ex.entities[0].mentions[0].span.of(TEXT, 61, 67), "PERSON", "variant"
        )
    )
    ex.doc.extra = {"category": "news", "id": 7}
    ex.doc.found = ["published"]
    ex.quotes.append(
        Quote(
            "direct",
            Span.of(TEXT, 17, 24),
            Span.of(TEXT, 12, 16),
            "Olaf Scholz",
            Span.of(TEXT, 0, 11),
        )
    )
    ex.stances.append(make_stance(TEXT, "Olaf Scholz", "P1", "favor", TEXT[17:24]))

    assert store.save(ex, run_id=run_id, minhash=b"\x00\x01sig") is True

    doc = store.document(ex.doc.id)
    assert doc is not None
    assert (doc.id, doc.path, doc.title, doc.published, doc.outlet, doc.url) == (
        text_id(TEXT),
        "in/scholz.txt",
        "Germany to send tanks",
        "2022-04-26",
        "Example Post",
        "https://example.org/a",
    )
    assert doc.text == TEXT
    assert doc.authors == ["A. Writer", "B. Writer"]
    assert doc.sources == ["in/scholz.txt"]
    assert doc.extra == {"category": "news", "id": 7}
    assert doc.found == ["published"]
    assert doc.record == ex.to_dict()
    assert doc.mentions == [
        (0, 11, "Olaf Scholz", "name", "Olaf Scholz", "PERSON"),
        (17, 24, "Germany", "name", "Germany", "GPE"),
        (52, 59, "Ukraine", "name", "Ukraine", "GPE"),
        (61, 67, "Scholz", "variant", "Olaf Scholz", "PERSON"),
        (85, 92, "Ukraine", "name", "Ukraine", "GPE"),
    ]
    for start, end, text, *_ in doc.mentions:
        assert doc.text[start:end] == text
    assert doc.to_dict()["mentions"][0]["canonical"] == "Olaf Scholz"
    assert store.stats() == {"documents": 1, "actors": 3, "mentions": 5, "failures": 0, "runs": 1}
    assert list(store.signatures()) == [(ex.doc.id, b"\x00\x01sig")]
    assert store.actors() == [
        ActorRow("Olaf Scholz", "PERSON", 2, 1, "2022-04-26", "2022-04-26"),
        ActorRow("Ukraine", "GPE", 2, 1, "2022-04-26", "2022-04-26"),
        ActorRow("Germany", "GPE", 1, 1, "2022-04-26", "2022-04-26"),
    ]


def test_saving_the_same_text_twice_is_a_no_op_but_adds_the_source(
    store: Store, run_id: int
) -> None:
    ex = extraction(TEXT, "a.txt", entities=[("Ukraine", "GPE")])
    assert store.save(ex, run_id=run_id) is True
    before = counts(store)
    assert store.save(ex, run_id=run_id) is False
    assert counts(store) == before
    again = extraction(TEXT, "copy/b.txt", entities=[("Ukraine", "GPE"), ("Germany", "GPE")])
    assert store.save(again, run_id=run_id) is False
    after = counts(store)
    assert after["document_sources"] == before["document_sources"] + 1
    assert {k: v for k, v in after.items() if k != "document_sources"} == {
        k: v for k, v in before.items() if k != "document_sources"
    }
    doc = store.document("copy/b.txt")
    assert doc is not None and doc.id == ex.doc.id
    assert doc.path == "a.txt"
    assert doc.sources == ["a.txt", "copy/b.txt"]
    assert doc.record == ex.to_dict()  # the first record is kept


def test_add_source_is_idempotent_and_needs_a_stored_document(store: Store, run_id: int) -> None:
    ex = extraction(TEXT, "a.txt")
    store.save(ex, run_id=run_id)
    store.add_source(ex.doc.id, "b.jsonl:3", run_id)
    store.add_source(ex.doc.id, "b.jsonl:3", run_id)
    doc = store.document(ex.doc.id)
    assert doc is not None and doc.sources == ["a.txt", "b.jsonl:3"]
    with pytest.raises(StoreError, match="no document"):
        store.add_source("0" * 64, "c.txt", run_id)


def test_actors_are_shared_across_documents(store: Store, run_id: int) -> None:
    store.save(
        extraction(
            "Ukraine and Germany.",
            "1.txt",
            entities=[("Ukraine", "GPE"), ("Germany", "GPE")],
            published="2022-03-01",
        ),
        run_id=run_id,
    )
    store.save(
        extraction(
            "Ukraine, Ukraine!", "2.txt", entities=[("Ukraine", "GPE")], published="2022-05-09"
        ),
        run_id=run_id,
    )
    store.save(
        extraction("Georgia the state.", "3.txt", entities=[("Georgia", "GPE")]), run_id=run_id
    )
    store.save(
        extraction("Georgia the person.", "4.txt", entities=[("Georgia", "PERSON")]), run_id=run_id
    )
    rows = store.actors()
    assert rows[0] == ActorRow("Ukraine", "GPE", 3, 2, "2022-03-01", "2022-05-09")
    assert store.stats()["actors"] == 4
    assert store.actor_names() == [
        ("Georgia", "GPE"),
        ("Georgia", "PERSON"),
        ("Germany", "GPE"),
        ("Ukraine", "GPE"),
    ]
    assert [a.canonical for a in store.actors(type="PERSON")] == ["Georgia"]
    assert [a.canonical for a in store.actors(name="GERM")] == ["Germany"]
    assert store.actors(name="%") == []  # LIKE wildcards are literal
    assert len(store.actors(limit=1)) == 1
    assert len(store.actors(limit=None)) == 4
    docs = store.actor_documents("Ukraine")
    assert [(d["path"], d["published"], d["mentions"]) for d in docs] == [
        ("2.txt", "2022-05-09", 2),
        ("1.txt", "2022-03-01", 1),
    ]
    assert [d["path"] for d in store.actor_documents("Georgia", type="PERSON")] == ["4.txt"]
    assert store.actor_documents("Nobody") == []


def test_known_ids_handles_long_lists(store: Store, run_id: int) -> None:
    saved = [numbered(i) for i in range(3)]
    for ex in saved:
        store.save(ex, run_id=run_id)
    ids = [text_id(f"unknown {i}") for i in range(1500)] + [ex.doc.id for ex in saved]
    assert store.known_ids(ids) == {ex.doc.id for ex in saved}
    assert store.known_ids([]) == set()


# -- one document, one transaction ---------------------------------------------------------


@pytest.mark.parametrize(
    "failing_table",
    [
        "documents",
        "document_sources",
        "documents_fts",
        "actors",
        "mentions",
        "extractions",
        "near_duplicates",
        "events",
        "event_actors",
        "numeric_claims",
        "commitments",
    ],
)
def test_a_save_that_fails_midway_writes_nothing(
    store: Store, run_id: int, failing_table: str
) -> None:
    ex = extraction(TEXT, "a.txt", entities=[("Olaf Scholz", "PERSON"), ("Ukraine", "GPE")])
    ex.events.append(
        make_event(TEXT, "Germany would send Gepard tanks", "send", "send", None, ("Germany",))
    )
    ex.numeric_claims.append(make_claim(TEXT, "Gepard tanks", 2, "tanks", "Gepard tanks"))
    ex.commitments.append(
        make_commitment(TEXT, "Germany would send Gepard tanks", "Gepard", "Germany")
    )
    before = counts(store)
    hits: list[str] = []

    def fail(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        words = statement.replace("(", " ").split()
        if words[:3] == ["INSERT", "INTO", failing_table]:
            hits.append(statement)
            raise sa.exc.OperationalError(statement, None, Exception("disk I/O error"))

    event.listen(store.engine, "before_cursor_execute", fail)
    try:
        with pytest.raises(StoreError, match="disk I/O error"):
            store.save(ex, run_id=run_id, near_duplicates=[("f" * 64, 0.9)])
    finally:
        event.remove(store.engine, "before_cursor_execute", fail)
    assert len(hits) == 1
    assert counts(store) == before
    assert store.document(ex.doc.id) is None
    assert store.search("Scholz") == []
    # and the same save then succeeds
    assert store.save(ex, run_id=run_id, near_duplicates=[("f" * 64, 0.9)]) is True
    assert store.search("Scholz")[0].id == ex.doc.id


def test_a_python_error_midway_also_rolls_back(
    store: Store, run_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    ex = extraction(TEXT, "a.txt", entities=[("Ukraine", "GPE")])

    def boom(*args: Any) -> dict[tuple[str, str], int]:
        raise RuntimeError("resolver bug")

    # runs after the document, source and full-text rows were inserted
    monkeypatch.setattr(Store, "_actor_ids", staticmethod(boom))
    before = counts(store)
    with pytest.raises(RuntimeError, match="resolver bug"):
        store.save(ex, run_id=run_id)
    assert counts(store) == before


# -- runs -----------------------------------------------------------------------------------


def test_runs_start_and_finish(store: Store) -> None:
    run = store.start_run("ingest", {"paths": [Path("corpus")], "limit": 3})
    assert store.runs()[0]["status"] == "running"
    assert store.runs()[0]["args"] == {"paths": ["corpus"], "limit": 3}
    store.finish_run(run, "completed", {"saved": 3, "failed": 1})
    row = store.runs()[0]
    assert (row["status"], row["counts"]) == ("completed", {"saved": 3, "failed": 1})
    assert row["finished_at"] is not None
    store.mark_interrupted(run)  # a finished run stays finished
    assert store.runs()[0]["status"] == "completed"
    with pytest.raises(ValueError, match="status"):
        store.finish_run(run, "running", {})
    with pytest.raises(StoreError, match="no run 99"):
        store.finish_run(99, "failed", {})
    other = store.start_run("ingest", {})
    store.finish_run(other, "completed-with-failures", {"failed": 2})
    assert store.runs()[1]["status"] == "completed-with-failures"


def test_mark_interrupted(store: Store) -> None:
    run = store.start_run("ingest", {})
    store.mark_interrupted(run, {"saved": 2})
    row = store.runs()[0]
    assert (row["status"], row["counts"]) == ("interrupted", {"saved": 2})


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_start_run_marks_runs_of_dead_processes_interrupted(store: Store) -> None:
    import socket

    with store.engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO runs (command, args, started_at, status, pid, host) "
                "VALUES (:c, '{}', '2024-01-01', 'running', :pid, :host)"
            ),
            [
                {"c": "dead", "pid": dead_pid(), "host": socket.gethostname()},
                {"c": "alive", "pid": os.getppid(), "host": socket.gethostname()},
                {"c": "elsewhere", "pid": dead_pid(), "host": "another-machine"},
            ],
        )
    mine = store.start_run("ingest", {})
    status = {r["command"]: r["status"] for r in store.runs()}
    assert status == {
        "dead": "interrupted",
        "alive": "running",
        "elsewhere": "running",
        "ingest": "running",
    }
    store.start_run("ingest-again", {})  # a run of this same process is left alone
    assert {r["id"]: r["status"] for r in store.runs()}[mine] == "running"


# -- failures, months, lookups, near duplicates ------------------------------------------------


def test_failures_are_recorded_and_listed(store: Store) -> None:
    first = store.start_run("ingest", {})
    second = store.start_run("ingest", {})
    store.record_failure(first, IngestFailure("bad.bin", "binary", "looks like a binary file"))
    store.record_failure(second, IngestFailure("x.jsonl", "json", "line is not JSON", line=12))
    rows = store.failures()
    assert [(r["path"], r["line"], r["code"], r["reason"], r["run_id"]) for r in rows] == [
        ("bad.bin", None, "binary", "looks like a binary file", first),
        ("x.jsonl", 12, "json", "line is not JSON", second),
    ]
    assert [r["path"] for r in store.failures(second)] == ["x.jsonl"]
    assert store.failures(999) == []
    assert store.stats()["failures"] == 2


def test_documents_by_month(store: Store, run_id: int) -> None:
    dates = ["2022-04-24", "2022-04", "2021-12-31", None, "2022", "someday", "2022-04-01"]
    for i, published in enumerate(dates):
        store.save(extraction(f"text {i}", f"{i}.txt", published=published), run_id=run_id)
    assert store.documents_by_month() == [("2021-12", 1), ("2022-04", 3), ("undated", 3)]


def test_documents_by_month_empty(store: Store) -> None:
    assert store.documents_by_month() == []


@pytest.mark.parametrize(
    ("published", "month"),
    [
        ("2022-04-24", "2022-04"),
        ("2022-04", "2022-04"),
        ("2022", None),
        ("2022-13-01", None),
        (None, None),
        ("", None),
        ("April 2022", None),
        (" 2022-01-02 ", "2022-01"),
    ],
)
def test_month_of(published: str | None, month: str | None) -> None:
    assert month_of(published) == month


def test_document_by_id_prefix_and_path(store: Store, run_id: int) -> None:
    ex = extraction(TEXT, "dir/a.txt")
    store.save(ex, run_id=run_id)
    store.add_source(ex.doc.id, "other.jsonl:4", run_id)
    for ref in (ex.doc.id, ex.doc.id[:6], ex.doc.id[:20].upper(), "dir/a.txt", "other.jsonl:4"):
        found = store.document(ref)
        assert found is not None and found.id == ex.doc.id, ref
    for ref in (ex.doc.id[:5], "a.txt", "", "   ", "zzzzzzzz", "0" * 64):
        assert store.document(ref) is None, ref


def test_ambiguous_id_prefix_is_an_error(store: Store, run_id: int) -> None:
    one, two = "prefix clash 308", "prefix clash 984"  # sha256 of both starts with bb3885
    assert text_id(one)[:6] == text_id(two)[:6] == "bb3885"
    store.save(extraction(one, "1.txt"), run_id=run_id)
    store.save(extraction(two, "2.txt"), run_id=run_id)
    with pytest.raises(StoreError, match="ambiguous") as info:
        store.document("bb3885")
    assert info.value.code == "ambiguous"
    found = store.document(text_id(two)[:12])
    assert found is not None and found.text == two


def test_a_path_read_twice_with_different_texts_names_the_latest(store: Store, run_id: int) -> None:
    store.save(extraction("first version", "same.txt"), run_id=run_id)
    store.save(extraction("second version", "same.txt"), run_id=run_id)
    found = store.document("same.txt")
    assert found is not None and found.text == "second version"


def test_near_duplicates_are_found_from_both_sides(store: Store, run_id: int) -> None:
    a, b, c = (extraction(f"story {n}", f"{n}.txt") for n in "abc")
    store.save(a, run_id=run_id)
    store.save(
        b, run_id=run_id, near_duplicates=[(a.doc.id, 0.85), (b.doc.id, 1.0), (a.doc.id, 0.9)]
    )
    store.save(c, run_id=run_id, near_duplicates=[(a.doc.id, 0.95)])
    assert store.near_duplicates_of(a.doc.id) == [(c.doc.id, 0.95), (b.doc.id, 0.9)]
    assert store.near_duplicates_of(b.doc.id) == [(a.doc.id, 0.9)]
    assert store.near_duplicates_of("nope") == []


def test_signatures_are_read_in_pages(store: Store, run_id: int) -> None:
    expected = {}
    for i in range(7):
        ex = numbered(i)
        store.save(ex, run_id=run_id, minhash=None if i == 3 else bytes([i]) * 8)
        if i != 3:
            expected[ex.doc.id] = bytes([i]) * 8
    assert dict(store.signatures(page=2)) == expected
    assert len(list(store.signatures(page=2))) == 6


def test_context_manager_and_file_persistence(tmp_path: Path) -> None:
    path = tmp_path / "persist.db"
    with Store.open(path) as store:
        run = store.start_run("ingest", {})
        store.save(numbered(1), run_id=run)
        store.check()
        assert repr(store) == f"Store('sqlite:///{path}')"
    with Store.open(path) as store:
        doc = store.document("corpus/001.txt")
        assert doc is not None and doc.record == numbered(1).to_dict()
        store.check()


def test_unknown_run_id_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="FOREIGN KEY"):
        store.save(numbered(0), run_id=12345)
    assert store.stats()["documents"] == 0


# -- a run killed in the middle -------------------------------------------------------------

CHILD = textwrap.dedent(
    """
    import sys, time
    from sqlalchemy import event
    from presswatch.store import Store
    from store_support import numbered

    path, n = sys.argv[1], int(sys.argv[2])
    store = Store.open(path)
    run = store.start_run("ingest", {"n": n})
    for i in range(n):
        store.save(numbered(i), run_id=run, minhash=bytes([i]) * 16)
        print("saved", i, flush=True)

    @event.listens_for(store.engine, "before_cursor_execute")
    def hang(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("INSERT INTO MENTIONS"):
            print("midway", flush=True)
            time.sleep(120)

    store.save(numbered(n), run_id=run)
    print("not reached", flush=True)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL")
def test_a_killed_run_leaves_every_saved_document_intact(tmp_path: Path) -> None:
    n = 5
    path = tmp_path / "killed.db"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [
            str(Path(presswatch.__file__).parents[1]),
            str(Path(__file__).parent),
            env.get("PYTHONPATH", ""),
        ]
    )
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(n)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        lines = []
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            line = child.stdout.readline().strip()
            if not line:
                break
            lines.append(line)
            if line == "midway":
                break
        assert lines == [f"saved {i}" for i in range(n)] + ["midway"], (
            child.stderr.read() if child.stderr else ""
        )
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        for stream in (child.stdout, child.stderr):
            if stream is not None:
                stream.close()

    with Store.open(path) as store:
        store.check()
        saved = [numbered(i) for i in range(n)]
        half = numbered(n)
        assert store.known_ids([ex.doc.id for ex in [*saved, half]]) == {ex.doc.id for ex in saved}
        stats = store.stats()
        assert stats["documents"] == n
        assert stats["mentions"] == sum(len(e.mentions) for ex in saved for e in ex.entities)
        for ex in saved:
            doc = store.document(ex.doc.id)
            assert doc is not None
            assert doc.text == ex.doc.text and doc.record == ex.to_dict()
            assert len(doc.mentions) == 5
            assert doc.sources == [ex.doc.path]
        assert dict(store.signatures()) == {
            ex.doc.id: bytes([i]) * 16 for i, ex in enumerate(saved)
        }
        assert store.document(half.doc.path) is None
        assert [r["status"] for r in store.runs()] == ["running"]

        # continue: the killed run is marked interrupted, the rest is saved
        run = store.start_run("ingest", {"resume": True})
        assert [r["status"] for r in store.runs()] == ["interrupted", "running"]
        todo = [numbered(i) for i in range(n + 3)]
        known = store.known_ids(ex.doc.id for ex in todo)
        for ex in todo:
            if ex.doc.id not in known:
                store.save(ex, run_id=run)
        store.finish_run(run, "completed", {"saved": len(todo) - len(known)})
        assert store.stats()["documents"] == n + 3
        assert [h.path for h in store.search("Report 5")][:1] == ["corpus/005.txt"]
        store.check()


def test_quotes_are_stored_and_filtered(store: Store, run_id: int) -> None:
    early = extraction(TEXT, "a.txt", entities=[("Olaf Scholz", "PERSON")], published="2022-04-26")
    early.quotes.append(
        Quote(
            "indirect",
            Span.of(TEXT, 17, 59),
            Span.of(TEXT, 12, 16),
            "Olaf Scholz",
            Span.of(TEXT, 0, 11),
        )
    )
    other = "Peskov said the talks were over."
    late = extraction(other, "b.txt", published="2023-01-10")
    late.quotes.append(Quote("indirect", Span.of(other, 12, 31), None, "Dmitry Peskov", None))
    store.save(early, run_id=run_id)
    store.save(late, run_id=run_id)
    rows = store.quotes()
    assert [(r["speaker"], r["published"], r["text"]) for r in rows] == [
        ("Olaf Scholz", "2022-04-26", "Germany would send Gepard tanks to Ukraine"),
        ("Dmitry Peskov", "2023-01-10", "the talks were over"),
    ]
    assert rows[0]["cue"] == "said" and rows[1]["cue"] is None
    assert [r["speaker"] for r in store.quotes(speaker="olaf scholz")] == ["Olaf Scholz"]
    assert [r["speaker"] for r in store.quotes(speaker="Pesk")] == ["Dmitry Peskov"]
    assert [r["speaker"] for r in store.quotes(since="2023-01-01")] == ["Dmitry Peskov"]
    assert [r["speaker"] for r in store.quotes(until="2022-12")] == ["Olaf Scholz"]
    assert store.quotes(speaker="%") == []


# -- events ---------------------------------------------------------------------------------

VISIT = "Lloyd Austin visited Kyiv on April 24. Zelensky met Blinken there."
PLEDGE = "Germany pledged Gepard tanks in April, Olaf Scholz said."
WAR = "The war began in 2022. Talks may follow."


def save_events(store: Store, run_id: int) -> None:
    """Three documents with events of every kind of date."""
    a = extraction(VISIT, "visit.txt", title="Visit", published="2022-04-25", outlet="Post")
    a.events += [
        make_event(
            VISIT,
            "Lloyd Austin visited Kyiv on April 24",
            "visited",
            "visit",
            "2022-04-24",
            ("Lloyd Austin", "Kyiv"),
            expression="April 24",
        ),
        make_event(
            VISIT,
            "Zelensky met Blinken",
            "met",
            "meet",
            "2022-04-24",
            ("Volodymyr Zelensky",),
            approximate=True,
        ),
    ]
    b = extraction(PLEDGE, "pledge.txt", published="2022-05-02")
    b.events.append(
        make_event(
            PLEDGE,
            "Germany pledged Gepard tanks in April",
            "pledged",
            "pledge",
            "2022-04",
            ("Germany", "Olaf Scholz"),
            expression="April",
        )
    )
    c = extraction(WAR, "war.txt", published="2023-01")
    c.events += [
        make_event(WAR, "The war began in 2022", "began", "begin", "2022", (), expression="2022"),
        make_event(WAR, "Talks may follow", "follow", "follow", None, (), status="scheduled"),
        make_event(WAR, "Talks", "Talks", "talk", "FUTURE_REF", (), status="scheduled"),
    ]
    for ex in (a, b, c):
        assert store.save(ex, run_id=run_id)


def texts(rows: list[dict[str, Any]]) -> list[str]:
    return [r["text"] for r in rows]


def test_events_are_stored_with_their_periods_and_documents(store: Store, run_id: int) -> None:
    save_events(store, run_id)
    rows = store.events(dated_only=False)
    # date order (by the first day of each date's period), undated last
    assert [(r["date"], r["date_start"], r["date_end"]) for r in rows] == [
        ("2022", "2022-01-01", "2022-12-31"),
        ("2022-04", "2022-04-01", "2022-04-30"),
        ("2022-04-24", "2022-04-24", "2022-04-24"),
        ("2022-04-24", "2022-04-24", "2022-04-24"),
        ("FUTURE_REF", None, None),  # names no period: undated, in text order
        (None, None, None),
    ]
    visit = rows[2]
    assert visit == {
        "id": visit["id"],
        "doc_id": text_id(VISIT),
        "start": 0,
        "end": 37,
        "text": "Lloyd Austin visited Kyiv on April 24",
        "trigger_start": 13,
        "trigger_end": 20,
        "predicate": "visit",
        "date": "2022-04-24",
        "granularity": "day",
        "date_start": "2022-04-24",
        "date_end": "2022-04-24",
        "date_expression": "April 24",
        "date_expression_start": 29,
        "date_expression_end": 37,
        "date_approximate": False,
        "actors": ["Lloyd Austin", "Kyiv"],
        "status": "occurred",
        "published": "2022-04-25",
        "title": "Visit",
        "path": "visit.txt",
        "outlet": "Post",
    }
    assert VISIT[visit["trigger_start"] : visit["trigger_end"]] == "visited"
    assert rows[3]["date_approximate"] is True and rows[3]["date_expression"] is None
    assert rows[5]["status"] == "scheduled" and rows[5]["text"] == "Talks may follow"
    # dated only by default
    assert texts(store.events()) == texts(rows[:4])
    # the record keeps them too
    stored = store.document(text_id(VISIT))
    assert stored is not None and len(stored.record["events"]) == 2
    with store.engine.connect() as conn:
        names = conn.exec_driver_sql("SELECT actor FROM event_actors ORDER BY actor").scalars()
        assert list(names) == [
            "Germany",
            "Kyiv",
            "Lloyd Austin",
            "Olaf Scholz",
            "Volodymyr Zelensky",
        ]


def test_events_by_actor_exact_name_first_then_part(store: Store, run_id: int) -> None:
    save_events(store, run_id)
    text = "Olaf Scholz Jr. visited Olaf Scholz in 2022."
    ex = extraction(text, "jr.txt", published="2022-06-01")
    ex.events.append(
        make_event(text, text[:-1], "visited", "visit", "2022", ("Olaf Scholz Jr.", "Olaf Scholz"))
    )
    store.save(ex, run_id=run_id)
    other = "Olaf Scholz Jr. spoke in 2023."
    ex2 = extraction(other, "jr2.txt", published="2023-06-01")
    ex2.events.append(make_event(other, other[:-1], "spoke", "speak", "2023", ("Olaf Scholz Jr.",)))
    store.save(ex2, run_id=run_id)
    # an exact name (any case) keeps that actor only, not the names containing it
    exact = store.events(actor="olaf scholz")
    assert texts(exact) == [text[:-1], "Germany pledged Gepard tanks in April"]
    # a part of a name matches every name containing it
    assert texts(store.events(actor="Scholz")) == [
        text[:-1],
        "Germany pledged Gepard tanks in April",
        other[:-1],
    ]
    assert texts(store.events(actor="zelensky")) == ["Zelensky met Blinken"]
    assert store.events(actor="Putin") == []
    assert store.events(actor="%") == []
    # the actors of a row are all its actors, not only the matching one
    assert exact[0]["actors"] == ["Olaf Scholz Jr.", "Olaf Scholz"]


def test_events_since_until_overlap_the_date_period(store: Store, run_id: int) -> None:
    save_events(store, run_id)
    # 2022 and 2022-04 overlap the day 2022-04-24; the other days do too
    assert texts(store.events(since="2022-04-24", until="2022-04-24")) == [
        "The war began in 2022",
        "Germany pledged Gepard tanks in April",
        "Lloyd Austin visited Kyiv on April 24",
        "Zelensky met Blinken",
    ]
    assert texts(store.events(since="2022-04-25")) == [
        "The war began in 2022",
        "Germany pledged Gepard tanks in April",
    ]
    assert texts(store.events(since="2022-05")) == ["The war began in 2022"]
    assert texts(store.events(until="2022-03")) == ["The war began in 2022"]
    # a month or a year as `until` runs to its last day
    assert len(store.events(until="2022-04")) == 4
    assert store.events(since="2023") == []
    assert store.events(until="2021-12-31") == []
    # undated events are placed by their document's publication date
    assert texts(store.events(since="2023-01-15", dated_only=False)) == [
        "Talks",
        "Talks may follow",
    ]
    assert texts(store.events(until="2022-12", dated_only=False)) == texts(store.events())
    with pytest.raises(ValueError, match="since"):
        store.events(since="soon")
    with pytest.raises(ValueError, match="until"):
        store.events(until="2022-02-30")


def test_events_of_an_empty_store(store: Store) -> None:
    assert store.events() == []
    assert store.events(actor="x", since="2022", until="2023", dated_only=False) == []


# -- numeric claims and commitments ---------------------------------------------------------

LOSSES = "Ukraine says more than 75,000 Russian soldiers were killed or injured by June."
LOSSES_2 = "The Pentagon put Russian soldiers killed or injured at about 60,000 in July."
AID_A = "On April 26 Germany pledged 50 Gepard tanks to Ukraine, worth 500 million euros."
AID_B = "Britain will send Ukraine 14 Challenger tanks in March 2023, its ministry said."
AID_C = "Poland's aid to Ukraine has been delivered, an official said."


def save_claims(store: Store, run_id: int) -> None:
    """Three documents with claims and four commitments (one undated)."""
    a = extraction(LOSSES, "losses.txt", title="Losses", published="2022-06-20", outlet="Post")
    a.numeric_claims.append(
        make_claim(
            LOSSES,
            "more than 75,000 Russian soldiers",
            75000,
            "soldiers",
            "Russian soldiers killed or injured",
            "Ukraine",
            qualifier="more than",
        )
    )
    b = extraction(LOSSES_2, "losses2.txt", published="2022-07-15")
    b.numeric_claims.append(
        make_claim(
            LOSSES_2,
            "about 60,000",
            60000,
            "soldiers",
            "Russian soldiers killed or injured",
            "Pentagon",
            qualifier="about",
            approximate=True,
        )
    )
    c = extraction(AID_A, "aid-a.txt", title="Gepard", published="2022-04-27", outlet="Zeit")
    c.commitments.append(
        make_commitment(
            AID_A,
            "On April 26 Germany pledged 50 Gepard tanks to Ukraine",
            "Gepard anti-aircraft vehicle",
            "Germany",
            item_class="air defence",
            quantity=50,
            amount=500e6,
            currency="EUR",
            value_usd=525e6,
            date="2022-04-26",
            expression="April 26",
            trigger="pledged",
        )
    )
    c.numeric_claims.append(
        make_claim(AID_A, "500 million euros", 500e6, "EUR", "Gepard tanks", currency="EUR",
                   value_usd=525e6)
    )  # fmt: skip
    d = extraction(AID_B, "aid-b.txt", published="2023-01-16")
    d.commitments.append(
        make_commitment(
            AID_B,
            "Britain will send Ukraine 14 Challenger tanks in March 2023",
            "Challenger 2 tank",
            "United Kingdom",
            item_class="tanks",
            quantity=14,
            date="2023-03",
            expression="March 2023",
            source="ministry",
        )
    )
    e = extraction(AID_C, "aid-c.txt", published="2023-02-01")
    e.commitments.append(
        make_commitment(AID_C, "Poland's aid to Ukraine has been delivered", "aid", "Poland",
                        status="delivered")
    )  # fmt: skip
    for ex in (a, b, c, d, e):
        assert store.save(ex, run_id=run_id)


def test_claims_are_stored_with_their_documents(store: Store, run_id: int) -> None:
    save_claims(store, run_id)
    rows = store.claims()
    assert [(r["path"], r["value"]) for r in rows] == [
        ("aid-a.txt", 500e6),
        ("losses.txt", 75000),
        ("losses2.txt", 60000),
    ]
    losses = rows[1]
    assert losses == {
        "id": losses["id"],
        "doc_id": text_id(LOSSES),
        "start": 13,
        "end": 46,
        "text": "more than 75,000 Russian soldiers",
        "value": 75000.0,
        "unit": "soldiers",
        "qualifier": "more than",
        "approximate": False,
        "about": "Russian soldiers killed or injured",
        "source": "Ukraine",
        "currency": None,
        "value_usd": None,
        "published": "2022-06-20",
        "title": "Losses",
        "path": "losses.txt",
        "outlet": "Post",
    }
    assert LOSSES[losses["start"] : losses["end"]] == losses["text"]
    assert rows[2]["approximate"] is True
    assert (rows[0]["currency"], rows[0]["value_usd"]) == ("EUR", 525e6)
    stored = store.document(text_id(LOSSES))
    assert stored is not None and stored.record["numeric_claims"][0]["value"] == 75000


def test_claims_filters(store: Store, run_id: int) -> None:
    save_claims(store, run_id)

    def paths(rows: list[dict[str, Any]]) -> list[str]:
        return [r["path"] for r in rows]

    assert paths(store.claims(source="pentagon")) == ["losses2.txt"]
    assert paths(store.claims(source="Penta")) == ["losses2.txt"]  # a part of a name
    assert paths(store.claims(source="author")) == ["aid-a.txt"]
    assert store.claims(source="Kremlin") == []
    assert paths(store.claims(about="soldiers KILLED")) == ["losses.txt", "losses2.txt"]
    assert store.claims(about="%") == []
    assert paths(store.claims(since="2022-06")) == ["losses.txt", "losses2.txt"]
    assert paths(store.claims(until="2022-06-20")) == ["aid-a.txt", "losses.txt"]
    assert paths(store.claims(since="2022-07", until="2022-07")) == ["losses2.txt"]
    with pytest.raises(ValueError, match="since"):
        store.claims(since="soon")


def test_commitments_are_stored_with_periods_and_documents(store: Store, run_id: int) -> None:
    save_claims(store, run_id)
    rows = store.commitments()
    # date order, undated last
    assert [(r["donor"], r["date"], r["date_start"], r["date_end"]) for r in rows] == [
        ("Germany", "2022-04-26", "2022-04-26", "2022-04-26"),
        ("United Kingdom", "2023-03", "2023-03-01", "2023-03-31"),
        ("Poland", None, None, None),
    ]
    gepard = rows[0]
    assert gepard == {
        "id": gepard["id"],
        "doc_id": text_id(AID_A),
        "start": 0,
        "end": 54,
        "text": "On April 26 Germany pledged 50 Gepard tanks to Ukraine",
        "donor": "Germany",
        "recipient": "Ukraine",
        "item": "Gepard anti-aircraft vehicle",
        "item_class": "air defence",
        "quantity": 50.0,
        "amount": 500e6,
        "currency": "EUR",
        "value_usd": 525e6,
        "status": "announced",
        "date": "2022-04-26",
        "date_start": "2022-04-26",
        "date_end": "2022-04-26",
        "date_expression": "April 26",
        "date_expression_start": 3,
        "date_expression_end": 11,
        "source": "author",
        "trigger_start": 20,
        "trigger_end": 27,
        "donor_inferred": False,
        "published": "2022-04-27",
        "title": "Gepard",
        "path": "aid-a.txt",
        "outlet": "Zeit",
    }
    assert AID_A[gepard["trigger_start"] : gepard["trigger_end"]] == "pledged"
    assert rows[2]["status"] == "delivered" and rows[2]["trigger_start"] is None
    stored = store.document(text_id(AID_B))
    assert stored is not None and stored.record["commitments"][0]["quantity"] == 14


def test_commitments_filters(store: Store, run_id: int) -> None:
    save_claims(store, run_id)
    other = "The United Kingdom of Narnia sent Ukraine helmets in 2023."
    ex = extraction(other, "narnia.txt", published="2023-05-01")
    ex.commitments.append(
        make_commitment(other, other[:-1], "helmets", "United Kingdom of Narnia", date="2023")
    )
    store.save(ex, run_id=run_id)

    def donors(rows: list[dict[str, Any]]) -> list[str]:
        return [r["donor"] for r in rows]

    # an exact name (any case) first, else a part of a name
    assert donors(store.commitments(donor="united kingdom")) == ["United Kingdom"]
    assert donors(store.commitments(donor="Kingdom")) == [
        "United Kingdom of Narnia",
        "United Kingdom",
    ]
    assert len(store.commitments(recipient="ukraine")) == 4
    assert len(store.commitments(recipient="Ukr")) == 4
    assert store.commitments(recipient="Moldova") == []
    assert store.commitments(donor="%") == []
    # on the commitment's own date period when it has one ...
    assert donors(store.commitments(since="2023-03-15", until="2023-03-15")) == [
        "United Kingdom of Narnia",
        "United Kingdom",
    ]
    assert donors(store.commitments(until="2022-12")) == ["Germany"]
    # ... else on its document's publication date
    assert donors(store.commitments(since="2023-02")) == [
        "United Kingdom of Narnia",
        "United Kingdom",
        "Poland",
    ]
    assert donors(store.commitments(since="2023-02-02")) == [
        "United Kingdom of Narnia",
        "United Kingdom",
    ]
    with pytest.raises(ValueError, match="until"):
        store.commitments(until="2022-02-30")


def test_claims_and_commitments_of_an_empty_store(store: Store) -> None:
    assert store.claims() == []
    assert store.commitments(donor="x", recipient="y", since="2022", until="2023") == []


def test_a_commitment_dated_to_a_part_of_a_period_stores_that_part(
    store: Store, run_id: int
) -> None:
    text = "Late last month Germany pledged 50 Gepard tanks to Ukraine."
    ex = extraction(text, "late.txt", published="2022-05-10")
    pledge = make_commitment(
        text,
        "Late last month Germany pledged 50 Gepard tanks to Ukraine",
        "Gepard anti-aircraft vehicle",
        "Germany",
        date="2022-04",
        expression="Late last month",
    )
    ex.commitments.append(replace(pledge, date_mod="END"))
    store.save(ex, run_id=run_id)
    [row] = store.commitments()
    assert (row["date"], row["date_start"], row["date_end"]) == (
        "2022-04",
        "2022-04-21",
        "2022-04-30",
    )
