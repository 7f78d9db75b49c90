"""Quantities: invented sentences in, (figure, value, unit, qualifier) out."""

from __future__ import annotations

import pytest

from presswatch.nlp.quantities import Quantity, find_quantities, to_usd


def quantities(text: str) -> list[Quantity]:
    found = find_quantities(text)
    for q in found:
        for sp in (q.span, q.number):
            assert text[sp.start : sp.end] == sp.text
        assert q.span.start <= q.number.start and q.number.end <= q.span.end
    return found


def one(text: str) -> Quantity:
    [q] = quantities(text)
    return q


@pytest.mark.parametrize(
    ("text", "span", "value", "unit", "qualifier", "approximate"),
    [
        (
            "More than 75,000 Russian soldiers died.",
            "More than 75,000 Russian soldiers",
            75000,
            "soldiers",
            "more than",
            False,
        ),
        ("They bought some 40 trucks.", "some 40 trucks", 40, "trucks", "some", True),
        (
            "It sent 12 Dutch armoured howitzers.",
            "12 Dutch armoured howitzers",
            12,
            "howitzers",
            None,
            False,
        ),
        ("Over 80 percent of voters agreed.", "Over 80 percent", 80, "percent", "over", False),
        ("Turnout was 64.5% in May.", "64.5%", 64.5, "percent", None, False),
        ("The range is 900 km and the load about 240 kg.", "900 km", 900, "km", None, False),
        ("A 30-mile convoy stalled.", "30-mile", 30, "miles", None, False),
        (
            "Roughly half of all voters stayed home.",
            "Roughly half of all voters",
            50,
            "percent",
            "roughly",
            True,
        ),
        ("A third of the budget went on defence.", "A third", 33.333, "percent", None, False),
        ("Nearly two dozen ships sank.", "Nearly two dozen ships", 24, "ships", "nearly", True),
        ("He waited for two years.", "two years", 2, "years", None, False),
        ("The ban lasts a decade.", "a decade", 10, "years", None, False),
        ("The war has gone on for two decades.", "two decades", 20, "years", None, False),
        ("Three weeks passed.", "Three weeks", 3, "weeks", None, False),
        ("She saw a dozen drones.", "a dozen drones", 12, "drones", None, False),
        ("Fifty-five people were rescued.", "Fifty-five people", 55, "people", None, False),
        ("There is only one answer to that.", "one answer", 1, "answers", None, False),
        (
            "They fired one of those new missiles.",
            "one of those new missiles",
            1,
            "missiles",
            None,
            False,
        ),
        ("At least 18 people died.", "At least 18 people", 18, "people", "at least", False),
        ("Up to 300 tanks may follow.", "Up to 300 tanks", 300, "tanks", "up to", False),
        (
            "An estimated 2 million people fled.",
            "An estimated 2 million people",
            2e6,
            "people",
            "an estimated",
            True,
        ),
    ],
)
def test_counts_measures_and_hedges(
    text: str,
    span: str,
    value: float,
    unit: str | None,
    qualifier: str | None,
    approximate: bool,
) -> None:
    q = quantities(text)[0]
    assert q.span.text == span
    assert q.value == pytest.approx(value, rel=1e-3)
    assert q.unit == unit
    assert q.qualifier == qualifier
    assert q.approximate is approximate


