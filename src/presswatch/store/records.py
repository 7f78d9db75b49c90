"""What the store hands back: frozen records, plain data, no database handles."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: (start, end, text, form, canonical, type) of one mention, offsets into the text.
MentionRow = tuple[int, int, str, str, str, str]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One full-text search result; ``snippet`` marks matched terms with ``[`` and ``]``.

    ``score`` is higher for better matches (the negated BM25 rank).
    """

    id: str
    path: str
    title: str | None
    published: str | None
    outlet: str | None
    snippet: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "published": self.published,
            "outlet": self.outlet,
            "snippet": self.snippet,
            "score": self.score,
        }


@dataclass(frozen=True, slots=True)
class ActorRow:
    """An actor across the corpus: how often and in how many documents it is mentioned."""

    canonical: str
    type: str
    mentions: int
    documents: int
    first_published: str | None
    last_published: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "canonical": self.canonical,
            "type": self.type,
            "mentions": self.mentions,
            "documents": self.documents,
            "first_published": self.first_published,
            "last_published": self.last_published,
        }


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A stored document with its sources, mentions and extraction record."""

    id: str
    path: str
    title: str | None
    published: str | None
    outlet: str | None
    authors: list[str]
    url: str | None
    text: str
    sources: list[str]
    mentions: list[MentionRow]
    record: dict[str, Any]
    found: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    ingested_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "published": self.published,
            "outlet": self.outlet,
            "authors": list(self.authors),
            "url": self.url,
            "text": self.text,
            "sources": list(self.sources),
            "mentions": [
                {"start": s, "end": e, "text": t, "form": f, "canonical": c, "type": ty}
                for s, e, t, f, c, ty in self.mentions
            ],
            "record": self.record,
            "found": list(self.found),
            "extra": self.extra,
            "ingested_at": self.ingested_at,
        }
