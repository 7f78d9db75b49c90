"""The store: documents, their sources, actors and mentions, extraction records and runs.

:class:`Store` is the only way the rest of presswatch reads or writes the database. It
speaks SQLAlchemy Core; what is specific to SQLite sits in :mod:`presswatch.store.engine`
(connections) and :mod:`presswatch.store.fts` (full-text search).

Every write is one transaction; :meth:`Store.save` writes all of one document (row,
source, full-text entry, actors, mentions, record, quotes, events, numeric claims,
commitments, near-duplicate links) in one, so a process killed at any moment leaves
each document either fully stored or absent.
"""

from __future__ import annotations

import os
import re
import socket
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from presswatch.errors import StoreError
from presswatch.models import (
    Commitment,
    Event,
    Extraction,
    IngestFailure,
    NumericClaim,
    Stance,
)
from presswatch.store import schema
from presswatch.store.engine import create_store_engine, transaction
from presswatch.store.fts import FullTextIndex, full_text_index
from presswatch.store.migrations import current_version, migrate
from presswatch.store.periods import Period, period_of
from presswatch.store.records import ActorRow, MentionRow, SearchHit, StoredDocument

#: Statuses a run can be finished with (``completed-with-failures``: some inputs were
#: recorded as failures).
FINAL_STATUSES: tuple[str, ...] = ("completed", "completed-with-failures", "interrupted", "failed")
#: Values of ``runs.status``.
RUN_STATUSES: tuple[str, ...] = ("running", *FINAL_STATUSES)

#: Most values bound in one ``IN (...)`` list (SQLite's limit is 32766 on recent builds,
#: 999 on old ones).
CHUNK = 500
#: Shortest id prefix :meth:`Store.document` accepts.
MIN_PREFIX = 6

_HEX = re.compile(r"[0-9a-f]+")
_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])(?:-|$)")

_d = schema.documents
_s = schema.document_sources
_a = schema.actors
_m = schema.mentions
_x = schema.extractions
_q = schema.quotes
_e = schema.events
_ea = schema.event_actors
_nc = schema.numeric_claims
_c = schema.commitments
_st = schema.stances
_n = schema.near_duplicates
_r = schema.runs
_f = schema.failures


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def month_of(published: str | None) -> str | None:
    """The ``YYYY-MM`` of an ISO date (``2022-04-24`` or ``2022-04``); ``None`` otherwise."""
    if not published:
        return None
    match = _MONTH.match(published.strip())
    return f"{match.group(1)}-{match.group(2)}" if match else None


