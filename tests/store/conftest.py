"""Fixtures of the store tests: a fresh in-memory store per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from presswatch.store import Store


@pytest.fixture
def store() -> Iterator[Store]:
    """An empty, migrated in-memory store."""
    with Store.open("sqlite://") as opened:
        yield opened


@pytest.fixture
def run_id(store: Store) -> int:
    """A run started in ``store``."""
    return store.start_run("ingest", {"paths": ["corpus"]})
