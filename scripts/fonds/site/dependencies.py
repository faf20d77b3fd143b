"""What a rebuild under ``mkdocs serve`` may take from the previous one: the parts of the site
whose inputs did not change.

``PageMemo`` lives as long as the server (the plugin's ``ServeState``) and remembers, from the
last publish, what the pages read from the audience-filtered model, and what was made of it:
each record's page, each record's row in the records tables, each records table, each
record's row in the downloads. The next publish compares what the pages read now with that:

- **what every page reads** (the configuration, access levels, file plan, schedules and
  their items, locations, holds, requests, audits, local settings, the set of published
  record ids, the day, the URL style, the audience's kind, the history note): any difference,
  and nothing is reused; every page is made again, as by a clean build;
- **what one record's parts read** (the record as filtered for the audience, its
  assessment, its effective marking, its history, the records that point at it): the records
  whose values differ are *changed*.

A changed record's row, its records tables and its download row are made again; so is its
page, and the page of every record related to it in either direction, before or after the
edit (a record's page shows the titles of its related records). Everything else is the
previous build's text, which is what a clean build would make of the same inputs. Pages that
count or summarise the catalogue (home, indexes, classes, locations, holds, reports,
statistics) are always made again; only their records tables are reused, when none of the
records they list changed and they list the same records.

It fails closed: a value that cannot be compared reliably compares unequal (dataclasses
compare field by field; anything else by ``==``), and an added, removed or hidden record
changes the set of published ids, which rebuilds everything.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..model import Catalogue
from .context import Page, SiteContext

Table = tuple[tuple[str, ...], str]
"""The ids a records table lists, in order, and its HTML."""


def common_inputs(ctx: SiteContext) -> tuple[Any, ...]:
    """Everything besides the records that a page may read: equal, or nothing is reused."""
    c: Catalogue = ctx.catalogue
    return (
        c.root,
        c.config,
        c.access,
        c.classes,
        c.schedules,
        c.items,
        c.locations,
        c.holds,
        c.requests,
        c.local_settings,
        c.audits,
        c.unavailable,
        tuple(c.records),
        ctx.as_of,
        ctx.directory_urls,
        ctx.staff,
        ctx.history_note,
    )


def _own_inputs(ctx: SiteContext, record_id: str) -> tuple[Any, ...]:
    return (
        ctx.catalogue.records[record_id],
        ctx.assessments.get(record_id),
        ctx.markings.get(record_id),
        ctx.history.get(record_id, ()),
        ctx.referenced_by.get(record_id, ()),
    )


def _neighbours(ctx: SiteContext, record_id: str) -> set[str]:
    """The records whose pages show this one (its relations, both ways)."""
    record = ctx.catalogue.records.get(record_id)
    found = {other for _, other in ctx.referenced_by.get(record_id, ())}
    if record is not None:
        found |= {relation.target for relation in record.relations}
    return found


@dataclass(slots=True)
class Earlier:
    """What this build may take from the last one (empty: nothing)."""

    pages: Mapping[str, Page] = field(default_factory=dict)
    """Record id -> its page, for records whose page reads nothing that changed."""
    rows: Mapping[str, str] = field(default_factory=dict)
    """Record id -> its records-table row (``catalogue_pages._record_row``)."""
    tables: Mapping[tuple[str, str], Table] = field(default_factory=dict)
    """(page source, caption) -> a records table none of whose records changed."""
    downloads: Mapping[str, tuple[list[Any], str]] = field(default_factory=dict)
    """Record id -> its CSV row and JSON item in the downloads."""
    changed: frozenset[str] | None = None
    """The records whose own values changed, or None when everything is made again."""


@dataclass(slots=True)
class _Last:
    common: tuple[Any, ...]
    own: dict[str, tuple[Any, ...]]
    neighbours: dict[str, set[str]]
    pages: dict[str, Page]
    rows: dict[str, str]
    tables: dict[tuple[str, str], Table]
    downloads: dict[str, tuple[list[Any], str]]


class PageMemo:
    """The last publish's inputs and outputs, for the next publish of the same server."""

    def __init__(self) -> None:
        self._last: _Last | None = None
        self._now: tuple[tuple[Any, ...], dict[str, tuple[Any, ...]]] | None = None
        self.reused = 0
        """Record pages the last publish took from the one before."""

    def earlier(self, ctx: SiteContext) -> Earlier:
        """What a publish of ``ctx`` may reuse."""
        last, self._last, self.reused = self._last, None, 0  # kept again once the pages are made
        common = common_inputs(ctx)
        own = {record_id: _own_inputs(ctx, record_id) for record_id in ctx.catalogue.records}
        self._now = (common, own)
        if last is None or not _same(common, last.common):
            return Earlier()
        changed = frozenset(
            record_id for record_id, now in own.items() if not _same(now, last.own.get(record_id))
        )
        stale = set(changed)
        for record_id in changed:
            stale |= last.neighbours.get(record_id, set()) | _neighbours(ctx, record_id)
        return Earlier(
            pages=_without(last.pages, stale),
            rows=_without(last.rows, changed),
            tables={key: table for key, table in last.tables.items() if changed.isdisjoint(table[0])},
            downloads=_without(last.downloads, changed),
            changed=changed,
        )

    def keep(
        self,
        ctx: SiteContext,
        earlier: Earlier,
        pages: Mapping[str, Page],
        tables: dict[tuple[str, str], Table],
        downloads: dict[str, tuple[list[Any], str]],
    ) -> None:
        """The pages of ``ctx`` (given to ``earlier`` just before) are made: remember what
        they read and what was made of it."""
        assert self._now is not None, "earlier() first"
        (common, own), self._now = self._now, None
        self.reused = sum(1 for record_id, page in pages.items() if earlier.pages.get(record_id) is page)
        self._last = _Last(
            common=common,
            own=own,
            neighbours={record_id: _neighbours(ctx, record_id) for record_id in ctx.catalogue.records},
            pages=dict(pages),
            rows=dict(ctx.record_rows),
            tables=tables,
            downloads=downloads,
        )


def _without(values: Mapping[str, Any], ids: Collection[str]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if key not in ids}


def _same(a: Any, b: Any) -> bool:
    """Equal values (the same object is equal to itself: the reading cache keeps unchanged
    files' values). A comparison that fails counts as a difference."""
    if a is b:
        return True
    try:
        return bool(a == b)
    except Exception:
        return False
