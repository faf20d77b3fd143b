"""Rendering ``fonds find`` and ``fonds show``: the same values as text, JSON, CSV or Markdown.

Every value passes through ``terminal.safe`` (or its JSON form), so a title holding an
escape sequence prints as the escape, never as a command to the terminal; CSV cells that a
spreadsheet would run as a formula are quoted (``formats.csv_safe``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..lookup.record_view import RecordView
from ..lookup.search import Found, Match
from ..terminal import json_text, safe
from .formats import csv_text
from .registry import Renderers

FIND_COLUMNS = ("id", "title", "class", "location", "state", "matched")
TITLE_WIDTH = 60


def match_row(match: Match) -> dict[str, Any]:
    record = match.record
    return {
        "id": record.id,
        "title": record.title,
        "class": record.class_code or "",
        "location": record.location or record.uri or "",
        "state": match.assessment.state.value,
        "matched": match.matched,
    }


def _found_json(found: Found) -> str:
    return json_text(
        {
            "query": found.query.text,
            "as_of": found.as_of.isoformat(),
            "total": found.total,
            "records": [match_row(match) for match in found.matches],
        }
    )


def _found_cells(found: Found) -> list[list[str]]:
    rows = [match_row(match) for match in found.matches]
    return [[safe(str(row[c])) for c in FIND_COLUMNS] for row in rows]


def _found_csv(found: Found) -> str:
    return csv_text(FIND_COLUMNS, _found_cells(found))


def _found_markdown(found: Found) -> str:
    lines = [
        "| " + " | ".join(c.capitalize() for c in FIND_COLUMNS) + " |",
        "|" + " --- |" * len(FIND_COLUMNS),
        *("| " + " | ".join(_md(cell) for cell in row) + " |" for row in _found_cells(found)),
        "",
        _footer(found),
    ]
    return "\n".join(lines) + "\n"


def _found_text(found: Found) -> str:
    cells = _found_cells(found)
    return table([c.upper() for c in FIND_COLUMNS[:5]], [row[:5] for row in cells], _footer(found))


FIND_RENDERERS: Renderers[Found] = Renderers(
    "find", {"text": _found_text, "json": _found_json, "csv": _found_csv, "md": _found_markdown}
)
FIND_FORMATS = FIND_RENDERERS.formats


def render_found(found: Found, fmt: str) -> str:
    return FIND_RENDERERS.render(found, fmt)


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def _footer(found: Found) -> str:
    if not found.total:
        return "No record matches."
    shown = len(found.matches)
    noun = "record matches" if found.total == 1 else "records match"
    more = f" (the first {shown} shown; --limit for more)" if shown < found.total else ""
    return f"{found.total} {noun}{more}."


def table(columns: list[str], rows: list[list[str]], footer: str) -> str:
    """Columns padded to their widest cell; titles cut at ``TITLE_WIDTH``."""
    shown = [
        [
            cell if i != 1 or len(cell) <= TITLE_WIDTH else cell[: TITLE_WIDTH - 1] + "…"
            for i, cell in enumerate(row)
        ]
        for row in rows
    ]
    widths = [max([len(c), *(len(row[i]) for row in shown)]) for i, c in enumerate(columns)]
    lines = []
    if shown:
        lines.append("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
        lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in shown]
        lines.append("")
    lines.append(footer)
    return "\n".join(lines) + "\n"


# fonds show


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _marking_json(view: RecordView) -> dict[str, Any]:
    m = view.marking
    return {
        "level": {"value": m.level, "from": m.level_from.describe()},
        "caveats": {"value": list(m.caveats), "from": m.caveats_from.describe()},
        "access": {"groups": list(m.groups), "people": list(m.people), "from": m.access_from.describe()},
        "review_on": {"value": _iso(m.review_on), "from": m.review_from.describe()},
        "declassify_on": {"value": _iso(m.declassify_on), "from": m.declassify_from.describe()},
    }


def view_json(view: RecordView) -> dict[str, Any]:
    r, a = view.record, view.assessment
    charge = view.charge_out
    return {
        "id": r.id,
        "title": r.title,
        "file": r.file,
        "as_of": view.as_of.isoformat(),
        "class": [{"code": c.code, "title": c.title} for c in view.class_chain] or r.class_code,
        "dates": {"created": _iso(r.created), "closed": _iso(r.closed)},
        "events": {name: day.isoformat() for name, day in sorted(r.events.items())},
        "department": {"code": r.department, "name": view.department} if r.department else None,
        "creator": r.creator,
        "format": r.format,
        "extent": {"quantity": r.extent.quantity, "unit": r.extent.unit} if r.extent else None,
        "description": r.description,
        "keywords": list(r.keywords),
        "barcode": r.barcode,
        "uri": r.uri,
        "status": r.status,
        "fields": dict(r.fields),
        "notes": r.notes,
        "security": _marking_json(view),
        "retention": {
            "rule": a.rule_ref,
            "rule_text": view.rule_text,
            "override_reason": a.override_reason,
            "state": a.state.value,
            "action": a.action.value if a.action else None,
            "due": _iso(a.due),
            "waiting_for": a.waiting_for,
            "note": a.note,
        },
        "location": [
            {"id": p.id, "type": p.type, "title": p.title, "barcode": p.barcode} for p in view.places
        ]
        or r.location,
        "holds": [{"id": c.hold.id, "title": c.hold.title, "status": c.status} for c in view.holds],
        "charge_out": {
            "to": charge.to,
            "since": _iso(charge.since),
            "due": _iso(charge.due),
            "overdue": view.charge_overdue,
        }
        if charge
        else None,
        "relations": [
            {"type": k.label, "target": k.target, "title": k.title, "note": k.note} for k in view.links
        ],
        "disposition": {
            "action": r.disposition.action,
            "date": _iso(r.disposition.date),
            "authority": r.disposition.authority,
            "certificate": r.disposition.certificate,
        }
        if r.disposition
        else None,
    }


def _part(value: str, origin: str) -> str:
    return f"{value} ({origin})" if value else f"none ({origin})"


def _view_lines(view: RecordView) -> list[tuple[str, str | None]]:
    r, m = view.record, view.marking
    chain = view.class_chain
    rows: list[tuple[str, str | None]] = [
        ("Class", f"{chain[0].code} {chain[0].title}" if chain else r.class_code or ""),
        ("Under", ", ".join(f"{c.code} {c.title}" for c in chain[1:])),
        ("Created", _iso(r.created) or ""),
        ("Closed", _iso(r.closed) or "open"),
        ("Events", ", ".join(f"{name} {day.isoformat()}" for name, day in sorted(r.events.items()))),
        (
            "Department",
            f"{r.department} ({view.department})" if r.department and view.department else r.department or "",
        ),
        ("Creator", r.creator),
        ("Format", r.format or ""),
        ("Extent", f"{r.extent.quantity:g} {r.extent.unit}" if r.extent else ""),
        ("Keywords", ", ".join(r.keywords)),
        ("Barcode", r.barcode or ""),
        ("URI", r.uri or ""),
        ("Status", r.status),
        *((f"Field {name}", str(value)) for name, value in sorted(r.fields.items())),
        ("Description", r.description),
        ("Notes", r.notes),
        ("Security", None),
        ("Level", _part(m.level, m.level_from.describe())),
        ("Caveats", _part(", ".join(m.caveats), m.caveats_from.describe())),
        ("Access list", _part(_access(view), m.access_from.describe())),
    ]
    if m.review_on:
        rows.append(("Review on", _part(m.review_on.isoformat(), m.review_from.describe())))
    if m.declassify_on:
        rows.append(("Declassify on", _part(m.declassify_on.isoformat(), m.declassify_from.describe())))
    return rows + _retention_lines(view) + _where_lines(view)


def _access(view: RecordView) -> str:
    m = view.marking
    parts = [f"groups {', '.join(m.groups)}"] if m.groups else []
    parts += [f"people {', '.join(m.people)}"] if m.people else []
    return "; ".join(parts)


def _retention_lines(view: RecordView) -> list[tuple[str, str | None]]:
    a = view.assessment
    rule = f"{a.rule_ref}: {view.rule_text}" if view.rule_text else "no retention rule applies"
    rows: list[tuple[str, str | None]] = [(f"Retention on {view.as_of.isoformat()}", None), ("Rule", rule)]
    if a.override_reason:
        rows.append(("Override", a.override_reason))
    rows.append(("State", view.state_label))
    if a.action is not None:
        rows.append(("Next action", f"{view.action_label} on {_iso(a.due) or '?'}"))
    if a.waiting_for:
        rows.append(("Waiting for", a.waiting_for))
    if a.note:
        rows.append(("Note", a.note))
    disposition = view.record.disposition
    if disposition is not None:
        done = f"{disposition.action} on {_iso(disposition.date) or '?'} under {disposition.authority}"
        rows.append(
            (
                "Disposition",
                done + (f" (certificate {disposition.certificate})" if disposition.certificate else ""),
            )
        )
    return rows


def _where_lines(view: RecordView) -> list[tuple[str, str | None]]:
    rows: list[tuple[str, str | None]] = [("Location", None)]
    for index, place in enumerate(view.places):
        barcode = f", barcode {place.barcode}" if place.barcode else ""
        rows.append(("In" if index else "At", f"{place.id} ({place.type}{barcode}): {place.title}"))
    if not view.places:
        rows.append(("At", view.record.location or view.record.uri or "nowhere recorded"))
    charge = view.charge_out
    if charge is not None:
        due = (
            f", due {charge.due.isoformat()}" + (" (overdue)" if view.charge_overdue else "")
            if charge.due
            else ""
        )
        rows.append(("Charged out", f"to {charge.to} since {_iso(charge.since) or '?'}{due}"))
    rows += [("Holds", None)]
    rows += [(c.hold.id, f"{c.hold.title} ({c.status})") for c in view.holds] or [("", "none")]
    rows += [("Relations", None)]
    rows += [
        (k.label, f"{k.target}" + (f": {k.title}" if k.title else " (not in the catalogue)"))
        for k in view.links
    ] or [("", "none")]
    return rows


def _view_text(view: RecordView) -> str:
    lines = [f"{safe(view.record.id)}  {safe(view.record.title)}", f"File: {safe(view.record.file)}"]
    for label, value in [("Record", None), *_view_lines(view)]:
        if value is None:
            lines += ["", label]
        elif value:
            lines.append(f"  {(safe(label) + ':') if label else '':<14} {safe(value)}")
    return "\n".join(lines) + "\n"


def _view_json(view: RecordView) -> str:
    return json_text(view_json(view))


SHOW_RENDERERS: Renderers[RecordView] = Renderers("show", {"text": _view_text, "json": _view_json})
SHOW_FORMATS = SHOW_RENDERERS.formats


def render_view(view: RecordView, fmt: str) -> str:
    return SHOW_RENDERERS.render(view, fmt)
