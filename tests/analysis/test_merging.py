"""What the timeline and the ledger share: most common values, date order."""

from __future__ import annotations

from dataclasses import dataclass

from presswatch.analysis.merging import in_date_order, most_common


def test_most_common_skips_none_and_keeps_the_first_on_a_tie() -> None:
    assert most_common(["b", None, "a", "a", "b"]) == "b"
    assert most_common([None, 3, 3, 2]) == 3
    assert most_common([None, None]) is None
    assert most_common([]) is None


@dataclass
class _Entry:
    name: str
    date_start: str | None
    date_end: str | None
    first_published: str | None


def test_in_date_order() -> None:
    entries = [
        (0, _Entry("undated", None, None, "2022-01-01")),
        (1, _Entry("year", "2022-01-01", "2022-12-31", None)),
        (2, _Entry("day, later report", "2022-01-01", "2022-01-01", "2022-02-01")),
        (3, _Entry("day, earlier report", "2022-01-01", "2022-01-01", "2022-01-05")),
        (4, _Entry("day, unpublished", "2022-01-01", "2022-01-01", None)),
    ]
    assert [e.name for e in in_date_order(entries)] == [
        "day, earlier report",
        "day, later report",
        "day, unpublished",
        "year",
        "undated",
    ]
