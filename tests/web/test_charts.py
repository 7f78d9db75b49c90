"""Inline SVG charts: one bar per point, labels escaped, nothing for no data."""

from __future__ import annotations

import re

from presswatch.web.charts import bar_chart


def test_one_bar_per_point_scaled_to_the_largest() -> None:
    svg = bar_chart([("2022-01", 2), ("2022-02", 0), ("2022-03", 4)], label="Docs", unit="docs")
    assert svg.startswith('<svg class="chart"') and svg.endswith("</svg>")
    heights = [float(h) for h in re.findall(r'<rect class="chart-bar"[^>]* height="([\d.]+)"', svg)]
    assert len(heights) == 3
    assert heights[1] == 0 and heights[2] == 2 * heights[0]
    assert "<title>2022-03: 4 docs</title>" in svg


def test_labels_are_escaped() -> None:
    svg = bar_chart([("<b>x</b>", 1)], label='"><script>alert(1)</script>')
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;b&gt;x&lt;/b&gt;" in svg


def test_no_points_no_chart() -> None:
    assert bar_chart([], label="nothing") == ""
