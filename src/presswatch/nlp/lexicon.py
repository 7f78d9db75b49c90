"""English lexical resources (honorifics, role nouns, event-name heads) from data/lexicon.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from presswatch.data import read_data, words


@dataclass(frozen=True, slots=True)
class Lexicon:
    honorifics: frozenset[str]
    role_heads: frozenset[str]
    org_nominal_heads: frozenset[str]
    event_heads: frozenset[str]
    holidays: frozenset[str]
    org_heads: frozenset[str]
    place_heads: frozenset[str]
    leading_noise: frozenset[str]
    #: a transcript's label of a reporter's turn ("Q"), from data/turns.yaml
    question_labels: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    text = resources.files("presswatch.data").joinpath("lexicon.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return Lexicon(
        honorifics=frozenset(data["honorifics"]),
        role_heads=frozenset(w.lower() for w in data["role_heads"]),
        org_nominal_heads=frozenset(w.lower() for w in data["org_nominal_heads"]),
        event_heads=frozenset(data["event_heads"]),
        holidays=frozenset(data["holidays"]),
        org_heads=frozenset(data["org_heads"]),
        place_heads=frozenset(data["place_heads"]),
        leading_noise=frozenset(data["leading_noise"]),
        question_labels=words(read_data("turns.yaml"), "question_labels"),
    )


def name_parts(text: str) -> list[str]:
    """The words of a person's name without honorifics or possessive: "Mr Austin" ->
    ["Austin"]; "President Joe Biden’s" -> ["Joe", "Biden"]."""
    words = text.replace("\u00a0", " ").replace("’", "'").split()
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    hon = lexicon().honorifics
    while len(words) > 1 and (words[0] in hon or f"{words[0]} {words[1]}" in hon):
        words = words[2:] if f"{words[0]} {words[1]}" in hon and len(words) > 2 else words[1:]
    return [w for w in words if w]
