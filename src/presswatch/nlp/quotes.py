"""Quotes with speakers: direct, indirect and mixed, from a parsed document.

Three passes over the document, all pure:

1. **Quotation marks** are paired (typographic “ ”, straight ", and the '' of some
   newspapers), paragraph by paragraph; a quotation that runs on into the next
   paragraph is followed.
2. **Cues** are found in the parse: a reporting verb ("said", "argues", "tweeted") with
   its content: a clause (``ccomp``: "America says the equipment is needed"), the object
   of a prepositional cue ("speaks of ...", "called for ..."), quoted text beside it
   ("“…,” she declared"; "tweeted: “…”"), the rest of the sentence for a cue in
   parentheses ("If there is a partition, he argues, it is unlikely ...") or
   "as X said, ...", and "according to X". The speaker is the verb's subject.
3. **Quoted text with no cue** continues the previous quote of the same paragraph when
   it reads like speech: after “X,” said Y. it extends that quote (“X,” said Y. “Z.” is
   one quote, as PolNeAR annotates it); otherwise it is a follow-on quote with
   ``cue: null``. Short quoted phrases that nobody is reported as saying are scare
   quotes and are skipped.

The type follows the content: ``direct`` when all of it is inside quotation marks,
``mixed`` when a paraphrase carries a quoted fragment, ``indirect`` otherwise. Speakers
are resolved to the document's actors: a name or title mention, a pronoun (the nearest
person or group mentioned before), a relative pronoun's antecedent; unnamed groups are
kept as labels ("Ukrainian officials") and vague ones ("many experts") as no speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from presswatch.models import Entity, Quote, Span

OPENERS = {"“": "”", "«": "»", "„": "“"}


@dataclass(frozen=True, slots=True)
class QuoteLexicon:
    speech: frozenset[str]
    bare: frozenset[str]
    cognitive: frozenset[str]
    prepositional: dict[str, frozenset[str]]
    vague: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    object_cues: frozenset[str]
    infinitive_cues: frozenset[str]
    source_nouns: frozenset[str]
    evidential: frozenset[str]
    not_sources: frozenset[str]


@lru_cache(maxsize=1)
def quote_lexicon() -> QuoteLexicon:
    data = yaml.safe_load(
        resources.files("presswatch.data").joinpath("quotes.yaml").read_text("utf-8")
    )
    return QuoteLexicon(
        speech=frozenset(data["speech_verbs"]),
        bare=frozenset(data["bare_cues"]),
        cognitive=frozenset(data["cognitive_verbs"]),
        prepositional={k: frozenset(v) for k, v in data["prepositional_cues"].items()},
        vague=frozenset(data["vague_determiners"]),
        person_pronouns=frozenset(data["person_pronouns"]),
        group_pronouns=frozenset(data["group_pronouns"]),
        object_cues=frozenset(data["object_cues"]),
        infinitive_cues=frozenset(data["infinitive_cues"]),
        source_nouns=frozenset(data["source_nouns"]),
        evidential=frozenset(data["evidential_verbs"]),
        not_sources=frozenset(data["not_sources"]),
    )


# ------------------------------------------------------------------ quotation marks
def quoted_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of double quotation marks, marks
    excluded. An opening mark with no closing one before the paragraph ends runs to the
    end of the paragraph (a quotation continued in the next one)."""
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    closer = ""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        two = text[i : i + 2]
        if ch == "\n":
            if open_at is not None:
                end = i
                if end > open_at:
                    regions.append((open_at, end))
                open_at = None
            i += 1
            continue
        if open_at is None:
            if ch in OPENERS:
                open_at, closer, i = i + 1, OPENERS[ch], i + 1
                continue
            if ch == "”" and (i == 0 or text[i - 1] == "\n"):
                open_at, closer, i = i + 1, "”", i + 1  # a closing mark typed as opener
                continue
            if two == "''":
                open_at, closer, i = i + 2, "''", i + 2
                continue
            if ch == '"':
                open_at, closer, i = i + 1, '"', i + 1
                continue
        else:
            if closer == "''" and two == "''":
                regions.append((open_at, i))
                open_at, i = None, i + 2
                continue
            if ch == closer or (closer == "”" and ch == '"'):
                regions.append((open_at, i))
                open_at, i = None, i + 1
                continue
        i += 1
    if open_at is not None and n > open_at:
        regions.append((open_at, n))
    return [r for r in regions if any(c.isalnum() for c in text[r[0] : r[1]])]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim white space and quotation marks, and a final full stop or colon unless it
    stands inside the closing quotation mark (where it is part of the quoted words)."""
    marks = " \t\n\u00a0“”\"'«»„"
    while start < end and text[start] in marks:
        start += 1
    quoted_end = end < len(text) and text[end] in "”\"'»"
    while end > start and (text[end - 1] in marks or (not quoted_end and text[end - 1] in ".;:")):
        end -= 1
    return start, end


# dependencies of a whole complement of a verb ("called him a “strong leader”")
COMPLEMENTS = {"dobj", "pobj", "attr", "oprd", "acomp", "xcomp", "ccomp", "appos", "conj"}
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "st", "jr", "sr", "lt", "col",
    "capt", "sgt", "prof", "no", "vs", "del", "pres", "sec", "adm", "maj", "u.s", "u.k",
}  # fmt: skip
SENTENCE_END = re.compile(r"(\S*?)[.!?][”\"']*\s+")


def _ends_sentence(text: str) -> bool:
    """Does ``text`` contain a sentence end (a full stop that is not "Mr." or "Del.")?"""
    for m in SENTENCE_END.finditer(text):
        word = m.group(1).lower().lstrip("(“\"'")
        if word not in ABBREVIATIONS and not (len(word) == 1 and word.isalpha()):
            return True
    return False


# ------------------------------------------------------------------ the extractor
class _Quotes:
    def __init__(self, doc: Doc, entities: list[Entity]) -> None:
        self.doc = doc
        self.text = doc.text
        self.lex = quote_lexicon()
        self.regions = quoted_regions(self.text)
        self._starts = [a for a, _ in self.regions]
        self.mentions: list[tuple[int, int, str, str]] = sorted(
            (m.span.start, m.span.end, e.canonical, e.type) for e in entities for m in e.mentions
        )

    # -------------------------------------------------------------- helpers
    def in_region(self, pos: int) -> tuple[int, int] | None:
        """The quotation that contains ``pos`` (regions are sorted and disjoint)."""
        k = bisect_right(self._starts, pos) - 1
        if k >= 0 and pos < self.regions[k][1]:
            return self.regions[k]
        return None

    def _overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        k = max(0, bisect_right(self._starts, start) - 1)
        out = []
        for a, b in self.regions[k:]:
            if a >= end:
                break
            if b > start:
                out.append((max(a, start), min(b, end)))
        return out

    def region_coverage(self, start: int, end: int) -> int:
        return sum(b - a for a, b in self._overlapping(start, end))

    def quote_type(self, start: int, end: int) -> str:
        """direct (all quoted), mixed, or indirect (nothing quoted), by letters."""
        pieces = self._overlapping(start, end)
        if not pieces:
            return "indirect"
        letters = sum(1 for c in self.text[start:end] if c.isalnum())
        inside = sum(1 for a, b in pieces for c in self.text[a:b] if c.isalnum())
        outside = letters - inside
        return "direct" if outside <= 0.02 * letters else "mixed"

    def is_cue(self, tok: Token) -> bool:
        """A reporting verb from the lexicons, or any verb with a clausal complement
        (its subject is then checked to be a source)."""
        if tok.pos_ not in ("VERB", "AUX"):
            return False
        lemma = tok.lemma_.lower()
        lex = self.lex
        if lemma in lex.bare and any(c.dep_ in ("dobj", "xcomp", "pcomp") for c in tok.children):
            return False  # "as Russia continues to wage its war": not speech
        if lemma in lex.speech or lemma in lex.object_cues or lemma in lex.infinitive_cues:
            return True
        if lemma in lex.evidential:
            return True
        # any other verb with a that-clause ("she found that …", "he hinted that …")
        return tok.pos_ == "VERB" and any(
            c.dep_ == "ccomp"
            and c.i > tok.i
            and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            for c in tok.children
        )

    def known_cue(self, tok: Token) -> bool:
        lemma = tok.lemma_.lower()
        return (
            lemma in self.lex.speech
            or lemma in self.lex.object_cues
            or lemma in self.lex.infinitive_cues
        )

    # -------------------------------------------------------------- speakers
    def subject(self, verb: Token) -> Token | None:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:  # the parser may give two; the one nearest the verb is the speaker
            return min(subjects, key=lambda c: abs(c.i - verb.i))
        for c in verb.children:
            if c.dep_ == "agent":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
        # "… and has said …": a conjoined verb shares the subject of its head
        if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
            return self.subject(verb.head)
        # "Ms Truss speaks of …, and has said": an auxiliary chain
        if verb.dep_ in ("xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
            return self.subject(verb.head)
        # "began by saying …", "after saying …": the subject of the governing verb
        if (
            verb.dep_ == "pcomp"
            and verb.head.dep_ == "prep"
            and verb.head.head.pos_ in ("VERB", "AUX")
        ):
            return self.subject(verb.head.head)
        return None

    def _mention_of(self, tok: Token) -> tuple[int, int, str, str] | None:
        """The longest entity mention that contains the token."""
        best = None
        for m in self.mentions:
            if m[0] > tok.idx:
                break
            if m[0] <= tok.idx < m[1] and (best is None or m[1] - m[0] > best[1] - best[0]):
                best = m
        return best

    def mention_at(self, start: int, end: int) -> tuple[int, int, str, str] | None:
        """The longest entity mention inside [start, end)."""
        best = None
        for m in self.mentions:
            if m[0] >= end:
                break
            if m[0] >= start and m[1] <= end and (best is None or m[1] - m[0] > best[1] - best[0]):
                best = m
        return best

    def _according_source(self, tok: Token) -> bool:
        """ "according to police / the union / federal statistics", not "according to
        plan" or "a timeline of Trump’s choosing"."""
        if tok.lower_ in self.lex.not_sources:
            return False
        return tok.pos_ in ("NOUN", "PROPN", "PRON") or self._source_like(tok)

    def _source_like(self, tok: Token) -> bool:
        return (
            self._mention_of(tok) is not None
            or tok.pos_ in ("PROPN", "PRON")
            or (
                tok.tag_ in ("NNS", "NNPS")
                and any(c.dep_ in ("amod", "compound") for c in tok.children)
            )
            or tok.lower_ in ("officials", "authorities", "sources", "officers")
            or tok.lower_ in self.lex.source_nouns  # "according to the poll"
        )

    def speaker(self, tok: Token) -> tuple[str | None, Span | None]:
        """(speaker name or label or None, the mention the attribution hangs on)."""
        if tok.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
            tok = tok.head.head  # "Ukraine, which says …": the antecedent
        if tok.text in self.lex.person_pronouns or tok.text in self.lex.group_pronouns:
            return self.pronoun(tok), Span(tok.idx, tok.idx + len(tok.text), tok.text)
        own = self._mention_of(tok)
        if own is not None:
            return own[2], Span(own[0], own[1], self.text[own[0] : own[1]])
        np = self.noun_phrase(tok)
        s, e = np
        sp = Span(s, e, self.text[s:e])
        m = self.mention_at(s, e)
        head_covered = m is not None and m[0] <= tok.idx < m[1]
        if m is not None and (head_covered or tok.pos_ == "PROPN"):
            return m[2], Span(m[0], m[1], self.text[m[0] : m[1]])
        if m is not None and tok.tag_ in ("NNS", "NNPS") and not self._vague(tok):
            return self.label(tok, s, e), sp  # "Ukrainian officials"
        if self._vague(tok):
            return None, sp
        if tok.tag_ in ("NNS", "NNPS") and any(
            c.dep_ in ("amod", "compound") for c in tok.children
        ):
            return self.label(tok, s, e), sp  # "Local authorities"
        if m is not None:
            return m[2], Span(m[0], m[1], self.text[m[0] : m[1]])
        return None, sp

    def _vague(self, tok: Token) -> bool:
        """Sources the text does not name ("Many experts", "some", "others")."""
        if tok.pos_ == "PRON" and tok.lower_ in self.lex.vague:
            return True
        mods = {c.lower_ for c in tok.children if c.dep_ in ("det", "amod", "nummod", "quantmod")}
        return bool(mods & self.lex.vague)

    def label(self, tok: Token, start: int, end: int) -> str:
        words = [t for t in self.doc[tok.left_edge.i : tok.i + 1] if t.dep_ != "det"]
        return " ".join(t.text for t in words) or self.text[start:end]

    def noun_phrase(self, tok: Token) -> tuple[int, int]:
        left = tok.left_edge
        while left.i < tok.i and left.dep_ in ("det", "punct"):
            left = self.doc[left.i + 1]
        end_tok = tok
        for c in tok.rights:
            if c.dep_ in ("appos", "prep", "acl", "relcl", "punct", "cc", "conj"):
                break
            end_tok = c.right_edge
        return left.idx, end_tok.idx + len(end_tok.text)

    def pronoun(self, tok: Token) -> str | None:
        """The nearest actor mentioned before the pronoun, outside quotations: a person
        for he/she, a group, organisation or country for they/it/we."""
        want_person = tok.text in self.lex.person_pronouns
        best = None
        for s, _e, canonical, etype in self.mentions:
            if s >= tok.idx:
                break
            if self.in_region(s) is not None:
                continue
            wanted = etype == "PERSON" if want_person else etype in ("ORG", "GPE", "NORP")
            if wanted:
                best = canonical
        return best

    # -------------------------------------------------------------- content of a cue
    def content_of(self, verb: Token) -> tuple[int, int, int] | None:
        """(start, end, rank) of what the cue reports; a lower rank is a surer reading
        (quoted text or a clause beside the cue before a whole sentence)."""
        sent = verb.sent
        before = self._region_ending_before(verb, sent)
        after = self._region_starting_after(verb, sent)
        # “X,” Sullivan said, “Y”: one quotation interrupted by its attribution
        if before is not None and after is not None and self._interrupts(before, verb, after):
            return before[0], after[1], -1  # the cue is inside: rank -1 marks that
        if before is not None and self._attributes_before(before, verb):
            return before[0], before[1], 0  # “X,” Ms. Moore said / “X,” said Y
        for c in verb.children:
            if (
                c.dep_ in ("ccomp", "xcomp")
                and c.i > verb.i
                and c.pos_ in ("VERB", "AUX", "ADJ", "NOUN")
            ):
                if c.dep_ == "xcomp" and verb.lemma_ != "say":
                    continue
                start = self._skip_that(c.left_edge.idx)
                end = c.right_edge.idx + len(c.right_edge.text)
                if (
                    after is not None
                    and start - 2 <= after[0] <= end + 3
                    and not re.search(r"[.!?]", self.text[end : max(end, after[0])])
                ):
                    end = max(end, after[1])  # the clause ends on a quotation
                return start, end, 0
        preps = self.lex.prepositional.get(verb.lemma_.lower())
        if preps:
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ in preps:
                    objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                    if objs:
                        o = objs[0]
                        end_tok = self._clause_end(verb, o.right_edge)
                        return o.left_edge.idx, end_tok.idx + len(end_tok.text), 1
        lemma = verb.lemma_.lower()
        if lemma in self.lex.infinitive_cues:
            for c in verb.children:
                if c.dep_ == "xcomp" and c.i > verb.i:
                    return c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text), 1
        if lemma in self.lex.object_cues:
            objs = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
            if objs:
                end_tok = self._clause_end(verb, objs[0].right_edge)
                return objs[0].left_edge.idx, end_tok.idx + len(end_tok.text), 1
        if after is not None and self._introduces(verb, after[0]):
            lead = self._leading_paraphrase(verb, sent)
            return (lead if lead is not None else after[0]), after[1], 0
        if before is not None:
            return before[0], before[1], 0
        if lemma in self.lex.speech and lemma not in self.lex.cognitive:
            that = self._that_clause(verb)
            if that is not None:
                return that[0], that[1], 1
        as_clause = self._as_clause(verb)
        if as_clause is not None:
            return as_clause, sent.end_char, 1
        for c in verb.children:
            if c.dep_ == "ccomp" and c.i < verb.i:
                # inverted: "If there is a partition, he argues, it is unlikely …"
                return sent.start_char, sent.end_char, 2
        if verb.dep_ in ("parataxis", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
            return sent.start_char, sent.end_char, 2
        return None

    def _clause_end(self, verb: Token, end_tok: Token) -> Token:
        """The last token of what a cue reports: its object and what completes it
        ("cited remarks Trump had made as examples of …", "called X “outrageous”"),
        up to a coordinated verb of its own."""
        for c in verb.rights:
            if c.i <= end_tok.i or c.dep_ in ("conj", "cc", "punct"):
                continue
            if c.dep_ in ("oprd", "xcomp", "ccomp", "relcl", "acl", "prep", "advcl", "dobj"):
                end_tok = c.right_edge
        while end_tok.i > verb.i and (end_tok.is_punct or end_tok.is_space):
            end_tok = self.doc[end_tok.i - 1]
        return end_tok

    def _that_clause(self, verb: Token) -> tuple[int, int] | None:
        """A that-clause the parser hung lower ("he told a meeting of leaders that …")."""
        for t in verb.subtree:
            if t.i > verb.i and t.lower_ == "that" and t.dep_ == "mark" and t.head.i > t.i:
                clause = t.head
                if clause.dep_ == "acl":
                    continue  # "add to the sense that …": a noun's complement
                return t.idx + len(t.text) + 1, clause.right_edge.idx + len(clause.right_edge.text)
        return None

    def _attributes_before(self, region: tuple[int, int], verb: Token) -> bool:
        """“X,” Ms. Moore said: a quotation of several words ending on a comma (or on
        ?/! before a lower-case cue), then a short attribution."""
        quoted = self.text[region[0] : region[1]].rstrip()
        gap = self.text[region[1] : verb.idx]
        if len(quoted.split()) < 3 or len(gap.split()) > 5:
            return False
        return quoted.endswith((",", "—", "–")) or (
            quoted.endswith(("?", "!")) and bool(re.match(r"[”\"'\s]*[a-z]", gap))
        )

    def _interrupts(self, before: tuple[int, int], verb: Token, after: tuple[int, int]) -> bool:
        """The cue stands between two quoted pieces of one sentence."""
        first = self.text[before[0] : before[1]].rstrip()
        gap = self.text[before[1] : after[0]]
        return (
            not re.search(r"[.!?]$", first)
            and "\n" not in gap
            and not _ends_sentence(gap)
            and len(gap) < 200
        )

    def _leading_paraphrase(self, verb: Token, sent: SpacySpan) -> int | None:
        """The paraphrase before the speaker in "The Ukrainians, Mr Austin said, “have …”"."""
        subj = self.subject(verb)
        if subj is None:
            return None
        lead_end = subj.left_edge.idx
        lead = self.text[sent.start_char : lead_end].rstrip()
        # a noun phrase, not a connective such as "What is more," or "Moreover,"
        has_noun = any(t.pos_ in ("NOUN", "PROPN") for t in sent if t.idx < lead_end)
        if lead.endswith(",") and has_noun and self.in_region(sent.start_char) is None:
            return sent.start_char
        return None

    def _as_clause(self, verb: Token) -> int | None:
        """Where the content starts after an as-clause ("As Putin himself is fond of
        saying, a cornered rat …")."""
        tok: Token | None = verb
        for _ in range(4):
            if tok is None:
                return None
            if any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
                end = tok.right_edge.idx + len(tok.right_edge.text)
                rest = self.text[end : tok.sent.end_char]
                m = re.match(r"\s*,\s*", rest)
                return end + m.end() if m else None
            tok = tok.head if tok.head.i != tok.i else None
        return None

    def _skip_that(self, s: int) -> int:
        m = re.match(r"that\s+", self.text[s : s + 6])
        return s + m.end() if m else s

    def _introduces(self, verb: Token, start: int) -> bool:
        """Only punctuation (":", ",") or "that" between the cue and the quotation."""
        gap = self.text[verb.idx + len(verb.text) : start]
        return re.fullmatch(r"[\s,:]*(that)?[\s,:]*[“\"'«„]*", gap) is not None

    def _region_ending_before(self, verb: Token, sent: SpacySpan) -> tuple[int, int] | None:
        best = None
        for r in self.regions:
            # the quotation ends in this sentence (it may have begun in an earlier one)
            if sent.start_char - 2 <= r[1] <= verb.idx:
                gap = self.text[r[1] : verb.idx]
                if len(gap) >= 120 or _ends_sentence(gap[2:]):
                    continue
                # a quoted full sentence followed by more than "he said": not this cue's
                if re.search(r"[.!?]\s*$", self.text[r[0] : r[1]]) and len(gap.split()) > 4:
                    continue
                best = r
        return best

    def _region_starting_after(self, verb: Token, sent: SpacySpan) -> tuple[int, int] | None:
        verb_end = verb.idx + len(verb.text)
        for r in self.regions:
            if r[0] >= verb.idx and r[0] <= sent.end_char + 2:
                return r
            # "Caddell continued:" and the quotation in the next paragraph
            if r[0] >= verb_end and re.fullmatch(r":\s*[“\"'«„]*", self.text[verb_end : r[0]]):
                return r
        return None

    # -------------------------------------------------------------- main
    def run(self) -> list[Quote]:
        candidates: list[tuple[int, Quote]] = []
        for tok in self.doc:
            if not self.is_cue(tok) or self.in_region(tok.idx) is not None:
                continue  # a verb inside a quotation is content, not attribution
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
                continue  # "None of this is to say that …"
            found = self.content_of(tok)
            if found is None:
                continue
            s, e = _strip(self.text, found[0], found[1])
            if e - s < 3 or not any(c.isalpha() for c in self.text[s:e]):
                continue
            interrupted = found[2] == -1
            if (
                s <= tok.idx < e
                and not interrupted
                and not self._parenthetical(tok)
                and found[2] < 2
            ):
                continue
            subj = self.subject(tok)
            if subj is None or not self._plausible_source(tok, subj):
                continue
            if (
                s <= subj.idx < e
                and not interrupted
                and found[2] < 2
                and not self._parenthetical(tok)
            ):
                continue
            name, mention = self.speaker(subj)
            candidates.append(
                (
                    found[2],
                    Quote(
                        "direct" if interrupted else self.quote_type(s, e),
                        Span(s, e, self.text[s:e]),
                        self._cue_phrase(tok),
                        name,
                        mention,
                        cognitive=tok.lemma_.lower() in self.lex.cognitive,
                    ),
                )
            )
        candidates += [(1, q) for q in self._according_to()]
        candidates += [(0, q) for q in self._speaker_lines()]
        candidates += [(0, q) for q in self._dash_signatures()]
        quotes = self._dedupe(candidates)
        quotes += self._follow_ons(quotes)
        # an actor's words quoted in a predicate, where no quote above took them
        quotes = self._dedupe(
            [(0, q) for q in quotes] + [(1, q) for q in self._quoted_predicates()]
        )
        return sorted(quotes, key=lambda q: q.content.start)

    def _plausible_source(self, verb: Token, subj: Token) -> bool:
        """Not the author's own voice ("I’ve written", "Let’s hope", "let me say"), not
        the one addressed ("as you know", "you mentioned"), not a demonstrative ("That
        said", "does that mean"), and, for evidential verbs ("suggests", "shows"), an
        actor."""
        if subj.lower_ in ("i", "we", "us", "me", "’s", "'s") and self.in_region(subj.idx) is None:
            return False
        if subj.lower_ in ("you", "ya", "y'all"):
            return False
        if subj.lower_ in ("that", "this") and subj.head.dep_ != "relcl":
            return False
        lemma = verb.lemma_.lower()
        if lemma in self.lex.evidential and lemma not in self.lex.speech:
            # "the poll shows", "a study found", "video shows"; not "the course of this
            # conflict suggests"
            if lemma in ("show", "find") and subj.pos_ in ("NOUN", "PROPN"):
                return True
            return self._mention_of(subj) is not None or subj.lower_ in self.lex.source_nouns
        if lemma in ("suggest", "mean", "signal"):
            m = self._mention_of(subj)
            return m is not None or (subj.pos_ == "PRON" and subj.lower_ != "it")
        if not self.known_cue(verb):
            return self._actor_like(subj)
        return True

    def _actor_like(self, tok: Token) -> bool:
        """A person, organisation or group: the kind of subject that reports."""
        if self._mention_of(tok) is not None:
            return self._mention_of(tok)[3] in ("PERSON", "ORG", "GPE", "NORP")  # type: ignore[index]
        if tok.text in self.lex.person_pronouns or tok.lower_ == "they":
            return True
        return tok.lower_ in self.lex.source_nouns

    def _parenthetical(self, tok: Token) -> bool:
        return tok.dep_ in ("parataxis", "advcl") or any(
            c.dep_ == "ccomp" and c.i < tok.i for c in tok.children
        )

    def _cue_phrase(self, tok: Token) -> Span:
        start, end = tok.idx, tok.idx + len(tok.text)
        auxes = [c for c in tok.lefts if c.dep_ in ("aux", "auxpass") and c.i >= tok.i - 2]
        if auxes:
            start = auxes[0].idx
        preps = self.lex.prepositional.get(tok.lemma_.lower())
        if preps:
            for c in tok.rights:
                if c.dep_ == "prep" and c.lower_ in preps and c.i == tok.i + 1:
                    end = c.idx + len(c.text)
        return Span(start, end, self.text[start:end])

    def _according_to(self) -> list[Quote]:
        out = []
        for tok in self.doc:
            if tok.lower_ != "according" or tok.i + 1 >= len(self.doc):
                continue
            j = tok.i + 1
            while j < len(self.doc) - 1 and self.doc[j].is_space:
                j += 1  # a no-break space is a token of its own
            to = self.doc[j]
            if to.lower_ != "to":
                continue
            objs = [c for c in to.children if c.dep_ == "pobj"]
            if not objs or not self._according_source(objs[0]):
                continue  # "according to a timeline": not a source
            sent = tok.sent
            if tok.i == sent.start or (
                tok.i > sent.start and self.doc[tok.i - 1].is_punct and tok.i - 1 == sent.start
            ):
                after = objs[0].right_edge.i + 1
                while after < sent.end and self.doc[after].is_punct:
                    after += 1
                if after >= sent.end:
                    continue
                s, e = self.doc[after].idx, sent.end_char
            else:
                s, e = sent.start_char, tok.idx
            s, e = _strip(self.text, s, e)
            e = len(self.text[s:e].rstrip(" ,;")) + s
            if e - s < 10:
                continue
            name, mention = self.speaker(objs[0])
            cue = Span(tok.idx, to.idx + 2, self.text[tok.idx : to.idx + 2])
            out.append(Quote(self.quote_type(s, e), Span(s, e, self.text[s:e]), cue, name, mention))
        return out

    def _quoted_predicates(self) -> list[Quote]:
        """An actor's words quoted inside what the text says the actor did: "Reid has
        gone after Trump as a “human leech who will bleed the country”", "The Kremlin
        dismissed as “unacceptable” …". The quoted fragment (three words or more, not a
        title in capitals; two words when it is a whole complement) must stand in the
        verb's complements, not in its subject."""
        out = []
        for r in self.regions:
            s, e = _strip(self.text, *r)
            words = self.text[s:e].split()
            if len(words) < 2 or all(w[:1].isupper() for w in words if w[:1].isalpha()):
                continue
            span = self.doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            if span.root.dep_ in ("compound", "amod", "nmod", "poss") or (
                len(words) < 3 and span.root.dep_ not in COMPLEMENTS
            ):
                continue  # a label inside a noun phrase: Trump’s “peace now” approach
            verb = span.root
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            if verb.pos_ not in ("VERB", "AUX") or verb.idx > s or self.in_region(verb.idx):
                continue
            subj = self.subject(verb)
            if subj is None or not self._actor_like(subj) or subj.idx > verb.idx:
                continue
            start = self.doc[verb.i + 1].idx if verb.i + 1 < len(self.doc) else s
            end_tok = verb.right_edge
            while end_tok.i > verb.i and (end_tok.is_punct or end_tok.is_space):
                end_tok = self.doc[end_tok.i - 1]
            cs, ce = _strip(self.text, start, max(e, end_tok.idx + len(end_tok.text)))
            name, mention = self.speaker(subj)
            cue = self._cue_phrase(verb)
            out.append(
                Quote(self.quote_type(cs, ce), Span(cs, ce, self.text[cs:ce]), cue, name, mention)
            )
        return out

    def _speaker_lines(self) -> list[Quote]:
        """Transcripts and headlines: "PENCE: Well, …", "Sanders: Clinton needs to …"."""
        out = []
        for m in re.finditer(
            r"(?m)^[ \t]*[“\"']*([A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}):[ \t]+(\S.*)$", self.text
        ):
            name_s, name_e = m.span(1)
            name = m.group(1)
            mention = self.mention_at(name_s, name_e)
            known = (name.isupper() and len(name) > 2) or name.lower() in self.lex.source_nouns
            if mention is None and not known:
                continue
            s, e = _strip(self.text, m.start(2), m.end(2))
            if e - s < 8:
                continue
            speaker = mention[2] if mention else name.title()
            sm = Span(name_s, name_e, name)
            cue = Span(name_e, name_e + 1, ":")
            out.append(Quote(self.quote_type(s, e), Span(s, e, self.text[s:e]), cue, speaker, sm))
        return out

    def _dash_signatures(self) -> list[Quote]:
        """A quotation signed after a dash: “…” ― Jane Doe."""
        out = []
        for r in self.regions:
            m = re.match(
                r"[”\"']*[ \t\u00a0]*([―—–])[ \t\u00a0]*([A-Z][^\n,.;:“”\"]{1,60})",
                self.text[r[1] :],
            )
            if not m:
                continue
            name_s = r[1] + m.start(2)
            name_e = r[1] + m.end(2)
            name_e = name_s + len(self.text[name_s:name_e].rstrip())
            mention = self.mention_at(name_s, name_e)
            s, e = _strip(self.text, *r)
            speaker = mention[2] if mention else self.text[name_s:name_e]
            cue_at = r[1] + m.start(1)
            out.append(
                Quote(
                    "direct",
                    Span(s, e, self.text[s:e]),
                    Span(cue_at, cue_at + 1, m.group(1)),
                    speaker,
                    Span(name_s, name_e, self.text[name_s:name_e]),
                )
            )
        return out

    def _dedupe(self, candidates: list[tuple[int, Quote]]) -> list[Quote]:
        """One quote per stretch of text: the surest reading (lowest rank) wins, then
        the one that starts first."""
        out: list[Quote] = []
        for _, q in sorted(candidates, key=lambda rq: (rq[0], rq[1].content.start)):
            if not any(
                o.content.start < q.content.end and q.content.start < o.content.end for o in out
            ):
                out.append(q)
        return out

    def _follow_ons(self, quotes: list[Quote]) -> list[Quote]:
        """Quoted text with no cue of its own, in the paragraph of an attributed quote."""
        out: list[Quote] = []
        covered = [(q.content.start, q.content.end) for q in quotes]
        for r in self.regions:
            if any(a <= r[0] < b or a < r[1] <= b for a, b in covered):
                continue
            prev = [q for q in quotes + out if q.content.end <= r[0]]
            if not prev:
                continue
            last = max(prev, key=lambda q: q.content.end)
            between = self.text[last.content.end : r[0]]
            if between.count("\n") > 1 or (
                between.count("\n") == 1 and not self._opens_paragraph(r)
            ):
                continue
            s, e = _strip(self.text, *r)
            words = len(self.text[s:e].split())
            sentence_like = words >= 6 or re.search(r"[.!?,]$", self.text[r[0] : r[1]].rstrip())
            sent = self.doc.char_span(r[0], r[1], alignment_mode="expand")
            if sent is None:
                continue
            sent_span = sent.sent
            whole = _strip(self.text, sent_span.start_char, sent_span.end_char)
            if sentence_like and self.region_coverage(*whole) >= 0.8 * (whole[1] - whole[0]):
                if (
                    last.cue is not None
                    and last.type == "direct"
                    and last.content.end <= last.cue.start
                ):
                    # “X,” said Y. “Z.”: the quotation goes on after its attribution, and
                    # is one quote from X to Z (as an interrupted one is)
                    start = last.content.start
                    joined = Quote(
                        "direct",
                        Span(start, e, self.text[start:e]),
                        last.cue,
                        last.speaker,
                        last.speaker_mention,
                        last.cognitive,
                    )
                    if last in out:
                        out[out.index(last)] = joined
                    else:
                        quotes[quotes.index(last)] = joined
                    continue
                out.append(
                    Quote(
                        "direct",
                        Span(s, e, self.text[s:e]),
                        None,
                        last.speaker,
                        last.speaker_mention,
                    )
                )
            elif words >= 2 and self._paraphrase_clause(sent_span):
                ws, we = whole
                if any(a < we and ws < b for a, b in covered):
                    continue
                out.append(
                    Quote(
                        self.quote_type(ws, we),
                        Span(ws, we, self.text[ws:we]),
                        None,
                        last.speaker,
                        last.speaker_mention,
                    )
                )
        return out

    def _opens_paragraph(self, r: tuple[int, int]) -> bool:
        line_start = self.text.rfind("\n", 0, r[0]) + 1
        return self.text[line_start : r[0]].strip() in ("“", '"', "''", "«")

    def _paraphrase_clause(self, sent: SpacySpan) -> bool:
        """A sentence whose quoted fragment is part of a paraphrase ("The West had to be
        “prepared for the long haul”"): a finite clause with a subject."""
        return any(t.dep_ == "nsubj" for t in sent) and len(sent) <= 40


def extract_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    """Quotes with speakers in ``doc``; ``entities`` are the document's resolved actors."""
    return _Quotes(doc, entities).run()
