"""The views: plain data from the store, through the same library calls as the CLI."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import pytest

from conftest import SPEAKER, WebStore
from presswatch.analysis.ledger import build_ledger
from presswatch.analysis.stances import shifts, stance_points
from presswatch.analysis.statements import link_statements
from presswatch.analysis.timeline import build_timeline
from presswatch.domain import load_pack
from presswatch.errors import InputError
from presswatch.store import Store
from presswatch.web import views
from presswatch.web.errors import NotFound


@pytest.fixture
def store(web_store: WebStore) -> Any:
    with Store.open(web_store.path) as opened:
        yield opened


def test_timeline_is_the_cli_timeline(store: Store) -> None:
    data = views.timeline(store, limit=1000)
    expected = [e.to_dict() for e in build_timeline(store.events())]
    assert [{k: v for k, v in e.items() if k != "sources"} for e in data["entries"]] == [
        {k: v for k, v in e.items() if k != "sources"} for e in expected
    ]
    first = data["entries"][0]["sources"][0]
    assert first["href"] == views.document_href(first["doc_id"], first["start"], first["end"])


def test_ledger_is_the_cli_ledger(store: Store) -> None:
    data = views.ledger(store)
    expected = [r.to_dict() for r in build_ledger(store.commitments())]
    assert [r["item"] for r in data["rows"]] == [r["item"] for r in expected]
    assert data["total"]["commitments"] == len(expected)


def test_actor_statements_are_linked_quotes(store: Store) -> None:
    data = views.actor(store, SPEAKER)
    linked = link_statements(store.quotes(speaker=SPEAKER))
    assert [s["text"] for s in data["quotes"]["rows"]] == [s.text for s in linked]
    with pytest.raises(NotFound):
        views.actor(store, "Lloyd")  # a part of a name is not an actor


def test_memo_is_used_for_whole_store_computations(store: Store) -> None:
    keys: list[Hashable] = []

    def memo(key: Hashable, compute: Callable[[], Any]) -> Any:
        keys.append(key)
        return compute()

    views.timeline(store, memo=memo)
    views.ledger(store, memo=memo)
    views.actor(store, SPEAKER, memo=memo)
    names = {key[0] for key in keys if isinstance(key, tuple)}
    assert {"timeline", "ledger", "statements", "actors", "actor-documents"} <= names


def test_date_range_checks_and_orders() -> None:
    assert views.date_range("2022-04", "April 30, 2022") == ("2022-04", "2022-04-30")
    assert views.date_range(None, " ") == (None, None)
    with pytest.raises(InputError, match="from"):
        views.date_range("whenever", None)
    with pytest.raises(InputError, match="after"):
        views.date_range("2023", "2022")


def test_sorting_keeps_rows_without_a_value_last(store: Store) -> None:
    for order in ("asc", "desc"):
        rows = views.ledger_rows(store, sort="value_usd", order=order)  # type: ignore[arg-type]
        assert rows[-1].value_usd is None
    with pytest.raises(InputError):
        views.ledger_rows(store, sort="colour")


def test_snippet_parts() -> None:
    assert views.snippet_parts("a [b] c [d") == [
        {"text": "a ", "match": False},
        {"text": "b", "match": True},
        {"text": " c [d", "match": False},
    ]
    assert views.snippet_parts("") == []


def test_links() -> None:
    assert views.document_href("ab") == "/documents/ab"
    assert views.document_href("ab", 3, 9) == "/documents/ab?start=3&end=9#hl"
    assert views.actor_href("AC/DC & co") == "/actors/AC%2FDC%20%26%20co"
    assert (
        views.page_href("/ledger", {"donor": "x", "to": None}, page=2) == "/ledger?donor=x&page=2"
    )
    assert views.page_href("/ledger", {}) == "/ledger"


def test_stances_are_the_cli_stances(store: Store) -> None:
    pack = load_pack("ukraine")
    data = views.stances(store, pack, limit=1000)
    assert data["message"] is None
    assert [p["id"] for p in data["propositions"]] == [p.id for p in pack.propositions]
    points = stance_points(store.stances())
    assert data["total"] == len(points)
    shown = {(s["holder"], s["proposition"], s["stance"], s["published"]) for p in
             data["propositions"] for s in p["stances"]}  # fmt: skip
    assert shown == {(p.holder, p.proposition, p.stance, p.published) for p in points}
    summaries = [s["summary"] for p in data["propositions"] for s in p["shifts"]]
    assert summaries == [s.describe() for s in shifts(points)]
    with pytest.raises(InputError, match="proposition"):
        views.stances(store, pack, proposition="P42")


def test_documents_newest_first_with_paging(store: Store) -> None:
    everything = store.documents(limit=None)
    assert len(everything) == 3
    assert [d["id"] for d in store.documents(limit=2, offset=1)] == [
        d["id"] for d in everything[1:]
    ]
    assert everything[0]["title"].startswith("Depot report")  # stored last
    assert "text" not in everything[0] and isinstance(everything[0]["authors"], list)
