"""The caches: bounded, computed once however many threads ask, dropped when the store
changes."""

from __future__ import annotations

import threading
import time
from pathlib import Path

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
