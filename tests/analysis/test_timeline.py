"""Merging the same event reported by several documents into one timeline entry."""

from __future__ import annotations

from typing import Any

import pytest

from presswatch.analysis.timeline import (
    TimelineEntry,
    build_timeline,
    content_words,
    same_event,
    similar_wording,
)
from presswatch.models import Document, Event, Extraction, Span
from presswatch.store import Store, period_of


def row(
    doc: str,
    published: str | None,
    text: str,
    predicate: str,
    date: str | None,
    actors: tuple[str, ...] = (),
    *,
    approximate: bool = False,
    expression: str | None = None,
    granularity: str | None = None,
    start: int = 0,
) -> dict[str, Any]:
    """An event row as :meth:`Store.events` returns it."""
    period = period_of(date)
    return {
        "id": hash((doc, start)),
        "doc_id": doc * 8,
        "start": start,
        "end": start + len(text),
        "text": text,
        "trigger_start": start,
        "trigger_end": start + 1,
        "predicate": predicate,
        "date": date,
        "granularity": granularity or {10: "day", 7: "month", 4: "year"}.get(len(date or "")),
        "date_start": period.start if period else None,
        "date_end": period.end if period else None,
        "date_expression": expression,
        "date_expression_start": None,
        "date_expression_end": None,
        "date_approximate": approximate,
        "actors": list(actors),
        "status": "occurred",
        "published": published,
        "title": f"title {doc}",
        "path": f"{doc}.txt",
        "outlet": None,
    }


AUSTIN = ("Lloyd Austin",)


def summary(entries: list[TimelineEntry]) -> list[tuple[str | None, str, int]]:
    return [(e.date, e.predicate, len(e.sources)) for e in entries]


# -- the pieces -----------------------------------------------------------------------------


def test_content_words_leave_out_stop_words_and_the_date_expression() -> None:
    assert content_words("Lloyd Austin visited Kyiv on Sunday", "on Sunday") == {
        "lloyd",
        "austin",
        "visited",
        "kyiv",
    }
    assert content_words("It was said that he had") == set()


def test_similar_wording() -> None:
    a = content_words("Lloyd Austin arrived in Kyiv for talks with Volodymyr Zelensky")
    b = content_words("Lloyd Austin visited Kyiv for talks with Zelensky")
    assert similar_wording(a, b)
    assert not similar_wording(a, content_words("Lloyd Austin left Poland after the summit"))
    # short spans must be identical
    assert similar_wording({"austin", "visited"}, {"visited", "austin"})
    assert not similar_wording({"austin", "visited"}, {"austin", "left"})
    assert not similar_wording(set(), set())


def test_same_event_rules() -> None:
    visit = row("a", "2022-04-25", "Lloyd Austin visited Kyiv", "visit", "2022-04-24", AUSTIN)
    # equal dates, shared actor, same predicate
    assert same_event(visit, row("b", "2022-04-26", "Austin's trip", "visit", "2022-04-24", AUSTIN))
    # or equal dates, shared actor, overlapping wording with another predicate
    # (actor names are left out of the wording: "visited Kyiv" is not "travelled to Kyiv")
    assert not same_event(
        visit, row("b", None, "Lloyd Austin travelled to Kyiv", "travel", "2022-04-24", AUSTIN)
    )
    assert not same_event(
        visit, row("b", None, "Lloyd Austin criticised Kyiv", "criticise", "2022-04-24", AUSTIN)
    )
    assert same_event(
        row(
            "a",
            None,
            "Lloyd Austin arrived in Kyiv for talks with Zelensky",
            "arrive",
            "2022-04-24",
            AUSTIN,
        ),
        row(
            "b",
            None,
            "Lloyd Austin visited Kyiv for talks with Zelensky",
            "visit",
            "2022-04-24",
            AUSTIN,
        ),
    )
    # a time of the day is the same day
    assert same_event(visit, row("b", None, "Austin came", "visit", "2022-04-24T10:00", AUSTIN))
    # another day, another actor, no actor on one side: different events
    assert not same_event(visit, row("b", None, "Austin visit", "visit", "2022-04-23", AUSTIN))
    assert not same_event(
        visit, row("b", None, "Lloyd Austin visited Kyiv", "visit", "2022-04-24", ("Blinken",))
    )
    assert not same_event(visit, row("b", None, "Lloyd Austin visited Kyiv", "visit", "2022-04-24"))
    # actor names compare case-insensitively
    assert same_event(visit, row("b", None, "visit", "visit", "2022-04-24", ("lloyd austin",)))
    # both without actors: the predicate and the words must agree ("be", "go" in a
    # year say nothing on their own)
    assert same_event(
        row("a", None, "The war began", "begin", "2022-02-24"),
        row("b", None, "the war began on Feb. 24", "begin", "2022-02-24", expression="Feb. 24"),
    )
    assert not same_event(
        row("a", None, "The war began", "begin", "2022-02-24"),
        row("b", None, "the invasion began", "begin", "2022-02-24"),
    )


