"""``fonds event``: record a retention trigger event on records."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..changes.event import EventRequest, plan_event
from .base import DateType, main
from .changes import carry_out, change_options, load, planned


@main.command()
@click.argument("arguments", nargs=-1, required=True, metavar="RECORD... EVENT")
@click.option("--date", "on", type=DateType(), required=True, help="The day the event happened.")
@change_options
def event(arguments: tuple[str, ...], on: date, root: Path | None, dry_run: bool, commit_: bool) -> None:
    """Record that EVENT happened on --date for each RECORD, so that retention can start.

    EVENT is one of the events declared in fonds.yml (final-payment, contract-expiry, ...).
    The date goes under the record's events:, and the record's next action and its date are
    shown. Refused when a record already has a date for the event (correct that by hand,
    saying why), is destroyed or transferred, or was created after --date.

    Exit status: 0 done (or shown, with --dry-run); 1 refused, every reason listed and
    nothing changed; 2 usage error (a bad option, no fonds.yml, --commit outside Git).
    """
    if len(arguments) < 2:
        raise click.UsageError(
            "give one or more records, then the event, e.g. fonds event FIN-2021-014 final-payment"
        )
    *records, name = arguments
    base, catalogue, problems = load(root, dry_run, commit_)
    plan = planned(lambda: plan_event(catalogue, problems, base, EventRequest(tuple(records), name, on)))
    carry_out("event", base, plan, dry_run=dry_run, commit_=commit_)
