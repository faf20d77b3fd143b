"""``fonds transfer``: move records between storage places, or transfer them to the archives."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..changes.box_transfer import BoxTransferRequest, plan_box_transfer
from ..changes.transfer import TransferRequest, plan_transfer, within
from .base import ValueType, main
from .changes import carry_out, change_options, date_option, load, planned, today
from .selection import selected_ids, selection_options


@main.command()
@click.argument("records", nargs=-1, metavar="[RECORD...]", type=ValueType("id"))
@click.option(
    "--box",
    type=ValueType("id"),
    metavar="BOX",
    help="Move this whole box (the location and everything in it) instead of RECORDs.",
)
@selection_options("the transfer (or, to a records centre, the move)")
@click.option(
    "--to",
    "to",
    type=ValueType("id"),
    required=True,
    metavar="LOCATION",
    help="Where they go: a location id.",
)
@click.option(
    "--archives",
    type=ValueType("text"),
    metavar="NAME",
    help="To the archives: the receiving archives' name (default: the location's title).",
)
@click.option(
    "--authority",
    type=ValueType("text"),
    help="To the archives: the approval of the transfer (required there).",
)
@click.option(
    "--approved-by",
    type=ValueType("person"),
    metavar="NAME",
    help="To the archives: who approved it (required there).",
)
@click.option(
    "--witness", type=ValueType("person"), metavar="NAME", help="To the archives: who witnessed the handover."
)
@date_option("The day of the move or transfer.")
@click.option("--early", is_flag=True, help="To the archives: also records not due yet (needs --reason).")
@click.option("--reason", type=ValueType("text"), help="With --early: why. Written into each record.")
@click.option(
    "--list-dir",
    default="transfer-lists",
    show_default=True,
    metavar="DIR",
    help="Where the transfer list goes (relative to the catalogue, unless absolute).",
)
@change_options
def transfer(
    records: tuple[str, ...],
    box: str | None,
    location: str | None,
    class_code: str | None,
    due_on: date | None,
    to: str,
    archives: str | None,
    authority: str | None,
    approved_by: str | None,
    witness: str | None,
    on: date | None,
    early: bool,
    reason: str | None,
    list_dir: str,
    root: Path | None,
    dry_run: bool,
    commit_: bool,
) -> None:
    """Move RECORDs to LOCATION, or transfer them to the archives, with a transfer list.

    A move (to a shelf, box or room) changes each record's location; an active record moved
    into a records centre becomes semi-active. Electronic records, charged-out files and
    records already there are refused. Holds do not stop a move.

    When LOCATION is an archives location (or inside one) the records leave the
    organisation's custody: like fonds dispose, each must be due for transfer under its
    rule and not under a hold in force, and becomes a tombstone (status transferred, a
    disposition block; location released). --authority and --approved-by are required.

    Either way a transfer list (TL-DATE-N, CSV and printable HTML) lists each record with
    its box and barcode, dates, extent, former location and next disposal.

    --box BOX moves a whole box: its parent in catalogue/locations.yml becomes LOCATION (a
    records centre, or a shelf or room), its records stay in it (active ones going into a
    records centre become semi-active), and the transfer list lists them. A box whose records
    end under different rules or in different years is warned about. A box goes to the
    archives record by record (RECORD... --to ARCHIVES).

    --location, --class and --from-due add records to the RECORDs given (--from-due: what fonds
    due lists for transfer, or for move-to-semi-active when LOCATION is not in the archives);
    every record is listed before anything changes (with --dry-run, and in the normal output).

    Exit status: 0 done (or shown, with --dry-run); 1 refused, every reason listed and
    nothing changed; 2 usage error (a bad option, no fonds.yml, --commit outside Git).
    """
    if early != (reason is not None):
        raise click.UsageError("--early and --reason go together: say why the records go early")
    base, catalogue, problems = load(root, dry_run, commit_)
    if box is not None:
        if records or location or class_code or due_on or early or archives or authority or approved_by:
            raise click.UsageError("--box moves one whole box: give it with --to (and --date) only")
        box_request = BoxTransferRequest(box=box, to=to, date=today(on), list_dir=list_dir)
        box_plan = planned(lambda: plan_box_transfer(catalogue, problems, base, box_request))
        carry_out("transfer", base, box_plan, dry_run=dry_run, commit_=commit_)
        return
    to_archives = to in catalogue.locations and within(catalogue, to, "archives")
    action = "transfer" if to_archives else "move-to-semi-active"
    request = TransferRequest(
        ids=selected_ids(catalogue, records, location, class_code, due_on, action),
        to=to,
        date=today(on),
        archives=archives,
        authority=authority,
        approved_by=approved_by,
        witness=witness,
        early_reason=reason,
        list_dir=list_dir,
    )
    plan = planned(lambda: plan_transfer(catalogue, problems, base, request))
    carry_out("transfer", base, plan, dry_run=dry_run, commit_=commit_)
