"""The finding aids: records by title (A to Z), subject, department, year, location, format
and status. Each index is an overview page plus one page per heading, so no page grows with
the whole catalogue."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from ..hierarchy import subtree_counts
from ..model import Record
from .catalogue_pages import records_table, visible_locations
from .context import Page, SiteContext, location_src
from .html import esc, link, slug, table, tree
from .terms import counted, subject_src

Keys = Callable[[Record], Iterable[str]]


def _letter(record: Record) -> Iterable[str]:
    first = record.title.strip()[:1].upper()
    return [first if first.isalpha() and first.isascii() else "#"]


INDEXES: tuple[tuple[str, str, str, Keys], ...] = (
    ("title", "A to Z", "Records by the first letter of their title.", _letter),
    ("subjects", "Subjects", "Records by keyword.", lambda r: {k.lower() for k in r.keywords}),
    (
        "departments",
        "Departments",
        "Records by creating department.",
        lambda r: [r.department] if r.department else [],
    ),
    (
        "years",
        "Years",
        "Records by the year they were created.",
        lambda r: [str(r.created.year)] if r.created else [],
    ),
    ("formats", "Formats", "Paper, electronic and hybrid records.", lambda r: [r.format] if r.format else []),
    ("status", "Status", "Records by custody status.", lambda r: [r.status]),
)


def index_pages(ctx: SiteContext) -> Iterator[Page]:
    overview_rows = []
    for name, title, intro, keys in INDEXES:
        groups: dict[str, list[Record]] = defaultdict(list)
        for record in ctx.catalogue.records.values():
            for key in keys(record):
                groups[key].append(record)
        labels = ctx.catalogue.config.departments if name == "departments" else {}
        home = f"indexes/{name}/index.md"
        rows = []
        for key in sorted(groups):
            src = subject_src(key) if name == "subjects" else f"indexes/{name}/{slug(key)}.md"
            label = labels.get(key, key)
            rows.append([link(ctx.href(home, src), label), esc(str(len(groups[key])))])
            yield Page(
                src,
                f"{title}: {label}",
                f"<h1>{esc(title)}: {esc(label)}</h1>"
                f"<p>{link(ctx.href(src, home), f'All {title.lower()}')}</p>"
                + records_table(ctx, src, groups[key]),
            )
        yield Page(
            home,
            title,
            f"<h1>{esc(title)}</h1><p>{esc(intro)}</p>"
            + table([title if name != "title" else "Letter", "Records"], rows),
        )
        overview_rows.append([link(ctx.href("indexes/index.md", home), title), esc(intro)])
    yield _locations_index(ctx)
    overview_rows.append(
        [
            link(ctx.href("indexes/index.md", "indexes/locations.md"), "Locations"),
            esc("Where records are kept: building, room, shelf and box."),
        ]
    )
    yield Page(
        "indexes/index.md",
        "Indexes",
        "<h1>Indexes</h1>" + table(["Index", "What it lists"], overview_rows, filterable=False),
    )


def _locations_index(ctx: SiteContext) -> Page:
    src = "indexes/locations.md"
    locations = ctx.catalogue.locations
    inside: dict[str | None, list[str]] = defaultdict(list)
    shown = visible_locations(ctx)
    for key, loc in locations.items():
        if key in shown:
            inside[loc.parent if loc.parent in locations else None].append(key)
    own = {key: len(records) for key, records in ctx.records_by_location.items()}
    totals = subtree_counts(own, ctx.catalogue.location_parents)

    def label(k: str) -> str:
        return (
            f"{link(ctx.href(src, location_src(k)), locations[k].title)} "
            f'<span class="fonds-muted">{esc(locations[k].type)}</span> '
            f'<span class="fonds-count">{counted(totals.get(k, 0), "record")}</span>'
        )

    return Page(
        src,
        "Locations",
        "<h1>Locations</h1><p>Buildings, rooms, shelves and boxes, with the "
        "records kept in each (with everything inside it).</p>"
        + tree(sorted(inside[None]), lambda k: sorted(inside.get(k, [])), label),
    )
