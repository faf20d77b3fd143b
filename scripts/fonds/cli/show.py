"""``fonds show``: one record, with everything that applies to it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..diagnostics import close_matches
from ..lookup.record_view import record_view
from ..reporters.records import SHOW_FORMATS, render_view
from ..terminal import safe
from .base import EXIT_CLEAN, DateType, catalogue_root, exit_with, main, read_catalogue


@main.command()
@click.argument("record_id", metavar="ID")
@catalogue_root
@click.option(
    "--as-of", type=DateType(), help="The day the retention state and holds are for. Default: today."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(SHOW_FORMATS),
    default="text",
    show_default=True,
    help="text or json.",
)
def show(record_id: str, root: Path | None, as_of: date | None, fmt: str) -> None:
    """Show record ID of the catalogue in --root, with everything that applies to it.

    Its fields; its effective security marking, each part with where it comes from (the
    record, or the class it inherits it from); its retention rule in words, its state and
    its next action with the date, on --as-of; the chain of places it is in (box, shelf,
    room, building); the holds that cover it; who has it charged out, since when and until
    when; and its relations, both those it states and those other records state about it.

    Exit status: 0 shown; 2 the record is not in the catalogue (with the nearest ids), or a
    usage or configuration error.
    """
    _, catalogue, _ = read_catalogue(root)
    record = catalogue.records.get(record_id)
    if record is None:
        if record_id in catalogue.record_files:
            raise click.UsageError(
                f"the file of record '{safe(record_id)}' could not be read: run fonds check"
            )
        folded = {key.casefold(): key for key in catalogue.records}
        close = close_matches(record_id.casefold(), folded, n=3, cutoff=0.7)
        hint = f" (did you mean {', '.join(repr(folded[c]) for c in close)}?)" if close else ""
        raise click.UsageError(f"record '{safe(record_id)}' is not in the catalogue{hint}")
    click.echo(render_view(record_view(record, catalogue, as_of or date.today()), fmt), nl=False)
    exit_with(EXIT_CLEAN)
