"""A ledger of aid: each commitment once, with every document that reports it.

:func:`build_ledger` takes commitment rows (:meth:`presswatch.store.Store.commitments`)
and merges those that report the same commitment into one :class:`LedgerRow`. Merging
is conservative; two reports are the same commitment (:func:`same_commitment`) when

- the **donor** and the **recipient** are the same (case-insensitive; either may be
  missing, but then in both), except that a report of an amount may leave the
  recipient out;
- the **item** is the same (case-insensitive), or the **item class** is, with
  quantities that are compatible: equal, or one of them not given. Quantities must be
  compatible for the same item too ("50 Gepard" is not "15 Gepard"). Two *different*
  named items of one class ("IRIS-T" and "NASAMS", both air defence) need the same
  quantity, given in both; a generic item ("air defence", item equal to its class)
  takes a named one of its class;
- the **value** is compatible: both have none, or both have one and they are within
  2% (in US dollars when both were converted, else as amounts of one currency), or
  one is the other as a speaker rounds it (:func:`rounds_to`: "$1.8 billion" and
  "nearly $2 billion" for $1.85 billion) and both are dated to days at most one
  apart. Two reports of one amount need not name the item alike, only aid of one kind
  (:func:`presswatch.models.aid_kind`): "$300 million in security assistance" and "a
  package of $300 million of ammunition";
- the **dates** are compatible: the same period, or one inside the other when the
  wider is at most a month long (``2022-04-26`` in ``2022-04``), or, for reports of an
  amount, days next to each other; a report with no date
  matches only when everything else does *and* it has a value, which then says which
  package it is, among those dated in the month before its publication (or reported
  undated in that month).

A report joins a row only when it is the same commitment as every report already in it,
so that one vague report cannot chain two different packages together. A lone undated
report whose amount is the sum of the packages one donor announced together on a day
of the month before it ("more than $3 billion" for $2.85 billion and $225 million)
joins the largest of them, its source marked ``day_total``.

:func:`select` keeps the rows of some kinds of aid (military by default: see
:func:`presswatch.models.aid_kind`), unless asked only aid committed (a proposal or a
request is not yet a commitment), unless asked only rows that name more than a giver
and a kind of aid ("we provide weapons" names no recipient, system, quantity or value),
and, when given the countries outside the domain's conflict (:func:`left_out`), only
aid to others. :func:`totals` sums the rows by donor, by month
or by item class.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Literal, NamedTuple

from presswatch.analysis.merging import MAX_NESTED_DAYS, in_date_order, most_common
from presswatch.models import AID_KINDS, UNCOMMITTED_STATUSES, aid_kind, granularity
from presswatch.store.periods import Period, middle_day, period_of

#: The longest period (in days: a month) that a ledger row's one day
#: (:attr:`LedgerRow.day`) stands for by its middle; a quarter or a year gets none.
MAX_DAY_PERIOD = 31
#: How far two values may differ (relative to the larger) and still be one commitment.
VALUE_TOLERANCE = 0.02
#: How far a rounded value may be from the exact one (relative to the larger): "nearly
#: $2 billion" is $1.85 billion, "$2 billion" is not $1.5 billion.
ROUNDING_TOLERANCE = 0.10
#: How far along a commitment is, by status; a ledger row takes the furthest of its
#: reports. ``reported`` (sent, says the text, without saying how far) ranks with
#: ``announced``.
STATUS_RANK: dict[str, int] = {
    "proposed": 0,
    "requested": 1,
    "announced": 2,
    "reported": 2,
    "authorised": 3,
    "being-prepared": 4,
    "delivered": 5,
}
#: The kinds of aid a ledger keeps unless told otherwise (``--kind``).
DEFAULT_KINDS: tuple[str, ...] = ("military",)
#: ``--kind`` choices: one of :data:`~presswatch.models.AID_KINDS`, or ``all``.
KIND_CHOICES: tuple[str, ...] = (*AID_KINDS, "all")
#: What :func:`totals` can group by.
TOTALS_BY: tuple[str, ...] = ("donor", "month", "item")

TotalsBy = Literal["donor", "month", "item"]

_MONTH = re.compile(r"\d{4}-\d{2}")


def _key(value: Any) -> str | None:
    """A name compared case-insensitively (``None`` and blank are no name)."""
    text = str(value).strip().casefold() if value is not None else ""
    return text or None


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def close(a: float, b: float, tolerance: float = VALUE_TOLERANCE) -> bool:
    """Are two numbers within ``tolerance`` of each other, relative to the larger?"""
    if a == b:
        return True
    return abs(a - b) <= tolerance * max(abs(a), abs(b))


def significant_digits(value: float) -> int:
    """How many significant digits ``value`` is written with (``1.85e9``: 3, ``2e9``: 1)."""
    if value == 0 or not math.isfinite(value):
        return 0
    return len(Decimal(repr(abs(value))).normalize().as_tuple().digits)


def rounds_to(exact: float, rounded: float) -> bool:
    """Is ``rounded`` what a speaker makes of ``exact`` by rounding it: written with
    fewer significant digits, at most half a unit of its last digit away (or cut off
    there), and within :data:`ROUNDING_TOLERANCE`?

    >>> rounds_to(1.85e9, 1.8e9), rounds_to(1.85e9, 2e9), rounds_to(1.5e9, 2e9)
    (True, True, False)
    """
    digits = significant_digits(rounded)
    if not 0 < digits < significant_digits(exact) or not close(exact, rounded, ROUNDING_TOLERANCE):
        return False
    unit = 10.0 ** (math.floor(math.log10(abs(rounded))) - digits + 1)
    return abs(exact - rounded) <= unit / 2 * (1 + 1e-9) or abs(exact) - abs(rounded) < unit


@dataclass(frozen=True, slots=True)
class _Report:
    """One commitment row, read once into what merging compares."""

    index: int
    row: Mapping[str, Any]
    donor: str | None
    recipient: str | None
    item: str | None
    item_class: str | None
    quantity: float | None
    value_usd: float | None
    amount: float | None
    currency: str | None
    date: str | None
    period: Period | None
    days: int  # of the period (0 when there is none)
    status: str | None
    #: for a report with no date: the month before its publication, when what it
    #: tells must have happened ("Jake announced an additional $400 million")
    recent: Period | None
    #: its amount is the sum of the packages of one day, not this row's alone
    #: (:func:`_day_totals`)
    day_total: bool = False

    @classmethod
    def of(cls, index: int, row: Mapping[str, Any]) -> _Report:
        date = row.get("date") or None
        start, end = row.get("date_start"), row.get("date_end")
        period = Period(start, end) if start and end else period_of(date)
        currency = row.get("currency")
        return cls(
            index=index,
            row=row,
            donor=_key(row.get("donor")),
            recipient=_key(row.get("recipient")),
            item=_key(row.get("item")),
            item_class=_key(row.get("item_class")),
            quantity=_number(row.get("quantity")),
            value_usd=_number(row.get("value_usd")),
            amount=_number(row.get("amount")),
            currency=str(currency).upper() if currency else None,
            date=date,
            period=period,
            days=period.days if period else 0,
            status=row.get("status") or None,
            recent=None if period else _month_before(row.get("published")),
        )

    @property
    def generic(self) -> bool:
        """Is the item a class rather than a named system ("air defence")?"""
        return self.item is None or self.item == self.item_class

    @property
    def has_value(self) -> bool:
        return self.value_usd is not None or self.amount is not None

    def source(self) -> dict[str, Any]:
        row = self.row
        return {
            "doc_id": row["doc_id"],
            "published": row.get("published"),
            "title": row.get("title"),
            "path": row.get("path"),
            "start": row["start"],
            "end": row["end"],
            "text": row["text"],
            "source": row.get("source"),
            "status": self.status,
            "date": self.date,
            "day_total": self.day_total,
        }


def _quantities(a: _Report, b: _Report) -> bool:
    return a.quantity is None or b.quantity is None or close(a.quantity, b.quantity, 0.0)


def _same_item(a: _Report, b: _Report) -> bool:
    if not _quantities(a, b):
        return False
    if a.item is not None and a.item == b.item:
        return True
    if a.item_class is None or a.item_class != b.item_class:
        return False
    if a.generic or b.generic:
        return True
    return a.quantity is not None and b.quantity is not None  # and equal, as checked


def _same_value(a: _Report, b: _Report) -> bool:
    if not a.has_value and not b.has_value:
        return True
    if a.amount is not None and b.amount is not None and a.currency == b.currency:
        if close(a.amount, b.amount):
            return True
        return (_rounded(a, b) or _rounded(b, a)) and _near_days(a, b)
    if a.value_usd is not None and b.value_usd is not None:
        return close(a.value_usd, b.value_usd)
    return False


def _rounded(exact: _Report, rough: _Report) -> bool:
    """Is ``rough``'s amount ``exact``'s as a speaker rounds it (:func:`rounds_to`)?"""
    return (
        exact.amount is not None
        and rough.amount is not None
        and exact.currency == rough.currency
        and rounds_to(exact.amount, rough.amount)
    )


def _near_days(a: _Report, b: _Report) -> bool:
    """Are both dated to a day, and those days the same or next to each other?"""
    pa, pb = a.period, b.period
    return pa is not None and pb is not None and a.days == b.days == 1 and _days_apart(pa, pb) <= 1


def _month_before(published: Any) -> Period | None:
    day = period_of(str(published)[:10]) if published else None
    if day is None or day.days != 1:
        return None
    end = dt.date.fromisoformat(day.end)
    return Period((end - dt.timedelta(days=MAX_NESTED_DAYS)).isoformat(), day.end)


def _days_apart(a: Period, b: Period) -> int:
    return abs((dt.date.fromisoformat(a.start) - dt.date.fromisoformat(b.start)).days)


def _same_date(a: _Report, b: _Report) -> bool:
    pa, pb = a.period, b.period
    if pa is None or pb is None:
        # the value says which package it is, of those of the month before publication
        if not (a.has_value and b.has_value):
            return False
        wa, wb = pa or a.recent, pb or b.recent
        return wa is None or wb is None or wa.overlaps(wb)
    if pa == pb or pa.nests(pb, MAX_NESTED_DAYS):
        return True
    # an amount told of a long period ("$60 million … earlier this year") is the package
    # of that amount dated inside it: the value says which
    if a.has_value and b.has_value and (pa.contains(pb) or pb.contains(pa)):
        return True
    # one amount reported on days close together: a package announced late on one day
    # is "today's" in the next day's briefing
    return a.has_value and b.has_value and _near_days(a, b)


def _same_amount_of_aid(a: _Report, b: _Report) -> bool:
    """Two reports of one amount of aid: the value says which package it is, so one
    report may leave the recipient out, and they may name the package differently
    ("a $300 million package of ammunition and air defense", "$300 million in security
    assistance") as long as both name aid of one kind."""
    if not a.has_value or not _same_value(a, b):
        return False
    if a.recipient is not None and b.recipient is not None and a.recipient != b.recipient:
        return False
    kinds = {aid_kind(a.item_class), aid_kind(b.item_class)} - {"unspecified"}
    return len(kinds) <= 1 and _quantities(a, b)


def _same(a: _Report, b: _Report) -> bool:
    if a.donor != b.donor or not _same_date(a, b):
        return False
    if a.recipient == b.recipient and _same_item(a, b) and _same_value(a, b):
        return True
    return _same_amount_of_aid(a, b)


def same_commitment(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Do two commitment rows (:meth:`Store.commitments`) report the same commitment?"""
    return _same(_Report.of(0, a), _Report.of(1, b))


def status_rank(status: str | None) -> int:
    """How far along ``status`` is (-1 for none or an unknown one)."""
    return STATUS_RANK.get(status or "", -1)


@dataclass(slots=True)
class LedgerRow:
    """One commitment with every report of it.

    ``status`` is the furthest along its reports give (see :data:`STATUS_RANK`);
    ``date`` the most precise; the other fields the most common value its reports give
    (on a tie, that of the report with the most precise date), a named item before a
    generic one.
    """

    donor: str | None
    recipient: str | None
    item: str
    item_class: str | None
    quantity: float | None
    value_usd: float | None
    amount: float | None
    currency: str | None
    status: str | None
    date: str | None
    date_start: str | None = None
    date_end: str | None = None
    sources: list[dict[str, Any]] = field(default_factory=list)
    #: no report names the donor: it is the domain pack's coalition or a weapon's maker
    donor_inferred: bool = False

    @property
    def documents(self) -> list[str]:
        """The ids of the documents that report it, each once, in source order."""
        return list(dict.fromkeys(s["doc_id"] for s in self.sources))

    @property
    def first_published(self) -> str | None:
        dates = [s["published"] for s in self.sources if s.get("published")]
        return min(dates) if dates else None

    @property
    def kind(self) -> str:
        """The kind of aid (:func:`presswatch.models.aid_kind` of the item class)."""
        return aid_kind(self.item_class)

    @property
    def vague(self) -> bool:
        """Does it name only a giver and a kind of aid ("we provide weapons"): no
        recipient, no named system, no quantity and no value?"""
        generic = not self.item or self.item_class is None or self.item == self.item_class
        return (
            self.recipient is None
            and generic
            and self.quantity is None
            and self.value_usd is None
            and self.amount is None
        )

    @property
    def day(self) -> str | None:
        """One day that stands for the date, where a day is wanted (the CSV's ``date``):
        the day itself, or the middle day of a period of at most
        :data:`MAX_DAY_PERIOD` days (a week, a part of a month, a month: "just last
        week" said on 18 June 2021 is 10 June 2021), as conflict-event datasets such
        as ACLED code an event known only to its week; ``None`` undated or coarser."""
        if not self.date_start or not self.date_end:
            return None
        period = Period(self.date_start, self.date_end)
        return middle_day(period) if period.days <= MAX_DAY_PERIOD else None

    @property
    def date_precision(self) -> str | None:
        """What ``date`` is precise to: ``day``, ``week``, ``month``, ``year`` …
        (:func:`presswatch.models.granularity`); ``None`` undated."""
        return granularity(self.date) if self.date else None

    @property
    def month(self) -> str | None:
        """The ``YYYY-MM`` of the date, when it is a month or a day."""
        return self.date[:7] if self.date and _MONTH.match(self.date) else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "donor": self.donor,
            "recipient": self.recipient,
            "item": self.item,
            "item_class": self.item_class,
            "kind": self.kind,
            "quantity": _plain(self.quantity),
            "value_usd": self.value_usd,
            "amount": self.amount,
            "currency": self.currency,
            "status": self.status,
            "date": self.date,
            "date_start": self.date_start,
            "date_end": self.date_end,
            "day": self.day,
            "date_precision": self.date_precision,
            "donor_inferred": self.donor_inferred,
            "first_published": self.first_published,
            "documents": len(self.documents),
            "sources": [dict(s) for s in self.sources],
        }


def _plain(value: float | None) -> float | int | None:
    return int(value) if value is not None and float(value).is_integer() else value


def _row(reports: list[_Report]) -> LedgerRow:
    dated = [r for r in reports if r.period is not None]
    best = min(dated, key=lambda r: (r.days, r.index)) if dated else None
    # ties go to the report with the most precise date (then the first)
    precise = sorted(reports, key=lambda r: (r.period is None, r.days, r.index))
    named = [r for r in precise if not r.generic] or precise
    money = [r for r in precise if r.amount is not None]
    # a value a speaker rounded gives way to the exact one ("$1.8 billion", $1.85 billion)
    rough = {r.index for r in money for o in money if _rounded(o, r)}
    money = [r for r in money if r.index not in rough]
    valued = [r for r in precise if r.value_usd is not None and r.index not in rough]
    statuses = [r for r in reports if r.status]
    status = max(statuses, key=lambda r: (status_rank(r.status), -r.index)) if statuses else None
    sources = sorted(
        (r.source() for r in reports),
        key=lambda s: (s["published"] is None, s["published"] or "", s["doc_id"], s["start"]),
    )
    currency = most_common(r.currency for r in money)
    return LedgerRow(
        donor=most_common(r.row.get("donor") for r in reports),
        recipient=most_common(r.row.get("recipient") for r in reports),
        item=str(most_common(r.row.get("item") for r in named) or ""),
        item_class=most_common(r.row.get("item_class") for r in reports),
        quantity=most_common(r.quantity for r in precise),
        value_usd=most_common(r.value_usd for r in valued),
        amount=most_common(r.amount for r in money if r.currency == currency),
        currency=currency,
        status=status.status if status else None,
        date=best.date if best else None,
        date_start=best.period.start if best and best.period else None,
        date_end=best.period.end if best and best.period else None,
        sources=sources,
        donor_inferred=all(bool(r.row.get("donor_inferred")) for r in reports),
    )


def build_ledger(rows: Iterable[Mapping[str, Any]]) -> list[LedgerRow]:
    """Merge commitment rows into ledger rows, in date order; undated rows last.

    Rows are ordered by the first and last day of their date's period, then by first
    publication; each row's sources by publication date.
    """
    groups: list[list[_Report]] = []
    index: dict[str | None, list[int]] = {}  # by donor
    for i, row in enumerate(rows):
        report = _Report.of(i, row)
        slot = index.setdefault(report.donor, [])
        match = next((g for g in slot if all(_same(m, report) for m in groups[g])), None)
        if match is None:
            match = len(groups)
            groups.append([])
            slot.append(match)
        groups[match].append(report)
    groups = _day_totals(groups)
    entries = [(min(r.index for r in group), _row(group)) for group in groups]
    return in_date_order(entries)


def _day_totals(groups: list[list[_Report]]) -> list[list[_Report]]:
    """Groups, where a lone undated report of an amount that is the sum of the packages
    one donor announced together on a day of the month before its publication ("more
    than $3 billion" for the $2.85 billion and $225 million of one day: within 2%, or
    rounded, :func:`rounds_to`) has joined the largest of them, marked ``day_total``,
    rather than standing as a package of its own."""

    def day_and_value(group: list[_Report]) -> tuple[str, float] | None:
        day = next((r.period.start for r in group if r.period and r.days == 1), None)
        if day is None and all(r.period is None for r in group):
            # announced with no date of its own: on the day of the text that tells it
            # ("… including $2.85 billion … and $225 million in Foreign Military
            # Financing"), as the ledger's --from/--to take it
            day = _announced_on(group[0])
        value = next((r.value_usd for r in group if r.value_usd is not None), None)
        return (day, value) if day is not None and value is not None else None

    dated = {i: found for i, g in enumerate(groups) if (found := day_and_value(g))}
    absorbed: set[int] = set()
    for i, group in enumerate(groups):
        lone = group[0]
        if len(group) != 1 or lone.period is not None or lone.recent is None:
            continue
        total = lone.value_usd
        if total is None:
            continue
        by_day: dict[str, list[int]] = {}
        for j, (day, _value) in dated.items():
            other = groups[j]
            if j == i:
                continue
            if other[0].donor != lone.donor or not lone.recent.contains(Period(day, day)):
                continue
            if lone.recipient and any(r.recipient not in (None, lone.recipient) for r in other):
                continue
            by_day.setdefault(day, []).append(j)
        for members in by_day.values():
            summed = sum(dated[j][1] for j in members)
            if len(members) > 1 and (close(summed, total) or rounds_to(summed, total)):
                largest = max(members, key=lambda j: dated[j][1])
                groups[largest].append(replace(lone, day_total=True))
                absorbed.add(i)
                break
    return [g for i, g in enumerate(groups) if i not in absorbed]


def _announced_on(report: _Report) -> str | None:
    """The publication day of an undated report of an announcement."""
    published = report.row.get("published")
    if report.status != "announced" or not published:
        return None
    day = period_of(str(published)[:10])
    return day.start if day is not None and day.days == 1 else None


def select(
    rows: Iterable[LedgerRow],
    kinds: Iterable[str] = DEFAULT_KINDS,
    *,
    uncommitted: bool = False,
    other_recipients: Collection[str] = (),
    vague: bool = False,
) -> list[LedgerRow]:
    """The rows whose kind of aid is one of ``kinds`` (``all`` keeps every kind),
    unless ``uncommitted``, whose status is not a proposal or a request (a row takes
    the furthest status of its reports, so a proposal later announced is kept), whose
    recipient is not one of ``other_recipients`` (case-folded names: the countries
    outside the domain's conflict, :meth:`DomainPack.other_countries`), and, unless
    ``vague``, that name more than a giver and a kind of aid (:attr:`LedgerRow.vague`).
    Raises :class:`ValueError` for a kind not in :data:`KIND_CHOICES`."""
    wanted = set(kinds)
    unknown = sorted(wanted - set(KIND_CHOICES))
    if unknown:
        raise ValueError(f"kind must be one of {', '.join(KIND_CHOICES)}, not {unknown[0]!r}")
    every = "all" in wanted
    return [
        row
        for row in rows
        if (every or row.kind in wanted)
        and (uncommitted or (row.status or "") not in UNCOMMITTED_STATUSES)
        and (row.recipient or "").casefold() not in other_recipients
        and (vague or not row.vague)
    ]


def left_out(
    other_countries: Collection[str], *, recipient: str | None, all_recipients: bool
) -> Collection[str]:
    """The recipients a ledger leaves out (:func:`select`'s ``other_recipients``): the
    countries outside the domain's conflict, unless every recipient or one recipient
    is asked for."""
    return () if all_recipients or recipient else other_countries


class Total(NamedTuple):
    """``(key, count, value_usd)``: how many ledger rows share a key (``commitments``)
    and their summed ``value_usd`` (rows without one count, adding nothing)."""

    key: str
    commitments: int
    value_usd: float


#: The key of the grand total that :func:`totals` appends.
GRAND_TOTAL = "total"


def _total_key(row: LedgerRow, by: str) -> str:
    if by == "donor":
        return row.donor or "unknown"
    if by == "month":
        return row.month or row.date or "undated"
    return row.item_class or row.item or "unknown"


def totals(rows: Iterable[LedgerRow], by: TotalsBy) -> list[Total]:
    """Rows counted and their values summed by ``donor``, ``month`` (``YYYY-MM`` of the
    date; a coarser date stays as it is, no date is ``undated``) or ``item`` (the item
    class, else the item), then the grand total (key :data:`GRAND_TOTAL`).

    Months come in calendar order (``undated`` last); donors and items by value, then
    count, largest first. Raises :class:`ValueError` for another ``by``.
    """
    if by not in TOTALS_BY:
        raise ValueError(f"by must be one of {', '.join(TOTALS_BY)}, not {by!r}")
    counts: Counter[str] = Counter()
    sums: dict[str, float] = {}
    for row in rows:
        key = _total_key(row, by)
        counts[key] += 1
        sums[key] = sums.get(key, 0.0) + (row.value_usd or 0.0)
    found = [Total(key, counts[key], sums[key]) for key in counts]
    if by == "month":
        found.sort(key=lambda t: (t.key == "undated", t.key))
    else:
        found.sort(key=lambda t: (-t.value_usd, -t.commitments, t.key))
    grand = Total(GRAND_TOTAL, sum(counts.values()), sum(sums.values()))
    return [*found, grand]


# -- the ledger as CSV (the CLI's `ledger --format csv` and the web app's /ledger.csv) --
#
# Text cells come from article text (names, items), so a cell such as ``=HYPERLINK(...)``
# would be a formula to a spreadsheet that opens the file (CSV injection). csv_text
# neutralises those cells as OWASP recommends; numbers and ISO dates are left as they are.

#: The CSV header: the required columns first, then the extras.
CSV_COLUMNS: tuple[str, ...] = (
    "donor",
    "recipient",
    "item",
    "quantity",
    "value_usd",
    "amount",
    "currency",
    "status",
    "date",
    "sources",
    "item_class",
    "documents",
    "donor_inferred",
    "published",
    "kind",
    "date_precision",
    "date_period",
)


def csv_number(value: float | None) -> str:
    """A number as CSV wants it: no exponent, no thousands separators; empty for none."""
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


#: First characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: Any) -> str:
    """A text cell, safe to open in a spreadsheet: a value starting with one of
    :data:`FORMULA_STARTS` gets a ``'`` in front, so that it is read as text, not as a
    formula; empty for none."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def plain_date(date: str | None) -> str:
    """A TIMEX3 date without its time of day (``2022-04-26T10:00`` is ``2022-04-26``);
    a coarser one (``2022-W16``, ``2022-04``, ``2022``) as it is; empty for none."""
    if not date:
        return ""
    return date[:10] if len(date) > 10 and date[10] == "T" else date


def csv_day(row: LedgerRow) -> str:
    """A row's date as ``YYYY-MM-DD``: its day, or the middle day of a week or month
    (:attr:`LedgerRow.day`; ``date_precision`` and ``date_period`` say which); a
    coarser date (``2022-Q2``, ``2022``) as its TIMEX3 value; empty undated."""
    return row.day or plain_date(row.date)


def csv_row(row: LedgerRow) -> dict[str, Any]:
    """One ledger row as the cells of :data:`CSV_COLUMNS`: text cells through
    :func:`csv_text` (no formulas), numbers through :func:`csv_number`, dates as ISO."""
    published = {s["doc_id"]: s.get("published") for s in row.sources}
    return {
        "donor": csv_text(row.donor),
        "recipient": csv_text(row.recipient),
        "item": csv_text(row.item),
        "quantity": csv_number(row.quantity),
        "value_usd": csv_number(row.value_usd),
        "amount": csv_number(row.amount),
        "currency": csv_text(row.currency),
        "status": csv_text(row.status),
        "date": csv_day(row),
        "sources": len(row.documents),
        "item_class": csv_text(row.item_class),
        "documents": csv_text(
            "; ".join(f"{published[doc_id] or 'undated'} {doc_id[:12]}" for doc_id in row.documents)
        ),
        "donor_inferred": "yes" if row.donor_inferred else "",
        "published": row.first_published or "",
        "kind": row.kind,
        "date_precision": row.date_precision or "",
        "date_period": f"{row.date_start}/{row.date_end}" if row.date_start else "",
    }
