"""Typed records that flow through presswatch: file -> Document -> records -> store.

Every fact carries a :class:`Span` into ``Document.text`` (0-based ``str`` offsets,
``end`` exclusive), so that ``doc.text[span.start:span.end] == span.text``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from presswatch.data import read_data

ENTITY_TYPES: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "NORP", "WEAPON")

MentionForm = Literal["name", "variant", "abbreviation", "title", "nominal", "adjectival"]


def text_id(text: str) -> str:
    """The identity of a document: sha256 of its text (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass(slots=True)
class Document:
    """One article as read from its source, before any parsing.

    ``path`` names where it came from (a file path, ``file.jsonl:12`` for a line of a
    JSON Lines file). Metadata given by the user wins over metadata found in the text;
    ``found`` lists the fields that were sniffed from the text.
    """

    text: str
    path: str
    title: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD (or YYYY-MM / YYYY)
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    url: str | None = None
    found: list[str] = field(default_factory=list)
    # other fields a JSON Lines record or manifest line carried (e.g. "id", "category")
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return text_id(self.text)

    def meta_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "published": self.published,
            "outlet": self.outlet,
            "authors": list(self.authors),
            "url": self.url,
        }


@dataclass(frozen=True, slots=True)
class IngestFailure:
    """Why one input (a file, or one line of a JSON Lines file) was not ingested."""

    path: str
    code: str  # stable machine code, e.g. "empty", "binary", "encoding", "too-large"
    reason: str  # one line a user can act on
    line: int | None = None

    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    def message(self) -> str:
        return f"{self.where()}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "code": self.code, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an actor in a document, before resolution."""

    span: Span
    type: str  # one of ENTITY_TYPES
    form: str = "name"  # one of MentionForm
    # a key used by the resolver to pre-link mentions (e.g. a domain-pack canonical)
    hint: str | None = None
    # role titles: (country canonical or None, normalised role phrase), e.g.
    # ("Germany", "chancellor"); and, for an appositive title, the span of the name it
    # stands beside ("Lloyd Austin, America's defence secretary")
    role: tuple[str | None, str] | None = None
    anchor: Span | None = None


@dataclass(slots=True)
class Entity:
    """A resolved actor within one document, with all its mentions."""

    canonical: str
    type: str
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "canonical": self.canonical,
            "type": self.type,
            "mentions": [
                {**m.span.to_dict(), "form": m.form}
                for m in sorted(self.mentions, key=lambda m: (m.span.start, m.span.end))
            ],
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """One reported statement: its content span, type, cue and speaker."""

    type: str  # direct | indirect | mixed
    content: Span
    cue: Span | None
    speaker: str | None  # entity canonical, a label, or None
    speaker_mention: Span | None
    cognitive: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "quote": self.content.to_dict(),
            "speaker": self.speaker,
            "speaker_mention": self.speaker_mention.to_dict() if self.speaker_mention else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "cognitive": self.cognitive,
        }


#: What a transcript turn's label says of its speaker (:class:`Turn`).
TURN_ROLES: tuple[str, ...] = ("question", "office", "named", "official", "other")


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker's turn in a transcript, from its label ("MS. JEAN-PIERRE:", "THE
    PRESIDENT:", "Q") to the next label.

    ``speaker`` is an entity canonical ("Karine Jean-Pierre"), the office holder a
    title names ("THE PRESIDENT:" on the White House's site in 2022: "Joe Biden"), a
    label for an unnamed speaker ("reporter", "senior administration official"), or
    ``None``. ``role`` (one of :data:`TURN_ROLES`) says what the label gives: a
    reporter's ``question``, a title of ``office`` ("PRESIDENT MACRON"), a ``named``
    person ("MR. KIRBY"), an unnamed ``official`` or aide, or some ``other`` role
    ("MODERATOR").
    """

    span: Span
    label: Span
    speaker: str | None
    role: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": {"start": self.span.start, "end": self.span.end},
            "label": self.label.to_dict(),
            "speaker": self.speaker,
            "role": self.role,
        }


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression with its TIMEX3 type (DATE TIME DURATION SET) and value;
    ``mod`` is TIMEX3's modifier for the part of the period meant ("early April":
    ``START``, "mid-2023": ``MID``, "late last month", "the end of the year": ``END``),
    or ``None``."""

    span: Span
    type: str
    value: str
    mod: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "type": self.type, "value": self.value, "mod": self.mod}


