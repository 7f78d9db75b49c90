"""The store stage: a database of documents, actors, mentions and extraction records.

Open it with :meth:`Store.open` (a file path or an SQLAlchemy URL); it migrates itself.
"""

from presswatch.store.db import FINAL_STATUSES, RUN_STATUSES, Store, month_of
from presswatch.store.fts import FullTextIndex, fts5_query, full_text_index
from presswatch.store.migrations import MIGRATIONS, SCHEMA_VERSION, Migration, migrate
from presswatch.store.periods import Period, period_of
from presswatch.store.records import ActorRow, MentionRow, SearchHit, StoredDocument

__all__ = [
    "FINAL_STATUSES",
    "MIGRATIONS",
    "RUN_STATUSES",
    "SCHEMA_VERSION",
    "ActorRow",
    "FullTextIndex",
    "MentionRow",
    "Migration",
    "Period",
    "SearchHit",
    "Store",
    "StoredDocument",
    "fts5_query",
    "full_text_index",
    "migrate",
    "month_of",
    "period_of",
]
