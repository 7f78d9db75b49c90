"""Stances over time: each holder's stance on each proposition at every dated piece of
evidence, and the shifts between them.

The input is :meth:`presswatch.store.Store.stances` rows. A document's ``author``
holder becomes the document's authors ("Marc Champion"), else its outlet's voice
("economist.com (editorial)"), so that authors are followed across documents. Per
holder, proposition and month the stances of that month combine like the evidence of
one document does (all one side, or ``mixed``); a **shift** is a month whose stance
differs from the holder's previous month with a stance, reported with the evidence on
both sides: ``Olaf Scholz: P2 against -> favor between 2022-04 and 2024-11``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any


@dataclass(frozen=True, slots=True)
class StancePoint:
    """One stance of one holder in one document."""

    holder: str
    proposition: str
    stance: str
    published: str | None
    doc_id: str
    title: str | None
    outlet: str | None
    start: int
    end: int
    text: str
    support: tuple[dict[str, Any], ...] = ()

    @property
    def month(self) -> str | None:
        return self.published[:7] if self.published and len(self.published) >= 7 else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "holder": self.holder,
            "proposition": self.proposition,
            "stance": self.stance,
            "published": self.published,
            "doc_id": self.doc_id,
            "title": self.title,
            "outlet": self.outlet,
            "evidence": {"start": self.start, "end": self.end, "text": self.text},
            "support": list(self.support),
        }


@dataclass(frozen=True, slots=True)
class Shift:
    """A change of a holder's stance on a proposition between two months."""

    holder: str
    proposition: str
    before: str
    after: str
    since: str  # the last month of the old stance
    until: str  # the first month of the new one
    evidence_before: tuple[StancePoint, ...] = field(default=())
    evidence_after: tuple[StancePoint, ...] = field(default=())

    def describe(self) -> str:
        return (
            f"{self.holder}: {self.proposition} {self.before} -> {self.after} "
            f"between {self.since} and {self.until}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "holder": self.holder,
            "proposition": self.proposition,
            "before": self.before,
            "after": self.after,
            "since": self.since,
            "until": self.until,
            "summary": self.describe(),
            "evidence_before": [p.to_dict() for p in self.evidence_before],
            "evidence_after": [p.to_dict() for p in self.evidence_after],
        }


def holder_name(row: dict[str, Any]) -> str:
    """The holder of a stored stance, with ``author`` made into who wrote it."""
    holder = str(row["holder"])
    if holder != "author":
        return holder
    authors = [a for a in row.get("authors") or [] if isinstance(a, str) and a.strip()]
    if authors:
        return ", ".join(authors)
    if row.get("outlet"):
        return f"{row['outlet']} (editorial)"
    return "author"


def stance_points(rows: Iterable[dict[str, Any]]) -> list[StancePoint]:
    """Points in (holder, proposition, publication date) order; undated ones last."""
    points = [
        StancePoint(
            holder=holder_name(row),
            proposition=str(row["proposition"]),
            stance=str(row["stance"]),
            published=row.get("published"),
            doc_id=str(row["doc_id"]),
            title=row.get("title"),
            outlet=row.get("outlet"),
            start=int(row["start"]),
            end=int(row["end"]),
            text=str(row["text"]),
            support=tuple(row.get("support") or ()),
        )
        for row in rows
    ]
    points.sort(key=lambda p: (p.holder, p.proposition, p.published is None, p.published or ""))
    return points


def of_holder(points: list[StancePoint], name: str) -> list[StancePoint]:
    """The points of holder ``name``: exactly (case-insensitive) when some point has
    that holder, else those whose holder contains it (authors included by name)."""
    wanted = name.casefold()
    exact = [p for p in points if p.holder.casefold() == wanted]
    return exact or [p for p in points if wanted in p.holder.casefold()]


def combine(labels: Iterable[str]) -> str:
    """One stance from several: the same one, else ``mixed``."""
    found = set(labels)
    return found.pop() if len(found) == 1 else "mixed"


def monthly(points: Iterable[StancePoint]) -> list[tuple[str, str, str, list[StancePoint]]]:
    """(holder, proposition, month, points) with a combined stance per month, dated only,
    in order; the stance is ``combine`` of the month's points."""
    out = []
    dated = sorted(
        (p for p in points if p.month),
        key=lambda p: (p.holder, p.proposition, p.published or ""),
    )
    for (holder, prop, month), group in groupby(
        dated, key=lambda p: (p.holder, p.proposition, p.month or "")
    ):
        out.append((holder, prop, month, list(group)))
    return out


def shifts(points: Iterable[StancePoint]) -> list[Shift]:
    """Every change of stance between a holder's consecutive months with a stance."""
    found: list[Shift] = []
    months = monthly(points)
    for (holder, prop), group in groupby(months, key=lambda m: (m[0], m[1])):
        previous: tuple[str, str, list[StancePoint]] | None = None
        for _holder, _prop, month, month_points in group:
            label = combine(p.stance for p in month_points)
            if previous is not None and previous[1] != label:
                found.append(
                    Shift(
                        holder=holder,
                        proposition=prop,
                        before=previous[1],
                        after=label,
                        since=previous[0],
                        until=month,
                        evidence_before=tuple(previous[2]),
                        evidence_after=tuple(month_points),
                    )
                )
            previous = (month, label, month_points)
    return found
