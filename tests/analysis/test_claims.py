"""Grouping numeric claims about the same quantity, and finding where sources disagree."""

from __future__ import annotations

from typing import Any

import pytest

from presswatch.analysis.claims import (
    ClaimGroup,
    about_words,
    disagreements,
    disagrees,
    group_claims,
    same_quantity,
    similar_about,
)


def claim(
    doc: str,
    value: float,
    unit: str | None = "soldiers",
    about: str | None = "Russian soldiers killed or injured",
    source: str | None = "author",
    *,
    published: str | None = "2022-06-01",
    qualifier: str | None = None,
    currency: str | None = None,
    value_usd: float | None = None,
    text: str = "75,000 Russian soldiers",
    start: int = 0,
) -> dict[str, Any]:
    """A claim row as :meth:`Store.claims` returns it."""
    return {
        "id": hash((doc, start)),
        "doc_id": doc * 8,
        "start": start,
        "end": start + len(text),
        "text": text,
        "value": float(value),
        "unit": unit,
        "qualifier": qualifier,
        "approximate": qualifier in ("about", "some"),
        "about": about,
        "source": source,
        "currency": currency,
        "value_usd": value_usd,
        "published": published,
        "title": f"title {doc}",
        "path": f"{doc}.txt",
        "outlet": None,
    }


def test_about_words_leave_out_stop_words() -> None:
    assert about_words("the Russian soldiers killed or injured") == {
        "russian",
        "soldiers",
        "killed",
        "injured",
    }
    assert about_words(None) == frozenset()


@pytest.mark.parametrize(
    ("a", "b", "similar"),
    [
        ("Russian soldiers killed or injured", "Russian soldiers killed", True),
        ("Russian soldiers killed", "Russian troops killed or wounded", True),  # 2 of 3
        ("Russian soldiers killed", "civilians displaced", False),
        ("Russian soldiers killed", "Ukrainian soldiers killed", False),  # other names
        ("soldiers killed", "Ukrainian soldiers killed", True),  # one names no one
        ("the", "the soldiers", False),  # nothing left to compare
        (None, "soldiers", False),
    ],
)
def test_similar_about(a: str | None, b: str | None, similar: bool) -> None:
    assert similar_about(a, b) is similar
    assert similar_about(b, a) is similar


def test_same_quantity_needs_the_same_unit_or_both_money() -> None:
    a = claim("a", 75000)
    assert same_quantity(a, claim("b", 60000, "Soldiers"))
    assert not same_quantity(a, claim("b", 60000, "percent"))
    assert not same_quantity(a, claim("b", 60000, None))
    aid = claim("a", 1e9, "USD", "military aid to Ukraine", currency="USD")
    assert same_quantity(aid, claim("b", 9e8, "EUR", "military aid for Ukraine", currency="EUR"))
    assert same_quantity(aid, claim("b", 9e8, "GBP", "military aid to Ukraine"))  # a code
    assert not same_quantity(aid, claim("b", 9e8, "tanks", "military aid to Ukraine"))


def test_claims_about_the_same_quantity_are_grouped() -> None:
    rows = [
        claim("a", 75000, source="Ukraine", qualifier="more than", published="2022-06-20"),
        claim("b", 60000, about="Russian soldiers killed", source="Pentagon",
              published="2022-07-15", qualifier="about"),
        claim("c", 5e6, "people", "Ukrainians displaced", source="UNHCR"),
        claim("d", 76000, about="Russian soldiers killed or wounded", source="Ukraine",
              published="2022-06-21"),
        claim("e", 12, "percent", None),
    ]  # fmt: skip
    groups = group_claims(rows)
    assert [(g.about, len(g.claims)) for g in groups] == [
        ("Russian soldiers killed or injured", 3),
        ("Ukrainians displaced", 1),
        (None, 1),
    ]
    losses = groups[0]
    assert [(c["value"], c["source"], c["published"]) for c in losses.claims] == [
        (75000, "Ukraine", "2022-06-20"),
        (76000, "Ukraine", "2022-06-21"),
        (60000, "Pentagon", "2022-07-15"),
    ]
    assert isinstance(losses.claims[0]["value"], int)
    assert losses.claims[0] == {
        "value": 75000,
        "unit": "soldiers",
        "qualifier": "more than",
        "approximate": False,
        "about": "Russian soldiers killed or injured",
        "source": "Ukraine",
        "currency": None,
        "value_usd": None,
        "published": "2022-06-20",
        "doc_id": "a" * 8,
        "title": "title a",
        "path": "a.txt",
        "start": 0,
        "end": 23,
        "text": "75,000 Russian soldiers",
    }
    assert losses.sources == ["Ukraine", "Pentagon"]
    assert losses.documents == ["a" * 8, "d" * 8, "b" * 8]
    assert losses.spread == pytest.approx(16000 / 76000)
    as_dict = losses.to_dict()
    assert as_dict["documents"] == 3 and as_dict["sources"] == ["Ukraine", "Pentagon"]
    assert len(as_dict["claims"]) == 3
    assert group_claims([]) == []


def test_a_claim_joins_a_group_only_when_like_every_claim_in_it() -> None:
    rows = [
        claim("a", 1, about="Russian soldiers killed"),
        claim("b", 1, about="soldiers killed or wounded"),  # like a
        claim("c", 1, about="Ukrainian soldiers wounded"),  # like b, not like a
    ]
    assert [len(g.claims) for g in group_claims(rows)] == [2, 1]


def test_disagreements() -> None:
    rows = [
        # the same figure from two outlets on the author's word: agreement
        claim("a", 100, "tanks", "tanks sent by Poland"),
        claim("b", 102, "tanks", "tanks sent by Poland"),
        # two figures more than 5% apart
        claim("c", 75000),
        claim("d", 60000),
        # the same figure on two sources' word
        claim("e", 5e6, "people", "Ukrainians displaced", "UNHCR"),
        claim("f", 5e6, "people", "Ukrainians displaced", "Ukraine"),
        # one document saying it twice, differently: not a disagreement between documents
        claim("g", 10, "drones", "drones shot down", "Ukraine"),
        claim("g", 12, "drones", "drones shot down", "Kyiv", start=40),
    ]
    groups = group_claims(rows)
    found = disagreements(groups)
    assert [g.about for g in found] == [
        "Russian soldiers killed or injured",
        "Ukrainians displaced",
    ]
    assert [disagrees(g) for g in groups] == [False, True, True, False]
    assert disagrees(groups[0], tolerance=0.01)


def test_money_is_compared_in_dollars_when_converted() -> None:
    def aid(doc: str, value: float, currency: str, usd: float | None) -> dict[str, Any]:
        return claim(doc, value, currency, "military aid to Ukraine", currency=currency,
                     value_usd=usd)  # fmt: skip

    same = group_claims([aid("a", 1e9, "EUR", 1.05e9), aid("b", 1.05e9, "USD", 1.05e9)])
    assert len(same) == 1 and same[0].spread == 0
    assert disagreements(same) == []
    unconverted = group_claims([aid("a", 1e9, "EUR", None), aid("b", 1e9, "GBP", None)])
    assert len(unconverted) == 1 and unconverted[0].spread is None
    assert disagreements(unconverted) == unconverted  # cannot tell: shown


def test_a_group_of_one_document_never_disagrees() -> None:
    group = ClaimGroup("x", "tanks", [claim("a", 1), claim("a", 100, start=30)])
    assert not disagrees(group)