def test_a_day_merges_into_its_month_or_week_only_with_predicate_and_actor() -> None:
    day = row("a", None, "Lloyd Austin visited Kyiv", "visit", "2022-04-24", AUSTIN)
    month = row("b", None, "Austin went to Kyiv in April", "visit", "2022-04", AUSTIN)
    week = row("b", None, "Austin visit", "visit", "2022-W16", AUSTIN)
    assert same_event(day, month) and same_event(month, day) and same_event(day, week)
    # same wording is not enough across granularities
    assert not same_event(
        day, row("b", None, "Lloyd Austin visited Kyiv", "travel", "2022-04", AUSTIN)
    )
    # nor are both actor lists empty
    assert not same_event(
        row("a", None, "Talks began", "begin", "2022-04-24"),
        row("b", None, "Talks began", "begin", "2022-04"),
    )
    # a month is never merged into its year, nor a day into another month
    assert not same_event(month, row("b", None, "Austin visit", "visit", "2022", AUSTIN))
    assert not same_event(day, row("b", None, "Austin visit", "visit", "2022", AUSTIN))
    assert not same_event(day, row("b", None, "Austin visit", "visit", "2022-05", AUSTIN))
    assert not same_event(day, row("b", None, "Austin visit", "visit", "2022-SP", AUSTIN))


def test_approximate_dates_need_predicate_and_actor() -> None:
    read = row("a", None, "Lloyd Austin visited Kyiv", "visit", "2022-04-24", AUSTIN)
    guessed = row(
        "b", None, "Lloyd Austin visited Kyiv", "travel", "2022-04-24", AUSTIN, approximate=True
    )
    assert not same_event(read, guessed)
    assert same_event(read, {**guessed, "predicate": "visit"})


def test_undated_reports_merge_only_on_predicate_and_wording() -> None:
    a = row("a", None, "Germany will send more Gepard tanks to Ukraine", "send", None, ("Germany",))
    b = row(
        "b", None, "Germany will send further Gepard tanks to Ukraine", "send", None, ("Germany",)
    )
    assert same_event(a, b)
    assert not same_event(a, {**b, "predicate": "deliver"})
    assert not same_event(a, {**b, "text": "Germany will send troops"})
    # undated never merges with dated; a value that names no period is undated
    assert not same_event(
        a, {**b, "date": "2022-04", "date_start": "2022-04-01", "date_end": "2022-04-30"}
    )
    assert same_event(a, {**b, "date": "PRESENT_REF"})


# -- building the timeline ------------------------------------------------------------------


def test_the_same_event_from_two_documents_is_one_entry_with_both_sources() -> None:
    rows = [
        row(
            "a",
            "2022-04-25",
            "Lloyd Austin visited Kyiv on Sunday",
            "visit",
            "2022-04-24",
            ("Lloyd Austin", "Kyiv"),
            expression="on Sunday",
            start=10,
        ),
        row(
            "b",
            "2022-04-26",
            "Austin and Blinken's visit to Kyiv",
            "visit",
            "2022-04-24",
            ("Antony Blinken", "Lloyd Austin", "Kyiv"),
            expression=None,
            start=3,
        ),
    ]
    [entry] = build_timeline(rows)
    assert (entry.date, entry.granularity, entry.predicate) == ("2022-04-24", "day", "visit")
    assert entry.date_start == entry.date_end == "2022-04-24"
    assert entry.actors == ["Lloyd Austin", "Kyiv", "Antony Blinken"]  # most often named first
    assert entry.text == "Lloyd Austin visited Kyiv on Sunday"  # a tie: the first
    assert entry.first_published == "2022-04-25"
    assert entry.documents == ["a" * 8, "b" * 8]
    assert entry.sources == [
        {
            "doc_id": "a" * 8,
            "published": "2022-04-25",
            "title": "title a",
            "path": "a.txt",
            "outlet": None,
            "start": 10,
            "end": 45,
            "text": "Lloyd Austin visited Kyiv on Sunday",
            "date": "2022-04-24",
            "date_expression": "on Sunday",
        },
        {
            "doc_id": "b" * 8,
            "published": "2022-04-26",
            "title": "title b",
            "path": "b.txt",
            "outlet": None,
            "start": 3,
            "end": 37,
            "text": "Austin and Blinken's visit to Kyiv",
            "date": "2022-04-24",
            "date_expression": None,
        },
    ]
    assert entry.to_dict() == {
        "date": "2022-04-24",
        "granularity": "day",
        "date_start": "2022-04-24",
        "date_end": "2022-04-24",
        "date_approximate": False,
        "predicate": "visit",
        "actors": ["Lloyd Austin", "Kyiv", "Antony Blinken"],
        "text": "Lloyd Austin visited Kyiv on Sunday",
        "status": "occurred",
        "first_published": "2022-04-25",
        "sources": entry.sources,
    }


