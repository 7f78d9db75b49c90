"""The English lexicon (data/lexicon.yaml) and person-name parts."""

from __future__ import annotations

import pytest

from presswatch.nlp.lexicon import lexicon, name_parts


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Mr Austin", ["Austin"]),
        ("Dr. Maria Kowalski", ["Maria", "Kowalski"]),
        ("President Joe Biden’s", ["Joe", "Biden"]),
        ("Prime Minister Jan Kowalski", ["Jan", "Kowalski"]),
        ("Prime Minister Kowalski", ["Kowalski"]),
        ("Jan Kowalski's", ["Jan", "Kowalski"]),
        ("Olaf\u00a0Scholz", ["Olaf", "Scholz"]),
        ("Eric S. Edelman", ["Eric", "S.", "Edelman"]),
        ("Scholz", ["Scholz"]),
        ("Mr", ["Mr"]),  # a lone honorific is left as it is
        ("", []),
    ],
)
def test_name_parts(text: str, parts: list[str]) -> None:
    assert name_parts(text) == parts


def test_lexicon_loads_the_shipped_lists() -> None:
    lex = lexicon()
    assert {"Mr", "Ms", "Prime Minister", "President"} <= lex.honorifics
    assert "mr" not in lex.honorifics  # honorifics are matched case-sensitively
    assert {"chancellor", "foreign minister", "secretary"} <= lex.role_heads
    assert all(w == w.lower() for w in lex.role_heads | lex.org_nominal_heads)
    assert {"Forum", "Conference", "Summit"} <= lex.event_heads
    assert {"the", "The", "a"} <= lex.leading_noise
    assert "think-tank" in lex.org_nominal_heads
    assert lexicon() is lex  # loaded once
