"""From a target (a file path or an SQLAlchemy URL) to a configured :class:`~sqlalchemy.Engine`.

Everything specific to a database backend's *connections* lives here (SQLite PRAGMAs,
transaction handling); what is specific to its *full-text search* lives in
:mod:`presswatch.store.fts`. A PostgreSQL backend needs a branch in
:func:`create_store_engine` and nothing else in this module.

SQLite notes
------------
* Python's ``sqlite3`` module opens transactions lazily and not before DDL, which would
  make migrations non-atomic. We switch its own handling off and emit ``BEGIN`` ourselves
  (the recipe from SQLAlchemy's pysqlite documentation), so every SQLAlchemy transaction
  is one SQLite transaction, DDL included.
* Write transactions start with ``BEGIN IMMEDIATE`` (take the write lock up front, so a
  read-then-write transaction never fails half-way because another process wrote).
* WAL journal (readers do not block the writer), ``synchronous=NORMAL`` (a commit
  survives the process being killed), foreign keys on, a busy timeout.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.pool import StaticPool

from presswatch.errors import StoreError

#: Execution option naming the kind of transaction a connection will begin.
WRITE_OPTION = "presswatch_write"

#: Seconds a connection waits for another process's write lock before giving up.
BUSY_TIMEOUT_S = 30.0

_json_dumps = partial(json.dumps, ensure_ascii=False, default=str)


def resolve_url(target: str | Path) -> URL:
    """The SQLAlchemy URL for ``target``: ``scheme://...`` as given, anything else a file path.

    Creates the parent directory of an SQLite file.
    """
    text = str(target).strip()
    if not text:
        raise StoreError("no database given: pass a file path or an SQLAlchemy URL")
    if "://" in text:
        try:
            url = sa.make_url(text)
        except sa.exc.ArgumentError as exc:
            raise StoreError(f"not a database URL: {text!r}") from exc
    else:
        path = Path(text).expanduser().resolve()
        if path.is_dir():
            raise StoreError(f"{path} is a directory, not a database file")
        url = URL.create("sqlite", database=str(path))
    if url.get_backend_name() == "sqlite" and not _is_memory(url):
        database = url.database or ""
        if not database.startswith("file:"):
            try:
                Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for {database}: {exc}") from exc
    return url


def _is_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:")


def create_store_engine(target: str | Path) -> tuple[Engine, str]:
    """A configured engine for ``target`` and its URL as text (password hidden)."""
    url = resolve_url(target)
    options: dict[str, Any] = {"json_serializer": _json_dumps}
    if url.get_backend_name() == "sqlite":
        options["connect_args"] = {"timeout": BUSY_TIMEOUT_S}
        if _is_memory(url):
            # one connection shared by all, or each checkout would see an empty database
            options["poolclass"] = StaticPool
            options["connect_args"]["check_same_thread"] = False
    try:
        engine = sa.create_engine(url, **options)
    except (sa.exc.ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use database {url.render_as_string()}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine, memory=_is_memory(url))
    return engine, url.render_as_string(hide_password=True)


def _configure_sqlite(engine: Engine, *, memory: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            if not memory:
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


@contextmanager
def transaction(engine: Engine, *, write: bool) -> Iterator[Connection]:
    """One transaction: committed when the block ends, rolled back if it raises.

    Database errors come out as :class:`StoreError`.
    """
    try:
        with (
            engine.connect().execution_options(**{WRITE_OPTION: write}) as connection,
            connection.begin(),
        ):
            yield connection
    except sa.exc.SQLAlchemyError as exc:
        detail = getattr(exc, "orig", None) or exc
        raise StoreError(f"database error: {detail}") from exc
