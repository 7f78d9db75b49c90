"""Domain packs: the data files that carry all domain knowledge.

A pack is a YAML file with ``entities`` (known actors with aliases, spelling variants,
demonyms and, for a city, its country), ``weapons`` (named systems), ``offices`` (role
titles and who held them when), ``propositions``, ``currencies`` (USD rates, see
:class:`CurrencyRate`), ``unnamed_donors`` and ``parties`` (the sides of the conflict it
follows). A pack ``extends`` another (``base`` by default), layering its entries over
the parent's by canonical name (currencies by code). Nothing domain-specific lives in
code.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from presswatch.errors import ConfigError
from presswatch.models import ENTITY_TYPES


@dataclass(frozen=True, slots=True)
class KnownEntity:
    canonical: str
    type: str
    aliases: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    people: str | None = None
    people_aliases: tuple[str, ...] = ()  # other words for the people ("Brits", "Britons")
    item_class: str | None = None  # weapons: the generic class (tanks, air defence ...)
    origin: str | None = None  # weapons: the country that makes it (and licenses its use)
    country: str | None = None  # places: the country a city lies in or a capital stands for


@dataclass(frozen=True, slots=True)
class OfficeHolder:
    name: str
    start: dt.date | None
    end: dt.date | None

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Office:
    country: str
    titles: tuple[str, ...]
    holders: tuple[OfficeHolder, ...]

    def holder_on(self, day: dt.date) -> str | None:
        for h in self.holders:
            if h.holds_on(day):
                return h.name
        return None


@dataclass(frozen=True, slots=True)
class Proposition:
    """A question actors take sides on: ``favor``/``against`` are example sentences of
    each side; ``topic``, ``favor_cues`` and ``against_cues`` the words that say a
    sentence is about it and which side it argues (see the pack's comments)."""

    id: str
    wording: str
    favor: tuple[str, ...] = ()
    against: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()
    favor_cues: tuple[str, ...] = ()
    against_cues: tuple[str, ...] = ()
    not_topic: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CurrencyRate:
    """What one unit of a currency is worth in US dollars: per year, and a default.

    :meth:`rate` gives the rate of ``year`` when the pack has one, else ``default``;
    with no default, the rate of the nearest year the pack has (the later on a tie).
    """

    code: str
    default: float | None = None
    years: tuple[tuple[int, float], ...] = ()  # (year, rate), ascending

    def rate(self, year: int | None = None) -> float | None:
        by_year = dict(self.years)
        if year is not None and year in by_year:
            return by_year[year]
        if self.default is not None or not self.years:
            return self.default
        if year is None:
            return self.years[-1][1]
        return min(self.years, key=lambda item: (abs(item[0] - year), -item[0]))[1]


@dataclass(frozen=True, slots=True)
class DomainPack:
    name: str
    entities: tuple[KnownEntity, ...] = ()
    offices: tuple[Office, ...] = ()
    propositions: tuple[Proposition, ...] = ()
    sources: tuple[str, ...] = field(default=())
    currencies: tuple[CurrencyRate, ...] = ()
    #: (recipient, coalition): aid to the recipient whose giver a text does not name is
    #: credited to the coalition ("weapons being given to Ukraine" -> the West)
    unnamed_donors: tuple[tuple[str, str], ...] = ()
    #: the parties to the conflict the domain follows: the ledger lists aid to them
    #: (and to recipients that are no country), not aid to other countries, unless asked
    parties: tuple[str, ...] = ()

    def other_countries(self) -> frozenset[str]:
        """The countries the pack knows (places with a demonym) that are not
        :attr:`parties`, case-folded; none when the pack names no parties."""
        return _other_countries(self)

    def unnamed_donor(self, recipient: str | None) -> str | None:
        """Who is credited with aid to ``recipient`` when the text names no giver."""
        for name, coalition in self.unnamed_donors:
            if name == recipient:
                return coalition
        return None

    def by_canonical(self) -> dict[str, KnownEntity]:
        return {e.canonical: e for e in self.entities}

    def usd_rate(self, currency: str, year: int | None = None) -> float | None:
        """US dollars per unit of ``currency`` (an ISO 4217 code, any case) in ``year``;
        ``None`` for a currency the pack has no rate for. ``USD`` is always 1."""
        code = currency.strip().upper()
        for entry in self.currencies:
            if entry.code == code:
                return entry.rate(year)
        return 1.0 if code == "USD" else None


@lru_cache(maxsize=8)
def _other_countries(pack: DomainPack) -> frozenset[str]:
    if not pack.parties:
        return frozenset()
    parties = {p.casefold() for p in pack.parties}
    return frozenset(
        e.canonical.casefold()
        for e in pack.entities
        if e.type == "GPE" and (e.demonyms or e.people) and e.canonical.casefold() not in parties
    )


def to_usd(
    amount: float | None, currency: str | None, year: int | None, pack: DomainPack
) -> float | None:
    """``amount`` of ``currency`` in US dollars at the pack's rate for ``year``.

    ``None`` when the amount or currency is missing or the pack has no rate for it.

    >>> to_usd(100, "EUR", 2022, DomainPack("x", currencies=(CurrencyRate("EUR", 1.5),)))
    150.0
    """
    if amount is None or not currency:
        return None
    rate = pack.usd_rate(currency, year)
    return None if rate is None else float(amount) * rate


def _strs(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{where}: expected a string or a list of strings, got {value!r}")


def _date(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        raise ConfigError(f"{where}: not an ISO date (a date and time): {value!r}")
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(f"{where}: not an ISO date: {value!r}") from exc


def _entity(raw: Any, where: str, *, weapon: bool = False) -> KnownEntity:
    if not isinstance(raw, dict) or not isinstance(raw.get("canonical"), str):
        raise ConfigError(f"{where}: each entry needs a 'canonical' name")
    etype = "WEAPON" if weapon else raw.get("type")
    if etype not in ENTITY_TYPES:
        raise ConfigError(f"{where} ({raw['canonical']}): type must be one of {ENTITY_TYPES}")
    if raw.get("people_aliases") and not raw.get("people"):
        raise ConfigError(f"{where} ({raw['canonical']}): people_aliases needs people")
    if raw.get("country") is not None and not isinstance(raw["country"], str):
        raise ConfigError(f"{where} ({raw['canonical']}): country must be a name")
    return KnownEntity(
        canonical=raw["canonical"],
        type=etype,
        aliases=_strs(raw.get("aliases"), where),
        variants=_strs(raw.get("variants"), where),
        demonyms=_strs(raw.get("demonym"), where),
        people=raw.get("people"),
        people_aliases=_strs(raw.get("people_aliases"), where),
        item_class=raw.get("class"),
        origin=raw.get("origin"),
        country=raw.get("country"),
    )


def _office(raw: Any, where: str) -> Office:
    if not isinstance(raw, dict) or not isinstance(raw.get("country"), str):
        raise ConfigError(f"{where}: each office needs a 'country'")
    holders = []
    for h in raw.get("holders") or []:
        if not isinstance(h, dict) or not isinstance(h.get("name"), str):
            raise ConfigError(f"{where}: each holder needs a 'name'")
        holders.append(
            OfficeHolder(h["name"], _date(h.get("from"), where), _date(h.get("to"), where))
        )
    titles = tuple(t.lower() for t in _strs(raw.get("titles"), where))
    return Office(raw["country"], titles, tuple(holders))


def _proposition(raw: Any, where: str) -> Proposition:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise ConfigError(f"{where}: each proposition needs an 'id'")
    examples = raw.get("examples") or {}
    if not isinstance(examples, dict):
        raise ConfigError(f"{where} ({raw['id']}): 'examples' must map favor/against to lists")
    cues = raw.get("cues") or {}
    if not isinstance(cues, dict):
        raise ConfigError(f"{where} ({raw['id']}): 'cues' must map topic/favor/against to lists")
    return Proposition(
        id=raw["id"],
        wording=str(raw.get("wording", "")),
        favor=_strs(examples.get("favor"), where),
        against=_strs(examples.get("against"), where),
        topic=_strs(cues.get("topic"), where),
        favor_cues=_strs(cues.get("favor"), where),
        against_cues=_strs(cues.get("against"), where),
        not_topic=_strs(cues.get("not_topic"), where),
    )


_CODE = re.compile(r"[A-Z]{3}")


def _rate(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(
            f"{where}: the rate must be a number (US dollars per unit), got {value!r}"
        )
    if not math.isfinite(value) or value <= 0:
        raise ConfigError(f"{where}: the rate must be a positive number, got {value!r}")
    return float(value)


def _currency(code: Any, raw: Any, label: str) -> CurrencyRate:
    where = f"domain pack {label}: currencies.{code}"
    if not isinstance(code, str) or not _CODE.fullmatch(code):
        raise ConfigError(
            f"{where}: a currency must be an upper-case ISO 4217 code such as EUR, got {code!r}"
        )
    if not isinstance(raw, dict):
        return CurrencyRate(code, default=_rate(raw, where))
    default: float | None = None
    years: dict[int, float] = {}
    for key, value in raw.items():
        if key == "default":
            default = _rate(value, f"{where}.default")
        elif isinstance(key, int) and not isinstance(key, bool) and 1000 <= key <= 9999:
            years[key] = _rate(value, f"{where}.{key}")
        elif isinstance(key, str) and key.isdigit() and len(key) == 4:
            years[int(key)] = _rate(value, f"{where}.{key}")
        else:
            raise ConfigError(f"{where}: keys must be years (2022) or 'default', got {key!r}")
    if default is None and not years:
        raise ConfigError(f"{where}: give a rate, or rates by year and/or a 'default'")
    return CurrencyRate(code, default=default, years=tuple(sorted(years.items())))


def _currencies(data: dict[str, Any], label: str) -> tuple[CurrencyRate, ...]:
    value = data.get("currencies") or {}
    if not isinstance(value, dict):
        raise ConfigError(
            f"domain pack {label}: 'currencies' must map ISO codes to rates (EUR: 1.08)"
        )
    return tuple(_currency(code, raw, label) for code, raw in value.items())


def _merge_currencies(
    parent: tuple[CurrencyRate, ...], child: tuple[CurrencyRate, ...]
) -> tuple[CurrencyRate, ...]:
    """Layer the child's rates over the parent's: a plain rate replaces the parent's
    entry; rates by year replace those years (and ``default``) and keep the others."""
    merged = {c.code: c for c in parent}
    for entry in child:
        old = merged.get(entry.code)
        if old is None or not entry.years:
            merged[entry.code] = entry
            continue
        years = dict(old.years) | dict(entry.years)
        merged[entry.code] = CurrencyRate(
            entry.code,
            default=entry.default if entry.default is not None else old.default,
            years=tuple(sorted(years.items())),
        )
    return tuple(merged.values())


def _read_yaml(source: str) -> tuple[dict[str, Any], str]:
    """Read a pack by shipped name or file path."""
    path = Path(source)
    try:
        if path.suffix in (".yaml", ".yml") or path.exists():
            text = path.read_text("utf-8")
            label = str(path)
        else:
            text = (
                resources.files("presswatch.domains").joinpath(f"{source}.yaml").read_text("utf-8")
            )
            label = f"{source} (shipped)"
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read domain pack {source!r}: {exc}") from exc
    try:
        data = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError) as exc:  # PyYAML raises ValueError for 2021-02-30
        if isinstance(exc, ValueError):
            raise ConfigError(f"domain pack {label}: not an ISO date: {exc}") from exc
        raise ConfigError(f"domain pack {label}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"domain pack {label}: expected a mapping at the top level")
    return data, label


def _section(data: dict[str, Any], key: str, label: str) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise ConfigError(f"domain pack {label}: '{key}' must be a list")
    return value


def _parse(data: dict[str, Any], label: str) -> DomainPack:
    for key in ("entities", "weapons", "offices", "propositions"):
        _section(data, key, label)
    entities = [_entity(e, f"{label} entities") for e in data.get("entities") or []]
    entities += [_entity(w, f"{label} weapons", weapon=True) for w in data.get("weapons") or []]
    return DomainPack(
        name=str(data.get("name", label)),
        entities=tuple(entities),
        offices=tuple(_office(o, f"{label} offices") for o in data.get("offices") or []),
        propositions=tuple(
            _proposition(p, f"{label} propositions") for p in data.get("propositions") or []
        ),
        sources=(label,),
        currencies=_currencies(data, label),
        unnamed_donors=_unnamed_donors(data, label),
        parties=_parties(data, label),
    )


def _parties(data: dict[str, Any], label: str) -> tuple[str, ...]:
    value = data.get("parties") or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(
            f"domain pack {label}: 'parties' must be a list of names (e.g. [Ukraine, Russia])"
        )
    return tuple(v.strip() for v in value)


def _unnamed_donors(data: dict[str, Any], label: str) -> tuple[tuple[str, str], ...]:
    value = data.get("unnamed_donors") or {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ConfigError(
            f"domain pack {label}: 'unnamed_donors' must map recipients to donors (Ukraine: West)"
        )
    return tuple(value.items())


def _merge(parent: DomainPack, child: DomainPack) -> DomainPack:
    merged = {e.canonical: e for e in parent.entities}
    merged.update({e.canonical: e for e in child.entities})
    props = {p.id: p for p in parent.propositions}
    props.update({p.id: p for p in child.propositions})
    return DomainPack(
        name=child.name,
        entities=tuple(merged.values()),
        offices=parent.offices + child.offices,
        propositions=tuple(props.values()),
        sources=parent.sources + child.sources,
        currencies=_merge_currencies(parent.currencies, child.currencies),
        unnamed_donors=tuple({**dict(parent.unnamed_donors), **dict(child.unnamed_donors)}.items()),
        parties=child.parties or parent.parties,
    )


def load_pack(source: str = "ukraine", _seen: tuple[str, ...] = ()) -> DomainPack:
    """Load a domain pack by shipped name (``ukraine``, ``base``) or YAML file path."""
    if source in _seen:
        raise ConfigError(f"domain pack {source!r} extends itself")
    data, label = _read_yaml(source)
    pack = _parse(data, label)
    parent_name = data.get("extends", "base" if source != "base" else None)
    if parent_name not in (None, "none", False):
        parent = str(parent_name)
        here = Path(source)
        if parent.endswith((".yaml", ".yml")) and not Path(parent).is_absolute() and here.exists():
            parent = str(here.parent / parent)  # relative to the pack that names it
        pack = _merge(load_pack(parent, (*_seen, source)), pack)
    if not _seen:  # the whole pack, parents included
        _check_places(pack, label)
    return pack


def _check_places(pack: DomainPack, label: str) -> None:
    """A place's ``country`` must be a country (GPE) the pack knows."""
    gpes = {e.canonical for e in pack.entities if e.type == "GPE"}
    for e in pack.entities:
        if e.country is not None and e.country not in gpes:
            raise ConfigError(
                f"domain pack {label} entities ({e.canonical}): country {e.country!r} "
                "is no GPE the pack knows"
            )


@lru_cache(maxsize=8)
def cached_pack(source: str) -> DomainPack:
    return load_pack(source)
