"""Domain packs: the shipped packs, user packs, layering, errors, offices by date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from presswatch.domain import (
    CurrencyRate,
    KnownEntity,
    Office,
    OfficeHolder,
    cached_pack,
    load_pack,
    to_usd,
)
from presswatch.errors import ConfigError


def write_pack(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ----------------------------------------------------------------- shipped packs
def test_ukraine_pack_extends_base() -> None:
    pack = load_pack("ukraine")
    known = pack.by_canonical()
    assert pack.name == "ukraine"
    assert pack.sources == ("base (shipped)", "ukraine (shipped)")
    assert known["Kyiv"] == KnownEntity("Kyiv", "GPE", variants=("Kiev",), country="Ukraine")
    assert known["United States"].type == "GPE"  # from base
    assert "U.S." in known["United States"].aliases
    assert known["Hwasong-11"].type == "WEAPON"
    assert known["Hwasong-11"].item_class == "ballistic missile"
    assert {p.id for p in pack.propositions} == {"P1", "P2", "P3", "P4", "P5"}
    assert any(o.country == "Germany" and "chancellor" in o.titles for o in pack.offices)


def test_base_pack_stands_alone() -> None:
    pack = load_pack("base")
    known = pack.by_canonical()
    assert pack.sources == ("base (shipped)",)
    assert "United States" in known
    assert "Kyiv" not in known
    assert pack.offices == ()


def test_shipped_canonical_names_are_unique() -> None:
    for name in ("base", "ukraine"):
        pack = load_pack(name)
        assert len(pack.by_canonical()) == len(pack.entities), name


def test_cached_pack_is_loaded_once() -> None:
    assert cached_pack("ukraine") is cached_pack("ukraine")
    assert cached_pack("ukraine").by_canonical() == load_pack("ukraine").by_canonical()


# ----------------------------------------------------------------- user packs
def test_user_pack_without_parent(tmp_path: Path) -> None:
    path = write_pack(
        tmp_path,
        "name: harbour\n"
        "extends: none\n"
        "entities:\n"
        "  - {canonical: Harbour Council, type: ORG, aliases: [HC], variants: Harbor Council}\n",
    )
    pack = load_pack(str(path))
    assert pack.name == "harbour"
    assert pack.sources == (str(path),)
    assert pack.entities == (
        KnownEntity("Harbour Council", "ORG", aliases=("HC",), variants=("Harbor Council",)),
    )
    assert pack.offices == () and pack.propositions == ()


def test_user_pack_extends_base_by_default_and_overrides_by_canonical(tmp_path: Path) -> None:
    path = write_pack(
        tmp_path,
        "entities:\n"
        "  - {canonical: Washington, type: LOC}\n"
        "  - {canonical: Harbour Council, type: ORG}\n",
    )
    pack = load_pack(str(path))
    known = pack.by_canonical()
    assert pack.sources == ("base (shipped)", str(path))
    assert pack.name == str(path)  # no name given: the file
    assert known["Washington"].type == "LOC"  # overridden
    assert known["Harbour Council"].type == "ORG"  # added
    assert known["United States"].type == "GPE"  # inherited
    assert len(pack.entities) == len(load_pack("base").entities) + 1


def test_user_pack_extends_a_shipped_pack(tmp_path: Path) -> None:
    path = write_pack(
        tmp_path,
        "extends: ukraine\n"
        "offices:\n"
        "  - {country: Poland, titles: [Prime Minister], holders: [{name: Jan Kowalski}]}\n",
    )
    pack = load_pack(str(path))
    assert pack.sources == ("base (shipped)", "ukraine (shipped)", str(path))
    assert "Kyiv" in pack.by_canonical()
    assert pack.offices[-1] == Office(
        "Poland", ("prime minister",), (OfficeHolder("Jan Kowalski", None, None),)
    )
    assert len(pack.offices) == len(load_pack("ukraine").offices) + 1


# ----------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("entities: [\n", "not valid YAML"),
        ("- just\n- a list\n", "expected a mapping"),
        ("extends: none\nentities:\n  - {type: GPE}\n", "needs a 'canonical' name"),
        ("extends: none\nentities:\n  - Kyiv\n", "needs a 'canonical' name"),
        ("extends: none\nentities:\n  - {canonical: Kyiv, type: CITY}\n", "type must be one of"),
        ("extends: none\nentities:\n  - {canonical: Kyiv}\n", "type must be one of"),
        (
            "extends: none\nentities:\n  - {canonical: Kyiv, type: GPE, aliases: [1, 2]}\n",
            "expected a string or a list of strings",
        ),
        (
            "extends: none\noffices:\n  - {country: X, holders: [{name: A B, from: soon}]}\n",
            "not an ISO date: 'soon'",
        ),
        (
            "extends: none\noffices:\n  - {country: X, holders: [{name: A B, to: '2024-13-01'}]}\n",
            "not an ISO date",
        ),
        ("extends: none\noffices:\n  - {titles: [boss]}\n", "needs a 'country'"),
        (
            "extends: none\nentities:\n  - {canonical: Kyiv, type: GPE, country: Ukraine}\n",
            "country 'Ukraine' is no GPE the pack knows",
        ),
        (
            "extends: none\nentities:\n  - {canonical: Kyiv, type: GPE, country: [Ukraine]}\n",
            "country must be a name",
        ),
        (
            "extends: none\nentities:\n"
            "  - {canonical: Wales, type: GPE, people_aliases: [Welsh]}\n",
            "people_aliases needs people",
        ),
        (
            "extends: none\noffices:\n  - {country: X, holders: [{from: 2020-01-01}]}\n",
            "needs a 'name'",
        ),
        ("extends: none\npropositions:\n  - {wording: Peace now}\n", "needs an 'id'"),
        pytest.param(
            "extends: none\noffices:\n  - {country: X, holders: [{name: A B, from: 2021-02-30}]}\n",
            "not an ISO date",
        ),
        pytest.param(
            "extends: none\npropositions:\n  - {id: P1, examples: [a, b]}\n",
            "examples",
        ),
        pytest.param(
            "extends: none\nentities: 5\n",
            "entities",
        ),
    ],
)
def test_bad_pack_is_a_config_error_naming_the_file(
    tmp_path: Path, text: str, message: str
) -> None:
    path = write_pack(tmp_path, text)
    with pytest.raises(ConfigError) as exc:
        load_pack(str(path))
    assert str(path) in exc.value.message
    assert message in exc.value.message
    assert exc.value.code == "config"


def test_a_citys_country_may_be_one_the_parent_pack_knows(tmp_path: Path) -> None:
    path = write_pack(tmp_path, "entities:\n  - {canonical: Lyon, type: GPE, country: France}\n")
    known = {e.canonical: e for e in load_pack(str(path)).entities}
    assert known["Lyon"].country == "France"
    assert known["Moscow"].country == "Russia"  # base's capitals stand for their countries


def test_timestamp_in_office_dates_is_rejected_like_its_quoted_form(tmp_path: Path) -> None:
    holder = "{name: A B, from: %s}"
    quoted = write_pack(
        tmp_path,
        "extends: none\noffices:\n  - {country: X, holders: [%s]}\n"
        % (holder % "'2021-01-20 10:00:00'"),
        name="quoted.yaml",
    )
    with pytest.raises(ConfigError, match="not an ISO date"):
        load_pack(str(quoted))
    bare = write_pack(
        tmp_path,
        "extends: none\noffices:\n  - {country: X, holders: [%s]}\n"
        % (holder % "2021-01-20 10:00:00"),
        name="bare.yaml",
    )
    with pytest.raises(ConfigError, match="not an ISO date"):
        load_pack(str(bare))


def test_unknown_shipped_pack(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no_such_pack"):
        load_pack("no_such_pack")
    with pytest.raises(ConfigError, match=r"missing\.yaml"):
        load_pack(str(tmp_path / "missing.yaml"))


def test_unknown_parent_is_a_config_error(tmp_path: Path) -> None:
    path = write_pack(tmp_path, "extends: no_such_pack\n")
    with pytest.raises(ConfigError, match="no_such_pack"):
        load_pack(str(path))


def test_pack_extending_itself(tmp_path: Path) -> None:
    path = tmp_path / "self.yaml"
    write_pack(tmp_path, f"extends: {path}\n", name="self.yaml")
    with pytest.raises(ConfigError, match="extends itself"):
        load_pack(str(path))


# ----------------------------------------------------------------- offices
@pytest.mark.parametrize(
    ("day", "holder"),
    [
        (dt.date(2005, 11, 21), None),  # before the first holder
        (dt.date(2005, 11, 22), "Angela Merkel"),  # start date inclusive
        (dt.date(2021, 12, 7), "Angela Merkel"),
        (dt.date(2021, 12, 8), "Olaf Scholz"),  # end date exclusive: the next holder
        (dt.date(2025, 5, 5), "Olaf Scholz"),
        (dt.date(2025, 5, 6), "Friedrich Merz"),
        (dt.date(2040, 1, 1), "Friedrich Merz"),  # no end date: still in office
    ],
)
def test_office_holder_on(day: dt.date, holder: str | None) -> None:
    (chancellor,) = [o for o in load_pack("ukraine").offices if o.country == "Germany"]
    assert chancellor.titles == ("chancellor",)
    assert chancellor.holder_on(day) == holder


def test_office_with_a_gap(tmp_path: Path) -> None:
    path = write_pack(
        tmp_path,
        "extends: none\noffices:\n"
        "  - country: X\n"
        "    titles: Boss\n"
        "    holders:\n"
        "      - {name: Jan Kowalski, from: 2020-01-01, to: 2021-01-01}\n"
        "      - {name: Maria Kowalski, from: '2022-01-01'}\n",
    )
    (office,) = load_pack(str(path)).offices
    assert office.titles == ("boss",)  # lower-cased
    assert office.holder_on(dt.date(2019, 12, 31)) is None
    assert office.holder_on(dt.date(2020, 1, 1)) == "Jan Kowalski"
    assert office.holder_on(dt.date(2020, 12, 31)) == "Jan Kowalski"
    assert office.holder_on(dt.date(2021, 1, 1)) is None  # the gap
    assert office.holder_on(dt.date(2022, 1, 1)) == "Maria Kowalski"


def test_holder_without_dates_always_holds() -> None:
    assert OfficeHolder("Jan Kowalski", None, None).holds_on(dt.date(1900, 1, 1))


# ----------------------------------------------------------------- currencies
SHIPPED_CURRENCIES = {
    "USD", "EUR", "GBP", "UAH", "CAD", "AUD", "JPY", "CHF", "PLN", "SEK", "NOK", "DKK", "CZK",
}  # fmt: skip


def test_base_pack_has_yearly_usd_rates_and_ukraine_inherits_them() -> None:
    base, ukraine = load_pack("base"), load_pack("ukraine")
    assert {c.code for c in base.currencies} == SHIPPED_CURRENCIES
    assert ukraine.currencies == base.currencies
    assert ukraine.usd_rate("EUR", 2022) == 1.05
    assert ukraine.usd_rate("eur", 2023) == 1.08  # codes in any case
    assert ukraine.usd_rate("EUR", 2015) == 1.08  # a year without a rate: the default
    assert ukraine.usd_rate("EUR", None) == 1.08
    assert ukraine.usd_rate("USD", 2022) == 1.0
    assert ukraine.usd_rate("XAU", 2022) is None
    for code in SHIPPED_CURRENCIES:
        rate = base.usd_rate(code, 2023)
        assert rate is not None and 0 < rate < 2, code


def test_to_usd() -> None:
    pack = load_pack("base")
    assert to_usd(1e9, "EUR", 2022, pack) == pytest.approx(1.05e9)
    assert to_usd(2_000_000, "USD", None, pack) == 2_000_000
    assert to_usd(100, "UAH", 2024, pack) == pytest.approx(2.5)
    assert to_usd(None, "EUR", 2022, pack) is None
    assert to_usd(100, None, 2022, pack) is None
    assert to_usd(100, "XAU", 2022, pack) is None


def test_rates_by_year_without_a_default_use_the_nearest_year() -> None:
    rate = CurrencyRate("EUR", years=((2020, 1.1), (2022, 1.0)))
    assert rate.rate(2020) == 1.1
    assert rate.rate(2019) == 1.1
    assert rate.rate(2021) == 1.0  # a tie goes to the later year
    assert rate.rate(2030) == 1.0
    assert rate.rate(None) == 1.0
    assert CurrencyRate("EUR", default=1.2, years=((2022, 1.0),)).rate(2023) == 1.2


def test_a_child_pack_overrides_and_adds_rates(tmp_path: Path) -> None:
    path = write_pack(
        tmp_path,
        "extends: ukraine\n"
        "currencies:\n"
        "  GBP: 1.5\n"  # a plain rate replaces the whole entry
        "  EUR: {2022: 1.0, 2025: 1.1}\n"  # years layer over the parent's
        "  HUF: {default: 0.0027}\n",
    )
    pack = load_pack(str(path))
    assert pack.usd_rate("GBP", 2022) == pack.usd_rate("GBP", 2024) == 1.5
    assert pack.usd_rate("EUR", 2022) == 1.0
    assert pack.usd_rate("EUR", 2023) == 1.08  # kept from base
    assert pack.usd_rate("EUR", 2025) == 1.1
    assert pack.usd_rate("EUR", 2030) == 1.08  # base's default
    assert pack.usd_rate("HUF", 2024) == 0.0027
    assert pack.usd_rate("CHF", 2024) == load_pack("base").usd_rate("CHF", 2024)
    alone = load_pack(str(write_pack(tmp_path, "extends: none\n", name="alone.yaml")))
    assert alone.currencies == () and alone.usd_rate("EUR", 2022) is None
    assert alone.usd_rate("USD", 2022) == 1.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("currencies: [EUR, 1.08]\n", "'currencies' must map ISO codes"),
        ("currencies:\n  EUR: lots\n", "currencies.EUR: the rate must be a number"),
        ("currencies:\n  EUR: -1\n", "currencies.EUR: the rate must be a positive number"),
        ("currencies:\n  EUR: 0\n", "currencies.EUR: the rate must be a positive number"),
        ("currencies:\n  EUR: true\n", "currencies.EUR: the rate must be a number"),
        ("currencies:\n  EUR: {2022: x}\n", "currencies.EUR.2022: the rate must be a number"),
        ("currencies:\n  EUR: {default: .nan}\n", "currencies.EUR.default: the rate must be"),
        ("currencies:\n  EUR: {last year: 1.1}\n", "currencies.EUR: keys must be years"),
        ("currencies:\n  EUR: {}\n", "currencies.EUR: give a rate"),
        ("currencies:\n  euro: 1.08\n", "currencies.euro: a currency must be an upper-case"),
        ("currencies:\n  EURO: 1.08\n", "currencies.EURO: a currency must be"),
    ],
)
def test_bad_currencies_are_config_errors_naming_pack_and_key(
    tmp_path: Path, text: str, message: str
) -> None:
    path = write_pack(tmp_path, "extends: none\n" + text)
    with pytest.raises(ConfigError) as exc:
        load_pack(str(path))
    assert str(path) in exc.value.message
    assert message in exc.value.message


def test_parties_and_the_other_countries(tmp_path: Path) -> None:
    """The Ukraine pack follows the war's parties; other countries are the places with a
    demonym; a pack with no parties has none."""
    ukraine = cached_pack("ukraine")
    assert ukraine.parties == ("Ukraine", "Russia")
    others = ukraine.other_countries()
    assert {"pakistan", "israel", "united states"} <= others
    assert not {"ukraine", "russia", "kharkiv", "kyiv"} & others
    assert cached_pack("base").other_countries() == frozenset()
    child = write_pack(tmp_path, "name: child\nextends: ukraine\n")
    assert load_pack(str(child)).parties == ("Ukraine", "Russia")  # inherited
    own = write_pack(tmp_path, "name: own\nextends: ukraine\nparties: [Israel]\n", "own.yaml")
    assert "ukraine" in load_pack(str(own)).other_countries()
    bad = write_pack(tmp_path, "extends: none\nparties: Ukraine\n", "bad.yaml")
    with pytest.raises(ConfigError, match="'parties' must be a list"):
        load_pack(str(bad))
