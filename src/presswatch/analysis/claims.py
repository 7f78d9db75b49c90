"""Comparing numeric claims: who puts what number on the same quantity.

:func:`group_claims` takes claim rows (:meth:`presswatch.store.Store.claims`) and
gathers those that measure the same quantity into a :class:`ClaimGroup`. Two claims
measure the same quantity (:func:`same_quantity`) when

- their **units** are the same (case-insensitive), or both are money (a currency is
  set, or the unit is an ISO 4217 code such as ``USD``);
- what they are **about** overlaps: at least half of the content words (stop words
  left out) of the shorter ``about`` phrase appear in the other; and the capitalised
  words (``Russian``, ``Ukrainian``) of the two, when both have some, share at least
  one, so that "Russian soldiers killed" and "Ukrainian soldiers killed" stay apart.
  Claims with no ``about`` are compared with nothing.

A claim joins a group only when it measures the same quantity as every claim already
in it. :func:`disagreements` keeps the groups worth a second look: claims from more
than one document that differ by more than 5% or rest on different sources.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from presswatch.analysis.timeline import STOPWORDS

#: Share of the shorter ``about`` phrase's content words that the other must contain.
ABOUT_THRESHOLD = 0.5
#: How far apart (relative to the larger) values may be and still agree.
VALUE_TOLERANCE = 0.05

_WORD = re.compile(r"\w+")
_CODE = re.compile(r"[A-Z]{3}")


def about_words(about: str | None) -> frozenset[str]:
    """The lower-cased content words of an ``about`` phrase (stop words left out)."""
    return frozenset(w.lower() for w in _WORD.findall(about or "")) - STOPWORDS


def _names(about: str | None) -> frozenset[str]:
    """The capitalised content words of an ``about`` phrase, lower-cased."""
    return frozenset(w.lower() for w in _WORD.findall(about or "") if w[:1].isupper()) - STOPWORDS


def similar_about(a: str | None, b: str | None, threshold: float = ABOUT_THRESHOLD) -> bool:
    """Do two ``about`` phrases name the same quantity? See the module."""
    wa, wb = about_words(a), about_words(b)
    if not wa or not wb:
        return False
    if len(wa & wb) < threshold * min(len(wa), len(wb)):
        return False
    na, nb = _names(a), _names(b)
    return not (na and nb and not na & nb)


def _money(row: Mapping[str, Any]) -> str | None:
    """The currency of a money claim, ``None`` for another."""
    currency = row.get("currency")
    if currency:
        return str(currency).upper()
    unit = row.get("unit")
    return unit if isinstance(unit, str) and _CODE.fullmatch(unit) else None


def _unit(row: Mapping[str, Any]) -> str | None:
    unit = row.get("unit")
    text = str(unit).strip().casefold() if unit is not None else ""
    return text or None


def same_quantity(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Do two claim rows (:meth:`Store.claims`) measure the same quantity?"""
    money_a, money_b = _money(a), _money(b)
    if money_a or money_b:
        if not (money_a and money_b):
            return False
    elif _unit(a) != _unit(b):
        return False
    return similar_about(a.get("about"), b.get("about"))


def _comparable(row: Mapping[str, Any]) -> tuple[str | None, float | None]:
    """What a claim's value is compared as: ``("USD", value_usd)`` for converted money,
    ``(currency, value)`` for other money, ``(None, value)`` for the rest."""
    usd = row.get("value_usd")
    if usd is not None:
        return "USD", float(usd)
    value = row.get("value")
    return _money(row), None if value is None else float(value)


@dataclass(slots=True)
class ClaimGroup:
    """Claims that measure the same quantity, in publication order.

    ``about`` and ``unit`` are those of the first claim. Each claim is a dict: ``value``,
    ``unit``, ``qualifier``, ``approximate``, ``about``, ``source``, ``currency``,
    ``value_usd``, ``published``, ``doc_id``, ``title``, ``path``, ``start``, ``end``,
    ``text`` (the span).
    """

    about: str | None
    unit: str | None
    claims: list[dict[str, Any]] = field(default_factory=list)

    @property
    def sources(self) -> list[str | None]:
        """Whose word the claims rest on, each once, in claim order."""
        return list(dict.fromkeys(c.get("source") for c in self.claims))

    @property
    def documents(self) -> list[str]:
        return list(dict.fromkeys(str(c["doc_id"]) for c in self.claims))

    @property
    def spread(self) -> float | None:
        """How far apart the values are, relative to the largest (0 when they agree);
        ``None`` when they cannot be compared (money in different currencies)."""
        compared = [_comparable(c) for c in self.claims]
        if len({unit for unit, _ in compared}) > 1:
            return None
        values = [abs(v) for _, v in compared if v is not None and math.isfinite(v)]
        if not values or max(values) == 0:
            return 0.0 if values else None
        return (max(values) - min(values)) / max(values)

    def to_dict(self) -> dict[str, Any]:
        return {
            "about": self.about,
            "unit": self.unit,
            "sources": list(self.sources),
            "documents": len(self.documents),
            "spread": self.spread,
            "claims": [dict(c) for c in self.claims],
        }


_CLAIM_KEYS = (
    "value",
    "unit",
    "qualifier",
    "approximate",
    "about",
    "source",
    "currency",
    "value_usd",
    "published",
    "doc_id",
    "title",
    "path",
    "start",
    "end",
    "text",
)


def _claim(row: Mapping[str, Any]) -> dict[str, Any]:
    claim = {key: row.get(key) for key in _CLAIM_KEYS}
    value = claim["value"]
    if isinstance(value, float) and value.is_integer():
        claim["value"] = int(value)
    return claim


def group_claims(rows: Iterable[Mapping[str, Any]]) -> list[ClaimGroup]:
    """Gather claim rows that measure the same quantity; every claim is in one group
    (a claim like no other alone in its own). Groups come largest first, then in
    order of their first claim."""
    groups: list[list[Mapping[str, Any]]] = []
    for row in rows:
        match = next((g for g in groups if all(same_quantity(member, row) for member in g)), None)
        if match is None:
            groups.append([row])
        else:
            match.append(row)
    ordered = sorted(enumerate(groups), key=lambda item: (-len(item[1]), item[0]))
    out: list[ClaimGroup] = []
    for _, members in ordered:
        claims = sorted(
            (_claim(m) for m in members),
            key=lambda c: (c["published"] is None, c["published"] or "", c["doc_id"], c["start"]),
        )
        out.append(
            ClaimGroup(about=members[0].get("about"), unit=members[0].get("unit"), claims=claims)
        )
    return out


def disagrees(group: ClaimGroup, tolerance: float = VALUE_TOLERANCE) -> bool:
    """Do the claims of a group come from more than one document and either differ by
    more than ``tolerance`` or rest on different sources?"""
    if len(group.documents) < 2:
        return False
    spread = group.spread
    return spread is None or spread > tolerance or len(group.sources) > 1


def disagreements(
    groups: Iterable[ClaimGroup], tolerance: float = VALUE_TOLERANCE
) -> list[ClaimGroup]:
    """The groups whose claims disagree (:func:`disagrees`), in the order given."""
    return [g for g in groups if disagrees(g, tolerance)]
