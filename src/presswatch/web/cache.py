"""Caches of whole-store computations and rendered pages, renewed when the store changes.

Building the timeline or the ledger merges every stored event or commitment; linking an
actor's quotes compares each with the others. The results only change when documents
are stored (or a run records failures), so :class:`StoreCache` keeps them, keyed on the
store's *revision*: its row counts (:meth:`Store.stats`: documents, actors, mentions,
failures, runs). The revision is read at most once every ``check_interval`` seconds, so
a page served from the cache costs no query at all.

When the revision changes, what readers get depends on ``warm`` (a function that
computes what readers will most likely ask for, given a memo):

- without it, the caches of the old revision are dropped at once and each reader
  computes what it needs (once, however many readers ask at the same time);
- with it, the new revision is built *beside* the old one, in a background thread
  (:meth:`StoreCache.refresh`), while readers go on being answered from the old
  revision's entries; once ``warm`` is done, the new revision is published in one step
  and the old entries are dropped. A reader therefore never waits for the rebuild and
  never sees a mix of two revisions' cached entries. An ingest through the API calls
  :meth:`StoreCache.refresh` itself before it answers, so that whoever ingested reads
  the new data, already built, as soon as the answer comes.

:class:`presswatch.web.app.PageCache` answers a request for a page already rendered
straight from :meth:`StoreCache.cached_page`, before any routing. Each cache is a
bounded LRU (the pages also by their size in bytes). When several threads ask for the
same missing key at once, one computes it and the others wait for its result instead
of computing it again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

from presswatch.store import Store

T = TypeVar("T")
Revision = tuple[int, ...]
Memo = Callable[[Hashable, Callable[[], Any]], Any]

#: Seconds between two reads of the store's revision.
CHECK_INTERVAL_S = 1.0
#: Entries kept per cache.
MAX_ENTRIES = 512
#: Bytes of rendered pages kept (a page over an eighth of it is not kept).
MAX_PAGE_BYTES = 256 * 1024 * 1024

log = logging.getLogger(__name__)


class LRU:
    """A thread-safe least-recently-used map of at most ``size`` entries and, when
    ``weigh`` is given, of entries weighing at most ``max_weight`` together (an entry
    heavier than an eighth of it is returned but not kept)."""

    def __init__(
        self,
        size: int = MAX_ENTRIES,
        *,
        weigh: Callable[[Any], int] | None = None,
        max_weight: int = 0,
    ) -> None:
        self.size = size
        self.weigh = weigh
        self.max_weight = max_weight
        self.weight = 0
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._weights: dict[Hashable, int] = {}
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        self.retain(lambda key: False)

    def retain(self, keep: Callable[[Hashable], bool]) -> None:
        """Drop every entry whose key ``keep`` refuses."""
        with self._lock:
            for key in [k for k in self._items if not keep(k)]:
                self._drop(key)

    def _drop(self, key: Hashable) -> None:
        del self._items[key]
        self.weight -= self._weights.pop(key, 0)

    def _lookup(self, key: Hashable) -> tuple[bool, Any]:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return True, self._items[key]
            return False, None

    def peek(self, key: Hashable) -> Any | None:
        """The value kept for ``key``, or ``None``; never computes."""
        return self._lookup(key)[1]

    def _keep(self, key: Hashable, value: Any) -> None:
        weight = self.weigh(value) if self.weigh is not None else 0
        if self.weigh is not None and weight * 8 > self.max_weight:
            return
        with self._lock:
            if key in self._items:
                self._drop(key)
            self._items[key] = value
            self._weights[key] = weight
            self.weight += weight
            while len(self._items) > self.size or (
                self.weigh is not None and self.weight > self.max_weight
            ):
                self._drop(next(iter(self._items)))

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
                self._keep(key, result)
            finally:
                with self._lock:
                    self._computing.pop(key, None)
            return result


def _page_size(page: Any) -> int:
    return len(getattr(page, "body", b"")) + 256


class StoreCache:
    """View data and rendered pages of one store, renewed whenever its revision changes
    (see the module)."""

    def __init__(
        self,
        store: Store,
        *,
        check_interval: float = CHECK_INTERVAL_S,
        size: int = MAX_ENTRIES,
        page_bytes: int = MAX_PAGE_BYTES,
        warm: Callable[[Memo], None] | None = None,
    ) -> None:
        self.store = store
        self.check_interval = check_interval
        self.warm = warm
        self.data = LRU(size)
        self.pages = LRU(size, weigh=_page_size, max_weight=page_bytes)
        self._lock = threading.Lock()
        self._refreshing = threading.Lock()  # one rebuild at a time
        self._revision: Revision | None = None
        self._checked = 0.0
        self._reading = False
        self._background: threading.Thread | None = None

    def _read_revision(self) -> Revision:
        return tuple(self.store.stats().values())

    def _publish(self, revision: Revision) -> None:
        """Make ``revision`` the one readers get, dropping every other's entries (call
        with ``self._lock`` held)."""
        if revision != self._revision:
            self._revision = revision
            self.data.retain(lambda key: isinstance(key, tuple) and key[0] == revision)
            self.pages.retain(lambda key: isinstance(key, tuple) and key[0] == revision)

    def revision(self) -> Revision:
        """The revision readers get: the store's row counts, read again when
        ``check_interval`` has passed. A change is published at once without ``warm``;
        with it, it is built in the background and published when ready."""
        now = time.monotonic()
        with self._lock:
            fresh = now - self._checked < self.check_interval
            if self._revision is not None and (fresh or self._reading):
                return self._revision  # one thread reads it; the others go on meanwhile
            self._reading = True
        try:
            current = self._read_revision()
        finally:
            with self._lock:
                self._reading = False
        with self._lock:
            self._checked = now
            if self._revision is None or self.warm is None:
                self._publish(current)
            elif current != self._revision and self._background is None:
                self._background = threading.Thread(
                    target=self._refresh_in_background, name="presswatch-cache", daemon=True
                )
                self._background.start()
            assert self._revision is not None
            return self._revision

    def _refresh_in_background(self) -> None:
        try:
            self.refresh()
        finally:
            with self._lock:
                self._background = None

    def refresh(self) -> Revision:
        """Read the revision now; when it changed, build the new one with ``warm`` (while
        readers are answered from the old one) and publish it. Returns the revision
        published. Errors of ``warm`` are logged: what failed is computed on demand."""
        with self._refreshing:
            current = self._read_revision()
            with self._lock:
                unchanged = current == self._revision
            if not unchanged and self.warm is not None:
                try:
                    self.warm(self._memo_at(current))
                except Exception:  # a failed warm-up must not stop the swap
                    log.exception("warming the caches of revision %s failed", current)
            with self._lock:
                self._publish(current)
                self._checked = time.monotonic()
            return current

    def current(self) -> Revision | None:
        """The revision when it was read less than ``check_interval`` ago, else ``None``
        (reading it is left to a request served in a worker thread)."""
        with self._lock:
            if time.monotonic() - self._checked < self.check_interval:
                return self._revision
            return None

    def invalidate(self) -> None:
        """Read the revision again on the next request."""
        with self._lock:
            self._checked = float("-inf")

    def _memo_at(self, revision: Revision) -> Memo:
        def memo(key: Hashable, compute: Callable[[], Any]) -> Any:
            return self.data.get((revision, key), compute)

        return memo

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
