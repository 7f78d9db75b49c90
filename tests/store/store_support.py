"""Builders of hand-made extraction records for the store tests (no NLP involved)."""

from __future__ import annotations

import re

from presswatch.models import (
    Commitment,
    Document,
    Entity,
    Event,
    Extraction,
    Mention,
    NumericClaim,
    Quote,
    Span,
    Stance,
    StanceEvidence,
)


def entity(text: str, canonical: str, type_: str, *surfaces: str, form: str = "name") -> Entity:
    """An entity with one mention for every occurrence of each surface form in ``text``."""
    mentions = [
        Mention(Span.of(text, m.start(), m.end()), type_, form)
        for surface in (surfaces or (canonical,))
        for m in re.finditer(re.escape(surface), text)
    ]
    return Entity(canonical, type_, mentions)


def extraction(
    text: str,
    path: str = "a.txt",
    *,
    entities: list[tuple[str, str]] | None = None,
    title: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    authors: list[str] | None = None,
    url: str | None = None,
) -> Extraction:
    """An extraction of ``text`` whose entities are ``(canonical, type)`` found verbatim."""
    doc = Document(
        text=text,
        path=path,
        title=title,
        published=published,
        outlet=outlet,
        authors=list(authors or []),
        url=url,
    )
    return Extraction(doc, [entity(text, c, t) for c, t in (entities or [])])


def make_event(
    text: str,
    span: str,
    trigger: str,
    predicate: str,
    date: str | None = None,
    actors: tuple[str, ...] = (),
    *,
    granularity: str | None = None,
    expression: str | None = None,
    approximate: bool = False,
    status: str = "occurred",
) -> Event:
    """An event whose span, trigger and date expression are found verbatim in ``text``
    (the trigger and expression inside the span when they occur there)."""
    start = text.index(span)
    end = start + len(span)

    def inside(word: str) -> Span:
        at = text.find(word, start, end)
        at = at if at >= 0 else text.index(word)
        return Span.of(text, at, at + len(word))

    if granularity is None and date is not None:
        granularity = {10: "day", 7: "month", 4: "year"}.get(len(date))
    return Event(
        span=Span.of(text, start, end),
        trigger=inside(trigger),
        predicate=predicate,
        date=date,
        granularity=granularity,
        date_expression=inside(expression) if expression else None,
        date_approximate=approximate,
        actors=actors,
        status=status,
    )


def _find(text: str, part: str, within: Span | None = None) -> Span:
    """The span of ``part`` in ``text`` (inside ``within`` when it occurs there)."""
    at = text.find(part, within.start, within.end) if within else -1
    at = at if at >= 0 else text.index(part)
    return Span.of(text, at, at + len(part))


def make_claim(
    text: str,
    span: str,
    value: float,
    unit: str | None = None,
    about: str | None = None,
    source: str | None = "author",
    *,
    qualifier: str | None = None,
    approximate: bool = False,
    currency: str | None = None,
    value_usd: float | None = None,
) -> NumericClaim:
    """A numeric claim whose span is found verbatim in ``text``."""
    return NumericClaim(
        span=_find(text, span),
        value=value,
        unit=unit,
        qualifier=qualifier,
        approximate=approximate,
        about=about,
        source=source,
        currency=currency,
        value_usd=value_usd,
    )


def make_commitment(
    text: str,
    span: str,
    item: str,
    donor: str | None = None,
    recipient: str | None = "Ukraine",
    *,
    item_class: str | None = None,
    quantity: float | None = None,
    amount: float | None = None,
    currency: str | None = None,
    value_usd: float | None = None,
    status: str = "announced",
    date: str | None = None,
    expression: str | None = None,
    source: str | None = "author",
    trigger: str | None = None,
) -> Commitment:
    """A commitment whose span, date expression and trigger are found verbatim in ``text``
    (inside the span when they occur there)."""
    whole = _find(text, span)
    return Commitment(
        span=whole,
        donor=donor,
        recipient=recipient,
        item=item,
        item_class=item_class,
        quantity=quantity,
        amount=amount,
        currency=currency,
        value_usd=value_usd,
        status=status,
        date=date,
        date_expression=_find(text, expression, whole) if expression else None,
        source=source,
        trigger=_find(text, trigger, whole) if trigger else None,
    )


def numbered(i: int) -> Extraction:
    """The i-th document of a synthetic corpus (used by the interrupted-run test)."""
    text = (
        f"Report {i}: Olaf Scholz met Volodymyr Zelensky in Kyiv. "
        f"Germany pledged {i + 1} Gepard systems to Ukraine."
    )
    ex = extraction(
        text,
        f"corpus/{i:03d}.txt",
        entities=[
            ("Olaf Scholz", "PERSON"),
            ("Volodymyr Zelensky", "PERSON"),
            ("Kyiv", "GPE"),
            ("Germany", "GPE"),
            ("Ukraine", "GPE"),
        ],
        title=f"Report {i}",
        published=f"2022-{(i % 12) + 1:02d}-15",
    )
    ex.quotes.append(
        Quote("indirect", Span.of(text, 36, 51), None, "Olaf Scholz", Span.of(text, 10, 21))
    )
    return ex


def make_stance(text: str, holder: str, proposition: str, stance: str, *evidence: str) -> Stance:
    """A stance whose evidence pieces are found verbatim in ``text``; each piece takes
    ``stance``'s side, or alternates favor/against for a ``mixed`` one."""
    sides = ["favor", "against"] if stance == "mixed" else [stance]
    support = tuple(
        StanceEvidence(_find(text, part), sides[k % len(sides)], "quote", cues=("cue",))
        for k, part in enumerate(evidence)
    )
    return Stance(holder, proposition, stance, support[0].span, support, None)