def test_different_actors_or_dates_stay_apart() -> None:
    rows = [
        row("a", "2022-04-25", "Lloyd Austin visited Kyiv", "visit", "2022-04-24", AUSTIN),
        row("b", "2022-04-25", "Olaf Scholz visited Kyiv", "visit", "2022-04-24", ("Olaf Scholz",)),
        row("c", "2022-06-11", "Lloyd Austin visited Kyiv", "visit", "2022-06-10", AUSTIN),
        row("d", "2022-04-25", "Kyiv was visited", "visit", "2022-04-24"),
    ]
    entries = build_timeline(rows)
    assert [(e.date, e.actors) for e in entries] == [
        ("2022-04-24", ["Lloyd Austin"]),
        ("2022-04-24", ["Olaf Scholz"]),
        ("2022-04-24", []),
        ("2022-06-10", ["Lloyd Austin"]),
    ]


def test_entries_are_in_date_order_and_take_the_most_precise_date() -> None:
    rows = [
        row("z", "2023-01-02", "Russia invaded Ukraine", "invade", "2022", ("Russia",)),
        row("a", "2022-05-01", "Germany pledged tanks in April", "pledge", "2022-04", ("Germany",)),
        row(
            "b", "2022-04-27", "Germany pledged Gepard tanks", "pledge", "2022-04-26", ("Germany",)
        ),
        row("c", "2022-03-01", "Russia invaded Ukraine", "invade", "2022-02-24", ("Russia",)),
        row(
            "d",
            "2022-06-30",
            "NATO summit",
            "summit",
            "2022-06-28T09:00",
            ("NATO",),
            granularity="time",
        ),
    ]
    entries = build_timeline(rows)
    assert summary(entries) == [
        ("2022", "invade", 1),  # a year starts on 1 January: first
        ("2022-02-24", "invade", 1),  # a day never merges into a year
        ("2022-04-26", "pledge", 2),  # the month report joins the day's entry
        ("2022-06-28T09:00", "summit", 1),
    ]
    pledge = entries[2]
    assert pledge.granularity == "day" and (pledge.date_start, pledge.date_end) == (
        "2022-04-26",
        "2022-04-26",
    )
    assert [s["date"] for s in pledge.sources] == ["2022-04-26", "2022-04"]  # by publication
    assert pledge.first_published == "2022-04-27"


def test_a_month_does_not_chain_two_different_days() -> None:
    rows = [
        row("a", None, "Austin visited Kyiv in April", "visit", "2022-04", AUSTIN),
        row("b", None, "Austin visited Kyiv", "visit", "2022-04-02", AUSTIN),
        row("c", None, "Austin visited Kyiv", "visit", "2022-04-26", AUSTIN),
    ]
    assert summary(build_timeline(rows)) == [("2022-04-02", "visit", 2), ("2022-04-26", "visit", 1)]


def test_a_read_date_wins_over_an_inferred_one() -> None:
    rows = [
        row(
            "a", "2022-04-24", "Austin is in Kyiv", "visit", "2022-04-24", AUSTIN, approximate=True
        ),
        row(
            "b",
            "2022-04-30",
            "Austin visited Kyiv on Sunday",
            "visit",
            "2022-04-24",
            AUSTIN,
            expression="on Sunday",
        ),
    ]
    [entry] = build_timeline(rows)
    assert entry.date_approximate is False
    [alone] = build_timeline(rows[:1])
    assert alone.date_approximate is True


