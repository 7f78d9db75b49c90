"""Stances in the store: saved with their evidence, read back with filters, and the
version-7 migration that adds their table."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_support import extraction, make_stance

from presswatch.store import Store
from presswatch.store.engine import create_store_engine
from presswatch.store.migrations import MIGRATIONS, SCHEMA_VERSION, migrate

SCHOLZ_1 = 'Olaf Scholz said: "Talks with Moscow are pointless now."'
SCHOLZ_2 = 'Olaf Scholz said: "We must seek a ceasefire." We need sanctions, the paper says.'


def _save(store: Store, run_id: int) -> None:
    first = extraction(SCHOLZ_1, "a.txt", published="2022-04-02", outlet="dw.com")
    first.stances = [make_stance(SCHOLZ_1, "Olaf Scholz", "P2", "against", "Talks with Moscow")]
    second = extraction(SCHOLZ_2, "b.txt", published="2024-11-15", authors=["Ann Writer"])
    second.stances = [
        make_stance(SCHOLZ_2, "Olaf Scholz", "P2", "favor", "We must seek a ceasefire."),
        make_stance(SCHOLZ_2, "author", "P5", "mixed", "We need sanctions", "the paper says"),
    ]
    assert store.save(first, run_id=run_id) and store.save(second, run_id=run_id)


def test_stances_come_back_with_their_documents_and_evidence(store: Store, run_id: int) -> None:
    _save(store, run_id)
    rows = store.stances()
    assert [(r["holder"], r["proposition"], r["stance"], r["published"]) for r in rows] == [
        ("Olaf Scholz", "P2", "against", "2022-04-02"),
        ("Olaf Scholz", "P2", "favor", "2024-11-15"),
        ("author", "P5", "mixed", "2024-11-15"),
    ]
    mixed = rows[-1]
    assert mixed["authors"] == ["Ann Writer"]
    assert [e["side"] for e in mixed["support"]] == ["favor", "against"]
    assert SCHOLZ_2[mixed["start"] : mixed["end"]] == mixed["text"] == "We need sanctions"


def test_stances_filter_by_holder_proposition_and_dates(store: Store, run_id: int) -> None:
    _save(store, run_id)
    assert len(store.stances(holder="olaf scholz")) == 2
    assert len(store.stances(holder="Scholz")) == 2  # part of a name
    assert [r["holder"] for r in store.stances(proposition="p5")] == ["author"]
    assert [r["stance"] for r in store.stances(since="2024")] == ["favor", "mixed"]
    assert [r["stance"] for r in store.stances(until="2022-04")] == ["against"]
    with pytest.raises(ValueError, match="since"):
        store.stances(since="last spring")


def test_a_version_6_database_gains_the_stances_table(tmp_path: Path) -> None:
    path = tmp_path / "v6.db"
    engine, url = create_store_engine(path)
    try:
        assert migrate(engine, MIGRATIONS[:6]) == [1, 2, 3, 4, 5, 6]
        old = Store(engine, url)
        run = old.start_run("ingest", {})
        old_text = "Kyiv was quiet on Sunday."
        assert old.save(extraction(old_text, "old.txt", published="2022-04-03"), run_id=run)
    finally:
        engine.dispose()
    with Store.open(str(path)) as store:
        assert store.schema_version() == SCHEMA_VERSION == 7
        assert store.stances() == []
        assert store.document("old.txt") is not None
        run = store.start_run("ingest", {})
        _save(store, run)
        assert len(store.stances()) == 3
