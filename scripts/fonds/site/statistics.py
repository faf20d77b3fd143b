"""The Statistics page and its downloads, from the audience-filtered catalogue only.

``publish`` calls these with the model it filtered for the audience, so no chart or figure
can count a hidden record; below the operational audience the operational figures (states,
holds, charge-outs, requests) are not computed at all (``reporting/statistics.py``).
"""

from __future__ import annotations

import json

from ..reporting.charts import Chart, bar_chart, column_chart
from ..reporting.statistics import Dimension, Statistics, Table, statistics
from ..reporting.statistics_formats import cell_text, render_statistics, statistics_payload, table_csv
from .context import Page, SiteContext
from .html import esc, table

SRC = "reports/statistics.md"
BY: tuple[Dimension, ...] = ("department", "format", "state")
ORDER = ("holdings", "growth", "activity", "states", "requests", "requests-by-type")
"""The page's order: the totals and the trends first, then the breakdowns."""
DOWNLOADS = ("downloads/statistics.json", "downloads/statistics.csv")


def site_statistics(ctx: SiteContext, operational: bool) -> Statistics:
    return statistics(ctx.catalogue, ctx.as_of, operational=operational, by=BY, period="fiscal-year")


def statistics_files(stats: Statistics) -> dict[str, str]:
    """The figures as JSON, as one long CSV, and one CSV per table."""
    files = {
        "downloads/statistics.json": json.dumps(statistics_payload(stats), indent=2, ensure_ascii=False)
        + "\n",
        "downloads/statistics.csv": render_statistics(stats, "csv"),
    }
    files |= {f"downloads/statistics/{t.key}.csv": table_csv(t) for t in stats.tables}
    return files


def _data_table(t: Table) -> str:
    rows = [[esc(cell_text(c)) for c in row] for row in t.rows]
    return table([c.replace("_", " ") for c in t.columns], rows, filterable=False, caption=t.title)


def _numbers(t: Table, column: int) -> list[float]:
    return [float(row[column]) if isinstance(row[column], int | float) else 0.0 for row in t.rows]


def _figure(t: Table, chart: str) -> str:
    return (
        f'<section class="fonds-figure" id="{esc(t.key)}"><h2>{esc(t.title)}</h2>'
        + (f"<p>{esc(t.description)}</p>" if t.description else "")
        + f'<div class="fonds-chart-pair">{chart}{_data_table(t)}</div></section>'
    )


def _bars(t: Table, what: str) -> str:
    labels = [cell_text(row[0]) for row in t.rows]
    chart = Chart(
        f"chart-{t.key}",
        t.title,
        f"Bar chart of {what} per {t.columns[0]}: "
        + "; ".join(f"{label} {cell_text(row[1])}" for label, row in zip(labels, t.rows, strict=True))
        + ".",
    )
    return bar_chart(chart, labels, _numbers(t, 1), escape=esc)


def _columns(t: Table, columns: range, *, line: bool) -> str:
    labels = [cell_text(row[0]) for row in t.rows]
    names = [t.columns[i].replace("_", " ") for i in columns]
    kind = "Line chart" if line else "Column chart"
    chart = Chart(
        f"chart-{t.key}",
        t.title,
        f"{kind} of {', '.join(names)} per {t.columns[0]}, from {labels[0]} to {labels[-1]}; "
        "the table beside it gives every value.",
    )
    series = [(t.columns[i].replace("_", " "), _numbers(t, i)) for i in columns]
    return column_chart(chart, labels, series, line=line, escape=esc)


def _section(t: Table) -> str:
    if not t.rows:
        return f"<h2>{esc(t.title)}</h2><p>Nothing to count.</p>"
    if t.key == "holdings" or t.key == "requests":
        return f"<h2>{esc(t.title)}</h2>" + _data_table(t)
    if t.key == "growth":
        return _figure(t, _columns(t, range(1, 2), line=False))
    if t.key == "activity":
        return _figure(t, _columns(t, range(1, len(t.columns)), line=True))
    return _figure(t, _bars(t, t.columns[1]))


def _place(t: Table) -> int:
    return ORDER.index(t.key) if t.key in ORDER else len(ORDER)


def statistics_page(ctx: SiteContext, stats: Statistics) -> Page:
    downloads = "".join(
        f'<li><a href="{esc(ctx.href(SRC, "index.md") + name)}" download>{esc(name.split("/")[-1])}</a></li>'
        for name in DOWNLOADS
    )
    body = (
        f"<h1>Statistics</h1><p>As of {esc(ctx.as_of.isoformat())}: the records this site shows, "
        "their volume, growth and activity. Every chart has its figures in the table beside it.</p>"
        + "".join(_section(t) for t in sorted(stats.tables, key=_place))
        + f"<h2>The same figures as files</h2><ul>{downloads}</ul>"
    )
    return Page(SRC, "Statistics", body)
