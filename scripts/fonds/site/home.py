"""The home page: what the catalogue holds, what is due soon, what changed lately."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from ..reporting.history import Change
from ..retention.assessment import Action
from ..retention.due import due_report
from ..retention.periods import Period
from .context import Page, SiteContext, class_src, record_src
from .html import esc, link, table
from .terms import plural

SOON = Period("P90D", days=90)


def home_page(ctx: SiteContext, changes: Sequence[Change]) -> Page:
    src = "index.md"
    catalogue = ctx.catalogue
    records = list(catalogue.records.values())
    parents = catalogue.class_parents

    def function_of(code: str | None) -> str | None:
        seen: set[str] = set()
        while code is not None and parents.get(code) is not None and code not in seen:
            seen.add(code)
            code = parents[code]
        return code

    by_function: Counter[str] = Counter()
    for record in records:
        code = function_of(record.class_code)
        if code is not None and code in catalogue.classes:
            by_function[code] += 1
    function_rows = [
        [link(ctx.href(src, class_src(code)), f"{code} {catalogue.classes[code].title}"), esc(str(n))]
        for code, n in sorted(by_function.items())
    ]
    by_status: Counter[str] = Counter(str(r.status) for r in records)
    by_format: Counter[str] = Counter(str(r.format or "unknown") for r in records)
    # The public's home page has no due list: the report is not worked out for it.
    report = due_report(catalogue, ctx.as_of, SOON) if ctx.staff else None
    items = report.items if report is not None else ()
    soon_rows = [
        [
            esc(i.state.value),
            esc(i.due.isoformat() if i.due else ""),
            esc(i.action),
            link(ctx.href(src, record_src(i.id)), i.id),
            esc(i.title),
        ]
        for i in items[:15]
    ]
    visible = [
        c for c in ((ch.day, [i for i in ch.record_ids if i in catalogue.records]) for ch in changes) if c[1]
    ]
    change_items = "".join(
        f"<li>{esc(day.isoformat())}: "
        + ", ".join(link(ctx.href(src, record_src(i)), i) for i in ids[:8])
        + (f" and {len(ids) - 8} more" if len(ids) > 8 else "")
        + "</li>"
        for day, ids in visible
    )
    # Below the operational audience the model has no holds: no count either, not even 0.
    in_force = sum(1 for h in catalogue.holds.values() if h.released_on is None)
    holds = _stat(in_force, "hold in force") if catalogue.holds else ""
    # A vital-record review or a request to answer is not a disposal.
    disposals = sum(1 for i in items if i.action in DISPOSALS)
    counts = (
        '<div class="fonds-stats">'
        + _stat(len(records), "record")
        + _stat(len(catalogue.classes), "class")
        + (holds + _stat(disposals, "disposal") + " due within 90 days" if ctx.staff else "")
        + "</div>"
    )

    def summary(counter: Mapping[str, int]) -> str:
        return ", ".join(f"{esc(k)}: {n}" for k, n in sorted(counter.items()))

    body = (
        f"<h1>{esc(catalogue.config.name)}</h1>{counts}"
        f"<p>By status: {summary(by_status)}. By format: {summary(by_format)}.</p>"
        "<h2>Records by function</h2>"
        + table(["Function", "Records"], function_rows, filterable=False)
        + (_due_soon(ctx, src, soon_rows) if ctx.staff else "")
        + "<h2>Recent changes</h2>"
        + _recent(change_items, ctx.history_note)
    )
    return Page(src, catalogue.config.name, body)


DISPOSALS = frozenset(
    {Action.DESTROY, Action.TRANSFER, Action.SELECT, Action.MOVE, Action.REVIEW, Action.OTHER}
)


def _stat(n: int, word: str) -> str:
    return f"<div><strong>{n}</strong> {esc(plural(n, word))}</div>"


def _due_soon(ctx: SiteContext, src: str, rows: list[list[str]]) -> str:
    """Staff only: what falls due in the next 90 days."""
    return (
        f"<h2>Due soon</h2><p>As of {esc(ctx.as_of.isoformat())}; the full list is in "
        + link(ctx.href(src, "reports/due.md"), "Disposals due")
        + ".</p>"
        + (
            table(["State", "Due", "Action", "Id", "Title"], rows, filterable=False)
            if rows
            else "<p>Nothing is due.</p>"
        )
    )


def _recent(items: str, note: str | None) -> str:
    """The recent changes, or why there are none (a shallow clone has no true dates)."""
    if note:
        return f'<p class="fonds-muted">{esc(note)}</p>'
    return f"<ul>{items}</ul>" if items else "<p>No recorded history.</p>"
