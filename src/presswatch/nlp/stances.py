"""Stances: where the author and each quoted or reported actor stand on the domain
pack's propositions, with the evidence for it.

Evidence comes from three places, each held by someone:

- **quotes**: the content of a quote, held by its speaker;
- **positions**: a clause whose subject is an actor and whose verb, adjective or noun
  takes a position ("Trump called for a quick end to the war", "the NSC has been
  reluctant to provide ...", "Scholz's refusal to send tanks"), held by that actor;
- **the author's voice**: sentences outside quotes that carry an opinion marker (a
  modal of obligation, an evaluative word), in a document that has several of them
  (an opinion piece); there, the author's other sentences count too, through their
  evaluative words only ("a new goal of achieving a lasting ceasefire"). A sentence
  that reports what a named actor says is not the author's.

A piece of evidence speaks to a proposition when one of the proposition's ``topic``
cues is in it. Its side is the sum of the votes of the cues in it: the proposition's
own ``favor``/``against`` cues, general evaluative words ("imperative", "futile"),
and verbs of position ("want", "oppose"). A cue is turned round by a negation on its
clause and by each verb, adjective or noun of opposition above it in the parse
("reject calls to stop arming": "stop arming" argues against sending weapons,
"reject" turns it round). A verb of position that governs another cue gives no vote
of its own; it only turns the others. Cues in a concessive clause ("although ...")
or a finite relative clause do not vote; a verb that reports an act of giving votes
only when the act is wanted or the holder's own, not when it is told as a fact
("by arming Ukraine, NATO had entered the war"). "This is a terrible idea" judges the
sentence before, on the side that sentence takes; "too" on an adjective judges
against. With sentence embeddings on (:mod:`presswatch.nlp.embeddings`), a piece with
a topic but no cue takes the side of the proposition's example sentences it is nearer
to, when clearly nearer.

Per holder and proposition the sides are combined: all for is ``favor``, all against
``against``, both ``mixed``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from presswatch.data import cue_pattern, read_data, words
from presswatch.domain import DomainPack, Proposition
from presswatch.models import Entity, Quote, Span, Stance, StanceEvidence
from presswatch.nlp.commitments import commitment_lexicon
from presswatch.nlp.mentions import MentionIndex
from presswatch.nlp.quotes import quote_lexicon

#: a document needs this many opinion sentences in the author's voice before the
#: author is given stances (news reports have few; opinion pieces many)
MIN_AUTHOR_SENTENCES = 3
_PREDICATE_DEPS = frozenset({"ROOT", "acomp", "attr", "oprd"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: a cue in one of these roles judges its whole clause
_ARGUMENT_DEPS = frozenset({"ROOT", "nsubj", "nsubjpass", "attr", "acomp", "oprd", "dobj"})
_PERSON_PRONOUNS = frozenset({"he", "she"})
_ANAPHORS = frozenset({"similar", "same", "such"})
_DEMONSTRATIVES = frozenset({"this", "that"})
_CONCESSIVE = frozenset({"although", "though", "whereas", "albeit"})


@dataclass(frozen=True, slots=True)
class StanceLexicon:
    favor_verbs: frozenset[str]
    against_verbs: frozenset[str]
    act_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    against_particles: frozenset[str]
    favor_adjectives: frozenset[str]
    against_adjectives: frozenset[str]
    favor_nouns: frozenset[str]
    against_nouns: frozenset[str]
    standpoint_nouns: frozenset[str]
    author_markers: re.Pattern[str]
    positive: re.Pattern[str]
    negative: re.Pattern[str]
    negations: frozenset[str]


@lru_cache(maxsize=1)
def stance_lexicon() -> StanceLexicon:
    data = read_data("stances.yaml")
    return StanceLexicon(
        favor_verbs=words(data, "favor_verbs"),
        against_verbs=words(data, "against_verbs"),
        act_verbs=frozenset(
            lemma for lemma, status in commitment_lexicon().verbs.items() if status == "delivered"
        ),
        speech_verbs=quote_lexicon().speech,
        against_particles=words(data, "against_particles"),
        favor_adjectives=words(data, "favor_adjectives"),
        against_adjectives=words(data, "against_adjectives"),
        favor_nouns=words(data, "favor_nouns"),
        against_nouns=words(data, "against_nouns"),
        standpoint_nouns=words(data, "standpoint_nouns"),
        author_markers=cue_pattern(data["author_markers"]),
        positive=cue_pattern(data["positive_evaluation"]),
        negative=cue_pattern(data["negative_evaluation"]),
        negations=words(data, "negations"),
    )


@dataclass(frozen=True, slots=True)
class PropositionCues:
    id: str
    topic: re.Pattern[str]
    favor: re.Pattern[str]
    against: re.Pattern[str]
    not_topic: re.Pattern[str]

    def topic_in(self, text: str) -> tuple[str, int] | None:
        """The first topic cue in ``text`` that is not part of a ``not_topic`` phrase,
        with where it starts."""
        blocked = [m.span() for m in self.not_topic.finditer(text)]
        for m in self.topic.finditer(text):
            if not any(s <= m.start() and m.end() <= e for s, e in blocked):
                return m.group(0), m.start()
        return None


@lru_cache(maxsize=8)
def proposition_cues(propositions: tuple[Proposition, ...]) -> tuple[PropositionCues, ...]:
    return tuple(
        PropositionCues(
            p.id,
            cue_pattern(p.topic),
            cue_pattern(p.favor_cues),
            cue_pattern(p.against_cues),
            cue_pattern(p.not_topic),
        )
        for p in propositions
        if p.topic
    )


class SideJudge(Protocol):
    """Decides the side of texts that name a proposition's topic but carry no cue:
    ``judge`` gives, per (proposition id, text), ``+1`` (favor), ``-1`` (against) or
    ``0`` (unsure)."""

    def judge(self, items: Sequence[tuple[str, str]]) -> list[int]: ...


@dataclass(slots=True)
class _Unit:
    """A stretch of text held by someone: a quote, a reported position, an opinion."""

    holder: str
    kind: str  # quote | position | author
    start: int
    end: int
    flip: int  # -1 when the holder's verb of position is against its content
    head: Token | None  # the verb/adjective/noun of position, for position units
    #: an author's sentence with no opinion marker, in an opinion piece: only its
    #: evaluative words speak ("a new goal of achieving a lasting ceasefire")
    evaluative_only: bool = False


class _Extractor:
    def __init__(
        self,
        sdoc: Doc,
        entities: list[Entity],
        quotes: list[Quote],
        pack: DomainPack,
        judge: SideJudge | None,
    ) -> None:
        self.doc = sdoc
        self.text = sdoc.text
        self.lex = stance_lexicon()
        self.props = proposition_cues(pack.propositions)
        self.mentions = MentionIndex(entities)
        self.quotes = [q for q in quotes if q.speaker]
        self.judge = judge
        self.token_starts = [t.idx for t in sdoc]

    # ------------------------------------------------------------------ units
    def units(self) -> list[_Unit]:
        out: list[_Unit] = []
        for q in self.quotes:
            # "Kuleba criticised Germany for its refusal to send ...": the cue opposes
            cue = self._token_at(q.cue.start) if q.cue else None
            flip = -1 if cue is not None and _is_opposer(cue, self.lex) else 1
            out.append(_Unit(q.speaker or "", "quote", q.content.start, q.content.end, flip, None))
        for sent in self.doc.sents:
            out.extend(self._positions(sent))
        out.extend(self._author_units())
        return out

    def _positions(self, sent: SpacySpan) -> Iterable[_Unit]:
        lex = self.lex
        for tok in sent:
            lemma = tok.lemma_.lower()
            direction = 0
            holder_tok: Token | None = None
            if tok.pos_ in ("VERB", "AUX") and (
                lemma in lex.favor_verbs or lemma in lex.against_verbs
            ):
                if lemma == "need" and any(c.dep_ == "xcomp" for c in tok.children):
                    continue  # "X needs to lead": obligation, said by the writer
                direction = -1 if lemma in lex.against_verbs else 1
                particles = {c.lower_ for c in tok.children if c.dep_ in ("prep", "prt")}
                if particles & lex.against_particles and lemma not in lex.against_verbs:
                    direction = -1
                holder_tok = _subject(tok)
                if _negated(tok, lex):
                    direction = -direction  # "Germany does not want to arm Ukraine"
            elif tok.pos_ == "ADJ" and (
                tok.lower_ in lex.favor_adjectives or tok.lower_ in lex.against_adjectives
            ):
                if tok.dep_ != "acomp":  # "has been reluctant to provide"
                    continue
                direction = -1 if tok.lower_ in lex.against_adjectives else 1
                holder_tok = _subject(tok.head)
            elif tok.pos_ == "NOUN" and (
                tok.lower_ in lex.favor_nouns or tok.lower_ in lex.against_nouns
            ):
                direction = -1 if tok.lower_ in lex.against_nouns else 1
                holder_tok = _owner(tok)
            if not direction or holder_tok is None:
                continue
            holder = self._holder(holder_tok, sent)
            if holder is None or self._quoted_by_other(tok.idx, holder):
                continue
            span_tokens = [t for t in tok.subtree if not _within(t, holder_tok)]
            if tok.dep_ == "relcl":  # "a peace plan he wants to broker"
                span_tokens = [t for t in tok.head.subtree if not _within(t, holder_tok)]
            if not span_tokens:
                continue
            start = min(t.idx for t in span_tokens)
            end = max(t.idx + len(t.text) for t in span_tokens)
            yield _Unit(holder, "position", start, end, direction, tok)

    def _holder(self, tok: Token, sent: SpacySpan) -> str | None:
        """The actor a subject (or possessor) token names."""
        if tok.lower_ in _PERSON_PRONOUNS or tok.lower_ == "they":
            # the nearest person before ("he", "she"), or group ("they"), nearby
            kinds = ("PERSON",) if tok.lower_ != "they" else ("NORP", "ORG")
            if tok.lower_ == "they":  # a group just quoted goes on: "They wanted ..."
                for q in reversed(self.quotes):
                    if q.content.end <= tok.idx and q.content.end > sent.start_char - 400:
                        if q.speaker and self.mentions.type_of(q.speaker) in kinds:
                            return q.speaker
                        break
            for start, _end, canonical, kind in self.mentions.before(tok.idx, 6):
                if start < sent.start_char - 400:
                    break
                if kind in kinds:
                    return canonical
            return None
        left = tok.left_edge.idx
        right = tok.right_edge.idx + len(tok.right_edge.text)
        found = self.mentions.inside(left, right, outermost=True)
        for start, end, canonical, _kind in found:
            if start <= tok.idx < end:
                return canonical
        # "the vast majority of Ukrainians": the actor inside the subject's phrase
        for _start, _end, canonical, kind in found:
            if kind in ("NORP", "ORG", "GPE", "PERSON"):
                return canonical
        return None

    def _sentence_before(self, char: int) -> SpacySpan | None:
        tok = self._token_at(char)
        if tok is None or tok.sent.start == 0:
            return None
        return self.doc[tok.sent.start - 1].sent

    def _anaphoric(self, unit: _Unit) -> bool:
        """Whether a position's object points back ("backed a similar bill", "the
        same plan", "it")."""
        return any(
            t.lower_ in _ANAPHORS and not (t.lower_ == "such" and t.nbor(1).lower_ == "as")
            for t in self._tokens(unit.start, unit.end)
            if t.i + 1 < len(self.doc)
        )

    def _quoted_by_other(self, char: int, holder: str) -> bool:
        """Whether ``char`` lies in a quote of someone other than ``holder``: "America
        says Ukraine needs long-range fires" is America's word, not Ukraine's."""
        return any(
            q.content.start <= char < q.content.end and q.speaker != holder for q in self.quotes
        )

    def _author_units(self) -> list[_Unit]:
        """The author's opinion sentences; in an opinion piece (enough of them), the
        author's other sentences too, where only evaluative words count."""
        spans = sorted((q.content.start, q.content.end) for q in self.quotes)
        cues = sorted((q.cue.start, q.cue.end) for q in self.quotes if q.cue)
        out: list[_Unit] = []
        for sent in self.doc.sents:
            s, e = sent.start_char, sent.end_char
            if _overlap(spans, s, e) > 0.3 * (e - s) or _overlap(cues, s, e) > 0:
                continue
            text = self.text[s:e]
            if '"' in text or "“" in text:
                continue
            if self._reported(sent):
                continue  # "..., Liz Truss will say": someone else's words
            marked = bool(self.lex.author_markers.search(text))
            out.append(_Unit("author", "author", s, e, 1, None, evaluative_only=not marked))
        if sum(not u.evaluative_only for u in out) < MIN_AUTHOR_SENTENCES:
            return []
        return out

    # ------------------------------------------------------------------ sides
    def evidence(self, unit: _Unit) -> list[tuple[str, StanceEvidence | None, str, str]]:
        """(proposition id, evidence or None when undecided, unit text, topic cue) for
        each proposition the unit speaks to."""
        text = self.text[unit.start : unit.end]
        out: list[tuple[str, StanceEvidence | None, str, str]] = []
        pointer = self._points_back(unit)
        prev = self._sentence_before(unit.start) if unit.kind != "author" or pointer else None
        before = prev.text if prev is not None else ""
        for prop in self.props:
            found = prop.topic_in(text)
            carried = found is None
            if found is None:
                # "Ukrainian officials say they do not yet have enough": the topic is in
                # the sentence before, and the unit must argue a side on its own
                found = prop.topic_in(before) if before else None
                if found is None:
                    continue
            topic, topic_start = found
            topic_tok = None if carried else self._token_at(unit.start + topic_start)
            votes: list[tuple[Token, int, str]] = []
            matches: list[tuple[int, int, int, str]] = []
            patterns = [(self.lex.positive, 1), (self.lex.negative, -1)]
            if not unit.evaluative_only:
                patterns = [(prop.favor, 1), (prop.against, -1), *patterns]
            for pattern, sign in patterns:
                matches.extend(
                    (m.start(), m.end(), sign, m.group(0)) for m in pattern.finditer(text)
                )
            for start, end, sign, cue in matches:
                if any(s <= start and end <= e and e - s > end - start for s, e, _, _ in matches):
                    continue  # "stop sending" argues, not the "sending" inside it
                tok = self._token_at(unit.start + start)
                if tok is None or (unit.head is not None and tok.i == unit.head.i):
                    continue
                if unit.evaluative_only and _owned(tok):
                    continue
                if (
                    tok.pos_ == "VERB"
                    and tok.lemma_.lower() in self.lex.act_verbs
                    and not self._wanted_or_own(tok, unit)
                ):
                    continue  # "by arming Ukraine, NATO had entered the war": a fact
                votes.append((tok, sign, cue))
            votes.extend(self._excess_votes(unit))
            if not unit.evaluative_only:
                votes.extend(self._verb_votes(unit))
            if topic_tok is not None and unit.kind != "position":
                votes = [v for v in votes if _near(v[0], topic_tok)]
            side, cues, weight = self._tally(unit, votes)
            if unit.kind == "quote":
                side *= unit.flip
            if carried and pointer:
                # "This has always been a terrible idea": the judgement is of what the
                # sentence before says, on the side it says it
                side *= self._side_before(prop, unit.start)
            elif carried and not (
                self._anaphoric(unit)
                if unit.kind == "position"
                else prop.favor.search(text) or prop.against.search(text)
            ):
                continue  # a carried topic needs the proposition's own cue, or a pointer
            if side == 0 and unit.evaluative_only:
                continue
            if side == 0 and unit.kind == "position":
                # "Trump called for a quick end to the war": the verb is the side
                side, weight = unit.flip, 1.0
            if side == 0:
                out.append((prop.id, None, text, topic))
                continue
            out.append((prop.id, self._evidence(unit, side, topic, cues, weight), text, topic))
        return out

    def _reported(self, sent: SpacySpan) -> bool:
        """Whether a sentence reports what a named actor says ("Britain should provide
        warplanes, Liz Truss will say")."""
        for tok in sent:
            if tok.pos_ == "VERB" and tok.lemma_.lower() in self.lex.speech_verbs:
                subject = _subject(tok)
                if subject is not None and subject.pos_ == "PROPN":
                    return True
        return False

    def _wanted_or_own(self, verb: Token, unit: _Unit) -> bool:
        """Whether an act of giving is wanted ("must send", "asked allies to supply",
        "calls for sending") or the holder's own ("we will send", "his country had
        sent")."""
        if any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
            return True
        if verb.dep_ in ("xcomp", "ccomp", "advcl", "pcomp") and any(
            c.tag_ == "TO" for c in verb.children
        ):
            return True
        for anc in verb.ancestors:
            if anc.idx < unit.start:
                break
            if anc.lemma_.lower() in self.lex.favor_verbs or anc.lower_ in self.lex.favor_nouns:
                # "Biden's plans to send rockets": wanted by someone else, told as a fact
                return not self._owned_by_other(anc, unit)
        if unit.kind == "author":
            return False
        subject = _subject(verb)
        if subject is None:
            return False
        if subject.lower_ in ("i", "we") or any(
            c.dep_ == "poss" and c.lower_ in ("my", "our", "his", "her", "their")
            for c in subject.children
        ):
            return True
        sent = subject.sent
        return self._holder(subject, sent) == unit.holder

    def _owned_by_other(self, tok: Token, unit: _Unit) -> bool:
        """Whether a wish or plan is someone else's than the unit holder's: its owner
        ("Biden's plans") or subject names another actor."""
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None and tok.pos_ in ("VERB", "AUX"):
            owner = _subject(tok)
        if owner is None or owner.lower_ in ("i", "we", "my", "our"):
            return False
        found = self._holder(owner, owner.sent)
        return found is not None and found != unit.holder

    def _points_back(self, unit: _Unit) -> bool:
        """Whether the unit's sentence judges the one before through a demonstrative
        subject: "This has always been a terrible idea", "That is too optimistic"."""
        if unit.kind == "position":
            return False
        first = self._token_at(unit.start)
        if first is None:
            return False
        root = first.sent.root
        return any(
            c.dep_ in _SUBJECT_DEPS and c.lower_ in _DEMONSTRATIVES and not list(c.children)
            for c in root.children
        ) and root.lemma_.lower() in ("be", "seem", "look", "sound", "remain", "prove")

    def _side_before(self, prop: PropositionCues, char: int) -> int:
        """The side the sentence before ``char`` takes on ``prop``: its proposition cues,
        each turned round by a negation; with none, what it says is asserted, unless
        the topic itself is negated ("the war cannot be won")."""
        prev = self._sentence_before(char)
        if prev is None:
            return 1
        text, base = prev.text, prev.start_char
        total = 0
        for pattern, sign in ((prop.favor, 1), (prop.against, -1)):
            for m in pattern.finditer(text):
                cue = self._token_at(base + m.start())
                negated = cue is not None and _negated(cue, self.lex)
                total += -sign if negated else sign
        if total:
            return 1 if total > 0 else -1
        found = prop.topic_in(text)
        topic = self._token_at(base + found[1]) if found else None
        return -1 if topic is not None and _negated(topic, self.lex) else 1

    def _excess_votes(self, unit: _Unit) -> list[tuple[Token, int, str]]:
        """ "too" on an adjective judges against: "too optimistic", "too cautious"."""
        return [
            (tok.head, -1, f"too {tok.head.text}")
            for tok in self._tokens(unit.start, unit.end)
            if tok.lower_ == "too" and tok.dep_ == "advmod" and tok.head.pos_ == "ADJ"
        ]

    def _verb_votes(self, unit: _Unit) -> list[tuple[Token, int, str]]:
        lex = self.lex
        votes = []
        for tok in self._tokens(unit.start, unit.end):
            if unit.head is not None and tok.i == unit.head.i:
                continue
            low, lemma = tok.lower_, tok.lemma_.lower()
            if tok.pos_ == "VERB" and lemma in lex.against_verbs:
                votes.append((tok, -1, tok.text))
            elif tok.pos_ == "VERB" and lemma in lex.favor_verbs and lemma != "need":
                votes.append((tok, 1, tok.text))
            elif (tok.pos_ == "ADJ" and low in lex.against_adjectives) or (
                tok.pos_ == "NOUN" and low in lex.against_nouns
            ):
                votes.append((tok, -1, tok.text))
        return votes

    def _tally(
        self, unit: _Unit, votes: list[tuple[Token, int, str]]
    ) -> tuple[int, tuple[str, ...], float]:
        lex = self.lex
        by_token: dict[int, tuple[Token, int, str]] = {}
        for tok, sign, cue in votes:
            by_token.setdefault(tok.i, (tok, sign, cue))  # first (proposition) cue wins
        voters = list(by_token.values())
        indices = set(by_token)
        total = 0.0
        cues: list[str] = []
        for tok, sign, cue in voters:
            if _in_relative_clause(tok, unit):
                continue  # "negotiations that would cede territory" describe, not argue
            if _conceded(tok, unit):
                continue  # "Although a concern with escalation is wise, ...": conceded
            if _is_opposer(tok, lex) and any(t.i in indices and t.i != tok.i for t in tok.subtree):
                continue  # a verb of position over other cues only turns them round
            value = sign
            if not any(w in lex.negations for w in cue.lower().split()) and _negated(tok, lex):
                value = -value
            for anc in tok.ancestors:
                if unit.head is not None and anc.i == unit.head.i:
                    if unit.flip < 0 and not _attitude_of(tok, anc):
                        value = -value
                    break
                if anc.i < self._first_token(unit.start) or anc.idx >= unit.end:
                    break
                if _is_opposer(anc, lex) and not _attitude_of(tok, anc):
                    value = -value
            weight = 1.5 if tok.dep_ in _PREDICATE_DEPS else 1.0
            total += value * weight
            cues.append(cue)
        if total == 0:
            return 0, tuple(cues), 0.0
        return (1 if total > 0 else -1), tuple(cues), abs(total)

    def _evidence(
        self, unit: _Unit, side: int, topic: str, cues: tuple[str, ...], weight: float
    ) -> StanceEvidence:
        return StanceEvidence(
            span=Span.of(self.text, unit.start, unit.end),
            side="favor" if side > 0 else "against",
            kind=unit.kind,
            topic=topic,
            cues=cues,
            score=weight,
        )

    # ------------------------------------------------------------------ tokens
    def _token_at(self, char: int) -> Token | None:
        k = bisect_right(self.token_starts, char) - 1
        return self.doc[k] if k >= 0 else None

    def _first_token(self, char: int) -> int:
        return max(0, bisect_right(self.token_starts, char) - 1)

    def _tokens(self, start: int, end: int) -> Iterable[Token]:
        k = self._first_token(start)
        while k < len(self.doc) and self.doc[k].idx < end:
            yield self.doc[k]
            k += 1


