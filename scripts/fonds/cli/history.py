"""``fonds history``: the commits that changed a record's file."""

from __future__ import annotations

from pathlib import Path

import click

from ..diagnostics import suggest
from ..reporting.git_log import read_log
from ..reporting.history import record_history
from ..reporting.history_output import HISTORY_FORMATS, render_history
from ..terminal import safe
from .base import EXIT_CLEAN, catalogue_root, exit_with, main, read_catalogue


@main.command()
@click.argument("record_id", metavar="RECORD")
@catalogue_root
@click.option(
    "--format",
    "fmt",
    type=click.Choice(HISTORY_FORMATS),
    default="text",
    show_default=True,
    help="text for people, json for programs.",
)
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="Only the N newest changes.")
def history(record_id: str, root: Path | None, fmt: str, limit: int | None) -> None:
    """The commits that changed RECORD's file, newest first: date, commit, kind of change
    (added, modified, renamed, deleted), author and subject, following the file back through
    renames. Read in one pass over the Git log and cached in the Git folder by commit.

    A shallow clone (CI's default) has lost older commits: nothing is listed, and a warning
    says to fetch the whole history (actions/checkout with fetch-depth: 0).

    Exit status: 0 done (also when there is no history to show; a warning says why); 2 usage
    or configuration error (an unknown record, no fonds.yml).
    """
    base, catalogue, _ = read_catalogue(root)
    record = catalogue.records.get(record_id)
    if record is None:
        if record_id in catalogue.record_files:
            raise click.UsageError(f"the file of record '{record_id}' could not be read: run fonds check")
        raise click.UsageError(
            f"record '{safe(record_id)}' is not in the catalogue{suggest(record_id, catalogue.records)}"
        )
    log = read_log(base)
    entries = record_history(log, record.file)[:limit]
    if log.note:
        click.echo(f"fonds history: warning: {log.note}", err=True)
    click.echo(render_history(record.id, record.file, entries, log.note, fmt), nl=False)
    exit_with(EXIT_CLEAN)
