"""Schema migrations: from empty, recorded, idempotent, atomic, and newer versions refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Connection
from store_support import extraction, make_claim, make_commitment, make_event

from presswatch.errors import StoreError
from presswatch.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Migration,
    Store,
    full_text_index,
    migrate,
    schema,
)
from presswatch.store.engine import create_store_engine
from presswatch.store.migrations import current_version


def versions(store_or_path: Store | Path) -> list[tuple[int, str]]:
    if isinstance(store_or_path, Store):
        with store_or_path.engine.connect() as conn:
            result = conn.execute(sa.text("SELECT version, description FROM schema_migrations"))
            return [(int(v), str(d)) for v, d in result]
    with sqlite3.connect(store_or_path) as conn:
        rows = conn.execute("SELECT version, description FROM schema_migrations").fetchall()
    return [(int(v), str(d)) for v, d in rows]


def test_migrate_from_empty_applies_every_migration_in_order() -> None:
    engine, _ = create_store_engine("sqlite://")
    try:
        assert current_version(engine) == 0
        assert migrate(engine) == [m.version for m in MIGRATIONS]
        assert current_version(engine) == SCHEMA_VERSION
        assert migrate(engine) == []
    finally:
        engine.dispose()


def test_versions_are_recorded_with_descriptions(store: Store) -> None:
    assert versions(store) == [(m.version, m.description) for m in MIGRATIONS]
    assert store.schema_version() == SCHEMA_VERSION == MIGRATIONS[-1].version


def test_migrated_database_matches_schema_module(store: Store) -> None:
    inspector = sa.inspect(store.engine)
    names = set(inspector.get_table_names())
    assert set(schema.metadata.tables) <= names
    assert "documents_fts" in names
    for table in schema.metadata.tables.values():
        columns = [c["name"] for c in inspector.get_columns(table.name)]
        assert columns == [c.name for c in table.columns], table.name


def test_reopen_is_a_no_op_and_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "pw.db"
    with Store.open(str(path)) as store:
        store.start_run("ingest", {})
    before = versions(path)
    with Store.open(str(path)) as store:
        assert migrate(store.engine) == []
        assert store.stats()["runs"] == 1
    assert versions(path) == before


def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store.open(str(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO schema_migrations VALUES (?, 'from the future', '2099-01-01')",
            (SCHEMA_VERSION + 1,),
        )
    with pytest.raises(StoreError, match=r"newer than this presswatch knows.*upgrade") as info:
        Store.open(str(path))
    assert info.value.code == "store"
    assert str(SCHEMA_VERSION + 1) in info.value.message


def test_a_failing_migration_is_rolled_back_whole(tmp_path: Path) -> None:
    def broken(conn: Connection) -> None:
        conn.exec_driver_sql("CREATE TABLE half_done (x INTEGER)")
        conn.exec_driver_sql("INSERT INTO half_done VALUES (1)")
        raise RuntimeError("disk on fire")

    engine, _ = create_store_engine(tmp_path / "m.db")
    try:
        steps = (*MIGRATIONS, Migration(SCHEMA_VERSION + 1, "broken", broken))
        with pytest.raises(StoreError, match=r"broken.*disk on fire"):
            migrate(engine, steps)
        assert current_version(engine) == SCHEMA_VERSION  # the good ones stay applied
        assert not sa.inspect(engine).has_table("half_done")  # DDL rolled back too
    finally:
        engine.dispose()


def test_pending_migrations_are_applied_on_open(tmp_path: Path) -> None:
    engine, _ = create_store_engine(tmp_path / "old.db")
    try:
        assert migrate(engine, MIGRATIONS[:1]) == [1]
        assert current_version(engine) == 1
    finally:
        engine.dispose()
    with Store.open(str(tmp_path / "old.db")) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.search("anything") == []


def test_a_version_3_database_gains_the_events_tables_and_keeps_its_data(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v3.db"
    text = "Olaf Scholz said Germany would send Gepard tanks. Germany sent them in July 2022."
    engine, url = create_store_engine(path)
    try:
        assert migrate(engine, MIGRATIONS[:3]) == [1, 2, 3]
        old = Store(engine, url)  # what presswatch at schema version 3 wrote
        run = old.start_run("ingest", {})
        assert old.save(extraction(text, "old.txt", published="2022-07-30"), run_id=run)
        assert not sa.inspect(engine).has_table("events")
    finally:
        engine.dispose()
    with Store.open(str(path)) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert versions(store)[3] == (4, MIGRATIONS[3].description)
        inspector = sa.inspect(store.engine)
        assert {"events", "event_actors"} <= set(inspector.get_table_names())
        indexed = {
            tuple(i["column_names"])
            for name in ("events", "event_actors")
            for i in inspector.get_indexes(name)
        }
        assert {("doc_id",), ("date",), ("date_start",), ("actor",)} <= indexed
        assert store.stats()["documents"] == 1
        assert store.search("Gepard")[0].path == "old.txt"
        assert store.events(dated_only=False) == []  # no events were extracted then
        new = "Germany sent Gepard tanks in July 2022."
        ex = extraction(new, "new.txt", published="2022-08-01")
        ex.events.append(
            make_event(new, new[:-1], "sent", "send", "2022-07", ("Germany",), expression="July")
        )
        assert store.save(ex, run_id=store.start_run("ingest", {}))
        assert [(r["path"], r["date_end"]) for r in store.events()] == [("new.txt", "2022-07-31")]
        store.check()


def test_a_version_4_database_gains_the_claims_tables_and_keeps_its_data(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v4.db"
    text = "Germany sent Gepard tanks in July 2022."
    engine, url = create_store_engine(path)
    try:
        assert migrate(engine, MIGRATIONS[:4]) == [1, 2, 3, 4]
        old = Store(engine, url)  # what presswatch at schema version 4 wrote
        run = old.start_run("ingest", {})
        ex = extraction(text, "old.txt", published="2022-07-30")
        ex.events.append(make_event(text, text[:-1], "sent", "send", "2022-07", ("Germany",)))
        tables = set(sa.inspect(engine).get_table_names())
        assert "numeric_claims" not in tables and "commitments" not in tables
        assert old.save(ex, run_id=run)  # with no claims or commitments to insert
    finally:
        engine.dispose()
    with Store.open(str(path)) as store:
        assert store.schema_version() == SCHEMA_VERSION >= 5
        assert versions(store)[4] == (5, MIGRATIONS[4].description)
        inspector = sa.inspect(store.engine)
        assert {"numeric_claims", "commitments"} <= set(inspector.get_table_names())
        indexed = {
            (name, tuple(i["column_names"]))
            for name in ("numeric_claims", "commitments")
            for i in inspector.get_indexes(name)
        }
        assert {
            ("numeric_claims", ("doc_id",)),
            ("numeric_claims", ("source",)),
            ("commitments", ("doc_id",)),
            ("commitments", ("donor",)),
            ("commitments", ("recipient",)),
        } <= indexed
        assert store.stats()["documents"] == 1
        assert [r["path"] for r in store.events()] == ["old.txt"]
        assert store.claims() == [] and store.commitments() == []
        new = "Germany pledged 30 Gepard tanks worth 200 million euros in July 2022."
        ex = extraction(new, "new.txt", published="2022-08-01")
        ex.numeric_claims.append(
            make_claim(new, "200 million euros", 200e6, "EUR", "Gepard tanks", currency="EUR")
        )
        ex.commitments.append(
            make_commitment(new, new[:-1], "Gepard", "Germany", quantity=30, date="2022-07")
        )
        assert store.save(ex, run_id=store.start_run("ingest", {}))
        assert [r["path"] for r in store.claims()] == ["new.txt"]
        assert [(r["path"], r["date_end"]) for r in store.commitments()] == [
            ("new.txt", "2022-07-31")
        ]
        store.check()


def test_migrations_must_be_increasing() -> None:
    engine, _ = create_store_engine("sqlite://")
    try:
        with pytest.raises(ValueError, match="increasing"):
            migrate(engine, (MIGRATIONS[1], MIGRATIONS[0]))
    finally:
        engine.dispose()


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(StoreError, match="not a database"):
        Store.open(str(path))


def test_directory_target_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="directory"):
        Store.open(str(tmp_path))


def test_bad_url_and_empty_target_are_refused() -> None:
    with pytest.raises(StoreError):
        Store.open("")
    with pytest.raises(StoreError):
        Store.open("nosuchdialect://x")


def test_file_store_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "deep" / "er" / "x.db")) as store:
        assert (tmp_path / "deep" / "er" / "x.db").exists()
        assert store.url == f"sqlite:///{tmp_path / 'deep' / 'er' / 'x.db'}"
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_url_targets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with Store.open("sqlite:///sub/url.db") as store:
        assert store.url == "sqlite:///sub/url.db"
        store.start_run("x", {})
    assert (tmp_path / "sub" / "url.db").exists()
    with Store.open("relative.db") as store:
        assert store.url.endswith("/relative.db")
    with Store.open("sqlite://") as store:
        assert store.url == "sqlite://"
        assert store.stats()["documents"] == 0


def test_other_dialects_have_no_full_text_index_yet() -> None:
    with pytest.raises(StoreError, match="not implemented for postgresql"):
        full_text_index("postgresql")


def test_a_version_5_database_gains_donor_inferred_and_keeps_its_commitments(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v5.db"
    text = "Germany sent 14 Leopard 2 tanks to Ukraine."
    engine, url = create_store_engine(path)
    try:
        assert migrate(engine, MIGRATIONS[:5]) == [1, 2, 3, 4, 5]
        old = Store(engine, url)
        run = old.start_run("ingest", {})
        record = extraction(text, "old.txt", published="2023-03-01")
        record.commitments = [make_commitment(text, "Leopard 2 tanks", "Leopard 2", "Germany")]
        assert old.save(record, run_id=run)
        with engine.begin() as conn:  # the table as version 5 created it
            conn.exec_driver_sql("ALTER TABLE commitments DROP COLUMN donor_inferred")
    finally:
        engine.dispose()
    with Store.open(str(path)) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert versions(store)[5] == (6, MIGRATIONS[5].description)
        [row] = store.commitments()
        assert (row["donor"], row["item"], row["donor_inferred"]) == ("Germany", "Leopard 2", False)
