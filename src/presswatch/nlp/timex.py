"""Temporal expressions: find them in text and normalise them to TIMEX3 values.

Values are resolved against the document's publication date (the anchor) and follow
the TimeML (TimeBank) conventions: a bare weekday or month takes the direction of the
sentence it sits in ("said Tuesday" is the Tuesday before, "will meet Tuesday" the one
after, "in April" in a past-tense clause the April before); parts of days carry ``TMO``
``TAF`` ``TEV`` ``TNI`` ("Friday morning" -> ``1998-08-07TMO``); "April 24th" takes the
year that puts it nearest the anchor when the tense says nothing; "last month", "two
years ago", "this week", "the third quarter", "the year-ago quarter", "spring 2022",
"June last year", years in words ("nineteen ninety-six"), durations ("more than 1,000
days" -> ``P1000D``, "2 1/2 years" -> ``P2Y6M``) and vague references ("now" ->
``PRESENT_REF``, "recently" -> ``PAST_REF``, "soon" -> ``FUTURE_REF``, "in recent
years" -> ``PXY``).

Pure: text and an anchor date in, :class:`~presswatch.models.Timex` records out. Without
an anchor, expressions that need one get no calendar value (an ``X`` placeholder).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator

from presswatch.models import Span, Timex

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
SMALL_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
VAGUE_NUMBERS = {"several", "few", "many", "some", "a few", "a number of"}
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
    "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
UNITS = {
    "year": "Y", "month": "M", "week": "W", "day": "D", "decade": "DE", "century": "CE",
    "quarter": "Q", "hour": "H", "minute": "M", "second": "S",
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
ORDINAL_Q = {"first": 1, "second": 2, "third": 3, "fourth": 4}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}  # fmt: skip

MONTH_RX = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_UNIT_W = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEEN_W = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS_W = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
CARD_RX = rf"(?:{_TENS_W}(?:[-\s]{_UNIT_W})?|{_TEEN_W}|{_UNIT_W})"
_ORD_UNIT = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
ORD_DAY_RX = (
    rf"(?:(?:twenty|thirty)[-\s]{_ORD_UNIT}|twentieth|thirtieth|tenth|eleventh|twelfth|"
    rf"(?:thir|four|fif|six|seven|eigh|nine)teenth|{_ORD_UNIT})"
)
DAY_RX = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
ANY_DAY_RX = rf"(?:{DAY_RX}|{ORD_DAY_RX})"
YEAR_RX = r"(?:1[89]\d\d|20\d\d)"
# "nineteen ninety-six", "nineteen oh five", "the year two thousand (and one)"
YEAR_WORDS_RX = (
    rf"(?:(?:eighteen|nineteen)[-\s](?:{_TENS_W}(?:[-\s]{_UNIT_W})?|{_TEEN_W}|"
    rf"(?:oh|o)[-\s]{_UNIT_W}|hundred)|two\s+thousand(?:\s+and\s+{CARD_RX})?)"
)
ANY_YEAR_RX = rf"(?:{YEAR_RX}|(?:eighteen|nineteen)[-\s](?:{_TENS_W}(?:[-\s]{_UNIT_W})?|{_TEEN_W}))"
WEEKDAY_RX = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUM_RX = (
    rf"(?:\d+(?:,\d{{3}})*|{CARD_RX}(?:\s+(?:hundred|thousand))?|a\s+couple\s+of|couple\s+of|"
    r"a\s+few|a\s+number\s+of|a|an|hundred|several|few|many|some)"
)
UNIT_RX = r"(?:year|month|week|day|decade|century|centurie|quarter|hour|minute)s?"
TZ_RX = r"(?:[ECMP][SD]T|GMT|UTC|local\s+time)"

# words that mark the tense of the clause around a weekday or a month
_FUTURE_CUES = re.compile(
    r"\b(?:(?P<was>was|were|had\s+been|had)\s+)?(?:will|shall|won't|'ll|going\s+to|"
    r"(?:plans?|planned|planning|scheduled|slated|set|due|expected|likely|ready|hopes?|"
    r"intends?|wants?|is|are|am)\s+to|scheduled|slated|as\s+(?:early|soon)\s+as|until|"
    r"upcoming|postponed)(?![\w'])",
    re.IGNORECASE,
)
# after the expression only the unambiguous ones count ("On Tuesday, the league will")
_STRONG_FUTURE = re.compile(
    r"\b(?:will|shall|won't|'ll|going\s+to|(?:is|are|am)\s+to)(?![\w'])", re.IGNORECASE
)
# lower case only: "United", "Red" in names are not verbs; a participle after a form of
# "be" is passive ("will not be repatriated"), not a past tense
_PAST_CUES = re.compile(
    r"(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)"
    r"\b(?:said|told|was|were|had|did|ago|met|went|came|gave|took|made|left|began|held|"
    r"sent|saw|found|fled|fell|rose|won|lost|got|kept|struck|spoke|wrote|brought|bought|"
    r"sold|paid|became|ran|led|shot|hit|knew|thought|felt|stood|sat|built|drove|flew|"
    r"grew|threw|broke|chose|fought|caught|taught|sought|heard|quit|sank|stole|"
    r"(?!(?:scheduled|slated|planned|expected|proposed|intended|supposed|needed)\b)"
    r"[a-z]{2,}ed)\b"
)
_CLAUSE_END = re.compile(r"[.!?;:\n]|``|''|\"")


def _num(word: str) -> int | str:
    w = " ".join(word.lower().replace(",", "").replace("-", " ").split())
    if w.isdigit():
        return int(w)
    if w in ("a", "an", "one"):
        return 1
    if w in ("a couple of", "couple of"):
        return 2
    if w in VAGUE_NUMBERS or w in ("a few", "a number of"):
        return "X"
    total, current = 0, 0
    for part in w.split():
        if part in SMALL_NUMBERS:
            current += SMALL_NUMBERS[part]
        elif part == "hundred":
            current = (current or 1) * 100
        elif part == "thousand":
            total += (current or 1) * 1000
            current = 0
        else:
            return "X"
    return total + current or "X"


def _year_words(text: str) -> int | None:
    """``1996`` from "nineteen ninety-six", ``2000`` from "two thousand"."""
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = _num(" ".join(w for w in words[2:] if w != "and")) if words[2:] else 0
        return 2000 + rest if isinstance(rest, int) else None
    if len(words) < 2 or words[0] not in ("eighteen", "nineteen"):
        return None
    century = SMALL_NUMBERS[words[0]] * 100
    tail = [w for w in words[1:] if w not in ("oh", "o")]
    if tail == ["hundred"]:
        return century
    rest = _num(" ".join(tail))
    return century + rest if isinstance(rest, int) and rest < 100 else None


def _year_value(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else _year_words(text)


def _day_number(text: str) -> int | None:
    digits = re.sub(r"\D", "", text)
    if digits:
        return int(digits)
    w = text.lower().replace("-", " ").split()
    if len(w) == 2 and w[0] in ("twenty", "thirty") and w[1] in ORDINAL_WORDS:
        return SMALL_NUMBERS[w[0]] + ORDINAL_WORDS[w[1]]
    return ORDINAL_WORDS.get(" ".join(w))


def _unit(word: str) -> str:
    w = word.lower().rstrip("s")
    return UNITS["century" if w.startswith("centur") else w]


def _week(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _shift_month(day: dt.date, months: int) -> tuple[int, int]:
    m = day.year * 12 + day.month - 1 + months
    return m // 12, m % 12 + 1


def _tense(text: str, start: int, end: int) -> int:
    """The direction of the clause around ``text[start:end]``: -1 past, 1 future, 0
    unknown. The cue nearest before the expression decides ("said Tuesday" past, "will
    meet on Tuesday" future, "was to begin Tuesday" past); without one, the first cue
    after it in the same sentence ("On Tuesday, the league will ...")."""
    lo = max(0, start - 120)
    before = text[lo:start]
    cut = 0
    for m in _CLAUSE_END.finditer(before):
        cut = m.end()
    before = before[cut:]
    best: tuple[int, int] | None = None  # (end, direction)
    for m in _FUTURE_CUES.finditer(before):
        best = (m.end(), -1 if m.group("was") else 1)
    for m in _PAST_CUES.finditer(before):
        if best is None or m.end() > best[0]:
            best = (m.end(), -1)
    if best is not None:
        return best[1]
    if len(before.split()) > 3:
        return 0  # mid-clause without a cue: what follows belongs to another verb
    after = text[end : end + 80]
    stop = _CLAUSE_END.search(after)
    if stop:
        after = after[: stop.start()]
    fut = _STRONG_FUTURE.search(after)
    past = _PAST_CUES.search(after)
    if fut and (past is None or fut.start() < past.start()):
        return 1
    if past:
        return -1
    return 0


def _nearest_year(anchor: dt.date, month: int, day: int | None = None, tense: int = 0) -> int:
    """The year that puts month(/day) nearest the anchor, a future date counting double
    (news mostly reports what happened). A past or future tense picks the occurrence on
    that side of the anchor when it lies within ten months ("said it would leave on
    March 30" in February is the coming March 30, not last year's)."""
    candidates: list[tuple[int, int]] = []  # (days from the anchor, year)
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            date = dt.date(year, month, day or (anchor.day if month == anchor.month else 15))
        except ValueError:
            continue
        candidates.append(((date - anchor).days, year))
    if tense:
        side = [c for c in candidates if (c[0] <= 0 if tense < 0 else c[0] >= 0)]
        near = min(side, key=lambda c: abs(c[0]), default=None)
        if near is not None and abs(near[0]) <= 300:
            return near[1]
    best = min(candidates, key=lambda c: -c[0] if c[0] <= 0 else 2 * c[0], default=None)
    return best[1] if best else anchor.year


Result = tuple[str, str] | None
Normaliser = Callable[[re.Match[str], dt.date | None], Result]


_REACH = 80  # characters a match may extend before or after its trigger word
_TOKEN = re.compile(r"[A-Za-z]+|\d+[A-Za-z]*")


def _word_index(text: str) -> dict[str, list[int]]:
    """Where each word of ``text`` starts, by lower-case word; a number is indexed as
    ``#`` (``#4`` too when it has four digits) and as ``#`` + its letters ("1990s" ->
    ``#s``, "10am" -> ``#am``)."""
    index: dict[str, list[int]] = {}
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        if word[0].isdigit():
            digits = word.rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
            suffix = word[len(digits) :].lower()
            keys = ["#" + suffix] if suffix else (["#", "#4"] if len(digits) == 4 else ["#"])
        else:
            keys = [word.lower()]
        for key in keys:
            index.setdefault(key, []).append(m.start())
    return index


class _Rule:
    """A pattern and its normaliser; ``group`` names the part that is the timex (so
    "in 2014" matches on the preposition but the timex is "2014"). ``trigger`` holds
    words one of which every match contains: the pattern only runs in the text around
    them, which keeps the rule set fast on long documents."""

    def __init__(
        self,
        pattern: str,
        fn: Normaliser,
        group: str | None = None,
        case: bool = False,
        trigger: frozenset[str] | None = None,
    ) -> None:
        self.rx = re.compile(pattern, 0 if case else re.IGNORECASE)
        self.fn = fn
        self.group = group
        self.trigger = trigger

    def finditer(self, text: str, index: dict[str, list[int]]) -> Iterator[re.Match[str]]:
        if self.trigger is None:
            yield from self.rx.finditer(text)
            return
        starts = sorted(p for word in self.trigger for p in index.get(word, ()))
        lo = hi = -1
        for p in starts:
            if p - _REACH > hi:
                if hi > lo:
                    yield from self.rx.finditer(text, lo, hi)
                lo = max(0, p - _REACH)
            hi = p + 2 * _REACH  # the word itself and what may follow it
        if hi > lo:
            yield from self.rx.finditer(text, lo, hi)


def _month_key(text: str) -> int:
    w = text.lower().rstrip(".")
    return MONTHS.get(w) or MONTHS[w[:3]]


def _full_date(m: re.Match[str], a: dt.date | None) -> Result:
    month = _month_key(m.group("mon"))
    day = _day_number(m.group("day"))
    year = _year_value(m.group("year"))
    if day is None or year is None:
        return None
    try:
        return "DATE", dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_day(m: re.Match[str], a: dt.date | None) -> Result:
    month = _month_key(m.group("mon"))
    day = _day_number(m.group("day"))
    if day is None:
        return None
    if a is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    year = _nearest_year(a, month, day, _tense(m.string, m.start(), m.end()))
    try:
        return "DATE", dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _week_of(m: re.Match[str], a: dt.date | None) -> Result:
    """ "the week of March 6" -> the ISO week holding that day."""
    got = _month_day(m, a)
    if got is None or got[1].startswith("X"):
        return got
    return "DATE", _week(dt.date.fromisoformat(got[1]))


def _month_year(m: re.Match[str], a: dt.date | None) -> Result:
    year = _year_value(m.group("year"))
    if year is None:
        return None
    return "DATE", f"{year}-{_month_key(m.group('mon')):02d}"


def _month_rel_year(m: re.Match[str], a: dt.date | None) -> Result:
    """ "June last year", "January this year", "April next year"."""
    month = _month_key(m.group("mon"))
    if a is None:
        return "DATE", f"XXXX-{month:02d}"
    step = {"last": -1, "this": 0, "next": 1}[m.group("yrel").lower()]
    return "DATE", f"{a.year + step}-{month:02d}"


def _month_alone(m: re.Match[str], a: dt.date | None) -> Result:
    month = _month_key(m.group("mon"))
    rel = (m.group("rel") or "").lower().strip()
    if a is None:
        return "DATE", f"XXXX-{month:02d}"
    if rel == "last":
        year = a.year if month < a.month else a.year - 1
    elif rel == "next":
        year = a.year if month > a.month else a.year + 1
    elif rel == "this":
        year = a.year
    else:
        year = _nearest_year(a, month, None, _tense(m.string, m.start(), m.end()))
    return "DATE", f"{year}-{month:02d}"


_TIME_PREPS = re.compile(
    r"\b(?:in|since|by|until|till|from|through|during|before|after|of|between|and|to|"
    r"or|since|late|early|mid|last|next|this)[\s-]+$",
    re.IGNORECASE,
)


def _march_may_is_month(m: re.Match[str]) -> bool:
    """ "in March", "since May" are months; "the annual March for Life", "the March of the
    Mothers" are names (a verb "may"/"march" is lower case and never gets here)."""
    if m.group("rel") or _TIME_PREPS.search(m.string[max(0, m.start() - 10) : m.start()]):
        return True
    return re.match(r"\s+(?:for|of|on|to|against)\b", m.string[m.end() : m.end() + 10]) is None


def _each_month(m: re.Match[str], a: dt.date | None) -> Result:
    return "SET", f"XXXX-{_month_key(m.group('mon')):02d}"


def _weekday(m: re.Match[str], a: dt.date | None) -> Result:
    target = WEEKDAYS[m.group("wd").lower()]
    rel = " ".join((m.group("rel") or "").lower().split())
    tod = (m.group("tod") or "").lower()
    suffix = f"T{PARTS_OF_DAY[tod]}" if tod else ""
    kind = "TIME" if tod else "DATE"
    if m.group("pl") or m.group("pl2") or rel in ("each", "every"):
        return "SET", f"XXXX-WXX-{target + 1}{suffix}"
    if a is None:
        return kind, "XXXX-XX-XX" + suffix
    ahead = (target - a.weekday()) % 7
    behind = (a.weekday() - target) % 7
    if rel in ("next", "this coming", "coming"):
        day = a + dt.timedelta(days=ahead or 7)
    elif rel in ("last", "this past", "past"):
        day = a - dt.timedelta(days=behind or 7)
    elif rel == "this":
        day = a + dt.timedelta(days=target - a.weekday())
    elif _tense(m.string, m.start(), m.end()) > 0:
        day = a + dt.timedelta(days=ahead)
    else:
        day = a - dt.timedelta(days=behind)  # news reports what happened: the one before
    return kind, day.isoformat() + suffix


def _part_of_day(m: re.Match[str], a: dt.date | None) -> Result:
    """ "this evening", "yesterday morning", "tomorrow night", "mid-afternoon"."""
    day_word = (m.group("dw") or "").lower()
    tod = m.group("tod").lower()
    suffix = "T" + next(v for k, v in PARTS_OF_DAY.items() if tod.endswith(k))
    if a is None:
        return "TIME", "XXXX-XX-XX" + suffix
    shift = {"yesterday": -1, "last": -1, "tomorrow": 1}.get(day_word, 0)
    return "TIME", (a + dt.timedelta(days=shift)).isoformat() + suffix


def _year_alone(m: re.Match[str], a: dt.date | None) -> Result:
    year = _year_value(m.group("year"))
    return ("DATE", str(year)) if year is not None else None


def _year_span(m: re.Match[str], a: dt.date | None) -> Result:
    y1, y2 = m.group("y1"), m.group("y2")
    if len(y2) == 2:
        y2 = y1[:2] + y2
    if int(y2) <= int(y1):
        return None
    return "DATE", f"{y1}/{y2}"


def _decade(m: re.Match[str], a: dt.date | None) -> Result:
    if m.group("dec"):
        return "DATE", m.group("dec")[:3]
    if m.group("word") and not m.group(0).lower().startswith("the"):
        return None  # "in his sixties", "sixties music": only "the sixties"
    short = m.group("short")
    tens = int(short[0]) if short else DECADE_WORDS[m.group("word").lower()]
    century = a.year // 100 if a else 19
    if a is not None and tens > (a.year % 100) // 10:
        century -= 1  # "the nineties" (or "the '90s") in 2005 are the 1990s
    return "DATE", f"{century}{tens}"


def _century(m: re.Match[str], a: dt.date | None) -> Result:
    word = m.group("ord").lower()
    if word in ("this", "last", "next"):
        if a is None:
            return "DATE", "XX"
        step = {"this": 0, "last": -1, "next": 1}[word]
        return "DATE", f"{a.year // 100 + step:02d}"
    number = _day_number(word)
    if not number or number > 30:
        return None
    return "DATE", f"{number - 1:02d}"


def _season(m: re.Match[str], a: dt.date | None) -> Result:
    season = SEASONS[m.group("season").lower()]
    before = m.string[max(0, m.start() - 12) : m.start()]
    after = m.string[m.end() : m.end() + 3]
    year_text = m.group("year")
    after_prep = re.search(r"\b(?:in|during|by|until|since|through|over)\s+$", before, re.I)
    if not (year_text or m.group("rel")) and (
        not (m.groupdict().get("the") or after_prep) or re.match(r"\s[a-z]", after)
    ):
        return None  # "the winter war": part of a name, not a season
    if year_text:
        year_value = _year_value(year_text)
        if year_value is None:
            return None
        return "DATE", f"{year_value}-{season}"
    rel = " ".join((m.group("rel") or "").lower().split())
    if a is None:
        return "DATE", f"XXXX-{season}"
    year = a.year
    if rel in ("last", "this past", "past"):
        year -= 1
        if rel != "last" or season == "WI":
            # "this past spring" in autumn: the spring of this year
            start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
            year = a.year if start < a.month else a.year - 1
    elif rel == "next":
        year += 1
    return "DATE", f"{year}-{season}"


def _relative_unit(m: re.Match[str], a: dt.date | None) -> Result:
    rel = " ".join(m.group("rel").lower().split())
    unit = m.group("unit").lower()
    if a is None:
        return "DATE", "XXXX"
    if rel == "this past" and unit == "week":
        # the seven days up to the anchor: the calendar week that holds most of them
        # (said on a Friday, this one; on a Tuesday, the one before)
        return "DATE", _week(a if a.weekday() >= 3 else a - dt.timedelta(weeks=1))
    step = {
        "this past": -1,
        "last": -1,
        "past": -1,
        "previous": -1,
        "this": 0,
        "current": 0,
        "next": 1,
        "coming": 1,
    }[rel]
    if unit == "year":
        return "DATE", str(a.year + step)
    if unit == "month":
        y, mo = _shift_month(a, step)
        return "DATE", f"{y}-{mo:02d}"
    if unit == "week":
        return "DATE", _week(a + dt.timedelta(weeks=step))
    if unit == "quarter":
        q = (a.month - 1) // 3 + step
        y = a.year + (q // 4)
        return "DATE", f"{y}-Q{q % 4 + 1}"
    if unit == "weekend":
        return "DATE", _week(a + dt.timedelta(weeks=step)) + "-WE"
    if unit == "decade":
        if rel == "past":
            return "DURATION", "P10Y"
        return "DATE", str(a.year // 10 + step)
    return None


def _the_weekend(m: re.Match[str], a: dt.date | None) -> Result:
    """ "over the weekend": the one before the anchor (the one after in a future clause;
    the current one when the anchor falls on it)."""
    if a is None:
        return "DATE", "XXXX-WXX-WE"
    if a.weekday() >= 5:
        return "DATE", _week(a) + "-WE"
    ahead = m.group("prep") and m.group("prep").lower() == "ahead of"
    if ahead or _tense(m.string, m.start(), m.end()) > 0:
        return "DATE", _week(a) + "-WE"
    return "DATE", _week(a - dt.timedelta(weeks=1)) + "-WE"


def _ago(m: re.Match[str], a: dt.date | None) -> Result:
    n = _num(m.group("n"))
    unit = m.group("unit").lower().rstrip("s")
    if a is None or n == "X":
        return "DATE", "PAST_REF"
    assert isinstance(n, int)
    if unit == "year" and n == 1 and _about_quarters(m):
        return _year_earlier(m, a)
    if unit == "year":
        return "DATE", str(a.year - n)
    if unit == "month":
        y, mo = _shift_month(a, -n)
        return "DATE", f"{y}-{mo:02d}"
    if unit == "week":
        return "DATE", _week(a - dt.timedelta(weeks=n))
    if unit == "day":
        return "DATE", (a - dt.timedelta(days=n)).isoformat()
    if unit == "decade":
        return "DATE", str(a.year - 10 * n)
    return None


def _last_quarter(a: dt.date) -> tuple[int, int]:
    """The last quarter completed by the anchor date (year, quarter)."""
    q = (a.month - 1) // 3  # quarters completed this year
    return (a.year, q) if q else (a.year - 1, 4)


def _about_quarters(m: re.Match[str]) -> bool:
    """Financial reporting context: "quarter" in the words around the match."""
    context = m.string[max(0, m.start() - 250) : m.end() + 80]
    return re.search(r"quarter", context, re.IGNORECASE) is not None


def _year_earlier(m: re.Match[str], a: dt.date | None) -> Result:
    if a is None:
        return "DATE", "XXXX"
    if _about_quarters(m):  # "profit rose from a year earlier": the same quarter last year
        year, q = _last_quarter(a)
        return "DATE", f"{year - 1}-Q{q}"
    return "DATE", str(a.year - 1)


def _year_ago_period(m: re.Match[str], a: dt.date | None) -> Result:
    """ "the year-ago quarter", "the year-earlier third quarter", "the 1988 period",
    "last year's quarter", "next year's first quarter"."""
    ordinal = (m.group("ord") or "").lower()
    which = (m.group("which") or "").lower().replace("-", " ")
    year_text = m.group("year")
    if a is None and not (year_text and ordinal):
        return "DATE", f"{year_text or 'XXXX'}-Q{ORDINAL_Q.get(ordinal, 'X')}"
    last_year, last_q = _last_quarter(a) if a else (0, 0)
    if year_text:
        year = int(year_text)
    elif which.startswith("next"):
        year = (a.year if a else 0) + 1
    elif which.startswith("this") or which.startswith("current"):
        year = a.year if a else 0
    elif ordinal:
        year = (a.year if a else 0) - 1
    else:
        year = last_year - 1
    q = ORDINAL_Q[ordinal] if ordinal else last_q
    return "DATE", f"{year}-Q{q}"


def _year_earlier_quarter(m: re.Match[str], a: dt.date | None) -> Result:
    """ "the corresponding period last year", "the quarter a year ago"."""
    if a is None:
        return "DATE", "XXXX-QX"
    year, q = _last_quarter(a)
    return "DATE", f"{year - 1}-Q{q}"


def _latest_quarter(m: re.Match[str], a: dt.date | None) -> Result:
    if a is None:
        return "DATE", "XXXX-QX"
    year, q = _last_quarter(a)
    return "DATE", f"{year}-Q{q}"


def _half_year(m: re.Match[str], a: dt.date | None) -> Result:
    which = (m.group("which") or m.group("two")).lower()
    half = 1 if which == "first" else 2
    year_text = (m.group("year") or "").lower()
    if year_text and year_text[0].isdigit():
        return "DATE", f"{year_text}-H{half}"
    if a is None:
        return "DATE", f"XXXX-H{half}"
    step = {"last year": -1, "next year": 1}.get(" ".join(year_text.split()), 0)
    return "DATE", f"{a.year + step}-H{half}"


def _clock(m: re.Match[str], a: dt.date | None) -> Result:
    word = (m.group("noon") or "").lower()
    hour = (24 if word == "midnight" else 12) if word else int(m.group("h"))
    minute = int(m.group("min") or 0)
    ampm = (m.group("ampm") or "").lower()
    tod = (m.group("tod") or "").lower()
    if (ampm.startswith("p") or tod in ("afternoon", "evening", "night")) and hour < 12:
        hour += 12
    if (ampm.startswith("a") or tod == "morning") and hour == 12:
        hour = 0
    day = a
    if m.group("mon"):
        month, dnum = _month_key(m.group("mon")), _day_number(m.group("day")) or 1
        tense = _tense(m.string, m.start(), m.end())
        year = _nearest_year(a, month, dnum, tense) if a else None
        try:
            day = dt.date(year, month, dnum) if year else None
        except ValueError:
            return None
    elif a is not None and m.group("wd"):
        target = WEEKDAYS[m.group("wd").lower()]
        if _tense(m.string, m.start(), m.end()) > 0:
            day = a + dt.timedelta(days=(target - a.weekday()) % 7)
        else:
            day = a - dt.timedelta(days=(a.weekday() - target) % 7)
    date = day.isoformat() if day else "XXXX-XX-XX"
    return "TIME", f"{date}T{hour:02d}:{minute:02d}"


def _quarter(m: re.Match[str], a: dt.date | None) -> Result:
    q = ORDINAL_Q[m.group("ord").lower()]
    year = m.group("year")
    if year:
        return "DATE", f"{year}-Q{q}"
    if a is None:
        return "DATE", f"XXXX-Q{q}"
    # a quarter not yet over at the anchor belongs to last year
    y = a.year if q <= (a.month - 1) // 3 + 1 else a.year - 1
    return "DATE", f"{y}-Q{q}"


_HALF_OF = {"Y": "6M", "M": "15D", "D": "T12H", "H": "30M", "MIN": "30S"}


def _duration_value(n: int | str, unit_word: str, half: bool = False) -> str:
    unit = _unit(unit_word)
    clock = unit in ("H", "S") or unit_word.lower().startswith("minute")
    if unit == "DE":  # TimeBank writes decades and centuries as years
        unit, n = "Y", n * 10 if isinstance(n, int) else "X"
    elif unit == "CE":
        unit, n = "Y", n * 100 if isinstance(n, int) else "X"
    prefix = "PT" if clock else "P"
    if half and isinstance(n, int):
        key = "MIN" if unit_word.lower().startswith("minute") else unit
        extra = _HALF_OF.get(key)
        if extra is None:
            return f"{prefix}{n}.5{unit}"
        if key == "D":
            return f"P{n}D{extra}"
        return f"{prefix}{n}{unit}{extra}"
    return f"{prefix}{n}{unit}"


_RATE_BEFORE = re.compile(
    r"(?:\d[\d,.]*%?|million|billion|thousand|hundred|cents?|dollars?|pence|percent|"
    r"[a-z]{3,}s)\s+$",
    re.IGNORECASE,
)
_NOT_RATE_WORD = re.compile(
    r"(?:\b(?:is|was|has|this|its|his|hers|does|as|less|across|always|perhaps|plus|"
    r"minus|us|thus|unless|whereas|yes|various|towards|afterwards|besides)\s+$)",
    re.IGNORECASE,
)


def _duration(m: re.Match[str], a: dt.date | None) -> Result:
    raw = m.group("n")
    n = _num(raw) if raw else "X"
    unit_word = m.group("unit")
    unit = _unit(unit_word)
    after = m.string[m.end() : m.end() + 5]
    if re.match(r"[-\s]old\b", after, re.IGNORECASE):
        return None  # an age: "52 years old"
    if unit == "Q" and n in (1, 2, 3) and re.match(r"\s+of\b", after):
        return None  # a fraction: "three-quarters of its food"
    if isinstance(n, int) and 1000 <= n <= 2100 and "," not in raw and unit in "YMQ":
        return None  # "the 1988 quarter": a year, not a count
    if raw and raw.lower() in ("a", "an"):
        before = m.string[max(0, m.start() - 40) : m.start()]
        if _RATE_BEFORE.search(before) and not _NOT_RATE_WORD.search(before):
            return None  # "$1.76 a year", "24 hours a day": a rate, not a duration
    half = bool(m.groupdict().get("half"))
    return "DURATION", _duration_value(n, unit_word, half)


def _half_unit(m: re.Match[str], a: dt.date | None) -> Result:
    """ "half an hour", "a half-hour", "half a day"."""
    unit = _unit(m.group("unit"))
    table = {"Y": "P6M", "M": "P15D", "W": "P3DT12H", "D": "PT12H", "H": "PT30M"}
    if m.group("unit").lower().startswith("minute"):
        return "DURATION", "PT30S"
    if unit == "DE":
        return "DURATION", "P5Y"
    if unit == "CE":
        return "DURATION", "P50Y"
    value = table.get(unit)
    return ("DURATION", value) if value else None


def _vague_units(m: re.Match[str], a: dt.date | None) -> Result:
    """ "in recent years" -> PXY, "in the coming weeks" -> PXW."""
    word = m.group("unit") or m.group("pl")
    unit = _unit(word)
    if unit == "DE":
        unit = "Y"
    clock = unit in ("H",) or word.lower().startswith("minute")
    return "DURATION", f"{'PT' if clock else 'P'}X{unit}"


def _day_word(m: re.Match[str], a: dt.date | None) -> Result:
    word = " ".join(m.group(0).lower().split())
    if a is None:
        return "DATE", "XXXX-XX-XX"
    if word == "today":
        return "DATE", a.isoformat()
    if word == "yesterday":
        return "DATE", (a - dt.timedelta(days=1)).isoformat()
    if word == "tomorrow":
        return "DATE", (a + dt.timedelta(days=1)).isoformat()
    if word == "tonight":
        return "TIME", a.isoformat() + "TNI"
    if word == "last night":
        return "TIME", (a - dt.timedelta(days=1)).isoformat() + "TNI"
    return "DATE", a.isoformat()


def _ref(value: str, kind: str = "DATE") -> Normaliser:
    def fn(m: re.Match[str], a: dt.date | None) -> Result:
        return kind, value

    return fn


def _soon(m: re.Match[str], a: dt.date | None) -> Result:
    """ "soon" relative to the anchor; not "soon after", "as soon as", nor a past
    narrative ("was soon released", "that soon became a flood")."""
    before = m.string[max(0, m.start() - 12) : m.start()].split()
    after = m.string[m.end() : m.end() + 16].split()
    if before and re.fullmatch(r"was|were|had|did", before[-1], re.IGNORECASE):
        return None
    if after and _PAST_CUES.fullmatch(after[0]):
        return None
    return "DATE", "FUTURE_REF"


def _this_year(m: re.Match[str], a: dt.date | None) -> Result:
    return "DATE", str(a.year) if a else "XXXX"


def _year_ended(m: re.Match[str], a: dt.date | None) -> Result:
    return "DURATION", "P1Y"


def _words_year(m: re.Match[str], a: dt.date | None) -> Result:
    year = _year_words(m.group("year"))
    return ("DATE", str(year)) if year else None


def _nth(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas day": lambda y: dt.date(y, 12, 25),
    "christmas": lambda y: dt.date(y, 12, 25),
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "new year's day": lambda y: dt.date(y, 1, 1),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "independence day": lambda y: dt.date(y, 7, 4),
    "thanksgiving day": lambda y: _nth(y, 11, 3, 4),
    "thanksgiving": lambda y: _nth(y, 11, 3, 4),
    "election day": lambda y: _nth(y, 11, 0, 1) + dt.timedelta(days=1),
    "memorial day": lambda y: _nth(y, 6, 0, 1) - dt.timedelta(days=7),
    "labor day": lambda y: _nth(y, 9, 0, 1),
    "easter sunday": _easter,
    "easter": _easter,
    "good friday": lambda y: _easter(y) - dt.timedelta(days=2),
}


def _holiday(m: re.Match[str], a: dt.date | None) -> Result:
    name = " ".join(m.group("name").lower().replace("’", "'").split())
    rel = (m.group("rel") or "").lower()
    week = bool(m.group("week"))
    when = HOLIDAYS[name]
    if a is None:
        return "DATE", "XXXX-WXX" if week else "XXXX-XX-XX"
    if m.group("year"):
        day = when(int(m.group("year")))
    else:
        tense = {"last": -1, "next": 1, "this": 0}.get(rel)
        if tense is None:
            tense = _tense(m.string, m.start(), m.end())
        this = when(a.year)
        near = abs((this - a).days) <= 7
        if near and week:
            day = this  # "as Easter week began": the one at hand
        elif tense < 0:
            day = this if this <= a else when(a.year - 1)
        elif tense > 0:
            day = this if this >= a else when(a.year + 1)
        elif near:
            day = this
        else:
            past = this if this <= a else when(a.year - 1)
            future = this if this >= a else when(a.year + 1)
            day = past if (a - past).days <= 2 * (future - a).days else future
    return "DATE", _week(day) if week else day.isoformat()


B = r"(?<![\w-])"


def _w(words: str) -> frozenset[str]:
    return frozenset(words.split())


_MONTH_W = _w(
    "jan january feb february mar march apr april may jun june jul july aug august sep "
    "sept september oct october nov november dec december"
)
_WEEKDAY_W = frozenset(w + s for w in WEEKDAYS for s in ("", "s"))
_UNIT_WORDS = _w(
    "year years month months week weeks day days decade decades century centuries quarter "
    "quarters hour hours minute minutes"
)
E = r"(?![\w-])"
PREFIX_RX = (
    r"(?:(?:more|less|fewer)\s+than\s+|no\s+more\s+than\s+|at\s+least\s+|up\s+to\s+|"
    r"about\s+|nearly\s+|almost\s+|over\s+|some\s+|roughly\s+|"
    r"the\s+(?:past|last|next|first|coming|final)\s+)?"
)
FILLER_RX = r"(?:(?:more|additional|full|straight|consecutive|trading|business|working)\s+)?"
HOLIDAY_RX = (
    r"(?:Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s\s+(?:Day|Eve)|Independence\s+Day|"
    r"Thanksgiving(?:\s+Day)?|Election\s+Day|Memorial\s+Day|Labor\s+Day|"
    r"Easter(?:\s+Sunday)?|Good\s+Friday)"
)
RULES: list[_Rule] = [
    # calendar dates
    _Rule(
        rf"{B}(?:{WEEKDAY_RX},?\s+)?(?P<mon>{MONTH_RX})\s+(?P<day>{ANY_DAY_RX}),?\s+"
        rf"(?P<year>{ANY_YEAR_RX}){E}",
        _full_date,
        trigger=_MONTH_W,
    ),
    _Rule(
        rf"{B}(?:{WEEKDAY_RX},?\s+)?(?P<day>{DAY_RX})\s+(?P<mon>{MONTH_RX}),?\s+"
        rf"(?P<year>{YEAR_RX}){E}",
        _full_date,
        trigger=_MONTH_W,
    ),
    _Rule(
        rf"{B}{YEAR_RX}-(?:0[1-9]|1[0-2])-[0-3]\d{E}",
        lambda m, a: ("DATE", m.group(0)),
        trigger=_w("#4"),
    ),
    _Rule(
        rf"{B}(?P<mon>{MONTH_RX})(?:\s+of)?\s+(?P<year>{YEAR_RX}|{YEAR_WORDS_RX}){E}",
        _month_year,
        trigger=_MONTH_W,
    ),
    _Rule(
        rf"{B}(?P<mon>{MONTH_RX})\s+(?P<yrel>last|this|next)\s+year{E}(?!'s)",
        _month_rel_year,
        trigger=_MONTH_W,
    ),
    _Rule(
        rf"{B}(?:(?:this\s+coming\s+|next\s+|last\s+)?{WEEKDAY_RX},?\s+)?(?P<mon>{MONTH_RX})\s+"
        rf"(?P<day>{ANY_DAY_RX}){E}(?!\s*(?:%|(?:percent|cents?|points?)\b))",
        _month_day,
        trigger=_MONTH_W,
    ),
    _Rule(
        rf"{B}(?:{WEEKDAY_RX},?\s+)?(?:the\s+)?(?P<day>{DAY_RX})\s+(?:of\s+)?(?P<mon>{MONTH_RX}){E}",
        _month_day,
        trigger=_MONTH_W,
    ),
    _Rule(
        rf"{B}the\s+week\s+of\s+(?P<mon>{MONTH_RX})\s+(?P<day>{DAY_RX}){E}",
        lambda m, a: _week_of(m, a),
        trigger=_MONTH_W,
    ),
    # anaphoric: resolved against the last date before them ("in June 1998 ... later that
    # year" -> 1998, "On May 22, 1995, ... the following year" -> 1996)
    _Rule(
        rf"{B}(?:(?:earlier|later)\s+(?:that|the\s+same)|that(?:\s+same)?)\s+(?P<unit>year|month|"
        rf"day){E}",
        lambda m, a: ("DATE", f"@{m.group('unit').lower()}:0"),
        trigger=_w("year month day"),
    ),
    _Rule(
        rf"{B}the\s+(?:following|next)\s+(?P<unit>day|morning)|the\s+following\s+(?P<unit2>year|"
        rf"month|week){E}",
        lambda m, a: ("DATE", f"@{(m.group('unit') or m.group('unit2')).lower()}:1"),
        trigger=_w("following next"),
    ),
    _Rule(
        rf"{B}the\s+previous\s+(?P<unit>day|year|month){E}|{B}the\s+(?P<unit2>day|year)\s+before"
        r"(?=\s*[,.;:)]|\s+(?:and|but|when|that)\b)",
        lambda m, a: ("DATE", f"@{(m.group('unit') or m.group('unit2')).lower()}:-1"),
        trigger=_w("previous before"),
    ),
    # months on their own ("in April", "last November", "late November"); March and May
    # only where they cannot be a verb or part of a name
    _Rule(
        rf"{B}(?:(?P<rel>last|next|this|early|late|mid)(?:-|\s+))?"
        r"(?P<mon>January|February|April|June|July|August|September|October|November|"
        rf"December){E}",
        _month_alone,
        case=True,
        trigger=_MONTH_W,
    ),
    _Rule(
        rf"(?<![\w`'\"-])(?:(?P<rel>last|next|this|early|late|mid)(?:-|\s+))?(?P<mon>March|May)"
        rf"{E}(?!\s+(?:be|have|not|also|well|\d))",
        lambda m, a: _month_alone(m, a) if _march_may_is_month(m) else None,
        case=True,
        trigger=_w("march may"),
    ),
    _Rule(
        rf"{B}(?:each|every)\s+(?P<mon>{MONTH_RX}){E}",
        _each_month,
        trigger=_MONTH_W,
    ),
    # weekdays, parts of days, holidays, seasons, quarters
    _Rule(
        rf"{B}(?:(?P<rel>last|next|this\s+past|this\s+coming|this|past|coming|each|every)\s+)?"
        rf"(?P<wd>{WEEKDAY_RX})(?P<pl>s)?(?:\s+(?P<tod>morning|afternoon|evening|night)(?P<pl2>s)?)?{E}",
        _weekday,
        trigger=_WEEKDAY_W,
    ),
    _Rule(
        rf"{B}(?:(?P<dw>this|yesterday|tomorrow|last)\s+)?(?P<tod>morning|afternoon|evening|"
        rf"night){E}",
        lambda m, a: _part_of_day(m, a) if m.group("dw") else None,
        trigger=_w("morning afternoon evening night"),
    ),
    _Rule(
        rf"{B}(?P<tod>mid[-\s]?afternoon|mid[-\s]?morning)(?:\s+(?P<dw>yesterday|today|"
        rf"tomorrow))?{E}",
        _part_of_day,
        trigger=_w("afternoon morning"),
    ),
    _Rule(
        rf"{B}(?:(?P<rel>last|next|this)\s+)?(?P<name>{HOLIDAY_RX})(?P<week>\s+week)?"
        rf"(?:,?\s+(?P<year>{YEAR_RX}))?{E}",
        _holiday,
        case=True,
        trigger=_w(
            "christmas year independence thanksgiving election memorial labor easter friday"
        ),
    ),
    _Rule(
        rf"{B}(?:(?P<rel>last|next|this\s+past|this|past)\s+|(?P<the>the)\s+(?:early\s+|late\s+)?)?"
        rf"(?P<season>spring|summer|autumn|winter)"
        rf"(?:\s+(?:of\s+)?(?P<year>{YEAR_RX}|{YEAR_WORDS_RX}))?{E}",
        _season,
        trigger=_w("spring summer autumn winter"),
    ),
    _Rule(
        rf"{B}(?P<rel>last|next|this\s+past|this)\s+(?P<season>fall)"
        rf"(?:\s+(?:of\s+)?(?P<year>{YEAR_RX}))?{E}",
        _season,
        trigger=_w("fall"),
    ),
    _Rule(
        rf"{B}(?:the\s+)?(?:fiscal[-\s]+)?(?P<ord>first|second|third|fourth)[-\s]+(?:fiscal\s+)?"
        rf"quarter(?:\s+of\s+(?:fiscal\s+)?(?P<year>{YEAR_RX}))?{E}",
        _quarter,
        trigger=_w("quarter"),
    ),
    _Rule(
        rf"{B}(?:the\s+)?(?:comparable\s+|corresponding\s+)?(?:(?P<which>year[-\s]ago|"
        rf"year[-\s]earlier|prior[-\s]year|year[-\s]before|(?:last|this|next|current)\s+"
        rf"year's)|(?P<year>{YEAR_RX}))\s+(?:(?P<ord>first|second|third|fourth)[-\s]+)?"
        rf"(?:fiscal\s+)?(?:quarter|period){E}",
        _year_ago_period,
        trigger=_w("quarter period"),
    ),
    _Rule(
        rf"{B}the\s+(?:corresponding\s+|comparable\s+|same\s+)?(?:quarter|period)\s+"
        rf"(?:a\s+year\s+(?:ago|earlier)|last\s+year){E}",
        _year_earlier_quarter,
        trigger=_w("quarter period"),
    ),
    _Rule(
        rf"{B}the\s+(?:(?P<which>first|second|last)\s+half|(?P<two>first)\s+two\s+quarters)"
        rf"(?:\s+of\s+"
        rf"(?P<year>{YEAR_RX}|(?:this|next|last)\s+year))?{E}(?!\s+of\b)",
        _half_year,
        trigger=_w("half quarters"),
    ),
    # relative expressions
    _Rule(rf"{B}(?P<n>{NUM_RX})\s+(?P<unit>{UNIT_RX})\s+ago{E}", _ago, trigger=_w("ago")),
    _Rule(
        rf"{B}a\s+year\s+(?:earlier|ago|before){E}|{B}year[-\s](?:earlier|ago){E}",
        _year_earlier,
        trigger=_w("earlier ago before"),
    ),
    _Rule(
        rf"{B}the\s+(?:latest|most recent|recent|just-ended)?\s*(?:quarter|period){E}",
        _latest_quarter,
        trigger=_w("quarter period"),
    ),
    _Rule(
        r"(?<![\w.])(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|"
        rf"a\.m|p\.m|am|pm)|(?P<noon>noon|midday|midnight)){E}(?:\s+{TZ_RX})?"
        rf"(?:,?\s+(?:on\s+)?(?P<wd>{WEEKDAY_RX})|,?\s+(?P<mon>{MONTH_RX})\s+(?P<day>{DAY_RX}){E})?"
        r"(?P<tod>)",
        _clock,
        trigger=_w("m am pm #am #pm noon midday midnight"),
    ),
    _Rule(
        r"(?<![\w.])(?P<h>1[0-2]|0?[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|"
        rf"eleven|twelve)(?:\s+o'clock)?\s+in\s+the\s+(?P<tod>morning|afternoon|evening){E}",
        lambda m, a: _clock_words(m, a),
        trigger=_w("morning afternoon evening"),
    ),
    _Rule(
        rf"{B}(?P<rel>last|next|this\s+past|this|past|previous|current|coming)\s+"
        rf"(?P<unit>year|month|week|quarter|weekend|decade){E}",
        _relative_unit,
        trigger=_w("year month week quarter weekend decade"),
    ),
    _Rule(
        rf"{B}the\s+(?:past|last)\s+decade{E}",
        lambda m, a: ("DURATION", "P10Y"),
        trigger=_w("decade"),
    ),
    _Rule(
        rf"{B}(?P<prep>over|during|ahead\s+of|for|on|at|through|after|before)\s+"
        rf"(?P<wk>the\s+weekend){E}",
        _the_weekend,
        group="wk",
        trigger=_w("weekend"),
    ),
    _Rule(
        rf"{B}(?:today|yesterday|tomorrow|tonight|last\s+night){E}",
        _day_word,
        trigger=_w("today yesterday tomorrow tonight night"),
    ),
    _Rule(rf"{B}(?:earlier|later)\s+this\s+year{E}", _this_year, trigger=_w("earlier later")),
    _Rule(
        rf"{B}the\s+(?:end|beginning|middle|start)\s+of\s+(?:the|this)\s+month{E}",
        lambda m, a: ("DATE", f"{a.year}-{a.month:02d}") if a else ("DATE", "XXXX-XX"),
        trigger=_w("month"),
    ),
    _Rule(
        rf"{B}(?:(?:earlier|later)\s+in\s+the\s+year|the\s+end\s+of\s+(?:the|this)\s+year|"
        rf"(?:the\s+)?year[-\s]end|year['’]s\s+end|the\s+(?:full|current(?:\s+fiscal)?)\s+"
        rf"year){E}",
        _this_year,
        trigger=_w("year"),
    ),
    _Rule(
        rf"(?:\b(?:for|in|during|throughout|through)\s+|\b(?:months|end|part|half|rest|start|"
        rf"beginning|remainder|balance|weeks|days)\s+of\s+)(?P<y>the\s+(?:fiscal\s+)?year){E}"
        rf"(?!\s+(?:ago|before|earlier|ended|ending|\d|two|of|in|after))",
        _this_year,
        group="y",
        trigger=_w("year"),
    ),
    _Rule(
        rf"{B}(?P<y>the\s+(?:fiscal\s+)?year)\s+(?:ended|ending|to){E}",
        _year_ended,
        group="y",
        trigger=_w("year"),
    ),
    _Rule(rf"{B}fiscal(?:\s+year)?\s+(?P<year>{YEAR_RX}){E}", _year_alone, trigger=_w("fiscal")),
    # durations
    _Rule(
        rf"{B}{PREFIX_RX}(?P<n>{NUM_RX})(?:\s+(?P<half>and\s+(?:a\s+)?half|1/2|½))?[-\s]"
        rf"{FILLER_RX}(?P<unit>{UNIT_RX}){E}(?!\s+ago)",
        _duration,
        trigger=_UNIT_WORDS,
    ),
    _Rule(
        rf"{B}{PREFIX_RX}(?P<n>an?|one|{CARD_RX}|\d+)\s+(?P<unit>{UNIT_RX})\s+and\s+(?P<half>a\s+"
        rf"half){E}",
        _duration,
        trigger=_w("half"),
    ),
    _Rule(
        rf"{B}(?:half\s+(?:an?\s+)?|(?:a\s+)?half[-\s])(?P<unit>hour|day|year|month|week|"
        rf"decade|century|minute){E}",
        _half_unit,
        trigger=_w("half"),
    ),
    _Rule(
        rf"{B}(?:the\s+)?(?P<n>{NUM_RX})?\s*(?P<unit>weeks|months|years|days|decades)\b"
        r"(?=\s+(?:of|to come|ahead))",
        _duration,
        trigger=_w("weeks months years days decades"),
    ),
    _Rule(
        rf"{B}(?:the\s+)?(?:recent|coming|past)\s+(?P<unit>days|weeks|months|years|decades){E}",
        _vague_units,
        trigger=_w("recent coming past"),
    ),
    _Rule(
        r"\b(?:for|within|in|over|after)\s+(?P<x>(?:the\s+)?(?P<unit>minutes|hours|days|weeks|"
        rf"months|years|decades)){E}(?!\s+(?:of|ago|before|after|earlier|later|to\s+come|since|"
        r"when|that|in|past|before)\b)",
        _vague_units,
        group="x",
        trigger=_w("minutes hours days weeks months years decades"),
    ),
    _Rule(
        rf"{B}(?:(?P<pl>days|weeks|months|years|decades)|(?P<unit>day|week|month|year))-long{E}",
        lambda m, a: (
            _vague_units(m, a) if m.group("pl") else ("DURATION", f"P1{_unit(m.group('unit'))}")
        ),
        trigger=_w("long"),
    ),
    # spans of years: "from 2019 to 2021", "1939-40" -> 2019/2021, 1939/1940
    _Rule(
        rf"{B}(?:from\s+)?(?P<y1>{YEAR_RX})\s*(?:-|–|to|through|until)\s*(?P<y2>{YEAR_RX}|\d\d){E}",
        _year_span,
        trigger=_w("#4"),
    ),
    # years, decades, centuries
    _Rule(
        rf"{B}(?:the\s+)?(?:mid-|early\s+|late\s+)?(?:(?P<dec>(?:1[89]|20)\d0)['’]?s|"
        rf"['’](?P<short>\d0)['’]?s|(?P<word>twenties|thirties|forties|fifties|sixties|"
        rf"seventies|eighties|nineties)){E}(?!\s+(?:degrees|percent))",
        _decade,
        trigger=_w("# #4 #s twenties thirties forties fifties sixties seventies eighties nineties"),
    ),
    _Rule(
        rf"{B}(?:the\s+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{ORD_DAY_RX}|this|last|next)"
        rf"[-\s]century{E}",
        _century,
        trigger=_w("century centuries"),
    ),
    _Rule(
        rf"{B}(?:the\s+year\s+)?(?P<year>{YEAR_WORDS_RX}){E}",
        lambda m, a: _words_year_checked(m, a),
        trigger=_w("eighteen nineteen thousand"),
    ),
    _Rule(rf"{B}the\s+year\s+(?P<year>{YEAR_RX}){E}", _year_alone, trigger=_w("#4")),
    _Rule(
        r"(?<![\w$.,#])(?P<year>19\d\d|20[0-3]\d)(?![\w%-]|\.\d|,\d)"
        r"(?!\s*(?:percent|people|votes|troops|soldiers|miles|km|tons|dollars|shares|barrels|"
        r"jobs|homes|cars|units|copies|employees|workers|members|euros|pounds))",
        _year_alone,
        trigger=_w("#4"),
    ),
    _Rule(
        r"(?:(?<=\bin\s)|(?<=\bsince\s)|(?<=\bfrom\s)|(?<=\buntil\s)|(?<=\bof\s)|(?<=\bby\s))"
        r"(?P<year>1[5-8]\d\d)(?![\w%-]|\.\d|,\d)",
        _year_alone,
        trigger=_w("#4"),
    ),
    # vague references and recurrences
    _Rule(
        rf"{B}(?:now|currently|nowadays|at present|at the moment|the current|current|"
        rf"these\s+days){E}",
        _ref("PRESENT_REF"),
        trigger=_w("now currently nowadays present moment current days"),
    ),
    _Rule(
        rf"{B}(?:recently|recent|lately|the past(?!\s+(?:\d|{CARD_RX}|few|several|many|"
        rf"couple|{UNIT_RX})\b)){E}",
        _ref("PAST_REF"),
        trigger=_w("recently recent lately past"),
    ),
    _Rule(
        rf"{B}(?:the\s+(?:near\s+)?future|the\s+(?:near|short)[-\s]term|as\s+soon\s+as\s+"
        rf"possible|(?<=at\s)a\s+later\s+date){E}(?!-)",
        _ref("FUTURE_REF"),
        trigger=_w("future term possible date"),
    ),
    _Rule(
        rf"(?<!\bas\s)(?<!\bso\s)(?<!\btoo\s)(?<!\bhow\s){B}soon{E}(?!\s+(?:after|afterwards?|"
        rf"as|thereafter|enough)\b)",
        _soon,
        trigger=_w("soon"),
    ),
    _Rule(
        rf"{B}(?:daily|weekly|monthly|annually|yearly|hourly|"
        rf"(?:every|each)\s+(?:day|week|month|year|quarter)){E}",
        lambda m, a: _set(m, a),
        trigger=_w("daily weekly monthly annually yearly hourly every each"),
    ),
]


def _clock_words(m: re.Match[str], a: dt.date | None) -> Result:
    """ "4 in the morning", "ten in the evening": the anchor day (or the day a weekday or
    tense points at is left to the clock rule)."""
    hour = _num(m.group("h"))
    if not isinstance(hour, int) or not 1 <= hour <= 12:
        return None
    tod = m.group("tod").lower()
    if tod != "morning" and hour < 12:
        hour += 12
    if tod == "morning" and hour == 12:
        hour = 0
    if a is None:
        return "TIME", f"XXXX-XX-XXT{hour:02d}:00"
    day = a + dt.timedelta(days=1) if _tense(m.string, m.start(), m.end()) > 0 else a
    return "TIME", f"{day.isoformat()}T{hour:02d}:00"


def _words_year_checked(m: re.Match[str], a: dt.date | None) -> Result:
    """ "nineteen ninety-six" is a year; "two thousand" only in "the year two thousand"
    (on its own it is a number)."""
    text = m.group(0).lower()
    if text.startswith("the year") or not text.startswith("two"):
        return _words_year(m, a)
    return None


def _set(m: re.Match[str], a: dt.date | None) -> Result:
    word = m.group(0).lower()
    if word == "daily" and re.match(r"\s+[A-Z][a-z]", m.string[m.end() : m.end() + 4]):
        return None  # "the Communist Party daily Granma": a newspaper and its name
    table = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
             "yearly": "P1Y", "hourly": "PT1H", "quarterly": "P1Q"}  # fmt: skip
    for k, v in table.items():
        if k in word:
            return "SET", v
    unit = word.split()[-1].rstrip("s")
    return "SET", f"P1{UNITS.get(unit, 'D')}"


# Time words capitalised inside a sentence are part of a title or name ("ABC's This
# Week", "60 Minutes", "High Noon")
_TITLE_WORDS = frozenset(
    (
        "week", "weeks", "minutes", "minute", "hours", "hour", "noon", "midnight", "today",
        "tonight", "tomorrow", "yesterday", "now", "year", "years", "month", "months",
        "morning", "afternoon", "evening", "night", "future", "past", "decade", "century",
        "days",
    )
)  # fmt: skip
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n_\-(\[]|``|''|\")\s*$")


_URL_START = re.compile(r"(?:https?://|www\.)\S*$")


def _in_url(text: str, start: int, end: int) -> bool:
    """Is ``[start, end)`` part of a web address ("…/statements-releases/2023/02/21/…")?"""
    return _URL_START.search(text, max(0, start - 200), start) is not None or (
        "/" in text[start:end] and _URL_START.search(text, max(0, start - 200), end) is not None
    )


def _is_title(text: str, start: int, end: int) -> bool:
    for w in re.finditer(r"[A-Za-z]+", text[start:end]):
        word = w.group(0)
        if not (word[0].isupper() and not word.isupper()):
            continue
        if word.lower() not in _TITLE_WORDS:
            continue
        if w.start() == 0:
            if _SENTENCE_START.search(text[max(0, start - 20) : start]):
                continue
            if not _quoted_or_titled(text, start):
                continue
        return True
    return False


def _quoted_or_titled(text: str, start: int) -> bool:
    """The word before is capitalised or an opening quote ("High Noon", ``Now ...)."""
    before = text[max(0, start - 20) : start]
    prev = re.search(r"(\S+)\s*$", before)
    if prev is None:
        return False
    token = prev.group(1)
    if token[-1] in "\"'`“‘":
        return True
    token = token.lstrip("\"'`“‘")
    return bool(token) and token[0].isupper() and token.isalpha()


def extract_timexes(text: str, published: str | None) -> list[Timex]:
    """Every temporal expression in ``text`` with its TIMEX3 type and value; overlapping
    matches keep the longest (then the earlier rule)."""
    anchor = _anchor(published)
    index = _word_index(text)
    found: list[tuple[int, int, int, str, str]] = []
    for rank, rule in enumerate(RULES):
        for m in rule.finditer(text, index):
            got = rule.fn(m, anchor)
            if got is None:
                continue
            start, end = m.span(rule.group) if rule.group else m.span()
            if start < 0 or start == end:
                continue
            found.append((start, end, rank, got[0], got[1]))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken = bytearray(len(text))
    kept: list[tuple[int, int, str, str]] = []
    for start, end, _rank, ttype, value in found:
        if taken.find(1, start, end) != -1:
            continue
        taken[start:end] = b"\x01" * (end - start)
        if _is_title(text, start, end) or _in_url(text, start, end):
            continue
        kept.append((start, end, ttype, value))
    kept.sort()
    modified = [_with_modifier(text, taken, *k) for k in kept]
    out = []
    last_day: dt.date | None = None
    last_month: tuple[int, int] | None = None
    last_year: int | None = None
    for start, end, ttype, value, mod in modified:
        if value.startswith("@"):
            resolved = _resolve_anaphor(value, last_day, last_month, last_year)
            if resolved is None:
                continue
            value = resolved
        elif ttype in ("DATE", "TIME"):
            cal = _CALENDAR.match(value)
            if cal:
                last_year = int(cal.group(1))
                if cal.group(2):
                    last_month = (last_year, int(cal.group(2)))
                    last_day = None
                if cal.group(3):
                    last_day = dt.date(last_year, int(cal.group(2)), int(cal.group(3)))
        out.append(Timex(Span(start, end, text[start:end]), ttype, value, mod))
    return out


#: TIMEX3 modifiers for the part of a period a word picks out: "early April",
#: "mid-2023", "late last month", "the end of the year", "the middle of October".
MODIFIERS = {
    "early": "START", "beginning": "START", "start": "START",
    "mid": "MID", "middle": "MID",
    "late": "END", "end": "END", "close": "END",
}  # fmt: skip
_MOD_WORD = (
    r"(?:the\s+)?(?:very\s+)?(?:(?P<adj>early|mid|late)(?:\s+|-)|"
    r"(?P<noun>beginning|start|middle|end|close)\s+of\s+(?:the\s+)?)"
)
#: a modifier inside a match ("late November", "the end of this year")
_MOD_INSIDE = re.compile(_MOD_WORD, re.IGNORECASE)
#: a modifier just before one ("early [next year]", "late [last month]"), not in "as
#: early as", "too late", "so late"
_MOD_BEFORE = re.compile(rf"(?<![\w-]){_MOD_WORD}$", re.IGNORECASE)
_NOT_MOD = re.compile(r"\b(?:as|too|so|how)\s+(?:very\s+)?(?:early|late)\s+$", re.IGNORECASE)
#: calendar values a modifier may narrow: a week, month, season, quarter, half, year,
#: decade or century (a day's "late Monday" is a time of that day, left as it is)
_PERIOD_VALUE = re.compile(r"^\d{2,4}(?:-(?:W\d\d|\d\d|SP|SU|FA|WI|Q[1-4]|H[12]))?$")


def _with_modifier(
    text: str, taken: bytearray, start: int, end: int, ttype: str, value: str
) -> tuple[int, int, str, str, str | None]:
    """A match with its TIMEX3 modifier, read from its own first words or from the
    words just before it, which then join its span (as TimeBank marks "early next
    year", "late November", "the end of 1990"); only for a period longer than a day."""
    if ttype != "DATE" or not _PERIOD_VALUE.match(value):
        return start, end, ttype, value, None
    inside = _MOD_INSIDE.match(text, start, end)
    if inside:
        return start, end, ttype, value, MODIFIERS[(inside["adj"] or inside["noun"]).lower()]
    before = text[max(0, start - 30) : start]
    m = _MOD_BEFORE.search(before)
    if m is None or _NOT_MOD.search(before):
        return start, end, ttype, value, None
    first = start - len(before) + m.start()
    if taken.find(1, first, start) != -1:
        return start, end, ttype, value, None
    return first, end, ttype, value, MODIFIERS[(m["adj"] or m["noun"]).lower()]


_CALENDAR = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?![\dX/])")


def _resolve_anaphor(
    value: str,
    day: dt.date | None,
    month: tuple[int, int] | None,
    year: int | None,
) -> str | None:
    """ "@year:1" -> the year after the last one mentioned; ``None`` without one."""
    unit, step_text = value[1:].split(":")
    step = int(step_text)
    if unit in ("day", "morning"):
        if day is None:
            return None
        return (day + dt.timedelta(days=step)).isoformat()
    if unit == "week":
        return _week(day + dt.timedelta(weeks=step)) if day else None
    if unit == "month":
        if month is None:
            return None
        y, mo = divmod(month[0] * 12 + month[1] - 1 + step, 12)
        return f"{y}-{mo + 1:02d}"
    return str(year + step) if year is not None else None


def _anchor(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
