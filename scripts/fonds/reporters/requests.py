"""The requests register (``fonds request list``) as text, JSON, CSV and Markdown: one row of
the same values per request in every format."""

from __future__ import annotations

from collections.abc import Sequence

from ..custody.requests import RequestView
from ..terminal import safe
from .formats import csv_text, json_document, md_text
from .registry import Renderers

COLUMNS = (
    "id",
    "received_on",
    "type",
    "from",
    "status",
    "deadline",
    "closed_on",
    "days",
    "on_time",
    "overdue",
    "asked",
)


def _row(view: RequestView) -> tuple[str, ...]:
    r = view.request
    return (
        r.id,
        r.received_on.isoformat() if r.received_on else "",
        r.type,
        r.requester,
        r.status,
        view.deadline.isoformat() if view.deadline else "",
        r.closed_on.isoformat() if r.closed_on else "",
        "" if view.days_taken is None else str(view.days_taken),
        "" if view.on_time is None else ("yes" if view.on_time else "no"),
        "yes" if view.overdue else "",
        r.asked,
    )


Register = Sequence[RequestView]


def _json(views: Register) -> str:
    return json_document([dict(zip(COLUMNS, _row(v), strict=True)) for v in views])


def _csv(views: Register) -> str:
    return csv_text(COLUMNS, [_row(v) for v in views])


def _markdown(views: Register) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + " --- |" * len(COLUMNS)]
    lines += ["| " + " | ".join(md_text(c) for c in _row(v)) + " |" for v in views]
    return "\n".join(lines) + "\n"


def _text_register(views: Register) -> str:
    return _text([_row(v) for v in views])


def _text(rows: list[tuple[str, ...]]) -> str:
    """Aligned columns; what was asked is cut to 50 characters (the other formats keep it)."""
    shown = [[c.upper() for c in COLUMNS]] + [
        [safe(c) for c in (*row[:-1], row[-1] if len(row[-1]) <= 50 else row[-1][:49] + "…")] for row in rows
    ]
    widths = [max(len(row[i]) for row in shown) for i in range(len(COLUMNS))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in shown]
    count = f"{len(rows)} request{'' if len(rows) == 1 else 's'}"
    return "\n".join([*(lines if rows else []), count]) + "\n"


REGISTER_RENDERERS: Renderers[Register] = Renderers(
    "requests", {"text": _text_register, "json": _json, "csv": _csv, "md": _markdown}
)
REGISTER_FORMATS = REGISTER_RENDERERS.formats


def render_register(views: Register, fmt: str) -> str:
    return REGISTER_RENDERERS.render(views, fmt)
