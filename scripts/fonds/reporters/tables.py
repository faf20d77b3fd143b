"""One table in every report format: what the custody commands (inventory, audit, checkouts)
print. Each cell is made safe where it lands (``csv_safe`` in CSV, ``md_text`` in Markdown,
control characters escaped in text); JSON carries the values as they are."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .formats import csv_text, md_text

TABLE_FORMATS = ("text", "json", "csv", "md")
TEXT_LIMIT = 48
"""Longer cells are cut in text (with …); the other formats keep them whole."""


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    columns: tuple[str, ...]
    rows: tuple[Mapping[str, Any], ...]
    summary: Mapping[str, Any] = field(default_factory=dict)
    """Totals: the JSON ``summary`` object, the line under the text and Markdown tables."""
    footer: str = ""
    empty: str = "Nothing to list."
    notes: tuple[str, ...] = ()
    """Lines printed after the table (text, Markdown) and as ``notes`` in JSON."""


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _terminal(text: str) -> str:
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _text(table: Table) -> str:
    heads = [c.upper() for c in table.columns]
    rows = [[_terminal(cell(row.get(c))) for c in table.columns] for row in table.rows]
    rows = [[c if len(c) <= TEXT_LIMIT else c[: TEXT_LIMIT - 1] + "…" for c in row] for row in rows]
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(heads)]
    lines = [_terminal(table.title), ""]
    if rows:
        lines.append("  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)).rstrip())
        lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    else:
        lines.append(table.empty)
    lines += ["", *(_terminal(n) for n in table.notes)] if table.notes else []
    if table.footer:
        lines += ["", _terminal(table.footer)]
    return "\n".join(lines) + "\n"


def _markdown(table: Table) -> str:
    lines = [f"# {md_text(table.title)}", ""]
    if table.rows:
        lines.append("| " + " | ".join(md_text(c) for c in table.columns) + " |")
        lines.append("|" + "---|" * len(table.columns))
        lines += [
            "| " + " | ".join(md_text(cell(r.get(c))) for c in table.columns) + " |" for r in table.rows
        ]
    else:
        lines.append(md_text(table.empty))
    lines += ["", *(f"- {md_text(n)}" for n in table.notes)] if table.notes else []
    if table.footer:
        lines += ["", md_text(table.footer)]
    return "\n".join(lines) + "\n"


def render_table(table: Table, fmt: str) -> str:
    """``table`` as ``fmt`` (one of ``TABLE_FORMATS``)."""
    if fmt == "json":
        payload = {
            "title": table.title,
            "summary": dict(table.summary),
            "rows": [dict(r) for r in table.rows],
        }
        if table.notes:
            payload["notes"] = list(table.notes)
        return json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n"
    if fmt == "csv":
        return csv_text(table.columns, [[cell(r.get(c)) for c in table.columns] for r in table.rows])
    if fmt == "md":
        return _markdown(table)
    return _text(table)


def tables(parts: Sequence[Table], fmt: str) -> str:
    """Several tables one after another (JSON: a list; CSV: only the first, the others are
    summaries the text formats show)."""
    if fmt == "json":
        return "[\n" + ",\n".join(render_table(t, fmt).rstrip("\n") for t in parts) + "\n]\n"
    if fmt == "csv":
        return render_table(parts[0], fmt)
    return "\n".join(render_table(t, fmt) for t in parts)
