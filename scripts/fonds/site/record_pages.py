"""The page of one record, at its permanent address ``records/<id>/``.

Destroyed and transferred records keep their page: a tombstone that proves what was
disposed of, when and under which authority (MoReq2010 §5.6).
"""

from __future__ import annotations

from ..access.markings import Origin
from ..ids import item_anchor
from ..model import Record, ScheduleItem
from ..reading.local_settings import describe_local
from ..retention.assessment import Assessment, State
from .context import Page, SiteContext, class_src, hold_src, location_src, record_src, schedule_src
from .html import badge, definition_list, esc, external, link, paragraphs, table, tag
from .search_index import search_entry
from .terms import ACTION_LABELS, STATE_LABELS, describe_rule, plural, subject_src

STATE_KIND = {
    State.OVERDUE: "alert",
    State.DUE: "warn",
    State.ELIGIBLE: "warn",
    State.ON_HOLD: "hold",
    State.DESTROYED: "gone",
    State.TRANSFERRED: "gone",
}


def record_page(ctx: SiteContext, record: Record) -> Page:
    src = record_src(record.id)
    assessment = ctx.assessments.get(record.id)
    state = assessment.state if assessment else None
    head = (
        f'<p class="fonds-subtitle"><code>{esc(record.id)}</code> '
        + (badge(STATE_LABELS[state], STATE_KIND.get(state, "plain")) if state and ctx.staff else "")
        + "</p>"
    )
    sections = [
        f"<h1>{esc(record.title)}</h1>",
        head,
        _tombstone(record),
        paragraphs(record.description),
        _description(ctx, src, record),
        _retention(ctx, src, record, assessment) if ctx.staff else _retention_summary(ctx, src, assessment),
        _location(ctx, src, record),
        _how_to_ask(ctx),
        _security(ctx, record),
        _relations(ctx, src, record),
        _history(ctx, record),
        _repository(ctx, record) if ctx.staff else "",
    ]
    search = {
        "class": record.class_code or "",
        "format": record.format or "",
        "status": record.status,
        "year": str(record.created.year) if record.created else "",
    }
    body = "".join(s for s in sections if s)
    return Page(src, f"{record.id} – {record.title}", body, search, index=search_entry(ctx, record))


def _section(title: str, content: str, anchor: str) -> str:
    return f'<h2 id="{anchor}">{esc(title)}</h2>{content}' if content else ""


def _tombstone(record: Record) -> str:
    d = record.disposition
    if d is None:
        return ""
    verb = "destroyed" if d.action == "destroy" else "transferred"
    when = d.date.isoformat() if d.date else "on an unrecorded date"
    parts = [f"This record was {verb} on {esc(when)}"]
    if d.method:
        parts.append(f" by {esc(d.method)}")
    if d.to:
        parts.append(f" to {esc(d.to)}")
    text = "".join(parts) + f", under {esc(d.authority)}."
    details = definition_list(
        [
            ("Approved by", esc(d.approved_by)),
            ("Witness", esc(d.witness)),
            ("Certificate", esc(d.certificate)),
        ]
    )
    return (
        f'<div class="admonition note fonds-tombstone"><p class="admonition-title">Disposed of</p>'
        f"<p>{text} Its description is kept as proof of disposal.</p>{details}</div>"
    )


def _description(ctx: SiteContext, src: str, record: Record) -> str:
    path = ctx.class_path(record.class_code)
    classes = ctx.catalogue.classes
    trail = " › ".join(link(ctx.href(src, class_src(code)), f"{code} {classes[code].title}") for code in path)
    if not trail and record.class_code:
        trail = esc(record.class_code)
    dates = esc(record.created.isoformat() if record.created else "")
    if record.closed:
        dates += f" to {esc(record.closed.isoformat())} (closed)"
    # The date first: an event's description may hold a colon ("The matter is finished: ...").
    events = "; ".join(
        f"{esc(day.isoformat())} – {esc(ctx.catalogue.config.events.get(name, name))}"
        for name, day in sorted(record.events.items())
    )
    department = ctx.catalogue.config.departments.get(record.department or "", record.department or "")
    extent = f"{record.extent.quantity:g} {record.extent.unit}" if record.extent else ""
    keywords = ", ".join(link(ctx.href(src, subject_src(k)), k) for k in record.keywords)
    fields = ", ".join(f"{esc(k)}: {esc(v)}" for k, v in sorted(record.fields.items()))
    rows = [
        ("Classification", trail),
        ("Dates", dates),
        ("Events", events),
        ("Department", esc(department)),
        ("Creator", esc(record.creator)),
        ("Format", esc(record.format or "")),
        ("Extent", esc(extent)),
        ("Keywords", keywords),
        ("Status", esc(record.status)),
        ("Other fields", fields),
        ("Notes", esc(record.notes)),
    ]
    return _section("Description", definition_list(rows), "description")


