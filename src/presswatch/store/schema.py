"""Table definitions of the store, in SQLAlchemy Core (no ORM).

These tables are portable: nothing here is specific to SQLite. The full-text index is
not a :class:`~sqlalchemy.Table` (it is a virtual table on SQLite, a ``tsvector`` later on
PostgreSQL); see :mod:`presswatch.store.fts`.

Timestamps are ISO 8601 text in UTC; ``published`` is the date as given (``YYYY-MM-DD``,
``YYYY-MM`` or ``YYYY``) and ``month`` its ``YYYY-MM`` part when it has one.

Migration 1 creates these tables. When a later migration changes one of them, freeze the
version-1 definition inside migration 1 first (``tests/store/test_migrations.py`` checks
that a freshly migrated database matches these definitions).
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

#: Versions of the schema applied to this database (see :mod:`presswatch.store.migrations`).
schema_migrations = sa.Table(
    "schema_migrations",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("applied_at", sa.Text, nullable=False),
)

#: One row per command run against the store (``ingest``, ``extract`` ...).
runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("command", sa.Text, nullable=False),
    sa.Column("args", sa.JSON, nullable=False),
    sa.Column("started_at", sa.Text, nullable=False),
    sa.Column("finished_at", sa.Text),
    # running / completed / completed-with-failures / interrupted / failed
    sa.Column("status", sa.String(32), nullable=False),
    sa.Column("counts", sa.JSON),
    # who runs it: lets a later run tell a crashed run from one still going
    sa.Column("pid", sa.Integer),
    sa.Column("host", sa.Text),
)

#: One row per distinct text; ``id`` is the sha256 of the text.
documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    # insertion order; the integer key the full-text index refers to
    sa.Column("seq", sa.Integer, nullable=False, unique=True),
    sa.Column("path", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Text),
    sa.Column("month", sa.String(7), index=True),
    sa.Column("outlet", sa.Text),
    sa.Column("authors", sa.JSON, nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("extra", sa.JSON, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("found", sa.JSON, nullable=False),
    sa.Column("minhash", sa.LargeBinary),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
    sa.Column("ingested_at", sa.Text, nullable=False),
)

#: Every path a text was read from (the first one included).
document_sources = sa.Table(
    "document_sources",
    metadata,
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("path", sa.Text, primary_key=True, index=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id")),
    sa.Column("seen_at", sa.Text, nullable=False),
)

#: Near-duplicate links, one row per pair, written when ``doc_id`` is saved; ``other_id``
#: is not a foreign key (the other text may be saved later). Query both columns.
near_duplicates = sa.Table(
    "near_duplicates",
    metadata,
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("other_id", sa.String(64), primary_key=True, index=True),
    sa.Column("similarity", sa.Float, nullable=False),
)

#: Actors across documents, by canonical name and entity type.
actors = sa.Table(
    "actors",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("canonical", sa.Text, nullable=False),
    sa.Column("type", sa.String(16), nullable=False),
    sa.UniqueConstraint("canonical", "type", name="uq_actors_canonical_type"),
)

#: One row per mention of an actor in a document (offsets into ``documents.text``).
mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("actor_id", sa.Integer, sa.ForeignKey("actors.id"), nullable=False, index=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("form", sa.String(16), nullable=False),
)

#: The full extraction record of each document (``Extraction.to_dict()``).
extractions = sa.Table(
    "extractions",
    metadata,
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("record", sa.JSON, nullable=False),
)

#: One row per quote: who said what, where (offsets into ``documents.text``).
quotes = sa.Table(
    "quotes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("type", sa.String(16), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("speaker", sa.Text, index=True),
    sa.Column("speaker_start", sa.Integer),
    sa.Column("speaker_end", sa.Integer),
    sa.Column("speaker_text", sa.Text),
    sa.Column("cue", sa.Text),
    sa.Column("cue_start", sa.Integer),
    sa.Column("cue_end", sa.Integer),
)

#: One row per event: what happened, to whom, when (offsets into ``documents.text``).
#: ``date`` is the TIMEX3 value as extracted; ``date_start``/``date_end`` are the first
#: and last day of the period it names (``YYYY-MM-DD``, see
#: :func:`presswatch.store.periods.period_of`), ``NULL`` when it names none, so that
#: range queries and sorting work across granularities.
events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("trigger_start", sa.Integer, nullable=False),
    sa.Column("trigger_end", sa.Integer, nullable=False),
    sa.Column("predicate", sa.Text, nullable=False),
    sa.Column("date", sa.Text, index=True),
    sa.Column("granularity", sa.String(16)),
    sa.Column("date_start", sa.String(10), index=True),
    sa.Column("date_end", sa.String(10)),
    sa.Column("date_expression", sa.Text),
    sa.Column("date_expression_start", sa.Integer),
    sa.Column("date_expression_end", sa.Integer),
    sa.Column("date_approximate", sa.Boolean, nullable=False),
    # the names in the order the extractor gave them; also one row each in event_actors
    sa.Column("actors", sa.JSON, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
)

#: The actors of each event, one row per (event, name), for filtering by actor.
event_actors = sa.Table(
    "event_actors",
    metadata,
    sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), primary_key=True),
    sa.Column("actor", sa.Text, primary_key=True, index=True),
)

#: One row per numeric claim: a number the text asserts, what it counts, whose word it is
#: (offsets into ``documents.text``). ``currency``/``value_usd`` are set for money.
numeric_claims = sa.Table(
    "numeric_claims",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("unit", sa.Text),
    sa.Column("qualifier", sa.Text),
    sa.Column("approximate", sa.Boolean, nullable=False),
    sa.Column("about", sa.Text),
    sa.Column("source", sa.Text, index=True),
    sa.Column("currency", sa.String(3)),
    sa.Column("value_usd", sa.Float),
)

#: One row per commitment: aid pledged, sent or asked for (offsets into
#: ``documents.text``). ``date_start``/``date_end`` are the period of ``date`` as for
#: events (:func:`presswatch.store.periods.period_of`), ``NULL`` when it names none.
commitments = sa.Table(
    "commitments",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("donor", sa.Text, index=True),
    sa.Column("recipient", sa.Text, index=True),
    sa.Column("item", sa.Text, nullable=False),
    sa.Column("item_class", sa.Text),
    sa.Column("quantity", sa.Float),
    sa.Column("amount", sa.Float),
    sa.Column("currency", sa.String(3)),
    sa.Column("value_usd", sa.Float),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("date", sa.Text),
    sa.Column("date_start", sa.String(10), index=True),
    sa.Column("date_end", sa.String(10)),
    sa.Column("date_expression", sa.Text),
    sa.Column("date_expression_start", sa.Integer),
    sa.Column("date_expression_end", sa.Integer),
    sa.Column("source", sa.Text),
    sa.Column("trigger_start", sa.Integer),
    sa.Column("trigger_end", sa.Integer),
    sa.Column("donor_inferred", sa.Boolean, nullable=False, server_default=sa.false()),
)

#: One row per stance: where a holder (an actor, a label, or "author") stands on a
#: proposition of the domain pack in one document. ``start``/``end``/``text`` are the
#: first evidence; ``support`` all of it (the extraction record's ``support``).
stances = sa.Table(
    "stances",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("holder", sa.Text, nullable=False, index=True),
    sa.Column("proposition", sa.String(64), nullable=False, index=True),
    sa.Column("stance", sa.String(16), nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("support", sa.JSON, nullable=False),
    sa.Column("date", sa.Text),
)

#: Inputs that were not ingested, and why.
failures = sa.Table(
    "failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), index=True),
    sa.Column("path", sa.Text, nullable=False),
    sa.Column("line", sa.Integer),
    sa.Column("code", sa.String(32), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("at", sa.Text, nullable=False),
)

#: The tables migration 1 creates, in dependency order.
VERSION_1_TABLES: tuple[sa.Table, ...] = (
    runs,
    documents,
    document_sources,
    near_duplicates,
    actors,
    mentions,
    extractions,
    failures,
)