EVENT_STATUSES: tuple[str, ...] = ("occurred", "ongoing", "scheduled", "reported")
GRANULARITIES: tuple[str, ...] = (
    "time",
    "day",
    "week",
    "month",
    "season",
    "quarter",
    "year",
    "decade",
    "century",
    "range",
)
_CALENDAR_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(T.*)?$")
_CLOCK = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_GRANULARITY: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^\d{4}-W\d{2}(-WE)?$"), "week"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^\d{4}-(Q[1-4]|H[12])$"), "quarter"),
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{3}$"), "decade"),
    (re.compile(r"^\d{2}$"), "century"),
    (re.compile(r"^[\dA-Z-]+/[\dA-Z-]+$"), "range"),
)


def granularity(value: str) -> str | None:
    """The unit of a TIMEX3 calendar value, one of :data:`GRANULARITIES` (``time``,
    ``day``, ``week`` (a weekend too), ``month`` …); ``None`` for values
    that are not calendar dates (``PRESENT_REF``, ``P3D``, ``XXXX-WXX-2``)."""
    if "X" in value:
        return None
    if _CALENDAR_DAY.match(value):
        return "time" if _CLOCK.match(value) else "day"
    for pattern, unit in _GRANULARITY:
        if pattern.match(value):
            return unit
    return None


@dataclass(frozen=True, slots=True)
class Event:
    """Something an actor did (or that happened), with its resolved date.

    ``date`` is a TIMEX3-style calendar value (``2022-04-24``, ``2022-04``, ``2022``,
    ``2022-SP``, ``1939/1940``) or ``None`` when the text gives no date and the tense
    does not say it just happened. ``granularity`` names the unit of ``date``;
    ``date_approximate`` marks a date inferred from a vague reference ("recently",
    "now") or from the publication date rather than read from a date expression.
    """

    span: Span
    trigger: Span
    predicate: str  # lemma of the event word: "visit", "announce", "invasion"
    date: str | None
    granularity: str | None
    date_expression: Span | None
    date_approximate: bool
    actors: tuple[str, ...]
    status: str  # occurred | ongoing | scheduled | reported

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": self.span.to_dict(),
            "trigger": self.trigger.to_dict(),
            "predicate": self.predicate,
            "date": self.date,
            "granularity": self.granularity,
            "date_expression": self.date_expression.to_dict() if self.date_expression else None,
            "date_approximate": self.date_approximate,
            "actors": list(self.actors),
            "status": self.status,
        }


