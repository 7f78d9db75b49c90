"""What each page shows, as plain data: pure functions from a :class:`Store` to dicts.

The HTML page and its JSON twin are rendered from the same dict, so what a person
reads and what a script gets cannot drift. Every view calls the same library functions
as the CLI (``Store.events`` then :func:`build_timeline`, ``Store.commitments`` then
:func:`build_ledger` and :func:`totals`, ``Store.quotes`` then :func:`link_statements`,
``Store.stances`` then :func:`stance_points` and :func:`shifts`, ``Store.search``) and
adds only paging, sorting, the filters the store has no argument for and the data of
the charts.

Views that merge across the whole store take a ``memo`` (:class:`Memo`): the web app
passes :meth:`presswatch.web.cache.StoreCache.memo`, which keeps the result until the
store changes; by default everything is computed afresh.

Arguments come checked by type; dates are checked here (:func:`date_range`) and bad
ones raise :class:`~presswatch.errors.InputError`; an unknown document or actor raises
:class:`~presswatch.web.errors.NotFound`.

No view hands out a path of the server's file system: where a document (or a failed
input) was read from is given as its ``file``, the base name of the path
(:func:`display_path`: ``articles.jsonl:12``, ``report.html``) or the name it was
ingested by through the API (``api:...``); runs' arguments likewise.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Container, Hashable, Sequence
from typing import Any, Literal, Protocol, TypeVar
from urllib.parse import quote, urlencode

from presswatch.analysis.ledger import (
    DEFAULT_KINDS,
    KIND_CHOICES,
    TOTALS_BY,
    LedgerRow,
    Total,
    TotalsBy,
    build_ledger,
    left_out,
    select,
    status_rank,
    totals,
)
from presswatch.analysis.stances import (
    Shift,
    StancePoint,
    holder_name,
    of_holder,
    shifts,
    stance_points,
)
from presswatch.analysis.statements import Statement, link_statements
from presswatch.analysis.timeline import TimelineEntry, build_timeline
from presswatch.domain import DomainPack, cached_pack
from presswatch.errors import InputError
from presswatch.ingest import normalise_date
from presswatch.models import STANCE_LABELS
from presswatch.settings import Settings
from presswatch.store import ActorRow, Store, month_of, period_of
from presswatch.store.records import SearchHit
from presswatch.web.charts import clip
from presswatch.web.errors import NotFound
from presswatch.web.highlight import document_facts, highlight_range

T = TypeVar("T")

#: Rows a list shows when no ``limit`` is given.
DEFAULT_LIMIT = 200
#: Rows each list of the actor page shows when no ``limit`` is given.
ACTOR_LIMIT = 50
#: Search hits shown when no ``limit`` is given.
SEARCH_LIMIT = 20
#: Hits read from the full-text index before the date, outlet and actor filters apply.
SEARCH_SCAN = 2000
#: Documents per page of the sources page.
SOURCES_LIMIT = 50
#: Latest failures and runs the sources page lists.
SOURCES_FAILURES = 500
SOURCES_RUNS = 20
#: Actors and documents on the home page.
HOME_ACTORS = 20
HOME_DOCUMENTS = 10
#: Most months a chart spans.
MAX_MONTHS = 600

#: Stances each proposition's table shows a page (and the actor page's) by default.
STANCES_LIMIT = 25
#: Holders charted per proposition: those with the most stances (the others are counted).
CHART_HOLDERS = 12
#: Marks on one row of a stance chart: the latest (the others are counted).
CHART_MARKS = 60
#: Longest evidence a chart mark's tooltip quotes.
TIP_CHARS = 140
#: Shifts listed per proposition (and on the actor page).
SHIFTS_LIMIT = 20
LEDGER_SORTS: tuple[str, ...] = (
    "date",
    "donor",
    "recipient",
    "item",
    "quantity",
    "value_usd",
    "status",
    "sources",
)
Order = Literal["asc", "desc"]
#: The lists of the actor page, each paged on its own (``{section}_page``).
ACTOR_SECTIONS: tuple[str, ...] = ("quotes", "stances", "given", "received", "documents")
#: What the path of a document ingested through the API starts with.
API_PREFIX = "api:"
_SEPARATORS = re.compile(r"[\\/]")
#: Arguments of a run that name paths (their base names are shown).
PATH_ARGS = frozenset({"paths", "path", "manifest", "input"})


class Memo(Protocol):
    """Computes (or recalls) the value of ``key``: ``memo(key, compute)``."""

    def __call__(self, key: Hashable, compute: Callable[[], T], /) -> T: ...


def direct(key: Hashable, compute: Callable[[], T], /) -> T:
    """A :class:`Memo` that keeps nothing."""
    return compute()


# -- links ---------------------------------------------------------------------------------


def document_href(doc_id: str, start: int | None = None, end: int | None = None) -> str:
    """The document page, at the sentence of ``start``..``end`` when given."""
    href = f"/documents/{quote(doc_id, safe='')}"
    if start is None:
        return href
    return f"{href}?{urlencode({'start': start, 'end': end if end is not None else start})}#hl"


def actor_href(name: str) -> str:
    return f"/actors/{quote(name, safe='')}"


def page_href(path: str, params: dict[str, Any], **changes: Any) -> str:
    """``path`` with ``params`` (blank ones dropped) updated by ``changes``."""
    merged = {**params, **changes}
    query = urlencode({k: v for k, v in merged.items() if v not in (None, "", False)})
    return f"{path}?{query}" if query else path


def display_path(path: str | None) -> str | None:
    """Where something was read from, as shown: the name given through the API
    (``api:...``) as it is, else the base name of the path, with its line
    (``/srv/in/feed.jsonl:12`` -> ``feed.jsonl:12``). Never a folder of the server."""
    if not path:
        return None
    if path.startswith(API_PREFIX):
        return path
    return _SEPARATORS.split(path.rstrip("\\/"))[-1] or None


def _public_source(source: dict[str, Any]) -> dict[str, Any]:
    """A source of a statement, event or commitment (a document and the span in it):
    its ``file`` instead of its path, and the link to its sentence."""
    out = {k: v for k, v in source.items() if k != "path"}
    out["file"] = display_path(source.get("path"))
    out["href"] = document_href(source["doc_id"], source.get("start"), source.get("end"))
    return out


def _public_args(args: Any) -> Any:
    """A run's arguments with every path given as its base name."""
    if not isinstance(args, dict):
        return args
    out: dict[str, Any] = {}
    for key, value in args.items():
        if key in PATH_ARGS and isinstance(value, str):
            out[key] = display_path(value)
        elif key in PATH_ARGS and isinstance(value, list):
            out[key] = [display_path(v) if isinstance(v, str) else v for v in value]
        else:
            out[key] = value
    return out


