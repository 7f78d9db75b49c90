"""Dated events: clauses in which an actor does something, with the date resolved.

Every DATE or TIME expression (:mod:`presswatch.nlp.timex`) that dates a happening
yields an event. The word the expression modifies in the parse — the nearest verb above
it, or an event noun on the way ("the February invasion", "last month's summit") — is
the *trigger*; the trigger's clause is the event's span; the entity mentions in its
subject (or "by" agent, or the possessor of an event noun) and then in the rest of the
clause are its actors, resolved to the document's entities.

Dates are resolved so that events can be put in order:

- calendar values (``2022-04-24``, ``2022-04``, ``2022-SP``, ``2022-W16``,
  ``1939/1940``) are kept, with their granularity; a part of day (``2024-11-19TMO``)
  dates the event to its day;
- ``PRESENT_REF`` ("now") gives the month of publication and ``PAST_REF`` ("recently")
  the month two weeks before it, both marked approximate;
- ``FUTURE_REF`` ("soon") in a past-tense clause ("soon followed") gives the month of
  the last date the text gave before it; otherwise the event is scheduled, undated;
- a duration before "after"/"before" in a sentence that has a date ("blown up on April
  26th, a day after an attack on …") dates the event after the preposition: that date
  minus (or plus) the duration;
- "since", "until" … mark the edge of a period, not the date of the happening, and do
  not date events.

A clause whose verb is an event verb (``data/events.yaml``) with a named actor as its
subject is an event even without a date expression. It is dated by publication only
when the tense and cues say it just happened — "has just announced", or a
present-tense headline verb in the first sentence ("Biden announces new aid") —
and is otherwise left undated (``date`` is ``None``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Token

from presswatch.models import Entity, Event, Span, Timex, granularity
from presswatch.nlp.mentions import MentionIndex

# clause parts that belong to another happening, not to the trigger's
_OTHER_CLAUSE = frozenset({"conj", "cc", "advcl", "parataxis", "punct", "mark", "preconj"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
_GROUP_PRONOUNS = frozenset({"it", "they", "them", "we"})
_RELATIVE = frozenset({"who", "which", "that"})
_MODALS = frozenset({"can", "could", "may", "might", "must", "should", "would", "ought"})
_PAST_AUX = frozenset({"had", "has", "have", "did", "was", "were"})
_MAX_HOPS = 6
_PAST_REF_LAG = dt.timedelta(days=14)
_RECENT = re.compile(r"(?i)\brecent|\blately\b")

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$")
_LEADING_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_DURATION = re.compile(r"^P(\d+)([DWMY])$")


@dataclass(frozen=True, slots=True)
class EventLexicon:
    event_verbs: frozenset[str]
    event_nouns: frozenset[str]
    range_edges: frozenset[str]
    hedges: frozenset[str]
    future_aux: frozenset[str]
    places: frozenset[str]
    motion_verbs: frozenset[str]
    actor_types: frozenset[str]
    state_verbs: frozenset[str]


@lru_cache(maxsize=1)
def event_lexicon() -> EventLexicon:
    text = resources.files("presswatch.data").joinpath("events.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return EventLexicon(
        **{
            key: frozenset(str(w) if key == "actor_types" else str(w).lower() for w in data[key])
            for key in EventLexicon.__slots__
        }
    )


# ------------------------------------------------------------------ date values
def _calendar(value: str) -> tuple[str, str] | None:
    """(date, granularity) for an event from a timex value, or ``None``. A part of day
    (``T`` + ``MO``/``AF``/``EV``/``NI``) is dropped; a clock time is kept."""
    unit = granularity(value)
    if unit is None:
        return None
    if unit == "day" and "T" in value:
        return value.split("T", 1)[0], "day"
    return value, unit


def parse_day(published: str | None) -> dt.date | None:
    """The day of a publication date (``2022-04-24``, or its first ten characters)."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _shift(day: dt.date, amount: int, unit: str) -> dt.date | None:
    """``day`` moved by ``amount`` days, weeks, months or years (clamped to month end)."""
    if unit == "D":
        return day + dt.timedelta(days=amount)
    if unit == "W":
        return day + dt.timedelta(weeks=amount)
    months = amount * (12 if unit == "Y" else 1)
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    if not 1 <= year <= 9999:
        return None
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))


def _starts_after(value: str, day: dt.date) -> bool:
    """Does the period of a calendar value begin after ``day`` ("2025" after 2024-11-20)?"""
    match = _LEADING_DATE.match(value)
    if match is None:
        return False
    year, month, mday = match.groups()
    # a week, season, quarter or range counts from the start of its year: cautious
    start = (int(year), int(month) if month else 1, int(mday) if mday else 1)
    return start > (day.year, day.month, day.day)


