"""The calendar period a TIMEX3 date value names, as first and last day.

Events are dated at many granularities (``2022-04-24``, ``2022-W16``, ``2022-04``,
``2022-SP``, ``2022``, ``198``, ``1939/1940``). The store keeps, beside each value, the
first and last day of the period it names, so that one range query and one sort work
across all of them: an event dated ``2022-04`` overlaps ``--from 2022-04-20``.

:func:`period_of` is pure and never raises: a value that names no calendar period
(``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``, ``XXXX-04``, a date that does not
exist) has no period and gives ``None``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple


class Period(NamedTuple):
    """First and last day (inclusive) of a period, as ISO ``YYYY-MM-DD`` strings."""

    start: str
    end: str

    @property
    def days(self) -> int:
        """How many days the period covers."""
        return (dt.date.fromisoformat(self.end) - dt.date.fromisoformat(self.start)).days + 1

    def contains(self, other: Period) -> bool:
        """Whether ``other`` lies wholly inside this period."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day."""
        return self.start <= other.end and other.start <= self.end

    def nests(self, other: Period, max_days: int = 31) -> bool:
        """Whether one of the two periods lies inside the other and the wider is at most
        ``max_days`` long (a day in its month or week, never a month in its year)."""
        wide, narrow = (self, other) if self.days >= other.days else (other, self)
        return wide.days <= max_days and wide.contains(narrow)


#: First and last (month, day) of each TIMEX3 season; winter runs into the next year.
SEASONS: dict[str, tuple[tuple[int, int], tuple[int, int]]] = {
    "SP": ((3, 1), (5, 31)),
    "SU": ((6, 1), (8, 31)),
    "FA": ((9, 1), (11, 30)),
    "WI": ((12, 1), (2, 0)),  # day 0: the last day of February, whatever the year
}
#: The weekday parts TIMEX3 appends to a week (``2022-W16-WE``), as ISO weekdays.
WEEK_PARTS: dict[str, tuple[int, int]] = {"WE": (6, 7), "WD": (1, 5)}

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"(\d{4})")
_DECADE = re.compile(r"(\d{3})")
_CENTURY = re.compile(r"(\d{2})")
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|WI)")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(?:-(WE|WD|[1-7]))?")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_HALF = re.compile(r"(\d{4})-H([12])")


def period_of(value: str | None, mod: str | None = None) -> Period | None:
    """The first and last day of the period the TIMEX3 date ``value`` names, or ``None``;
    with a TIMEX3 ``mod`` of ``START``, ``MID`` or ``END`` the first, middle or last
    third of it (:func:`narrowed`: "late April" is 21-30 April).

    >>> period_of("2022-04")
    Period(start='2022-04-01', end='2022-04-30')
    >>> period_of("2022-W16")
    Period(start='2022-04-18', end='2022-04-24')
    >>> period_of("PRESENT_REF") is None
    True

    Days (and times of a day: ``2022-04-24T10:00``, ``2022-04-24TMO``), ISO weeks
    (``2022-W16``, weekend ``2022-W16-WE``, weekdays ``-WD``, one day ``-3``), months,
    seasons (``SP`` Mar-May, ``SU`` Jun-Aug, ``FA`` Sep-Nov, ``WI`` Dec to the end of
    the next February), quarters (``2022-Q2``), halves (``2022-H1``), years, decades
    (``198``), centuries (``19``) and ranges of two of these (``1939/1940``).
    """
    if not value:
        return None
    text = value.strip()
    if "/" in text:
        first, _, last = text.partition("/")
        a, b = _single(first), _single(last)
        if a is None or b is None or a.start > b.end:
            return None
        return Period(a.start, b.end)
    period = _single(text)
    return narrowed(period, mod) if period is not None and mod else period


#: The TIMEX3 modifiers that pick a part of a period, and which third of it they mean.
PART_MODS: dict[str, int] = {"START": 0, "MID": 1, "END": 2}


def narrowed(period: Period, mod: str) -> Period:
    """The part of ``period`` a TIMEX3 modifier picks: ``START`` its first third
    ("early April": 1-10 April), ``MID`` its middle, ``END`` its last third ("late
    2023": September to December); another modifier, or a period under three days,
    leaves it as it is.

    >>> narrowed(Period("2024-04-01", "2024-04-30"), "END")
    Period(start='2024-04-21', end='2024-04-30')
    """
    part = PART_MODS.get(mod)
    if part is None or period.days < 3:
        return period
    first, last = dt.date.fromisoformat(period.start), dt.date.fromisoformat(period.end)
    third = dt.timedelta(days=period.days // 3)
    if part == 0:
        return _period(first, first + third - dt.timedelta(days=1))
    if part == 2:
        return _period(last - third + dt.timedelta(days=1), last)
    return _period(first + third, last - third)


def middle_day(period: Period) -> str:
    """The middle day of a period (of an even number of days, the earlier of the two):
    the one day that stands for it where a day is wanted, as conflict-event datasets
    such as ACLED code an event known only to its week."""
    first = dt.date.fromisoformat(period.start)
    return (first + dt.timedelta(days=(period.days - 1) // 2)).isoformat()


def _single(text: str) -> Period | None:
    try:
        return _calendar(text)
    except ValueError:  # a day, week or year that does not exist
        return None


def _calendar(text: str) -> Period | None:
    if m := _DAY.fullmatch(text):
        day = _date(int(m[1]), int(m[2]), int(m[3]))
        return _period(day, day)
    if m := _WEEK.fullmatch(text):
        return _week(int(m[1]), int(m[2]), m[3])
    if m := _MONTH.fullmatch(text):
        year, month = int(m[1]), int(m[2])
        return _period(_date(year, month, 1), _month_end(year, month))
    if m := _SEASON.fullmatch(text):
        year = int(m[1])
        (m1, d1), (m2, d2) = SEASONS[m[2]]
        end_year = year + 1 if m2 < m1 else year
        last = _month_end(end_year, m2) if d2 == 0 else _date(end_year, m2, d2)
        return _period(_date(year, m1, d1), last)
    if m := _QUARTER.fullmatch(text):
        year, first_month = int(m[1]), 3 * int(m[2]) - 2
        return _period(_date(year, first_month, 1), _month_end(year, first_month + 2))
    if m := _HALF.fullmatch(text):
        year, first_month = int(m[1]), 6 * int(m[2]) - 5
        return _period(_date(year, first_month, 1), _month_end(year, first_month + 5))
    if m := _YEAR.fullmatch(text):
        return _years(int(m[1]), 1)
    if m := _DECADE.fullmatch(text):
        return _years(int(m[1]) * 10, 10)
    if m := _CENTURY.fullmatch(text):
        return _years(int(m[1]) * 100, 100)
    return None


def _date(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, day)  # ValueError for a date that does not exist


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:  # not via 1 January of the next year, which 9999 lacks
        return _date(year, 12, 31)
    return _date(year, month + 1, 1) - dt.timedelta(days=1)


def _years(first: int, count: int) -> Period | None:
    # year 0 does not exist in the proleptic Gregorian calendar Python uses
    start = max(first, dt.MINYEAR)
    return _period(_date(start, 1, 1), _date(first + count - 1, 12, 31))


def _week(year: int, week: int, part: str | None) -> Period:
    if part is None:
        first, last = 1, 7
    elif part in WEEK_PARTS:
        first, last = WEEK_PARTS[part]
    else:
        first = last = int(part)
    return _period(
        dt.date.fromisocalendar(year, week, first), dt.date.fromisocalendar(year, week, last)
    )


def _period(first: dt.date, last: dt.date) -> Period:
    return Period(first.isoformat(), last.isoformat())
