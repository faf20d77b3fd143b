"""Charts as inline SVG, made in Python: no JavaScript library, no CDN, the same bytes every
time. Each chart is an image for assistive technology (``role="img"``, a ``<title>`` and a
``<desc>`` named by ``aria-labelledby``); the page puts its data table beside it. Every label
goes through ``escape`` (the site passes ``site.html.esc``), so no catalogue value can add
markup. Coordinates are written with one decimal, so the output is stable across platforms.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Escape = Callable[[object], str]
PALETTE = ("#1f5f99", "#c2571a", "#2e7d32", "#6a3d9a", "#8c6d1f", "#b0245e", "#00796b", "#555555")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4", "3 6")
"""A dash pattern per series, so lines differ without colour too."""
FONT = 'font-family="sans-serif" font-size="12"'


@dataclass(frozen=True, slots=True)
class Chart:
    ident: str
    """Unique on the page: the ids of its title and description derive from it."""
    title: str
    description: str


def _default_escape(value: object) -> str:
    return html.escape(str(value), quote=True)


def _n(value: float) -> str:
    return f"{value:.1f}"


def _open(chart: Chart, width: float, height: float, escape: Escape) -> str:
    ident = escape(chart.ident)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="fonds-chart" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="{_n(width)}" height="{_n(height)}">'
        f'<title id="{ident}-title">{escape(chart.title)}</title>'
        f'<desc id="{ident}-desc">{escape(chart.description)}</desc>'
    )


def _value(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def bar_chart(
    chart: Chart, labels: Sequence[str], values: Sequence[float], *, escape: Escape = _default_escape
) -> str:
    """Horizontal bars, one per label, each with its value written after it."""
    label_width, bar_width, row = 200.0, 340.0, 24.0
    width, height = label_width + bar_width + 70.0, row * len(labels) + 10.0
    top = max((float(v) for v in values), default=0.0) or 1.0
    parts = [_open(chart, width, height, escape)]
    for index, (name, value) in enumerate(zip(labels, values, strict=True)):
        y = 5.0 + index * row
        length = bar_width * float(value) / top
        short = name if len(name) <= 30 else name[:29] + "…"
        parts.append(
            f'<text x="{_n(label_width - 6)}" y="{_n(y + 16)}" text-anchor="end" {FONT}>{escape(short)}</text>'
            f'<rect x="{_n(label_width)}" y="{_n(y + 3)}" width="{_n(length)}" height="{_n(row - 8)}" '
            f'fill="{PALETTE[0]}"/>'
            f'<text x="{_n(label_width + length + 4)}" y="{_n(y + 16)}" {FONT}>{escape(_value(value))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def column_chart(
    chart: Chart,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    line: bool = False,
    escape: Escape = _default_escape,
) -> str:
    """Columns (one series) or lines (``line=True``, any number of series) over ``labels``,
    with a zero baseline, the highest value marked on the axis, and a legend for lines."""
    left, right, top_pad, plot_h = 40.0, 10.0, 10.0, 180.0
    step = max(14.0, min(48.0, 560.0 / max(len(labels), 1)))
    width = left + step * len(labels) + right
    legend = 18.0 * len(series) if line else 0.0
    height = top_pad + plot_h + 60.0 + legend
    top = max((float(v) for _, values in series for v in values), default=0.0) or 1.0
    base = top_pad + plot_h
    parts = [
        _open(chart, width, height, escape),
        f'<line x1="{_n(left)}" y1="{_n(base)}" x2="{_n(width - right)}" y2="{_n(base)}" stroke="#333"/>',
        f'<text x="{_n(left - 4)}" y="{_n(top_pad + 4)}" text-anchor="end" {FONT}>{escape(_value(top))}</text>',
        f'<text x="{_n(left - 4)}" y="{_n(base)}" text-anchor="end" {FONT}>0</text>',
    ]
    every = max(1, len(labels) // 12)
    for index, name in enumerate(labels):
        if index % every == 0:
            x = left + step * index + step / 2
            parts.append(
                f'<text x="{_n(x)}" y="{_n(base + 14)}" text-anchor="end" '
                f'transform="rotate(-45 {_n(x)} {_n(base + 14)})" {FONT}>{escape(name)}</text>'
            )
    for number, (name, values) in enumerate(series):
        colour = PALETTE[number % len(PALETTE)]
        points = [(left + step * i + step / 2, base - plot_h * float(v) / top) for i, v in enumerate(values)]
        if line:
            dash = DASHES[number % len(DASHES)]
            path = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"'
                + (f' stroke-dasharray="{dash}"' if dash else "")
                + "/>"
            )
            parts += [f'<circle cx="{_n(x)}" cy="{_n(y)}" r="2.5" fill="{colour}"/>' for x, y in points]
            y = base + 60.0 + 18.0 * number
            parts.append(
                f'<line x1="{_n(left)}" y1="{_n(y - 4)}" x2="{_n(left + 24)}" y2="{_n(y - 4)}" '
                f'stroke="{colour}" stroke-width="2"' + (f' stroke-dasharray="{dash}"' if dash else "") + "/>"
                f'<text x="{_n(left + 30)}" y="{_n(y)}" {FONT}>{escape(name)}</text>'
            )
        else:
            parts += [
                f'<rect x="{_n(x - step * 0.35)}" y="{_n(y)}" width="{_n(step * 0.7)}" '
                f'height="{_n(base - y)}" fill="{colour}"/>'
                for x, y in points
            ]
    parts.append("</svg>")
    return "".join(parts)
