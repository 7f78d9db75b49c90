"""Commitments: aid pledged, sent, authorised or asked for — donor -> recipient, sourced.

A commitment is read from a clause whose verb gives, pledges, authorises, asks for or
prepares something (``data/commitments.yaml`` lists the verbs by the status they give),
or from an aid noun ("shipments of HIMARS", "the $1 billion defense aid package being
prepared", "the deployment of North Korean troops"). In its object (or the noun's
phrase) are the items: named systems from the domain pack (with their class), item
classes from the lexicon ("tanks", "air defence", "ammunition", "security assistance")
and amounts of money (from the numeric claims). Each item of a list is a commitment of
its own; a clause that gives only an amount of aid is one commitment of that amount.

- **donor**: the clause's subject (or a "by" agent, or the noun's possessor or
  demonym), as a country: a person through the office they hold on the publication
  date, an institution through ``institutions`` ("White House" -> United States), a
  people through its country ("North Korean" -> North Korea); "we" and "I" are the
  country of the quote's speaker, else of the transcript turn's speaker (a
  government's transcript speaks for it, but not in a reporter's question or a foreign
  guest's answer), else the publisher's country when the author speaks for a
  government (``publishers``);
- **recipient**: a "to"/"for" object or an indirect object ("give Ukraine …");
- **status**: by verb class, future and modality ("would send" -> proposed), hedges
  ("reportedly" -> reported) and tense ("has sent" -> delivered, "will send" ->
  announced);
- **date**: the clause's own date expression (a day, week, month or year; not one in
  a clause joined to it or naming another noun, "the 1994 agreement"), else that of the
  verb that reports the clause ("last week, the Pentagon said it is sending …"), else
  the publication date when the clause is in the present (not the present perfect),
  else none;
- **value_usd**: the amount converted with the domain pack's rates (USD as is).

Running totals ("bringing the total to $2 billion", "$6 billion since the war began")
are not commitments.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from presswatch.data import cue_pattern, read_data, words
from presswatch.domain import DomainPack, to_usd
from presswatch.models import (
    Commitment,
    Document,
    Entity,
    NumericClaim,
    Quote,
    Span,
    Timex,
    Turn,
    aid_kind,
    granularity,
)
from presswatch.nlp.mentions import MentionIndex
from presswatch.nlp.publishers import publisher_country
from presswatch.nlp.turns import Voices

_STATUS_ORDER = ("requested", "proposed", "being-prepared", "authorised", "announced", "delivered")
_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
_HYPOTHETICAL = frozenset({"would", "could", "might", "may", "should"})
_HEDGES = frozenset({"reportedly", "allegedly", "apparently", "purportedly"})
_FIRST_PERSON = frozenset({"we", "i", "us", "our"})
_RELATIVES = frozenset({"that", "which"})
_PERSON_PRONOUNS = frozenset({"he", "she", "his", "her", "him"})
#: How many sentences back, within a paragraph, a subject can be what "he" stands for.
_ANTECEDENT_SENTENCES = 3
_GROUP_PRONOUNS = frozenset({"it", "they", "their", "them"})
#: prepositions whose object belongs to a receiver ("the people of Ukraine", "civilians
#: in Kharkiv"), unlike others ("defenses against Russian attacks")
_RECEIVER_PREPS = frozenset({"of", "in"})
_OWN_DETERMINERS = frozenset({"the", "my", "our", "this"})
_CLAUSE_POS = frozenset({"VERB", "AUX", "PART", "ADP", "PRON", "SCONJ", "CCONJ"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})
_MAGNITUDE = re.compile(r"\b(?:billions|millions|thousands|hundreds)\b")
#: Cues that an amount delivered is a sum over time, not one delivery ("we have
#: delivered more than $300 million over the past two weeks", "since February").
_SUM_CUES = re.compile(
    r"\b(?:since|so far|to date|in the past|over the past|in total|altogether)\b"
)
_INCLUDING = re.compile(r"\b(?:including|includes|include|of which)\b")
_JOINING = re.compile(r"^[^.;$€£]{0,80}?(?:,|\band\b|\bas well as\b|\bplus\b)[^.;$€£]{0,40}$")
#: words joined before a modifier ("humanitarian, economic and" security assistance)
_JOINED_MODIFIERS = re.compile(r"((?:[A-Za-z][\w-]*\s*,\s*)*[A-Za-z][\w-]*)\s*,?\s+(?:and|or)\s+$")
_MAX_MIXED_NAME = 80
#: How a noun's clause or a noun's modifier hangs on its head: a date expression under
#: one of these dates that noun, not the clause around it (a joined clause, ``conj``,
#: dates only itself).
_INNER_DEPS = frozenset({"relcl", "acl", "compound", "amod", "nmod", "nummod", "poss"})
#: How precise a date expression must be to date a commitment.
_DATE_UNITS = frozenset({"day", "time", "week", "month", "year"})
_HAVE = frozenset({"have", "has", "had", "'ve", "’ve"})
_PRESENT_BE = frozenset({"am", "is", "are", "'re", "’re", "'s", "’s", "'m", "’m"})
_NEW_CUES = re.compile(r"\b(?:new|additional|another|today|latest|further|next)\b")
_LOWER_BOUNDS = frozenset({"more than", "over", "well over", "at least", "just over"})
#: Hedges of a count that tallies ("more than 800 artillery systems", "nearly 2,000 tanks").
_ROUGH_COUNTS = _LOWER_BOUNDS | {"nearly", "almost", "close to", "roughly"}
#: Nouns of commitment that only put aid forward ("an offer to send"); the others of
#: ``commitment_nouns`` announce it ("an announcement to send").
_OFFER_NOUNS = frozenset({"offer", "proposal"})
#: Nouns of aid that a number counts as packages ("47 drawdown packages": a tally).
_PACKAGE_NOUNS = frozenset({"package", "tranche"})
_YEARLY = re.compile(r"[^.;]{0,25}?\b(?:a|each|per|every) year\b|\s*annually")
#: Amounts below this (in USD) are payments to people, not commitments between actors.
MIN_AID_USD = 100_000
#: How far (characters) after an amount a cue of a running total counts.
_TOTAL_REACH = 120
#: How many words before a total cue a superlative it closes may stand ("the largest
#: single package of security assistance to date").
_SUPERLATIVE_REACH = 8
#: How many words of the trigger's own adverbial may come between its object and a
#: colon that opens what the object is ("… to date: $2.98 billion of weapons").
_ADVERBIAL_BEFORE_COLON = 4
_DELIVERED_NOUNS = frozenset(
    {"shipment", "delivery", "supply", "deployment", "transfer", "donation", "supplies"}
)


@dataclass(frozen=True, slots=True)
class CommitmentLexicon:
    verbs: dict[str, str]  # lemma -> status
    aid_nouns: frozenset[str]
    item_classes: tuple[tuple[re.Pattern[str], str, str], ...]  # (pattern, phrase, class)
    total_cues: re.Pattern[str]  # either side of an amount
    total_leads: re.Pattern[str]  # before it only
    institutions: dict[str, str]
    refusals: frozenset[str]
    receiving_verbs: frozenset[str]
    telling_nouns: frozenset[str]
    speaking_verbs: frozenset[str]
    use_verbs: frozenset[str]
    financing_verbs: frozenset[str]
    permission_verbs: frozenset[str]
    use_words: frozenset[str]
    helping_verbs: frozenset[str]
    umbrella_classes: frozenset[str]
    government_words: frozenset[str]
    budget_words: frozenset[str]
    commitment_nouns: frozenset[str]
    people_nouns: frozenset[str]
    containing_verbs: frozenset[str]


@lru_cache(maxsize=1)
def commitment_lexicon() -> CommitmentLexicon:
    data = read_data("commitments.yaml")
    verbs: dict[str, str] = {}
    for key, status in (
        ("delivered_verbs", "delivered"),
        ("announced_verbs", "announced"),
        ("authorised_verbs", "authorised"),
        ("requested_verbs", "requested"),
        ("proposed_verbs", "proposed"),
        ("prepared_verbs", "being-prepared"),
    ):
        for word in data[key]:
            verbs.setdefault(str(word).lower(), status)
    classes = sorted(data["item_classes"].items(), key=lambda kv: -len(kv[0]))
    return CommitmentLexicon(
        verbs=verbs,
        aid_nouns=words(data, "aid_nouns"),
        item_classes=tuple((cue_pattern([p]), p, c) for p, c in classes),
        total_cues=cue_pattern(data["total_cues"]),
        total_leads=cue_pattern(data["total_leads"]),
        institutions={str(k).lower(): str(v) for k, v in data["institutions"].items()},
        refusals=words(data, "refusal_words"),
        telling_nouns=words(data, "telling_nouns"),
        speaking_verbs=words(data, "speaking_verbs"),
        receiving_verbs=words(data, "receiving_verbs"),
        use_verbs=words(data, "use_verbs"),
        financing_verbs=words(data, "financing_verbs"),
        permission_verbs=words(data, "permission_verbs"),
        use_words=words(data, "use_words"),
        helping_verbs=words(data, "helping_verbs"),
        umbrella_classes=words(data, "umbrella_classes"),
        government_words=words(data, "government_words"),
        budget_words=words(data, "budget_words"),
        commitment_nouns=words(data, "commitment_nouns"),
        people_nouns=words(data, "people_nouns"),
        containing_verbs=words(data, "containing_verbs"),
    )


@dataclass(frozen=True, slots=True)
class _Item:
    span: Span
    name: str
    item_class: str | None
    quantity: float | None = None
    #: a modifier joined to a class phrase's ("humanitarian and" security assistance):
    #: it tells a kind of aid, and is no item of its own
    joined: bool = False


class _Commitments:
    def __init__(
        self,
        sdoc: Doc,
        doc: Document,
        entities: list[Entity],
        quotes: list[Quote],
        timexes: list[Timex],
        claims: list[NumericClaim],
        pack: DomainPack,
        turns: list[Turn],
    ) -> None:
        self.sdoc = sdoc
        self.text = sdoc.text
        self.doc = doc
        self.lex = commitment_lexicon()
        self.pack = pack
        self.voices = Voices(quotes, turns)
        self.timexes = [t for t in timexes if t.type in ("DATE", "TIME")]
        self.money = sorted((c for c in claims if c.currency), key=lambda c: c.span.start)
        self._money_starts = [c.span.start for c in self.money]
        self.counts = sorted(
            (c for c in claims if not c.currency and c.unit != "percent"),
            key=lambda c: c.span.start,
        )
        self._count_starts = [c.span.start for c in self.counts]
        self.mentions = MentionIndex(entities)
        self.countries = _pack_countries(pack)
        self.day = _day(doc.published)
        self.day_date = dt.date.fromisoformat(self.day) if self.day else None
        self.government_words = self.lex.government_words | self.countries.title_heads
        #: the commitments kept so far, in the order read (:meth:`extract`)
        self.kept: list[Commitment] = []

    # -------------------------------------------------------------- lookups
    def _in(self, starts: list[int], items: list[Any], start: int, end: int) -> list[Any]:
        k = bisect_left(starts, start)
        out = []
        for item in items[k:]:
            if item.span.start >= end:
                break
            out.append(item)
        return out

    # -------------------------------------------------------------- countries
    def country(self, canonical: str, etype: str, *, speakers: bool = True) -> str | None:
        """The country an actor acts for (a city: the country the pack puts it in; a
        person: as an office holder, else, with ``speakers``, as one who speaks for a
        country in this transcript)."""
        if etype == "GPE":  # a city: its country ("weapons for Kharkiv", "Moscow sent")
            return self.countries.of_place.get(canonical, canonical)
        if etype == "NORP":
            return self.countries.of_people.get(canonical, canonical)
        if etype == "ORG":
            inst = self.lex.institutions.get(canonical.lower())
            if inst:
                return inst
            # "Biden administration": the leader's; "US House of Representatives": the named
            for pattern, country in (*self.countries.leaders, *self.countries.names):
                if pattern.search(canonical):
                    return country
            if _word_in(canonical.split()[0], self.lex.government_words):
                return None  # "the Administration", "the Departments of State and Defense"
            return canonical
        if etype == "PERSON":
            if self.day_date is not None:
                for office in self.pack.offices:
                    if office.holder_on(self.day_date) == canonical:
                        return office.country
            found = self.countries.of_holder.get(canonical)
            return found or (self._turn_speakers.get(canonical) if speakers else None)
        return None

    @cached_property
    def _turn_speakers(self) -> dict[str, str]:
        """The country each person who speaks in this transcript speaks for, by full name
        and by each word of it that no other speaker shares: "Karine announced … $3
        billion", said in a briefing where MS. JEAN-PIERRE speaks, is the White House's."""
        by_name: dict[str, str | None] = {}
        for turn in self.voices.turns:
            if turn.role != "named" or turn.speaker is None:
                continue
            country = self._country_of_turn(turn)
            if country is None:
                continue
            by_name[turn.speaker] = country
            for word in turn.speaker.split():
                if word != turn.speaker:  # None once two speakers share the word
                    by_name[word] = country if by_name.get(word, country) == country else None
        return {name: c for name, c in by_name.items() if c is not None}

    @cached_property
    def _tok_starts(self) -> list[int]:
        """Where each token starts, for the few lookups by character that need it."""
        return [t.idx for t in self.sdoc]

    @cached_property
    def publisher(self) -> str | None:
        """The country whose government publishes the document, read once."""
        return publisher_country(self.doc)

    def _actor_of(self, tok: Token, *, receiving: bool = False) -> str | None:
        """The country of the actor a token names (a mention, a pronoun). A receiver is
        a country, a people or an institution of one, named in the phrase itself, not
        in a clause inside it ("those affected by Russia's war" names no receiver)."""
        if self._in_label(tok):
            # a transcript's label taken for the subject ("Q    The President announced
            # …"): what stands in apposition to it
            inner = next((c for c in tok.children if c.dep_ == "appos"), None)
            return None if inner is None else self._actor_of(inner, receiving=receiving)
        low = tok.lower_
        if low in _FIRST_PERSON:
            return self._country_of_voice(tok.idx)
        if low == "it":  # too often the situation, not an actor ("it involves …")
            return self._continued_country(tok)
        if low in _PERSON_PRONOUNS or low in _GROUP_PRONOUNS:
            meant = self._antecedent(tok, person=low in _PERSON_PRONOUNS, receiving=receiving)
            return self.country(*meant) if meant else None
        left, right = tok.left_edge, tok.right_edge
        # what a clause or a phrase after the receiver names ("their air defenses
        # against Russian attacks") is not the receiver; "the people of Ukraine" is
        clauses = [
            (c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
            for c in tok.subtree
            if receiving
            and (
                c.dep_ in ("acl", "relcl")
                or (c.dep_ == "prep" and c.i != tok.i and c.lower_ not in _RECEIVER_PREPS)
            )
        ]
        governing = _word_in(tok.lemma_, self.government_words)
        unplaced: str | None = None  # an organisation that acts for no known country
        for s, _e, canonical, etype in self.mentions.inside(left.idx, right.idx + len(right.text)):
            if any(a <= s < b for a, b in clauses):
                continue
            found = self.country(canonical, etype)
            if found and etype == "ORG" and found == canonical and (receiving or governing):
                # an organisation of no known country receives nothing; in a phrase
                # about a government ("the Departments of State and Defense") it gives
                # only when that government is not the publisher's ("Defense")
                unplaced = unplaced or found
                continue
            if found:
                return found
        return None if receiving else (self._own_government(tok) or unplaced)

    def _antecedent(
        self, pronoun: Token, *, person: bool, receiving: bool = False
    ) -> tuple[str, str] | None:
        """(canonical, type) of the actor a pronoun stands for: the nearest person (or
        country, people or organisation) before it, unless one of the last few sentences
        of its paragraph, its own included, has one as subject, which "he" then
        continues ("Biden spoke with Zelenskyy of Ukraine. He congratulated … He
        reaffirmed the United States' support": Biden). "They" may stand for a people
        named in the plural ("support the Ukrainian people and provide them with …", "the
        Saudis"), and, as a receiver, not for an organisation that acts for no known
        country."""
        first = pronoun.sent.start
        for _ in range(_ANTECEDENT_SENTENCES - 1):
            if first == 0 or "\n\n" in self.sdoc[first - 1].text_with_ws:
                break  # the paragraph's first sentence
            first = self.sdoc[first - 1].sent.start
        window = self.sdoc[first].idx
        nearest = None
        for s, e, canonical, etype in self.mentions.before(pronoun.idx, 30):
            if (etype == "PERSON") != person or etype not in ("PERSON", "GPE", "ORG", "NORP"):
                continue
            if etype == "NORP" and not self._plural_people(s, e):
                continue  # "Russian attacks": a modifier, not a people
            if receiving and etype == "ORG" and self.country(canonical, etype) == canonical:
                continue
            if nearest is None:
                nearest = (canonical, etype)
                if not person:
                    break
            if s < window:
                break
            named = self.sdoc.char_span(s, e, alignment_mode="expand")
            if named is not None and named.root.dep_ in ("nsubj", "nsubjpass"):
                return canonical, etype
        return nearest

    def _continued_country(self, pronoun: Token) -> str | None:
        """The country a sentence-initial "it" subject continues from the sentence before,
        whose subject it was ("Germany has been a critical partner. It has provided
        tanks"); any other "it" stands for no actor."""
        first = pronoun.sent.start
        if pronoun.i != first or pronoun.dep_ not in ("nsubj", "nsubjpass") or first == 0:
            return None
        before = self.sdoc[first - 1].sent
        subject = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.pos_ != "PROPN":
            return None
        end = subject.right_edge.idx + len(subject.right_edge.text)
        for s, e, canonical, etype in self.mentions.inside(subject.left_edge.idx, end):
            if etype == "GPE" and s <= subject.idx < e:
                return self.country(canonical, etype)
        return None

    def _plural_people(self, start: int, end: int) -> bool:
        """Does a demonym name a people in the plural ("the Saudis", "the Ukrainian
        people"), not a modifier of a thing ("a Russian tank")?"""
        named = self.sdoc.char_span(start, end, alignment_mode="expand")
        if named is None:
            return False
        root = named.root
        head = root.head if root.dep_ in ("amod", "compound") else root
        return head.tag_ in ("NNS", "NNPS") or head.lemma_.lower() in self.lex.people_nouns

    def _in_label(self, tok: Token) -> bool:
        """Is the token part of a transcript turn's label ("MR. KIRBY:")?"""
        turn = self.voices.turn_at(tok.idx)
        return turn is not None and tok.idx < turn.label.end

    def _own_government(self, tok: Token) -> str | None:
        """On a government's site, "the President", "my administration" or "the
        Department" with no country named is that government (``government_words`` and
        the domain pack's office titles)."""
        if not _word_in(tok.lemma_, self.government_words):
            return None
        owned = (c.lower_ in _OWN_DETERMINERS for c in tok.children if c.dep_ in ("det", "poss"))
        if not any(owned):
            return None
        if any(
            c.dep_ == "prep" and c.lower_ == "of" and self._names_place(c) for c in tok.children
        ):
            return None  # "the President of Ukraine" names a country; "of State" does not
        return self._voice_of_publisher(tok)

    def _names_place(self, phrase: Token) -> bool:
        """Does the phrase under ``phrase`` name a place or a people?"""
        end = phrase.right_edge.idx + len(phrase.right_edge.text)
        return any(
            t in ("GPE", "NORP", "LOC") for _s, _e, _c, t in self.mentions.inside(phrase.idx, end)
        )

    def _voice_of_publisher(self, tok: Token) -> str | None:
        """The publisher's country, when ``tok`` is in the author's words, or in a quote or
        a transcript turn of someone not known to speak for another country (a reporter's
        "the President" on the White House's site is the President of the United
        States)."""
        country = self.publisher
        if country is None:
            return None
        spoken, other = self._speaker_country(tok.idx)
        return None if spoken and other not in (None, country) else country

    def _country_of_voice(self, pos: int) -> str | None:
        """The country "we" and "I" stand for at ``pos``: that of the quote's speaker,
        else of the transcript turn's speaker, else the publisher's."""
        spoken, country = self._speaker_country(pos)
        return country if spoken else self.publisher

    def _speaker_country(self, pos: int) -> tuple[bool, str | None]:
        """Whether someone other than the author speaks at ``pos`` (the named speaker of
        a quote, else a transcript turn's), and the country they speak for, if known.
        A quote that names no speaker is the author's voice."""
        quote = self.voices.quote_at(pos)
        if quote is not None:
            speaker = quote.speaker
            return (True, self._country_of_name(speaker)) if speaker else (False, None)
        turn = self.voices.turn_at(pos)
        return (True, self._country_of_turn(turn)) if turn is not None else (False, None)

    def _country_of_turn(self, turn: Turn) -> str | None:
        """The country a transcript turn's speaker speaks for: that of their office or
        the demonym of their label ("POLISH AIDE"); else, for a person or an official
        the label names without another title, the publishing government's. A
        reporter's question, a foreign guest's answer ("PRESIDENT DUDA") and a
        moderator's words speak for no country."""
        if turn.role == "question" or turn.speaker is None:
            return None
        etype = self.mentions.type_of(turn.speaker)
        found = self.country(turn.speaker, etype or "PERSON", speakers=False)
        if found is None and etype is None:
            label = turn.label.text.title()  # "POLISH AIDE": Polish
            found = next((c for p, c in self.countries.names if p.search(label)), None)
        if found is None and turn.role in ("named", "official"):
            found = self.publisher
        return found

    def _country_of_name(self, name: str) -> str | None:
        etype = self.mentions.type_of(name)
        return self.country(name, etype) if etype else None

    # -------------------------------------------------------------- parts of a clause
    def donor(self, trigger: Token) -> str | None:
        if trigger.pos_ in ("NOUN", "PROPN"):
            # "Germany's deliveries", "arms transfers from North Korea to Russia": where
            # they come from is a country or its people ("from our Allies" names none)
            if found := self._owner(trigger, "from", country_only=True):
                return found
            # "U.S. and allied shipments of …": a name just before the noun, in its phrase
            # ("Ukraine security assistance" names who gets it, :meth:`_aided_before`)
            aided = self._aided_before(trigger)
            for _s, e, canonical, etype in self.mentions.before(trigger.idx, 3):
                between = self.text[e : trigger.idx]
                if e <= trigger.idx and len(between) <= 25 and not re.search(r"[.,;:]", between):
                    found = self.country(canonical, etype)
                    if found and found != aided:
                        return found
            if (clause := self._clause_on(trigger)) is not None:
                return self.donor(clause)
            return self._announcer(trigger)
        # "Iranian drones were sent to Russia", "we announced that 1,000 North Korean
        # troops were deployed to Russia": what was sent, named with its country, is
        # that country's
        for clause in (trigger, *(c for c in trigger.children if c.dep_ == "ccomp")):
            if found := self._country_of_sent(clause):
                return found
        for c in trigger.children:
            if c.dep_ == "nsubj" and c.lower_ in _RELATIVES and trigger.dep_ == "relcl":
                continue  # "a package that will provide …": the noun's giver, below
            if c.dep_ in ("nsubj", "csubj"):
                found = self._actor_of(c)
                if found is None and self._in_label(c):
                    continue  # "MR. KIRBY:  Just last week, Karine announced …"
                if found is None and c.lower_ == "it" and trigger.dep_ in ("acl", "ccomp"):
                    # "Australia's announcement that it will provide …": the owner's
                    found = self._owner(trigger.head, "by") if trigger.head.pos_ == "NOUN" else None
                return found
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return self._actor_of(g)
        # "within 24 hours of the United States announcing …", "with Germany sending …":
        # the name just before a gerund is its subject, though the parse hangs it on
        # the preposition
        if trigger.tag_ == "VBG" and trigger.i > trigger.sent.start:
            before = trigger.doc[trigger.i - 1]
            named = before.dep_ == "pobj" and before.pos_ == "PROPN"
            if named and (found := self._actor_of(before)):
                return found
        head = trigger.head
        told = self._announcement_of(trigger)
        if told is not None and trigger.dep_ == "advcl" and (found := self._owner(told, "by")):
            return found  # "welcome an announcement by our German allies today to send …"
        if trigger.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN"):
            # "the Scandinavian initiative to finance …", "Germany's decision to send …",
            # "an announcement by our German allies to send …"
            if found := self._owner(head, "by"):
                return found
            # "Biden proposed a new law authorising …": whoever proposes the law;
            # "approved a new package that will provide Ukraine with drones": whoever
            # gives the package gives what it holds
            if head.dep_ in ("dobj", "attr") and head.head.pos_ in ("VERB", "AUX"):
                return self.donor(head.head)
            return None
        # "… is right to release aid": through the adjective to the subject
        if trigger.dep_ in ("xcomp", "conj", "ccomp", "advcl", "acomp") and head.i != trigger.i:
            if trigger.dep_ == "ccomp" and head.lemma_ not in self.lex.verbs:
                return None
            return self.donor(head)
        return None

    def _announcement_of(self, trigger: Token) -> Token | None:
        """The noun of announcing, deciding or offering whose content an infinitive
        tells: "Germany's decision to send …", or, where the parser hangs the infinitive
        on the verb, "welcome an announcement by our German allies today to send …"."""
        head = trigger.head
        if trigger.dep_ == "acl":
            return head if head.lemma_.lower() in self.lex.commitment_nouns else None
        if trigger.dep_ != "advcl" or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children
        ):
            return None
        return next(
            (
                c
                for c in head.children
                if c.dep_ == "dobj"
                and c.i < trigger.i
                and c.lemma_.lower() in self.lex.commitment_nouns
            ),
            None,
        )

    def _owner(self, noun: Token, prep: str, *, country_only: bool = False) -> str | None:
        """Whose a noun is: the actor of a possessive or modifier of it ("Germany's
        decision", "U.S. shipments"), or of the object of ``prep`` after it ("an
        announcement by our allies", "transfers from North Korea"; with
        ``country_only`` a country or its people, as for a receiver)."""
        for c in noun.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and (found := self._actor_of(c)):
                return found
            if c.dep_ == "prep" and c.lower_ == prep:
                for g in c.children:
                    if g.dep_ == "pobj" and (found := self._actor_of(g, receiving=country_only)):
                        return found
        return None

    def _country_of_sent(self, verb: Token) -> str | None:
        """The country named on the subject of a passive verb with no agent and no
        object ("North Korean troops were deployed"): what was sent, not who got it
        ("Ukrainian forces were given tanks" has an object, and names the receiver)."""
        children = list(verb.children)
        if any(c.dep_ in ("agent", "dobj", "dative") for c in children):
            return None
        for subject in (c for c in children if c.dep_ == "nsubjpass"):
            for g in subject.children:
                if g.dep_ in ("amod", "compound", "nmod", "poss") and (
                    found := self._actor_of(g, receiving=True)
                ):
                    return found
        return None

    def _clause_on(self, noun: Token) -> Token | None:
        """The verb of giving or pledging whose object a noun of aid is, read through a
        relative clause on it or on the amount it belongs to ("$400 million in security
        assistance that we've committed"), or through a pseudo-cleft ("what the
        President announced today was an additional $800 million in assistance")."""
        tok = noun
        for _ in range(4):
            for c in tok.children:
                if c.dep_ == "relcl" and c.lemma_.lower() in self.lex.verbs and c.i > tok.i:
                    return c
            if tok.dep_ in ("attr", "dobj") and tok.head.lemma_ == "be":
                for c in tok.head.children:
                    if c.dep_ == "csubj" and c.lemma_.lower() in self.lex.verbs:
                        return c
                return None
            if tok.dep_ not in ("pobj", "prep") or tok.head.i == tok.i:
                return None
            tok = tok.head
        return None

    def _announcer(self, noun: Token) -> str | None:
        """Whose announcement, pledge or decision a noun of aid is in ("his announcement
        today of $800 million in security assistance")."""
        tok = noun
        for _ in range(5):
            if tok.dep_ not in ("pobj", "prep") or tok.head.i == tok.i:
                return None
            tok = tok.head
            if tok.lemma_.lower() in self.lex.commitment_nouns:
                owner = next((c for c in tok.children if c.dep_ == "poss"), None)
                return self._actor_of(owner) if owner is not None else None
        return None

    def recipient(self, trigger: Token, donor: str | None) -> str | None:
        # "give Ukraine …", "send … to Ukraine", "$800 million in assistance to Ukraine"
        datives = [c for c in trigger.children if c.dep_ == "dative"]
        preps = [c for c in trigger.children if c.dep_ == "prep"]
        # … and in what it gives or the verb it governs ("authorized a package to send
        # weapons to Kharkiv"), or a verb of giving in what it announces ("Poland
        # announced plans to send tanks to Ukraine", not "… he would travel to Poland")
        preps += [
            g
            for c in trigger.children
            if c.dep_ in ("dobj", "prep", "xcomp", "ccomp")
            for g in c.subtree
            if g.dep_ in ("prep", "dative")
            and g.pos_ == "ADP"
            and g.i != c.i
            and (c.dep_ != "ccomp" or g.head.lemma_.lower() in self.lex.verbs)
        ]
        own = False  # "loan forgiveness for Americans": spending at home
        for c in [*datives, *(p for p in preps if p.lower_ in ("to", "for"))]:
            target = (
                c if c.dep_ == "dative" else next((g for g in c.children if g.dep_ == "pobj"), None)
            )
            if target is not None and not _distributive(target):
                found = self._actor_of(target, receiving=True)
                if found and found != donor:
                    return found
                own = own or (found is not None and found == donor)
        # "give Ukraine X" is sometimes parsed as two objects
        objects = [c for c in trigger.children if c.dep_ == "dobj"]
        if len(objects) > 1:
            return self._actor_of(objects[0], receiving=True)
        # "supply Ukraine with tanks", "provide Ukraine with air defence": the object is
        # the one supplied, what it gets comes after "with"; "Ukrainian forces were given
        # tanks": the passive's subject, when what is given stays the object
        with_what = any(c.dep_ == "prep" and c.lower_ == "with" for c in trigger.children)
        passive = [c for c in trigger.children if c.dep_ == "nsubjpass"]
        supplied = (objects if with_what else []) + (passive if with_what or objects else [])
        for c in supplied:
            found = self._actor_of(c, receiving=True)
            if found and found != donor:
                return found
        if trigger.lemma_.lower() in self.lex.permission_verbs:
            # "allow Ukraine to use …": the one allowed
            allowed = objects + [
                g
                for c in trigger.children
                if c.dep_ in ("ccomp", "xcomp")
                for g in c.children
                if g.dep_ == "nsubj"
            ]
            for c in allowed:
                found = self._actor_of(c, receiving=True)
                if found and found != donor:
                    return found
        # "… and use the proceeds to help Ukraine": the one a purpose clause helps
        for tok in trigger.subtree:
            if tok.lemma_.lower() in self.lex.helping_verbs and tok.pos_ == "VERB":
                for c in tok.children:
                    if c.dep_ == "dobj":
                        found = self._actor_of(c, receiving=True)
                        if found and found != donor:
                            return found
        return donor if own else self._aided_before(trigger)

    def _aided_before(self, noun: Token) -> str | None:
        """A country the domain pack follows as a recipient, named as a bare modifier of
        an aid noun ("Ukraine security assistance", "the Ukraine aid bill"): the one
        aided, not the giver, as "U.S. security assistance" names the giver."""
        if noun.pos_ != "NOUN":
            return None
        for c in noun.children:
            if c.dep_ != "compound" or c.pos_ != "PROPN" or c.i > noun.i:
                continue
            last = c.right_edge.idx + len(c.right_edge.text)
            for _s, _e, canonical, etype in self.mentions.inside(c.left_edge.idx, last):
                found = self.country(canonical, etype) if etype == "GPE" else None
                if found and self.pack.unnamed_donor(found) is not None:
                    return found
        return None

    def _shared(self, trigger: Token, recipient: str) -> bool:
        """Is what the trigger gives shared by the recipient with others named beside it
        ("to Ukraine, eastern flank countries, and other partners in the region", "for
        Ukraine and Israel"), so that its amount is not the recipient's?"""
        for tok in trigger.subtree:
            if not (tok.dep_ == "pobj" and tok.head.lower_ in ("to", "for")):
                continue
            if self._actor_of(tok, receiving=True) != recipient:
                continue
            others = [c for c in tok.conjuncts if c.pos_ in ("NOUN", "PROPN")]
            joined = self._joined_after(tok)
            if joined is not None:
                others.append(joined)
            return any(self._actor_of(c, receiving=True) != recipient for c in others)
        return False

    def _joined_after(self, noun: Token) -> Token | None:
        """A plural noun or a named actor the parser joined to something before the
        noun rather than to it, though only a comma or "and" parts them ("to Ukraine,
        [newline] eastern flank countries, and other partners" with "countries" made a
        conjunct of the amount), unless it names aid ("to Ukraine, and weapons …")."""
        sdoc = noun.doc
        k = noun.right_edge.i + 1
        while k < len(sdoc) and (sdoc[k].is_space or sdoc[k].text == "," or sdoc[k].dep_ == "cc"):
            k += 1
        if k == noun.right_edge.i + 1 or k >= len(sdoc):
            return None
        first = sdoc[k]
        head = next(
            (
                t
                for t in first.sent
                if t.dep_ == "conj" and t.left_edge.i == k and t.head.i < noun.i
            ),
            None,
        )
        if head is None or head.pos_ not in ("NOUN", "PROPN"):
            return None
        named = bool(self.mentions.inside(head.left_edge.idx, head.idx + len(head.text)))
        if not (named or head.tag_ in ("NNS", "NNPS")):
            return None
        if self.items(head.left_edge.idx, head.idx + len(head.text)):
            return None
        return head

    def nearby_recipient(self, trigger: Token) -> str | None:
        """A recipient the domain pack credits unnamed donors for, named in the
        trigger's sentence or the one before ("… to help Ukraine repel Russia's invasion.
        It involves providing more and heavier weapons")."""
        if not self.pack.unnamed_donors:
            return None
        sent = trigger.sent
        start = sent.start_char
        if sent.start > 0:
            start = self.sdoc[sent.start - 1].sent.start_char
        names = {name for name, _coalition in self.pack.unnamed_donors}
        found = {c for _s, _e, c, _t in self.mentions.inside(start, sent.end_char) if c in names}
        return found.pop() if len(found) == 1 else None

    def refused(self, trigger: Token) -> bool:
        """Is the giving negated or refused ("did not send", "its refusal to provide",
        "argued against sending", "has no plans to send", "blocked the transfer")?
        Asking for it to stop is no request for aid ("urged Iran to stop sending drones
        to Russia")."""
        if self.lex.verbs.get(trigger.lemma_.lower()) == "requested" and any(
            c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in self.lex.refusals
            for c in trigger.children
        ):
            return True
        tok = trigger
        for _ in range(4):
            if any(c.dep_ == "neg" for c in tok.children):
                return True
            if tok.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ == "no" for c in tok.children
            ):
                return True  # "has no plans to send troops"
            if (
                tok.dep_ not in ("xcomp", "acl", "pcomp", "pobj", "prep", "ccomp", "dobj")
                or tok.head.i == tok.i
            ):
                return False
            tok = tok.head
            if tok.lemma_.lower() in self.lex.refusals:
                return True
        return False

    def status(self, trigger: Token) -> str:
        lemma = trigger.lemma_.lower()
        if trigger.pos_ in ("NOUN", "PROPN") and (clause := self._clause_on(trigger)):
            return self.status(clause)  # "the $60 billion that Congress is considering"
        if trigger.pos_ in ("NOUN", "PROPN"):
            near = [*trigger.subtree, *self.sdoc[trigger.i + 1 : trigger.i + 4]]
            for c in near:  # "the package (reportedly) being prepared"
                if c.tag_ in ("VBN", "VBG") and (
                    self.lex.verbs.get(c.lemma_.lower()) == "being-prepared"
                ):
                    return "being-prepared"
            if any(c.lower_ in _HEDGES for c in trigger.subtree):
                return "reported"
            return "delivered" if lemma in _DELIVERED_NOUNS else "announced"
        base = self.lex.verbs.get(lemma, "announced")
        if base == "requested" and trigger.dep_ != "xcomp":
            # "Zelenskyy asked for air defense, (and) Trump agreed …": asked, though the
            # parser makes it what was agreed ("intend to seek …" stays intended)
            return base
        aux = {c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")}
        head_aux = {c.lower_ for c in trigger.head.children if c.dep_ in ("aux", "auxpass")}
        head_lemma = trigger.head.lemma_.lower()
        hedged = any(c.lower_ in _HEDGES for c in (*trigger.children, *trigger.head.children))
        if trigger.dep_ in ("xcomp", "ccomp") and head_lemma in self.lex.verbs:
            head_status = self.lex.verbs[head_lemma]
            if head_status in ("requested", "proposed", "authorised", "announced"):
                return head_status  # "asked for X to be sent", "announced it would send"
        if (told := self._announcement_of(trigger)) is not None:
            # "Germany's offer to send": proposed; "an announcement … to send": announced,
            # not sent ("the decision to let Ukraine use …" stays authorised)
            if told.lemma_.lower() in _OFFER_NOUNS:
                return "proposed"
            if base == "delivered":
                return "announced"
        if trigger.dep_ == "acl" and trigger.head.dep_ == "dobj":
            # "proposed a new law authorising …": the proposal's status
            governing = self.lex.verbs.get(trigger.head.head.lemma_.lower())
            if governing in ("requested", "proposed"):
                return governing
        if _infinitive_on_object(trigger):
            # "authorized a package to send weapons": authorised, not yet sent
            governing = self.lex.verbs.get(trigger.head.head.lemma_.lower())
            if governing in ("requested", "proposed", "authorised", "announced"):
                return governing
        if base in ("requested", "proposed", "being-prepared", "authorised"):
            return base
        if aux & _HYPOTHETICAL or head_aux & _HYPOTHETICAL:
            return "proposed"
        if aux & _FUTURE or head_aux & _FUTURE:
            return "announced"
        if trigger.tag_ == "VBG" and trigger.dep_ in ("pcomp", "acl"):
            return "proposed"  # "talk of sending aircraft"
        if hedged:
            return "reported"
        return base

    def date(self, trigger: Token) -> tuple[str | None, Span | None, str | None]:
        """The date expression (a day, month, year …) of the trigger's clause (a noun's:
        of the verb it is the object of); for a clause that is what a verb says or
        reports (its ``ccomp``: "last week, the U.S. announced that it is giving …"),
        that verb's; else the publication date when the clause is present tense (not
        the present perfect: "we have announced" tells of a day before; an infinitive
        after an adjective is in the tense of its "be": "I am proud to announce …",
        :func:`_tensed`). "Just" says a past is recent, not which day ("President Biden
        just authorized $800 million", two days after he did): no date, and the ledger
        finds the package by its amount. A present tense
        told by a verb in the past is not put back ("I told him that we are providing
        …"): it is still so. Returns the value, the expression's span and its TIMEX3
        ``mod`` ("late last month": ``END``), each ``None`` when not known."""
        # the clause's own: "I have nothing to announce today, but we announced $60
        # million earlier this year" is not dated today
        scope = trigger
        if trigger.pos_ in ("NOUN", "PROPN"):
            scope = _governing_verb(trigger) or trigger
        found = self._clause_date(trigger, scope)
        if found is None and (governing := self._governing_commitment(scope)) is not None:
            # "On Friday, he authorized a package to send weapons": the authorising's day
            found = self._clause_date(trigger, governing)
        reported = scope.dep_ == "ccomp" and scope.head.pos_ in ("VERB", "AUX")
        reporter = scope.head if reported else None
        if found is None and reporter is not None:
            found = self._clause_date(trigger, reporter, skip=scope)
        if found is not None:
            return found.value.split("T")[0], found.span, found.mod
        if self.day is None:
            return None, None, None
        tensed = _tensed(trigger)
        auxiliaries = [c for c in tensed.children if c.dep_ in ("aux", "auxpass")]
        present = tensed.tag_ in _PRESENT_TAGS or any(c.tag_ in _PRESENT_TAGS for c in auxiliaries)
        if present and not _perfect(tensed):
            return self.day, None, None
        return None, None, None

    def _governing_commitment(self, verb: Token) -> Token | None:
        """The verb of giving or pledging that a giving verb is the purpose or
        complement of ("authorized a package to send", "decided to send")."""
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        head = None
        if verb.dep_ == "xcomp":
            head = verb.head
        elif _infinitive_on_object(verb):
            head = verb.head.head
        return head if head is not None and head.lemma_.lower() in self.lex.verbs else None

    def _clause_date(self, trigger: Token, scope: Token, skip: Token | None = None) -> Timex | None:
        """The first date expression, to the day, week, month or year, that dates
        ``scope``'s clause (:meth:`_dates`), leaving out the clause ``skip``."""
        first = scope.left_edge.idx
        last = scope.right_edge.idx + len(scope.right_edge.text)
        for t in self.timexes:
            if t.span.start < first or t.span.end > last:
                continue
            if granularity(t.value) not in _DATE_UNITS or not self._dates(trigger, scope, t, skip):
                continue
            return t
        return None

    def _dates(self, trigger: Token, scope: Token, timex: Timex, skip: Token | None = None) -> bool:
        """Does a date expression inside ``scope``'s clause date the clause itself, not
        the clause ``skip``, a clause joined to it ("and in January 2018 the President
        had banned …"), nor a clause or modifier of a noun other than the trigger and
        those it hangs on ("a treaty signed in 1993", "the 2030 Agenda"; but "the
        package the President will authorize today", "today's announcement of $375
        million")?"""
        words = self.sdoc.char_span(timex.span.start, timex.span.end, alignment_mode="expand")
        if words is None or len(words) == 0:
            return True
        tok = words.root
        while tok.i != scope.i:
            if skip is not None and tok.i == skip.i:
                return False
            if tok.dep_ == "conj" or (tok.dep_ in _INNER_DEPS and not _on_path(tok.head, trigger)):
                return False
            if tok.head.i == tok.i:
                break
            tok = tok.head
        return True

    def is_total(self, amount: NumericClaim, sentence: tuple[int, int]) -> bool:
        """Is an amount a running total ("bringing the total to $2 billion", "$6 billion
        since the war began", "so far, $X")? A cue counts in the amount's sentence and
        not beyond another amount: ``total_leads`` and ``total_cues`` anywhere before it,
        ``total_cues`` within ``_TOTAL_REACH`` characters after it."""
        start, end = amount.span.start, amount.span.end
        k = bisect_left(self._money_starts, start)
        previous = self.money[k - 1].span.end if k > 0 else 0
        following = self.money[k + 1].span.start if k + 1 < len(self.money) else len(self.text)
        lo, hi = max(sentence[0], previous), min(sentence[1], following, end + _TOTAL_REACH)
        cues, leads = self.lex.total_cues, self.lex.total_leads
        if leads.search(self.text, lo, start):
            return True
        return any(
            not self._after_superlative(m.start())
            for a, b in ((lo, start), (end, hi))
            for m in cues.finditer(self.text, a, b)
        )

    def _after_superlative(self, cue: int) -> bool:
        """Does a cue ("to date", "so far") close a superlative's phrase ("our biggest
        tranche of security assistance to date"): the largest one yet, not a sum? A
        superlative adjective within the few words before the cue, with no verb between."""
        k = bisect_left(self._tok_starts, cue)
        for tok in reversed(self.sdoc[max(0, k - _SUPERLATIVE_REACH) : k]):
            if tok.pos_ in ("VERB", "AUX") or (tok.is_punct and tok.text not in ("-", "—")):
                return False
            if tok.tag_ in ("JJS", "RBS"):
                return True
        return False

    # -------------------------------------------------------------- items
    def _object_items(
        self, start: int, end: int, asides: list[tuple[int, int]], colon: int
    ) -> tuple[list[_Item], list[_Item]]:
        """The items of a trigger's object ``[start, end)``, and those with the classes of
        its joined modifiers (:meth:`items`): not in its asides, and after its colon
        when some are (the list, not its heading)."""
        every = [
            i
            for i in self.items(start, end, joined=True)
            if not any(a <= i.span.start < b for a, b in asides)
        ]
        return _after(colon, [i for i in every if not i.joined]), _after(colon, every)

    def items(self, start: int, end: int, joined: bool = False) -> list[_Item]:
        """Named systems and item classes in ``[start, end)``, each once, in order; with
        ``joined``, also the classes of modifiers joined to a class phrase's
        (:meth:`_coordinated`), which tell what kinds of aid an amount is of."""
        found: list[_Item] = []
        for s, e, canonical, etype in self.mentions.inside(start, end):
            if etype == "WEAPON":
                klass = self.countries.item_class_of.get(canonical)
                found.append(_Item(Span.of(self.text, s, e), canonical, klass))
        phrase = self.text[start:end]
        taken = [(i.span.start, i.span.end) for i in found]
        matched: list[tuple[int, int]] = []
        for pattern, _p, klass in self.lex.item_classes:
            for m in pattern.finditer(phrase):
                a, b = start + m.start(), start + m.end()
                if any(a < y and x < b for x, y in taken) or self._is_verb_at(a):
                    continue
                taken.append((a, b))
                matched.append((a, b))
                found.append(_Item(self._noun_phrase(a, b), klass, klass))
        # classes of modifiers joined to a phrase's, once the phrase's own are read
        others = (
            [o for a, b in matched for o in self._coordinated(a, b, start, taken)] if joined else []
        )
        found.sort(key=lambda i: i.span.start)
        # a named system and the class words of its own noun phrase are one item
        # ("50 Gepard anti-aircraft armoured vehicles", "Leopard 2 tanks")
        weapons = [i for i in found if i.name != i.item_class]
        classes = [i for i in found if i.name == i.item_class]
        kept: list[_Item] = []
        for w in weapons:
            start, end = w.span.start, w.span.end
            for c in classes:
                if c.span.start <= end + 1 and start <= c.span.end:
                    start, end = min(start, c.span.start), max(end, c.span.end)
            kept.append(_Item(Span.of(self.text, start, end), w.name, w.item_class))
        for c in classes:
            if not any(k.span.start <= c.span.start and c.span.end <= k.span.end for k in kept):
                kept.append(c)
        found = sorted(kept + others, key=lambda i: i.span.start)
        for k, item in enumerate(found):
            count = self._count_for(item.span)
            if count is not None:
                found[k] = replace(item, quantity=count)
        return found

    def _coordinated(self, a: int, b: int, start: int, taken: list[tuple[int, int]]) -> list[_Item]:
        """The classes of words joined before a class phrase's modifier, which share its
        head: "humanitarian and security assistance" is humanitarian assistance too, and
        "humanitarian, economic, and security assistance" economic aid as well."""
        head = re.search(r"[\w-]+$", self.text[a:b])
        joined = _JOINED_MODIFIERS.search(self.text, max(start, a - 120), a)
        if head is None or joined is None:
            return []
        found = []
        for word in re.finditer(r"[A-Za-z][\w-]*", joined.group(1)):
            x, y = joined.start(1) + word.start(), joined.start(1) + word.end()
            phrase = f"{word.group()} {head.group()}"
            klass = next(
                (c for pattern, _p, c in self.lex.item_classes if pattern.fullmatch(phrase)), None
            )
            if klass is not None and not any(x < q and p < y for p, q in taken):
                taken.append((x, y))
                found.append(_Item(Span.of(self.text, x, y), klass, klass, joined=True))
        return found

    def _is_verb_at(self, start: int) -> bool:
        """Is the word at ``start`` a verb ("to aid Ukraine" names no aid)?"""
        words = self.sdoc.char_span(start, start + 1, alignment_mode="expand")
        return words is not None and len(words) > 0 and words[0].pos_ == "VERB"

    def _noun_phrase(self, a: int, b: int) -> Span:
        """The noun phrase around a class word ("portable anti-tank arms")."""
        toks = [t for t in self.sdoc if t.idx < b and t.idx + len(t.text) > a]
        if not toks:
            return Span.of(self.text, a, b)
        head = toks[-1]
        while head.dep_ in ("compound", "amod") and head.head.i > head.i:
            head = head.head
        left = min(
            (c.left_edge for c in head.children if c.dep_ in ("amod", "compound", "nummod")),
            key=lambda t: t.i,
            default=head,
        )
        left = min(left, toks[0], key=lambda t: t.i)
        end = head.idx + len(head.text)
        return Span.of(self.text, min(left.idx, a), max(end, b))

    def _count_for(self, span: Span) -> float | None:
        """The count of an item: a number inside its phrase or just before it."""
        claim = self._count_claim(span)
        return claim.value if claim is not None else None

    def _count_claim(self, span: Span) -> NumericClaim | None:
        """The numeric claim that counts an item (:meth:`_count_for`)."""
        k = bisect_right(self._count_starts, span.end) - 1
        while k >= 0:
            c = self.counts[k]
            if c.span.start < span.end and span.start < c.span.end:
                return c  # "50 Gepard anti-aircraft armoured vehicles"
            if c.span.end <= span.start:
                between = self.text[c.span.end : span.start]
                if len(between) <= 40 and not re.search(r"[.;:,]", between):
                    return None if self._clause_between(c.span.end, span.start) else c
                return None
            k -= 1
        return None

    def _tally(self, trigger: Token, items: list[_Item]) -> bool:
        """Is the clause a tally rather than a commitment: packages counted ("we've done
        47 drawdown packages"), or items counted roughly in the perfect or over a period,
        with nothing new ("together with our allies, we've sent more than 800 artillery
        systems", "nearly 2,000 tanks so far")?"""
        nouns = [trigger, *(c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass"))]
        if any(
            n.lemma_.lower() in _PACKAGE_NOUNS
            and n.tag_ == "NNS"
            and any(c.dep_ == "nummod" for c in n.children)
            for n in nouns
        ):
            return True  # "47 drawdown packages", "authorized two military aid packages"
        sentence = trigger.sent.text.lower()
        if _NEW_CUES.search(sentence):
            return False
        perfect = any(c.dep_ == "aux" and c.lower_ in _HAVE for c in trigger.children)
        if not (perfect or _SUM_CUES.search(sentence)):
            return False
        for item in items:
            claim = self._count_claim(item.span) if item.quantity is not None else None
            if claim is not None and claim.qualifier in _ROUGH_COUNTS:
                return True
        return False

    def _clause_between(self, start: int, end: int) -> bool:
        """Do the words between a number and an item go on to something else ("40
        countries to rally more military support"): a verb, a preposition, a pronoun or
        a conjunction?"""
        words = self.sdoc.char_span(start, end, alignment_mode="contract")
        return words is not None and any(t.pos_ in _CLAUSE_POS for t in words)

    # -------------------------------------------------------------- commitments
    def _object_range(self, trigger: Token) -> tuple[int, int] | None:
        # a phrase put before a verb is an adverbial, not what is given ("For every
        # Russian armored vehicle in Ukraine, the United States will have provided …"),
        # and a clause before it is another's ("Zelenskyy asked for air defense, Trump
        # agreed to work with him")
        verb = trigger.pos_ in ("VERB", "AUX")
        parts = [
            c
            for c in trigger.children
            if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "xcomp")
            or (c.dep_ == "ccomp" and not (verb and c.i < trigger.i))
            or (
                c.dep_ == "prep"
                and c.lower_ in ("in", "of", "with", "for", "worth")
                and not (verb and c.i < trigger.i)
                and not _per_each(c)  # "for every Russian tank": a ratio's measure
            )
        ]
        if trigger.pos_ in ("NOUN", "PROPN"):
            parts += [trigger]
        elif (
            trigger.dep_ == "acl"
            and trigger.tag_ == "VBN"
            and trigger.head.pos_ in ("NOUN", "PROPN")
        ):
            parts += [trigger.head]  # "the weapons being given to Ukraine"
        if not parts:
            return None
        left = min(p.left_edge.idx for p in parts)
        right_tok = max((p.right_edge for p in parts), key=lambda t: t.i)
        after = right_tok.i + 1
        sent_end = trigger.sent.end
        # a short adverbial of the trigger may stand before the colon ("announce our
        # biggest tranche of security assistance to date: approximately $2.98 billion")
        while (
            after < min(sent_end, right_tok.i + _ADVERBIAL_BEFORE_COLON)
            and self.sdoc[after].text != ":"
            and self.sdoc[after].pos_ not in ("VERB", "AUX", "PUNCT")
            and trigger.is_ancestor(self.sdoc[after])
        ):
            after += 1
        if after < sent_end and self.sdoc[after].text == ":":
            # "… being given to Ukraine: not just anti-tank arms but now tanks …"
            right_tok = self.sdoc[sent_end - 1]
            while right_tok.is_punct and right_tok.i > after:
                right_tok = self.sdoc[right_tok.i - 1]
        return left, right_tok.idx + len(right_tok.text)

    def _asides(
        self, trigger: Token, start: int, end: int, colon: int = -1
    ) -> list[tuple[int, int]]:
        """Relative and adverbial clauses inside the object, and the measure of a ratio
        ("for every Russian tank"): what they name is not given ("vehicles, which would
        be useful in shooting down aircraft"); a giving verb nested in it gives its own
        ("talk of sending aircraft"). After a colon the parse of a list is too loose to
        tell a clause from an item, so only nested verbs count."""
        out = []
        for tok in self.sdoc[trigger.sent.start : trigger.sent.end]:
            nested = tok.dep_ == "pcomp" and tok.lemma_.lower() in self.lex.verbs
            clause = tok.dep_ in ("relcl", "acl", "advcl", "appos") and not 0 <= colon < tok.idx
            if (nested or clause or _per_each(tok)) and start <= tok.idx < end:
                if tok.i == trigger.i:
                    continue
                out.append((tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)))
        return out

    def _tells(self, trigger: Token) -> bool:
        """Does a giving verb give an account, not aid ("provided an update on the
        provision of security assistance")?"""
        return trigger.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "dobj" and c.lower_ in self.lex.telling_nouns for c in trigger.children
        )

    def from_trigger(self, trigger: Token, rng: tuple[int, int] | None = None) -> list[Commitment]:
        if self.refused(trigger) or _is_question(trigger) or self._tells(trigger):
            return []
        rng = rng or self._object_range(trigger)
        if rng is None:
            return []
        start, end = rng
        if trigger.pos_ not in ("NOUN", "PROPN"):
            start = min(start, trigger.idx)
        colon = self.text.find(":", trigger.idx, end)
        asides = self._asides(trigger, start, end, colon)
        items, joined = self._object_items(start, end, asides, colon)
        money = [m for m in self._in(self._money_starts, self.money, start, end)]
        lemma = trigger.lemma_.lower()
        financing = lemma in self.lex.financing_verbs
        if not items and not money and not financing:
            return []
        if money and self.is_total(money[0], (trigger.sent.start_char, trigger.sent.end_char)):
            return []
        if money and self._budget(trigger, money[0]):
            return []  # "$5 billion in drawdown authority", "the bill provides $4 billion"
        if self._lets_speaker(trigger):
            return []  # "let me reiterate", "allow us to …": no aid
        referent = self._referent(trigger) if money else None
        if referent is not None:  # "This is a $600 million package": the one just told of
            return self._amount_of(referent, trigger, money[0], Span.of(self.text, start, end))
        donor = self.donor(trigger) or self._maker(items)
        recipient = self.recipient(trigger, donor)
        if lemma in self.lex.receiving_verbs:
            # "Ukraine has received hundreds of missiles (from the United States)": the
            # subject receives; the giver is named after "from", or made what was sent
            giver = self._owner(trigger, "from", country_only=True)
            recipient, donor = self.donor(trigger), giver or self._maker(items)
            if recipient is None and _named_subject(trigger):
                return []  # "other partners receive the missiles": no country receives
        requested = self.lex.verbs.get(lemma) == "requested"
        if donor is not None and recipient == donor and not requested:
            return []  # spending at home ("loan forgiveness for 5 million Americans")
        status = self.status(trigger)
        if requested:
            # "Ukraine asked Germany for tanks": the asker receives, the asked gives
            asked = next((c for c in trigger.children if c.dep_ == "dobj"), None)
            donor, recipient = (self._actor_of(asked) if asked is not None else None), donor
        if not money and self._tally(trigger, items):
            return []  # "we've done 47 packages", "have sent more than 800 artillery systems"
        owned = any(c.dep_ == "poss" for c in trigger.children)
        if lemma in ("supply", "supplies") and owned and recipient is None:
            return []  # "their munitions supplies": a stock, not a transfer
        umbrella = all(i.item_class in self.lex.umbrella_classes for i in items)
        told = trigger.pos_ in ("NOUN", "PROPN") and self._clause_on(trigger) is not None
        counted = any(i.quantity for i in items)
        if (donor is None or told) and not money and umbrella and not counted:
            # "increasing military assistance to Ukraine", "the military assistance that
            # we have provided": a topic
            return []
        if financing and not money:
            recipient = recipient or self._owner_of_object(trigger)
            if recipient is None or recipient == donor:
                return []
            items = [_Item(Span.of(self.text, start, end), "financial aid", "financial aid")]
        permission = self._permission(trigger)
        inferred = False
        if donor is None and permission:
            # "allow Ukraine to use ATACMS": the maker's government permits its use
            donor = next((o for i in items if (o := self.countries.origin_of.get(i.name))), None)
            inferred = donor is not None
        if donor is None and not _has_subject(trigger, self.lex.containing_verbs):
            # a government's own release ("announcing a new $275 million package"):
            # that government; elsewhere the domain pack's coalition for the recipient
            donor = self._voice_of_publisher(trigger)
        if donor is None:
            recipient = recipient or self.nearby_recipient(trigger)
            donor = self.pack.unnamed_donor(recipient)
            inferred = donor is not None
        span = Span.of(self.text, start, end)
        base = self._commitment(trigger, span, donor, recipient, status, inferred)
        if money:  # an amount of aid: one commitment for the first amount
            amount = money[0]
            usd = to_usd(amount.value, amount.currency, self._year(base.date), self.pack)
            if usd is not None and usd < MIN_AID_USD:
                return []  # "$650 for each family": a payment, not a commitment
            if not items and recipient is None:
                return []  # money for no named aid and no one: spending, not aid
            if recipient is not None and self._shared(trigger, recipient):
                # "$650 million in military assistance to Ukraine, eastern flank
                # countries, and other partners": aid to it, but not that much (and
                # money for no named aid shared with others is no commitment to it)
                return [replace(base, item=i.name, item_class=i.item_class) for i in items[:1]]
            if self._vague_or_yearly(amount):
                return []  # "billions of dollars", "$3 billion a year": no one commitment
            if self._is_sum(trigger, amount, base):
                return []  # "we have sent $2 billion in security assistance": a sum
            if recipient is None and items:
                # "announced an additional $800 million in security assistance", in a
                # text about the war: the recipient the domain pack follows
                nearby = self.nearby_recipient(trigger)
                recipient = nearby if nearby != base.donor else None
                base = replace(base, recipient=recipient)
            klass = _one_kind([i.item_class for i in joined])
            name = self._aid_name(start, end) or (klass or "aid")
            if len({aid_kind(i.item_class) for i in joined} - {"unspecified"}) > 1:
                # several kinds: named as the text names them
                a, b = min(i.span.start for i in joined), max(i.span.end for i in joined)
                name = _mixed_name(self.text[a:b]) or name
            elif aid_kind(klass) == "unspecified":
                klass = self._class_in_sentence(trigger) or klass
            sentence_end = trigger.sent.end_char
            parts = self._parts(
                amount, self._in(self._money_starts, self.money, amount.span.end, sentence_end)
            )
            return [
                replace(
                    base,
                    span=part.span if parts else base.span,
                    item=name,
                    item_class=klass,
                    amount=part.value,
                    currency=part.currency,
                    value_usd=to_usd(part.value, part.currency, self._year(base.date), self.pack),
                )
                for part in parts or [amount]
            ]
        # "10 anti-armor systems for every Russian tank": a ratio, not how many were sent
        ratio = any(_per_each(t) for t in trigger.subtree)
        return [
            replace(
                base,
                span=item.span if len(items) > 1 else span,
                item=f"permission to use {item.name}" if permission else item.name,
                item_class="permission" if permission else item.item_class,
                quantity=None if ratio else item.quantity,
            )
            for item in items
        ]

    def _amount_of(
        self, referent: Commitment, trigger: Token, amount: NumericClaim, span: Span
    ) -> list[Commitment]:
        """``referent`` with the amount a later clause tells of it."""
        year = self._year(referent.date)
        usd = to_usd(amount.value, amount.currency, year, self.pack)
        if self._vague_or_yearly(amount) or (usd is not None and usd < MIN_AID_USD):
            return []
        return [
            replace(
                referent,
                span=span,
                amount=amount.value,
                currency=amount.currency,
                value_usd=usd,
                source=self._source(trigger),
                trigger=self._span_of(trigger),
            )
        ]

    def _referent(self, trigger: Token) -> Commitment | None:
        """The commitment a pronoun identifies as a package of some amount: in "last night,
        we announced our 21st package of security assistance. This is a $600 million
        package", the one of the sentence before that has no amount of its own."""
        verb = trigger.head
        if trigger.dep_ != "attr" or verb.lemma_.lower() != "be" or trigger.sent.start == 0:
            return None
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if [s.lower_ for s in subjects] not in (["it"], ["this"], ["that"]):
            return None
        last = next((c for c in reversed(self.kept) if c.amount is None), None)
        before = self.sdoc[trigger.sent.start - 1].sent
        if last is None or last.donor is None or last.trigger is None:
            return None
        return last if before.start_char <= last.trigger.start < before.end_char else None

    def _permission(self, trigger: Token) -> bool:
        """Does the trigger permit a use ("allow Ukraine to use ATACMS inside Russia")?"""
        if trigger.lemma_.lower() not in self.lex.permission_verbs:
            return False
        return any(
            c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in self.lex.use_words
            for c in trigger.children
        )

    def _owner_of_object(self, trigger: Token) -> str | None:
        """Who or whose is what a financing verb pays for ("fund Ukraine", "finance
        Ukraine's production")?"""
        for c in trigger.children:
            if c.dep_ == "dobj":
                if c.pos_ == "PROPN":
                    return self._actor_of(c)
                for g in c.children:
                    if g.dep_ == "poss":
                        return self._actor_of(g)
        return None

    def _commitment(
        self,
        trigger: Token,
        span: Span,
        donor: str | None,
        recipient: str | None,
        status: str,
        inferred: bool = False,
    ) -> Commitment:
        """A commitment read from ``trigger``, dated and sourced from its clause; the item
        and the amounts are filled in by the caller."""
        date, expression, mod = self.date(trigger)
        return Commitment(
            span=span,
            donor=donor,
            recipient=recipient,
            item="",
            item_class=None,
            quantity=None,
            amount=None,
            currency=None,
            value_usd=None,
            status=status,
            date=date,
            date_expression=expression,
            source=self._source(trigger),
            trigger=self._span_of(trigger),
            donor_inferred=inferred,
            date_mod=mod,
        )

    def _span_of(self, tok: Token) -> Span:
        return Span.of(self.text, tok.idx, tok.idx + len(tok.text))

    def _source(self, trigger: Token) -> str | None:
        """On whose word the trigger rests: the speaker of the quote it is in (``None``
        when the quote has none), else of the transcript turn, else the author."""
        return self.voices.source_at(trigger.idx)

    def from_use(self, verb: Token) -> list[Commitment]:
        """A weapon called after another country, used by an actor, was given to it
        ("Ukraine fired one of those US missiles": the United States -> Ukraine)."""
        if self.refused(verb):
            return []
        user = self.donor(verb)
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if user is None or not objects:
            return []
        obj = objects[0]
        start, end = obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text)
        for item in self.items(start, end):
            maker = self._maker([item])
            if maker is not None and maker != user:
                base = self._commitment(
                    verb, Span.of(self.text, start, end), maker, user, "delivered"
                )
                return [replace(base, item=item.name, item_class=item.item_class)]
        return []

    def money_in_aid(self, claim: NumericClaim) -> list[Commitment]:
        """An amount in aid with no giving verb ("the rush to the front of $5 billion in
        new American weapons"); not a part of an amount before it ("over $30 billion in
        assets, including almost $7 billion in boats": the whole says what it is)."""
        k = bisect_left(self._money_starts, claim.span.start)
        if k > 0:
            between = self.text[self.money[k - 1].span.end : claim.span.start]
            if _INCLUDING.search(between) and not re.search(r"[.;]", between):
                return []
        for tok in (
            self.sdoc.char_span(claim.span.start, claim.span.end, alignment_mode="expand") or []
        ):
            for prep in tok.children:
                if prep.dep_ != "prep" or prep.lower_ != "in":
                    continue
                for noun in prep.children:
                    if noun.dep_ != "pobj" or noun.pos_ not in ("NOUN", "PROPN"):
                        continue
                    right = noun.right_edge
                    return self.from_trigger(noun, (claim.span.start, right.idx + len(right.text)))
        return []

    def _is_sum(self, trigger: Token, amount: NumericClaim, base: Commitment) -> bool:
        """Is an amount a sum over time rather than one commitment: the perfect with
        nothing new ("we have committed $1.7 billion"; "we've just announced" is new),
        or, for aid delivered, the present progressive with nothing new and no date ("we
        are providing $1 billion"), a lower
        bound ("delivered more than $300 million") or a period anywhere in the sentence
        ("since February", "over the past two weeks")?"""
        sentence, status = trigger.sent.text.lower(), base.status
        if status == "delivered" and (
            amount.qualifier in _LOWER_BOUNDS or _SUM_CUES.search(sentence)
        ):
            return True
        # "the $1.2 billion in assistance that we've provided": the clause's verb
        verbs = [trigger, *(c for c in trigger.children if c.dep_ in ("relcl", "acl"))]
        if trigger.pos_ in ("NOUN", "PROPN") and (clause := self._clause_on(trigger)) is not None:
            verbs.append(clause)  # the clause on the amount the noun belongs to
        # any "have" auxiliary, not only :func:`_perfect`'s: "we have been providing", and
        # a participle the parser tags as a past tense, are sums too
        perfect = any(c.dep_ == "aux" and c.lower_ in _HAVE for v in verbs for c in v.children)
        just = any(c.dep_ == "advmod" and c.lower_ == "just" for c in trigger.children)
        if perfect and not just and _NEW_CUES.search(sentence) is None:
            return True
        # "we are providing a billion dollars in security assistance": aid going on, with
        # nothing new and no date, is what has been given all along
        progressive = trigger.tag_ == "VBG" and any(
            c.dep_ == "aux" and c.lower_ in _PRESENT_BE for c in trigger.children
        )
        if progressive and status == "delivered" and _NEW_CUES.search(sentence) is None:
            return base.date_expression is None
        # "we had $3.5 billion in security assistance": a stock held, not aid given
        verb = _governing_verb(trigger) if trigger.pos_ in ("NOUN", "PROPN") else None
        return verb is not None and verb.lemma_.lower() == "have"

    def _vague_or_yearly(self, amount: NumericClaim) -> bool:
        """An order of magnitude ("billions of dollars") or a yearly rate ("$3 billion
        each year") rather than an amount committed."""
        figure = amount.span.text.lower()
        if _MAGNITUDE.search(figure):
            return True
        after = self.text[amount.span.end : amount.span.end + 40].lower()
        return _YEARLY.match(after) is not None

    def _year(self, date: str | None) -> int | None:
        """The year whose exchange rate applies: the commitment's, else publication's."""
        for value in (date, self.day):
            if value and value[:4].isdigit():
                return int(value[:4])
        return None

    def _maker(self, items: list[_Item]) -> str | None:
        """With no one named as giver, the country an item is called after ("Western
        weapons systems", "American fighter jets", "North Korean troops")."""
        for item in items:
            head = self._noun_phrase(item.span.start, item.span.end)
            for _s, _e, canonical, etype in self.mentions.inside(head.start, head.end):
                if etype in ("NORP", "GPE"):
                    found = self.country(canonical, etype)
                    if found:
                        return found
        return None

    def _parts(self, whole: NumericClaim, others: list[NumericClaim]) -> list[NumericClaim]:
        """The amounts a rough whole is made of ("over $3 billion in new military
        assistance, including $2.8 billion drawdown"): each is a commitment of its own,
        the whole only their sum. None when the whole is given exactly."""
        if whole.qualifier is None or not others:
            return []
        between = self.text[whole.span.end : others[0].span.start]
        if not _INCLUDING.search(between) or re.search(r"[.;]", between):
            return []
        parts = [others[0]]
        for amount in others[1:]:
            joint = self.text[parts[-1].span.end : amount.span.start]
            if not _JOINING.match(joint):
                break
            parts.append(amount)
        return parts

    def _budget(self, trigger: Token, amount: NumericClaim) -> bool:
        """Is an amount a budget or a legal authority rather than aid given: "$5 billion
        in drawdown authority", "a $33 billion request", "the bill provides $4 billion"
        (``budget_words``)?"""
        nouns: list[Token] = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
        words = self.sdoc.char_span(amount.span.start, amount.span.end, alignment_mode="expand")
        if words is not None and len(words):
            head = words.root
            nouns += [g for c in head.children if c.dep_ == "prep" for g in c.children]
            while head.head.i != head.i and head.i != trigger.i:  # "spending of $600 billion"
                head = head.head
                nouns.append(head)
        return any(n.lemma_.lower() in self.lex.budget_words for n in nouns)

    def _lets_speaker(self, trigger: Token) -> bool:
        """Does a verb of permission only let the speaker do something ("let me
        reiterate", "allow us to …"), or let someone speak ("let President Yoon speak to
        whatever aid South Korea …")?"""
        if trigger.lemma_.lower() not in self.lex.permission_verbs or self._permission(trigger):
            return False
        allowed = [c for c in trigger.children if c.dep_ == "dobj"] + [
            g
            for c in trigger.children
            if c.dep_ in ("ccomp", "xcomp")
            for g in c.children
            if g.dep_ == "nsubj"
        ]
        speaks = any(
            c.dep_ in ("ccomp", "xcomp") and c.lemma_.lower() in self.lex.speaking_verbs
            for c in trigger.children
        )
        return speaks or any(a.lower_ in ("me", "us") for a in allowed)

    def _class_in_sentence(self, trigger: Token) -> str | None:
        """The item class the trigger's sentence names when all it names are of one kind
        ("to activate additional security assistance … an additional $800 million in
        assistance": military aid); else the sentences before and after it."""
        sent = trigger.sent
        found = self._one_kind_in(sent.start_char, sent.end_char)
        if found is None:
            # "Last week I signed an $800 million package of security assistance. Today,
            # I'm announcing another $800 million …": the sentences around it
            before = self.sdoc[sent.start - 1].sent if sent.start > 0 else sent
            after = self.sdoc[sent.end].sent if sent.end < len(self.sdoc) else sent
            found = self._one_kind_in(before.start_char, after.end_char)
        return found

    def _one_kind_in(self, start: int, end: int) -> str | None:
        found = [i.item_class for i in self.items(start, end, joined=True)]
        kinds = {aid_kind(c) for c in found} - {"unspecified"}
        if len(kinds) != 1:
            return None
        return next(c for c in found if aid_kind(c) != "unspecified")

    def _aid_name(self, start: int, end: int) -> str | None:
        for pattern, phrase, _klass in self.lex.item_classes:
            if pattern.search(self.text, start, end):
                return phrase
        return None

    def extract(self) -> list[Commitment]:
        out = self.kept
        seen: set[tuple[int, int]] = set()
        told: set[tuple[Any, ...]] = set()

        def keep(found: list[Commitment]) -> None:
            for c in found:
                key = (c.span.start, c.span.end)
                same = (c.donor, c.recipient, c.item, c.status, c.amount, c.quantity)
                if key in seen or same in told or any(self._restates(o, c) for o in out[-8:]):
                    continue  # told again in the same document: the first telling stands
                seen.add(key)
                told.add(same)
                out.append(c)

        verbs = [
            t for t in self.sdoc if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in self.lex.verbs
        ]
        # what a verb's object covers is read from the verb, not again from its nouns
        covered = [r for r in (self._object_range(v) for v in verbs) if r is not None]
        nouns = [
            t
            for t in self.sdoc
            if t.pos_ == "NOUN"
            and t.lemma_.lower() in self.lex.aid_nouns
            and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "ROOT", "attr")
            and not any(a <= t.idx < b for a, b in covered)
        ]
        for tok in sorted([*verbs, *nouns], key=lambda t: t.i):
            keep(self.from_trigger(tok))
        for claim in self.money:
            start = claim.span.start
            if not any(a <= start < b for a, b in covered) and not any(
                c.span.start <= start < c.span.end for c in out
            ):
                keep(self.money_in_aid(claim))
        for tok in self.sdoc:
            if tok.pos_ == "VERB" and tok.lemma_.lower() in self.lex.use_verbs:
                keep(self.from_use(tok))
        return sorted(out, key=lambda c: c.span.start)

    @staticmethod
    def _restates(outer: Commitment, inner: Commitment) -> bool:
        """Is ``inner`` the same item read again from a verb inside ``outer``'s clause
        ("announced it would be sending 50 Gepards": one commitment, announced)?"""
        return (
            outer.item == inner.item
            and outer.span.start <= inner.span.start
            and inner.span.end <= outer.span.end
        )


