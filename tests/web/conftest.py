"""Fixtures of the web tests: a store built once per session from a few invented articles
(with the real pipeline), the app over it, and an app over an empty store.

The articles are written for these tests: one speaker quoted in two of them, a pledge
with a value, dated events, a numeric claim, and one article whose title, authors,
outlet and text carry script and event-handler payloads. Their stances are planted
(:data:`STANCES`, see stance_support.py): the speaker changes his stance on P1 between
the two articles (a shift), an author has one, and the payloads' article has stances
whose evidence and holder (its author) carry the payloads.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from stance_support import Planted, planting

from presswatch.pipeline import Pipeline
from presswatch.runs import ingest
from presswatch.settings import Settings
from presswatch.store import Store
from presswatch.web import create_app

TOKEN = "test-token"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SPEAKER = "Lloyd Austin"
QUOTE = "We want to see Russia weakened to the degree that it cannot invade again"

ARTICLES: list[dict[str, Any]] = [
    {
        "title": "Austin and Blinken visit Kyiv",
        "published": "2022-04-25",
        "outlet": "Morning Ledger",
        "authors": ["Ada Brook"],
        "url": "https://example.org/kyiv-visit",
        "text": (
            "Lloyd Austin, the American defence secretary, visited Kyiv on Sunday with "
            "Antony Blinken. The two men met Volodymyr Zelensky for three hours.\n\n"
            f"“{QUOTE},” Mr Austin told reporters in Poland on Monday.\n\n"
            "Germany announced on April 26th that it would send 50 Gepard anti-aircraft "
            "vehicles to Ukraine."
        ),
    },
    {
        "title": "A billion dollars for Ukraine",
        "published": "2022-08-10",
        "outlet": "Evening Courier",
        "authors": ["Sam Reed"],
        "text": (
            "The United States announced a $1 billion package of security assistance for "
            "Ukraine on August 8th. More than 75,000 Russian soldiers have been killed or "
            "injured, said Elissa Slotkin.\n\n"
            f"“{QUOTE},” Lloyd Austin said again in Washington."
        ),
    },
    {
        "title": f"Depot report {SCRIPT}",
        "published": "2022-09-01",
        "outlet": f"Port Bulletin {IMG}",
        "authors": [f"Ivo {SCRIPT} Marsh"],
        "url": "javascript:alert(1)",
        "text": (
            f"Olaf Scholz visited the {SCRIPT} depot in Odesa on Friday.\n\n"
            f"“The {IMG} convoys will keep moving,” said Olaf Scholz."
        ),
    },
]


AUTHOR_EVIDENCE = "The United States announced a $1 billion package of security assistance"
HOSTILE_AUTHOR = f"Ivo {SCRIPT} Marsh"
STANCES: dict[str, list[Planted]] = {
    "Austin and Blinken visit Kyiv": [(SPEAKER, "P1", "favor", QUOTE)],
    "A billion dollars for Ukraine": [
        (SPEAKER, "P1", "against", QUOTE),
        ("author", "P4", "favor", AUTHOR_EVIDENCE),  # Sam Reed's own
    ],
    ARTICLES[2]["title"]: [
        ("Olaf Scholz", "P2", "mixed", f"Olaf Scholz visited the {SCRIPT} depot"),
        ("author", "P4", "against", f"The {IMG} convoys will keep moving"),  # HOSTILE_AUTHOR's
    ],
}
"""The stances planted in each article, by title: holder, proposition, stance, evidence."""


@dataclass(frozen=True, slots=True)
class WebStore:
    """The test store: its path and the id of each article by title."""

    path: Path
    ids: dict[str, str]

    def id_of(self, title_start: str) -> str:
        return next(i for t, i in self.ids.items() if t.startswith(title_start))


def write_articles(folder: Path, articles: list[dict[str, Any]]) -> Path:
    path = folder / "articles.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for article in articles:
            fh.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path


def build_store(folder: Path, pipeline: Pipeline) -> WebStore:
    """A store of :data:`ARTICLES` plus one input that fails (an empty file)."""
    folder.mkdir(parents=True, exist_ok=True)
    feed = write_articles(folder, ARTICLES)
    empty = folder / "empty.txt"
    empty.write_text("", encoding="utf-8")
    path = folder / "web.db"
    with Store.open(path) as store:
        ingest(store, [feed, empty], settings=Settings(), pipeline=planting(pipeline, STANCES))
        ids = {d["title"]: d["id"] for d in store.documents(limit=None)}
    return WebStore(path, ids)


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> WebStore:
    return build_store(tmp_path_factory.mktemp("web"), pipeline)


@pytest.fixture(scope="session")
def client(web_store: WebStore, pipeline: Pipeline) -> Iterator[TestClient]:
    """The app over the shared test store (read-only: ingest tests use their own)."""
    app = create_app(web_store.path, pipeline=pipeline)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def empty_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The app over a store with nothing in it."""
    app = create_app(tmp_path_factory.mktemp("empty") / "empty.db")
    with TestClient(app) as test_client:
        yield test_client
