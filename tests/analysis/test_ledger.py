"""Merging the same commitment reported by several documents into one ledger row."""

from __future__ import annotations

from typing import Any

import pytest

from presswatch.analysis.ledger import (
    GRAND_TOTAL,
    LedgerRow,
    Total,
    build_ledger,
    close,
    rounds_to,
    same_commitment,
    select,
    status_rank,
    totals,
)
from presswatch.models import Commitment, Document, Extraction, Span
from presswatch.store import Store, period_of


def row(
    doc: str,
    published: str | None,
    item: str = "Gepard anti-aircraft vehicle",
    donor: str | None = "Germany",
    recipient: str | None = "Ukraine",
    *,
    item_class: str | None = "air defence",
    quantity: float | None = None,
    value_usd: float | None = None,
    amount: float | None = None,
    currency: str | None = None,
    status: str = "announced",
    date: str | None = None,
    text: str = "Germany pledged Gepard tanks",
    start: int = 0,
    source: str | None = "author",
) -> dict[str, Any]:
    """A commitment row as :meth:`Store.commitments` returns it."""
    period = period_of(date)
    return {
        "id": hash((doc, start)),
        "doc_id": doc * 8,
        "start": start,
        "end": start + len(text),
        "text": text,
        "donor": donor,
        "recipient": recipient,
        "item": item,
        "item_class": item_class,
        "quantity": quantity,
        "amount": amount,
        "currency": currency,
        "value_usd": value_usd,
        "status": status,
        "date": date,
        "date_start": period.start if period else None,
        "date_end": period.end if period else None,
        "date_expression": None,
        "date_expression_start": None,
        "date_expression_end": None,
        "source": source,
        "trigger_start": None,
        "trigger_end": None,
        "published": published,
        "title": f"title {doc}",
        "path": f"{doc}.txt",
        "outlet": None,
    }


def summary(rows: list[LedgerRow]) -> list[tuple[str | None, str, str | None, int]]:
    return [(r.donor, r.item, r.date, len(r.sources)) for r in rows]


def test_the_same_package_in_three_documents_is_one_row_with_three_sources() -> None:
    rows = [
        row("a", "2022-04-27", quantity=50, value_usd=525e6, date="2022-04-26",
            text="Germany pledged 50 Gepard tanks"),
        row("b", "2022-04-28", "Gepard", "germany", "UKRAINE", quantity=50, value_usd=520e6,
            date="2022-04", status="authorised", source="Olaf Scholz"),
        row("c", "2022-04-29", "air defence", quantity=None, value_usd=530e6, date="2022-04",
            status="reported"),
    ]  # fmt: skip
    ledger = build_ledger(rows)
    assert len(ledger) == 1
    entry = ledger[0]
    assert entry.donor == "Germany" and entry.recipient == "Ukraine"
    assert entry.item == "Gepard anti-aircraft vehicle"  # named before generic, first on a tie
    assert entry.item_class == "air defence"
    assert entry.quantity == 50
    assert entry.value_usd == 525e6  # the first of three equally common values
    assert entry.status == "authorised"  # the furthest along
    assert (entry.date, entry.date_start, entry.date_end) == ("2022-04-26",) + ("2022-04-26",) * 2
    assert entry.documents == ["a" * 8, "b" * 8, "c" * 8]
    assert entry.first_published == "2022-04-27"
    assert entry.sources[0] == {
        "doc_id": "a" * 8,
        "published": "2022-04-27",
        "title": "title a",
        "path": "a.txt",
        "start": 0,
        "end": 31,
        "text": "Germany pledged 50 Gepard tanks",
        "source": "author",
        "status": "announced",
        "date": "2022-04-26",
        "day_total": False,
    }
    assert entry.sources[1]["source"] == "Olaf Scholz"
    as_dict = entry.to_dict()
    assert as_dict["quantity"] == 50 and isinstance(as_dict["quantity"], int)
    assert as_dict["documents"] == 3 and len(as_dict["sources"]) == 3
    assert as_dict["status"] == "authorised" and as_dict["date"] == "2022-04-26"


def test_different_values_are_different_commitments() -> None:
    rows = [
        row("a", "2022-04-27", value_usd=500e6, date="2022-04-26"),
        row("b", "2022-04-28", value_usd=520e6, date="2022-04-26"),  # 3.8% more
        row("c", "2022-04-29", value_usd=None, date="2022-04-26"),  # no value
        row("d", "2022-04-29", value_usd=509e6, date="2022-04-26"),  # within 2% of a
    ]
    ledger = build_ledger(rows)
    assert [(r.value_usd, len(r.sources)) for r in ledger] == [
        (500e6, 2),
        (520e6, 1),
        (None, 1),
    ]
    assert ledger[0].documents == ["a" * 8, "d" * 8]


