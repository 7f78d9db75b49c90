"""Full-text search over documents (title and text): the backend-specific part of the store.

:class:`FullTextIndex` is the seam. :class:`Fts5Index` implements it with an SQLite FTS5
table; a PostgreSQL implementation would keep a ``tsvector`` (a generated column or a
side table keyed by document id), search it with ``websearch_to_tsquery`` and rank with
``ts_rank_cd``, show snippets with ``ts_headline(... StartSel=[, StopSel=])``, and be
returned by :func:`full_text_index` for the ``postgresql`` dialect.

User queries are never passed through as FTS syntax: :func:`fts5_query` turns them into
plain terms (implicitly ANDed), keeping ``"quoted phrases"`` and a trailing ``*`` for a
prefix, so that input such as ``U.S. "aid`` or ``AND (`` cannot break the query.
"""

from __future__ import annotations

import re
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from presswatch.errors import StoreError
from presswatch.store.records import SearchHit


class FullTextIndex(Protocol):
    """A full-text index over ``documents.title`` and ``documents.text``."""

    def create(self, connection: Connection) -> None:
        """Create the index (called by a migration, inside its transaction)."""

    def add(
        self, connection: Connection, *, seq: int, doc_id: str, title: str | None, text: str
    ) -> None:
        """Index one newly inserted document (inside the transaction that inserts it)."""

    def search(self, connection: Connection, query: str, *, limit: int) -> list[SearchHit]:
        """Documents matching the user's ``query``, best first."""

    def check(self, connection: Connection) -> None:
        """Raise :class:`StoreError` if the index disagrees with the documents."""


# Matches a "quoted phrase" (closing quote optional) with an optional trailing *, or a
# run of anything else up to whitespace or a quote.
_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"?(?P<star>\*)?|(?P<term>[^\s"]+)')
_QUOTE_MARKS = str.maketrans(dict.fromkeys("“”„‟«»＂", '"'))


def fts5_query(query: str) -> str | None:
    """An FTS5 MATCH expression for a user's query, or ``None`` when it has no words.

    Each term or phrase becomes an FTS5 string (``"..."``, inner quotes doubled), so FTS5
    operators and punctuation lose their meaning; the tokenizer splits ``U.S.`` into a
    phrase ``u s``. Terms with no letter or digit are dropped.
    """
    text = query.replace("\x00", " ").translate(_QUOTE_MARKS)
    parts: list[str] = []
    for match in _TOKEN.finditer(text):
        if match.group("term") is not None:
            body = match.group("term")
            prefix = body.endswith("*")
            body = body.rstrip("*")
        else:
            body = match.group("phrase").strip()
            prefix = match.group("star") is not None
        if not any(ch.isalnum() for ch in body):
            continue
        parts.append('"' + body.replace('"', '""') + '"' + ("*" if prefix else ""))
    return " ".join(parts) if parts else None


class Fts5Index:
    """SQLite FTS5 external-content table over ``documents``, keyed by ``documents.seq``.

    The text is not stored twice: FTS5 reads ``title`` and ``text`` from ``documents``
    for snippets. Documents are never updated or deleted, so inserting into the index in
    the same transaction as the document keeps both in step.
    """

    table = "documents_fts"
    #: BM25 weights of the indexed columns: a match in the title counts more.
    title_weight = 5.0
    text_weight = 1.0
    #: Tokens of context in a snippet.
    snippet_tokens = 16

    def create(self, connection: Connection) -> None:
        connection.exec_driver_sql(
            f"CREATE VIRTUAL TABLE {self.table} USING fts5("
            "title, text, content='documents', content_rowid='seq', "
            "tokenize='porter unicode61 remove_diacritics 2')"
        )

    def add(
        self, connection: Connection, *, seq: int, doc_id: str, title: str | None, text: str
    ) -> None:
        connection.execute(
            sa.text(f"INSERT INTO {self.table}(rowid, title, text) VALUES (:seq, :title, :text)"),
            {"seq": seq, "title": title, "text": text},
        )

    def search(self, connection: Connection, query: str, *, limit: int) -> list[SearchHit]:
        expression = fts5_query(query)
        if expression is None or limit <= 0:
            return []
        statement = sa.text(
            "SELECT d.id, d.path, d.title, d.published, d.outlet, "
            f"snippet({self.table}, -1, '[', ']', '…', :tokens) AS snippet, "
            f"bm25({self.table}, :title_weight, :text_weight) AS rank "
            f"FROM {self.table} JOIN documents AS d ON d.seq = {self.table}.rowid "
            f"WHERE {self.table} MATCH :query "
            "ORDER BY rank, d.seq LIMIT :limit"
        )
        rows = connection.execute(
            statement,
            {
                "tokens": self.snippet_tokens,
                "title_weight": self.title_weight,
                "text_weight": self.text_weight,
                "query": expression,
                "limit": limit,
            },
        )
        return [
            SearchHit(
                id=row.id,
                path=row.path,
                title=row.title,
                published=row.published,
                outlet=row.outlet,
                snippet=row.snippet or "",
                score=-float(row.rank),
            )
            for row in rows
        ]

    def check(self, connection: Connection) -> None:
        try:
            connection.exec_driver_sql(
                f"INSERT INTO {self.table}({self.table}, rank) VALUES ('integrity-check', 1)"
            )
        except sa.exc.DatabaseError as exc:
            raise StoreError(f"the full-text index is out of step: {exc.orig}") from exc


def full_text_index(dialect: str) -> FullTextIndex:
    """The full-text index implementation for an SQLAlchemy dialect name."""
    if dialect == "sqlite":
        return Fts5Index()
    raise StoreError(
        f"full-text search is not implemented for {dialect} yet (only SQLite); "
        "see presswatch.store.fts"
    )
