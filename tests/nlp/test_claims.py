"""Numeric claims: invented articles through the real pipeline, claims out."""

from __future__ import annotations

from presswatch.models import Document, NumericClaim
from presswatch.pipeline import Pipeline


def claims(pipeline: Pipeline, text: str) -> list[NumericClaim]:
    doc = Document(text=text, path="t.txt", published="2024-03-20")
    found = pipeline.extract_parsed(doc, pipeline.nlp(text)).numeric_claims
    for c in found:
        assert text[c.span.start : c.span.end] == c.span.text
    return found


def test_a_count_in_the_authors_voice(pipeline: Pipeline) -> None:
    [c] = claims(pipeline, "Some 1,500 Russian soldiers guard the depot.")
    assert (c.value, c.unit, c.qualifier, c.approximate) == (1500, "soldiers", "some", True)
    assert c.about == "Russian soldiers"
    assert c.source == "author"


def test_a_figure_in_a_quote_belongs_to_its_speaker(pipeline: Pipeline) -> None:
    text = (
        'Joe Biden said on Monday: "More than 75,000 Russian soldiers have been killed." '
        "The army has 900 tanks."
    )
    quoted, plain = claims(pipeline, text)
    assert quoted.span.text == "More than 75,000 Russian soldiers"
    assert (quoted.value, quoted.qualifier, quoted.approximate) == (75000, "more than", False)
    assert quoted.source == "Joe Biden"
    assert (plain.value, plain.unit, plain.source) == (900, "tanks", "author")


def test_money_has_currency_and_dollars(pipeline: Pipeline) -> None:
    text = "Washington approved a $1 billion defense aid package for Ukraine."
    [c] = claims(pipeline, text)
    assert (c.value, c.unit, c.currency, c.value_usd) == (1e9, "USD", "USD", 1e9)
    assert c.about is not None and "package" in c.about


def test_share_of_something(pipeline: Pipeline) -> None:
    [c] = claims(pipeline, "Over 80 percent of Russian land forces are bogged down.")
    assert (c.value, c.unit, c.qualifier) == (80, "percent", "over")
    assert c.about is not None and "forces" in c.about


def test_dates_are_not_claims_but_durations_are(pipeline: Pipeline) -> None:
    text = (
        "On February 24, 2022 Russia invaded. A year ago the war was still raging. "
        "The war has lasted more than 1,000 days."
    )
    [c] = claims(pipeline, text)
    assert (c.span.text, c.value, c.unit, c.qualifier) == (
        "more than 1,000 days",
        1000,
        "days",
        "more than",
    )


def test_designations_and_years_are_not_claims(pipeline: Pipeline) -> None:
    text = "In 2014 Russia fired S-300 missiles and Hwasong-11 rockets at the G7 summit."
    assert claims(pipeline, text) == []