def _retention(ctx: SiteContext, src: str, record: Record, a: Assessment | None) -> str:
    if a is None or record.disposition is not None:
        return ""
    rows: list[tuple[str, str]] = []
    item = ctx.catalogue.items.get(a.rule_ref)
    if item is not None:
        rows.append(("Schedule item", _item_link(ctx, src, item)))
        if item.disposition_authority or item.citation:
            rows.append(
                ("Authority", esc("; ".join(x for x in (item.citation, item.disposition_authority) if x)))
            )
    elif a.rule_ref == "override":
        rows.append(("Rule", esc(f"Overridden for this record: {a.override_reason}")))
    if a.rule is not None:
        rows.append(("Rule", esc(describe_rule(a.rule, ctx.catalogue.config.events))))
        if item is not None and item.local:
            rows.append(("Local settings", esc(describe_local(item))))
    if a.clock_start:
        rows.append(("Retention period starts", esc(a.clock_start.isoformat())))
    if a.waiting_for:
        rows.append(("Waiting for", esc(ctx.catalogue.config.events.get(a.waiting_for, a.waiting_for))))
    if a.action and a.due:
        when = f"from {a.due.isoformat()}" if a.state is State.ELIGIBLE else f"on {a.due.isoformat()}"
        when += f", by {a.due_by.isoformat()} at the latest" if a.due_by and a.due_by != a.due else ""
        rows.append(("Next action", esc(f"{ACTION_LABELS[a.action]} {when}")))
    rows.append(("State on " + ctx.as_of.isoformat(), esc(STATE_LABELS[a.state])))
    if a.holds:
        rows.append(("Held by", ", ".join(link(ctx.href(src, hold_src(h)), h) for h in a.holds)))
    if a.note:
        rows.append(("Note", esc(a.note)))
    return _section("Retention", definition_list(rows), "retention")


def _retention_summary(ctx: SiteContext, src: str, a: Assessment | None) -> str:
    """For the public: how long records like this are kept and under which authority, in
    plain words; no state, no date of the next action, no hold."""
    if a is None or a.record.disposition is not None:
        return ""
    rows: list[tuple[str, str]] = []
    item = ctx.catalogue.items.get(a.rule_ref)
    if a.rule is not None:
        rows.append(("How long it is kept", esc(describe_rule(a.rule, ctx.catalogue.config.events))))
    if item is not None:
        rows.append(("Under", _item_link(ctx, src, item)))
    return _section("Retention", definition_list(rows), "retention")


def _how_to_ask(ctx: SiteContext) -> str:
    """Where to ask for the record: ``publishing: contact`` in fonds.yml."""
    contact = ctx.catalogue.config.contact
    if not contact:
        return ""
    return _section("How to ask for this record", paragraphs(contact), "ask")


PUBLIC_LOCATIONS = frozenset({"site", "building", "records-centre", "archives", "system"})
"""The location types the public sees: where to ask, never the room, cabinet, shelf or box."""


def public_location_path(ctx: SiteContext, location_id: str | None) -> list[str]:
    """The location chain cut at the building: below it, nothing the public needs."""
    path = ctx.location_path(location_id)
    kept: list[str] = []
    for key in path:
        if ctx.catalogue.locations[key].type not in PUBLIC_LOCATIONS:
            break
        kept.append(key)
    return kept


def _item_link(ctx: SiteContext, src: str, item: ScheduleItem) -> str:
    return link(
        ctx.href(src, schedule_src(item.authority), item_anchor(item.id)), f"{item.ref} – {item.title}"
    )


