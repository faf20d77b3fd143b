"""The records table (fonds.site.catalogue_pages.records_table): each record's row is made
once and reused in every table, and the table is exactly what ``html.table`` writes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from fonds.model import Record
from fonds.reading.loader import load_catalogue
from fonds.site.catalogue_pages import records_table
from fonds.site.context import SiteContext, build_context, record_src
from fonds.site.html import esc, link, table
from fonds.site.terms import STATE_LABELS

REPO = Path(__file__).resolve().parents[3]
CATALOGUE, _ = load_catalogue(REPO)


def _table(ctx: SiteContext, src: str, records: list[Record]) -> str:
    """The table as ``html.table`` writes it, one cell at a time."""
    rows = []
    for record in sorted(records, key=lambda r: r.id):
        a = ctx.assessments.get(record.id)
        rows.append(
            [
                link(ctx.href(src, record_src(record.id)), record.id),
                esc(record.title),
                esc(record.class_code or ""),
                esc(record.created.isoformat() if record.created else ""),
                esc(record.format or ""),
                esc(STATE_LABELS[a.state] if a and ctx.staff else record.status),
            ]
        )
    last = "State" if ctx.staff else "Status"
    return table(["Id", "Title", "Class", "Created", "Format", last], rows)


@pytest.mark.parametrize("staff", [True, False])
@pytest.mark.parametrize("directory_urls", [True, False])
def test_a_records_table_is_the_same_on_every_page_that_lists_the_records(
    staff: bool, directory_urls: bool
) -> None:
    ctx = replace(build_context(CATALOGUE, date(2026, 11, 23), directory_urls=directory_urls), staff=staff)
    records = list(CATALOGUE.records.values())
    assert len(records) > 50
    for src in ("index.md", "classes/FIN.md", "indexes/subjects/budget.md", "reports/due.md", "records/X.md"):
        for some in (records, records[::3], records[:1]):
            assert records_table(ctx, src, some) == _table(ctx, src, some), src
    assert records_table(ctx, "index.md", []) == "<p>No records.</p>"
