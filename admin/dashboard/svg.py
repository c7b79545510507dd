"""The overview's charts drawn as SVG on the server (the CSP allows no script): horizontal bars,
each label above its bar so that a phone's width is enough; the viewBox scales the drawing."""

import textwrap

from markupsafe import Markup

from .figures import BarChart

WIDTH = 320  # the viewBox's width; the page scales it to the column (at most 420 px)
BAR = 200  # the longest bar; its text stands to its right
LINE = 15  # a label's line, at font size 12
CHARS = 44  # a label's line holds about this many letters

TEXT = Markup('<text x="{}" y="{}" font-size="12" fill="#222">{}</text>')
RECT = Markup('<rect x="0" y="{}" width="{}" height="12" fill="{}"/>')
SVG = Markup(
    '<svg class="chart district-chart" viewBox="0 0 {} {}" width="100%" role="img" '
    'aria-label="{}" xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}</svg>'
)


def label_lines(label: str) -> list[str]:
    """At most two lines; a longer label ends with «…» (the chart's table has it whole)."""
    lines = textwrap.wrap(label, CHARS) or ["—"]
    if len(lines) > 2:
        lines = [lines[0], lines[1][: CHARS - 1] + "…"]
    return lines


def bar_chart(chart: BarChart) -> Markup:
    parts, y = [], 0
    for bar in chart.bars:
        for line in label_lines(bar.label):
            y += LINE
            parts.append(TEXT.format(0, y - 3, line))
        share = min(max(bar.value / chart.scale, 0), 1) if chart.scale else 0
        parts.append(RECT.format(y + 2, BAR, "#eef1f5"))
        parts.append(RECT.format(y + 2, f"{share * BAR:.1f}", "#2f6f9f"))
        parts.append(TEXT.format(BAR + 6, y + 12, bar.text))
        y += 22
    return SVG.format(WIDTH, y + 2, chart.title, chart.title, Markup("").join(parts))
