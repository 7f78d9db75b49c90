"""Gazetteer: the names a domain pack knows (aliases, spelling variants, demonyms), found
as whole, case-sensitive words, longest match first."""

from __future__ import annotations

import pytest

from presswatch.domain import DomainPack, KnownEntity, load_pack
from presswatch.nlp.gazetteer import Entry, Gazetteer

Found = tuple[str, str, str, str]  # (surface, canonical, type, form)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(load_pack("ukraine"))


def found(gaz: Gazetteer, text: str) -> list[Found]:
    out = []
    for m in gaz.find(text):
        assert text[m.start : m.end]  # never an empty match
        out.append((text[m.start : m.end], m.entry.canonical, m.entry.type, m.entry.form))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S., the US and America agreed.",
            [
                ("U.S.", "United States", "GPE", "abbreviation"),
                ("US", "United States", "GPE", "abbreviation"),
                ("America", "United States", "GPE", "name"),
            ],
        ),
        ("Aid from the USA arrived.", [("USA", "United States", "GPE", "abbreviation")]),
        ("The United States agreed.", [("United States", "United States", "GPE", "name")]),
        # a mixed-case alias is a name, not an abbreviation
        ("Nato met.", [("Nato", "NATO", "ORG", "name")]),
        ("The EU's budget.", [("EU", "European Union", "ORG", "abbreviation")]),
        ("Britain’s army.", [("Britain", "United Kingdom", "GPE", "name")]),
    ],
)
def test_aliases_and_abbreviations(gaz: Gazetteer, text: str, expected: list[Found]) -> None:
    assert found(gaz, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials in Kiev said so.", [("Kiev", "Kyiv", "GPE", "variant")]),
        ("Officials in Kyiv said so.", [("Kyiv", "Kyiv", "GPE", "name")]),
        ("Zelenskyy spoke.", [("Zelenskyy", "Volodymyr Zelensky", "PERSON", "variant")]),
    ],
)
def test_spelling_variants(gaz: Gazetteer, text: str, expected: list[Found]) -> None:
    assert found(gaz, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian soldiers advanced.", [("Russian", "Russians", "NORP", "adjectival")]),
        ("Russians fled.", [("Russians", "Russians", "NORP", "name")]),
        ("American officials met.", [("American", "Americans", "NORP", "adjectival")]),
        # other words for a people name it too
        ("The Brits sent missiles.", [("Brits", "British", "NORP", "name")]),
        # the West is its own people: its demonym keeps the bloc's type
        ("Western leaders met.", [("Western", "West", "GPE", "adjectival")]),
    ],
)
def test_demonyms(gaz: Gazetteer, text: str, expected: list[Found]) -> None:
    assert found(gaz, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Leaders of Western Europe met.", [("Western Europe", "Western Europe", "LOC", "name")]),
        ("Inside the White House.", [("White House", "White House", "ORG", "name")]),
        ("North Korea tested it.", [("North Korea", "North Korea", "GPE", "name")]),
    ],
)
def test_longest_match_wins(gaz: Gazetteer, text: str, expected: list[Found]) -> None:
    assert found(gaz, text) == expected


@pytest.mark.parametrize(
    ("text", "start"),
    [("Leaders of the West met.", 15), ("The West is united.", 4)],
)
def test_the_west_matches_after_the_and_leaves_the_out(
    gaz: Gazetteer, text: str, start: int
) -> None:
    matches = gaz.find(text)
    assert [(m.start, m.end, m.entry) for m in matches] == [
        (start, start + 4, Entry("West", "GPE", "name"))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "West of the river, it rained.",  # "West" without "the"
        "East and West met.",
        "House prices rose.",  # "the House" needs "the"
        "Aid from States nearby.",  # "the States" needs "the"
    ],
)
def test_the_forms_need_the(gaz: Gazetteer, text: str) -> None:
    assert found(gaz, text) == []


def test_the_house_is_the_us_house(gaz: Gazetteer) -> None:
    assert found(gaz, "the House voted.") == [
        ("House", "US House of Representatives", "ORG", "name")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Russianness is a theme.",  # inside a longer word
        "A pro-Russian party won.",  # after a hyphen
        "An anti-Western mood.",
        "A Kyiv-based group.",  # before a hyphenated suffix
        "USB sticks and USAID.",  # an alias as a prefix of a word
        "ukraine and UKRAINE",  # case-sensitive
        "Kyivan streets.",
    ],
)
def test_no_match_inside_words_or_hyphenated_words(gaz: Gazetteer, text: str) -> None:
    assert found(gaz, text) == []


def test_lookup(gaz: Gazetteer) -> None:
    assert gaz.lookup("Kiev") == Entry("Kyiv", "GPE", "variant")
    assert gaz.lookup("U.S.") == Entry("United States", "GPE", "abbreviation")
    assert gaz.lookup("Kievan") is None


def test_people_map_to_their_country(gaz: Gazetteer) -> None:
    assert gaz.people_country["Germans"] == "Germany"
    assert gaz.people_country["Russians"] == "Russia"
    assert gaz.people_country["Americans"] == "United States"
    assert "Germany" not in gaz.people_country


def test_first_pack_entry_for_a_surface_wins() -> None:
    pack = DomainPack(
        "t",
        entities=(
            KnownEntity("Georgia", "GPE"),
            KnownEntity("Georgia Smith", "PERSON", aliases=("Georgia",)),
        ),
    )
    g = Gazetteer(pack)
    assert g.lookup("Georgia") == Entry("Georgia", "GPE", "name")
    assert g.lookup("Georgia Smith") == Entry("Georgia Smith", "PERSON", "name")


def test_a_pack_without_the_forms_matches_bare_words() -> None:
    g = Gazetteer(DomainPack("t", entities=(KnownEntity("West", "GPE"),)))
    assert [(m.start, m.end) for m in g.find("West of the river")] == [(0, 4)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Leaders of the\nWest met.", [("West", "West", "GPE", "name")]),
        ("Leaders of the\u00a0West met.", [("West", "West", "GPE", "name")]),
        ("Olaf\u00a0Scholz spoke.", [("Olaf\u00a0Scholz", "Olaf Scholz", "PERSON", "name")]),
        ("In Western\nEurope.", [("Western\nEurope", "Western Europe", "LOC", "name")]),
    ],
)
def test_forms_match_across_any_whitespace(
    gaz: Gazetteer, text: str, expected: list[Found]
) -> None:
    assert found(gaz, text) == expected


def test_the_must_be_a_word_of_its_own(gaz: Gazetteer) -> None:
    assert found(gaz, "They bathe West of the bridge.") == []


def test_either_apostrophe_matches_a_name_with_one(gaz: Gazetteer) -> None:
    # the longer name wins over "Republic of Korea" (South Korea) inside it
    for text in (
        "the Democratic People’s Republic of Korea",
        "Democratic People's Republic of Korea",
    ):
        [(_surface, canonical, _type, _form)] = found(gaz, text)
        assert canonical == "North Korea"
    entry = gaz.lookup("Democratic People’s Republic of Korea")
    assert entry is not None and entry.canonical == "North Korea"