def _contains(column: sa.ColumnElement[Any], text: str) -> sa.ColumnElement[bool]:
    """Case-insensitive substring match; LIKE wildcards in ``text`` are literal."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.ilike(f"%{escaped}%", escape="\\")


def _quote_row(doc_id: str, quote: dict[str, Any]) -> dict[str, Any]:
    """A ``quotes`` row from a quote of the extraction record."""
    content = quote["quote"]
    speaker = quote.get("speaker_mention") or {}
    cue = quote.get("cue") or {}
    return {
        "doc_id": doc_id,
        "type": quote["type"],
        "start": content["start"],
        "end": content["end"],
        "text": content["text"],
        "speaker": quote.get("speaker"),
        "speaker_start": speaker.get("start"),
        "speaker_end": speaker.get("end"),
        "speaker_text": speaker.get("text"),
        "cue": cue.get("text"),
        "cue_start": cue.get("start"),
        "cue_end": cue.get("end"),
    }


def _event_row(doc_id: str, event: Event) -> dict[str, Any]:
    """An ``events`` row from an event of the extraction record."""
    period = period_of(event.date)
    expression = event.date_expression
    return {
        "doc_id": doc_id,
        "start": event.span.start,
        "end": event.span.end,
        "text": event.span.text,
        "trigger_start": event.trigger.start,
        "trigger_end": event.trigger.end,
        "predicate": event.predicate,
        "date": event.date,
        "granularity": event.granularity,
        "date_start": period.start if period else None,
        "date_end": period.end if period else None,
        "date_expression": expression.text if expression else None,
        "date_expression_start": expression.start if expression else None,
        "date_expression_end": expression.end if expression else None,
        "date_approximate": bool(event.date_approximate),
        "actors": list(event.actors),
        "status": event.status,
    }


def _claim_row(doc_id: str, claim: NumericClaim) -> dict[str, Any]:
    """A ``numeric_claims`` row from a claim of the extraction record."""
    return {
        "doc_id": doc_id,
        "start": claim.span.start,
        "end": claim.span.end,
        "text": claim.span.text,
        "value": float(claim.value),
        "unit": claim.unit,
        "qualifier": claim.qualifier,
        "approximate": bool(claim.approximate),
        "about": claim.about,
        "source": claim.source,
        "currency": claim.currency,
        "value_usd": claim.value_usd,
    }


def _commitment_row(doc_id: str, commitment: Commitment) -> dict[str, Any]:
    """A ``commitments`` row from a commitment of the extraction record."""
    period = period_of(commitment.date, commitment.date_mod)
    expression = commitment.date_expression
    trigger = commitment.trigger
    return {
        "doc_id": doc_id,
        "start": commitment.span.start,
        "end": commitment.span.end,
        "text": commitment.span.text,
        "donor": commitment.donor,
        "recipient": commitment.recipient,
        "item": commitment.item,
        "item_class": commitment.item_class,
        "quantity": commitment.quantity,
        "amount": commitment.amount,
        "currency": commitment.currency,
        "value_usd": commitment.value_usd,
        "status": commitment.status,
        "date": commitment.date,
        "date_start": period.start if period else None,
        "date_end": period.end if period else None,
        "date_expression": expression.text if expression else None,
        "date_expression_start": expression.start if expression else None,
        "date_expression_end": expression.end if expression else None,
        "source": commitment.source,
        "donor_inferred": commitment.donor_inferred,
        "trigger_start": trigger.start if trigger else None,
        "trigger_end": trigger.end if trigger else None,
    }


def _stance_row(doc_id: str, stance: Stance) -> dict[str, Any]:
    """A ``stances`` row from a stance of the extraction record."""
    return {
        "doc_id": doc_id,
        "holder": stance.holder,
        "proposition": stance.proposition,
        "stance": stance.stance,
        "start": stance.evidence.start,
        "end": stance.evidence.end,
        "text": stance.evidence.text,
        "support": [e.to_dict() for e in stance.support],
        "date": stance.date,
    }


def _published_from(low: Period) -> sa.ColumnElement[bool]:
    """Published on or after ``low``; a partial date (2022-04) compared at its precision."""
    return _d.c.published >= sa.func.substr(
        sa.literal(low.start), 1, sa.func.length(_d.c.published)
    )


def _published_to(high: Period) -> sa.ColumnElement[bool]:
    """Published on or before ``high`` (2022-04 is before 2022-04-30)."""
    return _d.c.published <= high.end


def _range_bound(name: str, value: str | None) -> Period | None:
    """The period of a ``since``/``until`` argument (``2022``, ``2022-04``, ``2022-04-24``)."""
    if value is None:
        return None
    period = period_of(value)
    if period is None:
        raise ValueError(f"{name} must be a date like 2022, 2022-04 or 2022-04-24, not {value!r}")
    return period


def _dated_rows(table: sa.Table, since: str | None, until: str | None) -> sa.Select[Any]:
    """Rows of a table with its own date period (``date_start``/``date_end``: events,
    commitments) joined with their documents, in date order — undated ones last, then
    by publication date, document and position — and kept when their period overlaps
    ``since``..``until``, or, undated, when their document was published in it."""
    low, high = _range_bound("since", since), _range_bound("until", until)
    undated = table.c.date_start.is_(None)
    statement = (
        sa.select(*table.c, _d.c.published, _d.c.title, _d.c.path, _d.c.outlet)
        .select_from(table.join(_d, _d.c.id == table.c.doc_id))
        .order_by(
            sa.case((undated, 1), else_=0),
            table.c.date_start,
            sa.case((_d.c.published.is_(None), 1), else_=0),
            _d.c.published,
            table.c.doc_id,
            table.c.start,
            table.c.id,
        )
    )
    if low is not None:
        statement = statement.where(
            sa.or_(table.c.date_end >= low.start, undated & _published_from(low))
        )
    if high is not None:
        statement = statement.where(
            sa.or_(table.c.date_start <= high.end, undated & _published_to(high))
        )
    return statement


def _chunks(items: Sequence[str], size: int = CHUNK) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _pid_alive(pid: int) -> bool | None:
    """Whether process ``pid`` exists on this host; ``None`` when that cannot be told."""
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process there
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return None
    return True


class Store:
    """A presswatch database. Open with :meth:`open`; close, or use as a context manager."""

    def __init__(self, engine: Engine, url: str) -> None:
        """Wrap an engine whose database is already migrated (use :meth:`open`)."""
        self._engine = engine
        self.url: str = url
        self._fts: FullTextIndex = full_text_index(engine.dialect.name)

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(cls, target: str | Path) -> Store:
        """Open (creating and migrating as needed) the store at ``target``.

        ``target`` is a file path (``presswatch.db``; its folder is created) or an
        SQLAlchemy URL (``sqlite:///x.db``, ``sqlite://`` for a database in memory).
        Raises :class:`StoreError` if it cannot be opened or has a newer schema.
        """
        engine, url = create_store_engine(target)
        try:
            migrate(engine)
            return cls(engine, url)
        except StoreError:
            engine.dispose()
            raise
        except sa.exc.SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(f"cannot open {url}: {getattr(exc, 'orig', None) or exc}") from exc

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (for maintenance and tests; not for extractors)."""
        return self._engine

    def close(self) -> None:
        """Close every connection to the database."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    def _read(self) -> AbstractContextManager[Connection]:
        return transaction(self._engine, write=False)

    def _write(self) -> AbstractContextManager[Connection]:
        return transaction(self._engine, write=True)

    def schema_version(self) -> int:
        """The schema version of the database."""
        return current_version(self._engine)

    # -- runs ----------------------------------------------------------------------------

    def start_run(self, command: str, args: dict[str, Any]) -> int:
        """Record the start of a run of ``command``; return its id.

        Runs of this host still marked ``running`` whose process is gone (killed, or the
        machine restarted) are marked ``interrupted`` first.
        """
        host, pid = socket.gethostname(), os.getpid()
        with self._write() as conn:
            stale = conn.execute(
                sa.select(_r.c.id, _r.c.pid).where(
                    _r.c.status == "running", _r.c.host == host, _r.c.pid != pid
                )
            ).all()
            dead = [row.id for row in stale if row.pid is not None and _pid_alive(row.pid) is False]
            if dead:
                conn.execute(
                    _r.update()
                    .where(_r.c.id.in_(dead), _r.c.status == "running")
                    .values(status="interrupted", finished_at=_now())
                )
            result = conn.execute(
                _r.insert().values(
                    command=command,
                    args=args,
                    started_at=_now(),
                    status="running",
                    pid=pid,
                    host=host,
                )
            )
            key = result.inserted_primary_key
            assert key is not None
            return int(key[0])

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None:
        """Record the end of a run with one of :data:`FINAL_STATUSES` and its counts."""
        if status not in FINAL_STATUSES:
            raise ValueError(f"status must be one of {', '.join(FINAL_STATUSES)}: {status!r}")
        with self._write() as conn:
            result = conn.execute(
                _r.update()
                .where(_r.c.id == run_id)
                .values(status=status, finished_at=_now(), counts=dict(counts))
            )
            if result.rowcount == 0:
                raise StoreError(f"no run {run_id} in {self.url}")

    def mark_interrupted(self, run_id: int, counts: dict[str, int] | None = None) -> None:
        """Mark a run ``interrupted`` (on Ctrl-C) unless it has already finished."""
        values: dict[str, Any] = {"status": "interrupted", "finished_at": _now()}
        if counts is not None:
            values["counts"] = dict(counts)
        with self._write() as conn:
            conn.execute(
                _r.update().where(_r.c.id == run_id, _r.c.status == "running").values(**values)
            )

    def runs(self) -> list[dict[str, Any]]:
        """All runs, oldest first, as plain dicts."""
        columns = [
            _r.c[name]
            for name in ("id", "command", "args", "started_at", "finished_at", "status", "counts")
        ]
        with self._read() as conn:
            rows = conn.execute(sa.select(*columns).order_by(_r.c.id)).mappings().all()
        return [dict(row) for row in rows]

    # -- writing documents ---------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Those of ``ids`` that are stored already."""
        wanted = sorted(set(ids))
        found: set[str] = set()
        with self._read() as conn:
            for chunk in _chunks(wanted):
                found.update(conn.execute(sa.select(_d.c.id).where(_d.c.id.in_(chunk))).scalars())
        return found

    def add_source(self, doc_id: str, path: str, run_id: int) -> None:
        """Record that the stored text ``doc_id`` was (also) read from ``path``."""
        with self._write() as conn:
            if conn.execute(sa.select(_d.c.id).where(_d.c.id == doc_id)).first() is None:
                raise StoreError(f"no document {doc_id} in {self.url}")
            self._add_source(conn, doc_id, path, run_id)

    @staticmethod
    def _add_source(conn: Connection, doc_id: str, path: str, run_id: int | None) -> None:
        exists = conn.execute(
            sa.select(sa.literal(1)).where(_s.c.doc_id == doc_id, _s.c.path == path)
        ).first()
        if exists is None:
            conn.execute(
                _s.insert().values(doc_id=doc_id, path=path, run_id=run_id, seen_at=_now())
            )

    def save(
        self,
        extraction: Extraction,
        *,
        run_id: int,
        minhash: bytes | None = None,
        near_duplicates: Sequence[tuple[str, float]] = (),
    ) -> bool:
        """Store one document and everything extracted from it, in one transaction.

        If the text is stored already, only its path is added as a source. Returns
        ``True`` when the document was new.
        """
        doc = extraction.doc
        doc_id = doc.id
        with self._write() as conn:
            if conn.execute(sa.select(_d.c.id).where(_d.c.id == doc_id)).first() is not None:
                self._add_source(conn, doc_id, doc.path, run_id)
                return False
            seq = (
                int(
                    conn.execute(sa.select(sa.func.coalesce(sa.func.max(_d.c.seq), 0))).scalar_one()
                )
                + 1
            )
            conn.execute(
                _d.insert().values(
                    id=doc_id,
                    seq=seq,
                    path=doc.path,
                    title=doc.title,
                    published=doc.published,
                    month=month_of(doc.published),
                    outlet=doc.outlet,
                    authors=list(doc.authors),
                    url=doc.url,
                    extra=dict(doc.extra),
                    text=doc.text,
                    found=list(doc.found),
                    minhash=minhash,
                    run_id=run_id,
                    ingested_at=_now(),
                )
            )
            self._add_source(conn, doc_id, doc.path, run_id)
            self._fts.add(conn, seq=seq, doc_id=doc_id, title=doc.title, text=doc.text)
            actor_ids = self._actor_ids(conn, {(e.canonical, e.type) for e in extraction.entities})
            mention_rows = [
                {
                    "doc_id": doc_id,
                    "actor_id": actor_ids[(entity.canonical, entity.type)],
                    "start": m.span.start,
                    "end": m.span.end,
                    "text": m.span.text,
                    "form": m.form,
                }
                for entity in extraction.entities
                for m in sorted(entity.mentions, key=lambda m: (m.span.start, m.span.end))
            ]
            if mention_rows:
                conn.execute(_m.insert(), mention_rows)
            conn.execute(_x.insert().values(doc_id=doc_id, record=extraction.to_dict()))
            quote_rows = [_quote_row(doc_id, q.to_dict()) for q in extraction.quotes]
            if quote_rows:
                conn.execute(_q.insert(), quote_rows)
            self._insert_events(conn, doc_id, extraction.events)
            claim_rows = [
                _claim_row(doc_id, c)
                for c in sorted(extraction.numeric_claims, key=lambda c: (c.span.start, c.span.end))
            ]
            if claim_rows:
                conn.execute(_nc.insert(), claim_rows)
            commitment_rows = [
                _commitment_row(doc_id, c)
                for c in sorted(extraction.commitments, key=lambda c: (c.span.start, c.span.end))
            ]
            if commitment_rows:
                conn.execute(_c.insert(), commitment_rows)
            stance_rows = [_stance_row(doc_id, s) for s in extraction.stances]
            if stance_rows:
                conn.execute(_st.insert(), stance_rows)
            links: dict[str, float] = {}
            for other_id, similarity in near_duplicates:
                if other_id != doc_id:
                    links[other_id] = max(float(similarity), links.get(other_id, float("-inf")))
            if links:
                conn.execute(
                    _n.insert(),
                    [{"doc_id": doc_id, "other_id": o, "similarity": s} for o, s in links.items()],
                )
        return True

    @staticmethod
    def _insert_events(conn: Connection, doc_id: str, events: Sequence[Event]) -> None:
        """Insert the ``events`` rows of one document and their ``event_actors``."""
        for event in sorted(events, key=lambda e: (e.span.start, e.span.end)):
            key = conn.execute(_e.insert().values(**_event_row(doc_id, event))).inserted_primary_key
            assert key is not None
            names = list(dict.fromkeys(a for a in event.actors if a))
            if names:
                conn.execute(_ea.insert(), [{"event_id": int(key[0]), "actor": n} for n in names])

    @staticmethod
    def _actor_ids(conn: Connection, keys: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """Ids of the actors ``(canonical, type)``, creating those not stored yet."""
        ids: dict[tuple[str, str], int] = {}
        names = sorted({canonical for canonical, _ in keys})
        for chunk in _chunks(names):
            rows = conn.execute(
                sa.select(_a.c.id, _a.c.canonical, _a.c.type).where(_a.c.canonical.in_(chunk))
            )
            for row in rows:
                if (row.canonical, row.type) in keys:
                    ids[(row.canonical, row.type)] = int(row.id)
        for canonical, type_ in sorted(keys - ids.keys()):
            key = conn.execute(
                _a.insert().values(canonical=canonical, type=type_)
            ).inserted_primary_key
            assert key is not None
            ids[(canonical, type_)] = int(key[0])
        return ids

    def record_failure(self, run_id: int, failure: IngestFailure) -> None:
        """Record why an input was not ingested."""
        with self._write() as conn:
            conn.execute(
                _f.insert().values(
                    run_id=run_id,
                    path=failure.path,
                    line=failure.line,
                    code=failure.code,
                    reason=failure.reason,
                    at=_now(),
                )
            )

    # -- reading ---------------------------------------------------------------------------

    def signatures(self, page: int = 1000) -> Iterator[tuple[str, bytes]]:
        """``(doc_id, minhash)`` of every stored document that has one, in id order.

        Read in pages, each in a short transaction, so the caller may write between them.
        """
        last = ""
        while True:
            with self._read() as conn:
                rows = conn.execute(
                    sa.select(_d.c.id, _d.c.minhash)
                    .where(_d.c.minhash.is_not(None), _d.c.id > last)
                    .order_by(_d.c.id)
                    .limit(page)
                ).all()
            for row in rows:
                yield str(row.id), bytes(row.minhash)
            if len(rows) < page:
                return
            last = str(rows[-1].id)

    def failures(self, run_id: int | None = None) -> list[dict[str, Any]]:
        """Recorded failures (of one run, or all), oldest first."""
        statement = sa.select(
            _f.c.id, _f.c.run_id, _f.c.path, _f.c.line, _f.c.code, _f.c.reason, _f.c.at
        ).order_by(_f.c.id)
        if run_id is not None:
            statement = statement.where(_f.c.run_id == run_id)
        with self._read() as conn:
            return [dict(row) for row in conn.execute(statement).mappings()]

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search of titles and texts, best match first.

        ``query`` is read as plain words (all must match), ``"quoted phrases"`` and
        ``word*`` prefixes; no other syntax, so any string is safe. Empty -> ``[]``.
        """
        with self._read() as conn:
            return self._fts.search(conn, query, limit=limit)

    def actors(
        self, *, type: str | None = None, limit: int | None = 50, name: str | None = None
    ) -> list[ActorRow]:
        """Actors with their mention and document counts, most mentioned first.

        ``type`` keeps one entity type; ``name`` keeps canonical names containing it
        (case-insensitive); ``limit=None`` returns all.
        """
        n_mentions = sa.func.count(_m.c.id).label("mentions")
        statement = (
            sa.select(
                _a.c.canonical,
                _a.c.type,
                n_mentions,
                sa.func.count(sa.distinct(_m.c.doc_id)).label("documents"),
                sa.func.min(_d.c.published).label("first_published"),
                sa.func.max(_d.c.published).label("last_published"),
            )
            .select_from(
                _a.outerjoin(_m, _m.c.actor_id == _a.c.id).outerjoin(_d, _d.c.id == _m.c.doc_id)
            )
            .group_by(_a.c.id, _a.c.canonical, _a.c.type)
            .order_by(n_mentions.desc(), _a.c.canonical, _a.c.type)
        )
        if type is not None:
            statement = statement.where(_a.c.type == type)
        if name:
            statement = statement.where(_contains(_a.c.canonical, name))
        if limit is not None:
            statement = statement.limit(max(limit, 0))
        with self._read() as conn:
            rows = conn.execute(statement).all()
        return [
            ActorRow(
                canonical=row.canonical,
                type=row.type,
                mentions=int(row.mentions),
                documents=int(row.documents),
                first_published=row.first_published,
                last_published=row.last_published,
            )
            for row in rows
        ]

    def actor_documents(
        self, canonical: str, *, type: str | None = None, limit: int | None = 20
    ) -> list[dict[str, Any]]:
        """The documents that mention an actor, newest first, with how often and the
        names it goes by there."""
        n = sa.func.count(_m.c.id).label("mentions")
        statement = (
            sa.select(_d.c.id, _d.c.title, _d.c.published, _d.c.path, n)
            .select_from(_a.join(_m, _m.c.actor_id == _a.c.id).join(_d, _d.c.id == _m.c.doc_id))
            .where(_a.c.canonical == canonical)
            .group_by(_d.c.id, _d.c.title, _d.c.published, _d.c.path)
            .order_by(_d.c.published.desc(), _d.c.id)
        )
        if type is not None:
            statement = statement.where(_a.c.type == type)
        if limit is not None:
            statement = statement.limit(max(limit, 0))
        with self._read() as conn:
            rows = conn.execute(statement).mappings().all()
        return [dict(row) for row in rows]

    def quotes(
        self,
        *,
        speaker: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Quotes with their documents, oldest first. ``speaker`` matches the speaker's
        name case-insensitively (exactly, or as a part when no name matches exactly);
        ``since``/``until`` are ISO dates on the publication date (inclusive)."""
        statement = (
            sa.select(
                _q.c.id,
                _q.c.type,
                _q.c.start,
                _q.c.end,
                _q.c.text,
                _q.c.speaker,
                _q.c.speaker_text,
                _q.c.cue,
                _q.c.doc_id,
                _d.c.published,
                _d.c.title,
                _d.c.path,
                _d.c.outlet,
            )
            .select_from(_q.join(_d, _d.c.id == _q.c.doc_id))
            .order_by(_d.c.published, _q.c.doc_id, _q.c.start)
        )
        if since:
            statement = statement.where(_d.c.published >= since)
        if until:
            statement = statement.where(_d.c.published <= until + "\uffff")
        with self._read() as conn:
            if speaker:
                exact = statement.where(sa.func.lower(_q.c.speaker) == speaker.lower())
                rows = conn.execute(exact).mappings().all()
                if not rows:
                    like = statement.where(_contains(_q.c.speaker, speaker))
                    rows = conn.execute(like).mappings().all()
            else:
                rows = conn.execute(statement).mappings().all()
        out = [dict(r) for r in rows]
        return out[:limit] if limit is not None else out

    def events(
        self,
        *,
        actor: str | None = None,
        since: str | None = None,
        until: str | None = None,
        dated_only: bool = True,
    ) -> list[dict[str, Any]]:
        """Events with their documents, in date order (then publication date, document and
        position); with ``dated_only=False`` the undated events follow the dated ones.

        ``actor`` matches an actor's name case-insensitively: exactly when some event has
        an actor of that name, else as a part of a name. ``since``/``until`` are dates
        (``2022``, ``2022-04`` or ``2022-04-24``, inclusive); an event counts when its
        date's period overlaps the range (``2022-04`` overlaps ``since="2022-04-20"``),
        an undated one when its document was published in the range. Raises
        :class:`ValueError` for a ``since``/``until`` that is not such a date.
        """
        statement = _dated_rows(_e, since, until)
        if dated_only:
            statement = statement.where(_e.c.date_start.is_not(None))
        with self._read() as conn:
            if actor:
                name = self._name_filter(conn, _ea.c.actor, actor)
                statement = statement.where(
                    sa.exists(sa.select(_ea.c.event_id).where(_ea.c.event_id == _e.c.id, name))
                )
            rows = conn.execute(statement).mappings().all()
        out: list[dict[str, Any]] = []
        for row in rows:
            item = dict(row)
            item["actors"] = list(item["actors"] or [])
            item["date_approximate"] = bool(item["date_approximate"])
            out.append(item)
        return out

    @staticmethod
    def _name_filter(
        conn: Connection, column: sa.ColumnElement[Any], name: str
    ) -> sa.ColumnElement[bool]:
        """``column`` is ``name`` (case-insensitive) when some row has it so, else
        ``column`` contains ``name``."""
        # SQL lower() may fold ASCII only: the name as given matches too
        same = sa.or_(column == name, sa.func.lower(column) == name.lower())
        exact = conn.execute(sa.select(sa.literal(1)).where(same).limit(1)).first()
        return same if exact is not None else _contains(column, name)

    def claims(
        self,
        *,
        source: str | None = None,
        about: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[dict[str, Any]]:
        """Numeric claims with their documents, by publication date, document and position.

        ``source`` matches whose word a claim is case-insensitively (exactly when some
        claim has that source, else as a part of it); ``about`` keeps claims whose
        ``about`` contains it; ``since``/``until`` are dates (``2022``, ``2022-04``,
        ``2022-04-24``, inclusive) on the publication date. Raises :class:`ValueError`
        for a ``since``/``until`` that is not such a date.
        """
        low, high = _range_bound("since", since), _range_bound("until", until)
        statement = (
            sa.select(
                *_nc.c,
                _d.c.published,
                _d.c.title,
                _d.c.path,
                _d.c.outlet,
            )
            .select_from(_nc.join(_d, _d.c.id == _nc.c.doc_id))
            .order_by(
                sa.case((_d.c.published.is_(None), 1), else_=0),
                _d.c.published,
                _nc.c.doc_id,
                _nc.c.start,
                _nc.c.id,
            )
        )
        if about:
            statement = statement.where(_contains(_nc.c.about, about))
        if low is not None:
            statement = statement.where(_published_from(low))
        if high is not None:
            statement = statement.where(_published_to(high))
        with self._read() as conn:
            if source:
                statement = statement.where(self._name_filter(conn, _nc.c.source, source))
            rows = conn.execute(statement).mappings().all()
        out: list[dict[str, Any]] = []
        for row in rows:
            item = dict(row)
            item["approximate"] = bool(item["approximate"])
            out.append(item)
        return out

    def commitments(
        self,
        *,
        donor: str | None = None,
        recipient: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[dict[str, Any]]:
        """Commitments with their documents, in date order (undated ones last, then by
        publication date, document and position).

        ``donor`` and ``recipient`` match names case-insensitively: exactly when some
        commitment has that name, else as a part of a name. ``since``/``until`` are dates
        (``2022``, ``2022-04``, ``2022-04-24``, inclusive): a commitment counts when its
        own date's period overlaps the range, an undated one when its document was
        published in it. Raises :class:`ValueError` for a ``since``/``until`` that is not
        such a date.
        """
        statement = _dated_rows(_c, since, until)
        with self._read() as conn:
            if donor:
                statement = statement.where(self._name_filter(conn, _c.c.donor, donor))
            if recipient:
                statement = statement.where(self._name_filter(conn, _c.c.recipient, recipient))
            rows = conn.execute(statement).mappings().all()
        return [dict(row) for row in rows]

    def stances(
        self,
        *,
        holder: str | None = None,
        proposition: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[dict[str, Any]]:
        """Stances with their documents, by holder, proposition, then publication date
        (undated last), document and position.

        ``holder`` matches case-insensitively (exactly when some stance has that holder,
        else as a part of one); ``proposition`` is an id (``P2``), case-insensitive;
        ``since``/``until`` are dates (``2022``, ``2022-04``, ``2022-04-24``, inclusive)
        on the publication date. Raises :class:`ValueError` for a ``since``/``until``
        that is not such a date.
        """
        low, high = _range_bound("since", since), _range_bound("until", until)
        statement = (
            sa.select(*_st.c, _d.c.published, _d.c.title, _d.c.path, _d.c.outlet, _d.c.authors)
            .select_from(_st.join(_d, _d.c.id == _st.c.doc_id))
            .order_by(
                _st.c.holder,
                _st.c.proposition,
                sa.case((_d.c.published.is_(None), 1), else_=0),
                _d.c.published,
                _st.c.doc_id,
                _st.c.start,
                _st.c.id,
            )
        )
        if low is not None:
            statement = statement.where(_published_from(low))
        if high is not None:
            statement = statement.where(_published_to(high))
        if proposition:
            statement = statement.where(sa.func.upper(_st.c.proposition) == proposition.upper())
        with self._read() as conn:
            if holder:
                statement = statement.where(self._name_filter(conn, _st.c.holder, holder))
            rows = conn.execute(statement).mappings().all()
        return [
            {
                **dict(row),
                "support": list(row["support"] or []),
                "authors": list(row["authors"] or []),
            }
            for row in rows
        ]

    def actor_names(self) -> list[tuple[str, str]]:
        """``(canonical, type)`` of every actor, sorted."""
        with self._read() as conn:
            rows = conn.execute(
                sa.select(_a.c.canonical, _a.c.type).order_by(_a.c.canonical, _a.c.type)
            )
            return [(str(row.canonical), str(row.type)) for row in rows]

    def document(self, ref: str) -> StoredDocument | None:
        """The document ``ref`` names: its id, a unique id prefix, or a path it was read from.

        An id prefix needs at least 6 hex digits; one shared by several documents raises
        :class:`StoreError`. A path read several times with different texts names the
        most recently stored text.
        """
        if not ref:
            return None
        with self._read() as conn:
            doc_id = self._resolve(conn, ref)
            if doc_id is None:
                return None
            return self._load(conn, doc_id)

    @staticmethod
    def _resolve(conn: Connection, ref: str) -> str | None:
        lowered = ref.strip().lower()
        if len(lowered) >= MIN_PREFIX and _HEX.fullmatch(lowered):
            ids = (
                conn.execute(
                    sa.select(_d.c.id).where(_d.c.id.like(lowered + "%")).order_by(_d.c.id).limit(2)
                )
                .scalars()
                .all()
            )
            if len(ids) == 1:
                return str(ids[0])
            if len(ids) > 1:
                raise StoreError(
                    f"id prefix {ref!r} is ambiguous ({ids[0][:12]}…, {ids[1][:12]}…, ...): "
                    "give more digits",
                    code="ambiguous",
                )
        found = conn.execute(
            sa.select(_s.c.doc_id)
            .join(_d, _d.c.id == _s.c.doc_id)
            .where(_s.c.path == ref)
            .order_by(_s.c.seen_at.desc(), _d.c.seq.desc())
            .limit(1)
        ).scalar()
        return None if found is None else str(found)

    @staticmethod
    def _load(conn: Connection, doc_id: str) -> StoredDocument | None:
        row = conn.execute(sa.select(_d).where(_d.c.id == doc_id)).first()
        if row is None:
            return None
        sources = conn.execute(
            sa.select(_s.c.path).where(_s.c.doc_id == doc_id).order_by(_s.c.seen_at, _s.c.path)
        ).scalars()
        mention_rows = conn.execute(
            sa.select(_m.c.start, _m.c.end, _m.c.text, _m.c.form, _a.c.canonical, _a.c.type)
            .join(_a, _a.c.id == _m.c.actor_id)
            .where(_m.c.doc_id == doc_id)
            .order_by(_m.c.start, _m.c.end, _a.c.canonical, _m.c.id)
        )
        mentions: list[MentionRow] = [
            (int(m.start), int(m.end), m.text, m.form, m.canonical, m.type) for m in mention_rows
        ]
        record = conn.execute(sa.select(_x.c.record).where(_x.c.doc_id == doc_id)).scalar()
        return StoredDocument(
            id=row.id,
            path=row.path,
            title=row.title,
            published=row.published,
            outlet=row.outlet,
            authors=list(row.authors),
            url=row.url,
            text=row.text,
            sources=[str(p) for p in sources],
            mentions=mentions,
            record=dict(record) if record is not None else {},
            found=list(row.found),
            extra=dict(row.extra),
            ingested_at=row.ingested_at,
        )

    def documents_by_month(self) -> list[tuple[str, int]]:
        """``(YYYY-MM, count)`` ascending, then ``("undated", count)`` for the rest.

        A document dated to the year only counts as undated.
        """
        with self._read() as conn:
            rows = conn.execute(sa.select(_d.c.month, sa.func.count()).group_by(_d.c.month)).all()
        dated = sorted((str(month), int(n)) for month, n in rows if month is not None)
        undated = sum(int(n) for month, n in rows if month is None)
        return dated + ([("undated", undated)] if undated else [])

    def documents(self, *, limit: int | None = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Stored documents without their text, most recently stored first: ``id``,
        ``path``, ``title``, ``published``, ``outlet``, ``authors``, ``url`` and
        ``ingested_at``. ``limit=None`` returns all (from ``offset``)."""
        statement = (
            sa.select(
                _d.c.id,
                _d.c.path,
                _d.c.title,
                _d.c.published,
                _d.c.outlet,
                _d.c.authors,
                _d.c.url,
                _d.c.ingested_at,
            )
            .order_by(_d.c.seq.desc())
            .offset(max(offset, 0))
        )
        if limit is not None:
            statement = statement.limit(max(limit, 0))
        with self._read() as conn:
            rows = conn.execute(statement).mappings().all()
        out = [dict(row) for row in rows]
        for item in out:
            item["authors"] = list(item["authors"] or [])
        return out

    def near_duplicates_of(self, doc_id: str) -> list[tuple[str, float]]:
        """Texts recorded as near duplicates of ``doc_id``, most similar first."""
        forward = sa.select(_n.c.other_id.label("other"), _n.c.similarity).where(
            _n.c.doc_id == doc_id
        )
        backward = sa.select(_n.c.doc_id.label("other"), _n.c.similarity).where(
            _n.c.other_id == doc_id
        )
        with self._read() as conn:
            rows = conn.execute(sa.union_all(forward, backward)).all()
        best: dict[str, float] = {}
        for other, similarity in rows:
            best[str(other)] = max(float(similarity), best.get(str(other), float("-inf")))
        return sorted(best.items(), key=lambda item: (-item[1], item[0]))

    def stats(self) -> dict[str, int]:
        """Row counts: documents, actors, mentions, failures, runs."""
        tables = {"documents": _d, "actors": _a, "mentions": _m, "failures": _f, "runs": _r}
        with self._read() as conn:
            return {
                name: int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())
                for name, table in tables.items()
            }

    def check(self) -> None:
        """Raise :class:`StoreError` if the database or its full-text index is damaged."""
        with self._read() as conn:
            if conn.dialect.name == "sqlite":
                result = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
                if result != "ok":
                    raise StoreError(f"{self.url} is damaged: {result}")
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                if problems:
                    raise StoreError(f"{self.url}: {len(problems)} rows break foreign keys")
            self._fts.check(conn)
