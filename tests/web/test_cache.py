"""The caches: bounded, computed once however many threads ask, dropped when the store
changes."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from presswatch.models import Document, Extraction
from presswatch.store import Store
from presswatch.web.cache import LRU, StoreCache


def test_lru_keeps_the_most_recently_used() -> None:
    cache = LRU(size=2)
    assert cache.get("a", lambda: 1) == 1
    assert cache.get("b", lambda: 2) == 2
    assert cache.get("a", lambda: 0) == 1  # kept, and now the most recent
    assert cache.get("c", lambda: 3) == 3  # drops b
    assert cache.get("b", lambda: 20) == 20
    assert len(cache) == 2


def test_lru_computes_a_missing_key_once_for_all_threads() -> None:
    cache = LRU()
    calls: list[int] = []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.05)
        return 42

    results: list[int] = []
    threads = [
        threading.Thread(target=lambda: results.append(cache.get("k", slow))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [42] * 8 and len(calls) == 1


def test_lru_keeps_nothing_when_computing_fails() -> None:
    cache = LRU()

    def boom() -> int:
        raise ValueError("no")

    with pytest.raises(ValueError):
        cache.get("k", boom)
    assert cache.get("k", lambda: 1) == 1


def _save(store: Store, text: str) -> None:
    run = store.start_run("test", {})
    store.save(Extraction(Document(text=text, path=f"{len(text)}.txt")), run_id=run)
    store.finish_run(run, "completed", {})


def test_store_cache_is_dropped_when_the_store_changes(tmp_path: Path) -> None:
    with Store.open(tmp_path / "c.db") as store:
        cache = StoreCache(store, check_interval=3600)
        assert cache.memo("n", lambda: store.stats()["documents"]) == 0
        _save(store, "One document.")
        # within the interval the revision is not read again
        assert cache.memo("n", lambda: store.stats()["documents"]) == 0
        cache.invalidate()
        assert cache.memo("n", lambda: store.stats()["documents"]) == 1
        assert cache.page("p", lambda: b"page") == b"page"
        fresh = StoreCache(store, check_interval=0)
        assert fresh.page("p", lambda: b"one") == b"one"
        _save(store, "Another document.")
        assert fresh.page("p", lambda: b"two") == b"two"


def test_lru_retain_and_byte_budget() -> None:
    cache = LRU(size=100, weigh=len, max_weight=800)
    for key in "abcdefghi":
        cache.get(key, lambda: b"x" * 100)
    assert len(cache) == 8 and cache.weight == 800  # a dropped to stay within 800 bytes
    assert cache.peek("a") is None and cache.peek("i") == b"x" * 100
    assert cache.get("big", lambda: b"y" * 101) == b"y" * 101  # over an eighth: not kept
    assert cache.peek("big") is None
    cache.retain(lambda key: key == "c")
    assert len(cache) == 1 and cache.weight == 100 and cache.peek("c") == b"x" * 100


def test_readers_keep_the_old_revision_while_the_new_one_is_built(tmp_path: Path) -> None:
    """With ``warm``, a change is built in the background: readers are answered at once
    from the old revision (no wait, no mix), then switched to the new one, built."""
    release = threading.Event()
    warming = threading.Event()
    with Store.open(tmp_path / "w.db") as store:

        def documents() -> int:
            return store.stats()["documents"]

        def warm(memo: Any) -> None:
            warming.set()
            memo("n", documents)
            release.wait(10)  # a slow rebuild

        cache = StoreCache(store, check_interval=0, warm=warm)
        assert cache.memo("n", documents) == 0
        old = cache.revision()
        _save(store, "One document.")
        started = time.monotonic()
        for _ in range(5):
            assert cache.memo("n", documents) == 0  # the old revision's entry, at once
        assert cache.revision() == old
        assert warming.wait(5)
        assert time.monotonic() - started < 5
        release.set()
        deadline = time.monotonic() + 10
        while cache.revision() == old and time.monotonic() < deadline:
            time.sleep(0.01)
        assert cache.revision() != old
        calls: list[int] = []
        assert cache.memo("n", lambda: calls.append(1) or -1) == 1  # built by warm
        assert calls == []
        assert all(key[0] == cache.revision() for key in cache.data._items)  # old ones gone


def test_refresh_builds_the_new_revision_before_publishing_it(tmp_path: Path) -> None:
    with Store.open(tmp_path / "r.db") as store:
        seen: list[int] = []

        def warm(memo: Any) -> None:
            seen.append(memo("n", lambda: store.stats()["documents"]))

        cache = StoreCache(store, check_interval=3600, warm=warm)
        assert cache.refresh() == cache.revision()
        _save(store, "A document.")
        assert cache.memo("n", lambda: -1) == 0  # within the interval: not looked at
        revision = cache.refresh()  # as after an ingest through the API
        assert cache.revision() == revision
        assert cache.memo("n", lambda: -1) == 1 and seen == [0, 1]
        assert cache.refresh() == revision and seen == [0, 1]  # unchanged: nothing built


def test_a_failing_warm_up_still_publishes(tmp_path: Path) -> None:
    with Store.open(tmp_path / "f.db") as store:

        def warm(memo: Any) -> None:
            raise RuntimeError("boom")

        cache = StoreCache(store, check_interval=3600, warm=warm)
        revision = cache.refresh()
        _save(store, "A document.")
        assert cache.refresh() != revision
        assert cache.memo("n", lambda: store.stats()["documents"]) == 1
