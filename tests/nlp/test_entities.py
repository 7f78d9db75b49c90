"""find_mentions: actor mentions in a parsed text, with normalised spans, before resolution.

Resolution into actors is tested in tests/resolve/test_actors.py.
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from presswatch.models import Mention, Span
from presswatch.nlp.entities import MentionSet, find_mentions, is_surname_variant
from presswatch.pipeline import Pipeline


def mention_set(pipeline: Pipeline, text: str, untagged: Iterable[str] = ()) -> MentionSet:
    """Mentions of ``text``; ``untagged`` removes spaCy entities with those texts, to follow
    the paths that catch names the tagger missed."""
    sdoc = pipeline.nlp(text)
    drop = set(untagged)
    sdoc.ents = [e for e in sdoc.ents if e.text not in drop]
    return find_mentions(sdoc, pipeline.gazetteer, pipeline.common)


def summary(mentions: list[Mention]) -> list[tuple[str, str, str]]:
    return [(m.span.text, m.type, m.form) for m in mentions]


def test_possessive_is_left_out_of_the_span(pipeline: Pipeline) -> None:
    text = "Olaf Scholz spoke on Friday. Later, Scholz’s aides left."
    ms = mention_set(pipeline, text).mentions
    assert [(m.span.start, m.span.text) for m in ms] == [(0, "Olaf Scholz"), (36, "Scholz")]


def test_a_transcript_label_and_a_blank_line_are_left_out_of_a_name(pipeline: Pipeline) -> None:
    """The tagger's "Q    Karine" (a reporter's turn) and "John Kirby\\n\\nMS" (a title line
    and the next label) are the names "Karine" and "John Kirby"."""
    text = "Briefing by John Kirby\n\nMS. JEAN-PIERRE:  Hi.\n\nQ    Karine, will he go?\n"
    sdoc = pipeline.nlp(text)
    tagged = []
    for name in ("John Kirby\n\nMS", "Q    Karine"):
        start = text.index(name)
        found = sdoc.char_span(start, start + len(name), label="PERSON", alignment_mode="expand")
        assert found is not None
        tagged.append(found)
    sdoc.ents = tagged
    ms = find_mentions(sdoc, pipeline.gazetteer, pipeline.common).mentions
    assert [m.span.text for m in ms if m.type == "PERSON"] == ["John Kirby", "Karine"]


def test_a_particle_the_tagger_calls_a_place_is_no_mention(pipeline: Pipeline) -> None:
    text = "And the Ukrainians haven’t given up. Russia hasn't won."
    sdoc = pipeline.nlp(text)
    particles = [t for t in sdoc if t.lower_ in ("n’t", "n't")]
    assert len(particles) == 2
    sdoc.ents = [sdoc[t.i : t.i + 1] for t in particles]
    for ent in sdoc.ents:
        ent.label_ = "GPE"
    found = find_mentions(sdoc, pipeline.gazetteer, pipeline.common).mentions
    assert [m.span.text for m in found] == ["Ukrainians", "Russia"]  # the pack's names
    # as tagged by the model itself
    texts = [m.span.text for m in mention_set(pipeline, text).mentions]
    assert texts == ["Ukrainians", "Russia"]


def test_title_before_a_full_name_is_left_out(pipeline: Pipeline) -> None:
    ms = mention_set(pipeline, "President Joe Biden met Olaf Scholz in Berlin.").mentions
    assert [(m.span.start, m.span.text, m.type) for m in ms] == [
        (10, "Joe Biden", "PERSON"),
        (24, "Olaf Scholz", "PERSON"),
        (39, "Berlin", "GPE"),
    ]


def test_title_before_a_lone_surname_is_kept(pipeline: Pipeline) -> None:
    text = "Lloyd Austin visited Kyiv. Mr Austin said aid would continue."
    assert summary(mention_set(pipeline, text).mentions) == [
        ("Lloyd Austin", "PERSON", "name"),
        ("Kyiv", "GPE", "name"),  # the gazetteer wins over the tagger's PERSON
        ("Mr Austin", "PERSON", "name"),
    ]


def test_administration_is_an_organisation_without_a_person(pipeline: Pipeline) -> None:
    ms = mention_set(pipeline, "The Biden administration sent more aid.").mentions
    assert summary(ms) == [("Biden administration", "ORG", "name")]


@pytest.mark.parametrize(
    "text",
    [
        "She spoke at the Aspen Security Forum on Tuesday.",
        "She spoke at the Munich Security Conference on Tuesday.",
    ],
)
def test_event_names_are_not_actors(pipeline: Pipeline, text: str) -> None:
    assert mention_set(pipeline, text).mentions == []


def test_weapon_designation_close_to_a_known_one(pipeline: Pipeline) -> None:
    ms = mention_set(pipeline, "North Korea sent Hwasoong-11GA missiles to Russia.").mentions
    weapons = [(m.span.text, m.form, m.hint) for m in ms if m.type == "WEAPON"]
    assert weapons == [("Hwasoong-11GA", "variant", "Hwasong-11")]


def test_designation_with_another_number_is_not_that_weapon(pipeline: Pipeline) -> None:
    ms = mention_set(pipeline, "North Korea sent Hwasoong-12 missiles to Russia.").mentions
    assert [m for m in ms if m.type == "WEAPON"] == []


@pytest.mark.parametrize("misspelling", ["Solz", "Scholtz"])
def test_untagged_misspelled_surname_is_a_variant_mention(
    pipeline: Pipeline, misspelling: str
) -> None:
    text = f"Olaf Scholz spoke in Berlin. Later, {misspelling} said he was tired."
    ms = mention_set(pipeline, text, untagged=[misspelling]).mentions
    assert ("Olaf Scholz", "PERSON", "name") in summary(ms)
    assert (misspelling, "PERSON", "variant") in summary(ms)


def test_capitalised_word_close_to_no_surname_is_not_a_mention(pipeline: Pipeline) -> None:
    # "Brelin" is close to the place Berlin, but only surnames of people are considered
    ms = mention_set(pipeline, "Berlin is big. Later, Brelin said no.", untagged=["Brelin"])
    assert summary(ms.mentions) == [("Berlin", "GPE", "name")]


@pytest.mark.parametrize(
    ("word", "surname", "expected"),
    [
        ("Solz", "Scholz", True),
        ("Scholtz", "Scholz", True),
        ("Kowalsky", "Kowalski", True),
        ("Scholz", "Scholz", False),  # the surname itself is not a misspelling of it
        ("Schmidt", "Scholz", False),
        ("Kcholz", "Scholz", False),  # the first letter must agree
        ("Sol", "Scholz", False),  # too short
    ],
)
def test_is_surname_variant(word: str, surname: str, expected: bool) -> None:
    assert is_surname_variant(word, surname) is expected


def test_appositive_title_is_a_candidate_anchored_to_the_name(pipeline: Pipeline) -> None:
    text = "Jane Roe, Britain’s foreign secretary, said the talks would resume."
    titles = [m for m in mention_set(pipeline, text).mentions if m.form == "title"]
    assert len(titles) == 1
    title = titles[0]
    assert (title.span.text, title.type) == ("Britain’s foreign secretary", "PERSON")
    assert title.role == ("United Kingdom", "foreign secretary")
    assert title.anchor == Span(0, 8, "Jane Roe")


def test_title_before_a_name_is_a_role_link_not_a_mention(pipeline: Pipeline) -> None:
    ms = mention_set(pipeline, "German Chancellor Olaf Scholz spoke on Friday.")
    assert ms.role_links == [(Span(18, 29, "Olaf Scholz"), ("Germany", "chancellor"))]
    assert [m for m in ms.mentions if m.form == "title"] == []


@pytest.mark.parametrize(
    "text",
    [
        "A junior defence minister said the talks failed.",  # indefinite: not a candidate
        "Officials said a chancellor must be careful.",
    ],
)
def test_indefinite_titles_are_not_candidates(pipeline: Pipeline, text: str) -> None:
    assert mention_set(pipeline, text).mentions == []


@pytest.mark.parametrize(
    ("text", "title", "role"),
    [
        ("The German chancellor spoke.", "The German chancellor", ("Germany", "chancellor")),
        ("Germany’s chancellor spoke.", "Germany’s chancellor", ("Germany", "chancellor")),
        (
            "America’s defence secretary spoke.",
            "America’s defence secretary",
            ("United States", "defence secretary"),
        ),
        ("The secretary of state spoke.", "The secretary of state", (None, "secretary of state")),
        ("The chancellor spoke.", "The chancellor", (None, "chancellor")),
        pytest.param(
            "The chancellor of Germany spoke.",
            "The chancellor of Germany",
            ("Germany", "chancellor"),
        ),
        pytest.param(
            "The president of Ukraine spoke.",
            "The president of Ukraine",
            ("Ukraine", "president"),
        ),
    ],
)
def test_role_of_a_title(
    pipeline: Pipeline, text: str, title: str, role: tuple[str | None, str]
) -> None:
    titles = [m for m in mention_set(pipeline, text).mentions if m.form == "title"]
    assert [(m.span.text, m.role) for m in titles] == [(title, role)]


@pytest.mark.parametrize(
    "text",
    [
        "German Chancellor Olaf Scholz spoke on Friday. Later, Scholz’s aides said the "
        "German chancellor would travel to Kiev.",
        "“We will win,” said Jan Kowalski’s deputy, Maria Kowalski, in Kyiv on Friday.",
        "Jane Roe, Britain’s foreign secretary,\nsaid the U.S.-led\u00a0coalition held.",
        "The Biden administration sent Hwasoong-11GA parts to the West's allies.",
        "  \n Leading spaces: Lloyd Austin met Mr Austin’s aides in Washington.  ",
    ],
)
def test_every_span_is_a_slice_of_the_text(pipeline: Pipeline, text: str) -> None:
    ms = mention_set(pipeline, text)
    spans = [m.span for m in ms.mentions]
    spans += [m.anchor for m in ms.mentions if m.anchor is not None]
    spans += [span for span, _ in ms.role_links]
    assert spans  # the texts do name actors
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
        assert span.text == span.text.strip()
