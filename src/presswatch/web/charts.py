"""Small charts as inline SVG, drawn on the server (no script, nothing fetched).

Labels are escaped like any other text; colours come from the stylesheet through
classes, so the charts follow the page's style and need no inline CSS.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

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
