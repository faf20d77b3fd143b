"""``fonds checkout`` and ``fonds return``: the charge-out register for physical files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..changes.chargeout import CheckoutRequest, ReturnRequest, plan_checkout, plan_return
from .base import DateType, ValueType, main
from .changes import carry_out, change_options, date_option, load, planned, today


@main.command()
@click.argument("record", metavar="RECORD", type=ValueType("id"))
@click.option(
    "--to", "to", type=ValueType("person"), required=True, metavar="PERSON", help="Who takes the file."
)
@click.option("--due", type=DateType(), required=True, help="When it must be back.")
@date_option("The day it leaves.")
@change_options
def checkout(
    record: str, to: str, due: date, on: date | None, root: Path | None, dry_run: bool, commit_: bool
) -> None:
    """Charge out the physical file RECORD to PERSON until --due.

    Writes charge_out: {to, since, due} on the record. fonds due lists the file as overdue
    (action return) once --due has passed. Refused for electronic records, files already
    charged out, destroyed or transferred records, and a PERSON who may not see the record
    (the rule of fonds access who: a member of a group cleared for its level and caveats and on
    its access list, or a person named on that list; a name in no group only for a record open
    to everyone).

    Exit status: 0 done (or shown, with --dry-run); 1 refused, every reason listed and
    nothing changed; 2 usage error (a bad option, no fonds.yml, --commit outside Git).
    """
    base, catalogue, problems = load(root, dry_run, commit_)
    plan = planned(
        lambda: plan_checkout(catalogue, problems, base, CheckoutRequest(record, to, due, today(on)))
    )
    carry_out("checkout", base, plan, dry_run=dry_run, commit_=commit_)


@main.command("return")
@click.argument("record", metavar="RECORD", type=ValueType("id"))
@date_option("The day it came back.")
@change_options
def return_(record: str, on: date | None, root: Path | None, dry_run: bool, commit_: bool) -> None:
    """Record that the charged-out file RECORD came back: its charge_out moves to charge_history.

    The commit (with --commit) names who had it and since when, so the Git history is the
    register's history. Refused when the file is not charged out.

    Exit status: 0 done (or shown, with --dry-run); 1 refused, every reason listed and
    nothing changed; 2 usage error (a bad option, no fonds.yml, --commit outside Git).
    """
    base, catalogue, problems = load(root, dry_run, commit_)
    plan = planned(lambda: plan_return(catalogue, problems, base, ReturnRequest(record, today(on))))
    carry_out("return", base, plan, dry_run=dry_run, commit_=commit_)
