"""``fonds dispose``: destroy records, leave tombstones and a certificate of destruction."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..changes.dispose import DisposalRequest, plan_disposal
from .base import DateType, ValueType, main
from .changes import carry_out, change_options, load, planned
from .selection import selected_ids, selection_options


@main.command()
@click.argument("records", nargs=-1, metavar="[RECORD...]", type=ValueType("id"))
@selection_options("destroy")
@click.option(
    "--method",
    type=ValueType("text"),
    required=True,
    help="How they are destroyed: shredding, pulping, incineration, deletion, secure-erase, ... "
    "(shown on the certificate).",
)
@click.option(
    "--authority",
    required=True,
    help="The approval of this disposal run, e.g. a destruction authorisation number; recorded "
    "with each record's retention rule.",
)
@click.option(
    "--approved-by",
    type=ValueType("person"),
    required=True,
    metavar="NAME",
    help="Who approved the destruction.",
)
@click.option("--witness", type=ValueType("person"), required=True, metavar="NAME", help="Who witnessed it.")
@click.option("--date", "on", type=DateType(), required=True, help="The day of destruction.")
@click.option("--early", is_flag=True, help="Also destroy records that are not due yet (needs --reason).")
@click.option(
    "--reason",
    type=ValueType("text"),
    help="With --early: why. Written into each record and onto the certificate.",
)
@click.option(
    "--certificate-dir",
    default="certificates",
    show_default=True,
    metavar="DIR",
    help="Where the certificate goes (relative to the catalogue, unless absolute).",
)
@change_options
def dispose(
    records: tuple[str, ...],
    method: str,
    authority: str,
    approved_by: str,
    witness: str,
    on: date,
    early: bool,
    reason: str | None,
    certificate_dir: str,
    location: str | None,
    class_code: str | None,
    due_on: date | None,
    root: Path | None,
    dry_run: bool,
    commit_: bool,
) -> None:
    """Destroy RECORDs: each becomes a tombstone, and a certificate of destruction is written.

    Every record must be due for destruction on --date under its retention rule, and no legal
    hold may cover it (one in force on --date, or placed since and not released); a record
    already destroyed or transferred, charged out, or unknown is refused. All records are checked before anything is written: one refusal
    and nothing changes.

    Each record keeps its description as proof: status becomes destroyed, a disposition block
    records the date, method, authority, approval, witness and certificate, and its location
    is released. The certificate (COD-DATE-N, in Markdown and printable HTML) lists the
    records with the rule and authority for each, and lines to sign.

    --location, --class and --from-due add records to the RECORDs given; every record is
    listed before anything changes (with --dry-run, and in the normal run's output).

    Exit status: 0 done (or shown, with --dry-run); 1 refused, every reason listed and
    nothing changed; 2 usage error (a bad option, no fonds.yml, --commit outside Git).
    """
    if early != (reason is not None):
        raise click.UsageError("--early and --reason go together: say why the records go early")
    base, catalogue, problems = load(root, dry_run, commit_)
    request = DisposalRequest(
        ids=selected_ids(catalogue, records, location, class_code, due_on, "destroy"),
        date=on,
        method=method,
        authority=authority,
        approved_by=approved_by,
        witness=witness,
        early_reason=reason,
        certificate_dir=certificate_dir,
    )
    plan = planned(lambda: plan_disposal(catalogue, problems, base, request))
    carry_out("dispose", base, plan, dry_run=dry_run, commit_=commit_)
