"""Full-text search: query building, ranking, snippets and hostile input."""

from __future__ import annotations

import pytest
from store_support import extraction

from presswatch.store import Store, fts5_query


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tanks", '"tanks"'),
        ("Gepard tanks", '"Gepard" "tanks"'),
        ('U.S. "aid', '"U.S." "aid"'),
        ("AND (", '"AND"'),
        ('"new york" times', '"new york" "times"'),
        ('"new yor"*', '"new yor"*'),
        ("ukrain*", '"ukrain"*'),
        ("ukrain**", '"ukrain"*'),
        ("“quoted” words", '"quoted" "words"'),
        ("title:Scholz", '"title:Scholz"'),
        ("NEAR(a b)", '"NEAR(a" "b)"'),
        ("a\x00b", '"a" "b"'),
        ("", None),
        ("   ", None),
        ('"', None),
        ("* ( ) - ^ + :", None),
        ('""', None),
    ],
)
def test_fts5_query(query: str, expected: str | None) -> None:
    assert fts5_query(query) == expected


@pytest.fixture
def corpus(store: Store, run_id: int) -> Store:
    docs = [
        ("Tanks for Ukraine", "Germany will send tanks. Tanks, tanks and more tanks.", "tanks.txt"),
        (
            "Budget talks",
            "The parliament debated the budget; tanks were mentioned once.",
            "budget.txt",
        ),
        ("Weather", "Rain in Kyïv and sun in Lviv. New York had snow.", "weather.txt"),
        ("Diplomacy", "The U.S. sent aid. A new envoy went to York.", "aid.txt"),
        ("Sanctions", "New sanctions were imposed on the sanctioned banks.", "sanctions.txt"),
    ]
    for title, text, path in docs:
        store.save(extraction(text, path, title=title, published="2022-05-01"), run_id=run_id)
    return store


def test_ranking_prefers_title_and_frequent_matches(corpus: Store) -> None:
    hits = corpus.search("tanks")
    assert [h.path for h in hits] == ["tanks.txt", "budget.txt"]
    assert hits[0].score > hits[1].score
    assert hits[0].title == "Tanks for Ukraine"
    assert hits[0].published == "2022-05-01"


def test_snippets_mark_matches(corpus: Store) -> None:
    (hit,) = corpus.search("parliament")
    assert "[parliament]" in hit.snippet
    assert hit.to_dict()["snippet"] == hit.snippet


def test_phrases_prefixes_stems_and_diacritics(corpus: Store) -> None:
    assert [h.path for h in corpus.search('"new york"')] == ["weather.txt"]
    assert {h.path for h in corpus.search("new york")} == {"weather.txt", "aid.txt"}
    assert [h.path for h in corpus.search("sanct*")] == ["sanctions.txt"]
    assert [h.path for h in corpus.search("sanction")] == ["sanctions.txt"]  # porter stems
    assert [h.path for h in corpus.search("kyiv")] == ["weather.txt"]  # diacritics folded
    assert [h.path for h in corpus.search('U.S. "aid')] == ["aid.txt"]


@pytest.mark.parametrize(
    "query",
    [
        'U.S. "aid',
        "AND (",
        "OR",
        "NOT tanks",
        "tanks NOT",
        '"',
        "*",
        "NEAR(tanks",
        "title:tanks",
        "-tanks",
        "^tanks",
        "tanks +",
        '"" ""',
        "\x00",
        "'; DROP TABLE documents; --",
        "{title}: x",
        "(((",
        "tanks)",
        "a" * 5000,
        "ʼ",
        "🚀 tanks",
    ],
)
def test_hostile_queries_do_not_crash(corpus: Store, query: str) -> None:
    hits = corpus.search(query)
    assert isinstance(hits, list)
    assert corpus.stats()["documents"] == 5


def test_empty_query_and_limits(corpus: Store) -> None:
    assert corpus.search("") == []
    assert corpus.search("  ") == []
    assert len(corpus.search("new", limit=1)) == 1
    assert corpus.search("new", limit=0) == []


def test_search_on_an_empty_store(store: Store) -> None:
    assert store.search("anything") == []