def _subject(tok: Token) -> Token | None:
    """The subject of a verb, looking through auxiliaries and open complements
    ("wants to broker": the subject of "wants")."""
    for c in tok.children:
        if c.dep_ in _SUBJECT_DEPS:
            return c
    if tok.dep_ in ("xcomp", "conj") and tok.head.i != tok.i:
        return _subject(tok.head)
    return None


def _owner(noun: Token) -> Token | None:
    """Whose a noun of position is: its possessor ("Scholz's refusal"), or the
    possessor of the subject that shows it ("the NSC's position suggests nervousness
    that ...")."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None and noun.dep_ == "dobj":
        subject = _subject(noun.head)
        if subject is not None and subject.lower_ in stance_lexicon().standpoint_nouns:
            owner = next((c for c in subject.children if c.dep_ == "poss"), None)
    return owner


def _clause(tok: Token) -> Token:
    node = tok
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def _near(cue: Token, topic: Token) -> bool:
    """Whether a cue bears on the topic: one governs the other, or they share a clause
    ("victory is a strategic imperative"), so that a cue in another clause of a long
    sentence does not vote."""
    if cue.i == topic.i or cue.is_ancestor(topic) or topic.is_ancestor(cue):
        return True
    clause = _clause(cue)
    if clause.i == _clause(topic).i:
        return True
    if cue.dep_ in _ARGUMENT_DEPS and clause.is_ancestor(topic):
        return True  # "concerns about avoiding a world war seem overblown"
    # a modifier judges the phrase it modifies: "a futility parade of bids to end the war"
    return cue.dep_ in ("amod", "compound") and cue.head.is_ancestor(topic)


def _in_relative_clause(tok: Token, unit: _Unit) -> bool:
    for node in (tok, *tok.ancestors):
        if unit.head is not None and node.i == unit.head.i:
            return False
        if node.dep_ == "relcl" and node.idx >= unit.start and _finite(node):
            return True
        if node.idx < unit.start:
            return False
    return False


def _conceded(tok: Token, unit: _Unit) -> bool:
    """Whether ``tok`` is in a concessive clause ("although ...", "even though ..."),
    which grants a point the sentence then argues past."""
    for node in (tok, *tok.ancestors):
        if unit.head is not None and node.i == unit.head.i:
            return False
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _CONCESSIVE for c in node.children
        ):
            return True
    return False


def _finite(clause: Token) -> bool:
    """A relative clause with its own subject or relative pronoun ("that would cede"),
    not an infinitive ("calls to stop arming")."""
    return any(c.dep_ in _SUBJECT_DEPS or c.tag_ in ("WDT", "WP") for c in clause.children)


def _owned(tok: Token) -> bool:
    """Whether an evaluative noun belongs to someone named: "Putin's goal"."""
    return any(c.dep_ == "poss" for c in tok.children)


def _within(tok: Token, root: Token) -> bool:
    return root.left_edge.i <= tok.i <= root.right_edge.i


def _is_opposer(tok: Token, lex: StanceLexicon) -> bool:
    low, lemma = tok.lower_, tok.lemma_.lower()
    return (
        (tok.pos_ == "VERB" and lemma in lex.against_verbs)
        or (tok.pos_ == "ADJ" and low in lex.against_adjectives)
        or (tok.pos_ == "NOUN" and low in lex.against_nouns)
    )


def _attitude_of(tok: Token, verb: Token) -> bool:
    """Whether ``tok`` says how ``verb`` judges its object, not what the object is:
    "dismissed as unacceptable", "rejected it outright"."""
    node = tok
    while node.head.i != node.i and node.head.i != verb.i:
        node = node.head
    return node.head.i == verb.i and (
        node.dep_ in ("acomp", "oprd", "advmod", "advcl")
        or (node.dep_ == "prep" and node.lower_ == "as")
    )


def _negated(tok: Token, lex: StanceLexicon) -> bool:
    """A negation on the token or on the clause it sits in ("should not send more")."""
    node: Token | None = tok
    while node is not None:
        if any(
            c.dep_ == "neg" or (c.lower_ in lex.negations and c.dep_ == "det")
            for c in node.children
        ):
            return True
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _overlap(spans: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(max(0, min(e, end) - max(s, start)) for s, e in spans)


def extract_stances(
    sdoc: Doc,
    entities: list[Entity],
    quotes: list[Quote],
    pack: DomainPack,
    published: str | None = None,
    judge: SideJudge | None = None,
) -> list[Stance]:
    """Stances of the author and of quoted or reported actors in one parsed document."""
    if not pack.propositions:
        return []
    ex = _Extractor(sdoc, entities, quotes, pack, judge)
    found: dict[tuple[str, str], list[StanceEvidence]] = {}
    undecided: list[tuple[_Unit, str, str, str]] = []  # unit, proposition, text, topic
    for unit in ex.units():
        for prop_id, ev, text, topic in ex.evidence(unit):
            if ev is None:
                undecided.append((unit, prop_id, text, topic))
            else:
                found.setdefault((unit.holder, prop_id), []).append(ev)
    if judge is not None and undecided:
        sides = judge.judge([(prop_id, text) for _unit, prop_id, text, _topic in undecided])
        for (unit, prop_id, _text, topic), side in zip(undecided, sides, strict=True):
            if side:
                ev = ex._evidence(unit, side, topic, ("embedding",), 0.5)
                found.setdefault((unit.holder, prop_id), []).append(ev)
    stances: list[Stance] = []
    for (holder, prop_id), evidence in found.items():
        support = _dedupe(sorted(evidence, key=lambda e: (e.span.start, e.span.end)))
        labels = {e.side for e in support}
        label = labels.pop() if len(labels) == 1 else "mixed"
        stances.append(Stance(holder, prop_id, label, support[0].span, tuple(support), published))
    stances.sort(key=lambda s: (s.evidence.start, s.proposition))
    return stances


def _dedupe(evidence: list[StanceEvidence]) -> list[StanceEvidence]:
    """One piece per span and side; and a quote inside a position over the same words
    gives way to it ("rejected calls to stop arming": the verb decides)."""
    positions = [e.span for e in evidence if e.kind == "position"]
    seen: set[tuple[int, int, str]] = set()
    out = []
    for e in evidence:
        key = (e.span.start, e.span.end, e.side)
        inside = e.kind == "quote" and any(
            p.start <= e.span.start and e.span.end <= p.end for p in positions
        )
        if key not in seen and not inside:
            seen.add(key)
            out.append(e)
    return out
