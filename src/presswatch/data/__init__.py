"""Language resources shipped with presswatch (YAML files of word lists)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib import resources
from typing import Any

import yaml


def read_data(name: str) -> dict[str, Any]:
    """The mapping in the shipped data file ``name`` (``"stances.yaml"``)."""
    text = resources.files("presswatch.data").joinpath(name).read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def words(data: dict[str, Any], key: str) -> frozenset[str]:
    """The list under ``key``, lower-cased, as a set."""
    return frozenset(str(w).lower() for w in data[key])


#: what ``[*]`` in a cue stands for: one word, not a preposition or conjunction
_ANY_WORD = r"(?!(?:in|of|on|at|to|for|and|or|but|with|by|from|as)(?![\w-]))[\w'’-]+"


def cue_pattern(cues: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive regex for word or phrase cues of a data file, whole words
    only, the spaces of a phrase matching any white space (a line break in wrapped
    text): ``*`` ends a prefix cue,
    ``[word]`` is an optional word and ``[*]`` an optional word of any kind ("freeze
    [*] front lines" matches "freeze the front lines" and "freeze existing front
    lines")."""
    parts = []
    for cue in sorted({c.strip().lower() for c in cues if c.strip()}, key=len, reverse=True):
        body, started = "", False
        for word in cue.split():
            optional = word.startswith("[") and word.endswith("]")
            bare = word[1:-1] if optional else word
            piece = (
                _ANY_WORD
                if bare == "*"
                else re.escape(bare.rstrip("*")) + (r"[\w-]*" if bare.endswith("*") else "")
            )
            if not optional:
                body += (r"\s+" if started else "") + piece
                started = True
            elif started:
                body += r"(?:\s+" + piece + ")?"  # "freeze [the] front": after a word
            else:
                body += "(?:" + piece + r"\s+)?"  # "[the] front line": before one
        parts.append(body)
    if not parts:
        return re.compile(r"(?!x)x")  # matches nothing
    return re.compile(r"(?i)(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")
