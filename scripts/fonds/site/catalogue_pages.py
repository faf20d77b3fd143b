"""Pages about the catalogue's structure: the file plan and its classes, schedules, holds,
and locations; plus the records table they all share."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..hierarchy import subtree_counts
from ..ids import item_anchor
from ..model import Record
from ..reading.local_settings import describe_local
from ..retention.holds import iter_covered
from .context import Page, SiteContext, class_src, hold_src, location_src, record_src, schedule_src
from .custody_pages import inventory_href, listed_locations
from .html import (
    cell_openings,
    definition_list,
    esc,
    link,
    paragraphs,
    table,
    table_cells,
    table_of_rows,
    tree,
)
from .record_pages import public_location_path
from .terms import STATE_LABELS, counted, describe_rule

RECORD_COLUMNS = ("Id", "Title", "Class", "Created", "Format")


def records_table(ctx: SiteContext, src: str, records: Iterable[Record], caption: str = "") -> str:
    # The public sees a record's status (open, closed), never its retention state.
    listed = sorted(records, key=lambda r: r.id)
    ids = tuple(record.id for record in listed)
    earlier = ctx.earlier_tables.get((src, caption))
    if earlier is not None and earlier[0] == ids:  # the same records, none changed: the same table
        ctx.tables[src, caption] = earlier
        return earlier[1]
    headers = [*RECORD_COLUMNS, "State" if ctx.staff else "Status"]
    opening = cell_openings(headers)
    rows = [
        f"<tr>{opening[0]}{link(ctx.href(src, record_src(record.id)), record.id)}</td> "
        + _record_row(ctx, record, opening)
        for record in listed
    ]
    html = table_of_rows(headers, "".join(rows), caption=caption) if rows else "<p>No records.</p>"
    ctx.tables[src, caption] = (ids, html)
    return html


def _record_row(ctx: SiteContext, record: Record, opening: list[str]) -> str:
    """The row's cells after the link, and ``</tr>``: the same in every table of the site."""
    row = ctx.record_rows.get(record.id)
    if row is None:
        assessment = ctx.assessments.get(record.id)
        cells = [
            esc(record.title),
            esc(record.class_code or ""),
            esc(record.created.isoformat() if record.created else ""),
            esc(record.format or ""),
            esc(STATE_LABELS[assessment.state] if assessment and ctx.staff else record.status),
        ]
        row = ctx.record_rows[record.id] = table_cells(opening, cells, 1) + "</tr>"
    return row


def file_plan_page(ctx: SiteContext) -> Page:
    src = "file-plan.md"
    classes = ctx.catalogue.classes
    children = ctx.catalogue.children()
    counts = _counts_with_subclasses(ctx)

    def label(code: str) -> str:
        cls = classes[code]
        rule = f' <span class="fonds-muted">({esc(cls.retention)})</span>' if cls.retention else ""
        count = f' <span class="fonds-count">{counted(counts.get(code, 0), "record")}</span>'
        scope = f'<div class="fonds-scope">{esc(cls.scope)}</div>' if cls.scope else ""
        return f"{link(ctx.href(src, class_src(code)), f'{code} {cls.title}')}{rule}{count}{scope}"

    roots = sorted(code for code, cls in classes.items() if cls.parent is None or cls.parent not in classes)
    body = (
        "<h1>File plan</h1><p>The classification scheme: each class with its scope note, the "
        "retention rule that applies to its records, and how many records it holds (with its "
        "sub-classes).</p>" + tree(roots, lambda code: children.get(code, ()), label)
    )
    return Page(src, "File plan", body)


def _counts_with_subclasses(ctx: SiteContext) -> dict[str, int]:
    own = {code: len(records) for code, records in ctx.records_by_class.items()}
    return subtree_counts(own, ctx.catalogue.class_parents)


