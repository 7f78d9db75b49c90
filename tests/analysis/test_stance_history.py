"""Stances over time: authors named, months combined, shifts found with evidence."""

from __future__ import annotations

from typing import Any

from presswatch.analysis.stances import (
    combine,
    holder_name,
    of_holder,
    shifts,
    stance_points,
)


def row(holder: str, prop: str, stance: str, published: str | None, **extra: Any) -> dict[str, Any]:
    return {
        "holder": holder,
        "proposition": prop,
        "stance": stance,
        "published": published,
        "doc_id": f"doc-{holder}-{published}",
        "title": None,
        "outlet": extra.pop("outlet", None),
        "authors": extra.pop("authors", []),
        "start": 0,
        "end": 4,
        "text": f"{stance} text",
        "support": [],
        **extra,
    }


def test_the_author_holder_is_named_by_the_documents_authors_or_outlet() -> None:
    assert holder_name(row("author", "P1", "favor", None, authors=["A B", "C D"])) == "A B, C D"
    assert holder_name(row("author", "P1", "favor", None, outlet="ft.com")) == "ft.com (editorial)"
    assert holder_name(row("author", "P1", "favor", None)) == "author"
    assert holder_name(row("Olaf Scholz", "P1", "favor", None, authors=["X"])) == "Olaf Scholz"


def test_a_change_between_months_is_a_shift_with_evidence_on_both_sides() -> None:
    points = stance_points(
        [
            row("Olaf Scholz", "P2", "favor", "2024-11-15"),
            row("Olaf Scholz", "P2", "against", "2022-04-02"),
            row("Olaf Scholz", "P2", "against", "2022-04-20"),
            row("Olaf Scholz", "P4", "favor", "2022-04-02"),
            row("Olaf Scholz", "P4", "favor", "2023-01-10"),
            row("Olaf Scholz", "P2", "favor", None),  # undated: no part in shifts
        ]
    )
    [shift] = shifts(points)
    assert shift.describe() == "Olaf Scholz: P2 against -> favor between 2022-04 and 2024-11"
    assert [p.published for p in shift.evidence_before] == ["2022-04-02", "2022-04-20"]
    assert [p.published for p in shift.evidence_after] == ["2024-11-15"]
    assert shift.to_dict()["summary"] == shift.describe()


def test_a_month_with_both_sides_is_mixed_and_counts_as_a_stance() -> None:
    points = stance_points(
        [
            row("Kremlin", "P2", "against", "2022-03-01"),
            row("Kremlin", "P2", "favor", "2022-05-01"),
            row("Kremlin", "P2", "against", "2022-05-20"),
        ]
    )
    assert [(s.before, s.after) for s in shifts(points)] == [("against", "mixed")]
    assert combine(["favor", "favor"]) == "favor"
    assert combine(["favor", "against"]) == "mixed"


def test_holders_match_exactly_else_by_part() -> None:
    points = stance_points(
        [
            row("author", "P1", "favor", "2022-01-01", authors=["Marc Champion"]),
            row("Champion League", "P1", "favor", "2022-01-01"),
            row("Joe Biden", "P1", "favor", "2022-01-01"),
        ]
    )
    assert [p.holder for p in of_holder(points, "marc champion")] == ["Marc Champion"]
    assert {p.holder for p in of_holder(points, "champion")} == {"Marc Champion", "Champion League"}
    assert of_holder(points, "nobody") == []
