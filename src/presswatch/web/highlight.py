"""A stored document's text as HTML, with every fact marked and one sentence highlighted.

:func:`document_facts` lists the spans of a stored document that the page marks: actor
mentions, quotes, dates (timexes), numeric claims and commitments, each with the kind
and the hover text (the resolved actor, the date's value, ...). :func:`render_text`
turns the text and those facts into HTML: every slice of the text is escaped with
:func:`markupsafe.escape` (article text is untrusted), and each fact becomes::

    <mark class="fact fact-{kind}" data-kind="{kind}" data-start="S" data-end="E"
          title="...">...</mark>

Facts nest: a wider fact encloses those inside it; a fact that crosses the boundary of
a wider one it starts in is left unmarked (it is still listed beside the text), so the
HTML is always well formed. The highlighted range (:func:`highlight_range`: the
sentence of a fact, widened over any fact it cuts through) becomes
``<span id="hl" class="highlight">`` around everything in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from presswatch.store import StoredDocument

#: The kinds of fact marked in a document, outermost first when two have the same span.
KINDS: tuple[str, ...] = ("commitment", "quote", "claim", "date", "actor")

_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)|\n")
_WORD_BEFORE = re.compile(r"(\w+)$")
_ABBREVIATIONS = """
mr mrs ms dr prof st gen lt col maj capt sgt adm sen rep gov pres jr sr no vs etc
jan feb mar apr jun jul aug sep sept oct nov dec inc corp co ltd
"""
#: Words that a full stop follows without ending the sentence.
ABBREVIATIONS: frozenset[str] = frozenset(_ABBREVIATIONS.split())


@dataclass(frozen=True, slots=True)
class Fact:
    """One marked span of a document: offsets into its text, kind and hover text."""

    start: int
    end: int
    kind: str
    title: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind, "title": self.title}


def _span(value: Any) -> tuple[int, int] | None:
    if not isinstance(value, dict):
        return None
    start, end = value.get("start"), value.get("end")
    if isinstance(start, int) and isinstance(end, int):
        return start, end
    return None


def _join(*parts: Any) -> str:
    return " ".join(str(p) for p in parts if p not in (None, ""))


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, int | float):
        return f"{value:,}"
    return ""


def document_facts(stored: StoredDocument) -> list[Fact]:
    """The facts of a stored document in text order (wider first at the same start),
    each span once per kind; spans outside the text are left out."""
    record = stored.record
    found: list[Fact] = []
    for start, end, _text, _form, canonical, type_ in stored.mentions:
        found.append(Fact(start, end, "actor", f"{canonical} ({type_})"))
    for quote in record.get("quotes") or []:
        span = _span(quote.get("quote"))
        if span:
            speaker = quote.get("speaker") or "unknown speaker"
            found.append(Fact(*span, "quote", f"{quote.get('type', 'quote')} quote: {speaker}"))
    for timex in record.get("timexes") or []:
        span = _span(timex)
        if span:
            found.append(Fact(*span, "date", _join(timex.get("value"), f"({timex.get('type')})")))
    for claim in record.get("numeric_claims") or []:
        span = _span(claim.get("span"))
        if span:
            about = f"— {claim['about']}" if claim.get("about") else ""
            source = f"(on the word of {claim['source']})" if claim.get("source") else ""
            title = _join(
                claim.get("qualifier"), _number(claim.get("value")), claim.get("unit"), about
            )
            found.append(Fact(*span, "claim", _join(title, source)))
    for commitment in record.get("commitments") or []:
        span = _span(commitment.get("span"))
        if span:
            donor = commitment.get("donor") or "?"
            recipient = commitment.get("recipient") or "?"
            title = _join(
                f"{donor} → {recipient}:",
                _number(commitment.get("quantity")),
                commitment.get("item"),
                f"({commitment.get('status')})" if commitment.get("status") else None,
                commitment.get("date"),
            )
            found.append(Fact(*span, "commitment", title))
    size = len(stored.text)
    unique: dict[tuple[int, int, str], Fact] = {}
    for fact in found:
        if 0 <= fact.start < fact.end <= size:
            unique.setdefault((fact.start, fact.end, fact.kind), fact)
    return sorted(unique.values(), key=_order)


def _order(fact: Fact) -> tuple[int, int, int]:
    return fact.start, -fact.end, KINDS.index(fact.kind)


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    if match.group() == "\n" or not match.group().startswith("."):
        return True
    word = _WORD_BEFORE.search(text, 0, match.start())
    if word is None:
        return True
    before = word.group(1)
    return not (before.lower() in ABBREVIATIONS or (len(before) == 1 and before.isupper()))


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or sentences) of ``text`` that hold ``start``..``end``, without the
    whitespace around them."""
    begin, stop = 0, len(text)
    for match in _SENTENCE_END.finditer(text):
        if not _ends_sentence(text, match):
            continue
        if match.end() <= start:
            begin = match.end()
        elif match.end() >= end:
            stop = match.start() if match.group() == "\n" else match.end()
            break
    while begin < start and text[begin].isspace():
        begin += 1
    return begin, max(stop, end)


def highlight_range(
    text: str, facts: Sequence[Fact], start: int, end: int
) -> tuple[int, int] | None:
    """The range to highlight for a fact at ``start``..``end``: its sentence, widened
    until no fact crosses its edges. ``None`` when the offsets are not in the text."""
    if not (0 <= start <= end <= len(text)):
        return None
    low, high = sentence_bounds(text, start, max(end, start + 1) if start < len(text) else end)
    changed = True
    while changed:
        changed = False
        for fact in facts:
            overlaps = fact.start < high and fact.end > low
            encloses = fact.start <= low and fact.end >= high
            inside = fact.start >= low and fact.end <= high
            if overlaps and not encloses and not inside:
                low, high = min(low, fact.start), max(high, fact.end)
                changed = True
    return low, high


@dataclass(frozen=True, slots=True)
class _Node:
    start: int
    end: int
    rank: int
    open: str
    close: str


def _fact_node(fact: Fact) -> _Node:
    kind = escape(fact.kind)
    opening = Markup(
        '<mark class="fact fact-{0}" data-kind="{0}" data-start="{1}" data-end="{2}" title="{3}">'
    ).format(kind, fact.start, fact.end, fact.title)
    return _Node(fact.start, fact.end, KINDS.index(fact.kind) + 1, str(opening), "</mark>")


def render_text(
    text: str, facts: Iterable[Fact], highlight: tuple[int, int] | None = None
) -> Markup:
    """``text`` as HTML with ``facts`` marked and ``highlight`` wrapped (see the module)."""
    nodes = [_fact_node(f) for f in facts if 0 <= f.start < f.end <= len(text)]
    if highlight is not None:
        low, high = highlight
        nodes.append(_Node(low, high, 0, '<span id="hl" class="highlight">', "</span>"))
    nodes.sort(key=lambda n: (n.start, -n.end, n.rank))
    out: list[str] = []
    stack: list[_Node] = []
    position = 0

    def close_until(at: int) -> None:
        nonlocal position
        while stack and stack[-1].end <= at:
            node = stack.pop()
            out.append(str(escape(text[position : node.end])))
            out.append(node.close)
            position = node.end

    for node in nodes:
        close_until(node.start)
        if stack and node.end > stack[-1].end:
            continue  # crosses the fact it starts in: left unmarked
        out.append(str(escape(text[position : node.start])))
        out.append(node.open)
        position = node.start
        stack.append(node)
    close_until(len(text))
    out.append(str(escape(text[position:])))
    return Markup("".join(out))