def test_amounts_in_one_currency_compare_when_not_converted() -> None:
    a = row("a", None, amount=100e6, currency="EUR", date="2022-05")
    assert same_commitment(a, row("b", None, amount=101e6, currency="eur", date="2022-05"))
    assert not same_commitment(a, row("b", None, amount=100e6, currency="GBP", date="2022-05"))
    assert not same_commitment(a, row("b", None, value_usd=100e6, date="2022-05"))


def test_status_upgrades_to_the_furthest_along() -> None:
    rows = [
        row("a", "2022-03-01", status="requested", date="2022-03"),
        row("b", "2022-03-10", status="delivered", date="2022-03-09"),
        row("c", "2022-03-05", status="announced", date="2022-03"),
    ]
    (entry,) = build_ledger(rows)
    assert entry.status == "delivered"
    assert entry.date == "2022-03-09"
    assert [s["status"] for s in entry.sources] == ["requested", "announced", "delivered"]
    assert [status_rank(s) for s in ("proposed", "requested", "announced", "reported")] == [
        0,
        1,
        2,
        2,
    ]
    assert status_rank("authorised") < status_rank("being-prepared") < status_rank("delivered")
    assert status_rank(None) == status_rank("unknown") == -1


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # donor and recipient, case-insensitive; missing in both is fine
        ({}, {"donor": "GERMANY"}, True),
        ({}, {"donor": "France"}, False),
        ({}, {"recipient": None}, False),
        ({"donor": None, "recipient": None}, {"donor": None, "recipient": None}, True),
        # the same item, or one class with compatible quantities
        ({"quantity": 30}, {"quantity": 30}, True),
        ({"quantity": 30}, {"quantity": None}, True),
        ({"quantity": 30}, {"quantity": 15}, False),
        ({}, {"item": "air defence"}, True),  # a generic item takes a named one
        ({}, {"item": "IRIS-T"}, False),  # two named systems: need equal quantities
        ({"quantity": 4}, {"item": "IRIS-T", "quantity": 4}, True),
        ({}, {"item": "tanks", "item_class": "tanks"}, False),
        ({"item_class": None}, {"item_class": None}, True),
        # dates: the same period, or nested in one of at most a month
        ({"date": "2022-04"}, {"date": "2022-04-26"}, True),
        ({"date": "2022-W17"}, {"date": "2022-04-26"}, True),
        ({"date": "2022"}, {"date": "2022-04-26"}, False),
        # an amount told of a long period is the package of that amount inside it
        ({"date": "2022", "value_usd": 1e8}, {"date": "2022-04-26", "value_usd": 1e8}, True),
        ({"date": "2021", "value_usd": 1e8}, {"date": "2022-04-26", "value_usd": 1e8}, False),
        ({"date": "2022", "value_usd": 1e8}, {"date": "2022-04-26", "value_usd": 2e8}, False),
        ({"date": "2022-04-25"}, {"date": "2022-04-26"}, False),
        # one amount reported on the next day is the same package; two days on it is not
        ({"date": "2022-04-25", "value_usd": 1e8}, {"date": "2022-04-26", "value_usd": 1e8}, True),
        ({"date": "2022-04-24", "value_usd": 1e8}, {"date": "2022-04-26", "value_usd": 1e8}, False),
        ({"date": "2022-05"}, {"date": "2022-04"}, False),
        # undated: only with a value that matches
        ({"date": None}, {"date": "2022-04-26"}, False),
        ({"date": None}, {"date": None}, False),
        ({"date": None, "value_usd": 1e8}, {"date": "2022-04-26", "value_usd": 1e8}, True),
        ({"date": None, "value_usd": 1e8}, {"date": None, "value_usd": 1.01e8}, True),
        ({"date": None, "value_usd": 1e8}, {"date": None, "value_usd": 2e8}, False),
        # one amount of aid: named alike or not, a recipient left out, aid of one kind
        (
            {"value_usd": 3e8, "item": "security assistance", "item_class": "military aid"},
            {"value_usd": 3e8, "item": "air defense", "recipient": None},
            True,
        ),
        (
            {"value_usd": 3e8, "item": "security assistance", "item_class": "military aid"},
            {"value_usd": 3e8, "item": "aid", "item_class": None, "recipient": None},
            True,
        ),
        (
            {"value_usd": 3e8, "item": "security assistance", "item_class": "military aid"},
            {"value_usd": 3e8, "item": "humanitarian aid", "item_class": "humanitarian aid"},
            False,
        ),
        ({"value_usd": 3e8}, {"value_usd": 3e8, "recipient": "Moldova"}, False),
        # a value a speaker rounded: only for days at most one apart
        (
            {"amount": 1.85e9, "currency": "USD", "date": "2022-12-21"},
            {"amount": 2e9, "currency": "USD", "date": "2022-12-22"},
            True,
        ),
        (
            {"amount": 1.85e9, "currency": "USD"},
            {"amount": 1.8e9, "currency": "USD", "date": "2022-12"},
            False,
        ),
        ({"amount": 1.85e9, "currency": "USD"}, {"amount": 1.8e9, "currency": "EUR"}, False),
        ({"amount": 1.5e9, "currency": "USD"}, {"amount": 2e9, "currency": "USD"}, False),
    ],
)
def test_same_commitment(a: dict[str, Any], b: dict[str, Any], same: bool) -> None:
    base: dict[str, Any] = {"date": "2022-04-26"}
    first = row("a", "2022-04-27", **{**base, **a})
    second = row("b", "2022-04-28", **{**base, **b})
    assert same_commitment(first, second) is same
    assert same_commitment(second, first) is same