@dataclass(frozen=True, slots=True)
class _PackCountries:
    """What a domain pack says about whom actors act for, read once per pack."""

    of_people: dict[str, str]  # "Russians", "Russian" -> Russia
    of_holder: dict[str, str]  # anyone who held an office -> its country
    of_place: dict[str, str]  # a city -> the country it lies in or stands for
    leaders: tuple[tuple[re.Pattern[str], str], ...]  # office holders' surnames
    names: tuple[tuple[re.Pattern[str], str], ...]  # a country's names and demonyms
    item_class_of: dict[str, str | None]  # named weapon -> its class
    origin_of: dict[str, str]  # named weapon -> the country that makes it
    title_heads: frozenset[str]  # office titles' head words: "president", "secretary"


def _word(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)")


@lru_cache(maxsize=8)
def _pack_countries(pack: DomainPack) -> _PackCountries:
    of_holder: dict[str, str] = {}
    leaders: dict[str, str] = {}
    for office in pack.offices:
        for holder in office.holders:
            of_holder.setdefault(holder.name, office.country)
            leaders.setdefault(holder.name.split()[-1], office.country)
    gpes = [k for k in pack.entities if k.type == "GPE"]
    return _PackCountries(
        # a people and its demonym ("Iranian-made drones": Iran)
        of_people={
            **{d: k.canonical for k in gpes for d in k.demonyms},
            **{k.people: k.canonical for k in gpes if k.people},
        },
        of_holder=of_holder,
        of_place={k.canonical: k.country for k in gpes if k.country},
        leaders=tuple((_word(name), country) for name, country in leaders.items()),
        names=tuple(
            (_word(n), k.canonical) for k in gpes for n in (k.canonical, *k.aliases, *k.demonyms)
        ),
        item_class_of={k.canonical: k.item_class for k in pack.entities if k.type == "WEAPON"},
        origin_of={k.canonical: k.origin for k in pack.entities if k.origin},
        title_heads=frozenset(
            title.split(" of ")[0].split()[-1] for office in pack.offices for title in office.titles
        ),
    )


