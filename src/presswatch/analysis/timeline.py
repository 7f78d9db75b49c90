"""A timeline of events: the same event reported by several documents, told once.

:func:`build_timeline` takes event rows (:meth:`presswatch.store.Store.events`) and
merges those that report the same event into one :class:`TimelineEntry` with all its
sources, in date order. Merging is conservative; two reports are the same event
(:func:`same_event`) when

- their **dates** are compatible: the same value or the same period
  (``2022-04-24T10:00`` and ``2022-04-24``), or one inside the other when the wider
  one is at most a month long (``2022-04-26`` in ``2022-04`` or ``2022-W17``, never a
  month in a year); both undated counts too, but only with the next two conditions
  both holding;
- the **lead actor** of one (its subject, named first) is among the other's actors
  (case-insensitive), or neither has any — and then their wording must be similar
  too;
- they have the same **predicate** (lemma) or clearly overlapping wording: three
  quarters of the content words of the shorter span appear in the other, leaving out
  stop words, the date expression and the actors' names (which the actor test has
  already compared); spans of fewer than three such words must have the same ones.

Dates of different granularity, and dates inferred rather than read
(``date_approximate``), need more: the same predicate *and* a shared actor. A report
joins an entry only when its date is compatible with every report already in it, so
that ``2022-04`` cannot chain ``2022-04-02`` to ``2022-04-26``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any, Literal

from presswatch.analysis.merging import MAX_NESTED_DAYS, in_date_order, most_common
from presswatch.store.periods import Period, period_of

#: Share of the shorter span's content words that must appear in the other span.
WORDING_THRESHOLD = 0.75
#: Spans with fewer content words than this match on wording only when identical.
MIN_CONTENT_WORDS = 3

_WORD = re.compile(r"\w+")
_STOPWORDS = """
a an the and or but nor of to in on at by for from with without into onto over under about
after before during since until as than that this these those it its he she they them his
her their we our you your i me my be is are was were been being has have had do does did
will would shall should can could may might must not no so also then there here which who
whom whose what when where while said says say told mr mrs ms dr s t
"""
#: Words left out when comparing the wording of two event spans.
STOPWORDS: frozenset[str] = frozenset(_STOPWORDS.split())

DateRelation = Literal["equal", "nested", "undated"]


def content_words(text: str, leave_out: str | None = None) -> set[str]:
    """The lower-cased words of ``text`` less stop words (and the words of ``leave_out``)."""
    found = {w.lower() for w in _WORD.findall(text)} - STOPWORDS
    if leave_out:
        found -= {w.lower() for w in _WORD.findall(leave_out)}
    return found


def similar_wording(
    a: AbstractSet[str], b: AbstractSet[str], threshold: float = WORDING_THRESHOLD
) -> bool:
    """Do two spans (as content-word sets) clearly say the same thing?"""
    if not a or not b:
        return False
    if min(len(a), len(b)) < MIN_CONTENT_WORDS:
        return a == b
    return len(a & b) / min(len(a), len(b)) >= threshold


@dataclass(frozen=True, slots=True)
class _Report:
    """One event row, read once into what merging compares."""

    index: int
    row: Mapping[str, Any]
    date: str | None
    granularity: str | None
    period: Period | None
    days: int  # of the period (0 when there is none)
    approximate: bool
    predicate: str
    actors: tuple[str, ...]
    actor_keys: frozenset[str]
    words: frozenset[str]

    @classmethod
    def of(cls, index: int, row: Mapping[str, Any]) -> _Report:
        date = row.get("date")
        start, end = row.get("date_start"), row.get("date_end")
        period = Period(start, end) if start and end else period_of(date)
        actors = tuple(a for a in (row.get("actors") or ()) if a)
        return cls(
            index=index,
            row=row,
            date=date,
            granularity=row.get("granularity"),
            period=period,
            days=period.days if period else 0,
            approximate=bool(row.get("date_approximate")),
            predicate=str(row.get("predicate") or "").lower(),
            actors=actors,
            actor_keys=frozenset(a.lower() for a in actors),
            words=frozenset(
                content_words(
                    str(row.get("text") or ""),
                    " ".join([str(row.get("date_expression") or ""), *actors]),
                )
            ),
        )

    def keys(self) -> list[tuple[str, ...]]:
        """Index keys: any report this one may merge with shares at least one."""
        names = sorted(self.actor_keys) or [""]
        if self.period is None:
            return [("undated", name) for name in names]
        keys: list[tuple[str, ...]] = [
            ("period", name, self.period.start, self.period.end) for name in names
        ]
        if self.days <= MAX_NESTED_DAYS:  # nested dates share a day, and are both this short
            first = dt.date.fromisoformat(self.period.start)
            days = [(first + dt.timedelta(days=n)).isoformat() for n in range(self.days)]
            keys += [("day", name, day) for name in names for day in days]
        return keys

    def source(self) -> dict[str, Any]:
        row = self.row
        return {
            "doc_id": row["doc_id"],
            "published": row.get("published"),
            "title": row.get("title"),
            "path": row.get("path"),
            "outlet": row.get("outlet"),
            "start": row["start"],
            "end": row["end"],
            "text": row["text"],
            "date": self.date,
            "date_expression": row.get("date_expression"),
        }


def _date_relation(a: _Report, b: _Report) -> DateRelation | None:
    """How the dates of two reports relate, or ``None`` when they cannot be one event."""
    pa, pb = a.period, b.period
    if pa is None or pb is None:
        return "undated" if pa is None and pb is None else None
    if a.date == b.date or pa == pb:
        return "equal"
    return "nested" if pa.nests(pb, MAX_NESTED_DAYS) else None


def _same(a: _Report, b: _Report) -> bool:
    relation = _date_relation(a, b)
    if relation is None:
        return False
    # the lead actor (the subject, named first) of one takes part in the other: sharing
    # only a bystander ("Russia" in two different statements about Russia) is not enough
    shared = bool(a.actors and b.actors) and (
        a.actors[0].lower() in b.actor_keys or b.actors[0].lower() in a.actor_keys
    )
    if not (shared or (not a.actor_keys and not b.actor_keys)):
        return False
    same_predicate = bool(a.predicate) and a.predicate == b.predicate
    if relation == "undated":
        return same_predicate and similar_wording(a.words, b.words)
    if relation == "nested" or a.approximate or b.approximate:
        return same_predicate and shared
    if not a.actor_keys:  # with no one to compare, the words must say the same thing
        return same_predicate and similar_wording(a.words, b.words)
    return same_predicate or similar_wording(a.words, b.words)


def same_event(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Do two event rows (:meth:`Store.events`) report the same event? See the module."""
    return _same(_Report.of(0, a), _Report.of(1, b))