def test_an_undated_report_is_of_a_package_of_the_month_before_it() -> None:
    """ "Jake announced an additional $400 million" (undated, published 11-04) is the
    package of 11-04, not the $400 million package of 11-23."""
    usd = {"value_usd": 4e8, "item": "security assistance", "item_class": "military aid"}
    rows = [
        row("a", "2022-11-04", date="2022-11-04", **usd),
        row("b", "2022-11-05", date=None, **usd),
        row("c", "2022-11-23", date="2022-11-23", **usd),
        row("d", "2022-12-30", date=None, **usd),
    ]
    assert [(r.date, len(r.sources)) for r in build_ledger(rows)] == [
        ("2022-11-04", 2),
        ("2022-11-23", 1),
        (None, 1),
    ]


def test_an_undated_report_of_a_days_total_joins_that_days_largest_package() -> None:
    """ "more than $3 billion" three days later is the $2.85 billion and the $225 million
    announced together, not a third package; an amount no day adds up to stays apart."""
    mil = {"item": "security assistance", "item_class": "military aid"}
    rows = [
        row("a", "2023-01-06", date="2023-01-06", value_usd=2.85e9, amount=2.85e9, **mil),
        row("b", "2023-01-06", date="2023-01-06", value_usd=2.25e8, amount=2.25e8, start=40, **mil),
        row("c", "2023-01-09", value_usd=3e9, amount=3e9, currency="USD", recipient=None, **mil),
        row("d", "2023-01-09", value_usd=5e9, amount=5e9, currency="USD", start=80, **mil),
    ]
    ledger = build_ledger(rows)
    assert [(r.date, r.value_usd, len(r.sources)) for r in ledger] == [
        ("2023-01-06", 2.85e9, 2),
        ("2023-01-06", 2.25e8, 1),
        (None, 5e9, 1),
    ]
    assert [s["day_total"] for s in ledger[0].sources] == [False, True]
    # a lone day is no sum: an amount that is not that day's stays a row of its own
    apart = build_ledger([rows[0], rows[2]])
    assert [(r.date, r.value_usd) for r in apart] == [("2023-01-06", 2.85e9), (None, 3e9)]


def test_a_days_total_counts_the_undated_packages_announced_in_that_days_texts() -> None:
    """ "$225 million in Foreign Military Financing", told with no date of its own in a
    text of 2023-01-06, is that day's: with it the $2.8 billion of that day makes the
    "more than $3 billion" told three days later. A report of aid delivered is no
    announcement of that day."""
    mil = {"item": "security assistance", "item_class": "military aid"}
    usd = {"currency": "USD", **mil}
    rows = [
        row("a", "2023-01-06", date="2023-01-06", value_usd=2.8e9, amount=2.8e9, **usd),
        row("b", "2023-01-06", value_usd=2.25e8, amount=2.25e8, start=40, **usd),
        row("c", "2023-01-09", value_usd=3e9, amount=3e9, recipient=None, **usd),
    ]
    ledger = build_ledger(rows)
    assert [(r.date, r.value_usd, len(r.sources)) for r in ledger] == [
        ("2023-01-06", 2.8e9, 2),
        (None, 2.25e8, 1),
    ]
    assert [s["day_total"] for s in ledger[0].sources] == [False, True]
    delivered = [rows[0], {**rows[1], "status": "delivered"}, rows[2]]
    assert [r.value_usd for r in build_ledger(delivered)] == [2.8e9, 2.25e8, 3e9]


