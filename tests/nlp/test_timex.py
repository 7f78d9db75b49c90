"""Temporal expressions: text and publication date in, (text, type, value) out."""

from __future__ import annotations

import pytest

from presswatch.nlp.timex import extract_timexes

WEDNESDAY = "2024-11-20"


def found(text: str, published: str | None = WEDNESDAY) -> list[tuple[str, str, str]]:
    out = []
    for t in extract_timexes(text, published):
        assert text[t.span.start : t.span.end] == t.span.text
        out.append((t.span.text, t.type, t.value))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He spoke on Friday.", [("Friday", "DATE", "2024-11-15")]),
        ("Ukraine fired one early Tuesday.", [("Tuesday", "DATE", "2024-11-19")]),
        ("The summit is next Monday.", [("next Monday", "DATE", "2024-11-25")]),
        ("They met on April 24th.", [("April 24th", "DATE", "2024-04-24")]),
        ("Talks resume on December 2.", [("December 2", "DATE", "2024-12-02")]),
        ("It began on Feb. 24, 2022.", [("Feb. 24, 2022", "DATE", "2022-02-24")]),
        ("In April the army advanced.", [("April", "DATE", "2024-04")]),
        ("Since spring 2022 the front moved.", [("spring 2022", "DATE", "2022-SP")]),
        ("Last year was hard.", [("Last year", "DATE", "2023")]),
        ("The war must end next year.", [("next year", "DATE", "2025")]),
        ("Prices rose last month.", [("last month", "DATE", "2024-10")]),
        ("It happened two years ago.", [("two years ago", "DATE", "2022")]),
        ("after more than 1,000 days of war", [("more than 1,000 days", "DURATION", "P1000D")]),
        ("a two-week pause", [("two-week", "DURATION", "P2W")]),
        ("They are now in talks.", [("now", "DATE", "PRESENT_REF")]),
        ("He recently said so.", [("recently", "DATE", "PAST_REF")]),
        ("Profit fell in the third quarter.", [("the third quarter", "DATE", "2024-Q3")]),
        ("Russia seized Crimea in 2014.", [("2014", "DATE", "2014")]),
        ("Yesterday the shelling stopped.", [("Yesterday", "DATE", "2024-11-19")]),
        (
            "The talks start at 10 p.m. Thursday.",
            [("10 p.m. Thursday", "TIME", "2024-11-14T22:00")],
        ),
        ("Inspectors visit weekly.", [("weekly", "SET", "P1W")]),
        ("She served from 2019 to 2021.", [("from 2019 to 2021", "DATE", "2019/2021")]),
        ("the winter war of 1939-40", [("1939-40", "DATE", "1939/1940")]),
    ],
)
def test_expressions_and_values(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(text) == expected


def test_a_year_earlier_in_quarterly_results_is_that_quarter() -> None:
    text = "Third-quarter profit rose 5% from a year earlier."
    assert ("a year earlier", "DATE", "2023-Q3") in found(text, "2024-10-26")


def test_no_anchor_leaves_the_calendar_open() -> None:
    assert found("He spoke on Friday.", None) == [("Friday", "DATE", "XXXX-XX-XX")]


@pytest.mark.parametrize(
    "text",
    [
        "He may visit Kyiv.",  # May the verb
        "They will march on the capital.",
        "The 2,014 soldiers and 1999 votes.",
        "Prices fall in many markets.",
        "He sold 1990 shares.",
    ],
)
def test_not_timexes(text: str) -> None:
    assert [t for t in found(text) if t[2] not in ("PRESENT_REF", "PAST_REF")] == []
