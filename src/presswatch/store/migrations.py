"""Schema migrations: an ordered list of steps, each applied once in its own transaction.

The ``schema_migrations`` table records which versions a database has. :func:`migrate`
applies the missing ones in order; a database whose version is newer than the newest
migration here was written by a newer presswatch and is refused.

To change the schema, append a :class:`Migration` with the next version number; never
edit or reorder one that has been released. Write the change against the connection
(``connection.exec_driver_sql("ALTER TABLE ...")`` or a Core construct), keeping
dialect-specific work behind :mod:`presswatch.store.fts` or a ``connection.dialect.name``
check.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from presswatch.errors import StoreError
from presswatch.store import schema
from presswatch.store.engine import transaction
from presswatch.store.fts import full_text_index


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema: ``apply`` runs inside a transaction of its own."""

    version: int
    description: str
    apply: Callable[[Connection], None]


def _initial_tables(connection: Connection) -> None:
    schema.metadata.create_all(connection, tables=list(schema.VERSION_1_TABLES), checkfirst=False)


def _quotes_table(connection: Connection) -> None:
    schema.quotes.create(connection, checkfirst=False)


def _events_tables(connection: Connection) -> None:
    schema.events.create(connection, checkfirst=False)
    schema.event_actors.create(connection, checkfirst=False)


def _claims_tables(connection: Connection) -> None:
    schema.numeric_claims.create(connection, checkfirst=False)
    schema.commitments.create(connection, checkfirst=False)


def _commitment_donor_inferred(connection: Connection) -> None:
    # migration 5 creates the table from the current definition, which has the column
    columns = {c["name"] for c in sa.inspect(connection).get_columns("commitments")}
    if "donor_inferred" not in columns:
        connection.execute(
            sa.text(
                "ALTER TABLE commitments ADD COLUMN donor_inferred BOOLEAN NOT NULL DEFAULT FALSE"
            )
        )


def _stances_table(connection: Connection) -> None:
    schema.stances.create(connection, checkfirst=False)


def _full_text_index(connection: Connection) -> None:
    full_text_index(connection.dialect.name).create(connection)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "tables: runs, documents, sources, near-duplicates, actors, mentions, "
        "extractions, failures",
        _initial_tables,
    ),
    Migration(2, "full-text index over document titles and texts", _full_text_index),
    Migration(3, "quotes: who said what, with spans", _quotes_table),
    Migration(4, "events: what happened when, with their actors and date periods", _events_tables),
    Migration(
        5,
        "numeric claims and commitments: numbers asserted, aid pledged, with spans",
        _claims_tables,
    ),
    Migration(
        6,
        "commitments: whether the donor was inferred (the pack's coalition, a weapon's maker)",
        _commitment_donor_inferred,
    ),
    Migration(7, "stances: where holders stand on the pack's propositions", _stances_table),
)

#: The schema version this code writes: the newest migration's.
SCHEMA_VERSION = MIGRATIONS[-1].version


def _check_order(migrations: Sequence[Migration]) -> None:
    versions = [m.version for m in migrations]
    if versions != sorted(set(versions)) or (versions and versions[0] < 1):
        raise ValueError(f"migration versions must be positive and increasing: {versions}")


def applied_versions(connection: Connection) -> list[int]:
    """Versions recorded in ``schema_migrations`` (empty if the table does not exist)."""
    if not sa.inspect(connection).has_table(schema.schema_migrations.name):
        return []
    column = schema.schema_migrations.c.version
    return [int(v) for v in connection.execute(sa.select(column).order_by(column)).scalars()]


def current_version(engine: Engine) -> int:
    """The newest schema version applied to the database (0 for an empty one)."""
    with transaction(engine, write=False) as connection:
        versions = applied_versions(connection)
    return versions[-1] if versions else 0


def _refuse_newer(versions: list[int], known: int) -> None:
    if versions and versions[-1] > known:
        raise StoreError(
            f"the database has schema version {versions[-1]}, newer than this presswatch "
            f"knows (version {known}); upgrade presswatch to open it"
        )


def migrate(engine: Engine, migrations: Sequence[Migration] = MIGRATIONS) -> list[int]:
    """Apply the pending ``migrations`` in order; return the versions applied.

    Each migration and the row recording it commit together, or not at all. Two
    processes migrating at once are safe: each step re-reads the applied versions under
    the write lock and skips what the other has done.
    """
    _check_order(migrations)
    known = migrations[-1].version if migrations else 0
    with transaction(engine, write=True) as connection:
        schema.schema_migrations.create(connection, checkfirst=True)
        _refuse_newer(applied_versions(connection), known)
    applied: list[int] = []
    for migration in migrations:
        with transaction(engine, write=True) as connection:
            versions = applied_versions(connection)
            _refuse_newer(versions, known)
            if migration.version in versions:
                continue
            try:
                migration.apply(connection)
            except StoreError:
                raise
            except Exception as exc:
                raise StoreError(
                    f"migration {migration.version} ({migration.description}) failed: {exc}"
                ) from exc
            connection.execute(
                schema.schema_migrations.insert().values(
                    version=migration.version,
                    description=migration.description,
                    applied_at=datetime.now(UTC).isoformat(timespec="seconds"),
                )
            )
        applied.append(migration.version)
    return applied
