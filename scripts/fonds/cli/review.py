"""``fonds review``: record the outcome of a vital-record or retention review."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..changes.review import Outcome, plan_review
from ..retention.periods import Period
from .base import DateType, PeriodType, ValueType, main
from .changes import carry_out, change_options, date_option, load, planned, today


@main.command()
@click.argument("record", metavar="RECORD", type=ValueType("id"))
@click.option(
    "--outcome",
    type=click.Choice(["keep", "extend", "reschedule", "approve"]),
    required=True,
    help="keep (until --next-review, or the vital cycle), extend --by PERIOD, reschedule --item, "
    "or approve the disposal.",
)
@click.option(
    "--reviewer", type=ValueType("person"), required=True, metavar="PERSON", help="Who reviewed it."
)
@click.option("--reason", type=ValueType("text"), required=True, help="Why (kept with the review).")
@click.option(
    "--of", "kind", type=click.Choice(["vital", "retention"]), help="Which review, when both apply."
)
@click.option("--next-review", type=DateType(), help="keep: the next review date.")
@click.option("--by", type=PeriodType(), help="extend: how long after the review, e.g. P5Y.")
@click.option("--item", metavar="AUTHORITY/ITEM", help="reschedule: the schedule item it now falls under.")
@click.option(
    "--action",
    type=click.Choice(["destroy", "transfer"]),
    default="destroy",
    show_default=True,
    help="approve: the final action approved.",
)
@date_option("The day of the review.")
@change_options
def review(
    record: str,
    outcome: str,
    reviewer: str,
    reason: str,
    kind: str | None,
    next_review: date | None,
    by: Period | None,
    item: str | None,
    action: str,
    on: date | None,
    root: Path | None,
    dry_run: bool,
    commit_: bool,
) -> None:
    """Record the outcome of the review of RECORD: a vital record's review, or a retention
    review (a rule whose final action is review).

    Appends {date, kind, outcome, reviewer, reason, ...} to the record's reviews: list (and,
    for a vital record, sets vital.last_reviewed). fonds due then stops listing the review
    until the next one falls due: keep sets it to --next-review (or, for a vital record, its
    cycle after the review); extend to --by after the review; reschedule puts the record
    under --item's rule; approve makes fonds due list the approved --action (destroy by
    default), due from the day of the review (a hold still stops it).

    Exit status: 0 done (or shown, with --dry-run); 1 refused, every reason listed and
    nothing changed; 2 usage error (a missing option for the outcome, no fonds.yml, --commit
    outside Git).
    """
    base, catalogue, problems = load(root, dry_run, commit_)
    asked = Outcome(outcome, reviewer, reason, today(on), kind, next_review, by, item, action)
    plan = planned(lambda: plan_review(catalogue, problems, base, record, asked))
    carry_out("review", base, plan, dry_run=dry_run, commit_=commit_)
