"""``fonds checkouts``: the charge-out register."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..custody.register import current_loans, loan_history
from ..reporters.custody import history_table, loans_table
from ..reporters.tables import TABLE_FORMATS, render_table
from ..terminal import safe
from .base import EXIT_CLEAN, DateType, ValueType, exit_with, main, read_catalogue


@main.command()
@click.option("--overdue", is_flag=True, help="Only files not back by their due date.")
@click.option("--person", type=ValueType("person"), metavar="PERSON", help="Only files out to PERSON.")
@click.option("--as-of", type=DateType(), help="The day to report on. Default: today.")
@click.option("--history", "history", metavar="RECORD", help="Every loan of RECORD instead, oldest first.")
@click.option(
    "--root", type=click.Path(file_okay=False, path_type=Path), help="The catalogue (default: here)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(TABLE_FORMATS),
    default="text",
    show_default=True,
    help="text, json, csv or md (Markdown).",
)
def checkouts(
    overdue: bool, person: str | None, as_of: date | None, history: str | None, root: Path | None, fmt: str
) -> None:
    """List the physical files charged out: with whom, since when, due back when.

    Sorted by due date, then id; overdue files show how many days late they are. With
    --history RECORD: that record's finished loans (charge_history, written by fonds
    return) and its current one.

    Exit status: 0 listed (whatever it lists); 2 usage error (an unknown RECORD, a bad option).
    """
    _, catalogue, _problems = read_catalogue(root)
    if history is not None:
        record = catalogue.records.get(history)
        if record is None:
            raise click.UsageError(f"record '{safe(history)}' is not in the catalogue")
        click.echo(render_table(history_table(record.id, loan_history(record)), fmt), nl=False)
        exit_with(EXIT_CLEAN)
    day = as_of or date.today()
    loans = current_loans(catalogue, day, overdue=overdue, person=person)
    click.echo(render_table(loans_table(loans, day, overdue=overdue, person=person), fmt), nl=False)
    exit_with(EXIT_CLEAN)