def _location(ctx: SiteContext, src: str, record: Record) -> str:
    locations = ctx.catalogue.locations
    path = ctx.location_path(record.location) if ctx.staff else public_location_path(ctx, record.location)
    trail = " › ".join(link(ctx.href(src, location_src(p)), locations[p].title) for p in path)
    if not trail and record.location and ctx.staff:
        trail = esc(record.location)
    charge = record.charge_out
    charged = ""
    if charge is not None:
        charged = esc(
            f"charged out to {charge.to} since {charge.since}"
            + (f", due back {charge.due}" if charge.due else "")
        )
    rows = [
        ("Location", trail),
        ("Barcode", esc(record.barcode or "") if ctx.staff else ""),
        # The public gets a web address, never an internal system's (edms:, storage:).
        ("Electronic copy", external(record.uri) if record.uri and (ctx.staff or _web(record.uri)) else ""),
        ("Charged out", charged),
    ]
    return _section("Where it is", definition_list(rows), "location")


def _web(uri: str) -> bool:
    return uri.lower().startswith(("https://", "http://"))


def _security(ctx: SiteContext, record: Record) -> str:
    marking = ctx.markings.get(record.id)
    if marking is None:
        return ""

    def origin(text: str, where: Origin) -> str:
        # No marking anywhere: the level is the lowest, and "(not set)" would say nothing to a reader.
        if not text or where.kind == "default":
            return esc(text)
        return f'{esc(text)} <span class="fonds-muted">({esc(where.describe())})</span>'

    rows = [
        ("Level", origin(marking.level, marking.level_from)),
        ("Caveats", origin(", ".join(marking.caveats), marking.caveats_from)),
        ("Access groups", origin(", ".join(marking.groups), marking.access_from)),
        ("People", esc(", ".join(marking.people))),
        ("Review on", esc(marking.review_on.isoformat() if marking.review_on else "")),
        ("Declassify on", esc(marking.declassify_on.isoformat() if marking.declassify_on else "")),
    ]
    return _section("Security", definition_list(rows), "security")


def _relations(ctx: SiteContext, src: str, record: Record) -> str:
    records = ctx.catalogue.records
    items = [
        f"<li>{esc(relation.type.replace('-', ' '))} "
        + link(
            ctx.href(src, record_src(relation.target)),
            f"{relation.target} – {records[relation.target].title}",
        )
        + (f" <em>({esc(relation.note)})</em>" if relation.note else "")
        + "</li>"
        for relation in record.relations
        if relation.target in records
    ]
    items += [
        f"<li>{esc(label)} "
        + link(ctx.href(src, record_src(other)), f"{other} – {records[other].title}")
        + "</li>"
        for label, other in ctx.referenced_by.get(record.id, ())
    ]
    if record.hidden_relations:
        n = record.hidden_relations
        items.append(f"<li><em>{n} related {plural(n, 'record')} not shown</em></li>")
    return _section(
        "Related records", tag("ul", "".join(items), class_="fonds-relations") if items else "", "relations"
    )


HISTORY_ROWS = 50
"""The newest changes shown on a record page; the rest are counted."""


def _history(ctx: SiteContext, record: Record) -> str:
    """The commits that changed the record's file, as ``publish`` cut them for the audience:
    below the operational audience there is no author or subject to show."""
    if ctx.history_note:
        return _section("History", f'<p class="fonds-muted">{esc(ctx.history_note)}</p>', "history")
    entries = ctx.history.get(record.id, ())
    if not entries:
        return _section("History", "<p>No commit has changed this record's file yet.</p>", "history")
    staff = any(e.author is not None for e in entries)
    headers = ["Date", "Change", "Author", "Subject"] if staff else ["Date", "Change"]
    rows = []
    for e in entries[:HISTORY_ROWS]:
        change = esc(e.kind) + (f" from <code>{esc(e.old_path)}</code>" if e.old_path else "")
        rows.append([esc(e.day.isoformat()), change, esc(e.author), esc(e.subject)][: len(headers)])
    more = len(entries) - HISTORY_ROWS
    rest = f"<p>and {more} earlier changes</p>" if more > 0 else ""
    return _section("History", table(headers, rows, filterable=False) + rest, "history")


def _repository(ctx: SiteContext, record: Record) -> str:
    config = ctx.catalogue.config
    rows = [("File", f"<code>{esc(record.file)}</code>")]
    if config.repository_url:
        base = config.repository_url.rstrip("/")
        rows.append(("Change it", external(f"{base}/edit/{config.branch}/{record.file}", "Edit this record")))
        rows.append(
            ("History", external(f"{base}/commits/{config.branch}/{record.file}", "Changes to this record"))
        )
    return _section("In the repository", definition_list(rows), "repository")