def test_undated_entries_come_last() -> None:
    rows = [
        row("a", "2022-01-01", "Talks will follow soon", "follow", None),
        row("b", "2022-01-02", "Talks will follow soon", "follow", "PRESENT_REF"),
        row("c", "2022-01-03", "The war began", "begin", "2022-02-24"),
    ]
    entries = build_timeline(rows)
    assert summary(entries) == [("2022-02-24", "begin", 1), (None, "follow", 2)]
    assert entries[1].date_start is None and entries[1].granularity is None
    assert entries[1].to_dict()["date"] is None


def test_most_common_text_and_rows_without_periods() -> None:
    text = "Germany pledged Gepard tanks"
    rows = [
        {
            **row("a", None, "Berlin pledges Gepards", "pledge", "2022-04-26", ("Germany",)),
            "date_start": None,
            "date_end": None,
        },
        row("b", None, text, "pledge", "2022-04-26", ("Germany",)),
        row("c", None, text, "pledge", "2022-04-26", ("Germany",)),
    ]
    [entry] = build_timeline(rows)
    assert entry.text == text and entry.date_start == "2022-04-26"  # computed from the date


def test_nothing_in_nothing_out() -> None:
    assert build_timeline([]) == []


@pytest.mark.parametrize("n", [1, 50])
def test_many_reports_of_one_event(n: int) -> None:
    rows = [
        row(
            f"{i:03d}",
            f"2022-05-{i % 28 + 1:02d}",
            "Russia invaded Ukraine",
            "invade",
            "2022-02-24",
            ("Russia", "Ukraine"),
        )
        for i in range(n)
    ]
    [entry] = build_timeline(rows)
    assert len(entry.sources) == n and entry.first_published == "2022-05-01"


def test_from_the_store() -> None:
    """Rows as the store returns them build the same timeline."""
    texts = [
        "Lloyd Austin visited Kyiv on Sunday, the Pentagon said.",
        "On April 24, Lloyd Austin visited Kyiv with Antony Blinken.",
    ]
    with Store.open("sqlite://") as store:
        run = store.start_run("ingest", {})
        for i, text in enumerate(texts):
            start = text.index("Lloyd")
            span = Span.of(text, start, text.index("Kyiv") + 4)
            ex = Extraction(Document(text, f"{i}.txt", published=f"2022-04-2{5 + i}"))
            ex.events.append(
                Event(
                    span,
                    Span.of(text, start + 13, start + 20),
                    "visit",
                    "2022-04-24",
                    "day",
                    None,
                    False,
                    ("Lloyd Austin", "Kyiv"),
                    "occurred",
                )
            )
            store.save(ex, run_id=run)
        [entry] = build_timeline(store.events())
    assert entry.text == "Lloyd Austin visited Kyiv"
    assert [s["path"] for s in entry.sources] == ["0.txt", "1.txt"]


def test_a_week_across_two_months_takes_in_its_days() -> None:
    rows = [
        row("a", None, "Austin visited Kyiv", "visit", "2022-05-01", AUSTIN),  # a Sunday
        row("b", None, "Austin visited Kyiv that week", "visit", "2022-W17", AUSTIN),
        row("c", None, "Austin visited Kyiv", "visit", "2022-05-02", AUSTIN),  # the next week
    ]
    assert summary(build_timeline(rows)) == [("2022-05-01", "visit", 2), ("2022-05-02", "visit", 1)]


def test_sharing_only_a_bystander_is_not_the_same_event() -> None:
    a = row(
        "a",
        "2022-01-31",
        "Linda Thomas-Greenfield said Russia must stop",
        "say",
        "2022-01-25",
        ("Linda Thomas-Greenfield", "Russia"),
    )
    b = row(
        "b",
        "2022-02-25",
        "a woman in Moscow said Russia was wrong",
        "say",
        "2022-01-25",
        ("Moscow woman", "Russia"),
    )
    assert not same_event(a, b)
    # the lead actor of one among the other's actors: the same annexation
    c = row(
        "c", "2022-02-20", "Russia annexed Crimea in 2014", "annex", "2014", ("Russia", "Crimea")
    )
    d = row(
        "d",
        "2022-02-24",
        "Crimea was annexed by Russia in 2014",
        "annex",
        "2014",
        ("Crimea", "Russia"),
    )
    assert same_event(c, d)