@pytest.mark.parametrize(
    ("text", "number", "value", "currency"),
    [
        ("Congress passed a $1 billion aid package.", "$1 billion", 1e9, "USD"),
        ("The EU pledged €2.5bn more.", "€2.5bn", 2.5e9, "EUR"),
        ("Britain gave £1.3bn in loans.", "£1.3bn", 1.3e9, "GBP"),
        ("It costs $800m a year.", "$800m", 8e8, "USD"),
        ("A loan of 5 billion dollars was agreed.", "5 billion dollars", 5e9, "USD"),
        ("The fine was 200 million euros.", "200 million euros", 2e8, "EUR"),
        ("Pensions rose to ₴3,000 a month.", "₴3,000", 3000, "UAH"),
        ("They paid 40,000 hryvnias.", "40,000 hryvnias", 40000, "UAH"),
        ("The budget is USD 1.2 trillion.", "USD 1.2 trillion", 1.2e12, "USD"),
    ],
)
def test_money(text: str, number: str, value: float, currency: str) -> None:
    q = quantities(text)[0]
    assert q.number.text == number
    assert q.value == pytest.approx(value)
    assert q.currency == currency and q.unit == currency


@pytest.mark.parametrize(
    ("text", "span", "value", "qualifier"),
    [
        ("Untold thousands have been killed.", "Untold thousands", 1000, "untold thousands"),
        ("And millions have been displaced.", "millions", 1e6, "millions"),
        (
            "It cost hundreds of thousands of lives.",
            "hundreds of thousands of lives",
            1e5,
            "hundreds of thousands",
        ),
        (
            "Tens of thousands of people marched.",
            "Tens of thousands of people",
            1e4,
            "tens of thousands",
        ),
    ],
)
def test_vague_magnitudes(text: str, span: str, value: float, qualifier: str) -> None:
    q = one(text)
    assert (q.span.text, q.value, q.qualifier, q.approximate) == (span, value, qualifier, True)
    assert q.kind == "vague"


def test_a_vote_tally_gives_two_counts_of_the_same_unit() -> None:
    a, b = quantities("The House passed the bill by 417 votes to 8.")
    assert (a.span.text, a.value, a.unit) == ("417 votes", 417, "votes")
    assert (b.span.text, b.value, b.unit) == ("8", 8, "votes")


@pytest.mark.parametrize(
    "text",
    [
        "Russia annexed Crimea in 2014.",
        "The Winter War of 1939-40 was short.",
        "In the 1990s the economy shrank.",
        "The attack came on April 24th.",
        "He arrived on 24 February and left on February 26.",
        "Talks resumed on Sept. 21 in Geneva.",
        "The meeting starts at 10:30 and ends at 5 pm.",
        "He was the first to speak; she came 3rd.",
        "North Korea sent Hwasong-11 missiles and Ukraine wants F-16 jets.",
        "It uses M777 howitzers and S-300 systems.",
        "Germany delivered Leopard 2 tanks to the G7 summit.",
        "COVID-19 spread quickly.",
        "Article 5 applies, as section 12 says.",
        "Call +44 20 7946 0958 now.",
        "1. Read the text.",
        "They fired 155mm shells.",
        "The two leaders met the three others.",
        "No one came and one of the most important reasons is cost.",
        "He was half right.",
        "Natalia Katysheva, 47, a chemist, spoke.",
        "The twenty-first century began.",
    ],
)
def test_not_quantities(text: str) -> None:
    assert quantities(text) == []


def test_text_order_and_speed_independent_of_context() -> None:
    text = "Some 1,500 troops and 50 vehicles crossed; 2 bridges fell. " * 200
    found = quantities(text)
    assert len(found) == 600
    assert [q.value for q in found[:3]] == [1500, 50, 2]
    assert found == sorted(found, key=lambda q: q.span.start)


def test_to_usd() -> None:
    assert to_usd(5.0, "USD", {}) == 5.0
    assert to_usd(10.0, "EUR", {"EUR": 1.1}) == pytest.approx(11.0)
    assert to_usd(10.0, "UAH", {"EUR": 1.1}) is None
    assert to_usd(10.0, None, {}) is None


def test_a_fraction_of_a_scale_in_currency_words_is_one_amount() -> None:
    [q] = find_quantities("over half a billion dollars in aid")
    assert (q.span.text, q.value, q.currency, q.qualifier) == (
        "over half a billion dollars",
        500_000_000,
        "USD",
        "over",
    )
