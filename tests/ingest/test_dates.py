"""normalise_date: common date strings in, ISO out, ValueError for anything else."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from presswatch.ingest.dates import normalise_date

ISO = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", re.ASCII)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-04-30", "2022-04-30"),
        ("2022-04-30T10:00:00Z", "2022-04-30"),
        ("2022-04-30T23:59:59.123+05:30", "2022-04-30"),
        ("2022-04-30 10:00", "2022-04-30"),
        ("April 30, 2022", "2022-04-30"),
        ("Apr 30th 2022", "2022-04-30"),
        ("Apr. 30, 2022", "2022-04-30"),
        ("Sept 1st, 2021", "2021-09-01"),
        ("30 April 2022", "2022-04-30"),
        ("30th of April, 2022", "2022-04-30"),
        ("Saturday, 30 April 2022", "2022-04-30"),
        ("Sat, April 30, 2022", "2022-04-30"),
        ("2022/04/30", "2022-04-30"),
        ("2022.4.3", "2022-04-03"),
        ("20220430", "2022-04-30"),
        ("2022-04", "2022-04"),
        ("April 2022", "2022-04"),
        ("2022", "2022"),
        ("  april\u00a030,\n2022 ", "2022-04-30"),
        ("MAY 5 2020", "2020-05-05"),
    ],
)
def test_common_formats(value: str, expected: str) -> None:
    assert normalise_date(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "",
        "yesterday",
        "2022-02-30",  # no such day
        "2022-13",
        "Foo 30, 2022",
        "04/05/2022",  # day/month order unknown: refused, not guessed
        "0999",
        "2022-04-30T25",
        "٢٠٢٢",  # digits, but not ASCII ones
        "April 31, 2022",
    ],
)
def test_refuses_what_it_cannot_read(value: str) -> None:
    with pytest.raises(ValueError, match=r"^unparseable date: "):
        normalise_date(value)


def test_error_names_the_value() -> None:
    with pytest.raises(ValueError) as excinfo:
        normalise_date("soon")
    assert str(excinfo.value) == "unparseable date: 'soon'"


@settings(max_examples=200)
@given(st.text(max_size=40))
def test_any_string_gives_iso_or_value_error(value: str) -> None:
    try:
        result = normalise_date(value)
    except ValueError as exc:
        assert str(exc).startswith("unparseable date: ")
        return
    assert ISO.fullmatch(result)
    parts = [int(p) for p in result.split("-")] + [1, 1]
    dt.date(*parts[:3])  # a real date


@settings(max_examples=100)
@given(
    st.dates(min_value=dt.date(1000, 1, 1)),
    st.sampled_from(["%Y-%m-%d", "%B %d, %Y", "%d %B %Y", "%b %d %Y", "%Y/%m/%d", "%Y%m%d"]),
)
def test_formatted_dates_round_trip(day: dt.date, pattern: str) -> None:
    assert normalise_date(day.strftime(pattern)) == day.isoformat()
