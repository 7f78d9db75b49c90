"""Metadata found in an article's own text: title, date, authors, outlet.

:func:`sniff_metadata` looks only where such things conventionally sit:

- **title**: the first Markdown level-1 heading (``# Title``) among the first lines,
  else a ``title:`` field of a front-matter block (``---`` ... ``---``);
- **published**: a dateline standing alone on a line near the top (``> Apr 30th 2022``,
  ``April 30, 2022``, ``Published: 30 April 2022``), else a front-matter ``date:``;
- **authors**: a byline near the top (``By Jane Doe and John Roe``), a closing line of
  names followed by biographies starting with those names, an author note at the end
  (``* Jane Doe is a Reuters correspondent.`` among the last lines), else a front-matter
  ``author:``;
- **outlet**: the publication named in such an author note.

It never invents: a field is returned only when it was found.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from presswatch.ingest.dates import normalise_date
from presswatch.ingest.names import is_person_name, split_names, word_set

HEAD_LINES = 15  # datelines and bylines are looked for in this many non-blank lines
TITLE_LINES = 20  # the level-1 heading is looked for in this many non-blank lines
TAIL_LINES = 12  # closing bylines are looked for in this many non-blank lines at the end
NOTE_LINES = 4  # author notes: this many non-blank lines at the end
MAX_BYLINE_CHARS = 120
MAX_NOTE_CHARS = 600

_H1 = re.compile(r"^ {0,3}#[ \t]+(?P<title>.*?)(?:[ \t]+#+)?[ \t]*$")
_QUOTE_OR_EMPHASIS = re.compile(r"^[>\s*_]+|[\s*_]+$")
_DATE_PREFIX = re.compile(
    r"^(?:(?:first\s+)?published|posted|updated|date|dated)(?:\s+on)?\s*:?\s*", re.IGNORECASE
)
_BYLINE = re.compile(r"^by\s+(?P<names>.+)$", re.IGNORECASE)
_AFFILIATION_BREAK = re.compile(r"\s+[|–—]\s+|\s+-\s+")
_NOTE = re.compile(r"^(?P<name>[^,]+?)\s+is\s+(?:an?|the)\s+(?P<desc>.+)$")
_ROLE = re.compile(
    r"^(?:columnist|writer|contributor|editor|correspondent|reporter|journalist|"
    r"commentator|blogger|critic|producer)s?[,.;:]?$",
    re.IGNORECASE,
)
_LINKS = frozenset({"for", "at", "with", "of", "on"})
_RANKS = word_set(
    """
    senior chief contributing staff associate deputy managing executive former regular
    frequent guest special foreign political national
    """
)
_OUTLET_INNER = frozenset({"of", "and", "&", "on", "the"})
_FRONT_MATTER_FENCE = "---"
_FRONT_MATTER_END = frozenset({"---", "..."})
_FRONT_MATTER_MAX_LINES = 60
_FRONT_MATTER_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)$")


def sniff_metadata(text: str) -> dict[str, Any]:
    """Title, published (ISO), authors (list) and outlet found in ``text``.

    Only the keys that were found are present.
    """
    lines = text.splitlines()
    front, body_start = _front_matter(lines)
    body = [line for line in lines[body_start:] if line.strip()]
    found: dict[str, Any] = {}
    title = _markdown_title(body[:TITLE_LINES]) or _front_title(front)
    if title:
        found["title"] = title
    published = _dateline(body[:HEAD_LINES]) or _front_date(front)
    if published:
        found["published"] = published
    note = _author_note(body[-NOTE_LINES:])
    authors = _authors(body, note, front)
    if authors:
        found["authors"] = authors
    if note is not None and note[1]:
        found["outlet"] = note[1]
    return found


# --- title -----------------------------------------------------------------------


def _markdown_title(lines: list[str]) -> str | None:
    """The text of the first ``# `` heading line (not ``##``), or None."""
    for line in lines:
        match = _H1.match(line)
        if match and match["title"].strip():
            return match["title"].strip()
    return None


# --- date ------------------------------------------------------------------------


def _dateline(lines: list[str]) -> str | None:
    """The ISO date of the first line that is only a full date (day precision).

    A bare number (``20220430``) is not taken for a dateline.
    """
    for line in lines:
        candidate = _DATE_PREFIX.sub("", _unmark(line))
        if not candidate[:1].isalnum() or candidate.isdigit() or len(candidate) > 40:
            continue
        try:
            iso = normalise_date(candidate)
        except ValueError:
            continue
        if len(iso) == len("YYYY-MM-DD"):
            return iso
    return None


def _unmark(line: str) -> str:
    """``line`` without blockquote marks and emphasis around it."""
    return _QUOTE_OR_EMPHASIS.sub("", line)


# --- authors ---------------------------------------------------------------------


def _authors(
    body: list[str], note: tuple[str, str | None] | None, front: dict[str, str]
) -> list[str]:
    """Authors from the opening byline, the closing byline and the author note."""
    authors = _opening_byline(body[:HEAD_LINES]) or _closing_byline(body[-TAIL_LINES:])
    if note is not None and note[0] not in authors:
        authors.append(note[0])
    return authors or _front_authors(front)


