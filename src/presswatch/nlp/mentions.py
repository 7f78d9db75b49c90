"""An index of a document's resolved entity mentions by position, for the extractors
that read actors out of clauses (events, commitments)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from presswatch.models import Entity

#: ``(start, end, canonical, type)`` of one mention.
MentionTuple = tuple[int, int, str, str]


class MentionIndex:
    def __init__(self, entities: list[Entity]) -> None:
        self.mentions: list[MentionTuple] = sorted(
            (m.span.start, m.span.end, e.canonical, e.type) for e in entities for m in e.mentions
        )
        self._starts = [m[0] for m in self.mentions]
        self._types = {e.canonical: e.type for e in entities}

    def inside(self, start: int, end: int, *, outermost: bool = False) -> list[MentionTuple]:
        """Mentions within ``[start, end)`` in text order; with ``outermost``, without
        those nested in a longer one ("German" in "German Chancellor Olaf Scholz")."""
        out: list[MentionTuple] = []
        for m in self.mentions[bisect_left(self._starts, start) :]:
            if m[0] >= end:
                break
            if m[1] > end:
                continue
            if outermost and out and m[1] <= out[-1][1]:
                continue  # inside the previous (longer or equal-start) mention
            if outermost and out and out[-1][0] == m[0]:
                out[-1] = m  # same start, longer: the longer one stands
                continue
            out.append(m)
        return out

    def before(self, pos: int, limit: int) -> Iterator[MentionTuple]:
        """The last ``limit`` mentions starting before ``pos``, nearest first."""
        k = bisect_left(self._starts, pos)
        return reversed(self.mentions[max(0, k - limit) : k])

    def type_of(self, canonical: str) -> str | None:
        """The type of the entity of that canonical name in this document."""
        return self._types.get(canonical)
