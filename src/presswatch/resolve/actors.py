"""Resolve the mentions of one document into actors (entities with canonical names).

Rules, in order:

1. Mentions the domain pack knows carry its canonical name ("U.S.", "America" ->
   United States; "Kiev" -> Kyiv; "Russian" -> Russians).
2. A person's full name ("Olaf Scholz") anchors a cluster. A lone surname, a title plus
   surname ("Mr Austin") or a misspelling of the surname ("Scholtz") joins the full name
   with that surname. **Guard against wrong merges**: when two different full names in
   the text share the surname (Joe Biden, Hunter Biden), a lone "Biden" joins the
   nearest full name mentioned before it, and stays apart if none precedes it; a
   misspelling joins only when exactly one surname is close enough; first names that
   differ never merge ("Eric Edelman" and "Eric S. Edelman" merge, "Joe Biden" and
   "Jill Biden" do not). A title before the surname that the domain pack's ``offices``
   give to a person of that surname on the publication date names that person
   ("President Biden" is Joe Biden, though the text names Hunter Biden before it).
3. A name tagged with the wrong type ("Scholz’s" as a place, "Trump’s" as an
   organisation) that equals a person's name or surname joins the person.
4. Role titles join the person they stand in apposition to ("Lloyd Austin, America’s
   defence secretary"); otherwise the person the text gave that title before ("German
   Chancellor Olaf Scholz" ... "the German chancellor"); otherwise the office holder on
   the publication date from the domain pack (``offices``). Titles that cannot be tied
   to a person are dropped, never guessed.
5. An acronym joins the organisation whose initials it spells.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from presswatch.domain import DomainPack
from presswatch.models import Entity, Mention
from presswatch.nlp.entities import MentionSet, is_surname_variant
from presswatch.nlp.lexicon import lexicon, name_parts


@dataclass(slots=True)
class _Cluster:
    key: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    canonical: str | None = None  # fixed canonical (pack or office holder)

    def full_names(self) -> list[str]:
        return [
            " ".join(name_parts(m.span.text))
            for m in self.mentions
            if m.form == "name" and len(name_parts(m.span.text)) >= 2
        ]


def _norm(s: str) -> str:
    s = s.replace("\u00a0", " ").replace("’", "'")
    return " ".join(s.split())


def _first_names_compatible(a: list[str], b: list[str]) -> bool:
    """Two full names with the same surname denote the same person when their first
    names agree (or one is an initial of the other); middle initials may be missing."""
    fa, fb = a[0].rstrip("."), b[0].rstrip(".")
    if fa.lower() == fb.lower():
        return True
    short, long_ = sorted((fa, fb), key=len)
    return len(short) == 1 and long_.startswith(short)


class _Resolver:
    def __init__(self, mset: MentionSet, pack: DomainPack, published: str | None) -> None:
        self.mset = mset
        self.pack = pack
        self.known = pack.by_canonical()
        self.day = _parse_day(published)
        self.clusters: list[_Cluster] = []
        self.by_key: dict[str, _Cluster] = {}
        self.span_owner: dict[tuple[int, int], _Cluster] = {}
        self.honorifics = lexicon().honorifics

    # ------------------------------------------------------------ cluster helpers
    def _cluster(self, key: str, etype: str, canonical: str | None = None) -> _Cluster:
        c = self.by_key.get(key)
        if c is None:
            c = _Cluster(key, etype, canonical=canonical)
            self.by_key[key] = c
            self.clusters.append(c)
        return c

    def _add(self, c: _Cluster, m: Mention) -> None:
        c.mentions.append(m)
        self.span_owner[(m.span.start, m.span.end)] = c

    # ------------------------------------------------------------ passes
    def run(self) -> list[Entity]:
        ms = sorted(self.mset.mentions, key=lambda m: (m.span.start, -m.span.end))
        persons = [m for m in ms if m.type == "PERSON" and m.form in ("name",) and not m.hint]
        # 1. pack-known mentions
        for m in ms:
            if m.hint and m.form != "nominal":
                known = self.known.get(m.hint)
                etype = known.type if known else m.type
                self._add(self._cluster("k:" + m.hint, etype, m.hint), m)
        # 2. full person names
        full: list[tuple[Mention, list[str]]] = []
        for m in persons:
            parts = name_parts(m.span.text)
            if len(parts) >= 2:
                full.append((m, parts))
        for m, parts in full:
            self._add(self._person_cluster(parts), m)
        # 2b. lone surnames and honorific + surname
        for m in persons:
            if (m.span.start, m.span.end) in self.span_owner:
                continue
            parts = name_parts(m.span.text)
            if not parts:
                continue
            holder = self._titled_holder(m, parts)
            c: _Cluster | None = (
                self._holder_cluster(holder, m.span.start)
                if holder is not None
                else self._surname_owner(parts[-1], m.span.start, exact=True)
            )
            if c is None and len(parts) == 1:
                c = self._surname_owner(parts[-1], m.span.start, exact=False)
            if c is None:
                c = self._pack_person(parts[-1]) or self._cluster("s:" + parts[-1], "PERSON")
            self._add(c, m)
        # 3. other names: wrong-typed persons, variants, organisations, places
        for m in ms:
            if (m.span.start, m.span.end) in self.span_owner or m.form in ("title", "nominal"):
                continue
            text = _norm(m.span.text)
            person = (
                self._surname_owner(text.split()[-1], m.span.start, exact=True)
                if (m.type != "PERSON" and " " not in text)
                else None
            )
            if person is None and m.type != "PERSON":
                person = next(
                    (c for c in self.clusters if c.type == "PERSON" and text in c.full_names()),
                    None,
                )
            if person is None and m.type != "PERSON" and " " not in text:
                person = self._pack_person(text)  # "Scholz’s" tagged as a place
            if person is None and m.type == "ORG" and " " not in text and text.isalpha():
                person = self._surname_owner(text, m.span.start, exact=False)  # "Solz" as ORG
            if m.form == "variant" and m.type == "PERSON":
                person = self._surname_owner(text, m.span.start, exact=False)
                if person is None:
                    continue  # a misspelling of nobody: dropped
            if person is not None:
                self._add(person, m)
                continue
            self._add(self._cluster(f"n:{m.type}:{text.lower()}", m.type), m)
        self._acronyms()
        # 4. titles and nominals
        for m in ms:
            if m.form == "title":
                c = self._title_owner(m)
                if c is not None:
                    self._add(c, m)
            elif m.form == "nominal":
                self._nominal(m)
        return [self._entity(c) for c in self.clusters if c.mentions]

    def _person_cluster(self, parts: list[str]) -> _Cluster:
        for c in self.clusters:
            if c.type != "PERSON":
                continue
            names = [n.split() for n in c.full_names()]
            if names and all(
                other[-1] == parts[-1] and _first_names_compatible(other, parts) for other in names
            ):
                return c
        pack = self.known.get(" ".join(parts))
        if pack is not None and pack.type == "PERSON":
            return self._cluster("k:" + pack.canonical, "PERSON", pack.canonical)
        return self._cluster("p:" + " ".join(parts), "PERSON")

    def _surname_owner(self, surname: str, pos: int, *, exact: bool) -> _Cluster | None:
        """The person cluster whose full name has this surname (see the module guard)."""
        cands = []
        for c in self.clusters:
            if c.type != "PERSON":
                continue
            for m in c.mentions:
                parts = name_parts(m.span.text)
                if len(parts) < 2 and not c.canonical:
                    continue
                last = (c.canonical or "").split()[-1:] if len(parts) < 2 else parts[-1:]
                if not last:
                    continue
                ok = last[0] == surname if exact else is_surname_variant(surname, last[0])
                if ok:
                    cands.append((m.span.start, c))
        distinct = {id(c): c for _, c in cands}
        if len(distinct) == 1:
            return next(iter(distinct.values()))
        if not distinct or not exact:
            return None
        before = [(s, c) for s, c in cands if s < pos]
        return max(before, key=lambda x: x[0])[1] if before else None

    def _pack_person(self, surname: str) -> _Cluster | None:
        hits = [
            e
            for e in self.known.values()
            if e.type == "PERSON" and e.canonical.split()[-1] == surname
        ]
        if len(hits) == 1:
            return self._cluster("k:" + hits[0].canonical, "PERSON", hits[0].canonical)
        return None

    def _acronyms(self) -> None:
        orgs = [c for c in self.clusters if c.type == "ORG" and c.mentions]
        for c in orgs:
            if not c.mentions:
                continue
            name = _norm(c.mentions[0].span.text)
            if not re.fullmatch(r"[A-Z]{2,6}", name) or c.canonical:
                continue
            for other in orgs:
                if other is c or not other.mentions or not c.mentions:
                    continue
                words = [w for w in _norm(other.mentions[0].span.text).split() if w[:1].isupper()]
                if "".join(w[0] for w in words) == name:
                    other.mentions.extend(c.mentions)
                    for m in c.mentions:
                        self.span_owner[(m.span.start, m.span.end)] = other
                    c.mentions = []
                    break

    def _title_owner(self, m: Mention) -> _Cluster | None:
        if m.anchor is not None:
            owner = self.span_owner.get((m.anchor.start, m.anchor.end))
            if owner is not None and owner.type == "PERSON":
                if m.role:
                    self.mset.role_links.append((m.anchor, m.role))
                return owner
        if m.role is None:
            return None
        country, phrase = m.role
        for span, (rc, rphrase) in self.mset.role_links:
            # a title that names a country only matches a title given for that country
            if rphrase == phrase and (country is None or rc == country):
                owner = self.span_owner.get((span.start, span.end))
                if owner is not None and owner.type == "PERSON" and span.start < m.span.start:
                    return owner
        holder = self._office_holder(country, phrase)
        return None if holder is None else self._holder_cluster(holder, m.span.start)

    def _holder_cluster(self, holder: str, pos: int) -> _Cluster:
        """The cluster of an office holder: the one with that name, else the one of that
        surname whose first names agree (not "Hunter Biden" for Joe Biden's "the
        President"), else a new one."""
        if (named := self._named(holder)) is not None:
            return named
        surname_owner = self._surname_owner(holder.split()[-1], pos, exact=True)
        if surname_owner is not None and all(
            _first_names_compatible(holder.split(), name.split())
            for name in surname_owner.full_names()
        ):
            return surname_owner
        return self._cluster("k:" + holder, "PERSON", holder)

    def _named(self, person: str) -> _Cluster | None:
        """The person cluster of that canonical or full name, if the text has one."""
        return next(
            (
                c
                for c in self.clusters
                if c.type == "PERSON" and (c.canonical == person or person in c.full_names())
            ),
            None,
        )

    def _titled_holder(self, m: Mention, parts: list[str]) -> str | None:
        """The office holder a title before a surname names ("President Biden" while Joe
        Biden holds the office, though "Hunter Biden" is in the text too): the pack's
        ``offices`` on the publication date."""
        words = _norm(m.span.text).split()
        if self.day is None or len(words) <= len(parts):
            return None
        title = " ".join(words[: len(words) - len(parts)]).lower()
        holders = set()
        for office in self.pack.offices:
            holder = office.holder_on(self.day) if title in office.titles else None
            held = name_parts(holder)[-1] if holder else ""
            if holder and (parts[-1] == held or is_surname_variant(parts[-1], held)):
                holders.add(holder)  # "President Zelenskyy" names Volodymyr Zelensky
        return holders.pop() if len(holders) == 1 else None

    def _office_holder(self, country: str | None, phrase: str) -> str | None:
        if self.day is None:
            return None
        hits = set()
        for office in self.pack.offices:
            if phrase in office.titles and (country is None or office.country == country):
                h = office.holder_on(self.day)
                if h:
                    hits.add(h)
        if len(hits) != 1:
            return None
        holder = hits.pop()
        if country is None:  # no country named: only if that person is in the text
            return holder if self._named(holder) is not None else None
        return holder

    def _nominal(self, m: Mention) -> None:
        if m.type == "ORG" and m.anchor is not None:
            owner = self.span_owner.get((m.anchor.start, m.anchor.end))
            if owner is not None:
                self._add(owner, m)
            return
        if m.role and m.role[1] == "spokesperson":
            boss = None
            best = -1
            for c in self.clusters:
                if c.type != "PERSON":
                    continue
                for x in c.mentions:
                    if best < x.span.start < m.span.start:
                        best, boss = x.span.start, c
            if boss is not None:
                name = self._entity(boss).canonical
                self._add(self._cluster("spokes:" + name, "PERSON", f"Spokesperson for {name}"), m)

    # ------------------------------------------------------------ canonical names
    def _entity(self, c: _Cluster) -> Entity:
        if c.canonical:
            canonical = c.canonical
        elif c.type == "PERSON":
            names = c.full_names()
            if names:
                canonical = max(names, key=lambda n: (len(n.split()), Counter(names)[n], len(n)))
                pack = self.known.get(canonical)
                canonical = pack.canonical if pack else canonical
            else:
                canonical = " ".join(name_parts(c.mentions[0].span.text)) or _norm(
                    c.mentions[0].span.text
                )
        else:
            forms = Counter(_norm(m.span.text) for m in c.mentions if m.form == "name")
            canonical = forms.most_common(1)[0][0] if forms else _norm(c.mentions[0].span.text)
        return Entity(canonical, c.type, list(c.mentions))


def _parse_day(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        try:
            return dt.date.fromisoformat(published[:7] + "-15")
        except ValueError:
            return None


def resolve_entities(mset: MentionSet, pack: DomainPack, published: str | None) -> list[Entity]:
    """Cluster one document's mentions into entities (see the module docstring)."""
    return _Resolver(mset, pack, published).run()