def _opening_byline(lines: list[str]) -> list[str]:
    """Names in a ``By Jane Doe and John Roe`` line near the top."""
    for line in lines:
        match = _BYLINE.match(_unmark(line))
        if match is None or len(line) > MAX_BYLINE_CHARS:
            continue
        names = _AFFILIATION_BREAK.split(match["names"])[0]
        people = _names_before_affiliation(split_names(names))
        if people:
            return people
    return []


def _names_before_affiliation(parts: list[str]) -> list[str]:
    """``parts`` if all are names, or all but a last non-name (``Jane Doe, Reuters``)."""
    if parts and not is_person_name(parts[-1]):
        parts = parts[:-1]
    if parts and all(is_person_name(p) for p in parts):
        return parts
    return []


def _closing_byline(lines: list[str]) -> list[str]:
    """Names on a line made only of names, followed by a bio starting with one of them."""
    for line, following in itertools.pairwise(lines):
        if len(line) > MAX_BYLINE_CHARS:
            continue
        parts = split_names(_unmark(line))
        if not parts or not all(is_person_name(p) for p in parts):
            continue
        if any(_starts_with_person(following, name) for name in parts):
            return parts
    return []


def _starts_with_person(line: str, name: str) -> bool:
    """Whether ``line`` opens with ``name`` (middle names may differ: Eric S. Edelman)."""
    tokens = name.split()
    words = _unmark(line).split()
    if not words or words[0] != tokens[0]:
        return False
    return tokens[-1] in words[1 : len(tokens) + 2]


def _author_note(lines: list[str]) -> tuple[str, str | None] | None:
    """(author, outlet or None) from ``* Jane Doe is a Reuters correspondent`` at the end."""
    for line in reversed(lines):
        if len(line) > MAX_NOTE_CHARS:
            continue
        match = _NOTE.match(_unmark(line).lstrip("†‡—–- "))
        if match is None or not is_person_name(match["name"]):
            continue
        words = match["desc"].split()
        role = next((i for i, w in enumerate(words) if _ROLE.match(w)), None)
        if role is None:
            continue
        outlet = _outlet_after(words[role + 1 :]) or _outlet_before(words[:role])
        return match["name"], outlet
    return None


def _outlet_after(words: list[str]) -> str | None:
    """``The Washington Post`` in ``for The Washington Post, covering ...``."""
    if not words or words[0].lower() not in _LINKS:
        return None
    taken: list[str] = []
    for word in words[1:]:
        bare = word.rstrip(",.;:")
        if bare[:1].isupper() or (bare.lower() in _OUTLET_INNER and (taken or bare == "the")):
            taken.append(bare)
        else:
            break
        if bare != word:
            break
    while taken and taken[-1].lower() in _OUTLET_INNER:
        taken.pop()
    if taken and taken[0] == "the":
        taken = taken[1:]
    return " ".join(taken) or None


def _outlet_before(words: list[str]) -> str | None:
    """``Bloomberg Opinion`` in ``a Bloomberg Opinion columnist``."""
    taken: list[str] = []
    for word in reversed(words):
        if not _capitalised(word) or word.lower() in _RANKS:
            break
        taken.insert(0, word)
    return " ".join(taken) or None


def _capitalised(word: str) -> bool:
    """``Reuters``, ``Al-Monitor`` but not ``Prize-winning``."""
    return all(part[:1].isupper() for part in word.split("-"))


# --- front matter ----------------------------------------------------------------


def _front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    """The ``key: value`` fields of a leading ``---`` block, and where the body starts."""
    if not lines or lines[0].lstrip("\ufeff").strip() != _FRONT_MATTER_FENCE:
        return {}, 0
    fields: dict[str, str] = {}
    key: str | None = None
    for index, line in enumerate(lines[1:_FRONT_MATTER_MAX_LINES], start=1):
        if line.strip() in _FRONT_MATTER_END:
            return fields, index + 1
        match = _FRONT_MATTER_FIELD.match(line)
        if match:
            key = match["key"].lower()
            fields[key] = _unquote(match["value"])
        elif key is not None and line.strip().startswith("- "):
            item = _unquote(line.strip()[2:])
            fields[key] = f"{fields[key]}; {item}" if fields[key] else item
    return {}, 0


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1].strip()
    if value.startswith("[") and value.endswith("]"):
        return "; ".join(_unquote(v) for v in value[1:-1].split(",") if v.strip())
    return value


def _front_title(front: dict[str, str]) -> str | None:
    return front.get("title") or None


def _front_date(front: dict[str, str]) -> str | None:
    for key in ("published", "date", "pubdate"):
        if front.get(key):
            try:
                return normalise_date(front[key])
            except ValueError:
                continue
    return None


def _front_authors(front: dict[str, str]) -> list[str]:
    for key in ("authors", "author"):
        if front.get(key):
            return split_names(front[key])
    return []
