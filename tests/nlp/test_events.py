"""Event extraction: invented sentences in, (date, predicate, actors, status) out."""

from __future__ import annotations

import datetime as dt

import pytest

from presswatch.models import Document, Event, granularity
from presswatch.nlp.events import _shift, _starts_after
from presswatch.pipeline import Pipeline

PUBLISHED = "2024-03-20"  # a Wednesday


def events(pipeline: Pipeline, text: str, published: str | None = PUBLISHED) -> list[Event]:
    doc = Document(text=text, path="t.txt", published=published)
    ex = pipeline.extract_parsed(doc, pipeline.nlp(text))
    for e in ex.events:
        for sp in (e.span, e.trigger, e.date_expression):
            assert sp is None or text[sp.start : sp.end] == sp.text
        if e.trigger != e.span:
            # the trigger is inside its clause, or the clause is a coordinated part
            inside = e.span.start <= e.trigger.start and e.trigger.end <= e.span.end
            assert inside or e.span.start > e.trigger.end
    return ex.events


def dated(evs: list[Event]) -> list[tuple[str | None, str, tuple[str, ...]]]:
    return [(e.date, e.predicate, e.actors) for e in evs if e.date_expression is not None]


# ----------------------------------------------------------------- explicit dates
def test_a_dated_visit_with_two_actors(pipeline: Pipeline) -> None:
    text = "Olaf Scholz and Emmanuel Macron visited Kyiv on March 12th."
    [event] = events(pipeline, text)
    assert event.date == "2024-03-12"
    assert event.granularity == "day"
    assert event.predicate == "visit"
    assert event.actors == ("Olaf Scholz", "Emmanuel Macron")  # Kyiv is the place
    assert event.status == "occurred"
    assert event.date_expression is not None and event.date_expression.text == "March 12th"
    assert event.span.text == text.rstrip(".")


def test_weekday_in_past_tense_is_the_one_before_publication(pipeline: Pipeline) -> None:
    [event] = dated(events(pipeline, "Joe Biden called Vladimir Putin on Friday."))
    assert event == ("2024-03-15", "call", ("Joe Biden", "Vladimir Putin"))


def test_month_and_year_granularity(pipeline: Pipeline) -> None:
    evs = dated(events(pipeline, "Russia invaded Crimea in 2014. Germany sent tanks in January."))
    # the invaded territory takes part; the subject comes first
    assert evs == [("2014", "invade", ("Russia", "Crimea")), ("2024-01", "send", ("Germany",))]
    assert granularity("2014") == "year" and granularity("2024-01") == "month"


def test_phrasal_verb_and_recipient_is_an_actor(pipeline: Pipeline) -> None:
    text = "Russia cut off gas supplies to Poland on April 27th 2022."
    [event] = events(pipeline, text)
    assert (event.date, event.predicate) == ("2022-04-27", "cut off")
    assert event.actors == ("Russia", "Poland")


def test_event_noun_is_the_trigger(pipeline: Pipeline) -> None:
    text = "The ruble recovered after the February invasion."
    evs = [e for e in events(pipeline, text, "2022-08-07") if e.date_expression]
    assert [(e.date, e.predicate, e.span.text) for e in evs] == [
        ("2022-02", "invasion", "the February invasion")
    ]


def test_future_date_is_scheduled(pipeline: Pipeline) -> None:
    [event] = events(pipeline, "NATO leaders will meet in Vilnius next month.")
    assert (event.date, event.status) == ("2024-04", "scheduled")
    [later] = events(pipeline, "Zelensky said the war must end next year.")[-1:]
    assert (later.date, later.status) == ("2025", "scheduled")


def test_a_second_date_on_the_same_verb_is_a_second_event(pipeline: Pipeline) -> None:
    text = (
        "He served as ambassador to Finland from 1998 to 2001 and under secretary of "
        "defense from 2005 to 2009."
    )
    evs = [e for e in events(pipeline, text) if e.date_expression]
    assert [e.date for e in evs] == ["1998/2001", "2005/2009"]
    assert evs[1].span.text == "under secretary of defense from 2005 to 2009"
    assert all(e.granularity == "range" for e in evs)


# ----------------------------------------------------------------- relative anchors
def test_duration_after_dates_the_earlier_event(pipeline: Pipeline) -> None:
    text = "Two radio masts were blown up on April 26th, a day after an attack on a ministry."
    evs = {e.predicate: e for e in events(pipeline, text, "2022-04-30")}
    assert evs["blow up"].date == "2022-04-26"
    attack = evs["attack"]
    assert attack.date == "2022-04-25"
    assert attack.date_expression is not None and attack.date_expression.text == "a day after"
    assert attack.span.text == "an attack on a ministry"


def test_vague_references_give_an_approximate_month(pipeline: Pipeline) -> None:
    [now] = events(pipeline, "Ukrainian forces are now ceding territory.")
    assert (now.date, now.granularity, now.date_approximate) == ("2024-03", "month", True)
    assert now.status == "ongoing"
    # "recently": some two weeks before publication, so early in a month it is the last
    [recent] = events(pipeline, "Richard Moore recently visited Kyiv.", "2022-08-07")
    assert (recent.date, recent.date_approximate) == ("2022-07", True)


def test_hours_ago_is_this_month(pipeline: Pipeline) -> None:
    [event] = events(pipeline, "Zelensky gave a speech a few hours ago.", "2022-03-03")
    assert (event.date, event.date_approximate) == ("2022-03", True)


