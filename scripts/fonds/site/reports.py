"""Report and download pages: disposals due, records awaiting events, disposal log,
validation problems, and the whole catalogue as CSV and JSON."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ..custody.requests import RESPOND
from ..diagnostics import Diagnostic
from ..model import Record
from ..reporters.formats import csv_text, json_list_document, json_list_item
from ..retention.assessment import State
from ..retention.due import due_report
from ..retention.periods import Period
from .context import Page, SiteContext, record_src
from .html import esc, link, table
from .terms import ACTION_LABELS, STATE_LABELS

WINDOW = Period("P90D", days=90)
PUBLIC_REPORTS = frozenset({"reports/index.md", "reports/disposals.md", "reports/statistics.md"})
"""The reports the public site has: proof of what was disposed of, and the figures; never
what is due or what the check found (``publish`` leaves the others out)."""
STAFF_ONLY_FIELDS = frozenset({"state", "next_action", "due", "holds", "location"})
"""Download columns the public does not get: retention states and shelf positions."""


def report_pages(ctx: SiteContext, problems: Sequence[Diagnostic], *, staff: bool = True) -> Iterator[Page]:
    """The report pages; without ``staff``, only ``PUBLIC_REPORTS`` (the others are not made)."""
    if staff:
        yield due_page(ctx)
        yield awaiting_page(ctx)
    yield disposal_log_page(ctx)
    if staff:
        yield problems_page(problems)
    yield reports_index_page(ctx)


def due_page(ctx: SiteContext) -> Page:
    """Disposals due: overdue, due within ``WINDOW``, eligible, and (for staff) held back."""
    report = due_report(ctx.catalogue, ctx.as_of, WINDOW)
    src = "reports/due.md"
    # Without holds in the model (below the operational audience) no column or word of them.
    holds = bool(ctx.catalogue.holds)
    rows = [
        [
            esc(STATE_LABELS[i.state]),
            esc(i.due.isoformat() if i.due else ""),
            esc(i.action),
            link(ctx.href(src, record_src(i.id)), i.id),
            esc(i.title),
            esc(f"{i.rule}: {i.rule_text}" if i.rule_text else i.rule),
            *([esc(", ".join(i.holds))] if holds else []),
            esc(i.note),
        ]
        for i in report.items
        if i.action != RESPOND  # requests have no page; the register is not published here
    ]
    headers = ["State", "Due", "Action", "Id", "Title", "Rule", *(["Holds"] if holds else []), "Note"]
    return Page(
        src,
        "Disposals due",
        f"<h1>Disposals due</h1><p>As of {esc(ctx.as_of.isoformat())}: what is "
        "overdue, what falls due in the next 90 days, what may be disposed of (eligible: a "
        "minimum period has run or a window is open)"
        + (", and what a legal hold holds back" if holds else "")
        + ".</p>"
        + table(headers, rows),
        wide=True,
    )


def awaiting_page(ctx: SiteContext) -> Page:
    """Records whose retention waits for an event or for the file to be closed."""
    src = "reports/awaiting.md"
    waiting = [a for a in ctx.assessments.values() if a.state is State.AWAITING_EVENT]
    rows = [
        [
            link(ctx.href(src, record_src(a.record.id)), a.record.id),
            esc(a.record.title),
            esc(ctx.catalogue.config.events.get(a.waiting_for, a.waiting_for)),
            esc(a.rule_ref),
        ]
        for a in sorted(waiting, key=lambda a: a.record.id)
    ]
    return Page(
        src,
        "Awaiting events",
        "<h1>Records awaiting an event</h1><p>Their retention cannot start "
        "until the file is closed or the event is recorded (for example a final payment or an "
        "employee's separation).</p>" + table(["Id", "Title", "Waiting for", "Rule"], rows),
        wide=True,
    )


def disposal_log_page(ctx: SiteContext) -> Page:
    """Every record destroyed or transferred, with its authority."""
    src = "reports/disposals.md"
    gone = sorted(
        (r for r in ctx.catalogue.records.values() if r.disposition is not None),
        key=lambda r: (r.disposition.date.isoformat() if r.disposition and r.disposition.date else "", r.id),
    )
    rows = [
        [
            esc(r.disposition.date.isoformat() if r.disposition and r.disposition.date else ""),
            esc(r.disposition.action if r.disposition else ""),
            link(ctx.href(src, record_src(r.id)), r.id),
            esc(r.title),
            esc(r.disposition.authority if r.disposition else ""),
            esc(r.disposition.method or r.disposition.to if r.disposition else ""),
            esc(r.disposition.certificate if r.disposition else ""),
        ]
        for r in gone
    ]
    return Page(
        src,
        "Disposal log",
        "<h1>Disposal log</h1><p>Records destroyed or transferred to the "
        "archives, with the authority for each. Their pages remain as proof of disposal.</p>"
        + table(["Date", "Action", "Id", "Title", "Authority", "Method or destination", "Certificate"], rows),
        wide=True,
    )


def problems_page(problems: Sequence[Diagnostic]) -> Page:
    """What fonds check found when the site was built."""
    src = "reports/problems.md"
    rows = [
        [esc(f"{d.file}:{d.line}" if d.line else d.file), esc(d.severity.value), esc(d.code), esc(d.message)]
        for d in problems
    ]
    body = "<h1>Validation problems</h1>" + (
        table(["Where", "Severity", "Code", "Problem"], rows)
        if rows
        else "<p>fonds check found no problems when this site was built.</p>"
    )
    return Page(src, "Validation problems", body, wide=True)


def reports_index_page(ctx: SiteContext) -> Page:
    links = "".join(
        f"<li>{link(ctx.href('reports/index.md', s), t)}</li>"
        for s, t in (
            ("reports/due.md", "Disposals due"),
            ("reports/awaiting.md", "Awaiting events"),
            ("reports/disposals.md", "Disposal log"),
            ("reports/problems.md", "Validation problems"),
            ("reports/statistics.md", "Statistics"),
        )
        if ctx.staff or s in PUBLIC_REPORTS
    )
    return Page("reports/index.md", "Reports", f"<h1>Reports</h1><ul>{links}</ul>")


DOWNLOAD_FIELDS = (
    "id",
    "title",
    "description",
    "class",
    "created",
    "closed",
    "department",
    "creator",
    "format",
    "extent",
    "location",
    "uri",
    "keywords",
    "status",
    "state",
    "next_action",
    "due",
    "holds",
    "security_level",
)


def catalogue_row(ctx: SiteContext, record: Record) -> dict[str, Any]:
    """One record as data: what its page shows."""
    a = ctx.assessments.get(record.id)
    return {
        "id": record.id,
        "title": record.title,
        "description": record.description,
        "class": record.class_code or "",
        "created": record.created.isoformat() if record.created else "",
        "closed": record.closed.isoformat() if record.closed else "",
        "department": record.department or "",
        "creator": record.creator,
        "format": record.format or "",
        "extent": f"{record.extent.quantity:g} {record.extent.unit}" if record.extent else "",
        "location": record.location or "",
        "uri": record.uri or "",
        "keywords": list(record.keywords),
        "status": record.status,
        "state": a.state.value if a else "",
        "next_action": ACTION_LABELS[a.action] if a and a.action else "",
        "due": a.due.isoformat() if a and a.due else "",
        "holds": list(a.holds) if a else [],
        # The effective level (inherited from the class when the record sets none).
        "security_level": ctx.markings[record.id].level if record.id in ctx.markings else "",
    }


def download_files(ctx: SiteContext) -> dict[str, str]:
    """``downloads/catalogue.csv`` and ``.json``, as text, made a record at a time."""
    fields = tuple(f for f in DOWNLOAD_FIELDS if ctx.staff or f not in STAFF_ONLY_FIELDS)
    flat: list[list[Any]] = []
    records: list[str] = []
    for record in ctx.catalogue.records.values():
        made = ctx.earlier_downloads.get(record.id)
        if made is None:
            kept = {k: v for k, v in catalogue_row(ctx, record).items() if k in fields}
            flat_row = ["; ".join(v) if isinstance(v, list) else v for v in (kept.get(k, "") for k in fields)]
            made = (flat_row, json_list_item(kept))
        ctx.download_rows[record.id] = made
        flat.append(made[0])
        records.append(made[1])
    head = {"catalogue": ctx.catalogue.config.name, "as_of": ctx.as_of.isoformat()}
    return {
        "downloads/catalogue.csv": csv_text(fields, flat),
        "downloads/catalogue.json": json_list_document(head, "records", records),
    }


def downloads_page(ctx: SiteContext) -> Page:
    src = "downloads.md"
    items = "".join(
        f'<li><a href="{esc(ctx.href(src, "index.md") + name)}" download>{esc(label)}</a></li>'
        for name, label in (
            ("downloads/catalogue.csv", "The whole catalogue as CSV (for a spreadsheet)"),
            ("downloads/catalogue.json", "The whole catalogue as JSON (for programs)"),
            ("downloads/statistics.csv", "The Statistics page's figures as CSV (table, row, column, value)"),
            ("downloads/statistics.json", "The Statistics page's figures as JSON"),
        )
    )
    return Page(
        src,
        "Downloads",
        "<h1>Downloads</h1><p>Every record as shown on its page"
        + (f", with its retention state as of {esc(ctx.as_of.isoformat())}" if ctx.staff else "")
        + f".</p><ul>{items}</ul>",
    )
