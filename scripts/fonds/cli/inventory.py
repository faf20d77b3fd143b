"""``fonds inventory``: the box contents list or shelf list of a location."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..custody.inventory import inventory as make_inventory
from ..paperwork.shelf_list import shelf_list_html
from ..reporters.custody import inventory_tables
from ..reporters.tables import TABLE_FORMATS, tables
from ..terminal import safe
from .base import EXIT_CLEAN, DateType, exit_with, main, read_catalogue


@main.command()
@click.argument("location", metavar="LOCATION")
@click.option("--as-of", type=DateType(), help="The day the next actions are computed for. Default: today.")
@click.option(
    "--root", type=click.Path(file_okay=False, path_type=Path), help="The catalogue (default: here)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*TABLE_FORMATS, "html"]),
    default="text",
    show_default=True,
    help="text, json, csv, md (Markdown) or html (a page to print).",
)
def inventory(location: str, as_of: date | None, root: Path | None, fmt: str) -> None:
    """List the records kept at LOCATION and below it: a box contents list or a shelf list.

    Each record with its place, extent, covering dates, class, rule, next action and date,
    holds and charge-out; then totals per box and per shelf (records, extent, linear metres
    where the unit allows: boxes, cubic feet and linear feet count 0.3048 m each). CSV holds
    the list only; html is a self-contained page to print, with a tick column.

    Exit status: 0 listed; 2 usage error (an unknown LOCATION, a bad date).
    """
    _, catalogue, _problems = read_catalogue(root)
    if location not in catalogue.locations:
        raise click.UsageError(f"location '{safe(location)}' is not in catalogue/locations.yml")
    inv = make_inventory(catalogue, location, as_of or date.today())
    text = shelf_list_html(inv) if fmt == "html" else tables(inventory_tables(inv), fmt)
    click.echo(text, nl=False)
    exit_with(EXIT_CLEAN)
