"""The disposal report (``fonds due``) in every format: text, JSON, CSV, Markdown and GitHub
annotations, all rendering the same ``DueReport`` values."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..retention.assessment import State
from ..retention.due import DueItem, DueReport
from .formats import csv_text, json_document, md_text, plural, text_table, workflow_command
from .registry import Renderers

DUE_COLUMNS = ("state", "due", "action", "id", "title", "class", "rule", "holds", "location", "note")
_ANNOTATION_KIND = {
    State.OVERDUE: "error",
    State.DUE: "warning",
    State.ON_HOLD: "notice",
    State.ELIGIBLE: "notice",
}


def due_summary(report: DueReport) -> dict[str, Any]:
    listed = {
        state: sum(1 for i in report.items if i.state.value == state)
        for state in (State.OVERDUE.value, State.DUE.value, State.ON_HOLD.value, State.ELIGIBLE.value)
    }
    return {"records": report.records, "listed": len(report.items), **listed, "states": dict(report.counts)}


def _cells(item: DueItem) -> list[str]:
    row = item.row()
    return [
        str(row["state"]),
        str(row["due"] or ""),
        str(row["action"]),
        item.id,
        item.title,
        item.class_code,
        item.rule,
        " ".join(item.holds),
        item.location,
        item.note,
    ]


def _json(report: DueReport) -> str:
    return json_document(
        {
            "as_of": report.as_of.isoformat(),
            "within": str(report.within),
            "items": [item.row() for item in report.items],
            "summary": due_summary(report),
        }
    )


def _csv(report: DueReport) -> str:
    return csv_text(DUE_COLUMNS, [_cells(item) for item in report.items])


def _github(report: DueReport) -> str:
    lines = [_github_due(item) for item in report.items]
    lines.append(_due_summary_line(report, due_summary(report)))
    return "\n".join(lines) + "\n"


def _heading(report: DueReport) -> str:
    return f"Disposal report as of {report.as_of.isoformat()}" + (
        f", due within {report.within}" if not report.within.is_zero else ""
    )


def _markdown(report: DueReport) -> str:
    lines = [
        f"# {_heading(report)}",
        "",
        "| " + " | ".join(c.capitalize() for c in DUE_COLUMNS) + " |",
        "|" + " --- |" * len(DUE_COLUMNS),
    ]
    lines += ["| " + " | ".join(md_text(c) for c in _cells(item)) + " |" for item in report.items]
    lines += ["", _due_summary_line(report, due_summary(report))]
    return "\n".join(lines) + "\n"


_TEXT_LIMITS = {4: 48, 8: 36}
"""Titles and locations are cut in text; the other formats keep them whole."""


def _text(report: DueReport) -> str:
    rows = [_cells(item) for item in report.items]
    lines = [_heading(report), ""]
    if rows:
        lines += text_table([c.upper() for c in DUE_COLUMNS], rows, _TEXT_LIMITS)
    else:
        lines.append("Nothing is due.")
    lines += ["", _due_summary_line(report, due_summary(report))]
    return "\n".join(lines) + "\n"


DUE_RENDERERS: Renderers[DueReport] = Renderers(
    "disposal",
    {"text": _text, "json": _json, "csv": _csv, "md": _markdown, "github": _github},
)
REPORT_FORMATS = DUE_RENDERERS.formats


def render_due(report: DueReport, fmt: str) -> str:
    return DUE_RENDERERS.render(report, fmt)


def _due_summary_line(report: DueReport, summary: Mapping[str, Any]) -> str:
    parts = [f"{summary['overdue']} overdue", f"{summary['due']} due", f"{summary['on-hold']} on hold"]
    parts += [f"{summary['eligible']} eligible"] if summary["eligible"] else []
    return f"{', '.join(parts)} ({plural(report.records, 'record')} in the catalogue)"


def _github_due(item: DueItem) -> str:
    when = item.due.isoformat() if item.due else "?"
    verb = {
        State.OVERDUE: "was due",
        State.DUE: "is due",
        State.ON_HOLD: "is held back (was due)",
        State.ELIGIBLE: "may be done from",
    }[item.state]
    message = f"{item.id} ({item.title}): {item.action} {verb} {when} under {item.rule or 'no rule'}"
    if item.holds:
        message += f"; held by {', '.join(item.holds)}"
    what = _ANNOTATION_SUBJECT.get(item.action, "disposal")
    title = {
        State.OVERDUE: f"Overdue {what}",
        State.DUE: f"{what.capitalize()} due",
        State.ON_HOLD: f"{what.capitalize()} on hold",
        State.ELIGIBLE: f"{what.capitalize()} eligible",
    }
    return workflow_command(_ANNOTATION_KIND[item.state], item.file, 1, 1, title[item.state], message)


_ANNOTATION_SUBJECT = {
    "vital-review": "vital record review",
    "security-review": "security review",
    "declassify": "declassification",
    "return": "return of a charged-out file",
    "review": "retention review",
    "respond": "answer to a request",
}
"""What an annotation is about, by action; anything else (move, destroy, transfer) is a disposal."""