# ------------------------------------------------------------------ the extractor
class _Events:
    def __init__(
        self,
        doc: Doc,
        entities: list[Entity],
        timexes: list[Timex],
        published: str | None,
    ) -> None:
        self.doc = doc
        self.text = doc.text
        self.lex = event_lexicon()
        self.published = parse_day(published)
        self.timexes = sorted(timexes, key=lambda t: t.span.start)
        self.mentions = MentionIndex(entities)
        self._token_starts = [t.idx for t in doc]

    # -------------------------------------------------------------- tokens
    def _tokens(self, start: int, end: int) -> list[Token]:
        """The tokens that overlap ``[start, end)``."""
        first = max(0, bisect_right(self._token_starts, start) - 1)
        out = []
        for tok in self.doc[first:]:
            if tok.idx >= end:
                break
            if tok.idx + len(tok.text) > start:
                out.append(tok)
        return out

    @staticmethod
    def _root(tokens: list[Token]) -> Token:
        """The token of a span whose head lies outside it."""
        ids = {t.i for t in tokens}
        for tok in tokens:
            if tok.head.i not in ids or tok.head.i == tok.i:
                return tok
        return tokens[-1]

    def _is_event_noun(self, tok: Token) -> bool:
        return tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in self.lex.event_nouns

    def trigger(self, root: Token) -> Token | None:
        """The verb (or event noun) that a date expression dates."""
        tok = root
        for _ in range(_MAX_HOPS):
            head = tok.head
            if head.i == tok.i:
                return None
            if head.pos_ == "VERB" or (head.pos_ == "AUX" and head.dep_ == "ROOT"):
                return head
            if self._is_event_noun(head):
                return head
            tok = head
        return None

    # -------------------------------------------------------------- actors
    def _pronoun(self, tok: Token) -> str | None:
        """The nearest actor mentioned before a pronoun: a person for he/she, else a
        group, organisation or country."""
        want_person = tok.lower_ in _PERSON_PRONOUNS
        for s, _e, canonical, etype in self.mentions.before(tok.idx, 40):
            if s < tok.sent.start_char - 2000:
                break
            if (etype == "PERSON") == want_person and etype != "WEAPON":
                return canonical
        return None

    def _subject_tokens(self, trigger: Token) -> list[Token]:
        if trigger.pos_ in ("NOUN", "PROPN"):  # the possessor of an event noun
            return [c for c in trigger.children if c.dep_ in ("poss", "compound")]
        subjects = [c for c in trigger.children if c.dep_ in _SUBJECTS]
        for c in trigger.children:
            if c.dep_ == "agent":
                subjects += [g for g in c.children if g.dep_ == "pobj"]
        if not subjects and trigger.dep_ in ("conj", "xcomp") and trigger.head.pos_ == "VERB":
            return self._subject_tokens(trigger.head)
        return subjects

    @staticmethod
    def _head_phrase(tok: Token) -> tuple[Token, Token]:
        """The first and last token of a noun phrase without its clausal and
        prepositional modifiers ("weapons [held by Russia]"), "of" kept ("a pocket of
        Ukrainian soldiers")."""
        left, right = tok, tok
        for c in tok.children:
            if c.dep_ in ("acl", "relcl", "punct") or (c.dep_ == "prep" and c.lower_ != "of"):
                continue
            left = min(left, c.left_edge, key=lambda t: t.i)
            right = max(right, c.right_edge, key=lambda t: t.i)
        return left, right

    def _subject_actors(self, trigger: Token) -> list[str]:
        actors: list[str] = []
        for subj in self._subject_tokens(trigger):
            if subj.lower_ in _RELATIVE and trigger.dep_ == "relcl":
                subj = trigger.head
            if subj.lower_ in _PERSON_PRONOUNS or subj.lower_ in _GROUP_PRONOUNS:
                name = self._pronoun(subj)
                if name:
                    actors.append(name)
                continue
            left, right = self._head_phrase(subj)
            end = right.idx + len(right.text)
            actors += [m[2] for m in self.mentions.inside(left.idx, end, outermost=True)]
        return actors

    def _is_setting(self, start: int, etype: str, trigger: Token) -> bool:
        """Is the mention at ``start`` where the event happened ("in Germany", "to
        Moscow" or "visited Kyiv" after a verb of motion) rather than someone taking
        part in it?"""
        k = bisect_right(self._token_starts, start) - 1
        if k < 0:
            return False
        tok = self.doc[k]
        while tok.dep_ in ("compound", "amod", "det", "poss", "nmod") and tok.head.i != tok.i:
            tok = tok.head
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        motion = trigger.lemma_.lower() in self.lex.motion_verbs
        if tok.dep_ == "dobj" and tok.head.i == trigger.i:
            return motion and etype in ("GPE", "LOC")
        if tok.dep_ != "pobj":
            return False
        prep = tok.head.lower_
        if prep in self.lex.places:
            return True
        return motion and prep in ("to", "toward", "towards")

    def actors(self, trigger: Token, span: Span, exclude: Span | None) -> tuple[str, ...]:
        """Canonical names of who took part: the subject's actors first, then the other
        actors named in the clause (not places it happened in, not weapons)."""
        names = self._subject_actors(trigger)
        for s, e, canonical, etype in self.mentions.inside(span.start, span.end, outermost=True):
            if exclude is not None and s < exclude.end and exclude.start < e:
                continue
            if etype not in self.lex.actor_types or self._is_setting(s, etype, trigger):
                continue
            names.append(canonical)
        return tuple(dict.fromkeys(names))

    # -------------------------------------------------------------- clause span
    def clause(self, trigger: Token, must_cover: tuple[int, int] | None = None) -> Span:
        """The trigger's clause: its subtree without the parts that belong to another
        happening (conjoined or adverbial clauses, edge punctuation)."""
        if trigger.pos_ in ("NOUN", "PROPN"):
            left, right = trigger.left_edge.i, trigger.right_edge.i
        else:
            left = right = trigger.i
            for c in trigger.children:
                if c.dep_ in _OTHER_CLAUSE:
                    continue
                left = min(left, c.left_edge.i)
                right = max(right, c.right_edge.i)
        doc = self.doc
        while left < right and (doc[left].is_punct or doc[left].dep_ in ("cc", "mark", "prep")):
            left += 1
        while right > left and doc[right].is_punct:
            right -= 1
        start = doc[left].idx
        end = doc[right].idx + len(doc[right].text)
        if must_cover is not None:
            start, end = min(start, must_cover[0]), max(end, must_cover[1])
        # a clause does not run across a line break (a dateline, a byline, a heading)
        line_start, line_end = self._line(trigger.idx)
        start, end = max(start, line_start), min(end, line_end)
        while end > start and self.text[end - 1].isspace():
            end -= 1
        while start < end and self.text[start].isspace():
            start += 1
        return Span.of(self.text, start, end)

    def _line(self, pos: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        return start, len(self.text) if end < 0 else end

    # -------------------------------------------------------------- tense and status
    def _aux(self, trigger: Token) -> list[str]:
        return [c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")]

    def is_future(self, trigger: Token) -> bool:
        aux = self._aux(trigger)
        if any(a in self.lex.future_aux for a in aux):
            return True
        # "is going to visit", "plans to visit"
        return trigger.dep_ == "xcomp" and trigger.head.lemma_ in ("go", "plan", "intend")

    def is_past(self, trigger: Token) -> bool:
        if trigger.pos_ in ("NOUN", "PROPN"):
            return False
        aux = self._aux(trigger)
        if trigger.tag_ == "VBD" or any(
            a in ("had", "has", "have", "did", "was", "were") for a in aux
        ):
            return True
        return trigger.tag_ == "VBN" and not self.is_future(trigger)

    def status(self, trigger: Token, date: str | None) -> str:
        if any(c.lower_ in self.lex.hedges for c in trigger.children):
            return "reported"
        if self.is_future(trigger):
            return "scheduled"
        if date and self.published is not None and _starts_after(date, self.published):
            return "scheduled"
        if trigger.tag_ == "VBG" and any(a in ("is", "are", "am") for a in self._aux(trigger)):
            return "ongoing"
        return "occurred"

    @staticmethod
    def predicate(trigger: Token) -> str:
        lemma = trigger.lemma_.lower()
        particles = [c.lower_ for c in trigger.children if c.dep_ == "prt"]
        return " ".join([lemma, *particles])

    # -------------------------------------------------------------- dates
    def _date_before(self, pos: int, sentence_start: int | None = None) -> tuple[str, str] | None:
        """The last calendar date the text gave before ``pos`` (within the sentence
        when ``sentence_start`` is given)."""
        for t in reversed(self.timexes):
            if t.span.start >= pos:
                continue
            if sentence_start is not None and t.span.start < sentence_start:
                return None
            if t.type in ("DATE", "TIME"):
                cal = _calendar(t.value)
                if cal is not None:
                    return cal
        return None

    def resolve(self, timex: Timex, trigger: Token) -> tuple[str | None, str | None, bool]:
        """(date, granularity, approximate) of an event dated by ``timex``."""
        cal = _calendar(timex.value)
        if cal is not None:
            return cal[0], cal[1], False
        if self.published is None:
            return None, None, False
        if timex.value == "PRESENT_REF":
            return _month(self.published), "month", True
        if timex.value == "PAST_REF":
            # "recently", "lately": some two weeks back; "a few hours ago": this month
            recent = _RECENT.search(timex.span.text) is not None
            return (
                _month(self.published - (_PAST_REF_LAG if recent else dt.timedelta())),
                ("month"),
                True,
            )
        if timex.value == "FUTURE_REF" and self.is_past(trigger):
            before = self._date_before(timex.span.start)
            if before is not None:
                day = _DAY.match(before[0])
                month = before[0][:7] if day or before[1] == "month" else before[0]
                return month, "month" if day or before[1] == "month" else before[1], True
        return None, None, False

    # -------------------------------------------------------------- events
    def dated(self) -> list[Event]:
        events: list[Event] = []
        seen: dict[int, set[str | None]] = {}
        for timex in self.timexes:
            tokens = self._tokens(timex.span.start, timex.span.end)
            if not tokens:
                continue
            if timex.type == "DURATION":
                event = self._anchored(timex, tokens)
                if event is not None:
                    events.append(event)
                continue
            if timex.type not in ("DATE", "TIME"):
                continue
            root = self._root(tokens)
            before = tokens[0].nbor(-1) if tokens[0].i > 0 else None
            if before is not None and (
                before.lower_ in self.lex.range_edges or before.lower_ == "not"
            ):
                continue
            trigger = self.trigger(root)
            if trigger is None or self._apart(timex.span, trigger):
                continue
            if self._not_a_happening(trigger, timex):
                continue
            date, unit, approximate = self.resolve(timex, trigger)
            if date is None and timex.value != "FUTURE_REF":
                continue
            if date in seen.get(trigger.i, ()) or (approximate and trigger.i in seen):
                continue
            # a vague "now"/"recently" dates a happening only when someone does it, and
            # not a state or attitude ("experts now see parallels", "can now win")
            if approximate and (
                # "the current director", "recent estimates"; but "the recent summit"
                (root.dep_ == "amod" and root.head.i != trigger.i)
                or not self._subject_tokens(trigger)
                or trigger.lemma_.lower() in self.lex.state_verbs
                or any(a in _MODALS for a in self._aux(trigger))
                or any(c.dep_ == "neg" for c in trigger.children)
            ):
                continue
            cover = (timex.span.start, timex.span.end)
            # a second date for the same verb ("served as X from 1998 to 2001 and as Y
            # from 2005 to 2009"): the part of the clause that holds it
            part = self._part(trigger, root, cover) if trigger.i in seen else None
            if trigger.i in seen and part is None:
                continue
            span = part or self.clause(trigger, cover)
            seen.setdefault(trigger.i, set()).add(date)
            events.append(
                Event(
                    span=span,
                    trigger=Span.of(self.text, trigger.idx, trigger.idx + len(trigger.text)),
                    predicate=self.predicate(trigger),
                    date=date,
                    granularity=unit,
                    date_expression=timex.span,
                    date_approximate=approximate,
                    actors=self.actors(trigger, span, timex.span),
                    status=self.status(trigger, date),
                )
            )
        return events

    def _not_a_happening(self, trigger: Token, timex: Timex) -> bool:
        """An imperative ("Go ahead, April"), or a state with no one in it ("2021 should
        be a turning point"); a state over a stated period ("was deputy secretary from
        2005 to 2008") is kept as what the person did."""
        if trigger.pos_ in ("NOUN", "PROPN"):
            return False
        subjects = self._subject_tokens(trigger)
        if not subjects and trigger.tag_ == "VB" and not self._aux(trigger):
            return trigger.dep_ == "ROOT"  # an imperative, not an infinitive
        if trigger.lemma_.lower() in self.lex.state_verbs and "/" not in timex.value:
            return not self._subject_actors(trigger)
        return False

    def _part(self, trigger: Token, root: Token, cover: tuple[int, int]) -> Span | None:
        """The subtree under ``trigger`` that holds ``root``, as a span, when it is a
        coordinated part ("… and under secretary from 2005 to 2009"); ``None`` when the
        second date only restates the first ("on Wednesday, May 18")."""
        tok, part = root, None
        while tok.head.i != trigger.i and tok.head.i != tok.i:
            if tok.dep_ == "conj":
                part = tok  # the outermost coordinated part on the way up
            tok = tok.head
        if part is None:
            return None
        left, right = part.left_edge, part.right_edge
        start = min(left.idx, cover[0])
        end = max(right.idx + len(right.text), cover[1])
        return Span.of(self.text, start, end)

    def _apart(self, span: Span, trigger: Token) -> bool:
        """Are a date expression and its would-be trigger on different lines (a
        dateline parsed into the first sentence)?"""
        a, b = sorted((span.start, trigger.idx))
        return "\n" in self.text[a:b]

    def _anchored(self, timex: Timex, tokens: list[Token]) -> Event | None:
        """ "… on April 26th, a day after an attack on …": the attack is dated by the
        sentence's date minus the duration ("before": plus)."""
        last = tokens[-1]
        if last.i + 1 >= len(self.doc):
            return None
        prep = self.doc[last.i + 1]
        if prep.lower_ not in ("after", "before"):
            return None
        duration = _DURATION.match(timex.value)
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if duration is None or not objects:
            return None
        anchor = self._date_before(timex.span.start, prep.sent.start_char)
        if anchor is None or anchor[1] != "day":
            return None
        amount = int(duration.group(1)) * (-1 if prep.lower_ == "after" else 1)
        day = _shift(dt.date.fromisoformat(anchor[0]), amount, duration.group(2))
        if day is None:
            return None
        trigger = objects[0]
        span = self.clause(trigger)
        expression = Span.of(self.text, timex.span.start, prep.idx + len(prep.text))
        return Event(
            span=span,
            trigger=Span.of(self.text, trigger.idx, trigger.idx + len(trigger.text)),
            predicate=self.predicate(trigger),
            date=day.isoformat(),
            granularity="day",
            date_expression=expression,
            date_approximate=False,
            actors=self.actors(trigger, span, expression),
            status="occurred",
        )

    def undated(self, triggers: set[int]) -> list[Event]:
        """Clauses with an event verb and a named actor as subject, and no date."""
        events = []
        first_sentence_end = next(iter(self.doc.sents)).end if len(self.doc) else 0
        for tok in self.doc:
            if tok.pos_ != "VERB" or tok.i in triggers:
                continue
            if tok.lemma_.lower() not in self.lex.event_verbs or not self._finite(tok):
                continue
            subject = self._subject_actors(tok)
            if not subject:
                continue
            date, unit, approximate = self._just_happened(tok, first_sentence_end)
            span = self.clause(tok)
            events.append(
                Event(
                    span=span,
                    trigger=Span.of(self.text, tok.idx, tok.idx + len(tok.text)),
                    predicate=self.predicate(tok),
                    date=date,
                    granularity=unit,
                    date_expression=None,
                    date_approximate=approximate,
                    actors=self.actors(tok, span, None),
                    status=self.status(tok, None),
                )
            )
        return events

    def _finite(self, tok: Token) -> bool:
        """A verb that asserts a happening: finite, or a participle with its auxiliary,
        or a future; not an infinitive, a modal ("could win"), a bare gerund or a
        participle modifying a noun ("held by …")."""
        aux = self._aux(tok)
        if any(a in _MODALS for a in aux):
            return False
        if tok.tag_ in ("VBD", "VBZ", "VBP"):
            return True
        if tok.tag_ == "VB":
            return any(a in self.lex.future_aux or a in ("did", "does", "do") for a in aux)
        return bool(aux) and "to" not in aux

    def _just_happened(
        self, tok: Token, first_sentence_end: int
    ) -> tuple[str | None, str | None, bool]:
        """Publication date for "has just announced" and a present-tense headline verb
        ("Biden announces new aid") in the first sentence; no date otherwise."""
        if self.published is None:
            return None, None, False
        aux = self._aux(tok)
        just = any(c.lower_ == "just" for c in tok.children)
        headline = tok.i < first_sentence_end and tok.tag_ == "VBZ" and not aux
        if (just and any(a in ("has", "have") for a in aux)) or headline:
            return self.published.isoformat(), "day", True
        return None, None, False


def extract_events(
    doc: Doc, entities: list[Entity], timexes: list[Timex], published: str | None
) -> list[Event]:
    """Events of a parsed document, in text order: dated ones from its date expressions,
    and undated clauses with an event verb and a named actor."""
    finder = _Events(doc, entities, timexes, published)
    dated = finder.dated()
    triggers = {e.trigger.start for e in dated}
    trigger_ids = {t.i for t in doc if t.idx in triggers}
    events = dated + finder.undated(trigger_ids)
    return sorted(events, key=lambda e: (e.span.start, e.trigger.start))