# -- arguments -----------------------------------------------------------------------------


def parse_date(name: str, value: str | None) -> str | None:
    """A date argument as ISO (``2022``, ``2022-04``, ``2022-04-24``); InputError if not."""
    if value is None or not value.strip():
        return None
    try:
        normal = normalise_date(value.strip())
    except ValueError as exc:
        raise InputError(f"{name}: {exc}") from exc
    if period_of(normal) is None:
        raise InputError(f"{name}: {value!r} is not a date like 2022, 2022-04 or 2022-04-24")
    return normal


def date_range(from_: str | None, to: str | None) -> tuple[str | None, str | None]:
    """``from``/``to`` as ISO dates, checked and in order."""
    since, until = parse_date("from", from_), parse_date("to", to)
    low, high = period_of(since), period_of(until)
    if low and high and low.start > high.end:
        raise InputError(f"from {since} is after to {until}")
    return since, until


def _paging(total: int, page: int, limit: int) -> dict[str, int]:
    pages = max(1, math.ceil(total / limit)) if limit > 0 else 1
    return {"page": page, "limit": limit, "total": total, "pages": pages}


def _slice(items: Sequence[T], page: int, limit: int) -> list[T]:
    first = (max(page, 1) - 1) * limit
    return list(items[first : first + limit])


# -- shared whole-store computations --------------------------------------------------------


def _all_actors(store: Store, memo: Memo) -> dict[str, list[ActorRow]]:
    """Every actor's counts by canonical name (one row per type)."""

    def compute() -> dict[str, list[ActorRow]]:
        found: dict[str, list[ActorRow]] = {}
        for row in store.actors(limit=None):
            found.setdefault(row.canonical, []).append(row)
        return found

    return memo(("actors",), compute)


def _actor_documents(store: Store, name: str, memo: Memo) -> list[dict[str, Any]]:
    return memo(("actor-documents", name), lambda: store.actor_documents(name, limit=None))


