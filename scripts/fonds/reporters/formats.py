"""Rendering results: one set of values, several formats (text, JSON, CSV, Markdown, GitHub).

Every renderer returns the whole output as one string ending in a newline; the same values
always give the same bytes, so reports can be compared and kept under version control.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..diagnostics import Diagnostic, Severity, count
from ..retention.assessment import State
from ..retention.due import DueItem, DueReport

FORMATS = ("text", "json", "github")
REPORT_FORMATS = ("text", "json", "csv", "md", "github")


def diagnostics_summary(diagnostics: Sequence[Diagnostic], records: int) -> dict[str, int]:
    return {
        "records": records,
        "errors": count(diagnostics, Severity.ERROR),
        "warnings": count(diagnostics, Severity.WARNING),
    }


def render_diagnostics(diagnostics: Sequence[Diagnostic], summary: Mapping[str, int], fmt: str) -> str:
    if fmt == "json":
        payload: dict[str, Any] = {
            "diagnostics": [
                {
                    "file": d.file,
                    "line": d.line,
                    "column": d.column,
                    "code": d.code,
                    "severity": d.severity.value,
                    "message": d.message,
                    "path": d.path,
                }
                for d in diagnostics
            ],
            "summary": dict(summary),
        }
        return _json(payload)
    lines = [github_annotation(d) if fmt == "github" else d.render() for d in diagnostics]
    lines.append(
        _plural(summary["records"], "record") + " checked: "
        f"{_plural(summary['errors'], 'error')}, {_plural(summary['warnings'], 'warning')}"
    )
    return "\n".join(lines) + "\n"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _json(payload: Any) -> str:
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _workflow_command(kind: str, file: str, line: int, column: int, title: str, message: str) -> str:
    props = [f"file={_escape_property(file)}"]
    if line:
        props += [f"line={line}", f"col={column}"]
    props.append(f"title={_escape_property(title)}")
    return f"::{kind} {','.join(props)}::{_escape_data(message)}"


def github_annotation(d: Diagnostic) -> str:
    """A GitHub Actions workflow command, so the finding shows on the pull request's diff."""
    kind = "error" if d.severity is Severity.ERROR else "warning"
    return _workflow_command(kind, d.file, d.line, d.column, f"fonds {d.code}", d.message)


# The disposal report (fonds due)

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


def render_due(report: DueReport, fmt: str) -> str:
    summary = due_summary(report)
    if fmt == "json":
        return _json(
            {
                "as_of": report.as_of.isoformat(),
                "within": str(report.within),
                "items": [item.row() for item in report.items],
                "summary": summary,
            }
        )
    if fmt == "csv":
        return csv_text(DUE_COLUMNS, [_cells(item) for item in report.items])
    if fmt == "github":
        lines = [_github_due(item) for item in report.items]
        lines.append(_due_summary_line(report, summary))
        return "\n".join(lines) + "\n"
    heading = f"Disposal report as of {report.as_of.isoformat()}" + (
        f", due within {report.within}" if not report.within.is_zero else ""
    )
    if fmt == "md":
        lines = [
            f"# {heading}",
            "",
            "| " + " | ".join(c.capitalize() for c in DUE_COLUMNS) + " |",
            "|" + " --- |" * len(DUE_COLUMNS),
        ]
        lines += ["| " + " | ".join(md_text(c) for c in _cells(item)) + " |" for item in report.items]
        lines += ["", _due_summary_line(report, summary)]
        return "\n".join(lines) + "\n"
    return _text_table(heading, [_cells(item) for item in report.items], _due_summary_line(report, summary))


_LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
"""Every line break ``str.splitlines`` knows: in a cell, each would split the row for some reader
(Python's csv module does not even quote a bare CR)."""
_FORMULA_START = tuple("=+-@\uff1d\uff0b\uff0d\uff20")
"""What makes a spreadsheet run a cell as a formula (with the full-width forms some accept)."""


