"""Property tests: any query is safe; any unicode document round-trips."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_support import numbered

from presswatch.models import Document, Entity, Event, Extraction, Mention, Span
from presswatch.store import Store, fts5_query, period_of

# Text as a decoder can produce it: any code point but lone surrogates.
texts = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300)
nonempty = st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1, max_size=300)


@pytest.fixture(scope="module")
def corpus() -> Iterator[Store]:
    with Store.open("sqlite://") as store:
        run = store.start_run("ingest", {})
        for i in range(5):
            store.save(numbered(i), run_id=run)
        yield store


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=80) | st.text(alphabet='"*()-+^:.,NEARORTDab \x00', max_size=30))
def test_any_query_is_safe(corpus: Store, query: str) -> None:
    hits = corpus.search(query)
    assert len(hits) <= 20
    expression = fts5_query(query)
    if expression is None:
        assert hits == []


@settings(max_examples=100, deadline=None)
@given(
    text=nonempty,
    title=st.none() | texts,
    authors=st.lists(texts, max_size=4),
    outlet=st.none() | texts,
    published=st.none() | st.dates().map(str) | texts,
    extra=st.dictionaries(texts, st.none() | st.integers() | texts, max_size=3),
    path=nonempty,
    data=st.data(),
)
def test_documents_round_trip(
    text: str,
    title: str | None,
    authors: list[str],
    outlet: str | None,
    published: str | None,
    extra: dict[str, object],
    path: str,
    data: st.DataObject,
) -> None:
    spans = data.draw(
        st.lists(
            st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(sorted),
            max_size=5,
        )
    )
    mentions = [Mention(Span.of(text, a, b), "PERSON") for a, b in spans]
    doc = Document(
        text=text,
        path=path,
        title=title,
        published=published,
        outlet=outlet,
        authors=authors,
        extra=extra,
    )
    ex = Extraction(doc, [Entity(title or "Somebody", "PERSON", mentions)])
    with Store.open("sqlite://") as store:
        run = store.start_run("ingest", {"path": path})
        assert store.save(ex, run_id=run) is True
        stored = store.document(doc.id)
        assert stored is not None
        assert (stored.text, stored.title, stored.authors, stored.outlet, stored.published) == (
            text,
            title,
            authors,
            outlet,
            published,
        )
        assert stored.path == path and stored.sources == [path]
        assert stored.extra == extra
        assert stored.record == ex.to_dict()
        assert sorted(m[:3] for m in stored.mentions) == sorted(
            (m.span.start, m.span.end, m.span.text) for m in mentions
        )
        by_path = store.document(path)
        assert by_path is not None and by_path.id == doc.id
        assert store.save(ex, run_id=run) is False
        assert store.stats()["documents"] == 1
        store.search(text[:40])
        store.check()


timex_values = st.none() | st.sampled_from(
    ["2022-04-24", "2022-04", "2022", "2022-SP", "2023-WI", "2022-W16", "2020-W53", "2022-Q2",
     "198", "1939/1940", "2022-04-24TMO", "PRESENT_REF", "2022-02-30", "XXXX-04"]
) | texts  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(
    text=nonempty,
    dates=st.lists(timex_values, min_size=1, max_size=4),
    actors=st.lists(st.lists(texts, max_size=3), min_size=4, max_size=4),
    data=st.data(),
)
def test_events_round_trip(
    text: str, dates: list[str | None], actors: list[list[str]], data: st.DataObject
) -> None:
    events = []
    for i, date in enumerate(dates):
        a, b = sorted(data.draw(st.tuples(st.integers(0, len(text)), st.integers(0, len(text)))))
        span = Span.of(text, a, b)
        events.append(
            Event(span, span, "visit", date, None, None, i % 2 == 0, tuple(actors[i]), "occurred")
        )
    ex = Extraction(Document(text=text, path="p", published="2022-04-25"), events=events)
    with Store.open("sqlite://") as store:
        assert store.save(ex, run_id=store.start_run("ingest", {}))
        rows = store.events(dated_only=False)
        assert len(rows) == len(events)
        assert sorted((r["start"], r["end"], r["text"], str(r["date"])) for r in rows) == sorted(
            (e.span.start, e.span.end, e.span.text, str(e.date)) for e in events
        )
        for r in rows:
            period = period_of(r["date"])
            assert (r["date_start"], r["date_end"]) == (
                (period.start, period.end) if period else (None, None)
            )
        dated = [r["date_start"] for r in rows if r["date_start"] is not None]
        assert [r["date_start"] for r in rows[: len(dated)]] == sorted(dated)
        assert len(store.events()) == len(dated)
        for names in actors[: len(events)]:
            for name in filter(None, names):
                found = store.events(actor=name, dated_only=False)
                assert found and all(
                    any(name.casefold() in a.casefold() for a in r["actors"]) for r in found
                )
        store.check()
