"""Numeric claims: numbers the text asserts, what they count, and who claims them.

The figures come from :func:`presswatch.nlp.quantities.find_quantities` (a pure reading
of the text); this module keeps those that are claims and reads the parse for the rest:

- a figure inside a DATE, TIME or SET expression is part of a date ("a year ago",
  "twice a day") and is dropped; durations ("more than 1,000 days") are kept;
- ``about`` is what is counted: the noun the figure counts with its adjectives,
  compounds and a participle clause ("Russian soldiers killed or injured"); for money,
  percentages, measures and vague magnitudes, the noun after "of"/"in"/"for" ("80
  percent of Russian land forces") or the noun the amount modifies ("$1 billion
  defense aid package");
- ``source`` is the speaker of the quote whose content holds the figure, else that of
  the transcript turn (:class:`presswatch.nlp.turns.Voices`), else ``"author"``;
- ``value_usd`` is the amount in US dollars at the domain pack's rate, when it has one.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Token

from presswatch.domain import DomainPack, to_usd
from presswatch.models import Entity, NumericClaim, Quote, Timex, Turn
from presswatch.nlp.quantities import Quantity, find_quantities, unit_lexicon
from presswatch.nlp.turns import Voices

_DATE_TYPES = frozenset({"DATE", "TIME", "SET"})
_MODIFIERS = frozenset({"amod", "compound", "nmod", "nummod", "quantmod"})
_OF_PREPS = frozenset({"of", "in", "for", "on", "worth"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_MAX_ABOUT = 8  # tokens
_MEASURES = frozenset(unit_lexicon().units.values())  # km, percent, days … not counted things


def extract_numeric_claims(
    doc: Doc,
    entities: list[Entity],
    quotes: list[Quote],
    timexes: list[Timex],
    pack: DomainPack,
    turns: list[Turn] | None = None,
) -> list[NumericClaim]:
    """Numeric claims of a parsed document, in text order."""
    text = doc.text
    dates = sorted((t.span.start, t.span.end) for t in timexes if t.type in _DATE_TYPES)
    date_starts = [s for s, _ in dates]
    voices = Voices(quotes, turns or [])
    tok_starts = [t.idx for t in doc]
    claims: list[NumericClaim] = []
    for q in find_quantities(text):
        if _in_date(q, dates, date_starts):
            continue
        about = _about(doc, tok_starts, q)
        claims.append(
            NumericClaim(
                span=q.span,
                value=q.value,
                unit=q.unit,
                qualifier=q.qualifier,
                approximate=q.approximate,
                about=about,
                source=voices.source_at(q.number.start),
                currency=q.currency,
                value_usd=to_usd(q.value, q.currency, None, pack) if q.currency else None,
            )
        )
    return claims


def _in_date(q: Quantity, dates: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether the figure overlaps a DATE/TIME/SET expression."""
    i = bisect_right(starts, q.number.end - 1)
    # expressions do not nest much: look back over the few that start before the end
    return any(s < q.number.end and q.number.start < e for s, e in dates[max(0, i - 3) : i])


def _token_at(doc: Doc, starts: list[int], char: int) -> Token | None:
    """The token covering character ``char``."""
    i = bisect_right(starts, char) - 1
    if i < 0:
        return None
    tok = doc[i]
    return tok if char < tok.idx + len(tok.text) else None


def _about(doc: Doc, starts: list[int], q: Quantity) -> str | None:
    anchor = _token_at(doc, starts, max(q.span.start, q.span.end - 1))
    if anchor is None:
        return None
    counted = q.kind in {"digits", "words"} and q.currency is None and q.unit is not None
    if counted and q.span.end > q.number.end and anchor.pos_ in _NOUNS and q.unit not in _MEASURES:
        return _phrase(anchor)
    # the figure's own head word ("percent", "$", "billion", "thousands")
    head = _token_at(doc, starts, q.number.end - 1) or anchor
    for _ in range(3):
        up = head.head
        if not (
            head.dep_ in {"nummod", "quantmod", "compound"}
            and up.i > head.i
            and up.pos_ in _NOUNS
            and up.idx < q.span.end
        ):
            break
        head = up
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in _OF_PREPS:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in _NOUNS | {"ADJ", "PRON"}:
                    return _phrase(pobj)
    up = head.head
    if head.dep_ in {"compound", "nmod", "amod", "nummod"} and up.pos_ in _NOUNS and up.i > head.i:
        return _phrase(up)
    if head.pos_ in _NOUNS and head.idx >= q.number.end:
        return _phrase(head)
    return None


def _phrase(noun: Token) -> str:
    """The noun with its adjective/compound modifiers and a participle clause."""
    picked = [noun]
    for child in noun.lefts:
        if child.dep_ in {"amod", "compound", "nmod"} and not child.like_num:
            picked.extend(t for t in child.subtree if not t.like_num and t.pos_ != "SYM")
    for child in noun.rights:
        if child.dep_ == "acl" and child.pos_ == "VERB":
            picked.append(child)
            for sub in child.children:
                if sub.dep_ in {"cc", "conj"}:
                    picked.append(sub)
            break
    toks = sorted({t.i: t for t in picked}.values(), key=lambda t: t.i)[:_MAX_ABOUT]
    out = [
        t.text + (t.whitespace_ if j + 1 < len(toks) and toks[j + 1].i == t.i + 1 else " ")
        for j, t in enumerate(toks)
    ]
    return "".join(out).strip()