def csv_safe(cell: str) -> str:
    """``cell`` on one line, quoted with ``'`` when a spreadsheet would run it as a formula (OWASP
    "CSV injection"): one that begins with ``= + - @``, a tab or a line break, or with blanks or
    tabs before one of those. Line breaks inside the cell become spaces, so every row of a fonds
    CSV is exactly one line, however it is read."""
    lead = cell[:1]
    one_line = _LINE_BREAKS.sub(" ", cell)
    guarded = lead in ("\t", "\r", "\n") or one_line.lstrip(" \t\u00a0\u3000")[:1] in _FORMULA_START
    return "'" + one_line if guarded else one_line


_MD_INERT = {c: f"&#{ord(c)};" for c in "\\`*_[]|{}~"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
"""Characters that make Markdown syntax (escapes, code, emphasis, the brackets of every link and
image, table cells, attribute lists, strikethrough, HTML), written as character references:
every Markdown renderer (GitHub's, Python-Markdown's) shows them and never reads them as
syntax. Without its brackets, ``(url)`` is plain text."""
_MD_ZWSP = "&#8203;"
"""A zero-width space: GitHub finds ``@name`` mentions, ``#123`` references and ``http://`` or
``www.`` autolinks in the rendered text, so one inside each breaks it (as Dependabot does)."""


_AUTOLINKED = ("http", "https", "ftp")
"""The schemes GitHub turns into links by themselves (``edms://`` stays as it is)."""


def md_text(value: str) -> str:
    """``value`` as inert Markdown, on one line: shown exactly, never a link, image, mention,
    issue reference, HTML or a new table cell, wherever it is pasted (a pull request, MkDocs)."""
    text = " ".join(value.split())
    out = []
    for index, char in enumerate(text):
        after = text[index + 1 : index + 3]
        before = text[max(0, index - 5) : index].lower()
        if (char == ":" and after == "//" and before.endswith(_AUTOLINKED)) or (
            char == "." and before.endswith("www")
        ):
            out.append(_MD_ZWSP)
        out.append(_MD_INERT.get(char, char))
        if char in "@#" and after[:1].isalnum():
            out.append(_MD_ZWSP)
    return "".join(out)


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A whole CSV file (a header, then one line per row), every cell through ``csv_safe``: the
    only way fonds writes CSV."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_safe(str(column)) for column in columns])
    writer.writerows([csv_safe(str(cell)) for cell in row] for row in rows)
    return buffer.getvalue()


def _text_table(heading: str, rows: list[list[str]], footer: str) -> str:
    columns = [c.upper() for c in DUE_COLUMNS]
    widths = [len(c) for c in columns]
    limits = {4: 48, 8: 36}  # titles and locations are cut in text; the other formats keep them whole
    shown = [
        [
            cell if len(cell) <= limits.get(i, 10_000) else cell[: limits[i] - 1] + "…"
            for i, cell in enumerate(row)
        ]
        for row in rows
    ]
    for row in shown:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    lines = [heading, ""]
    if shown:
        lines.append("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
        lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in shown]
    else:
        lines.append("Nothing is due.")
    lines += ["", footer]
    return "\n".join(lines) + "\n"


def _due_summary_line(report: DueReport, summary: Mapping[str, Any]) -> str:
    parts = [f"{summary['overdue']} overdue", f"{summary['due']} due", f"{summary['on-hold']} on hold"]
    parts += [f"{summary['eligible']} eligible"] if summary["eligible"] else []
    return f"{', '.join(parts)} ({_plural(report.records, 'record')} in the catalogue)"


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
    return _workflow_command(_ANNOTATION_KIND[item.state], item.file, 1, 1, title[item.state], message)


_ANNOTATION_SUBJECT = {
    "vital-review": "vital record review",
    "security-review": "security review",
    "declassify": "declassification",
    "return": "return of a charged-out file",
    "review": "retention review",
    "respond": "answer to a request",
}
"""What an annotation is about, by action; anything else (move, destroy, transfer) is a disposal."""
