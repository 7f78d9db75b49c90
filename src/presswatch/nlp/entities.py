"""Find actor mentions in a parsed document: people, organisations, places, groups, weapons.

Sources, merged into one list of :class:`~presswatch.models.Mention`:

* the domain pack's gazetteer (aliases, spelling variants, demonyms, named weapons);
* spaCy's named entities, with their spans normalised (no determiner, no possessive
  ’s, a title kept before a lone surname and dropped before a full name) and obvious
  misfires removed (markup, event names, sentence-initial common words);
* patterns: "<person> administration" is an organisation; weapon designations close
  to a known one ("Hwasoong-11GA" for Hwasong-11); capitalised words the tagger missed
  that are misspellings of a surname named in the same text ("Solz" for Scholz);
* role titles ("America’s defence secretary", "the German chancellor") and descriptive
  phrases in apposition ("a think-tank in Washington"), as candidates that the
  resolver keeps only when it can tie them to a named actor.

This module is pure: it reads a spaCy ``Doc`` and returns records.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from presswatch.models import Mention, Span
from presswatch.nlp.gazetteer import DESIGNATION, Gazetteer, GazMatch
from presswatch.nlp.lexicon import Lexicon, lexicon

NER_TYPES = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "NORP": "NORP",
    "FAC": "LOC",
}
POSSESSIVE = {"’s", "'s", "’", "'", "s"}
MARKUP = re.compile(r"[\[\]()#*/\\|<>{}=_]|https?:|www\.")
ROLE_MODIFIERS = {
    "deputy", "vice", "foreign", "defence", "defense", "national", "security", "prime",
    "interior", "finance", "chief", "junior", "senior", "next", "former", "acting", "late",
    "outgoing", "incoming", "new", "first", "assistant", "under", "state", "of", "military",
    "general", "elect", "-",
}  # fmt: skip
SPOKES = {"spokesman", "spokeswoman", "spokesperson"}


@dataclass(slots=True)
class MentionSet:
    """Mentions found in one document, plus titles seen before names ("German
    Chancellor Olaf Scholz"), which tell the resolver who holds which role."""

    mentions: list[Mention] = field(default_factory=list)
    role_links: list[tuple[Span, tuple[str | None, str]]] = field(default_factory=list)


# ----------------------------------------------------------------- helpers on tokens
def _trim(doc: Doc, sp: SpacySpan, lex: Lexicon) -> tuple[int, int] | None:
    """Token range of a name without leading determiners and trailing possessives."""
    s, e = sp.start, sp.end
    while s < e and (
        doc[s].text in lex.leading_noise
        or doc[s].is_punct
        or doc[s].is_space
        or _question_label(doc, s, lex)
    ):
        s += 1
    # a name does not run over a blank line ("… and John Kirby\n\nMS. JEAN-PIERRE:")
    e = next((k + 1 for k in range(s, e) if "\n\n" in doc[k].text_with_ws), e)
    while e > s and (doc[e - 1].text in POSSESSIVE or doc[e - 1].is_punct or doc[e - 1].is_space):
        e -= 1
    return (s, e) if s < e else None


def _question_label(doc: Doc, i: int, lex: Lexicon) -> bool:
    """A transcript's "Q" opening a line ("Q    Karine, …"): a label, not part of a name."""
    tok = doc[i]
    label = tok.text.rstrip(".:")
    if label != label.upper() or label.lower() not in lex.question_labels or i + 1 >= len(doc):
        return False
    line_start = i == 0 or "\n" in doc[i - 1].text_with_ws
    return line_start and (doc[i + 1].is_space or doc[i + 1].is_punct)


def _honorific_len(doc: Doc, i: int, lex: Lexicon) -> int:
    """How many tokens starting at i form an honorific ("Mr", "Prime Minister")."""
    if i + 1 < len(doc) and f"{doc[i].text} {doc[i + 1].text}" in lex.honorifics:
        return 2
    return 1 if doc[i].text in lex.honorifics else 0


def _honorific_before(doc: Doc, i: int, lex: Lexicon) -> int:
    """Tokens before position i that form an honorific directly before it (0 if none)."""
    if i >= 2 and f"{doc[i - 2].text} {doc[i - 1].text}" in lex.honorifics:
        return 2
    if i >= 1 and doc[i - 1].text in lex.honorifics and doc[i - 1].whitespace_:
        return 1
    return 0


def _span(doc: Doc, s: int, e: int) -> Span:
    sp = doc[s:e]
    return Span(sp.start_char, sp.end_char, sp.text)


# ----------------------------------------------------------------- NER mentions
def _ner_mentions(doc: Doc, lex: Lexicon, common: frozenset[str]) -> list[Mention]:
    out: list[Mention] = []
    mid_sentence = {t.text for t in doc if not _starts_sentence(doc, t.i)}
    for ent in doc.ents:
        etype = NER_TYPES.get(ent.label_)
        if etype is None or MARKUP.search(ent.text):
            continue
        rng = _trim(doc, ent, lex)
        if rng is None:
            continue
        s, e = rng
        if etype == "PERSON":
            s, e = _person_range(doc, s, e, lex)
        words = [t for t in doc[s:e] if not t.is_punct]
        if not words or all(t.like_num for t in words):
            continue
        if all(t.pos_ in ("PART", "PUNCT") or t.text[:1] in "'’" for t in words):
            continue  # "haven’t": the model tags its "n’t" as a place
        if etype != "PERSON" and doc[e - 1].text in lex.event_heads:
            continue  # an event name: "Aspen Security Forum"
        if doc[e - 1].text in lex.holidays:
            continue  # "Orthodox Easter"
        if _after_office_of(doc, s, lex):
            continue  # "Secretary of Defense Lloyd Austin": "Defense" is part of a title
        if etype == "PERSON" and any(c.isdigit() for c in doc[s:e].text):
            continue  # "Hwasoong-12": a designation, not a person
        if e - s == 1 and _is_common_word_misfire(doc, s, common, mid_sentence):
            continue
        if e - s == 1 and etype in ("GPE", "LOC") and doc[s].lower_ in common:
            continue  # "Pandora’s box": a common word the tagger took for a place
        if etype in ("LOC", "PERSON", "GPE") and doc[e - 1].text in lex.org_heads:
            etype = "ORG"  # "Gerald R. Ford School", "Miller Center"
        elif etype in ("PERSON", "ORG", "GPE") and doc[e - 1].text in lex.place_heads:
            etype = "LOC"  # "Boryspil Airport", "Kerch Bridge"
        if etype == "PERSON" and e - s == 1 and not doc[s].text[:1].isupper():
            continue  # a lower-case word is not a name
        out.append(Mention(_span(doc, s, e), etype, "name"))
    return out


def _person_range(doc: Doc, s: int, e: int, lex: Lexicon) -> tuple[int, int]:
    """Drop a title before a full name; keep (or add) it before a lone surname."""
    while s < e:
        n = _honorific_len(doc, s, lex)
        if n == 0 or e - (s + n) < 1:
            break
        if e - (s + n) == 1:
            return s, e  # honorific + surname: kept whole ("President Biden")
        s += n
    if e - s == 1:
        n = _honorific_before(doc, s, lex)
        if n:
            s -= n
    return s, e


def _after_office_of(doc: Doc, s: int, lex: Lexicon) -> bool:
    return (
        s >= 2
        and doc[s - 1].lower_ == "of"
        and (doc[s - 2].text in lex.honorifics or doc[s - 2].lower_ in lex.role_heads)
    )


def _starts_sentence(doc: Doc, i: int) -> bool:
    tok = doc[i]
    return bool(tok.is_sent_start) or (
        i > 0 and (doc[i - 1].is_space or doc[i - 1].text in {"“", '"'})
    )


def _is_common_word_misfire(
    doc: Doc, i: int, common: frozenset[str], mid_sentence: set[str]
) -> bool:
    """A lone capitalised common word at a sentence start ("Morale", "Time")."""
    tok = doc[i]
    if not _starts_sentence(doc, i):
        return False
    if tok.lower_ not in common:
        return False
    if i + 1 < len(doc) and doc[i + 1].text in POSSESSIVE:
        return False  # "Trump’s plan": names take the possessive
    # kept when the same word is also used as a name in mid-sentence
    return tok.text not in mid_sentence


# ----------------------------------------------------------------- merging
def _merge(doc: Doc, text: str, gaz: list[GazMatch], ner: list[Mention]) -> list[Mention]:
    """Gazetteer matches win over overlapping NER spans, except inside a longer proper
    name the NER found, where only a leading modifier stays nested ("U.S." in
    "U.S. intelligence community")."""
    out: list[Mention] = []
    gaz_kept = [True] * len(gaz)
    # gazetteer matches never overlap each other, so starts and ends are both sorted
    starts = [g.start for g in gaz]
    ends = [g.end for g in gaz]
    for n in ner:
        inside = range(bisect_right(ends, n.span.start), bisect_left(starts, n.span.end))
        if not inside:
            out.append(n)
            continue
        exact_or_bigger = any(
            gaz[k].start <= n.span.start and n.span.end <= gaz[k].end for k in inside
        )
        crossing = any(gaz[k].start < n.span.start or gaz[k].end > n.span.end for k in inside)
        if exact_or_bigger or crossing:
            continue
        # the NER span strictly contains gazetteer names: drop it if it is made of them
        covered: set[int] = set()
        for k in inside:
            covered.update(range(gaz[k].start, gaz[k].end))
        rest = [
            t
            for t in doc.char_span(n.span.start, n.span.end, alignment_mode="expand") or []
            if not t.is_punct
            and not t.is_space
            and t.lower_ not in {"and", "the", "of"}
            and not all(c in covered for c in range(t.idx, t.idx + len(t.text)))
        ]
        if not rest:
            continue
        out.append(n)
        for k in inside:
            if gaz[k].start != n.span.start:
                gaz_kept[k] = False
    for k, g in enumerate(gaz):
        if gaz_kept[k]:
            e = g.entry
            out.append(
                Mention(Span(g.start, g.end, text[g.start : g.end]), e.type, e.form, e.canonical)
            )
    return out


# ----------------------------------------------------------------- patterns
def _administrations(text: str, mentions: list[Mention]) -> list[Mention]:
    """An organisation such as "Biden administration", with no person mention inside."""
    out = []
    for m in mentions:
        if m.type not in ("PERSON", "ORG") or m.hint is not None:
            out.append(m)
            continue
        tail = re.match(r"\s+(administration|government)\b", text[m.span.end : m.span.end + 20])
        if tail and " " not in m.span.text.strip():
            end = m.span.end + tail.end()
            out.append(Mention(Span(m.span.start, end, text[m.span.start : end]), "ORG", "name"))
        else:
            out.append(m)
    return out


def _honorific_names(doc: Doc, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """An honorific and a proper noun the tagger missed ("Chancellor Scholz")."""
    taken = _covered(doc, mentions)
    out = []
    i = 0
    while i < len(doc):
        n = _honorific_len(doc, i, lex)
        j = i + n
        if n and j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
            k = j
            while k + 1 < len(doc) and doc[k + 1].pos_ == "PROPN" and doc[k + 1].text[:1].isupper():
                k += 1
            start, end = doc[i].idx, doc[k].idx + len(doc[k].text)
            if not taken.overlaps(start, end) and doc[k].text.isalpha():
                s = i if k == j else j  # title kept before a lone surname only
                sp = _span(doc, s, k + 1)
                out.append(Mention(sp, "PERSON", "name"))
            i = k + 1
            continue
        i += 1
    return out


class _Coverage:
    """Which characters of the text some mention already covers (O(1) look-ups)."""

    def __init__(self, length: int, mentions: list[Mention]) -> None:
        self._marks = bytearray(length)
        for m in mentions:
            self._marks[m.span.start : m.span.end] = b"\x01" * (m.span.end - m.span.start)

    def overlaps(self, start: int, end: int) -> bool:
        return self._marks.find(1, start, end) != -1


def _doc_length(doc: Doc) -> int:
    """len(doc.text) without building the text (Doc.text joins every token)."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def _covered(doc: Doc, mentions: list[Mention]) -> _Coverage:
    return _Coverage(_doc_length(doc), mentions)


def _surnames(mentions: list[Mention]) -> set[str]:
    out = set()
    for m in mentions:
        if m.type == "PERSON":
            parts = m.span.text.replace("\u00a0", " ").split()
            if parts and len(parts[-1]) >= 4 and parts[-1].isalpha():
                out.add(parts[-1])
    return out


def is_surname_variant(word: str, surname: str) -> bool:
    """A misspelling close enough to stand for the surname ("Solz", "Scholtz" ~ Scholz)."""
    if word == surname or len(word) < 4 or word[0] != surname[0]:
        return False
    dist = Levenshtein.distance(word.lower(), surname.lower())
    return dist <= (1 if min(len(word), len(surname)) <= 4 else 2) or (
        dist <= 2 and Levenshtein.normalized_similarity(word.lower(), surname.lower()) >= 0.6
    )


def _surname_variants(doc: Doc, mentions: list[Mention], common: frozenset[str]) -> list[Mention]:
    """Capitalised words the tagger missed that misspell a surname named in the text."""
    surnames = _surnames(mentions)
    if not surnames:
        return []
    taken = _covered(doc, mentions)
    out = []
    for tok in doc:
        w = tok.text
        if (
            len(w) < 4
            or not w.isalpha()
            or not w[0].isupper()
            or w.lower() in common
            or tok.pos_ not in ("PROPN", "NOUN")
            or taken.overlaps(tok.idx, tok.idx + len(w))
        ):
            continue
        if any(is_surname_variant(w, s) for s in surnames):
            out.append(Mention(Span(tok.idx, tok.idx + len(w), w), "PERSON", "variant"))
    return out


def _weapon_designations(text: str, gazetteer: Gazetteer, mentions: list[Mention]) -> list[Mention]:
    """Designations close to a known weapon: same number, similar family name."""
    known = gazetteer.designations
    if not known:
        return []
    taken = _Coverage(len(text), mentions)
    out = []
    for m in DESIGNATION.finditer(text):
        if taken.overlaps(m.start(), m.end()):
            continue
        fam, num = m.group(1).lower(), m.group(2)
        for (kfam, knum), canonical in known.items():
            if knum == num and Levenshtein.normalized_similarity(fam, kfam) >= 0.8:
                out.append(
                    Mention(Span(m.start(), m.end(), m.group(0)), "WEAPON", "variant", canonical)
                )
                break
    return out


# ----------------------------------------------------------------- role titles
def _role_head(tok: Token, lex: Lexicon) -> bool:
    return tok.lower_ in lex.role_heads and tok.tag_ not in ("NNS", "NNPS")


def _title_range(doc: Doc, h: int, lex: Lexicon) -> tuple[int, int]:
    """Token range of the title phrase headed by the role noun at h."""
    e = h + 1
    if (
        e + 1 < len(doc)
        and doc[e].text == "-"
        and doc[e + 1].lower_ in ("elect", "general", "designate")
    ):
        e += 2
    if e < len(doc) and doc[e].lower_ == "of":
        j = e + 1
        while (
            j < len(doc)
            and j - e < 8
            and (doc[j].pos_ in ("DET", "PROPN", "NOUN", "ADJ") or doc[j].text in POSSESSIVE)
        ):
            j += 1
        if j > e + 1 and doc[j - 1].pos_ in ("PROPN", "NOUN"):
            e = j
    s = h
    while s > 0 and h - s < 7:
        t = doc[s - 1]
        if t.pos_ == "DET" or t.lower_ in ("his", "her", "its", "their"):
            s -= 1
            break
        if (
            t.pos_ in ("ADJ", "NOUN", "PROPN")
            or t.text in POSSESSIVE
            or (t.text == "-" and not t.whitespace_)
        ):
            s -= 1
            continue
        break
    return s, e


def _role_of(doc: Doc, s: int, e: int, gaz: list[Mention], lex: Lexicon) -> tuple[str | None, str]:
    """(country, role phrase) of a title: ("Germany", "chancellor")."""
    start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
    country = None
    country_chars: set[int] = set()
    for m in gaz:
        if (
            start <= m.span.start
            and m.span.end <= end
            and m.hint
            and m.type in ("GPE", "ORG", "NORP")
        ):
            if country is None:
                country = m.hint
            country_chars.update(range(m.span.start, m.span.end))
    words = []
    for t in doc[s:e]:
        if t.idx in country_chars or t.pos_ == "DET" or t.text in POSSESSIVE:
            continue
        w = t.lower_
        if w in lex.role_heads or w in ROLE_MODIFIERS:
            words.append(w)
    while words and words[-1] == "of":
        words.pop()  # "the chancellor of Germany": the country is already taken
    phrase = " ".join(words).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
    return country, phrase


def _titles(
    doc: Doc, text: str, mentions: list[Mention], lex: Lexicon, people_country: dict[str, str]
) -> MentionSet:
    """Role-title candidates (kept by the resolver only if tied to a person) and
    pre-name titles (role links)."""
    out = MentionSet()
    names = [m for m in mentions if m.type == "PERSON" and m.form == "name"]
    gaz_ctx = [
        Mention(m.span, m.type, m.form, people_country.get(m.hint or "", m.hint))
        for m in mentions
        if m.hint
    ]
    for tok in doc:
        if not _role_head(tok, lex):
            continue
        if tok.lower_ in SPOKES:
            continue
        s, e = _title_range(doc, tok.i, lex)
        start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
        # inside a person's name span (honorific kept before a surname): not a title
        if any(n.span.start <= tok.idx < n.span.end for n in names):
            continue
        role = _role_of(doc, s, e, gaz_ctx, lex)
        if not role[1]:
            continue
        after = [
            n
            for n in names
            if 0 <= n.span.start - end <= 1 and text[end : n.span.start].strip() == ""
        ]
        if after:  # "German Chancellor Olaf Scholz": a pre-name title
            out.role_links.append((after[0].span, role))
            continue
        anchor = _apposed_name(text, start, end, names)
        first = doc[s]
        definite = first.lower_ in ("the",) or any(t.text in POSSESSIVE for t in doc[s:e]) or anchor
        if not definite:
            continue
        out.mentions.append(
            Mention(Span(start, end, text[start:end]), "PERSON", "title", role=role, anchor=anchor)
        )
    return out


def _apposed_name(text: str, start: int, end: int, names: list[Mention]) -> Span | None:
    """The person name in apposition with a title: "Name, title" or "Title, Name"."""
    for n in names:
        between_after = text[n.span.end : start]
        between_before = text[end : n.span.start]
        if n.span.end <= start and re.fullmatch(r",[\s\u00a0]*", between_after):
            return n.span
        if end <= n.span.start and re.fullmatch(r",[\s\u00a0]*", between_before):
            return n.span
    return None


def _nominals(doc: Doc, text: str, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """Nominal mentions: "His spokesman" and "X, a think-tank in Washington"."""
    out = []
    for m in re.finditer(r"\b(?:His|Her|his|her)\s+(spokes(?:man|woman|person))\b", text):
        out.append(
            Mention(
                Span(m.start(), m.end(), m.group(0)),
                "PERSON",
                "nominal",
                role=(None, "spokesperson"),
            )
        )
    orgs = [x for x in mentions if x.type == "ORG"]
    for o in orgs:
        rest = text[o.span.end : o.span.end + 80]
        mm = re.match(r",[\s\u00a0]+(an?\s+)", rest)
        if not mm:
            continue
        start = o.span.end + mm.start(1)
        sp = doc.char_span(start, start + 60, alignment_mode="contract")
        if sp is None:
            continue
        end = None
        for t in sp:
            if t.is_punct and t.text != "-":
                break
            end = t.idx + len(t.text)
        if end is None:
            continue
        phrase = text[start:end]
        head_ok = any(h in phrase.lower() for h in lex.org_nominal_heads)
        if head_ok and len(phrase.split()) <= 6:
            out.append(Mention(Span(start, end, phrase), "ORG", "nominal", anchor=o.span))
    return out


# ----------------------------------------------------------------- entry point
def find_mentions(
    doc: Doc, gazetteer: Gazetteer, common: frozenset[str] = frozenset()
) -> MentionSet:
    """All actor mentions in ``doc`` (see module docstring)."""
    lex = lexicon()
    text = doc.text  # built once: Doc.text joins every token
    gaz = gazetteer.find(text)
    mentions = _merge(doc, text, gaz, _ner_mentions(doc, lex, common))
    mentions = _administrations(text, mentions)
    mentions += _honorific_names(doc, mentions, lex)
    mentions += _weapon_designations(text, gazetteer, mentions)
    mentions += _surname_variants(doc, mentions, common)
    titles = _titles(doc, text, mentions, lex, gazetteer.people_country)
    result = MentionSet(mentions + titles.mentions, titles.role_links)
    result.mentions += _nominals(doc, text, mentions, lex)
    result.mentions.sort(key=lambda m: (m.span.start, -m.span.end))
    return result
