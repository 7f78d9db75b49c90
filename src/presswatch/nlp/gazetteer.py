"""Find the names a domain pack knows (aliases, spelling variants, demonyms) in text.

Matching is case-sensitive on whole words, longest match first, so "Western Europe"
wins over "Western" and "White House" over "House". An alias written with a leading
"the " ("the West") only matches after "the"/"The", and the mention leaves "the" out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presswatch.domain import DomainPack

# a weapon designation: family name, number, suffix ("Hwasong-11", "Hwasoong-11GA")
DESIGNATION = re.compile(r"(?<![\w-])([A-Z][A-Za-z]{2,})[- ]?(\d{1,4})([A-Za-z]{0,3})(?![\w-])")


@dataclass(frozen=True, slots=True)
class Entry:
    canonical: str
    type: str
    form: str  # name | abbreviation | variant | adjectival


@dataclass(frozen=True, slots=True)
class GazMatch:
    start: int
    end: int
    entry: Entry


def _is_abbreviation(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and len(s) <= 6 and all(c.isupper() for c in letters)


class Gazetteer:
    """All surface forms of a pack's entities, compiled into one regular expression."""

    def __init__(self, pack: DomainPack) -> None:
        self.entries: dict[str, Entry] = {}
        self.after_the: set[str] = set()
        # group name -> the country or bloc it belongs to ("Germans" -> "Germany")
        self.people_country: dict[str, str] = {}
        for e in pack.entities:
            self._add(e.canonical, Entry(e.canonical, e.type, "name"))
            for a in e.aliases:
                form = "abbreviation" if _is_abbreviation(a.removeprefix("the ")) else "name"
                self._add(a, Entry(e.canonical, e.type, form))
            for v in e.variants:
                self._add(v, Entry(e.canonical, e.type, "variant"))
            group = e.people
            if group:
                self.people_country.setdefault(group, e.canonical)
                gtype = e.type if group == e.canonical else "NORP"
                for d in e.demonyms:
                    self._add(d, Entry(group, gtype, "adjectival"))
                if group != e.canonical:
                    self._add(group, Entry(group, "NORP", "name"))
                for other in e.people_aliases:  # "Brits": the British
                    self._add(other, Entry(group, "NORP", "name"))
        # (family, number) of known weapon designations, for near-miss spellings
        self.designations: dict[tuple[str, str], str] = {}
        for surface, entry in self.entries.items():
            code = DESIGNATION.fullmatch(surface) if entry.type == "WEAPON" else None
            if code:
                self.designations[(code.group(1).lower(), code.group(2))] = entry.canonical
        forms = sorted(self.entries, key=len, reverse=True)
        # a space in a form matches any run of white space (line breaks, no-break spaces),
        # an apostrophe either apostrophe ("Democratic People’s Republic of Korea")
        alternation = "|".join(
            re.escape(f).replace(r"\ ", r"\s+").replace("'", "['’]") for f in forms
        )
        # whole words: not preceded by a word character or a hyphenated word, not followed
        # by a word character (a final "." of "U.S." is part of the form)
        self._rx = re.compile(rf"(?<![\w\-])(?:{alternation})(?![\w]|-\w)")

    def _add(self, surface: str, entry: Entry) -> None:
        surface = surface.strip()
        if not surface:
            return
        if surface.startswith("the "):
            surface = surface[4:]
            self.after_the.add(surface)
        # the first pack entry for a surface form wins: the base pack's country beats a
        # later pack's homonym, and the domain pack layers its entries over it
        self.entries.setdefault(surface, entry)

    def find(self, text: str) -> list[GazMatch]:
        out = []
        for m in self._rx.finditer(text):
            surface = _plain(m.group(0))
            if surface in self.after_the and not _preceded_by_the(text, m.start()):
                continue
            out.append(GazMatch(m.start(), m.end(), self.entries[surface]))
        return out

    def lookup(self, surface: str) -> Entry | None:
        return self.entries.get(_plain(surface))


def _plain(surface: str) -> str:
    """A surface form as the pack writes it: single spaces, straight apostrophes."""
    return " ".join(surface.split()).replace("’", "'")


_THE = re.compile(r"(?<!\w)[Tt]he\s+$")


def _preceded_by_the(text: str, start: int) -> bool:
    return _THE.search(text[max(0, start - 12) : start]) is not None