def _ledger_rows(
    store: Store,
    memo: Memo,
    donor: str | None = None,
    recipient: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[LedgerRow]:
    return memo(
        ("ledger", donor, recipient, since, until),
        lambda: build_ledger(
            store.commitments(donor=donor, recipient=recipient, since=since, until=until)
        ),
    )


def _timeline_entries(
    store: Store,
    memo: Memo,
    actor: str | None,
    since: str | None,
    until: str | None,
    undated: bool,
) -> list[TimelineEntry]:
    return memo(
        ("timeline", actor, since, until, undated),
        lambda: build_timeline(
            store.events(actor=actor, since=since, until=until, dated_only=not undated)
        ),
    )


def _statements(store: Store, name: str, memo: Memo) -> list[Statement]:
    """The statements of one speaker (exactly that name, case-insensitive)."""

    def compute() -> list[Statement]:
        key = name.casefold()
        rows = [r for r in store.quotes(speaker=name) if (r["speaker"] or "").casefold() == key]
        return link_statements(rows)

    return memo(("statements", name), compute)


# -- pages ---------------------------------------------------------------------------------


def _document_meta(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "title": row.get("title"),
        "published": row.get("published"),
        "outlet": row.get("outlet"),
        "authors": list(row.get("authors") or []),
        "url": row.get("url"),
        "file": display_path(row.get("path")),
        "href": document_href(row["id"]),
    }


def home(store: Store, *, memo: Memo = direct) -> dict[str, Any]:
    """Counts, the most mentioned actors, the latest documents, documents by month."""
    stats = store.stats()
    by_month = dict(store.documents_by_month())
    actors = [row for rows in _all_actors(store, memo).values() for row in rows]
    actors.sort(key=lambda a: (-a.mentions, a.canonical, a.type))
    return {
        "stats": stats,
        "empty": stats["documents"] == 0,
        "top_actors": [
            {**a.to_dict(), "href": actor_href(a.canonical)} for a in actors[:HOME_ACTORS]
        ],
        "recent_documents": [_document_meta(d) for d in store.documents(limit=HOME_DOCUMENTS)],
        "documents_by_month": [
            {"month": month, "documents": by_month.get(month, 0)} for month in _by_month(by_month)
        ],
    }


def document(
    store: Store, ref: str, *, start: int | None = None, end: int | None = None
) -> dict[str, Any]:
    """A stored document: metadata, text, its facts (marked spans) and the record's
    lists; ``start``/``end`` pick the sentence to highlight."""
    stored = store.document(ref)
    if stored is None:
        raise NotFound(f"no stored document matches {ref!r}")
    facts = document_facts(stored)
    highlight = None
    if start is not None:
        found = highlight_range(stored.text, facts, start, end if end is not None else start)
        if found is not None:
            highlight = {"start": found[0], "end": found[1]}
    forms: dict[tuple[str, str], Counter[str]] = {}
    for _start, _end, text, _form, canonical, type_ in stored.mentions:
        forms.setdefault((canonical, type_), Counter())[text] += 1
    actors = [
        {
            "canonical": canonical,
            "type": type_,
            "mentions": sum(counts.values()),
            "forms": sorted(counts),
            "href": actor_href(canonical),
        }
        for (canonical, type_), counts in sorted(
            forms.items(), key=lambda item: (-sum(item[1].values()), item[0])
        )
    ]
    record = stored.record
    return {
        "document": {
            **_document_meta(stored.to_dict()),
            "sources": list(dict.fromkeys(display_path(p) for p in stored.sources if p)),
            "found": list(stored.found),
            "ingested_at": stored.ingested_at,
        },
        "text": stored.text,
        "facts": [f.to_dict() for f in facts],
        "highlight": highlight,
        "actors": actors,
        "quotes": list(record.get("quotes") or []),
        "timexes": list(record.get("timexes") or []),
        "events": list(record.get("events") or []),
        "numeric_claims": list(record.get("numeric_claims") or []),
        "commitments": list(record.get("commitments") or []),
        "stances": list(record.get("stances") or []),
        "near_duplicates": [
            {"id": other, "similarity": similarity, "href": document_href(other)}
            for other, similarity in store.near_duplicates_of(stored.id)
        ],
    }


def month_range(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last`` (at most :data:`MAX_MONTHS`)."""
    months: list[str] = []
    year, month = int(first[:4]), int(first[5:7])
    while len(months) < MAX_MONTHS:
        months.append(f"{year:04d}-{month:02d}")
        if months[-1] >= last:
            break
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _by_month(counts: dict[str, int]) -> list[str]:
    """The months of ``counts`` with those between them, then ``undated`` when there."""
    dated = sorted(m for m in counts if m != "undated")
    months = month_range(dated[0], dated[-1]) if dated else []
    return months + (["undated"] if "undated" in counts else [])


def _months(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mentions and documents per month, every month from the first to the last (those
    with no document at 0); documents with no month last, as ``undated``."""
    mentions: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    for row in rows:
        label = month_of(row.get("published")) or "undated"
        mentions[label] += int(row.get("mentions") or 0)
        documents[label] += 1
    return [
        {"month": m, "mentions": mentions[m], "documents": documents[m]}
        for m in _by_month(documents)
    ]


def _statement(statement: Statement) -> dict[str, Any]:
    data = statement.to_dict()
    sources = [_public_source(s) for s in data["sources"]]
    best = next((s for s in sources if s["text"] == statement.text), sources[0])
    return {**data, "sources": sources, "href": best["href"]}


def _ledger_row(row: LedgerRow) -> dict[str, Any]:
    data = row.to_dict()
    data["sources"] = [_public_source(s) for s in data["sources"]]
    return data


def _section(
    items: Sequence[Any], page: int, limit: int, row: Callable[[Any], Any]
) -> dict[str, Any]:
    """One paged list of the actor page: its paging and the rows of ``page``."""
    rows = [row(item) for item in _slice(items, page, limit)]
    return {**_paging(len(items), page, limit), "rows": rows}


def actor(
    store: Store,
    name: str,
    *,
    pack: DomainPack | None = None,
    limit: int = ACTOR_LIMIT,
    quotes_page: int = 1,
    stances_page: int = 1,
    given_page: int = 1,
    received_page: int = 1,
    documents_page: int = 1,
    memo: Memo = direct,
) -> dict[str, Any]:
    """One actor: counts, mentions by month, statements, stances over time (on the
    propositions of ``pack``, by default that of the default settings), commitments given
    and received, documents; each list ``limit`` rows a page, paged on its own
    (``quotes_page``, ``stances_page``, ``given_page``, ``received_page``,
    ``documents_page``)."""
    rows = _all_actors(store, memo).get(name)
    if not rows:
        raise NotFound(f"no actor named {name!r}")
    documents = _actor_documents(store, name, memo)
    statements = _statements(store, name, memo)
    key = name.casefold()
    given = [r for r in _ledger_rows(store, memo, donor=name) if (r.donor or "").casefold() == key]
    received = [
        r
        for r in _ledger_rows(store, memo, recipient=name)
        if (r.recipient or "").casefold() == key
    ]
    published = [r.first_published for r in rows if r.first_published]
    last = [r.last_published for r in rows if r.last_published]
    return {
        "actor": {
            "name": name,
            "types": [r.type for r in rows],
            "mentions": sum(r.mentions for r in rows),
            "documents": len(documents),
            "first_published": min(published) if published else None,
            "last_published": max(last) if last else None,
            "href": actor_href(name),
        },
        "mentions_by_month": _months(documents),
        "quotes": _section(statements, quotes_page, limit, _statement),
        "stances": _actor_stances(
            store, name, pack or cached_pack(Settings().domain), stances_page, limit, memo
        ),
        "commitments": {
            "given": _section(given, given_page, limit, _ledger_row),
            "received": _section(received, received_page, limit, _ledger_row),
        },
        "documents": _section(
            documents,
            documents_page,
            limit,
            lambda d: {**_document_meta(d), "mentions": int(d["mentions"])},
        ),
        "links": {
            "timeline": page_href("/timeline", {"actor": name}),
            "ledger_given": page_href("/ledger", {"donor": name}),
            "ledger_received": page_href("/ledger", {"recipient": name}),
            "search": page_href("/search", {"actor": name}),
        },
    }


def timeline(
    store: Store,
    *,
    actor: str | None = None,
    from_: str | None = None,
    to: str | None = None,
    undated: bool = False,
    limit: int = DEFAULT_LIMIT,
    page: int = 1,
    memo: Memo = direct,
) -> dict[str, Any]:
    """Events, each once with every report of it, in date order (as ``presswatch
    timeline``), a page at a time."""
    since, until = date_range(from_, to)
    actor = actor.strip() if actor and actor.strip() else None
    entries = _timeline_entries(store, memo, actor, since, until, undated)
    filters = {"actor": actor, "from": since, "to": until, "undated": undated}
    return {
        "filters": filters,
        "filtered": bool(actor or since or until),
        **_paging(len(entries), page, limit),
        "entries": [
            {**e.to_dict(), "sources": [_public_source(s) for s in e.sources]}
            for e in _slice(entries, page, limit)
        ],
    }


def _sorted_ledger(rows: list[LedgerRow], sort: str, order: Order) -> list[LedgerRow]:
    """Rows by ``sort`` (see :data:`LEDGER_SORTS`); rows with no value for it last."""
    if sort not in LEDGER_SORTS:
        raise InputError(f"sort must be one of {', '.join(LEDGER_SORTS)}, not {sort!r}")
    if sort == "date" and order == "asc":
        return list(rows)  # the ledger's own order: by date, undated last

    def value(row: LedgerRow) -> Any:
        if sort == "date":
            return (row.date_start, row.date_end) if row.date_start else None
        if sort == "status":
            rank = status_rank(row.status)
            return rank if rank >= 0 else None
        if sort == "sources":
            return len(row.documents)
        found = getattr(row, sort)
        return found.casefold() if isinstance(found, str) else found

    known = [r for r in rows if value(r) is not None]
    known.sort(key=value, reverse=order == "desc")
    return known + [r for r in rows if value(r) is None]


def ledger_rows(
    store: Store,
    *,
    donor: str | None = None,
    recipient: str | None = None,
    from_: str | None = None,
    to: str | None = None,
    sort: str = "date",
    order: Order = "asc",
    kind: str = DEFAULT_KINDS[0],
    proposals: bool = False,
    all_recipients: bool = False,
    vague: bool = False,
    other_countries: Collection[str] = (),
    memo: Memo = direct,
) -> list[LedgerRow]:
    """Every ledger row that the filters keep, sorted (as ``presswatch ledger``): of
    one kind of aid (``all``: every kind), proposals and requests only when asked, aid
    to ``other_countries`` (those outside the domain's conflict) only when asked or
    when a recipient is asked for, rows that name only a giver and a kind of aid only
    when asked (``vague``)."""
    since, until = date_range(from_, to)
    rows = _ledger_rows(store, memo, donor or None, recipient or None, since, until)
    others = left_out(other_countries, recipient=recipient, all_recipients=all_recipients)
    try:
        kept = select(rows, [kind], uncommitted=proposals, other_recipients=others, vague=vague)
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    return _sorted_ledger(kept, sort, order)


def ledger(
    store: Store,
    *,
    donor: str | None = None,
    recipient: str | None = None,
    from_: str | None = None,
    to: str | None = None,
    sort: str = "date",
    order: Order = "asc",
    kind: str = DEFAULT_KINDS[0],
    proposals: bool = False,
    all_recipients: bool = False,
    vague: bool = False,
    other_countries: Collection[str] = (),
    by: str = "donor",
    limit: int = DEFAULT_LIMIT,
    page: int = 1,
    memo: Memo = direct,
) -> dict[str, Any]:
    """Commitments, each once with every report of it, sorted and filtered, a page at a
    time, with totals over all the rows the filters keep (see :func:`ledger_rows`).
    ``scoped`` says whether aid to ``other_countries`` was left out."""
    if by not in TOTALS_BY:
        raise InputError(f"by must be one of {', '.join(TOTALS_BY)}, not {by!r}")
    rows = ledger_rows(
        store,
        donor=donor,
        recipient=recipient,
        from_=from_,
        to=to,
        sort=sort,
        order=order,
        kind=kind,
        proposals=proposals,
        all_recipients=all_recipients,
        vague=vague,
        other_countries=other_countries,
        memo=memo,
    )
    since, until = date_range(from_, to)
    grouped = ledger_totals(rows, _totals_by(by))
    return {
        "filters": {
            "donor": donor or None,
            "recipient": recipient or None,
            "from": since,
            "to": until,
            "kind": kind,
            "proposals": proposals,
            "all_recipients": all_recipients,
            "vague": vague,
        },
        "kinds": list(KIND_CHOICES),
        "scoped": bool(
            left_out(other_countries, recipient=recipient, all_recipients=all_recipients)
        ),
        "filtered": bool(
            donor
            or recipient
            or since
            or until
            or proposals
            or all_recipients
            or vague
            or kind != DEFAULT_KINDS[0]
        ),
        "sort": sort,
        "order": order,
        "by": by,
        **_paging(len(rows), page, limit),
        "rows": [_ledger_row(r) for r in _slice(rows, page, limit)],
        "totals": grouped[:-1],
        "total": grouped[-1],
    }


def ledger_totals(rows: Sequence[LedgerRow], by: TotalsBy) -> list[dict[str, Any]]:
    """:func:`~presswatch.analysis.ledger.totals` (same keys, same order, the grand
    total last) telling "no value known" from 0: ``value_usd`` sums the rows that have a
    value and is ``None`` when none has; ``valued`` says how many of the
    ``commitments`` have one."""
    known = totals([r for r in rows if r.value_usd is not None], by)
    valued = {t.key: t for t in known[:-1]}
    everything = totals(rows, by)

    def total(row: Total, with_value: Total | None) -> dict[str, Any]:
        count = with_value.commitments if with_value is not None else 0
        return {
            "key": row.key,
            "commitments": row.commitments,
            "valued": count,
            "value_usd": with_value.value_usd if with_value is not None and count else None,
        }

    out = [total(t, valued.get(t.key)) for t in everything[:-1]]
    out.append(total(everything[-1], known[-1]))
    return out


def _totals_by(by: str) -> TotalsBy:
    if by == "month":
        return "month"
    if by == "item":
        return "item"
    return "donor"


# -- stances -------------------------------------------------------------------------------


def _all_stance_rows(store: Store, memo: Memo) -> list[dict[str, Any]]:
    """Every stored stance with its document (``Store.stances`` unfiltered)."""
    return memo(("stance-rows",), lambda: store.stances())


def _stance_points(
    store: Store,
    memo: Memo,
    proposition: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[StancePoint]:
    """:func:`stance_points` of the stances on ``proposition`` published in
    ``since``..``until`` (as ``presswatch stances``)."""

    def compute() -> list[StancePoint]:
        if proposition is None and since is None and until is None:
            return stance_points(_all_stance_rows(store, memo))
        return stance_points(store.stances(proposition=proposition, since=since, until=until))

    return memo(("stance-points", proposition, since, until), compute)


def _actor_stance_points(store: Store, name: str, memo: Memo) -> list[StancePoint]:
    """The stances of the actor ``name`` (exactly, case-insensitive): those it holds,
    and those of the documents it wrote (``author`` stances whose document lists it
    among its authors, whatever its co-authors)."""

    def compute() -> list[StancePoint]:
        key = name.casefold()
        rows = [
            row
            for row in _all_stance_rows(store, memo)
            if holder_name(row).casefold() == key
            or (
                row["holder"] == "author"
                and any(isinstance(a, str) and a.casefold() == key for a in row["authors"])
            )
        ]
        return stance_points(rows)

    return memo(("actor-stances", name), compute)


def no_stances_message(store: Store, pack: DomainPack) -> str:
    """Why a store holds no stance at all, and how to get some."""
    documents = store.stats()["documents"]
    if not documents:
        return (
            "No stances in this database yet: it holds no documents. Ingest some with "
            '"presswatch ingest"; stances are extracted as each document is stored.'
        )
    return (
        f"No stances in this database yet: none of its {documents:,} documents has a stance "
        f"on a proposition of the {pack.name} domain pack. Either they were ingested before "
        "presswatch extracted stances (re-ingest them into a new database, for example "
        '"presswatch ingest --db new.db FILES": texts already stored are skipped, so '
        "re-ingesting into this one adds nothing), or none of them argues for or against "
        "one of the propositions."
    )


def _stance_order(point: StancePoint) -> tuple[bool, bool, str]:
    """By date: dated to the month at least first, then to the year only, then undated."""
    return point.month is None, point.published is None, point.published or ""


def _point(point: StancePoint, actors: Container[str]) -> dict[str, Any]:
    """A stance point as the pages show it: the link to its evidence sentence, to the
    document, to the holder's stances and, when the holder is an actor, to its page."""
    return {
        **point.to_dict(),
        "month": point.month,
        "href": document_href(point.doc_id, point.start, point.end),
        "document_href": document_href(point.doc_id),
        "holder_href": page_href("/stances", {"actor": point.holder}),
        "actor_href": actor_href(point.holder) if point.holder in actors else None,
    }


def _shift(shift: Shift, actors: Container[str]) -> dict[str, Any]:
    return {
        **shift.to_dict(),
        "evidence_before": [_point(p, actors) for p in shift.evidence_before],
        "evidence_after": [_point(p, actors) for p in shift.evidence_after],
    }


def _counts(points: Sequence[StancePoint]) -> dict[str, int]:
    found = Counter(p.stance for p in points)
    return {label: found.get(label, 0) for label in (*STANCE_LABELS, *sorted(found))}


def _tip(point: StancePoint) -> str:
    """What a chart's mark says of its stance: who, what, when, and the evidence."""
    text = clip(point.text, TIP_CHARS)
    title = f" ({point.title})" if point.title else ""
    when = f"{point.stance} on {point.proposition}, {point.published}"
    return f"{point.holder}: {when}: “{text}”{title}"


def _marks(points: Sequence[StancePoint]) -> dict[str, Any]:
    """The marks of one chart row: its points dated to the month at least (the latest
    :data:`CHART_MARKS`), each with its tooltip and the link to its sentence."""
    placed = sorted((p for p in points if p.month), key=_stance_order)
    shown = placed[-CHART_MARKS:]
    return {
        "marks": [
            {
                "published": p.published,
                "stance": p.stance,
                "href": document_href(p.doc_id, p.start, p.end),
                "tip": _tip(p),
            }
            for p in shown
        ],
        "hidden": len(placed) - len(shown),
        "unplaced": len(points) - len(placed),
    }


def stance_months(points: Sequence[StancePoint]) -> list[str]:
    """The time axis of stance charts: every month from the first to the last point
    dated to the month at least (none when no point is)."""
    months = sorted({p.month for p in points if p.month})
    return month_range(months[0], months[-1]) if months else []


def _holders(points: Sequence[StancePoint]) -> list[tuple[str, list[StancePoint]]]:
    """Points by holder, the holders with the most first (then by name)."""
    by_holder: dict[str, list[StancePoint]] = {}
    for point in points:
        by_holder.setdefault(point.holder, []).append(point)
    return sorted(by_holder.items(), key=lambda item: (-len(item[1]), item[0].casefold()))


def _proposition_view(
    pid: str,
    wording: str | None,
    examples: tuple[tuple[str, ...], tuple[str, ...]],
    points: Sequence[StancePoint],
    *,
    page: int,
    limit: int,
    actors: Container[str],
) -> dict[str, Any]:
    """One proposition of the stances page: its holders (the first
    :data:`CHART_HOLDERS` charted, a row each), its stances a page at a time (by holder,
    then date) and its shifts."""
    holders = _holders(points)
    rows: list[StancePoint] = []
    for _holder, held in holders:
        rows.extend(sorted(held, key=_stance_order))
    found = shifts(points)
    return {
        "id": pid,
        "wording": wording,
        "in_pack": wording is not None,
        "favor_examples": list(examples[0]),
        "against_examples": list(examples[1]),
        "counts": _counts(points),
        "undated": sum(1 for p in points if p.month is None),
        "holders": [
            {
                "name": holder,
                "stances": len(held),
                "counts": _counts(held),
                "href": page_href("/stances", {"actor": holder}),
                "actor_href": actor_href(holder) if holder in actors else None,
                "charted": rank < CHART_HOLDERS,
            }
            for rank, (holder, held) in enumerate(holders)
        ],
        "chart": {
            "rows": [
                {"label": holder, "href": page_href("/stances", {"actor": holder}), **_marks(held)}
                for holder, held in holders[:CHART_HOLDERS]
            ],
            "hidden_holders": max(0, len(holders) - CHART_HOLDERS),
        },
        **_paging(len(rows), page, limit),
        "stances": [_point(p, actors) for p in _slice(rows, page, limit)],
        "shifts_total": len(found),
        "shifts": [_shift(s, actors) for s in found[:SHIFTS_LIMIT]],
    }


def _proposition_ids(pack: DomainPack, points: Sequence[StancePoint]) -> list[str]:
    """The pack's propositions in its order, then any other stored ones (a store
    ingested with another pack)."""
    ids = [p.id for p in pack.propositions]
    return ids + sorted({p.proposition for p in points} - set(ids))


def _proposition_filter(value: str | None, known: Sequence[str]) -> str | None:
    """A proposition argument as the id it names (case-insensitive); InputError if none."""
    if value is None or not value.strip():
        return None
    wanted = value.strip().casefold()
    for pid in known:
        if pid.casefold() == wanted:
            return pid
    raise InputError(
        f"proposition must be one of {', '.join(known) or '(none)'}, not {value.strip()!r}"
    )


def stances(
    store: Store,
    pack: DomainPack,
    *,
    actor: str | None = None,
    proposition: str | None = None,
    from_: str | None = None,
    to: str | None = None,
    limit: int = STANCES_LIMIT,
    page: int = 1,
    memo: Memo = direct,
) -> dict[str, Any]:
    """Per proposition of the domain pack, the holders' stances over time (as
    ``presswatch stances``: ``actor`` is a holder, exactly else a part of the name,
    authors by their names): the chart's rows and marks, the stances a page at a time
    (``page`` of each proposition's table) and the shifts. When the store holds no
    stance at all, ``message`` says why."""
    since, until = date_range(from_, to)
    actor = actor.strip() if actor and actor.strip() else None
    everything = _stance_points(store, memo)
    known = _proposition_ids(pack, everything)
    chosen = _proposition_filter(proposition, known)
    points = _stance_points(store, memo, chosen, since, until)
    if actor is not None:
        points = of_holder(points, actor)
    actors = _all_actors(store, memo)
    by_id: dict[str, list[StancePoint]] = {}
    for point in points:
        by_id.setdefault(point.proposition, []).append(point)
    pack_props = {p.id: p for p in pack.propositions}
    propositions = []
    for pid in known:
        if chosen is not None and pid != chosen:
            continue
        found = pack_props.get(pid)
        propositions.append(
            _proposition_view(
                pid,
                found.wording if found is not None else None,
                (found.favor, found.against) if found is not None else ((), ()),
                by_id.get(pid, []),
                page=page,
                limit=limit,
                actors=actors,
            )
        )
    return {
        "pack": pack.name,
        "filters": {"actor": actor, "proposition": chosen, "from": since, "to": until},
        "filtered": bool(actor or chosen or since or until),
        "stored": len(everything),
        "message": None if everything else no_stances_message(store, pack),
        "total": len(points),
        "holders": len({p.holder for p in points}),
        "undated": sum(1 for p in points if p.month is None),
        "months": stance_months(points),
        "page": page,
        "limit": limit,
        "pages": max((p["pages"] for p in propositions), default=1),
        "shifts_total": sum(p["shifts_total"] for p in propositions),
        "choices": [
            {"id": pid, "wording": pack_props[pid].wording if pid in pack_props else None}
            for pid in known
        ],
        "propositions": propositions,
    }


def _actor_stances(
    store: Store, name: str, pack: DomainPack, page: int, limit: int, memo: Memo
) -> dict[str, Any]:
    """The "Stances over time" of the actor page: the chart (a row per proposition),
    the stances (by proposition, then date), paged like the page's other lists, and the
    shifts."""
    points = _actor_stance_points(store, name, memo)
    actors = _all_actors(store, memo)
    order = {pid: rank for rank, pid in enumerate(_proposition_ids(pack, points))}
    wording = {p.id: p.wording for p in pack.propositions}
    by_id: dict[str, list[StancePoint]] = {}
    for point in points:
        by_id.setdefault(point.proposition, []).append(point)
    ordered = sorted(points, key=lambda p: (order[p.proposition], *_stance_order(p)))
    found = shifts(points)
    message = None
    if not points and not _all_stance_rows(store, memo):
        message = no_stances_message(store, pack)
    return {
        **_section(ordered, page, limit, lambda p: _point(p, actors)),
        "message": message,
        "href": page_href("/stances", {"actor": name}),
        "undated": sum(1 for p in points if p.month is None),
        "months": stance_months(points),
        "propositions": [
            {
                "id": pid,
                "wording": wording.get(pid),
                "stances": len(by_id[pid]),
                "counts": _counts(by_id[pid]),
                "href": page_href("/stances", {"actor": name, "proposition": pid}),
            }
            for pid in sorted(by_id, key=order.__getitem__)
        ],
        "chart": {
            "rows": [
                {
                    "label": pid,
                    "title": wording.get(pid),
                    "href": page_href("/stances", {"actor": name, "proposition": pid}),
                    **_marks(by_id[pid]),
                }
                for pid in sorted(by_id, key=order.__getitem__)
            ],
            "hidden_holders": 0,
        },
        "shifts_total": len(found),
        "shifts": [_shift(s, actors) for s in found[:SHIFTS_LIMIT]],
    }


def _overlaps(published: str | None, since: str | None, until: str | None) -> bool:
    if not since and not until:
        return True
    period = period_of(published)
    if period is None:
        return False
    low, high = period_of(since), period_of(until)
    return (low is None or period.end >= low.start) and (high is None or period.start <= high.end)


def snippet_parts(snippet: str) -> list[dict[str, Any]]:
    """A search snippet as parts, ``match`` true for the words it marks with ``[...]``."""
    parts: list[dict[str, Any]] = []
    rest = snippet
    while rest:
        open_at = rest.find("[")
        close_at = rest.find("]", open_at + 1) if open_at >= 0 else -1
        if open_at < 0 or close_at < 0:
            parts.append({"text": rest, "match": False})
            break
        if open_at:
            parts.append({"text": rest[:open_at], "match": False})
        parts.append({"text": rest[open_at + 1 : close_at], "match": True})
        rest = rest[close_at + 1 :]
    return parts


def search(
    store: Store,
    q: str = "",
    *,
    from_: str | None = None,
    to: str | None = None,
    outlet: str | None = None,
    actor: str | None = None,
    limit: int = SEARCH_LIMIT,
    memo: Memo = direct,
) -> dict[str, Any]:
    """Full-text search (as ``presswatch search``), best match first, kept to documents
    published in ``from``..``to``, from an outlet whose name contains ``outlet`` and
    that mention ``actor`` (a canonical name)."""
    since, until = date_range(from_, to)
    query = q.strip()
    outlet = outlet.strip() if outlet and outlet.strip() else None
    actor = actor.strip() if actor and actor.strip() else None
    filtered = bool(since or until or outlet or actor)
    hits: list[SearchHit] = []
    scanned = 0
    if query:
        fetch = SEARCH_SCAN if filtered else limit
        found: list[SearchHit] = memo(
            ("search", query, fetch), lambda: store.search(query, limit=fetch)
        )
        scanned = len(found)
        allowed = (
            {d["id"] for d in _actor_documents(store, actor, memo)} if actor is not None else None
        )
        hits = [
            h
            for h in found
            if _overlaps(h.published, since, until)
            and (outlet is None or outlet.casefold() in (h.outlet or "").casefold())
            and (allowed is None or h.id in allowed)
        ]
    return {
        "query": query,
        "filters": {"from": since, "to": until, "outlet": outlet, "actor": actor},
        "filtered": filtered,
        "limit": limit,
        "total": len(hits),
        "more": len(hits) > limit or scanned >= (SEARCH_SCAN if filtered else limit),
        "hits": [_hit(h) for h in hits[:limit]],
    }


def _hit(hit: SearchHit) -> dict[str, Any]:
    data = {k: v for k, v in hit.to_dict().items() if k != "path"}
    return {
        **data,
        "file": display_path(hit.path),
        "href": document_href(hit.id),
        "snippet_parts": snippet_parts(hit.snippet),
    }


def _failure(row: dict[str, Any]) -> dict[str, Any]:
    return {**{k: v for k, v in row.items() if k != "path"}, "file": display_path(row["path"])}


def _run(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "args": _public_args(row.get("args"))}


def sources(store: Store, *, page: int = 1, limit: int = SOURCES_LIMIT) -> dict[str, Any]:
    """Stored documents (latest first, a page at a time), the inputs that failed and
    why, and the runs."""
    total = store.stats()["documents"]
    failures = store.failures()
    runs = store.runs()
    return {
        **_paging(total, page, limit),
        "documents": [
            {**_document_meta(d), "ingested_at": d.get("ingested_at")}
            for d in store.documents(limit=limit, offset=(max(page, 1) - 1) * limit)
        ],
        "failures_total": len(failures),
        "failures": [_failure(f) for f in failures[-SOURCES_FAILURES:][::-1]],
        "runs_total": len(runs),
        "runs": [_run(r) for r in runs[-SOURCES_RUNS:][::-1]],
    }
