"""Transcript turns: who speaks each part of a briefing, a press call or an interview.

Transcripts open each speaker's turn with a label at the start of a line, in capitals
and followed by a colon ("MS. JEAN-PIERRE:  So, look …", "THE PRESIDENT:",
"SENIOR ADMINISTRATION OFFICIAL:"), or with ``Q`` for a reporter's question. What a turn
says rests on its speaker, not on the author of the page: a figure the press secretary
gives is hers, and "we" in a foreign leader's answer is that leader's country.

:func:`extract_turns` reads the labels and resolves each to its speaker
(``data/turns.yaml`` has the words):

- ``Q`` is a ``reporter`` (role ``question``);
- honorifics and titles are set aside and the name left is the person of the text whose
  surname it is ("MR. SULLIVAN" -> Jake Sullivan; a misspelling such as "MR. SULLICAN"
  too), else the domain pack's, else the full name the document's title gives ("Press
  Briefing by Press Secretary Karine Jean-Pierre"), else the name as written;
- a title alone is the holder, on the publication day, of the domain pack's office of
  that title in the publishing government ("THE PRESIDENT" on the White House's site in
  2022 -> Joe Biden); a title and a surname, the holder of such an office who has it
  ("PRESIDENT BIDEN" -> Joe Biden, not Jill Biden, whom the text names too);
- a role ("SENIOR ADMINISTRATION OFFICIAL", "MODERATOR") is its own label.

A line in capitals that names no one ("LONG TERM RETURNS:", "NATO:") is a heading, not
a label; a text with fewer than two labels is no transcript and has no turns. Each turn
runs from its label to the next one.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from presswatch.data import read_data, words
from presswatch.domain import DomainPack
from presswatch.models import Entity, Quote, Span, Turn
from presswatch.nlp.entities import is_surname_variant
from presswatch.nlp.events import parse_day

#: A label at the start of a line: ``Q``, or up to six words in capitals (letters,
#: full stops, apostrophes, hyphens), perhaps in bold and with a parenthesis ("(via
#: interpreter)"), then a colon; ``Q`` may be followed by white space alone.
_WORD = r"[^\W\d_](?:[^\W\d_]|['’\-])*\.?"
_LABEL = re.compile(
    r"^[^\S\n]*(?:\*\*|__)?"
    rf"(?P<label>Q|{_WORD}(?:[^\S\n]+{_WORD}){{0,5}})"
    r"(?:[^\S\n]*\([^()\n]{1,40}\))?"
    r"(?:(?:\*\*|__)?[^\S\n]*:(?:\*\*|__)?|(?<=Q)[.:]?(?=[^\S\n]))",
    re.MULTILINE,
)
#: A word of a document's title, for the full names it gives.
_TITLE_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.\-])*")
#: An initial of a name ("J.").
_INITIAL = re.compile(r"[A-Z]\.")
#: Fewer labels than this and a text is no transcript.
MIN_LABELS = 2
#: How many quotes starting before a point are looked at for the one that holds it.
_QUOTE_LOOKBACK = 4


@dataclass(frozen=True, slots=True)
class TurnLexicon:
    question_labels: frozenset[str]
    honorifics: frozenset[str]
    title_words: frozenset[str]
    speaker_roles: frozenset[str]
    official_roles: frozenset[str]


@lru_cache(maxsize=1)
def turn_lexicon() -> TurnLexicon:
    data = read_data("turns.yaml")
    return TurnLexicon(
        question_labels=words(data, "question_labels"),
        honorifics=words(data, "honorifics"),
        title_words=words(data, "title_words"),
        speaker_roles=words(data, "speaker_roles"),
        official_roles=words(data, "official_roles"),
    )


@dataclass(frozen=True, slots=True)
class _Speaker:
    name: str
    role: str


class _Resolver:
    """Label -> speaker, for one document (each distinct label resolved once)."""

    def __init__(
        self,
        entities: list[Entity],
        pack: DomainPack,
        day: dt.date | None,
        publisher: str | None,
        title: str | None,
    ) -> None:
        self.lex = turn_lexicon()
        self.title = title or ""
        self.pack = pack
        self.day = day
        self.publisher = publisher
        self.people = [e for e in entities if e.type == "PERSON"]
        self.seen: dict[str, _Speaker | None] = {}

    def __call__(self, label: str) -> _Speaker | None:
        if label not in self.seen:
            self.seen[label] = self._resolve(label)
        return self.seen[label]

    def _resolve(self, label: str) -> _Speaker | None:
        words_ = [w.strip(".").lower() for w in label.split()]
        if len(words_) == 1 and words_[0] in self.lex.question_labels:
            return _Speaker("reporter", "question")
        if label != label.upper() or sum(c.isalpha() for c in label) < 2:
            return None  # a label is in capitals: "Q", "MR. KIRBY"
        honorific = titled = False
        k = 0
        while k < len(words_) - 1 or (k < len(words_) and words_[k] in self.lex.title_words):
            word = words_[k]
            if word in self.lex.honorifics:
                honorific = True
            elif word in self.lex.title_words:
                titled = True
            else:
                break
            k += 1
        name = label.split()[k:]
        role = "office" if titled else "named"
        if not name:  # a title alone: "THE PRESIDENT"
            title = " ".join(w for w in words_ if w != "the")
            holder = self._office_holder(title)
            return _Speaker(holder or title, "office")
        roles = {w.strip(".").lower() for w in name} & self.lex.speaker_roles
        if roles and not honorific and not titled:
            official = bool(roles & self.lex.official_roles)
            return _Speaker(label.lower(), "official" if official else "other")
        titles = " ".join(w for w in words_[:k] if w != "the" and w not in self.lex.honorifics)
        person = self._office_holder(titles, name[-1]) if titled else None
        person = person or self._person(name[-1])
        if person is not None:
            return _Speaker(person, role)
        if not honorific and not titled:
            return None  # capitals that name no one: a heading
        return _Speaker(" ".join(w.title() for w in name), role)

    def _person(self, surname: str) -> str | None:
        """The person of the text with this surname, or one close enough to it to be
        its misspelling ("MR. SULLICAN"), else the domain pack's; a full name before a
        name the text gives alone (an entity "Kirby" read off the labels themselves)."""
        word = surname.strip(".’'").title()
        alone = None
        for exact in (True, False):
            found: dict[str, int] = {}
            for e in self.people:
                lasts = {e.canonical.split()[-1], *(_last(m.span.text) for m in e.mentions)}
                if any(_same_surname(word, last, exact) for last in lasts if last):
                    found[e.canonical] = len(e.mentions)
            full = {name: n for name, n in found.items() if len(name.split()) > 1}
            if full:
                return max(full, key=lambda name: full[name])
            alone = alone or (max(found, key=lambda name: found[name]) if found else None)
        hits = {
            e.canonical
            for e in self.pack.entities
            if e.type == "PERSON"
            for name in (e.canonical, *e.aliases, *e.variants)
            if _same_surname(word, name.split()[-1], True)
        }
        if len(hits) == 1:
            return hits.pop()
        titled = self._full_name_in_title(word)
        if titled is not None:
            return titled
        return alone.title() if alone and alone.isupper() else alone

    def _full_name_in_title(self, surname: str) -> str | None:
        """The full name the document's title gives with this surname ("Press Briefing
        by Press Secretary Karine Jean-Pierre"): the capitalised word before it, no title
        or honorific ("Communications Advisor John Kirby": John), and a name before an
        initial ("Antony J. Blinken")."""
        words_ = _TITLE_WORD.findall(self.title)
        skip = self.lex.title_words | self.lex.honorifics
        for k, word in enumerate(words_):
            if word.casefold() != surname.casefold():
                continue
            first: list[str] = []
            for before in reversed(words_[max(0, k - 2) : k]):
                if not before[0].isupper() or before.strip(".").lower() in skip:
                    break
                first.insert(0, before)
                if not _INITIAL.fullmatch(before):
                    break  # a given name: no more
            if first and not _INITIAL.fullmatch(first[0]):
                return " ".join([*first, word])
        return None

    def _office_holder(self, title: str, surname: str | None = None) -> str | None:
        """The holder on the publication day of the domain pack's office of ``title``:
        in the publishing government, or, given a ``surname``, the one of any country
        whose holder has it ("PRESIDENT BIDEN", "PRESIDENT ZELENSKYY")."""
        if self.day is None:
            return None
        word = surname.strip(".’'").title() if surname else None
        for office in self.pack.offices:
            if title not in office.titles:
                continue
            holder = office.holder_on(self.day)
            if holder is None:
                continue
            if word is None and office.country == self.publisher:
                return holder
            if word is not None and _same_surname(word, holder.split()[-1], False):
                return holder
        return None


def _last(text: str) -> str:
    parts = text.replace("’", "'").split()
    last = parts[-1] if parts else ""
    return last[:-2] if last.endswith("'s") else last


def _same_surname(word: str, surname: str, exact: bool) -> bool:
    if word.casefold() == surname.casefold():
        return True
    return not exact and is_surname_variant(word, surname.title())


def find_labels(text: str) -> list[tuple[int, str]]:
    """Candidate labels at the starts of lines, ``(start, label)``: a pure reading of
    the text, before any is resolved to a speaker."""
    return [(m.start("label"), m.group("label").strip()) for m in _LABEL.finditer(text)]


def extract_turns(
    text: str,
    entities: list[Entity],
    pack: DomainPack,
    published: str | None,
    publisher: str | None = None,
    title: str | None = None,
) -> list[Turn]:
    """The turns of a transcript, in text order; none when the text is no transcript.

    ``publisher`` is the country whose government publishes the text
    (:func:`presswatch.nlp.publishers.publisher_country`): a title alone names the
    holder of its office there; ``title``, the document's, may give a speaker's full
    name ("Press Briefing by Press Secretary Karine Jean-Pierre").
    """
    candidates = find_labels(text)
    if len(candidates) < MIN_LABELS:
        return []  # most texts: no transcript, nothing to resolve
    resolve = _Resolver(entities, pack, parse_day(published), publisher, title)
    labels = [(start, label, speaker) for start, label in candidates if (speaker := resolve(label))]
    if len(labels) < MIN_LABELS:
        return []
    turns = []
    for k, (start, label, speaker) in enumerate(labels):
        stop = labels[k + 1][0] if k + 1 < len(labels) else len(text)
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        turns.append(
            Turn(
                span=Span.of(text, start, stop),
                label=Span.of(text, start, start + len(label)),
                speaker=speaker.name,
                role=speaker.role,
            )
        )
    return turns


class Voices:
    """Who speaks at each point of a text: the speaker of the quote whose content holds
    it, else that of the transcript turn, else the author. Numeric claims and
    commitments rest on it."""

    def __init__(self, quotes: Iterable[Quote], turns: Iterable[Turn]) -> None:
        self.turns = sorted(turns, key=lambda t: t.span.start)
        self._turn_starts = [t.span.start for t in self.turns]
        # a quote read off a turn's label ("PRESIDENT DUDA: We will …") is the turn,
        # whose speaker is resolved
        self.quotes = sorted(
            (q for q in quotes if not self._is_label(q.speaker_mention)),
            key=lambda q: q.content.start,
        )
        self._quote_starts = [q.content.start for q in self.quotes]

    def _is_label(self, mention: Span | None) -> bool:
        if mention is None:
            return False
        turn = self.turn_at(mention.start)
        return turn is not None and turn.label.start <= mention.start < turn.label.end

    def quote_at(self, pos: int) -> Quote | None:
        """The quote whose content holds ``pos`` (the innermost: the last to start)."""
        k = bisect_right(self._quote_starts, pos)
        # quotes nest little: look back over the few that start before
        for q in reversed(self.quotes[max(0, k - _QUOTE_LOOKBACK) : k]):
            if pos < q.content.end:
                return q
        return None

    def turn_at(self, pos: int) -> Turn | None:
        """The transcript turn that holds ``pos``."""
        k = bisect_right(self._turn_starts, pos) - 1
        if k < 0:
            return None
        turn = self.turns[k]
        return turn if pos < turn.span.end else None

    def source_at(self, pos: int) -> str | None:
        """On whose word the text at ``pos`` rests: the quote's speaker (``None`` when
        the quote names none), else the turn's speaker, else ``"author"``."""
        quote = self.quote_at(pos)
        if quote is not None:
            return quote.speaker
        turn = self.turn_at(pos)
        if turn is not None:
            return turn.speaker
        return "author"
