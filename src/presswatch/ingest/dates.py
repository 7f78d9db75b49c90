"""Turn the date strings found in manifests, records and datelines into ISO dates.

Only the standard library is used. A date is returned at the precision it was given:
``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``. Anything else raises :class:`ValueError`.
Numeric dates with an ambiguous day/month order (``04/05/2022``) are refused rather
than guessed.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

_FLAGS = re.ASCII | re.IGNORECASE
_WEEKDAY = re.compile(
    r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|rsday|urday|sday)?\.?,?\s+",
    _FLAGS,
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_NUMERIC_DAY = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$", _FLAGS)
_TIME = r"\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
_ZONE = r"(?:Z|UTC|[+-]\d{2}(?::?\d{2})?)"
_ISO_DATETIME = re.compile(rf"^(\d{{4}})-(\d{{2}})-(\d{{2}})[T ]{_TIME}\s?{_ZONE}?$", _FLAGS)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$", _FLAGS)
_YEAR_MONTH = re.compile(r"^(\d{4})[-/](\d{1,2})$", _FLAGS)
_YEAR = re.compile(r"^(\d{4})$", _FLAGS)
_MONTH_DAY_YEAR = re.compile(
    rf"^(?P<month>[a-z]+)\.?\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+(?P<year>\d{{4}})$", _FLAGS
)
_DAY_MONTH_YEAR = re.compile(
    rf"^(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<month>[a-z]+)\.?,?\s+(?P<year>\d{{4}})$",
    _FLAGS,
)
_MONTH_YEAR = re.compile(r"^(?P<month>[a-z]+)\.?,?\s+(?P<year>\d{4})$", _FLAGS)


def normalise_date(value: str) -> str:
    """Return ``value`` as an ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``).

    Accepts ISO dates and date-times (the date is kept as written, not shifted to UTC),
    ``2022/04/30``, ``20220430``, ``April 30, 2022``, ``Apr 30th 2022``,
    ``Saturday, 30 April 2022``, ``April 2022``, ``2022-04`` and ``2022``.

    >>> normalise_date("Apr 30th 2022")
    '2022-04-30'

    Raises ValueError("unparseable date: '...'") for anything else, including dates
    that do not exist (``2022-02-30``).
    """
    text = _WEEKDAY.sub("", " ".join(value.split()).rstrip("."))
    parsed = _parse(text)
    if parsed is None:
        raise ValueError(f"unparseable date: {value!r}")
    return parsed


def _parse(text: str) -> str | None:
    """The ISO form of a whitespace-normalised date string, or None."""
    for pattern in (_NUMERIC_DAY, _ISO_DATETIME, _COMPACT):
        match = pattern.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return _iso_day(year, month, day)
    for pattern in (_MONTH_DAY_YEAR, _DAY_MONTH_YEAR):
        match = pattern.match(text)
        if match:
            named = MONTHS.get(match["month"].lower())
            if named is None:
                return None
            return _iso_day(int(match["year"]), named, int(match["day"]))
    return _parse_partial(text)


def _parse_partial(text: str) -> str | None:
    """The ISO form of a month-precision or year-precision date, or None."""
    match = _YEAR_MONTH.match(text)
    if match:
        year, month = int(match[1]), int(match[2])
        return f"{year:04d}-{month:02d}" if _valid(year, month, 1) else None
    match = _MONTH_YEAR.match(text)
    if match:
        named = MONTHS.get(match["month"].lower())
        year = int(match["year"])
        if named is None or not _valid(year, named, 1):
            return None
        return f"{year:04d}-{named:02d}"
    match = _YEAR.match(text)
    if match and _valid(int(match[1]), 1, 1):
        return match[1]
    return None


def _iso_day(year: int, month: int, day: int) -> str | None:
    return f"{year:04d}-{month:02d}-{day:02d}" if _valid(year, month, day) else None


def _valid(year: int, month: int, day: int) -> bool:
    """Whether the date exists (years 1000-9999 only, to keep four-digit ISO years)."""
    if year < 1000:
        return False
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True
