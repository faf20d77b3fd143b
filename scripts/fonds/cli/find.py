"""``fonds find``: search the catalogue for a request at the counter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..changes.plan import plural
from ..diagnostics import Severity
from ..lookup.search import Query, find
from ..reporters.records import FIND_FORMATS, render_found
from ..retention.assessment import State
from ..terminal import safe
from .base import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    DateType,
    catalogue_root,
    check_selection,
    exit_with,
    main,
    read_catalogue,
)


@main.command("find")
@click.argument("query", metavar="QUERY")
@catalogue_root
@click.option(
    "--class",
    "classes",
    multiple=True,
    metavar="CODE",
    help="Only records in this class or below it (repeatable).",
)
@click.option(
    "--location",
    "locations",
    multiple=True,
    metavar="ID",
    help="Only records at this location or inside it (repeatable).",
)
@click.option("--year", type=click.IntRange(1, 9999), help="Only records created in this year.")
@click.option(
    "--state",
    "states",
    multiple=True,
    type=click.Choice([state.value for state in State]),
    help="Only records in this retention state on --as-of (repeatable).",
)
@click.option("--as-of", type=DateType(), help="The day the states are for. Default: today.")
@click.option(
    "--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Show at most this many."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FIND_FORMATS),
    default="text",
    show_default=True,
    help="text, json, csv or md (Markdown).",
)
def find_command(
    query: str,
    root: Path | None,
    classes: tuple[str, ...],
    locations: tuple[str, ...],
    year: int | None,
    states: tuple[str, ...],
    as_of: date | None,
    limit: int,
    fmt: str,
) -> None:
    """Find the records matching QUERY in the catalogue in --root, best match first.

    QUERY is looked for in ids, titles, descriptions, keywords, barcodes (the record's, or
    its box's) and the catalogue's own fields, ignoring case and accents. The record whose id
    or barcode is QUERY comes first, then ids that begin with it, then titles holding every
    word of it (or words beginning with them), then records holding them in another field;
    ties in id order. "" lists every record the options select. Each record is shown with
    its id, title, class, location and retention state.

    \b
    fonds find "arena roof" --year 2019
    fonds find MB000123
    fonds find "" --class HR-02 --state overdue --format csv

    Exit status: 0 records found; 1 none matched; 2 usage or configuration error (an
    unknown class or location, no fonds.yml).
    """
    _, catalogue, problems = read_catalogue(root)
    check_selection(catalogue, classes, locations)
    request = Query(query, classes, locations, year, tuple(State(s) for s in states), limit)
    found = find(catalogue, request, as_of or date.today())
    click.echo(render_found(found, fmt), nl=False)
    unread = sorted({d.file for d in problems if d.severity is Severity.ERROR})
    if unread:
        click.echo(
            f"fonds find: {plural(len(unread), 'file')} could not be read ({safe(unread[0])}, ...), so they "
            "were not searched: run fonds check",
            err=True,
        )
    exit_with(EXIT_CLEAN if found.total else EXIT_FINDINGS)
