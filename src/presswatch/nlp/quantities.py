"""Numbers in text: digits and words, money, units and hedges, with exact spans.

Pure: text in, :class:`Quantity` records out (no parse needed), so that the claim and
commitment extractors share one reading of "more than 75,000", "$1 billion",
"€2.5bn", "a dozen", "half" and "417 votes to 8".

One compiled pattern finds every candidate figure in one pass; each candidate is then
read from a few characters of context on either side (anchored, precompiled patterns),
so the cost is linear in the length of the text. The word lists (hedges, number words,
currencies, units, vague magnitudes) live in ``data/units.yaml``.

What is *not* a quantity: years ("2014", "1939-40"), dates ("April 24th", "24
February"), clock times ("10:30", "5 pm"), ordinals ("first", "3rd"), numbers inside
names and designations ("Hwasong-11", "F-16", "M777", "S-300", "Leopard 2", "G7",
"COVID-19", "155mm", "the 1990s"), reference numbers ("section 5"), phone numbers and
list markers; number words used as references ("the two leaders", "no one", "one of the
most …") are left out too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from presswatch.models import Span


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as written: ``span`` covers hedge, number and unit ("more than 75,000
    Russian soldiers" -> the whole phrase up to the unit noun); ``number`` covers only
    the figure ("75,000", "$1 billion").

    ``kind`` says how the figure is written: ``digits``, ``words``, ``fraction``
    ("half of", read as percent), ``vague`` ("thousands", value = order of magnitude)
    or ``implicit`` ("a day": the number is implied by the article)."""

    span: Span
    number: Span
    value: float
    unit: str | None  # plural noun ("soldiers", "km") or a currency code ("USD")
    currency: str | None
    qualifier: str | None
    approximate: bool
    kind: str = "digits"


# ------------------------------------------------------------------ word lists
@dataclass(frozen=True, slots=True)
class UnitLexicon:
    number_words: Mapping[str, float]
    scales: Mapping[str, float]
    fractions: Mapping[str, float]
    vague_magnitudes: Mapping[str, float]
    vague_modifiers: frozenset[str]
    hedges: Mapping[str, bool]  # hedge -> makes the number approximate
    currency_symbols: Mapping[str, str]
    currency_codes: frozenset[str]
    currency_words: Mapping[str, str]
    units: Mapping[str, str]
    implicit_units: Mapping[str, tuple[float, str]]
    unit_factors: Mapping[str, float]
    designation_suffixes: frozenset[str]
    irregular_plurals: frozenset[str]
    definite_determiners: frozenset[str]
    phrase_breaks: frozenset[str]
    superlative_markers: frozenset[str]
    one_markers: frozenset[str]
    reference_words: frozenset[str]
    months: frozenset[str]
    clock_words: frozenset[str]


@lru_cache(maxsize=1)
def unit_lexicon() -> UnitLexicon:
    """The shipped word lists (``data/units.yaml``), read once."""
    text = resources.files("presswatch.data").joinpath("units.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)

    def nums(key: str) -> dict[str, float]:
        return {str(k).lower(): float(v) for k, v in data[key].items()}

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data[key])

    return UnitLexicon(
        number_words=nums("number_words"),
        scales=nums("scales"),
        fractions=nums("fractions"),
        vague_magnitudes=nums("vague_magnitudes"),
        vague_modifiers=words("vague_modifiers"),
        hedges={str(k).lower(): bool(v) for k, v in data["hedges"].items()},
        currency_symbols={str(k): str(v) for k, v in data["currency_symbols"].items()},
        currency_codes=frozenset(str(c) for c in data["currency_codes"]),
        currency_words={str(k).lower(): str(v) for k, v in data["currency_words"].items()},
        units={str(k): str(v) for k, v in data["units"].items()},
        implicit_units={
            str(k).lower(): (float(v[0]), str(v[1])) for k, v in data["implicit_units"].items()
        },
        unit_factors=nums("unit_factors"),
        designation_suffixes=words("designation_suffixes"),
        irregular_plurals=words("irregular_plurals"),
        definite_determiners=words("definite_determiners"),
        phrase_breaks=words("phrase_breaks"),
        superlative_markers=words("superlative_markers"),
        one_markers=words("one_markers"),
        reference_words=words("reference_words"),
        months=words("months"),
        clock_words=words("clock_words"),
    )