def class_pages(ctx: SiteContext) -> Iterator[Page]:
    classes = ctx.catalogue.classes
    children = ctx.catalogue.children()
    for code, cls in classes.items():
        src = class_src(code)
        trail = " › ".join(
            link(ctx.href(src, class_src(c)), f"{c} {classes[c].title}") for c in ctx.class_path(code)[:-1]
        )
        item = ctx.catalogue.items.get(cls.retention or "")
        rows = [
            ("Within", trail or link(ctx.href(src, "file-plan.md"), "File plan")),
            (
                "Retention",
                link(
                    ctx.href(src, schedule_src(item.authority), item_anchor(item.id)),
                    f"{item.ref} – {item.title}",
                )
                if item
                else esc(cls.retention or "none (a heading)"),
            ),
            ("Rule", esc(describe_rule(item.rule, ctx.catalogue.config.events)) if item else ""),
            ("Local settings", esc(describe_local(item)) if item else ""),
            (
                "Sub-classes",
                ", ".join(
                    link(ctx.href(src, class_src(c)), f"{c} {classes[c].title}")
                    for c in children.get(code, ())
                ),
            ),
            ("Owner", esc(cls.owner or "")),
        ]
        records = ctx.records_by_class.get(code, ())
        body = (
            f"<h1>{esc(code)} {esc(cls.title)}</h1>"
            + paragraphs(cls.scope)
            + definition_list(rows)
            + f"<h2>Records ({len(records)})</h2>"
            + records_table(ctx, src, records)
        )
        yield Page(src, f"{code} {cls.title}", body)


def schedule_pages(ctx: SiteContext) -> Iterator[Page]:
    catalogue = ctx.catalogue
    classes_by_item: dict[str, list[str]] = {}
    for code, cls in catalogue.classes.items():
        if cls.retention:
            classes_by_item.setdefault(cls.retention, []).append(code)
    rows = []
    for schedule in catalogue.schedules.values():
        rows.append(
            [
                link(ctx.href("schedules/index.md", schedule_src(schedule.id)), schedule.title),
                esc(schedule.citation),
                esc(str(len(schedule.items))),
            ]
        )
        src = schedule_src(schedule.id)
        sections = []
        for item in schedule.items:
            codes = classes_by_item.get(item.ref, [])
            count = sum(len(ctx.records_by_class.get(c, ())) for c in codes)
            details = definition_list(
                [
                    ("Rule", esc(describe_rule(item.rule, catalogue.config.events))),
                    ("Local settings", esc(describe_local(item))),
                    ("Citation", esc(item.citation)),
                    ("Disposition authority", esc(item.disposition_authority)),
                    ("Superseded by", esc(item.superseded_by or "")),
                    ("Classes", ", ".join(link(ctx.href(src, class_src(c)), c) for c in codes)),
                    ("Records", esc(str(count)) if codes else ""),
                ]
            )
            sections.append(
                f'<h2 id="{item_anchor(item.id)}">{esc(item.id)} {esc(item.title)}</h2>'
                + paragraphs(item.description)
                + details
            )
        head = definition_list(
            [
                ("Issued by", esc(schedule.issuer)),
                ("Citation", esc(schedule.citation)),
                ("Version", esc(schedule.version)),
                ("Source", esc(schedule.source)),
            ]
        )
        yield Page(src, schedule.title, f"<h1>{esc(schedule.title)}</h1>{head}{''.join(sections)}")
    body = "<h1>Retention schedules</h1><p>The authorities whose items the file plan applies.</p>" + table(
        ["Schedule", "Citation", "Items"], rows, filterable=False
    )
    yield Page("schedules/index.md", "Retention schedules", body)


