"""The period a TIMEX3 date value names: first and last day, or None."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from presswatch.store import Period, period_of
from presswatch.store.periods import middle_day, narrowed


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        # days, and times of a day
        ("2022-04-24", "2022-04-24", "2022-04-24"),
        ("2022-04-24T10:00", "2022-04-24", "2022-04-24"),
        ("2022-04-24T10:00:30", "2022-04-24", "2022-04-24"),
        ("2022-04-24TMO", "2022-04-24", "2022-04-24"),
        ("2022-04-24TNI", "2022-04-24", "2022-04-24"),
        ("2024-02-29", "2024-02-29", "2024-02-29"),
        # months
        ("2022-04", "2022-04-01", "2022-04-30"),
        ("2022-01", "2022-01-01", "2022-01-31"),
        ("2022-12", "2022-12-01", "2022-12-31"),
        ("2022-02", "2022-02-01", "2022-02-28"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("1900-02", "1900-02-01", "1900-02-28"),
        ("2000-02", "2000-02-01", "2000-02-29"),
        ("9999-12", "9999-12-01", "9999-12-31"),
        # years, decades, centuries
        ("2022", "2022-01-01", "2022-12-31"),
        ("198", "1980-01-01", "1989-12-31"),
        ("202", "2020-01-01", "2029-12-31"),
        ("19", "1900-01-01", "1999-12-31"),
        # seasons; winter runs to the end of the next February
        ("2022-SP", "2022-03-01", "2022-05-31"),
        ("2022-SU", "2022-06-01", "2022-08-31"),
        ("2022-FA", "2022-09-01", "2022-11-30"),
        ("2022-WI", "2022-12-01", "2023-02-28"),
        ("2023-WI", "2023-12-01", "2024-02-29"),
        # ISO weeks: Monday to Sunday, across a year's end too
        ("2022-W16", "2022-04-18", "2022-04-24"),
        ("2022-W01", "2022-01-03", "2022-01-09"),
        ("2021-W01", "2021-01-04", "2021-01-10"),
        ("2020-W53", "2020-12-28", "2021-01-03"),
        ("2026-W53", "2026-12-28", "2027-01-03"),
        ("2025-W01", "2024-12-30", "2025-01-05"),
        ("2022-W16-WE", "2022-04-23", "2022-04-24"),
        ("2022-W16-WD", "2022-04-18", "2022-04-22"),
        ("2022-W16-3", "2022-04-20", "2022-04-20"),
        # quarters and halves
        ("2022-Q1", "2022-01-01", "2022-03-31"),
        ("2022-Q2", "2022-04-01", "2022-06-30"),
        ("2022-Q3", "2022-07-01", "2022-09-30"),
        ("2022-Q4", "2022-10-01", "2022-12-31"),
        ("2022-H1", "2022-01-01", "2022-06-30"),
        ("2022-H2", "2022-07-01", "2022-12-31"),
        # ranges: from the start of the first to the end of the last
        ("1939/1940", "1939-01-01", "1940-12-31"),
        ("2022-04/2022-06", "2022-04-01", "2022-06-30"),
        ("2022-02-24/2022-03", "2022-02-24", "2022-03-31"),
        (" 2022-04 ", "2022-04-01", "2022-04-30"),
    ],
)
def test_period_of(value: str, start: str, end: str) -> None:
    assert period_of(value) == Period(start, end)


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "PRESENT_REF",
        "PAST_REF",
        "FUTURE_REF",
        "XXXX-04-24",
        "XXXX-WI",
        "2022-02-29",  # not a leap year
        "2022-04-31",
        "2022-13",
        "2022-00",
        "2022-W54",
        "2022-W53",  # 2022 has 52 ISO weeks
        "2021-W53",
        "2022-W00",
        "2022-W16-8",
        "9999-WI",  # would end in the year 10000
        "2022-Q5",
        "2022-H3",
        "2022-XX",
        "0000",
        "1940/1939",  # backwards
        "1939/",
        "/1940",
        "1939/1940/1941",
        "P3D",
        "2022-04-24 10:00",
        "twenty twenty-two",
        "20222",
        "2",
    ],
)
def test_values_that_name_no_period(value: str | None) -> None:
    assert period_of(value) is None


def test_period_helpers() -> None:
    april, week = Period("2022-04-01", "2022-04-30"), Period("2022-04-25", "2022-05-01")
    assert april.days == 30 and week.days == 7
    assert april.contains(Period("2022-04-24", "2022-04-24"))
    assert not april.contains(week) and april.overlaps(week)
    assert not april.overlaps(Period("2022-05-01", "2022-05-31"))


@given(st.text(max_size=30))
def test_any_string_gives_a_period_or_none_never_an_error(value: str) -> None:
    period = period_of(value)
    if period is not None:
        assert period.start <= period.end
        assert len(period.start) == len(period.end) == 10


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_every_real_day_is_its_own_period(day: dt.date) -> None:
    iso = day.isoformat()
    assert period_of(iso) == Period(iso, iso)
    assert period_of(iso[:7]) is not None and period_of(iso[:4]) is not None


def test_nests_a_narrow_period_in_a_short_wide_one() -> None:
    day, month, year = period_of("2022-04-26"), period_of("2022-04"), period_of("2022")
    assert day is not None and month is not None and year is not None
    assert day.nests(month) and month.nests(day)  # either way round
    assert not month.nests(year)  # a year is too wide to take in a month
    assert not day.nests(period_of("2022-05") or day)  # not inside
    assert month.nests(year, max_days=366)


@pytest.mark.parametrize(
    ("value", "mod", "start", "end"),
    [
        ("2024-04", "START", "2024-04-01", "2024-04-10"),  # early April
        ("2024-04", "MID", "2024-04-11", "2024-04-20"),
        ("2024-04", "END", "2024-04-21", "2024-04-30"),  # late April
        ("2024-05", "END", "2024-05-22", "2024-05-31"),
        ("2023", "START", "2023-01-01", "2023-05-01"),  # early 2023
        ("2023", "END", "2023-09-02", "2023-12-31"),  # late 2023
        ("2024-W20", "START", "2024-05-13", "2024-05-14"),  # early this week
        ("2024-04", None, "2024-04-01", "2024-04-30"),
        ("2024-04", "APPROX", "2024-04-01", "2024-04-30"),  # not a part of it
        ("2024-04-26", "END", "2024-04-26", "2024-04-26"),  # a day has no thirds
    ],
)
def test_a_modifier_narrows_the_period_to_a_third(
    value: str, mod: str | None, start: str, end: str
) -> None:
    assert period_of(value, mod) == Period(start, end)


@given(
    st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9998, 12, 1)),
    st.sampled_from(["START", "MID", "END"]),
)
def test_a_narrowed_month_lies_inside_it_and_its_parts_do_not_overlap(
    day: dt.date, mod: str
) -> None:
    month = period_of(day.isoformat()[:7])
    assert month is not None
    part = narrowed(month, mod)
    assert month.contains(part) and part.days >= 9
    parts = [narrowed(month, m) for m in ("START", "MID", "END")]
    assert parts[0].end < parts[1].start and parts[1].end < parts[2].start


def test_middle_day() -> None:
    assert middle_day(Period("2021-06-07", "2021-06-13")) == "2021-06-10"  # a week's Thursday
    assert middle_day(Period("2024-04-21", "2024-04-30")) == "2024-04-25"
    assert middle_day(Period("2024-04-26", "2024-04-26")) == "2024-04-26"