@pytest.mark.parametrize(
    "text",
    [
        "Go ahead, April.",  # an imperative; "April" is a reporter here
        "2021 should be a turning point for our planet.",  # a state with no one in it
        "This year will be important.",
    ],
)
def test_not_dated_events(pipeline: Pipeline, text: str) -> None:
    assert [e for e in events(pipeline, text) if e.date_expression] == []


def test_vague_now_with_a_state_or_a_modal_is_not_an_event(pipeline: Pipeline) -> None:
    text = "Many experts now see parallels with 1939. Ukraine can now win."
    assert [e for e in events(pipeline, text) if e.date_approximate] == []


# ----------------------------------------------------------------- what is not an event date
def test_since_marks_a_period_not_a_date(pipeline: Pipeline) -> None:
    evs = events(pipeline, "Russia has occupied Crimea since 2014.")
    assert [e for e in evs if e.date_expression is not None] == []


def test_durations_and_datelines_date_nothing(pipeline: Pipeline) -> None:
    text = "March 20th 2024\nThe war has lasted more than 700 days. Germany sent tanks."
    evs = events(pipeline, text)
    assert all(e.date_expression is None for e in evs)
    assert [(e.predicate, e.actors, e.date) for e in evs] == [("send", ("Germany",), None)]


def test_a_date_restated_is_one_event(pipeline: Pipeline) -> None:
    text = "Vadim Shishimarin was sentenced on Monday, May 23."
    assert [e.date for e in events(pipeline, text, "2022-05-25")] == ["2022-05-23"]


def test_negated_date_is_not_the_event_date(pipeline: Pipeline) -> None:
    text = "António Guterres will visit Moscow on April 26th, not April 25th."
    assert [e.date for e in events(pipeline, text, "2022-04-22")] == ["2022-04-26"]


# ----------------------------------------------------------------- undated events
def test_undated_past_event_has_no_date(pipeline: Pipeline) -> None:
    [event] = events(pipeline, "The Kremlin rejected the peace plan.")
    assert (event.predicate, event.actors, event.date) == ("reject", ("Kremlin",), None)
    assert event.date_expression is None and event.status == "occurred"


def test_just_happened_gets_the_publication_date(pipeline: Pipeline) -> None:
    [event] = events(pipeline, "Germany has just announced a new aid package.")
    assert (event.date, event.date_approximate, event.granularity) == (PUBLISHED, True, "day")


def test_headline_present_tense_gets_the_publication_date(pipeline: Pipeline) -> None:
    text = "Biden announces new weapons for Ukraine\nThe package includes missiles."
    [event] = events(pipeline, text)
    assert (event.predicate, event.date) == ("announce", PUBLISHED)


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine could win the war.",  # a modal: not a happening
        "Germany wants to send tanks.",  # an infinitive
        "Weapons held by Russia were destroyed.",  # no named actor as subject
        "He said the weather was fine.",  # no event verb
    ],
)
def test_not_undated_events(pipeline: Pipeline, text: str) -> None:
    assert events(pipeline, text) == []


def test_no_publication_date_means_no_relative_dates(pipeline: Pipeline) -> None:
    evs = events(pipeline, "Joe Biden called Vladimir Putin on Friday.", None)
    assert all(e.date is None or e.date[0].isdigit() for e in evs)


# ----------------------------------------------------------------- helpers
@pytest.mark.parametrize(
    ("value", "unit"),
    [
        ("2024-03-12", "day"),
        ("2024-03-12T10:30", "time"),
        ("2024-03-12TMO", "day"),
        ("2024-W11", "week"),
        ("2024-SP", "season"),
        ("2024-Q1", "quarter"),
        ("198", "decade"),
        ("19", "century"),
        ("1939/1940", "range"),
        ("PRESENT_REF", None),
        ("P3D", None),
        ("XXXX-WXX-2", None),
    ],
)
def test_granularity(value: str, unit: str | None) -> None:
    assert granularity(value) == unit


def test_shift_clamps_to_month_end() -> None:
    assert _shift(dt.date(2024, 3, 31), -1, "M") == dt.date(2024, 2, 29)
    assert _shift(dt.date(2024, 3, 1), -1, "D") == dt.date(2024, 2, 29)
    assert _shift(dt.date(2024, 3, 1), 2, "W") == dt.date(2024, 3, 15)
    assert _shift(dt.date(2024, 2, 29), 1, "Y") == dt.date(2025, 2, 28)


def test_starts_after() -> None:
    day = dt.date(2024, 11, 20)
    assert _starts_after("2025", day)
    assert _starts_after("2024-12", day)
    assert _starts_after("2024-11-21", day)
    assert not _starts_after("2024-11", day)
    assert not _starts_after("2024-11-20", day)
    assert not _starts_after("2024-SP", day)


def test_granularity_of_every_kind_of_calendar_value() -> None:
    values = ("2022-04-24T10:00", "2022-04-24", "2021-W23", "2021-W23-WE", "2024-04", "2022-SU")
    assert [granularity(v) for v in values] == ["time", "day", "week", "week", "month", "season"]
    values = ("2022-Q2", "2022-H1", "2022", "198", "19", "1939/1940")
    assert [granularity(v) for v in values] == [
        "quarter",
        "quarter",
        "year",
        "decade",
        "century",
        "range",
    ]
    assert granularity("PAST_REF") is None and granularity("XXXX-WXX-2") is None
