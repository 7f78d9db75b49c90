"""Caches of whole-store computations and rendered pages, emptied when the store changes.

Building the timeline or the ledger merges every stored event or commitment; linking an
actor's quotes compares each with the others. The results only change when documents
are stored (or a run records failures), so :class:`StoreCache` keeps them, keyed on the
store's *revision*: its row counts (:meth:`Store.stats`: documents, actors, mentions,
failures, runs). The revision is read at most once every ``check_interval`` seconds, so
a page served from the cache costs no query at all; an ingest through the API calls
:meth:`StoreCache.invalidate` and is seen at once, one by another process within
``check_interval``.

:class:`presswatch.web.app.PageCache` answers a request for a page already rendered
straight from :meth:`StoreCache.cached_page`, before any routing. Each cache is a
bounded LRU. When several threads ask for the same missing key at once,
one computes it and the others wait for its result instead of computing it again.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

from presswatch.store import Store

T = TypeVar("T")

#: Seconds between two reads of the store's revision.
CHECK_INTERVAL_S = 1.0
#: Entries kept per cache.
MAX_ENTRIES = 512


class LRU:
    """A thread-safe least-recently-used map of at most ``size`` entries."""

    def __init__(self, size: int = MAX_ENTRIES) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def _lookup(self, key: Hashable) -> tuple[bool, Any]:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return True, self._items[key]
            return False, None

    def peek(self, key: Hashable) -> Any | None:
        """The value kept for ``key``, or ``None``; never computes."""
        return self._lookup(key)[1]

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The value for ``key``, computed (once, whatever the number of threads asking)
        and kept when missing."""
        found, value = self._lookup(key)
        if found:
            return cast(T, value)
        with self._lock:
            gate = self._computing.setdefault(key, threading.Lock())
        with gate:
            found, value = self._lookup(key)  # another thread may have computed it
            if found:
                return cast(T, value)
            try:
                result = compute()
                with self._lock:
                    self._items[key] = result
                    self._items.move_to_end(key)
                    while len(self._items) > self.size:
                        self._items.popitem(last=False)
            finally:
                with self._lock:
                    self._computing.pop(key, None)
            return result


class StoreCache:
    """View data and rendered pages of one store, dropped whenever its revision changes."""

    def __init__(
        self,
        store: Store,
        *,
        check_interval: float = CHECK_INTERVAL_S,
        size: int = MAX_ENTRIES,
    ) -> None:
        self.store = store
        self.check_interval = check_interval
        self.data = LRU(size)
        self.pages = LRU(size)
        self._lock = threading.Lock()
        self._revision: tuple[int, ...] | None = None
        self._checked = 0.0
        self._reading = False

    def revision(self) -> tuple[int, ...]:
        """The store's row counts, read again when ``check_interval`` has passed; the
        caches are emptied when they changed."""
        now = time.monotonic()
        with self._lock:
            fresh = now - self._checked < self.check_interval
            if self._revision is not None and (fresh or self._reading):
                return self._revision  # one thread reads it; the others go on meanwhile
            self._reading = True
        try:
            current = tuple(self.store.stats().values())
        finally:
            with self._lock:
                self._reading = False
        with self._lock:
            if current != self._revision:
                self.data.clear()
                self.pages.clear()
                self._revision = current
            self._checked = now
            return current

    def current(self) -> tuple[int, ...] | None:
        """The revision when it was read less than ``check_interval`` ago, else ``None``
        (reading it is left to a request served in a worker thread)."""
        with self._lock:
            if time.monotonic() - self._checked < self.check_interval:
                return self._revision
            return None

    def invalidate(self) -> None:
        """Read the revision again on the next request (after a write through the API)."""
        with self._lock:
            self._checked = float("-inf")

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A cached view computation (see :class:`presswatch.web.views.Memo`)."""
        return self.data.get((self.revision(), key), compute)

    def page(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A cached rendered page."""
        return self.pages.get((self.revision(), key), compute)

    def cached_page(self, key: Hashable) -> Any | None:
        """The page kept for ``key`` when the revision is fresh, else ``None``: the fast
        path, which runs no query and computes nothing."""
        revision = self.current()
        return None if revision is None else self.pages.peek((revision, key))
