"""Build a Document from its text, the metadata the user gave, and what the text shows.

Given metadata (a manifest line, a JSON Lines record, the ``published`` argument)
always wins over metadata found in the text; ``Document.found`` names the fields that
came from the text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from presswatch.ingest.dates import normalise_date
from presswatch.ingest.failures import Rejected
from presswatch.ingest.names import split_names
from presswatch.models import Document

META_FIELDS = ("title", "published", "outlet", "authors", "url")


@dataclass(frozen=True, slots=True)
class Given:
    """Metadata the user gave for a document (all optional)."""

    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    url: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def over(self, defaults: Given) -> Given:
        """These values, falling back to ``defaults`` (e.g. a record over its manifest line)."""
        return Given(
            title=self.title or defaults.title,
            published=self.published or defaults.published,
            outlet=self.outlet or defaults.outlet,
            authors=self.authors or defaults.authors,
            url=self.url or defaults.url,
            extra={**defaults.extra, **self.extra},
        )

    def with_published(self, published: str | None) -> Given:
        """A copy whose date is ``published`` when that is set (the override argument)."""
        return self if published is None else replace(self, published=published)


def given_from_record(
    record: Mapping[str, Any], *, consumed: frozenset[str], code: str, keep_published: bool = True
) -> Given:
    """The metadata fields of a JSON record; other fields (not ``consumed``) go to extra.

    Raises Rejected: ``code`` for a field of the wrong type, "bad-date" for a
    ``published`` that is not a date (the record is rejected so the user can fix it;
    an empty string or null means "unknown" and is accepted).
    When ``keep_published`` is false (a date override is in force) the record's own
    date is ignored, not checked.
    """
    published = record.get("published") if keep_published else None
    if isinstance(published, str) and not published.strip():
        published = None  # "published": "" says the date is unknown
    return Given(
        title=_string(record, "title", code),
        published=_date(published) if published is not None else None,
        outlet=_string(record, "outlet", code),
        authors=_authors(record.get("authors"), code),
        url=_string(record, "url", code),
        extra={k: v for k, v in record.items() if k not in consumed and k not in META_FIELDS},
    )


def build_document(text: str, path: str, given: Given, found: Mapping[str, Any]) -> Document:
    """The Document of ``text``: given metadata first, then what was ``found`` in it."""
    doc = Document(text=text, path=path, extra=dict(given.extra))
    given_values: dict[str, Any] = {
        "title": given.title,
        "published": given.published,
        "outlet": given.outlet,
        "authors": list(given.authors),
        "url": given.url,
    }
    for name in META_FIELDS:
        value = given_values[name] or found.get(name)
        if not value:
            continue
        setattr(doc, name, list(value) if name == "authors" else value)
        if not given_values[name]:
            doc.found.append(name)
    return doc


def _string(record: Mapping[str, Any], key: str, code: str) -> str | None:
    """A string field (numbers are written as text); None when absent or blank."""
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise Rejected(code, f"field {key!r} must be a string, not {_kind(value)}")
    text = str(value).strip()
    return text or None


def _date(value: Any) -> str:
    """A given ``published`` value as ISO; Rejected("bad-date") when it is not a date."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise Rejected("bad-date", f"published must be a date string, not {_kind(value)}")
    try:
        return normalise_date(str(value))
    except ValueError:
        raise Rejected(
            "bad-date", f"published {str(value)[:60]!r} is not a date (use YYYY-MM-DD)"
        ) from None


def _authors(value: Any, code: str) -> tuple[str, ...]:
    """Authors given as a list of names or one string ("A and B", "A, B")."""
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(split_names(value))
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(name.strip() for name in value if name.strip())
    kind = "a list with items that are not strings" if isinstance(value, list) else _kind(value)
    raise Rejected(code, f"field 'authors' must be a string or a list of strings, not {kind}")


def _kind(value: Any) -> str:
    """The JSON name of a value's type, for messages."""
    names = {dict: "an object", list: "a list", bool: "true/false", str: "a string"}
    if value is None:
        return "null"
    return names.get(
        type(value), "a number" if isinstance(value, int | float) else type(value).__name__
    )