def _after(colon: int, items: list[_Item]) -> list[_Item]:
    """The items after a colon, when some are: the list, not its heading."""
    if colon >= 0 and any(i.span.start > colon for i in items):
        return [i for i in items if i.span.start > colon]
    return items


def _mixed_name(text: str) -> str | None:
    """Aid of several kinds named as one phrase ("humanitarian, economic, and security
    assistance"), when it is one short phrase."""
    name = " ".join(text.split())
    return name if len(name) <= _MAX_MIXED_NAME and not re.search(r"[.;:$€£]", name) else None


def _one_kind(classes: list[str | None]) -> str | None:
    """The first class, when all the classes are of one kind of aid ("$33 billion in
    security, economic and humanitarian aid" is of none)."""
    named = [c for c in classes if c]
    kinds = {aid_kind(c) for c in named} - {"unspecified"}
    if len(kinds) > 1:
        return None
    return next((c for c in named if aid_kind(c) != "unspecified"), named[0] if named else None)


def _named_subject(trigger: Token) -> bool:
    """Is the verb's subject a noun, not a pronoun ("other partners receive …", not
    "they receive …")?"""
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN") for c in trigger.children
    )


def _has_subject(trigger: Token, containing: frozenset[str] = frozenset()) -> bool:
    """Does the trigger's clause name a giver, known or not ("it will provide", "allies
    pledged"), or the noun an owner? Then the text's publisher is not the giver. A
    clause that says what something is or holds names none ("It's a $700 million
    package", "It also includes $650 million in military assistance": ``containing``
    verbs with "it", "this" or "that" for subject)."""
    if trigger.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ == "poss" for c in trigger.children):
            return True
        verb = _governing_verb(trigger)
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")] if verb else []
        holds = verb is not None and verb.lemma_.lower() in containing and verb.dep_ != "relcl"
        if [c.lower_ for c in subjects] in (["it"], ["this"], ["that"]) and (
            trigger.dep_ == "attr" or holds  # not "a package that includes …": the package's
        ):
            return False
        return any(c.lower_ not in _FIRST_PERSON for c in subjects)
    tok = trigger
    for _ in range(3):
        if any(c.dep_ in ("nsubj", "csubj", "agent") for c in tok.children):
            return True
        if tok.dep_ not in ("xcomp", "conj", "ccomp", "advcl") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _infinitive_on_object(verb: Token) -> bool:
    """Is a verb an infinitive on its governing verb's object ("authorized a package to
    send weapons"; the parser calls it a relative clause as often as not)?"""
    return (
        verb.dep_ in ("acl", "relcl")
        and verb.head.dep_ == "dobj"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _word_in(word: str, words: frozenset[str]) -> bool:
    """Is ``word`` one of ``words``, in the singular or the plural ("Departments", which
    the parser may leave unlemmatised as a proper noun)?"""
    low = word.lower()
    return low in words or (low.endswith("s") and low[:-1] in words)


def _distributive(noun: Token) -> bool:
    """Is a noun taken one at a time ("for every Russian tank", "for each soldier"): a
    ratio's measure, not a receiver?"""
    return any(c.dep_ == "det" and c.lower_ in ("every", "each") for c in noun.children)


def _per_each(prep: Token) -> bool:
    """Is the token "for" before a noun taken one at a time ("10 anti-armor systems for
    every Russian tank", "500 rounds for each howitzer")?"""
    return (
        prep.dep_ == "prep"
        and prep.lower_ == "for"
        and any(g.dep_ == "pobj" and _distributive(g) for g in prep.children)
    )


def _perfect(verb: Token) -> bool:
    """Is the verb in a perfect tense ("has announced", "we’ve sent")? The form of the
    auxiliary tells: the parser leaves the lemma of "’ve" as it is."""
    return verb.tag_ == "VBN" and any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in _HAVE for c in verb.children
    )


