"""The staff pages of the site: the charge-out register, the audits, and a printable shelf list
per location. ``publish`` makes them only for an audience at or above the operational audience
(``operational.sees_operational_details``); below it the model has no charge-outs or audits."""

from __future__ import annotations

from collections.abc import Iterator

from ..custody.inventory import inventory, records_at
from ..custody.register import current_loans
from ..model import AuditRecord
from ..paperwork.shelf_list import shelf_list_html
from .context import Page, SiteContext, location_src, record_src
from .html import esc, link, slug, table

CUSTODY_INDEX = "custody/index.md"
CHECKOUTS = "custody/checkouts.md"
AUDITS = "custody/audits.md"
LIST_TYPES = frozenset({"box", "shelf", "cabinet", "room", "records-centre", "archives", "building"})
"""Locations that get a printable shelf list (not systems, which hold electronic records)."""


def inventory_file(location_id: str) -> str:
    return f"downloads/inventory/{slug(location_id)}.html"


def inventory_href(ctx: SiteContext, from_src: str, location_id: str) -> str:
    return ctx.href(from_src, "index.md") + inventory_file(location_id)


def _holding(ctx: SiteContext) -> set[str]:
    """Locations with a visible record at them or below them."""
    parents = {key: loc.parent for key, loc in ctx.catalogue.locations.items()}
    found: set[str] = set()
    for key in ctx.records_by_location:
        current: str | None = key
        while current is not None and current not in found and current in parents:
            found.add(current)
            current = parents[current]
    return found


def listed_locations(ctx: SiteContext) -> list[str]:
    holding = _holding(ctx)
    return sorted(k for k, loc in ctx.catalogue.locations.items() if k in holding and loc.type in LIST_TYPES)


def inventory_downloads(ctx: SiteContext) -> dict[str, str]:
    # Every list from one pass over the records and the site's assessments: a list per
    # location that each read all the records took minutes at 100,000 records.
    kept = records_at(ctx.catalogue)
    return {
        inventory_file(k): shelf_list_html(
            inventory(ctx.catalogue, k, ctx.as_of, assessments=ctx.assessments, kept=kept)
        )
        for k in listed_locations(ctx)
    }


def _checkouts_page(ctx: SiteContext) -> Page:
    loans = current_loans(ctx.catalogue, ctx.as_of)
    rows = [
        [
            link(ctx.href(CHECKOUTS, record_src(loan.id)), loan.id),
            esc(loan.title),
            esc(loan.to),
            esc(loan.since.isoformat() if loan.since else ""),
            esc(loan.due.isoformat() if loan.due else ""),
            esc(f"{loan.overdue_days} days" if loan.overdue_days else ""),
        ]
        for loan in loans
    ]
    body = (
        f"<h1>Charge-out register</h1><p>Physical files out on {esc(ctx.as_of.isoformat())}, by due date "
        "(fonds checkouts).</p>"
        + (
            table(["Id", "Title", "With", "Since", "Due", "Overdue"], rows)
            if rows
            else "<p>Nothing is charged out.</p>"
        )
    )
    return Page(CHECKOUTS, "Charge-out register", body)


def _audit_row(ctx: SiteContext, audit: AuditRecord) -> list[str]:
    counts: dict[str, int] = {}
    for finding in audit.findings:
        counts[finding.bucket] = counts.get(finding.bucket, 0) + 1
    where = (
        link(ctx.href(AUDITS, location_src(audit.location)), audit.location)
        if audit.location in ctx.catalogue.locations
        else esc(audit.location)
    )
    return [
        esc(audit.on.isoformat() if audit.on else ""),
        esc(audit.id),
        where,
        esc(audit.by),
        esc(", ".join(f"{n} {bucket}" for bucket, n in sorted(counts.items()))),
        esc(", ".join(audit.moved)),
    ]


def _audits_page(ctx: SiteContext) -> Page:
    audits = sorted(
        ctx.catalogue.audits.values(), key=lambda a: (a.on.isoformat() if a.on else "", a.id), reverse=True
    )
    rows = [_audit_row(ctx, audit) for audit in audits]
    body = (
        "<h1>Audits</h1><p>Audits of locations against barcode scans (fonds audit --record), newest first.</p>"
        + (
            table(["Date", "Audit", "Location", "By", "Found", "Moved"], rows)
            if rows
            else "<p>No audit is recorded.</p>"
        )
    )
    return Page(AUDITS, "Audits", body)


def custody_pages(ctx: SiteContext) -> Iterator[Page]:
    yield _checkouts_page(ctx)
    yield _audits_page(ctx)
    items = "".join(
        f"<li>{link(inventory_href(ctx, CUSTODY_INDEX, key), ctx.catalogue.locations[key].title)} "
        f"(<code>{esc(key)}</code>)</li>"
        for key in listed_locations(ctx)
    )
    yield Page(
        CUSTODY_INDEX,
        "Custody",
        "<h1>Custody</h1><p>For records staff: who has which file, what the audits found, and a "
        "shelf list to print for each place.</p><ul>"
        f"<li>{link(ctx.href(CUSTODY_INDEX, CHECKOUTS), 'Charge-out register')}</li>"
        f"<li>{link(ctx.href(CUSTODY_INDEX, AUDITS), 'Audits')}</li></ul>"
        f"<h2>Shelf lists</h2><ul>{items}</ul>",
    )