def _alt(words: object) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any blank."""
    items = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))  # type: ignore[attr-defined]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


@dataclass(frozen=True, slots=True)
class _Patterns:
    core: re.Pattern[str]
    hedge_before: re.Pattern[str]
    word_before: re.Pattern[str]
    after_number: re.Pattern[str]  # scale / currency word / unit right after a figure
    token: re.Pattern[str]
    of_det: re.Pattern[str]
    half_follow: re.Pattern[str]
    frac_scale: re.Pattern[str]
    to_number: re.Pattern[str]
    clock_after: re.Pattern[str]
    unit_lookup: Mapping[str, str]  # lower-cased unit form -> unit


_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    lex = unit_lexicon()
    symbols = _alt(lex.currency_symbols)
    codes = _alt(lex.currency_codes)
    scale_words = _alt(w for w in lex.scales if len(w) > 3)  # hundred … trillion
    scale_abbr = _alt(w for w in lex.scales if len(w) <= 3)  # bn, m, k …
    simple_words = _alt(w for w in lex.number_words if w not in _TENS)
    compound = rf"(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(_ONES)})\b)?"
    core = re.compile(
        rf"""
        (?P<money>(?P<sym>{symbols})|(?-i:(?P<code>{codes}))\s?)?
        (?P<digits>(?<![\d.,])(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?)
        |(?<![\w-])(?P<frac>{_alt(lex.fractions)})(?![\w-])
        |(?<![\w-])(?P<vague>(?:(?:{_alt(lex.vague_modifiers)})\s+)?
            (?P<vmag>{_alt(lex.vague_magnitudes)}))(?![\w-])
        |(?<![\w-])(?P<word>(?:{compound}|{simple_words})
            (?:\s+(?:{scale_words})\b)*)(?![\w])
        |(?<![\w-])(?P<implicit>an?\s+(?P<iunit>{_alt(lex.implicit_units)}))(?![\w'’-])
        """,
        re.IGNORECASE | re.VERBOSE,
    )
    hedge_before = re.compile(rf"(?i)(?<![\w-])(?P<hedge>{_alt(lex.hedges)})\s+$")
    word_before = re.compile(r"(?P<word>[^\W\d_][\w.’'-]*)\s+$")
    unit_lookup = {k.lower(): v for k, v in lex.units.items()}
    after_number = re.compile(
        rf"""
        (?:(?P<sp1>\s?)(?P<scale>{scale_words})(?![\w])|(?P<abbr>{scale_abbr})(?![\w]))?
        (?:\s*(?:(?P<cword>{_alt(lex.currency_words)})(?![\w])
              |(?-i:(?P<ccode>{codes}))(?![\w]))
           |(?P<pct>\s?%)
           |(?P<hyph>-)?(?(hyph)|\s?)(?P<unit>{_alt(k for k in lex.units if k != "%")})
                (?![\w/])(?!-[\w])
        )?
        """,
        re.IGNORECASE | re.VERBOSE,
    )
    token = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_][\w’'-]*|\S")
    clock_after = re.compile(rf"(?i)\s?(?:{_alt(lex.clock_words)})(?![\w])")
    of_det = re.compile(
        r"(?i)\s+of\s+(?:(?:the|those|these|its|their|his|her|our|all|all\s+the)\s+)?"
    )
    half_follow = re.compile(r"(?i)\s+(?:of|the|all|its|their|his|her|our|these|those|this|that)\b")
    frac_scale = re.compile(rf"(?i)\s+an?\s+(?P<scale>{scale_words})\b")
    to_number = re.compile(r"\s+to\s+$")
    return _Patterns(
        core=core,
        hedge_before=hedge_before,
        word_before=word_before,
        after_number=after_number,
        token=token,
        of_det=of_det,
        half_follow=half_follow,
        frac_scale=frac_scale,
        to_number=to_number,
        clock_after=clock_after,
        unit_lookup=unit_lookup,
    )


# ------------------------------------------------------------------ helpers
_CONTEXT = 40  # characters of context read on either side of a figure
_MAX_NP = 6  # words looked at after a figure for its unit noun
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
_CLOCK_AFTER = re.compile(r"^(?::\d\d|\.\d\d\s*(?:[ap]\.?m\b))")
_GLUED_WORD = re.compile(r"[^\W\d_]+")
_RANGE_AFTER = re.compile(r"^[-–/]\d")
_PHONE_AFTER = re.compile(r"^\)?[ .]\d{3,4}\b")
_LIST_MARKER_AFTER = re.compile(r"^[.)]\s")
_LINE_START = re.compile(r"(?:^|\n)[ \t]*$")
_AGE = re.compile(r"^,(?:\s|$)")
_AGE_BEFORE = re.compile(r"[A-Z][\w’'-]+,\s$")
_ONE_OF = re.compile(r"(?i)\s+of\s+(?:those|these|its|their|our)\s+")
_UNIT_OF_ONE = re.compile(r"^[a-z][a-z’'-]*$")


def _is_plural(word: str, lex: UnitLexicon) -> bool:
    w = word.lower()
    if w in lex.irregular_plurals:
        return True
    return (
        len(w) > 3
        and w.endswith("s")
        and not w.endswith(("ss", "us", "is", "’s", "'s"))
        and w not in lex.phrase_breaks
    )


def _plural(word: str) -> str:
    w = word.lower()
    if w.endswith(("s", "x", "ch", "sh")):
        return w + "es"
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        return w[:-1] + "ies"
    return w + "s"


def _unit_noun(
    text: str, pos: int, single: bool, lex: UnitLexicon, pat: _Patterns
) -> tuple[str, int] | None:
    """The count noun after a figure ending at ``pos``: up to a few names and
    adjectives, then a plural noun (or, for one, the first common noun): (noun, end)."""
    last: tuple[str, int] | None = None
    for n, tok in enumerate(pat.token.finditer(text, pos, min(len(text), pos + 80))):
        word = tok.group()
        if n >= _MAX_NP or not word[0].isalpha():
            break
        low = word.lower()
        if low in lex.phrase_breaks or low in lex.months:
            break
        if single:
            if not _UNIT_OF_ONE.match(word):
                if last is not None:
                    break
                continue  # a name: "one US official"
            last = (low if _is_plural(word, lex) else _plural(word), tok.end())
            if not text[tok.end() : tok.end() + 1].isspace():
                break
            continue
        if _is_plural(word, lex) and not (word[0].isupper() and word[1:2].isupper()):
            if word[0].isupper() and n > 0 and not text[tok.start() - 1].isspace():
                break
            return low.rstrip("’'"), tok.end()
    return last


def _value_of_words(phrase: str, lex: UnitLexicon) -> float:
    parts = phrase.lower().replace("-", " ").split()
    total = 0.0
    i = 0
    if parts[:2] and " ".join(parts[:2]) in lex.number_words:
        total = lex.number_words[" ".join(parts[:2])]
        i = 2
    else:
        while i < len(parts) and parts[i] in lex.number_words and parts[i] not in lex.scales:
            total += lex.number_words[parts[i]]
            i += 1
    if i == 0:
        total = 1.0  # "dozen"
    for word in parts[i:]:
        total *= lex.scales.get(word, 1.0)
    return total


def to_usd(amount: float, currency: str | None, rates: Mapping[str, float]) -> float | None:
    """``amount`` of ``currency`` in US dollars: the amount itself for ``USD``;
    otherwise ``amount * rates[currency]`` where ``rates`` gives US dollars per unit of
    each ISO 4217 code (a domain pack's rates), or ``None`` when no rate is known."""
    if currency is None:
        return None
    if currency == "USD":
        return amount
    rate = rates.get(currency)
    return amount * rate if rate else None


# ------------------------------------------------------------------ the reader
def find_quantities(text: str) -> list[Quantity]:
    """Every number in ``text`` that could be a claim (not years, dates, ordinals or
    designations such as "Hwasong-11"), in text order."""
    lex = unit_lexicon()
    pat = _patterns()
    found: list[Quantity] = []
    for m in pat.core.finditer(text):
        q = _read(text, m, lex, pat)
        if q is not None and q.currency is None and q.unit and q.unit in lex.currency_words:
            code = lex.currency_words[q.unit]  # "half a billion dollars"
            q = Quantity(q.span, q.number, q.value, code, code, q.qualifier, q.approximate, q.kind)
        if q is not None:
            if found and q.span.start < found[-1].span.end:
                # "half a billion dollars" and "a billion dollars": one amount, the wider
                prev = found[-1]
                if q.span.end - q.span.start <= prev.span.end - prev.span.start:
                    continue
                found.pop()
            found.append(q)
    # "417 votes to 8": the second figure counts the same thing
    for i in range(1, len(found)):
        prev, cur = found[i - 1], found[i]
        if (
            cur.unit is None
            and prev.unit is not None
            and prev.currency is None
            and cur.kind == "digits"
            and cur.number.end == cur.span.end
            and pat.to_number.match(text, prev.span.end, cur.number.start)
        ):
            found[i] = Quantity(
                cur.span,
                cur.number,
                cur.value,
                prev.unit,
                None,
                cur.qualifier,
                cur.approximate,
                cur.kind,
            )
    return found


def _read(text: str, m: re.Match[str], lex: UnitLexicon, pat: _Patterns) -> Quantity | None:
    start, end = m.span()
    before = text[max(0, start - _CONTEXT) : start]
    hedge_m = pat.hedge_before.search(before)
    hedge = " ".join(hedge_m.group("hedge").lower().split()) if hedge_m else None
    # the word before the hedge (or the figure)
    lead = before[: hedge_m.start()] if hedge_m else before
    prev_m = pat.word_before.search(lead)
    prev = prev_m.group("word") if prev_m else None
    if prev is not None and prev.rstrip(".").lower() in lex.months and m.group("digits"):
        return None  # "Feb. 24", "Sept. 21"
    if prev is not None and prev[-1] in ".!?" and len(prev) > 3:
        prev = None  # "… invade. Untold thousands"
    prev_low = prev.lower() if prev else None
    at_sentence_start = prev is None

    if m.group("digits") is not None:
        return _read_digits(text, m, hedge, hedge_m, prev, prev_low, lex, pat)
    if prev_low is not None and prev_low in lex.definite_determiners and hedge is None:
        return None
    written = m.group()
    if written[0].isupper() and not (at_sentence_start or hedge):
        return None  # "the Big Three", "Group of Seven"
    span_start = start - len(before) + hedge_m.start() if hedge_m else start
    approx = lex.hedges.get(hedge, False) if hedge else False

    if m.group("frac") is not None:
        frac = lex.fractions[" ".join(m.group("frac").lower().split())]
        scale_m = pat.frac_scale.match(text, end)
        if scale_m:  # "half a million"
            value = frac / 100 * lex.scales[scale_m.group("scale").lower()]
            num_end = scale_m.end()
            unit = _unit_noun(text, num_end, False, lex, pat)
            span_end = unit[1] if unit else num_end
            return Quantity(
                Span.of(text, span_start, span_end),
                Span.of(text, start, num_end),
                value,
                unit[0] if unit else None,
                None,
                hedge,
                approx,
                "words",
            )
        if not (pat.half_follow.match(text, end) or pat.of_det.match(text, end)):
            return None
        return _fraction(text, start, end, span_start, frac, hedge, approx, lex, pat)

    if m.group("vague") is not None:
        value = lex.vague_magnitudes[" ".join(m.group("vmag").lower().split())]
        qualifier = hedge or " ".join(m.group("vague").lower().split())
        of_m = pat.of_det.match(text, end)
        unit = _unit_noun(text, of_m.end() if of_m else end, False, lex, pat)
        cur = _currency_after(text, end, pat)
        if cur:
            return Quantity(
                Span.of(text, span_start, cur[1]),
                Span.of(text, start, cur[1]),
                value,
                cur[0],
                cur[0],
                qualifier,
                True,
                "vague",
            )
        span_end = unit[1] if unit and of_m else end
        return Quantity(
            Span.of(text, span_start, span_end),
            Span.of(text, start, end),
            value,
            unit[0] if unit and of_m else None,
            None,
            qualifier,
            True,
            "vague",
        )

    if m.group("implicit") is not None:
        iunit = lex.implicit_units[m.group("iunit").lower()]
        follow = text[end : end + 6].lower()
        if follow.lstrip().startswith("ago") or (prev_low in {"once", "twice", "per", "times"}):
            return None
        return Quantity(
            Span.of(text, span_start, end),
            Span.of(text, start, end),
            iunit[0],
            iunit[1],
            None,
            hedge,
            approx,
            "implicit",
        )

    # number words
    phrase = m.group("word")
    value = _value_of_words(phrase, lex)
    w_after = pat.after_number.match(text, end)
    if text[end : end + 1] == "-" and not (w_after and w_after.group("unit")):
        return None  # "twenty-first", "one-sided" (but "three-day" is a duration)
    money = _currency_after(text, end, pat)
    if money:
        return Quantity(
            Span.of(text, span_start, money[1]),
            Span.of(text, start, money[1]),
            value * money[2],
            money[0],
            money[0],
            hedge,
            approx,
            "words",
        )
    if w_after and w_after.group("unit"):
        raw = " ".join(w_after.group("unit").lower().split())
        return Quantity(
            Span.of(text, span_start, w_after.end()),
            Span.of(text, start, end),
            value * lex.unit_factors.get(raw, 1.0),
            pat.unit_lookup[raw],
            None,
            hedge,
            approx,
            "words",
        )
    single = value == 1
    if single and phrase.lower() == "one":
        of_m = _ONE_OF.match(text, end)
        marked = hedge is not None or (prev_low in lex.one_markers)
        if of_m:  # "one of those US missiles", not "one of the most …"
            nxt = pat.token.match(text, of_m.end())
            nxt_low = nxt.group().lower() if nxt else ""
            if nxt_low in lex.superlative_markers or nxt_low.endswith("est"):
                return None
            unit = _unit_noun(text, of_m.end(), False, lex, pat)
            if unit is None:
                return None
            return Quantity(
                Span.of(text, span_start, unit[1]),
                Span.of(text, start, end),
                1.0,
                unit[0],
                None,
                hedge,
                approx,
                "words",
            )
        if not marked or prev_low in {"no", "any", "every", "each", "the", "this", "that"}:
            return None
    unit = _unit_noun(text, end, single, lex, pat)
    if unit is None:
        return None
    return Quantity(
        Span.of(text, span_start, unit[1]),
        Span.of(text, start, end),
        value,
        unit[0],
        None,
        hedge,
        approx,
        "words",
    )


def _fraction(
    text: str,
    start: int,
    end: int,
    span_start: int,
    frac: float,
    hedge: str | None,
    approx: bool,
    lex: UnitLexicon,
    pat: _Patterns,
) -> Quantity:
    of_m = pat.of_det.match(text, end)
    pos = of_m.end() if of_m else end
    if not of_m:
        det = pat.token.match(text, end + 1)  # "half the country"
        pos = det.end() if det else end
    noun = _unit_noun(text, pos, False, lex, pat)
    span_end = noun[1] if noun else end
    return Quantity(
        Span.of(text, span_start, span_end),
        Span.of(text, start, end),
        frac,
        "percent",
        None,
        hedge,
        approx,
        "fraction",
    )


def _currency_after(text: str, end: int, pat: _Patterns) -> tuple[str, int, float] | None:
    """(code, end, scale) of a currency word or code right after a number."""
    after = pat.after_number.match(text, end)
    if after is None:
        return None
    code = after.group("ccode")
    if after.group("cword"):
        code = unit_lexicon().currency_words[" ".join(after.group("cword").lower().split())]
    if code is None:
        return None
    scale = after.group("scale") or after.group("abbr")
    factor = unit_lexicon().scales[scale.lower()] if scale else 1.0
    return code, after.end(), factor


def _read_digits(
    text: str,
    m: re.Match[str],
    hedge: str | None,
    hedge_m: re.Match[str] | None,
    prev: str | None,
    prev_low: str | None,
    lex: UnitLexicon,
    pat: _Patterns,
) -> Quantity | None:
    start = m.start()
    d_start, d_end = m.span("digits")
    digits = m.group("digits")
    left = text[d_start - 1] if d_start > 0 else ""
    left2 = text[d_start - 2] if d_start > 1 else ""
    right = text[d_end : d_end + 12]
    currency: str | None = None
    if m.group("sym"):
        currency = lex.currency_symbols[m.group("sym")]
    elif m.group("code"):
        currency = m.group("code")
    if currency is None:
        if left.isalpha() or left in {"§", "#", "+", "/", "№"}:
            return None  # "M777", "G7", "§5", "#3", "+44", "9/11"
        if left in "-–" and (left2.isalnum() or left2 in "-–"):
            return None  # "F-16", "S-300", "COVID-19", "1939-40"
        if left == "." and left2.isdigit():
            return None  # "1.2.3"
        if left in ": " and left2.isdigit():
            return None  # "10:30", "+44 20 7946"
    if _RANGE_AFTER.match(right) or _CLOCK_AFTER.match(right):
        return None
    if right[:1] == "." and right[1:2].isdigit():
        return None  # "1.2.3"
    glued = _GLUED_WORD.match(right)
    after = pat.after_number.match(text, d_end)
    if glued and glued.group().lower() in lex.designation_suffixes:
        return None  # "24th", "1990s", "155mm"
    if glued and not (
        after
        and after.end() > d_end
        and (
            after.group("scale")
            or after.group("abbr")
            or after.group("unit")
            or after.group("cword")
            or after.group("ccode")
        )
    ):
        return None  # "2A6", "5G"
    if right[:1] in "-–" and right[1:2].isalpha() and not (after and after.group("unit")):
        return None  # "6-foot-9", "2-inch"
    if _AGE.match(right) and _AGE_BEFORE.search(text, max(0, start - 40), start):
        return None  # "Natalia Katysheva, 47, a chemist"
    if _PHONE_AFTER.match(right) and len(digits) >= 3 and "," not in digits:
        return None
    before_digits = text[max(0, start - 20) : start]
    if _LINE_START.search(before_digits) and _LIST_MARKER_AFTER.match(right):
        return None  # list marker "1. "
    if left == "(" and right[:1] == ")":
        return None  # "(1)"
    nxt = pat.token.match(text, d_end + 1) if right[:1] == " " else None
    nxt_low = nxt.group().lower().rstrip(".,") if nxt else ""
    if currency is None and (nxt_low in lex.months or pat.clock_after.match(text, d_end)):
        return None  # "24 February", "5 pm"
    if currency is None and hedge is None and prev is not None:
        if prev_low in lex.months or prev_low in lex.reference_words:
            return None  # "February 24", "section 5"
        if prev[0].isupper() and prev_low not in lex.phrase_breaks and prev_low not in lex.hedges:
            return None  # "Leopard 2", "Article 5"
    value = float(digits.replace(",", ""))
    scale_f = 1.0
    unit: str | None = None
    num_end = d_end
    span_end = d_end
    if after is not None and after.end() > d_end:
        scale = after.group("scale") or after.group("abbr")
        if scale:
            abbr = after.group("abbr")
            if (
                abbr
                and abbr.lower() in {"k", "m", "b"}
                and currency is None
                and not after.group("cword")
            ):
                pass  # "5m" without money: too ambiguous to scale
            else:
                scale_f = lex.scales[scale.lower()]
                num_end = after.end("scale") if after.group("scale") else after.end("abbr")
        if after.group("cword") or after.group("ccode"):
            if currency is None:
                currency = (
                    lex.currency_words[" ".join(after.group("cword").lower().split())]
                    if after.group("cword")
                    else after.group("ccode")
                )
            num_end = after.end()
        elif after.group("pct"):
            unit = "percent"
            num_end = after.end()
        elif after.group("unit") and (scale_f == 1.0 or num_end > d_end):
            raw = " ".join(after.group("unit").lower().split())
            unit = pat.unit_lookup[raw]
            scale_f *= lex.unit_factors.get(raw, 1.0)
            span_end = after.end()
    span_end = max(span_end, num_end)
    if currency is None and unit is None and _YEAR.match(digits) and hedge is None:
        return None  # a year
    if currency is not None:
        unit = currency
    elif unit is None:
        noun = _unit_noun(text, num_end, value == 1 and scale_f == 1, lex, pat)
        if noun is not None:
            unit, span_end = noun
    span_start = (
        start - len(text[max(0, start - _CONTEXT) : start]) + hedge_m.start() if hedge_m else start
    )
    approx = lex.hedges.get(hedge, False) if hedge else False
    return Quantity(
        Span.of(text, span_start, span_end),
        Span.of(text, start, num_end),
        value * scale_f,
        unit,
        currency,
        hedge,
        approx,
        "digits",
    )
