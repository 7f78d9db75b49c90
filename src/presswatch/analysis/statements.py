"""The same statement reported by several documents, linked.

Quotes of one speaker are grouped when their words are the same or nearly so: at least
``threshold`` of the shorter quote's words appear in the longer one (so a paraphrase
that carries the verbatim words — "the U.S. wants to “see Russia weakened …”" — joins
the direct quote "We want to see Russia weakened …"). Very short quotes join only when
identical. Each group is one :class:`Statement` with all its sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

WORD = re.compile(r"\w+")
MIN_WORDS = 5


def words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


def same_statement(a: set[str], b: set[str], threshold: float = 0.8) -> bool:
    """Do two quotes (as word sets) report the same words?"""
    if not a or not b:
        return False
    if min(len(a), len(b)) < MIN_WORDS:
        return a == b
    return len(a & b) / min(len(a), len(b)) >= threshold


@dataclass(slots=True)
class Statement:
    """One statement of one speaker, with every document that reports it."""

    speaker: str | None
    text: str
    type: str
    sources: list[dict[str, Any]] = field(default_factory=list)
    _words: set[str] = field(default_factory=set, repr=False)

    @property
    def first_published(self) -> str | None:
        dates = [s["published"] for s in self.sources if s.get("published")]
        return min(dates) if dates else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "text": self.text,
            "type": self.type,
            "first_published": self.first_published,
            "sources": self.sources,
        }


def link_statements(rows: Iterable[dict[str, Any]], threshold: float = 0.8) -> list[Statement]:
    """Group quote rows (``Store.quotes()``) into statements, in order of first report.
    A statement's text is its longest direct report (or its longest report)."""
    out: list[Statement] = []
    for row in rows:
        ws = words(row["text"])
        source = {
            "doc_id": row["doc_id"],
            "published": row.get("published"),
            "title": row.get("title"),
            "path": row.get("path"),
            "type": row["type"],
            "cue": row.get("cue"),
            "start": row["start"],
            "end": row["end"],
            "text": row["text"],
        }
        match = next(
            (
                s
                for s in out
                if (s.speaker or "").lower() == (row.get("speaker") or "").lower()
                and same_statement(s._words, ws, threshold)
            ),
            None,
        )
        if match is None:
            out.append(Statement(row.get("speaker"), row["text"], row["type"], [source], ws))
            continue
        match.sources.append(source)
        better = (row["type"] == "direct", len(row["text"])) > (
            match.type == "direct",
            len(match.text),
        )
        if better:
            match.text, match.type = row["text"], row["type"]
    return out
