"""What the cross-document views share: reports of one fact merged into one entry.

The timeline (:mod:`presswatch.analysis.timeline`) and the ledger
(:mod:`presswatch.analysis.ledger`) both keep, for each merged entry, the most common
value of a field across its reports and list their entries in date order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from typing import Protocol, TypeVar

#: The widest period (in days) a date may have to take in a narrower one: a month.
MAX_NESTED_DAYS = 31

T = TypeVar("T", bound=Hashable)


def most_common(values: Iterable[T | None]) -> T | None:
    """The most frequent value that is not ``None`` (the first seen on a tie), or
    ``None`` when there is none."""
    counts = Counter(v for v in values if v is not None)
    return counts.most_common(1)[0][0] if counts else None


class Dated(Protocol):
    @property
    def date_start(self) -> str | None: ...

    @property
    def date_end(self) -> str | None: ...

    @property
    def first_published(self) -> str | None: ...


E = TypeVar("E", bound=Dated)


def in_date_order(groups: Iterable[tuple[int, E]]) -> list[E]:
    """Entries (each with the index of its first report) by the first and last day of
    their date's period, undated ones last, then by first publication and first report."""

    def key(item: tuple[int, E]) -> tuple[bool, str, str, str, int]:
        return (
            item[1].date_start is None,
            item[1].date_start or "",
            item[1].date_end or "",
            item[1].first_published or "\uffff",
            item[0],
        )

    return [entry for _, entry in sorted(groups, key=key)]
