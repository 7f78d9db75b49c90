"""Resolve actors across documents: one global name per real-world actor.

Within a document, :mod:`presswatch.resolve.actors` already chose a canonical name.
Across documents the same person may appear as "Zelensky" in one text (no first name)
and "Volodymyr Zelensky" in another, or as "Eric S. Edelman" and "Eric Edelman". The
registry maps each document's canonical onto the names already known:

* the same (canonical, type) is the same actor;
* a lone surname maps to the one known full name with that surname, and stays apart when
  two known people share it (the wrong-merge guard);
* a full name maps to a known full name with the same surname and compatible first names
  (equal, or an initial of the other), middle initials ignored.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from presswatch.models import Entity


def _first_compatible(a: str, b: str) -> bool:
    a, b = a.rstrip("."), b.rstrip(".")
    if a.lower() == b.lower():
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) == 1 and long_.startswith(short)


class ActorRegistry:
    """Known global actors, keyed for cross-document lookups."""

    def __init__(self, known: Iterable[tuple[str, str]] = ()) -> None:
        self._names: set[tuple[str, str]] = set()
        self._by_surname: dict[str, set[str]] = defaultdict(set)
        # every first name that has been mapped onto a global person name: a new name
        # must agree with all of them ("J. Kowalski" takes Jan, then refuses Joanna)
        self._firsts: dict[str, set[str]] = defaultdict(set)
        for canonical, etype in known:
            self.add(canonical, etype)

    def add(self, canonical: str, etype: str) -> None:
        self._names.add((canonical, etype))
        if etype == "PERSON":
            parts = canonical.split()
            if len(parts) >= 2:
                self._by_surname[parts[-1]].add(canonical)
                self._firsts[canonical].add(parts[0])

    def resolve(self, canonical: str, etype: str) -> str:
        """The global name for a document's (canonical, type)."""
        if (canonical, etype) in self._names or etype != "PERSON":
            return canonical
        parts = canonical.split()
        if not parts:
            return canonical
        known = self._by_surname.get(parts[-1], set())
        if len(parts) == 1:
            return next(iter(known)) if len(known) == 1 else canonical
        matches = [k for k in known if all(_first_compatible(f, parts[0]) for f in self._firsts[k])]
        if len(matches) == 1:
            match = matches[0]
            # prefer the fuller spelling as the global name only when it is already known
            return match
        return canonical

    def apply(self, entities: list[Entity]) -> list[Entity]:
        """Rename a document's entities to global names (merging any that collide) and
        remember them."""
        # surnames shared by several people named in full in this document: a lone
        # surname that the document itself left apart stays apart across documents too
        surnames = Counter(
            e.canonical.split()[-1]
            for e in entities
            if e.type == "PERSON" and len(e.canonical.split()) >= 2
        )
        local = {s for s, n in surnames.items() if n >= 2}
        merged: dict[tuple[str, str], Entity] = {}
        firsts: list[tuple[str, str]] = []
        for e in entities:
            parts = e.canonical.split()
            lone_here = e.type == "PERSON" and len(parts) == 1 and parts[0] in local
            name = e.canonical if lone_here else self.resolve(e.canonical, e.type)
            if e.type == "PERSON" and len(parts) >= 2:
                firsts.append((name, parts[0]))
            key = (name, e.type)
            if key in merged:
                merged[key].mentions.extend(e.mentions)
            else:
                merged[key] = Entity(name, e.type, list(e.mentions))
        for name, etype in merged:
            self.add(name, etype)
        for name, first in firsts:
            self._firsts[name].add(first)
        return list(merged.values())
