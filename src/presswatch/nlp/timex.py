"""Temporal expressions: find them in text and normalise them to TIMEX3 values.

Values are resolved against the document's publication date (the anchor): "on
Friday" in a Wednesday article is the Friday before; "April 24th" takes the year that
puts it nearest the anchor; "last month", "two years ago", "this week", "the third
quarter", "spring 2022", durations ("more than 1,000 days" -> ``P1000D``) and vague
references ("now" -> ``PRESENT_REF``, "recently" -> ``PAST_REF``).

Pure: text and an anchor date in, :class:`~presswatch.models.Timex` records out. Without
an anchor, expressions that need one get no calendar value (an ``X`` placeholder).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

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
NUMBERS: dict[str, int | str] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
    "several": "X", "few": "X", "many": "X", "some": "X",
}  # fmt: skip
UNITS = {
    "year": "Y", "month": "M", "week": "W", "day": "D", "decade": "DE", "century": "CE",
    "quarter": "Q", "hour": "H", "minute": "M", "second": "S",
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
ORDINAL_Q = {"first": 1, "second": 2, "third": 3, "fourth": 4}

MONTH_RX = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
DAY_RX = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR_RX = r"(?:1[89]\d\d|20\d\d)"
WEEKDAY_RX = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUM_RX = (
    r"(?:\d[\d,]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|hundred|several|few|many)"
)
UNIT_RX = r"(?:year|month|week|day|decade|century|quarter|hour|minute)s?"


def _num(word: str) -> int | str:
    w = word.lower().replace(",", "")
    if w.isdigit():
        return int(w)
    return NUMBERS.get(w, "X")


def _unit(word: str) -> str:
    return UNITS[word.lower().rstrip("s")]


def _week(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _shift_month(day: dt.date, months: int) -> tuple[int, int]:
    m = day.year * 12 + day.month - 1 + months
    return m // 12, m % 12 + 1


def _nearest_year(anchor: dt.date, month: int, day: int | None = None) -> int:
    """The year that puts month(/day) nearest the anchor, a future date counting
    double (news mostly reports what happened)."""
    best = anchor.year
    best_gap = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            when = dt.date(year, month, day or 15)
        except ValueError:
            continue
        days = (when - anchor).days
        gap = -days if days <= 0 else 2 * days  # news mostly looks back
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


Normaliser = Callable[[re.Match[str], dt.date | None], tuple[str, str] | None]


class _Rule:
    """A pattern and its normaliser; ``group`` names the part that is the timex (so
    "in 2014" matches on the preposition but the timex is "2014")."""

    def __init__(
        self, pattern: str, fn: Normaliser, group: str | None = None, case: bool = False
    ) -> None:
        self.rx = re.compile(pattern, 0 if case else re.IGNORECASE)
        self.fn = fn
        self.group = group


def _full_date(m: re.Match[str], a: dt.date | None) -> tuple[str, str] | None:
    month = _month_key(m.group("mon"))
    day = int(re.sub(r"\D", "", m.group("day")))
    year = int(m.group("year"))
    try:
        return "DATE", dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_key(text: str) -> int:
    w = text.lower().rstrip(".")
    return MONTHS.get(w) or MONTHS[w[:3]]


def _month_day(m: re.Match[str], a: dt.date | None) -> tuple[str, str] | None:
    month = _month_key(m.group("mon"))
    day = int(re.sub(r"\D", "", m.group("day")))
    if a is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}"
    year = _nearest_year(a, month, day)
    try:
        return "DATE", dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_year(m: re.Match[str], a: dt.date | None) -> tuple[str, str]:
    return "DATE", f"{int(m.group('year'))}-{_month_key(m.group('mon')):02d}"


def _month_alone(m: re.Match[str], a: dt.date | None) -> tuple[str, str] | None:
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
        year = _nearest_year(a, month)
    return "DATE", f"{year}-{month:02d}"


def _weekday(m: re.Match[str], a: dt.date | None) -> tuple[str, str]:
    target = WEEKDAYS[m.group("wd").lower()]
    rel = (m.group("rel") or "").lower()
    tod = m.group("tod")
    if a is None:
        return "DATE", "XXXX-XX-XX"
    delta = (a.weekday() - target) % 7
    if rel == "next":
        day = a + dt.timedelta(days=(target - a.weekday()) % 7 or 7)
    elif rel in ("last", "this past", "past"):
        day = a - dt.timedelta(days=delta or 7)
    else:
        day = a - dt.timedelta(days=delta)  # news reports what happened: the one before
    # "Sunday night" is annotated as the day in news TimeML (TimeBank/AQUAINT)
    del tod
    return "DATE", day.isoformat()


def _year_alone(m: re.Match[str], a: dt.date | None) -> tuple[str, str]:
    return "DATE", m.group("year")


def _year_span(m: re.Match[str], a: dt.date | None) -> tuple[str, str] | None:
    y1, y2 = m.group("y1"), m.group("y2")
    if len(y2) == 2:
        y2 = y1[:2] + y2
    if int(y2) <= int(y1):
        return None
    return "DATE", f"{y1}/{y2}"


def _decade(m: re.Match[str], a: dt.date | None) -> tuple[str, str]:
    return "DATE", m.group("dec")[:3]


def _season(m: re.Match[str], a: dt.date | None) -> tuple[str, str] | None:
    season = SEASONS[m.group("season").lower()]
    before = m.string[max(0, m.start() - 12) : m.start()]
    after = m.string[m.end() : m.end() + 3]
    if not (m.group("year") or m.group("rel")) and (
        not re.search(
            r"\b(?:in|during|by|until|since|through|over|the)\s+(?:the\s+)?$", before, re.I
        )
        or re.match(r"\s[a-z]", after)
    ):
        return None  # "the winter war": part of a name, not a season
    if m.group("year"):
        return "DATE", f"{m.group('year')}-{season}"
    rel = (m.group("rel") or "").lower()
    year = a.year if a else None
    if year is None:
        return "DATE", f"XXXX-{season}"
    if rel == "last":
        year -= 1
    elif rel == "next":
        year += 1
    return "DATE", f"{year}-{season}"


def _relative_unit(m: re.Match[str], a: dt.date | None) -> tuple[str, str] | None:
    rel = m.group("rel").lower()
    unit = m.group("unit").lower()
    if a is None:
        return "DATE", {"now": "PRESENT_REF"}.get(rel, "XXXX")
    step = {
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
        return "DATE", str(a.year // 10 + step)
    return None


def _ago(m: re.Match[str], a: dt.date | None) -> tuple[str, str] | None:
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
        return "DATE", str((a.year - 10 * n) // 10)
    return None


def _last_quarter(a: dt.date) -> tuple[int, int]:
    """The last quarter completed by the anchor date (year, quarter)."""
    q = (a.month - 1) // 3  # quarters completed this year
    return (a.year, q) if q else (a.year - 1, 4)


def _about_quarters(m: re.Match[str]) -> bool:
    """Financial reporting context: "quarter" in the words around the match."""
    context = m.string[max(0, m.start() - 250) : m.end() + 80]
    return re.search(r"quarter", context, re.IGNORECASE) is not None


def _year_earlier(m: re.Match[str], a: dt.date | None) -> tuple[str, str]:
    if a is None:
        return "DATE", "XXXX"
    if _about_quarters(m):  # "profit rose from a year earlier": the same quarter last year
        year, q = _last_quarter(a)
        return "DATE", f"{year - 1}-Q{q}"
    return "DATE", str(a.year - 1)


def _latest_quarter(m: re.Match[str], a: dt.date | None) -> tuple[str, str]:
    if a is None:
        return "DATE", "XXXX-QX"
    year, q = _last_quarter(a)
    return "DATE", f"{year}-Q{q}"


def _clock(m: re.Match[str], a: dt.date | None) -> tuple[str, str]:
    hour = 12 if m.group("noon") else int(m.group("h"))
    minute = int(m.group("min") or 0)
    if (m.group("ampm") or "").lower().startswith("p") and hour < 12:
        hour += 12
    if (m.group("ampm") or "").lower().startswith("a") and hour == 12:
        hour = 0
    day = a
    if a is not None and m.group("wd"):
        day = a - dt.timedelta(days=(a.weekday() - WEEKDAYS[m.group("wd").lower()]) % 7)
    date = day.isoformat() if day else "XXXX-XX-XX"
    return "TIME", f"{date}T{hour:02d}:{minute:02d}"


def _quarter(m: re.Match[str], a: dt.date | None) -> tuple[str, str]:
    q = ORDINAL_Q[m.group("ord").lower()]
    year = m.group("year")
    if year:
        return "DATE", f"{year}-Q{q}"
    if a is None:
        return "DATE", f"XXXX-Q{q}"
    # a quarter not yet over at the anchor belongs to last year
    y = a.year if q <= (a.month - 1) // 3 + 1 else a.year - 1
    return "DATE", f"{y}-Q{q}"


def _duration(m: re.Match[str], a: dt.date | None) -> tuple[str, str]:
    n = _num(m.group("n")) if m.group("n") else "X"
    unit = _unit(m.group("unit"))
    clock = unit in ("H", "S") or m.group("unit").lower().startswith("minute")
    return "DURATION", f"{'PT' if clock else 'P'}{n}{unit}"


def _day_word(m: re.Match[str], a: dt.date | None) -> tuple[str, str]:
    word = m.group(0).lower()
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
    if word in ("last night",):
        return "TIME", (a - dt.timedelta(days=1)).isoformat() + "TNI"
    if word in ("this morning",):
        return "TIME", a.isoformat() + "TMO"
    if word in ("this afternoon",):
        return "TIME", a.isoformat() + "TAF"
    return "DATE", a.isoformat()


def _ref(
    value: str, kind: str = "DATE"
) -> Callable[[re.Match[str], dt.date | None], tuple[str, str]]:
    def fn(m: re.Match[str], a: dt.date | None) -> tuple[str, str]:
        return kind, value

    return fn


def _this_year_words(m: re.Match[str], a: dt.date | None) -> tuple[str, str]:
    return "DATE", str(a.year) if a else "XXXX"


def _set(m: re.Match[str], a: dt.date | None) -> tuple[str, str]:
    word = m.group(0).lower()
    table = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
             "yearly": "P1Y", "hourly": "PT1H", "quarterly": "P1Q"}  # fmt: skip
    for k, v in table.items():
        if k in word:
            return "SET", v
    unit = word.split()[-1].rstrip("s")
    return "SET", f"P1{UNITS.get(unit, 'D')}"


B = r"(?<![\w-])"
E = r"(?![\w-])"
RULES: list[_Rule] = [
    # calendar dates
    _Rule(rf"{B}(?P<mon>{MONTH_RX})\s+(?P<day>{DAY_RX}),?\s+(?P<year>{YEAR_RX}){E}", _full_date),
    _Rule(rf"{B}(?P<day>{DAY_RX})\s+(?P<mon>{MONTH_RX}),?\s+(?P<year>{YEAR_RX}){E}", _full_date),
    _Rule(rf"{B}{YEAR_RX}-(?:0[1-9]|1[0-2])-[0-3]\d{E}", lambda m, a: ("DATE", m.group(0))),
    _Rule(rf"{B}(?P<mon>{MONTH_RX})\s+(?P<year>{YEAR_RX}){E}", _month_year),
    _Rule(
        rf"{B}(?P<mon>{MONTH_RX})\s+(?P<day>{DAY_RX}){E}(?!\s*(?:%|percent|cents?|points?))",
        _month_day,
    ),
    _Rule(rf"{B}(?P<day>{DAY_RX})\s+(?P<mon>{MONTH_RX}){E}", _month_day),
    # months on their own ("in April", "last November", "late November"); March and May
    # only where they cannot be a verb
    _Rule(
        rf"{B}(?:(?P<rel>last|next|this|early|late|mid-)\s*)?"
        r"(?P<mon>January|February|April|June|July|August|September|October|November|"
        rf"December){E}",
        _month_alone,
        case=True,
    ),
    _Rule(
        rf"{B}(?:(?P<rel>last|next|this|early|late|mid-)\s*)?(?P<mon>March|May)"
        rf"{E}(?!\s+(?:be|have|not|also|well|well|\d))",
        _month_alone,
        case=True,
    ),
    # weekdays, parts of days, seasons, quarters
    _Rule(
        rf"{B}(?:(?P<rel>last|next|this past|this|past)\s+)?(?P<wd>{WEEKDAY_RX})"
        rf"(?:\s+(?P<tod>morning|afternoon|evening|night))?{E}",
        _weekday,
    ),
    _Rule(
        rf"{B}(?:(?P<rel>last|next|this)\s+)?(?P<season>spring|summer|autumn|winter)"
        rf"(?:\s+(?:of\s+)?(?P<year>{YEAR_RX}))?{E}",
        _season,
    ),
    _Rule(
        rf"{B}(?P<rel>last|next|this)\s+(?P<season>fall)(?:\s+(?:of\s+)?(?P<year>{YEAR_RX}))?{E}",
        _season,
    ),
    _Rule(
        rf"{B}(?:the\s+)?(?P<ord>first|second|third|fourth)[-\s]quarter"
        rf"(?:\s+of\s+(?P<year>{YEAR_RX}))?{E}",
        _quarter,
    ),
    # relative expressions
    _Rule(rf"{B}(?P<n>{NUM_RX})\s+(?P<unit>{UNIT_RX})\s+ago{E}", _ago),
    _Rule(rf"{B}a\s+year\s+(?:earlier|ago|before){E}|{B}year-earlier{E}", _year_earlier),
    _Rule(
        rf"{B}the\s+(?:latest|most recent|recent|just-ended)?\s*(?:quarter|period){E}",
        _latest_quarter,
    ),
    _Rule(
        r"(?<![\w.])(?:(?P<h>1[0-2]|0?[1-9])(?::(?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm)"
        rf"|(?P<noon>noon|midday)){E}(?:\s+(?P<wd>{WEEKDAY_RX}))?",
        _clock,
    ),
    _Rule(
        rf"{B}(?P<rel>last|next|this|past|previous|current|coming)\s+"
        rf"(?P<unit>year|month|week|quarter|weekend|decade){E}",
        _relative_unit,
    ),
    _Rule(
        rf"{B}(?:today|yesterday|tomorrow|tonight|last night|this morning|this afternoon){E}",
        _day_word,
    ),
    _Rule(
        rf"{B}(?:this|next|last)\s+year's{E}|{B}(?:earlier|later)\s+this\s+year{E}",
        _this_year_words,
    ),
    # durations
    _Rule(
        rf"{B}(?:(?:more|less|fewer)\s+than\s+|about\s+|nearly\s+|almost\s+|over\s+|some\s+|"
        rf"the\s+(?:past|last|next|first|coming)\s+)?(?P<n>{NUM_RX})[-\s](?P<unit>{UNIT_RX})"
        rf"{E}(?!\s+ago)",
        _duration,
    ),
    _Rule(
        rf"{B}(?:the\s+)?(?P<n>{NUM_RX})?\s*(?P<unit>weeks|months|years|days|decades)\b"
        r"(?=\s+(?:of|to come|ahead))",
        _duration,
    ),
    # spans of years: "from 2019 to 2021", "1939-40" -> 2019/2021, 1939/1940
    _Rule(
        rf"{B}(?:from\s+)?(?P<y1>{YEAR_RX})\s*(?:-|–|to|through|until)\s*(?P<y2>{YEAR_RX}|\d\d){E}",
        _year_span,
    ),
    # years and decades
    _Rule(rf"{B}(?:the\s+)?(?:mid-|early\s+|late\s+)?(?P<dec>(?:1[89]|20)\d0)s{E}", _decade),
    _Rule(
        r"(?<![\w$.,])(?P<year>19\d\d|20[0-3]\d)(?![\w,%-]|\.\d)"
        r"(?!\s*(?:percent|people|votes|troops|soldiers|miles|km|tons|dollars|shares|barrels|"
        r"jobs|homes|cars|units|copies|employees|workers|members|euros|pounds))",
        _year_alone,
    ),
    # vague references and recurrences
    _Rule(
        rf"{B}(?:now|currently|nowadays|at present|at the moment|the current|current){E}",
        _ref("PRESENT_REF"),
    ),
    _Rule(rf"{B}(?:recently|recent|lately|the past){E}", _ref("PAST_REF")),
    _Rule(rf"{B}the future{E}", _ref("FUTURE_REF")),
    _Rule(
        rf"{B}(?:daily|weekly|monthly|annually|yearly|hourly|"
        rf"(?:every|each)\s+(?:day|week|month|year)){E}",
        _set,
    ),
]


def extract_timexes(text: str, published: str | None) -> list[Timex]:
    """Every temporal expression in ``text`` with its TIMEX3 type and value; overlapping
    matches keep the longest (then the earlier rule)."""
    anchor = _anchor(published)
    found: list[tuple[int, int, int, str, str]] = []
    for rank, rule in enumerate(RULES):
        for m in rule.rx.finditer(text):
            got = rule.fn(m, anchor)
            if got is None:
                continue
            start, end = m.span(rule.group) if rule.group else m.span()
            found.append((start, end, rank, got[0], got[1]))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken = bytearray(len(text))
    out = []
    for start, end, _rank, ttype, value in found:
        if taken.find(1, start, end) != -1:
            continue
        taken[start:end] = b"\x01" * (end - start)
        out.append(Timex(Span(start, end, text[start:end]), ttype, value))
    return sorted(out, key=lambda t: t.span.start)


def _anchor(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