def test_select_keeps_kinds_and_commitments() -> None:
    rows = build_ledger(
        [
            row("a", None, date="2022-04-01"),  # air defence: military
            row("b", None, "financial aid", item_class="financial aid", date="2022-04-02"),
            row("c", None, "aid", item_class=None, date="2022-04-03"),
            row("d", None, "tanks", item_class="tanks", status="requested", date="2022-04-04"),
            row("e", None, "HIMARS", item_class="rocket artillery", date="2022-04-05"),
        ]
    )
    assert [r.item for r in select(rows)] == ["Gepard anti-aircraft vehicle", "HIMARS"]
    assert [r.item for r in select(rows, uncommitted=True)] == [
        "Gepard anti-aircraft vehicle",
        "tanks",
        "HIMARS",
    ]
    assert [r.kind for r in select(rows, ["all"], uncommitted=True)] == [
        "military",
        "financial",
        "unspecified",
        "military",
        "military",
    ]
    assert [r.item for r in select(rows, ["financial", "unspecified"])] == ["financial aid", "aid"]
    with pytest.raises(ValueError, match="kind must be one of"):
        select(rows, ["weapons"])


def test_select_leaves_out_aid_to_other_countries_when_given_them() -> None:
    rows = build_ledger(
        [
            row("a", None, date="2022-04-01"),
            row("b", None, recipient="Pakistan", date="2022-04-02"),
            row("c", None, recipient=None, date="2022-04-03"),
            row("d", None, recipient="Kharkiv", date="2022-04-04"),
        ]
    )
    assert [r.recipient for r in select(rows)] == ["Ukraine", "Pakistan", None, "Kharkiv"]
    others = frozenset({"pakistan", "israel"})
    assert [r.recipient for r in select(rows, other_recipients=others)] == [
        "Ukraine",
        None,
        "Kharkiv",
    ]


def test_select_leaves_out_vague_rows_unless_asked() -> None:
    # "we provide weapons": a giver and a kind of aid, nothing more
    rows = build_ledger(
        [
            row("a", None, "weapons", "United States", None, item_class="weapons"),
            row("b", None, "weapons", "United States", "Ukraine", item_class="weapons"),
            row("c", None, "HIMARS", "United States", None, item_class="artillery", start=9),
            row("d", None, "tanks", "Poland", None, item_class="tanks", quantity=14),
            row("e", None, "aid", "Japan", None, item_class=None, value_usd=5e8),
            row("f", None, "aid", "France", None, item_class=None),
        ]
    )
    assert [r.vague for r in rows] == [True, False, False, False, False, True]
    assert [r.donor for r in select(rows, ["all"])] == [
        "United States",
        "United States",
        "Poland",
        "Japan",
    ]
    assert len(select(rows, ["all"], vague=True)) == 6


def test_a_vague_report_does_not_chain_two_packages() -> None:
    rows = [
        row("a", None, date="2022-04-02"),
        row("b", None, date="2022-04"),  # the same as a, and as c
        row("c", None, date="2022-04-26"),
    ]
    assert [len(r.sources) for r in build_ledger(rows)] == [2, 1]


def test_order_dates_then_undated() -> None:
    rows = [
        row("a", "2022-06-01", "tanks", item_class="tanks", date=None, value_usd=1e6),
        row("b", "2022-05-01", "HIMARS", "United States", item_class="artillery",
            date="2022-05-31"),
        row("c", "2022-05-01", "Gepard", date="2022-04"),
    ]  # fmt: skip
    assert summary(build_ledger(rows)) == [
        ("Germany", "Gepard", "2022-04", 1),
        ("United States", "HIMARS", "2022-05-31", 1),
        ("Germany", "tanks", None, 1),
    ]
    assert build_ledger([]) == []


def ledger_row(
    donor: str | None, date: str | None, item_class: str, value: float | None
) -> LedgerRow:
    return LedgerRow(donor, "Ukraine", item_class, item_class, None, value, None, None,
                     "announced", date)  # fmt: skip


