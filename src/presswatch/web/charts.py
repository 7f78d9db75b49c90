"""Small charts as inline SVG, drawn on the server (no script, nothing fetched): bars
(:func:`bar_chart`, mentions or documents by month) and stances over time
(:func:`stance_chart`, a row per holder with a linked mark per stance).

Labels, tooltips and links are escaped like any other text; colours come from the stylesheet through
classes, so the charts follow the page's style and need no inline CSS.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from presswatch.models import STANCE_LABELS

WIDTH = 640
HEIGHT = 160
#: Room for the axis labels under the bars and for the scale on the left.
BOTTOM = 20
LEFT = 40


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def bar_chart(
    points: Sequence[tuple[str, float]],
    *,
    label: str,
    unit: str = "",
    width: int = WIDTH,
    height: int = HEIGHT,
) -> Markup:
    """Bars for ``(label, value)`` points in the order given, each with its value as a
    tooltip; a few labels along the bottom. Empty -> empty markup."""
    if not points:
        return Markup("")
    peak = max((value for _, value in points), default=0.0) or 1.0
    plot_w, plot_h = width - LEFT, height - BOTTOM
    step = plot_w / len(points)
    bar = max(step * 0.8, 1.0)
    every = max(1, round(len(points) / 8))  # at most about eight labels
    parts: list[str] = [
        str(
            Markup(
                '<svg class="chart" viewBox="0 0 {0} {1}" width="{0}" height="{1}" '
                'role="img" aria-label="{2}" xmlns="http://www.w3.org/2000/svg">'
                "<title>{2}</title>"
                '<text class="chart-scale" x="{3}" y="12" text-anchor="end">{4}</text>'
                '<line class="chart-axis" x1="{5}" y1="{6}" x2="{0}" y2="{6}"/>'
            ).format(width, height, label, LEFT - 4, _number(peak), LEFT, plot_h)
        )
    ]
    for i, (name, value) in enumerate(points):
        h = plot_h * (value / peak) if value > 0 else 0.0
        x = LEFT + i * step + (step - bar) / 2
        tip = f"{name}: {_number(value)}{(' ' + unit) if unit else ''}"
        parts.append(
            str(
                Markup(
                    '<rect class="chart-bar" x="{0:.1f}" y="{1:.1f}" width="{2:.1f}" '
                    'height="{3:.1f}"><title>{4}</title></rect>'
                ).format(x, plot_h - h, bar, h, tip)
            )
        )
        if i % every == 0:
            parts.append(
                str(
                    Markup(
                        '<text class="chart-label" x="{0:.1f}" y="{1}" text-anchor="middle">'
                        "{2}</text>"
                    ).format(LEFT + i * step + step / 2, height - 5, escape(name))
                )
            )
    parts.append("</svg>")
    return Markup("".join(parts))


# -- stances over time ----------------------------------------------------------------------

#: Width of a stance chart; room for the holder (or proposition) names left of its rows.
STANCE_WIDTH = 960
STANCE_LABEL_W = 190
#: Height of one row of a stance chart, of the legend above the rows, of the axis below.
STANCE_ROW_H = 26
STANCE_LEGEND_H = 26
STANCE_AXIS_H = 22
#: Longest row label shown (the whole name is its tooltip).
STANCE_LABEL_CHARS = 28
#: Vertical offsets of marks that would cover one another (same row, a few pixels apart).
_STACK = (0.0, -7.0, 7.0, -3.5, 3.5)
#: Pixels under which two marks of a row count as one place.
_NEAR = 6.0


@dataclass(frozen=True, slots=True)
class StanceMark:
    """One stance on a chart row: its date (``YYYY-MM`` or ``YYYY-MM-DD``), its stance
    (``favor``, ``against`` or ``mixed``), the link to its evidence and its tooltip."""

    published: str
    stance: str
    href: str
    tip: str


@dataclass(frozen=True, slots=True)
class StanceRow:
    """One row of a stance chart: a holder (or a proposition) and its marks."""

    label: str
    marks: Sequence[StanceMark]
    title: str = ""
    href: str | None = None


def _shape(stance: str, x: float, y: float) -> str:
    """The mark of a stance: a circle for favor, a square for against, a diamond for
    mixed, a ring for anything else, so that the stance shows without its colour."""
    if stance == "favor":
        return str(Markup('<circle cx="{0:.1f}" cy="{1:.1f}" r="5.5"/>').format(x, y))
    if stance == "against":
        return str(
            Markup('<rect x="{0:.1f}" y="{1:.1f}" width="10" height="10"/>').format(x - 5, y - 5)
        )
    if stance == "mixed":
        return str(
            Markup('<path d="M{0:.1f} {1:.1f}l6.5 6.5l-6.5 6.5l-6.5 -6.5z"/>').format(x, y - 6.5)
        )
    return str(Markup('<circle class="ring" cx="{0:.1f}" cy="{1:.1f}" r="4.5"/>').format(x, y))


def _month_offset(published: str, index: dict[str, int]) -> float | None:
    """Where ``published`` falls on the month axis, in months from its first month: the
    month's index plus the day's part of it (mid-month for a month only)."""
    at = index.get(published[:7])
    if at is None:
        return None
    day = published[8:10]
    if not day.isdigit():
        return at + 0.5
    year, month = int(published[:4]), int(published[5:7])
    days = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 31
    return at + (min(int(day), days) - 0.5) / days


def clip(text: str, size: int) -> str:
    """``text`` on one line, shortened to ``size`` characters with "…" when longer."""
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def stance_chart(
    rows: Sequence[StanceRow],
    months: Sequence[str],
    *,
    label: str,
    width: int = STANCE_WIDTH,
) -> Markup:
    """Stances over time: a row per holder (or proposition) on a shared axis of
    ``months`` (``YYYY-MM``), a mark per stance at its date (shape and colour by stance,
    with a legend), each mark a link to its evidence with the stance, date and evidence
    as its tooltip. Marks dated outside ``months`` are left out. No rows or no months
    -> empty markup."""
    if not rows or not months:
        return Markup("")
    index = {month: i for i, month in enumerate(months)}
    left, right = STANCE_LABEL_W, width - 48  # room for the last month label
    cell = (right - left) / len(months)
    top = STANCE_LEGEND_H
    height = top + len(rows) * STANCE_ROW_H + STANCE_AXIS_H
    parts: list[str] = [
        str(
            Markup(
                '<svg class="chart stance-chart" viewBox="0 0 {0} {1}" width="{0}" height="{1}" '
                'role="group" aria-label="{2}" xmlns="http://www.w3.org/2000/svg">'
                "<title>{2}</title>"
            ).format(width, height, label)
        )
    ]
    x = float(left)
    for stance in STANCE_LABELS:
        parts.append(
            str(Markup('<g class="stance-key stance-{0}">').format(stance))
            + _shape(stance, x + 6, 13)
            + str(
                Markup('<text class="chart-label" x="{0:.1f}" y="17">{1}</text></g>').format(
                    x + 16, stance
                )
            )
        )
        x += 80
    every = max(1, round(len(months) / 8))  # at most about eight month labels
    for i, month in enumerate(months):
        if i % every:
            continue
        at = left + i * cell
        parts.append(
            str(
                Markup(
                    '<line class="chart-grid" x1="{0:.1f}" y1="{1}" x2="{0:.1f}" y2="{2}"/>'
                    '<text class="chart-label" x="{0:.1f}" y="{3}" text-anchor="start">{4}</text>'
                ).format(at, top, height - STANCE_AXIS_H, height - 6, month)
            )
        )
    parts.append(
        str(
            Markup('<line class="chart-axis" x1="{0}" y1="{1}" x2="{2}" y2="{1}"/>').format(
                left, height - STANCE_AXIS_H, right
            )
        )
    )
    for r, row in enumerate(rows):
        y = top + r * STANCE_ROW_H + STANCE_ROW_H / 2
        name = Markup(
            '<text class="chart-label stance-holder" x="{0}" y="{1:.1f}" text-anchor="end">'
            "<title>{2}</title>{3}</text>"
        ).format(left - 8, y + 4, row.title or row.label, clip(row.label, STANCE_LABEL_CHARS))
        if row.href:
            name = Markup('<a href="{0}">{1}</a>').format(row.href, name)
        parts.append(
            str(
                Markup(
                    '<line class="stance-lane" x1="{0}" y1="{1:.1f}" x2="{2}" y2="{1:.1f}"/>'
                ).format(left, y, right)
            )
            + str(name)
        )
        placed: list[float] = []
        for mark in row.marks:
            offset = _month_offset(mark.published, index)
            if offset is None:
                continue
            mx = left + offset * cell
            near = sum(1 for other in placed if abs(other - mx) < _NEAR)
            placed.append(mx)
            kind = mark.stance if mark.stance in STANCE_LABELS else "other"
            parts.append(
                str(
                    Markup(
                        '<a class="stance-mark stance-{0}" href="{1}"><title>{2}</title>'
                    ).format(kind, mark.href, mark.tip)
                )
                + _shape(mark.stance, mx, y + _STACK[near % len(_STACK)])
                + "</a>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))
