"""``fonds hold place`` and ``fonds hold release``: legal holds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..changes.hold import HoldOrder, ReleaseRequest, plan_place, plan_release
from .base import DateType, ValueType, main
from .changes import carry_out, change_options, date_option, load, planned, today


@main.group()
def hold() -> None:
    """Place and release legal holds (catalogue/holds/ID.yml)."""


@hold.command()
@click.argument("hold_id", metavar="HOLD-ID", type=ValueType("id"))
@click.option("--title", type=ValueType("text"), required=True, help="The matter, e.g. the case name.")
@click.option("--reason", type=ValueType("text"), required=True, help="Why the records must be kept.")
@click.option(
    "--authority",
    type=ValueType("text"),
    required=True,
    help="Who ordered the hold (counsel, court, auditor).",
)
@click.option("--placed-by", type=ValueType("person"), required=True, metavar="NAME", help="Who places it.")
@click.option(
    "--record",
    "records",
    type=ValueType("id"),
    multiple=True,
    metavar="ID",
    help="A record it covers (repeatable).",
)
@click.option(
    "--class",
    "classes",
    type=ValueType("id"),
    multiple=True,
    metavar="CODE",
    help="A class it covers, with its sub-classes (repeatable).",
)
@click.option("--from", "created_from", type=DateType(), help="Only records created on or after this day.")
@click.option("--to", "created_to", type=DateType(), help="Only records created on or before this day.")
@date_option("The day the hold is placed.")
@change_options
def place(
    hold_id: str,
    title: str,
    reason: str,
    authority: str,
    placed_by: str,
    records: tuple[str, ...],
    classes: tuple[str, ...],
    created_from: date | None,
    created_to: date | None,
    on: date | None,
    root: Path | None,
    dry_run: bool,
    commit_: bool,
) -> None:
    """Place legal hold HOLD-ID: write catalogue/holds/HOLD-ID.yml.

    From the day it is placed, no record in its scope can be destroyed or transferred (fonds
    due lists them as on-hold; fonds dispose refuses them). The scope is the records named,
    the records in the classes named, and, with --from/--to, only those created in that range
    (a range alone covers every record created in it). Lists the records it covers.

    Exit status: 0 done (or shown, with --dry-run); 1 refused, every reason listed and
    nothing changed; 2 usage error (a bad option, no fonds.yml, --commit outside Git).
    """
    base, catalogue, problems = load(root, dry_run, commit_)
    order = HoldOrder(
        id=hold_id,
        title=title,
        reason=reason,
        authority=authority,
        placed_by=placed_by,
        placed_on=today(on),
        records=records,
        classes=classes,
        created_from=created_from,
        created_to=created_to,
    )
    plan = planned(lambda: plan_place(catalogue, problems, base, order))
    carry_out("hold place", base, plan, dry_run=dry_run, commit_=commit_)


@hold.command()
@click.argument("hold_id", metavar="HOLD-ID", type=ValueType("id"))
@click.option("--by", "by", type=ValueType("person"), required=True, metavar="NAME", help="Who releases it.")
@date_option("The day the hold is lifted.")
@change_options
def release(hold_id: str, by: str, on: date | None, root: Path | None, dry_run: bool, commit_: bool) -> None:
    """Release legal hold HOLD-ID: add released_on and released_by to its file.

    The file stays in the catalogue as the hold's history. Refused when the hold is unknown
    or already released, or when --date is before the hold was placed.

    Exit status: 0 done (or shown, with --dry-run); 1 refused, every reason listed and
    nothing changed; 2 usage error (a bad option, no fonds.yml, --commit outside Git).
    """
    base, catalogue, problems = load(root, dry_run, commit_)
    plan = planned(lambda: plan_release(catalogue, problems, base, ReleaseRequest(hold_id, by, today(on))))
    carry_out("hold release", base, plan, dry_run=dry_run, commit_=commit_)