def test_totals() -> None:
    rows = [
        ledger_row("Germany", "2022-04-26", "air defence", 500e6),
        ledger_row("United States", "2022-05", "artillery", 700e6),
        ledger_row("Germany", "2022-05-03", "tanks", None),
        ledger_row("Poland", None, "tanks", 100e6),
        ledger_row(None, "2022", "tanks", 50e6),
    ]
    assert totals(rows, "donor") == [
        ("United States", 1, 700e6),
        ("Germany", 2, 500e6),
        ("Poland", 1, 100e6),
        ("unknown", 1, 50e6),
        (GRAND_TOTAL, 5, 1350e6),
    ]
    assert totals(rows, "month") == [
        ("2022", 1, 50e6),
        ("2022-04", 1, 500e6),
        ("2022-05", 2, 700e6),
        ("undated", 1, 100e6),
        ("total", 5, 1350e6),
    ]
    by_item = totals(rows, "item")
    assert by_item[0] == Total("artillery", 1, 700e6)
    assert by_item[0].commitments == 1
    assert [t.key for t in by_item] == ["artillery", "air defence", "tanks", "total"]
    assert totals([], "donor") == [("total", 0, 0.0)]
    with pytest.raises(ValueError, match="by must be"):
        totals(rows, "outlet")  # type: ignore[arg-type]


def test_a_rounded_value_gives_way_to_the_exact_one() -> None:
    """ "Nearly $2 billion" (a preview), "$1.85 billion" and "$1.8 billion" on one day or
    the next are one package, of $1.85 billion."""
    usd: dict[str, Any] = {"currency": "USD", "item": "security assistance"}
    rows = [
        row("a", "2022-12-21", date="2022-12-22", amount=2e9, value_usd=2e9, **usd),
        row("b", "2022-12-21", date="2022-12-21", amount=1.8e9, value_usd=1.8e9, **usd),
        row("c", "2022-12-22", date="2022-12-21", amount=1.85e9, value_usd=1.85e9, **usd),
        row("d", "2022-12-22", date="2022-12-21", amount=1.8e9, value_usd=1.8e9, **usd),
    ]
    [entry] = build_ledger(rows)
    assert (entry.amount, entry.value_usd, len(entry.sources)) == (1.85e9, 1.85e9, 4)


@pytest.mark.parametrize(
    ("exact", "rounded", "expected"),
    [
        (1.85e9, 1.8e9, True),  # cut off
        (1.85e9, 1.9e9, True),
        (1.85e9, 2e9, True),
        (725e6, 700e6, True),
        (1.5e9, 2e9, False),  # too far, though it rounds so
        (2.5e9, 2e9, False),
        (1e9, 1e9, False),  # not rounded: as exact
        (1.8e9, 1.85e9, False),  # more digits than the exact one
        (1.2e9, 1e9, False),
    ],
)
def test_rounds_to(exact: float, rounded: float, expected: bool) -> None:
    assert rounds_to(exact, rounded) is expected


def test_close() -> None:
    assert close(100, 102) and not close(100, 102.1)
    assert close(0, 0) and not close(0, 1)


def test_ledger_from_the_store() -> None:
    """Rows as the store returns them build the same ledger (no hand-made dicts)."""
    texts = [
        "On April 26 Germany pledged 50 Gepard tanks to Ukraine.",
        "Germany will send Ukraine 50 Gepard tanks, Scholz said in April.",
        "Berlin has delivered 50 Gepard tanks to Ukraine since April.",
    ]
    with Store.open("sqlite://") as store:
        run = store.start_run("test", {})
        for i, (text, date, status) in enumerate(
            zip(texts, ["2022-04-26", "2022-04", "2022-04"], ["announced", "announced",
                                                             "delivered"], strict=True)
        ):  # fmt: skip
            ex = Extraction(Document(text, f"{i}.txt", published=f"2022-0{i + 5}-01"))
            span = Span.of(text, 0, len(text) - 1)
            ex.commitments.append(
                Commitment(span, "Germany", "Ukraine", "Gepard", "air defence", 50, None, None,
                           None, status, date, None, "author")
            )  # fmt: skip
            store.save(ex, run_id=run)
        (entry,) = build_ledger(store.commitments())
    assert len(entry.sources) == 3
    assert (entry.status, entry.date, entry.quantity) == ("delivered", "2022-04-26", 50)
    assert [s["path"] for s in entry.sources] == ["0.txt", "1.txt", "2.txt"]


def test_a_row_is_inferred_only_when_no_report_names_the_donor() -> None:
    def report(doc: str, inferred: bool) -> dict[str, Any]:
        return {
            **row(doc, "2022-04-27", donor="West", date="2022-04-26"),
            "donor_inferred": inferred,
        }

    guessed, also_guessed, named = report("a", True), report("b", True), report("c", False)
    [only_guesses] = build_ledger([guessed, also_guessed])
    assert only_guesses.donor_inferred and only_guesses.to_dict()["donor_inferred"] is True
    [with_a_name] = build_ledger([guessed, also_guessed, named])
    assert not with_a_name.donor_inferred and len(with_a_name.documents) == 3