@dataclass(slots=True)
class TimelineEntry:
    """One event with every report of it.

    ``date`` is the most precise date its reports give (a read date before an inferred
    one); ``predicate`` and ``text`` the most common among its reports (the first on a
    tie); ``actors`` the union of their actors, the most often named first.
    """

    date: str | None
    granularity: str | None
    date_start: str | None
    date_end: str | None
    date_approximate: bool
    predicate: str
    actors: list[str]
    text: str
    status: str | None
    sources: list[dict[str, Any]] = field(default_factory=list)

    @property
    def first_published(self) -> str | None:
        dates = [s["published"] for s in self.sources if s.get("published")]
        return min(dates) if dates else None

    @property
    def documents(self) -> list[str]:
        """The ids of the documents that report it, each once, in source order."""
        return list(dict.fromkeys(s["doc_id"] for s in self.sources))

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "granularity": self.granularity,
            "date_start": self.date_start,
            "date_end": self.date_end,
            "date_approximate": self.date_approximate,
            "predicate": self.predicate,
            "actors": list(self.actors),
            "text": self.text,
            "status": self.status,
            "first_published": self.first_published,
            "sources": [dict(s) for s in self.sources],
        }


def _entry(reports: list[_Report]) -> TimelineEntry:
    best = min(
        reports,
        key=lambda r: (r.approximate, r.days, r.index),
    )
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for r in reports:
        for name in r.actors:
            spelling.setdefault(name.lower(), name)
        counts.update(r.actor_keys)
    first_seen = {key: i for i, key in enumerate(spelling)}
    actors = sorted(counts, key=lambda key: (-counts[key], first_seen[key]))
    sources = sorted(
        (r.source() for r in reports),
        key=lambda s: (s["published"] is None, s["published"] or "", s["doc_id"], s["start"]),
    )
    statuses = [str(r.row["status"]) for r in reports if r.row.get("status")]
    return TimelineEntry(
        date=best.date if best.period is not None else None,
        granularity=best.granularity if best.period is not None else None,
        date_start=best.period.start if best.period else None,
        date_end=best.period.end if best.period else None,
        date_approximate=best.approximate if best.period is not None else False,
        predicate=most_common(str(r.row.get("predicate") or "") for r in reports) or "",
        actors=[spelling[key] for key in actors],
        text=most_common(str(r.row["text"]) for r in reports) or "",
        status=most_common(statuses) if statuses else None,
        sources=sources,
    )


def build_timeline(rows: Iterable[Mapping[str, Any]]) -> list[TimelineEntry]:
    """Merge event rows into timeline entries, in date order; undated entries last.

    Entries are ordered by the first and last day of their date's period, then by first
    publication; each entry's sources by publication date.
    """
    groups: list[list[_Report]] = []
    # the distinct dates of each group: date compatibility depends on nothing else
    dates: list[dict[tuple[str | None, Period | None], _Report]] = []
    index: dict[tuple[str, ...], list[int]] = {}
    for i, row in enumerate(rows):
        report = _Report.of(i, row)
        keys = report.keys()
        candidates = sorted({g for key in keys for g in index.get(key, ())})
        match = next(
            (
                g
                for g in candidates
                if all(_date_relation(m, report) is not None for m in dates[g].values())
                and any(_same(m, report) for m in groups[g])
            ),
            None,
        )
        if match is None:
            match = len(groups)
            groups.append([])
            dates.append({})
        groups[match].append(report)
        dates[match].setdefault((report.date, report.period), report)
        for key in keys:
            slot = index.setdefault(key, [])
            if not slot or slot[-1] != match:
                slot.append(match)
    entries = [(min(r.index for r in group), _entry(group)) for group in groups]
    return in_date_order(entries)
