"""Within-document resolution, through the pipeline: short invented texts in, actors
(canonical name, type, mentions in text order) out."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from presswatch.models import Document, Extraction
from presswatch.pipeline import Pipeline

Actors = dict[tuple[str, str], list[str]]


def extract(
    pipeline: Pipeline,
    text: str,
    published: str | None = "2024-11-20",
    untagged: Iterable[str] = (),
) -> Extraction:
    """Parse and extract one text; ``untagged`` removes spaCy entities with those texts
    (a name the tagger missed)."""
    sdoc = pipeline.nlp(text)
    drop = set(untagged)
    sdoc.ents = [e for e in sdoc.ents if e.text not in drop]
    return pipeline.extract_parsed(Document(text=text, path="t.txt", published=published), sdoc)


def actors(ex: Extraction) -> Actors:
    """(canonical, type) -> mention texts in text order."""
    out: Actors = {}
    for e in ex.entities:
        assert (e.canonical, e.type) not in out, f"two entities named {e.canonical}"
        ms = sorted(e.mentions, key=lambda m: m.span.start)
        out[(e.canonical, e.type)] = [m.span.text for m in ms]
    return out


def people(ex: Extraction) -> dict[str, list[str]]:
    return {name: texts for (name, etype), texts in actors(ex).items() if etype == "PERSON"}


def forms(ex: Extraction, canonical: str) -> list[str]:
    (entity,) = [e for e in ex.entities if e.canonical == canonical]
    return [m.form for m in sorted(entity.mentions, key=lambda m: m.span.start)]


# ----------------------------------------------------------------- pack-known names
def test_aliases_and_variants_resolve_to_the_pack_canonical(pipeline: Pipeline) -> None:
    ex = extract(pipeline, "Kyiv and Kiev are one city; the U.S. and America are one country.")
    assert actors(ex) == {
        ("Kyiv", "GPE"): ["Kyiv", "Kiev"],
        ("United States", "GPE"): ["U.S.", "America"],
    }
    assert forms(ex, "Kyiv") == ["name", "variant"]
    assert forms(ex, "United States") == ["abbreviation", "name"]


def test_demonyms_resolve_to_their_people(pipeline: Pipeline) -> None:
    ex = extract(pipeline, "Russian soldiers and Western leaders met.")
    assert actors(ex) == {("Russians", "NORP"): ["Russian"], ("West", "GPE"): ["Western"]}
    assert forms(ex, "Russians") == ["adjectival"]


# ----------------------------------------------------------------- people
def test_possessive_surname_joins_the_full_name(pipeline: Pipeline) -> None:
    # the tagger calls "Scholz’s" a place; the resolver joins it to the person
    ex = extract(
        pipeline, "German Chancellor Olaf Scholz spoke on Friday. Later, Scholz’s aides left."
    )
    assert people(ex) == {"Olaf Scholz": ["Olaf Scholz", "Scholz"]}


def test_possessive_tagged_as_organisation_joins_the_person(pipeline: Pipeline) -> None:
    ex = extract(pipeline, "Donald Trump won the election. Trump’s plan for Ukraine is unclear.")
    assert actors(ex) == {
        ("Donald Trump", "PERSON"): ["Donald Trump", "Trump"],
        ("Ukraine", "GPE"): ["Ukraine"],
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Lloyd Austin visited Kyiv. Mr Austin said aid would continue.",
            {"Lloyd Austin": ["Lloyd Austin", "Mr Austin"]},
        ),
        (
            "Maria Kowalski spoke first. Ms Kowalski said the talks were useful.",
            {"Maria Kowalski": ["Maria Kowalski", "Ms Kowalski"]},
        ),
    ],
)
def test_title_and_surname_join_the_full_name(
    pipeline: Pipeline, text: str, expected: dict[str, list[str]]
) -> None:
    assert people(extract(pipeline, text)) == expected


def test_title_before_a_full_name_is_not_in_the_mention(pipeline: Pipeline) -> None:
    ex = extract(pipeline, "President Joe Biden met Olaf Scholz in Berlin.")
    assert people(ex) == {"Joe Biden": ["Joe Biden"], "Olaf Scholz": ["Olaf Scholz"]}


@pytest.mark.parametrize("misspelling", ["Solz", "Scholtz"])
@pytest.mark.parametrize("tagged", [True, False], ids=["tagged", "untagged"])
def test_misspelled_surname_joins_the_person(
    pipeline: Pipeline, misspelling: str, tagged: bool
) -> None:
    text = f"Olaf Scholz spoke in Berlin. Critics said {misspelling} was too cautious."
    ex = extract(pipeline, text, untagged=() if tagged else [misspelling])
    assert people(ex) == {"Olaf Scholz": ["Olaf Scholz", misspelling]}


def test_misspelled_surname_tagged_as_organisation_joins_the_person(pipeline: Pipeline) -> None:
    ex = extract(pipeline, "Olaf Scholz spoke in Berlin. Later, Solz said he was tired.")
    assert actors(ex) == {
        ("Olaf Scholz", "PERSON"): ["Olaf Scholz", "Solz"],
        ("Berlin", "GPE"): ["Berlin"],
    }


def test_misspelling_close_to_two_surnames_joins_neither(pipeline: Pipeline) -> None:
    text = "Maria Nowak met Anna Novak in Warsaw. Later, Nowack said the talks failed."
    ex = extract(pipeline, text, untagged=["Nowack"])
    assert people(ex) == {"Maria Nowak": ["Maria Nowak"], "Anna Novak": ["Anna Novak"]}


def test_biden_administration_is_an_organisation(pipeline: Pipeline) -> None:
    ex = extract(pipeline, "The Biden administration sent more aid.")
    assert actors(ex) == {("Biden administration", "ORG"): ["Biden administration"]}


def test_event_name_is_not_an_actor(pipeline: Pipeline) -> None:
    assert actors(extract(pipeline, "She spoke at the Aspen Security Forum on Tuesday.")) == {}


def test_weapon_variant(pipeline: Pipeline) -> None:
    ex = extract(pipeline, "North Korea sent Hwasoong-11GA missiles to Russia.")
    assert actors(ex)[("Hwasong-11", "WEAPON")] == ["Hwasoong-11GA"]
    assert forms(ex, "Hwasong-11") == ["variant"]


# ----------------------------------------------------------------- the wrong-merge guard
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # two people share a surname: a lone surname joins the nearest one before it
            "Jan Kowalski met Maria Kowalski in Warsaw. Kowalski said the meeting went well.",
            {"Jan Kowalski": ["Jan Kowalski"], "Maria Kowalski": ["Maria Kowalski", "Kowalski"]},
        ),
        (
            "Maria Kowalski met Jan Kowalski in Warsaw. Kowalski said the meeting went well.",
            {"Maria Kowalski": ["Maria Kowalski"], "Jan Kowalski": ["Jan Kowalski", "Kowalski"]},
        ),
        (  # one candidate: the lone surname joins it
            "Maria Kowalski spoke first. Kowalski said the talks were useful.",
            {"Maria Kowalski": ["Maria Kowalski", "Kowalski"]},
        ),
        (  # two candidates and none before it: it stays apart
            "Kowalski arrived late. Jan Kowalski and Maria Kowalski were waiting.",
            {
                "Kowalski": ["Kowalski"],
                "Jan Kowalski": ["Jan Kowalski"],
                "Maria Kowalski": ["Maria Kowalski"],
            },
        ),
        (  # a middle initial may be missing
            "Eric Edelman wrote the report. Eric S. Edelman is a former diplomat.",
            {"Eric S. Edelman": ["Eric Edelman", "Eric S. Edelman"]},
        ),
        (  # different first names never merge
            "Joe Biden and Jill Biden arrived in Kyiv.",
            {"Joe Biden": ["Joe Biden"], "Jill Biden": ["Jill Biden"]},
        ),
    ],
)
def test_wrong_merge_guard(pipeline: Pipeline, text: str, expected: dict[str, list[str]]) -> None:
    assert people(extract(pipeline, text)) == expected


def test_an_initial_does_not_bridge_two_first_names(pipeline: Pipeline) -> None:
    text = "J. Kowalski opened the meeting. Jan Kowalski and Joanna Kowalski spoke later."
    ex = extract(pipeline, text)
    owner = {m.span.text: e.canonical for e in ex.entities for m in e.mentions}
    assert owner["Jan Kowalski"] != owner["Joanna Kowalski"]


# ----------------------------------------------------------------- role titles
def test_appositive_title_joins_the_name(pipeline: Pipeline) -> None:
    ex = extract(pipeline, "Jane Roe, Britain’s foreign secretary, said the talks would resume.")
    assert people(ex) == {"Jane Roe": ["Jane Roe", "Britain’s foreign secretary"]}
    assert forms(ex, "Jane Roe") == ["name", "title"]


def test_title_before_the_name_in_apposition(pipeline: Pipeline) -> None:
    ex = extract(pipeline, "Britain’s foreign secretary, Jane Roe, said the talks would resume.")
    assert people(ex) == {"Jane Roe": ["Britain’s foreign secretary", "Jane Roe"]}


def test_appositive_title_is_remembered_for_later_titles(pipeline: Pipeline) -> None:
    # the pack says David Lammy held the office on that date; the text says Jane Roe
    text = (
        "Jane Roe, Britain’s foreign secretary, said the talks would resume. "
        "The British foreign secretary later left."
    )
    ex = extract(pipeline, text, published="2024-11-20")
    assert people(ex) == {
        "Jane Roe": ["Jane Roe", "Britain’s foreign secretary", "The British foreign secretary"]
    }


@pytest.mark.parametrize("published", [None, "2019-03-01"])
def test_standalone_title_resolved_by_an_earlier_pre_name_title(
    pipeline: Pipeline, published: str | None
) -> None:
    # in 2019 the pack's German chancellor is Angela Merkel: the text's own link wins
    text = "German Chancellor Olaf Scholz spoke on Friday. Later, the German chancellor left."
    ex = extract(pipeline, text, published=published)
    assert people(ex) == {"Olaf Scholz": ["Olaf Scholz", "the German chancellor"]}


def test_pre_name_title_of_an_invented_person(pipeline: Pipeline) -> None:
    text = "German Chancellor Maria Kowalski spoke on Friday. Later, the German chancellor left."
    ex = extract(pipeline, text, published=None)
    assert people(ex) == {"Maria Kowalski": ["Maria Kowalski", "the German chancellor"]}


def test_pre_name_title_does_not_reach_back(pipeline: Pipeline) -> None:
    text = "The German chancellor arrived. German Chancellor Maria Kowalski spoke."
    ex = extract(pipeline, text, published=None)
    assert people(ex) == {"Maria Kowalski": ["Maria Kowalski"]}


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "The German chancellor spoke in Berlin. Olaf Scholz later met reporters.",
            "2023-03-01",
            {"Olaf Scholz": ["The German chancellor", "Olaf Scholz"]},
        ),
        (
            "Germany’s chancellor spoke in Berlin. Olaf Scholz later met reporters.",
            "2023-03-01",
            {"Olaf Scholz": ["Germany’s chancellor", "Olaf Scholz"]},
        ),
        (  # no country named: only a holder the text names
            "The chancellor said the talks failed. Olaf Scholz agreed.",
            "2023-03-01",
            {"Olaf Scholz": ["The chancellor", "Olaf Scholz"]},
        ),
        (  # a country named: the holder on that date, named in the text or not
            "The German chancellor spoke in Berlin.",
            "2023-03-01",
            {"Olaf Scholz": ["The German chancellor"]},
        ),
        (
            "The German chancellor spoke in Berlin.",
            "2026-03-01",
            {"Friedrich Merz": ["The German chancellor"]},
        ),
        (  # a month: its middle day
            "The German chancellor spoke in Berlin.",
            "2021-12",
            {"Olaf Scholz": ["The German chancellor"]},
        ),
        (  # the holder on the date, not the person the text names
            "The German chancellor spoke in Berlin. Olaf Scholz later met reporters.",
            "2019-03-01",
            {"Angela Merkel": ["The German chancellor"], "Olaf Scholz": ["Olaf Scholz"]},
        ),
    ],
)
def test_title_resolved_by_the_office_holder_on_the_publication_date(
    pipeline: Pipeline, text: str, published: str, expected: dict[str, list[str]]
) -> None:
    assert people(extract(pipeline, text, published=published)) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("A junior defence minister said the talks failed.", "2024-11-20", {}),
        ("The junior defence minister said the talks failed.", "2024-11-20", {}),
        # the pack has no German defence minister
        ("Germany’s defence minister said the talks failed.", "2024-11-20", {}),
        # no country, and the holder is not in the text
        ("The chancellor said the talks failed.", "2023-03-01", {}),
        # no publication date: no office holder
        (
            "The German chancellor spoke in Berlin. Olaf Scholz later met reporters.",
            None,
            {"Olaf Scholz": ["Olaf Scholz"]},
        ),
        # a former holder is not the holder
        (
            "The former German chancellor spoke in Berlin. Olaf Scholz later met reporters.",
            "2023-03-01",
            {"Olaf Scholz": ["Olaf Scholz"]},
        ),
    ],
)
def test_unresolvable_title_is_not_emitted(
    pipeline: Pipeline, text: str, published: str | None, expected: dict[str, list[str]]
) -> None:
    ex = extract(pipeline, text, published=published)
    assert people(ex) == expected
    assert [m for e in ex.entities for m in e.mentions if m.form == "title"] == []


def test_title_with_an_of_phrase_resolved_by_the_office(pipeline: Pipeline) -> None:
    text = "The chancellor of Germany spoke in Berlin. Olaf Scholz later met reporters."
    ex = extract(pipeline, text, published="2023-03-01")
    assert people(ex) == {"Olaf Scholz": ["The chancellor of Germany", "Olaf Scholz"]}


# ----------------------------------------------------------------- the record
@pytest.mark.parametrize(
    "text",
    [
        "German Chancellor Olaf Scholz spoke on Friday. Later, Scholz’s aides said the "
        "German chancellor would travel to Kiev.",
        "“We will win,” said Jan Kowalski’s deputy, Maria Kowalski, in Kyiv on Friday.",
        "Jane Roe, Britain’s foreign secretary,\nsaid the U.S.-led\u00a0coalition held.",
        "  \n Lloyd Austin met Mr Austin’s aides in Washington. The Biden administration agreed.",
    ],
)
def test_every_mention_span_is_a_slice_of_the_text(pipeline: Pipeline, text: str) -> None:
    ex = extract(pipeline, text)
    mentions = [m for e in ex.entities for m in e.mentions]
    assert mentions
    for m in mentions:
        assert text[m.span.start : m.span.end] == m.span.text


def test_extraction_record_shape(pipeline: Pipeline) -> None:
    ex = extract(pipeline, "Lloyd Austin visited Kiev. Mr Austin said aid would continue.")
    record = ex.to_dict()
    assert list(record) == [
        "doc", "entities", "quotes", "timexes", "events", "numeric_claims", "commitments",
        "stances", "turns",
    ]  # fmt: skip
    assert record["doc"]["path"] == "t.txt"
    assert record["doc"]["published"] == "2024-11-20"
    assert "text" not in record["doc"]
    assert ex.to_dict(include_text=True)["doc"]["text"] == ex.doc.text
    austin = next(e for e in record["entities"] if e["canonical"] == "Lloyd Austin")
    assert austin == {
        "canonical": "Lloyd Austin",
        "type": "PERSON",
        "mentions": [
            {"start": 0, "end": 12, "text": "Lloyd Austin", "form": "name"},
            {"start": 27, "end": 36, "text": "Mr Austin", "form": "name"},
        ],
    }


# ----------------------------------------------------------------- titles and countries
def test_a_title_naming_a_country_does_not_take_another_countrys_holder(
    pipeline: Pipeline,
) -> None:
    text = (
        "President Joe Biden spoke in Warsaw. Later, Ukraine’s president thanked "
        "Volodymyr Zelensky’s allies."
    )
    ex = extract(pipeline, text, published="2022-03-26")
    assert "Ukraine’s president" not in people(ex).get("Joe Biden", [])
    assert "Ukraine’s president" in people(ex)["Volodymyr Zelensky"]


def test_an_honorific_before_an_untagged_name_makes_a_person(pipeline: Pipeline) -> None:
    text = "Officials met in Berlin. Chancellor Scholz said the talks went well."
    ex = extract(pipeline, text, untagged=["Scholz"])
    assert people(ex) == {"Olaf Scholz": ["Chancellor Scholz"]}


def test_institutions_and_facilities_get_their_type(pipeline: Pipeline) -> None:
    sdoc = pipeline.nlp("Doctors at Ohmatdyt Hospital fled to Boryspil Airport.")
    hospital = sdoc.char_span(11, 28, label="PERSON")
    airport = sdoc.char_span(37, 53, label="PERSON")
    assert hospital is not None and airport is not None
    sdoc.ents = [hospital, airport]
    ex = pipeline.extract_parsed(Document(text=sdoc.text, path="t.txt"), sdoc)
    assert {(e.canonical, e.type) for e in ex.entities} == {
        ("Ohmatdyt Hospital", "ORG"),
        ("Boryspil Airport", "LOC"),
    }


def test_holidays_are_not_actors(pipeline: Pipeline) -> None:
    sdoc = pipeline.nlp("Soldiers marked Orthodox Easter near the front.")
    easter = sdoc.char_span(16, 31, label="PERSON")
    assert easter is not None
    sdoc.ents = [easter]
    ex = pipeline.extract_parsed(Document(text=sdoc.text, path="t.txt"), sdoc)
    assert ex.entities == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a title before the surname names the office holder, not the other Biden
            "Reporters asked about Hunter Biden. President Biden spoke with Zelenskyy later.",
            {
                "Hunter Biden": ["Hunter Biden"],
                "Joe Biden": ["President Biden"],
            },
        ),
        (  # a title alone names the holder, not another person of the holder's surname
            "Reporters asked about Hunter Biden. The US president said the talks went well.",
            {"Hunter Biden": ["Hunter Biden"], "Joe Biden": ["The US president"]},
        ),
    ],
)
def test_a_title_with_a_surname_names_the_office_holder(
    pipeline: Pipeline, text: str, expected: dict[str, list[str]]
) -> None:
    found = people(extract(pipeline, text, published="2023-03-01"))
    assert {k: v for k, v in found.items() if "Zelensk" not in k} == expected