def hold_pages(ctx: SiteContext) -> Iterator[Page]:
    rows = []
    for hold in ctx.catalogue.holds.values():
        src = hold_src(hold.id)
        status = f"released {hold.released_on}" if hold.released_on else "in force"
        covered = list(iter_covered(hold, ctx.catalogue))
        rows.append(
            [
                link(ctx.href("holds/index.md", src), hold.id),
                esc(hold.title),
                esc(status),
                esc(hold.placed_on.isoformat() if hold.placed_on else ""),
                esc(str(len(covered))),
            ]
        )
        details = definition_list(
            [
                ("Status", esc(status)),
                ("Reason", esc(hold.reason)),
                ("Authority", esc(hold.authority)),
                ("Placed", esc(f"{hold.placed_on} by {hold.placed_by}")),
                ("Released", esc(f"{hold.released_on} by {hold.released_by}") if hold.released_on else ""),
                (
                    "Classes",
                    ", ".join(
                        link(ctx.href(src, class_src(s.code)), s.code) + ("" if s.subclasses else " (alone)")
                        for s in hold.classes
                        if s.code in ctx.catalogue.classes
                    ),
                ),
                (
                    "Created between",
                    esc(f"{hold.created_from or '…'} and {hold.created_to or '…'}")
                    if hold.created_from or hold.created_to
                    else "",
                ),
            ]
        )
        yield Page(
            src,
            f"{hold.id} {hold.title}",
            f"<h1>{esc(hold.id)} {esc(hold.title)}</h1>{details}"
            f"<h2>Records covered ({len(covered)})</h2>{records_table(ctx, src, covered)}",
        )
    body = (
        "<h1>Legal holds</h1><p>A hold in force stops the destruction and transfer of every record "
        "in its scope. Released holds stay listed as the catalogue's history.</p>"
        + table(["Hold", "Title", "Status", "Placed on", "Records"], rows)
    )
    yield Page("holds/index.md", "Legal holds", body)


def location_pages(ctx: SiteContext, *, staff: bool = False) -> Iterator[Page]:
    """One page per location; for staff (``staff``), with a link to its printable shelf list."""
    listed = set(listed_locations(ctx)) if staff else set()
    locations = ctx.catalogue.locations
    inside: dict[str, list[str]] = {}
    for key, loc in locations.items():
        if loc.parent is not None and loc.parent in locations:
            inside.setdefault(loc.parent, []).append(key)
    shown = visible_locations(ctx)
    for key, loc in locations.items():
        if key not in shown:
            continue
        src = location_src(key)
        trail = " › ".join(
            link(ctx.href(src, location_src(p)), locations[p].title) for p in ctx.location_path(key)[:-1]
        )
        rows = [
            ("Type", esc(loc.type)),
            ("Within", trail),
            ("Address", esc(loc.address)),
            ("Barcode", esc(loc.barcode or "") if ctx.staff else ""),
            (
                "Contains",
                ", ".join(
                    link(ctx.href(src, location_src(c)), locations[c].title)
                    for c in sorted(inside.get(key, ()))
                    if c in shown
                ),
            ),
        ]
        if key in listed:
            rows.append(("Shelf list", link(inventory_href(ctx, src, key), "Print the shelf list")))
        records = ctx.records_by_location.get(key, ()) if ctx.staff else _records_within(ctx, key)
        yield Page(
            src,
            loc.title,
            f"<h1>{esc(loc.title)}</h1><p><code>{esc(key)}</code></p>{definition_list(rows)}"
            f"<h2>Records here ({len(records)})</h2>{records_table(ctx, src, records)}",
        )


def visible_locations(ctx: SiteContext) -> set[str]:
    """The locations this audience's site has pages for: every one for staff; for the public
    the chain cut at the building (``public_location_path``), and only where a record it sees is."""
    if ctx.staff:
        return set(ctx.catalogue.locations)
    return {key for loc in ctx.records_by_location for key in public_location_path(ctx, loc)}


def _records_within(ctx: SiteContext, key: str) -> list[Record]:
    """For the public: the records kept in ``key`` or anywhere inside it."""
    return [
        record
        for loc, records in ctx.records_by_location.items()
        if key in public_location_path(ctx, loc)
        for record in records
    ]
