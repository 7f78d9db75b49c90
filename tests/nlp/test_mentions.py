"""The mention index the event and commitment extractors read actors from."""

from __future__ import annotations

from presswatch.models import Entity, Mention, Span
from presswatch.nlp.mentions import MentionIndex

TEXT = "German Chancellor Olaf Scholz met Joe Biden in Washington."


def _entity(canonical: str, etype: str, *spans: tuple[int, int]) -> Entity:
    return Entity(canonical, etype, [Mention(Span.of(TEXT, a, b), etype) for a, b in spans])


INDEX = MentionIndex(
    [
        _entity("Olaf Scholz", "PERSON", (0, 29)),
        _entity("Germans", "NORP", (0, 6)),
        _entity("Joe Biden", "PERSON", (34, 43)),
        _entity("Washington", "GPE", (47, 57)),
    ]
)


def test_inside_keeps_nested_mentions_unless_outermost_is_asked() -> None:
    assert [m[2] for m in INDEX.inside(0, 43)] == ["Germans", "Olaf Scholz", "Joe Biden"]
    assert [m[2] for m in INDEX.inside(0, 43, outermost=True)] == ["Olaf Scholz", "Joe Biden"]
    # a mention running past the end is not inside
    assert [m[2] for m in INDEX.inside(30, 50)] == ["Joe Biden"]


def test_before_gives_the_nearest_first() -> None:
    assert [m[2] for m in INDEX.before(47, 2)] == ["Joe Biden", "Olaf Scholz"]
    assert list(INDEX.before(0, 5)) == []


def test_type_of() -> None:
    assert INDEX.type_of("Washington") == "GPE"
    assert INDEX.type_of("Nobody") is None
