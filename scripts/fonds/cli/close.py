"""``fonds close``: close files (set ``dates.closed``), one by one or at the year-end cut-off."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..changes.close import ClosingRequest, CutOff, plan_close
from ..terminal import safe
from .base import EXIT_CLEAN, DateType, exit_with, main
from .changes import carry_out, change_options, load, planned, today


@main.command()
@click.argument("ids", nargs=-1, metavar="[ID]...")
@click.option(
    "--class",
    "class_code",
    metavar="CODE",
    help="With --before: the open files of this class and its sub-classes.",
)
@click.option(
    "--before",
    type=DateType(),
    help="With --class: the files created before this day (the year-end cut-off).",
)
@click.option("--on", "on", type=DateType(), help="The closing day. Default: today.")
@change_options
def close(
    ids: tuple[str, ...],
    class_code: str | None,
    before: date | None,
    on: date | None,
    root: Path | None,
    dry_run: bool,
    commit_: bool,
) -> None:
    """Close files: set dates.closed on each record ID, or, with --class and --before, on every
    open file of the class (and its sub-classes) created before that day.

    Closing starts the retention clock of every rule triggered by closure. Refused, with
    every reason listed at once, for a file already closed, destroyed or transferred, or
    created after the closing day. Only dates.closed changes; every other byte of the file
    stays as it was.

    \b
    fonds close FIN-2025-004 --on 2026-03-31
    fonds close --class COU-01 --before 2026-01-01 --on 2025-12-31 --commit

    Exit status: 0 done (or shown, with --dry-run); 1 refused, with every reason listed, and
    nothing changed; 2 usage error (a bad option, no fonds.yml, --commit outside Git).
    """
    if (class_code is None) != (before is None):
        raise click.UsageError("--class and --before go together: fonds close --class CODE --before DATE")
    if not ids and class_code is None:
        raise click.UsageError("give the records to close, or --class CODE --before DATE")
    base, catalogue, problems = load(root, dry_run, commit_)
    cut_off = CutOff(class_code, before) if class_code is not None and before is not None else None
    plan = planned(
        lambda: plan_close(catalogue, problems, base, ClosingRequest(tuple(ids), today(on), cut_off))
    )
    if not plan.changes and not plan.refusals:
        click.echo(safe(plan.subject))
        for line in plan.details:
            click.echo(f"  {safe(line)}")
        exit_with(EXIT_CLEAN)
        return
    carry_out("close", base, plan, dry_run=dry_run, commit_=commit_)