@dataclass(frozen=True, slots=True)
class NumericClaim:
    """A number the text asserts: its value, unit, qualifier, what it measures, and who
    claims it (a quote's speaker, or ``"author"``).

    ``value`` is a plain number (``75000``, ``1e9`` for "$1 billion", ``0.5`` for
    "half" … as the unit says: ``percent`` values are 0-100); ``unit`` a plural noun or
    a currency code (``USD``, ``EUR``); ``qualifier`` the hedge as written ("more
    than", "about", "up to", "at least", "some") or ``None``; ``approximate`` is true
    for hedges that make the number approximate ("about", "some", "roughly") and for
    vague magnitudes ("thousands"). ``about`` is what is counted ("Russian soldiers
    killed or injured").
    """

    span: Span
    value: float
    unit: str | None
    qualifier: str | None
    approximate: bool
    about: str | None
    source: str | None  # entity canonical, a label, "author", or None
    currency: str | None = None  # ISO 4217 code for money amounts
    value_usd: float | None = None  # money converted with the domain pack's rates

    def to_dict(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {
            "span": self.span.to_dict(),
            "value": value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "approximate": self.approximate,
            "about": self.about,
            "source": self.source,
            "currency": self.currency,
            "value_usd": self.value_usd,
        }


COMMITMENT_STATUSES: tuple[str, ...] = (
    "proposed",
    "requested",
    "announced",
    "authorised",
    "being-prepared",
    "delivered",
    "reported",
)
#: Statuses of aid not yet committed: a donor's proposal, a recipient's request.
UNCOMMITTED_STATUSES: frozenset[str] = frozenset({"proposed", "requested"})
#: The kinds of aid (:func:`aid_kind`).
AID_KINDS: tuple[str, ...] = ("military", "financial", "humanitarian", "other", "unspecified")


@lru_cache(maxsize=1)
def _kind_of_class() -> dict[str, str]:
    kinds = read_data("commitments.yaml")["item_kinds"]
    return {str(c).lower(): str(kind) for kind, classes in kinds.items() for c in classes}


def aid_kind(item_class: str | None) -> str:
    """The kind of aid an item class is: as the commitments lexicon's ``item_kinds``
    say; ``unspecified`` for no class or the umbrella ``aid``; ``military`` for any
    other class (the classes of a domain pack's weapons: "rocket artillery")."""
    if not item_class or item_class.lower() == "aid":
        return "unspecified"
    return _kind_of_class().get(item_class.lower(), "military")


@dataclass(frozen=True, slots=True)
class Commitment:
    """Aid pledged, sent or asked for: donor -> recipient, what, how much, how sure.

    ``item`` is a named system from the domain pack ("Gepard anti-aircraft vehicle") or
    a class ("tanks", "air defence", "ammunition", "financial aid", "permission to use
    ATACMS inside Russia"); ``amount``/``currency`` the money as written and
    ``value_usd`` converted with the domain pack's rates; ``status`` one of
    :data:`COMMITMENT_STATUSES`; ``date`` a calendar value resolved against the
    publication date (from the clause's date expression), or ``None``, and ``date_mod``
    the expression's TIMEX3 modifier (``START``/``MID``/``END``: "late last month");
    ``source`` whose word it rests on (a quote's speaker or ``"author"``).
    """

    span: Span
    donor: str | None
    recipient: str | None
    item: str
    item_class: str | None
    quantity: float | None
    amount: float | None
    currency: str | None
    value_usd: float | None
    status: str
    date: str | None
    date_expression: Span | None
    source: str | None
    trigger: Span | None = None
    #: the text names no giver: ``donor`` is the domain pack's coalition for the
    #: recipient, or the maker of a weapon whose use was permitted
    donor_inferred: bool = False
    date_mod: str | None = None

    def to_dict(self) -> dict[str, Any]:
        quantity: float | int | None = self.quantity
        if quantity is not None and float(quantity).is_integer():
            quantity = int(quantity)
        return {
            "span": self.span.to_dict(),
            "donor": self.donor,
            "recipient": self.recipient,
            "item": self.item,
            "item_class": self.item_class,
            "quantity": quantity,
            "amount": self.amount,
            "currency": self.currency,
            "value_usd": self.value_usd,
            "status": self.status,
            "date": self.date,
            "date_mod": self.date_mod,
            "date_expression": self.date_expression.to_dict() if self.date_expression else None,
            "source": self.source,
            "trigger": self.trigger.to_dict() if self.trigger else None,
            "donor_inferred": self.donor_inferred,
            "kind": aid_kind(self.item_class),
        }


STANCE_LABELS: tuple[str, ...] = ("favor", "against", "mixed")
#: where a piece of stance evidence comes from: the holder's own words, a position
#: the text reports them taking ("Trump called for ..."), or the author's voice
EVIDENCE_KINDS: tuple[str, ...] = ("quote", "position", "author")


@dataclass(frozen=True, slots=True)
class StanceEvidence:
    """One sentence or quote that argues a side of a proposition, for one holder."""

    span: Span
    side: str  # favor | against
    kind: str  # one of EVIDENCE_KINDS
    topic: str = ""  # the words that say it is about the proposition
    cues: tuple[str, ...] = ()  # the words that decided the side
    score: float = 0.0  # how sure: cue weight, plus embedding agreement when on

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.span.to_dict(),
            "side": self.side,
            "kind": self.kind,
            "topic": self.topic,
            "cues": list(self.cues),
            "score": round(self.score, 3),
        }


@dataclass(frozen=True, slots=True)
class Stance:
    """Where ``holder`` stands on a proposition of the domain pack in one document.

    ``stance`` is ``favor`` or ``against`` when all the evidence agrees, ``mixed`` when
    it argues both sides; ``evidence`` is the first piece, ``support`` all of them in
    text order; ``date`` the document's publication date (stances are dated by the
    text that reports them).
    """

    holder: str
    proposition: str
    stance: str
    evidence: Span
    support: tuple[StanceEvidence, ...]
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "holder": self.holder,
            "proposition": self.proposition,
            "stance": self.stance,
            "evidence": self.evidence.to_dict(),
            "additional_evidence": [
                e.span.to_dict() for e in self.support if e.span != self.evidence
            ],
            "support": [e.to_dict() for e in self.support],
            "date": self.date,
        }


@dataclass(slots=True)
class Extraction:
    """The extraction record of one document (see docs/extraction-format.md)."""

    doc: Document
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    numeric_claims: list[NumericClaim] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    turns: list[Turn] = field(default_factory=list)

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        doc = self.doc.meta_dict()
        if include_text:
            doc["text"] = self.doc.text
        return {
            "doc": doc,
            "entities": [e.to_dict() for e in self.entities],
            "quotes": [q.to_dict() for q in self.quotes],
            "timexes": [t.to_dict() for t in self.timexes],
            "events": [e.to_dict() for e in self.events],
            "numeric_claims": [n.to_dict() for n in self.numeric_claims],
            "commitments": [c.to_dict() for c in self.commitments],
            "stances": [s.to_dict() for s in self.stances],
            "turns": [t.to_dict() for t in self.turns],
        }
