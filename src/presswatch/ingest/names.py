"""People's names in bylines: splitting author lists and telling a name from a phrase.

Used both for author lists a user gives (``"Jane Doe and John Roe"``) and for bylines
sniffed from a text, where only what looks like a person's name is kept.
"""

from __future__ import annotations

import re


def word_set(words: str) -> frozenset[str]:
    """The set of the space-separated ``words``."""
    return frozenset(words.split())


_SEPARATORS = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
_MARKS = "*†‡ \t"
_TOKEN = re.compile(r"(?:[^\W\d_]|['’.\-])+")
_PARTICLES = word_set(
    "al bin bint da de del della der di do dos du el ibn la le st. ten ter van von y zu"
)
_SUFFIXES = word_set("jr jr. sr sr. ii iii iv")
# Capitalised words that start phrases, not names ("By The Way", "By Monday Morning").
_NOT_NAMES = word_set(
    """
    the a an this that these those our your his her its their my we in on at for with
    from staff editorial board news editor editors reporter correspondent president
    secretary minister senator general monday tuesday wednesday thursday friday saturday
    sunday january february march april may june july august september october november
    december
    """
)
MAX_NAME_TOKENS = 5


def split_names(value: str) -> list[str]:
    """Split ``"A, B, and C"`` / ``"A and B"`` / ``"A & B"`` / ``"A; B"`` into names.

    Surrounding spaces and footnote marks (``*``, ``†``) are removed; a trailing
    ``Jr.`` or ``III`` stays with the name before it.
    """
    names: list[str] = []
    for part in _SEPARATORS.split(value):
        part = part.strip(_MARKS)
        if not part:
            continue
        if names and part.lower() in _SUFFIXES:
            names[-1] = f"{names[-1]} {part}"
        else:
            names.append(part)
    return names


def is_person_name(value: str) -> bool:
    """Whether ``value`` looks like a person's name: 2-5 capitalised words.

    Initials (``E.``), particles inside the name (``van``, ``de``), apostrophes and
    hyphens (``O'Brien``, ``Jean-Luc``) and a suffix (``Jr.``) are allowed.
    """
    tokens = value.split()
    if tokens and tokens[-1].lower() in _SUFFIXES:
        tokens = tokens[:-1]
    if not 2 <= len(tokens) <= MAX_NAME_TOKENS:
        return False
    if tokens[0].lower() in _NOT_NAMES or tokens[-1].lower() in _NOT_NAMES:
        return False
    inner = tokens[1:-1]
    if not all(_is_name_word(t) for t in (tokens[0], tokens[-1])):
        return False
    return all(_is_name_word(t) or t.lower() in _PARTICLES for t in inner)


def _is_name_word(token: str) -> bool:
    """A capitalised word or initial: ``Jane``, ``E.``, ``O'Brien``, ``DOE``."""
    return (
        _TOKEN.fullmatch(token) is not None
        and token[0].isupper()
        and token.lower() not in _NOT_NAMES
        and not token.endswith("-")
    )
