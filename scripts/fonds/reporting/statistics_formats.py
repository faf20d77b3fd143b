"""``Statistics`` as text, JSON, CSV and Markdown: the same values in every format."""

from __future__ import annotations

from typing import Any

from ..reporters.formats import csv_text, json_document, md_text
from ..reporters.registry import Renderers
from .statistics import Cell, Statistics, Table
from .volume import figure


def cell_text(value: Cell) -> str:
    return figure(value) if isinstance(value, float) else str(value)


def statistics_payload(stats: Statistics) -> dict[str, Any]:
    return {
        "as_of": stats.as_of.isoformat(),
        "operational": stats.operational,
        "tables": [
            {
                "key": t.key,
                "title": t.title,
                "description": t.description,
                "columns": list(t.columns),
                "rows": [dict(zip(t.columns, row, strict=True)) for row in t.rows],
            }
            for t in stats.tables
        ],
    }


def table_csv(table: Table) -> str:
    return csv_text(table.columns, ([cell_text(c) for c in row] for row in table.rows))


def _json(stats: Statistics) -> str:
    return json_document(statistics_payload(stats))


def _csv(stats: Statistics) -> str:
    rows = (
        (t.key, cell_text(row[0]), column, cell_text(value))
        for t in stats.tables
        for row in t.rows
        for column, value in zip(t.columns[1:], row[1:], strict=True)
    )
    return csv_text(("table", "row", "column", "value"), rows)


def _md(stats: Statistics) -> str:
    return "\n".join(_markdown(t) for t in stats.tables)


def _text_report(stats: Statistics) -> str:
    return f"Statistics as of {stats.as_of.isoformat()}\n\n" + "\n".join(_text(t) for t in stats.tables)


STATS_RENDERERS: Renderers[Statistics] = Renderers(
    "statistics", {"text": _text_report, "json": _json, "csv": _csv, "md": _md}
)
STATS_FORMATS = STATS_RENDERERS.formats


def render_statistics(stats: Statistics, fmt: str) -> str:
    return STATS_RENDERERS.render(stats, fmt)


def _markdown(table: Table) -> str:
    lines = [f"## {md_text(table.title)}", ""]
    if table.description:
        lines += [md_text(table.description), ""]
    if not table.rows:
        return "\n".join([*lines, "Nothing to count.", ""])
    lines.append("| " + " | ".join(md_text(c) for c in table.columns) + " |")
    lines.append("|" + "|".join(" --- " if i == 0 else " ---: " for i in range(len(table.columns))) + "|")
    lines += ["| " + " | ".join(md_text(cell_text(c)) for c in row) + " |" for row in table.rows]
    return "\n".join([*lines, ""])


def _text(table: Table) -> str:
    lines = [table.title, "=" * len(table.title)]
    if not table.rows:
        return "\n".join([*lines, "Nothing to count.", ""])
    cells = [list(table.columns), *([cell_text(c) for c in row] for row in table.rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.columns))]
    for row in cells:
        parts = [row[0].ljust(widths[0]), *(c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True))]
        lines.append("  ".join(parts).rstrip())
    return "\n".join([*lines, ""])