def _tensed(verb: Token) -> Token:
    """The verb whose tense is the trigger's: an infinitive after an adjective takes
    that of the "be" before it ("I am proud to announce …" is the present, "we were
    pleased to announce …" the past); any other verb its own."""
    adjective = verb.head
    if (
        verb.dep_ == "xcomp"
        and adjective.pos_ == "ADJ"
        and adjective.dep_ == "acomp"
        and adjective.head.lemma_ == "be"
    ):
        return adjective.head
    return verb


def _on_path(tok: Token, trigger: Token) -> bool:
    """Is ``tok`` the trigger or a word the trigger hangs on?"""
    return tok.i == trigger.i or tok.is_ancestor(trigger)


def _governing_verb(noun: Token) -> Token | None:
    """The verb whose object (or object's prepositional phrase) a noun is."""
    tok = noun
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.dep_ not in ("dobj", "pobj", "prep", "compound", "attr", "appos", "conj"):
            return None
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _is_question(tok: Token) -> bool:
    """Is the token's sentence a question ("Will ATACMS be sent?"): it asserts no
    commitment. The first end of a sentence after the token tells (the parser
    sometimes runs a question on into the next words)."""
    for later in tok.doc[tok.i : tok.sent.end]:
        if later.text in (".", "!", "?"):
            return later.text == "?"
    return False


def _day(published: str | None) -> str | None:
    if published and re.match(r"^\d{4}-\d{2}-\d{2}", published):
        return published[:10]
    return None


def extract_commitments(
    sdoc: Doc,
    doc: Document,
    entities: list[Entity],
    quotes: list[Quote],
    timexes: list[Timex],
    claims: list[NumericClaim],
    pack: DomainPack,
    turns: list[Turn] | None = None,
) -> list[Commitment]:
    """Commitments of a parsed document, in text order."""
    return _Commitments(sdoc, doc, entities, quotes, timexes, claims, pack, turns or []).extract()
