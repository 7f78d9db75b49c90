"""ActorRegistry: one global name per actor across documents."""

from __future__ import annotations

import pytest

from presswatch.models import Entity, Mention, Span
from presswatch.resolve.crossdoc import ActorRegistry


def person(canonical: str, *mention_texts: str) -> Entity:
    mentions = [Mention(Span(0, len(t), t), "PERSON") for t in mention_texts]
    return Entity(canonical, "PERSON", mentions)


@pytest.mark.parametrize(
    ("known", "name", "expected"),
    [
        # the same name is the same actor
        (["Olaf Scholz"], "Olaf Scholz", "Olaf Scholz"),
        # a lone surname: the one known full name with it
        (["Maria Kowalski"], "Kowalski", "Maria Kowalski"),
        # ... and apart when two known people share it
        (["Maria Kowalski", "Jan Kowalski"], "Kowalski", "Kowalski"),
        # ... or when nobody has it
        (["Maria Kowalski"], "Nowak", "Nowak"),
        ([], "Kowalski", "Kowalski"),
        # full names: compatible first names, middle initials ignored
        (["Eric S. Edelman"], "Eric Edelman", "Eric S. Edelman"),
        (["Eric Edelman"], "Eric S. Edelman", "Eric Edelman"),
        (["Eric Edelman"], "E. Edelman", "Eric Edelman"),
        (["Maria Kowalski"], "maria Kowalski", "Maria Kowalski"),
        (["Maria Kowalski", "Jan Kowalski"], "Jan S. Kowalski", "Jan Kowalski"),
        # different first names never merge
        (["Maria Kowalski"], "Jan Kowalski", "Jan Kowalski"),
        (["Joe Biden"], "Jill Biden", "Jill Biden"),
        # an initial that fits two known people stays apart
        (["Jan Kowalski", "Joanna Kowalski"], "J. Kowalski", "J. Kowalski"),
        # a surname is compared exactly
        (["Maria Kowalski"], "Maria Kowalsky", "Maria Kowalsky"),
    ],
)
def test_resolve_person(known: list[str], name: str, expected: str) -> None:
    registry = ActorRegistry((k, "PERSON") for k in known)
    assert registry.resolve(name, "PERSON") == expected


def test_other_types_are_only_matched_exactly() -> None:
    registry = ActorRegistry([("Maria Kowalski", "PERSON"), ("Kowalski Group", "ORG")])
    assert registry.resolve("Kowalski", "ORG") == "Kowalski"
    assert registry.resolve("Kowalski Group", "ORG") == "Kowalski Group"
    assert registry.resolve("Group", "ORG") == "Group"


def test_apply_renames_merges_and_remembers() -> None:
    registry = ActorRegistry()
    first = registry.apply([person("Eric S. Edelman", "Eric S. Edelman")])
    assert [(e.canonical, len(e.mentions)) for e in first] == [("Eric S. Edelman", 1)]

    # a later document's "Eric Edelman" and lone "Edelman" are the known actor; the two
    # entities collide and are merged with all their mentions
    second = registry.apply([person("Eric Edelman", "Eric Edelman"), person("Edelman", "he")])
    assert [(e.canonical, [m.span.text for m in e.mentions]) for e in second] == [
        ("Eric S. Edelman", ["Eric Edelman", "he"])
    ]


def test_apply_does_not_change_the_input_entities() -> None:
    registry = ActorRegistry([("Eric S. Edelman", "PERSON")])
    entity = person("Eric Edelman", "Eric Edelman")
    out = registry.apply([entity])
    assert out[0].canonical == "Eric S. Edelman"
    assert entity.canonical == "Eric Edelman"


def test_apply_learns_new_names_for_later_documents() -> None:
    registry = ActorRegistry()
    registry.apply([person("Maria Kowalski")])
    assert registry.resolve("Kowalski", "PERSON") == "Maria Kowalski"
    registry.apply([person("Jan Kowalski")])
    assert registry.resolve("Kowalski", "PERSON") == "Kowalski"  # now two share it


def test_an_initial_does_not_bridge_two_first_names_across_documents() -> None:
    registry = ActorRegistry()
    registry.apply([person("J. Kowalski")])
    (jan,) = registry.apply([person("Jan Kowalski")])
    (joanna,) = registry.apply([person("Joanna Kowalski")])
    assert jan.canonical != joanna.canonical


def test_lone_surname_kept_apart_in_its_document_stays_apart() -> None:
    registry = ActorRegistry([("Maria Kowalski", "PERSON")])
    out = registry.apply(
        [
            person("Jan Kowalski", "Jan Kowalski"),
            person("Maria Kowalski", "Maria Kowalski"),
            person("Kowalski", "Kowalski"),  # the document could not tell which one
        ]
    )
    assert sorted(e.canonical for e in out) == ["Jan Kowalski", "Kowalski", "Maria Kowalski"]
