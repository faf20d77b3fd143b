"""``fonds audit``: a location against the barcodes a handheld scanner read there."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import click

from ..changes.audit_apply import plan_audit_record
from ..custody.audit import Audit, Bucket, audit
from ..custody.audit_history import previous_audit, since_last
from ..custody.scans import ScanError, read_scans
from ..model import Catalogue
from ..reporters.audit import render_audit
from ..reporters.tables import TABLE_FORMATS
from ..terminal import safe
from .base import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, ValueType, exit_with, main, read_catalogue
from .changes import carry_out, change_options, date_option, load, planned, today


def _scanned(catalogue: Catalogue, location: str, scans: Path, on: date) -> Audit:
    if location not in catalogue.locations:
        raise click.UsageError(f"location '{safe(location)}' is not in catalogue/locations.yml")
    if not scans.is_file():
        what = (
            "does not exist" if not scans.exists() else "is not a regular file (a folder, a device or a pipe)"
        )
        click.echo(f"fonds audit: {safe(str(scans))} {what}: give the file the scanner exported", err=True)
        exit_with(EXIT_USAGE)
    try:
        data = scans.read_bytes()
    except OSError as exc:
        click.echo(f"fonds audit: cannot read {safe(str(scans))}: {exc.strerror or exc}", err=True)
        exit_with(EXIT_USAGE)
        raise  # not reached
    try:
        scan_file = read_scans(str(scans), data)
    except ScanError as exc:
        click.echo(f"fonds audit: {safe(str(exc))}", err=True)
        exit_with(EXIT_USAGE)
        raise  # not reached
    result = audit(catalogue, location, scan_file)
    return replace(result, since=since_last(previous_audit(catalogue, location, on), result))


@main.command("audit")
@click.argument("location", metavar="LOCATION")
@click.argument("scans", metavar="SCANS", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(TABLE_FORMATS),
    default="text",
    show_default=True,
    help="text, json, csv or md (Markdown).",
)
@click.option("--record", "record_", is_flag=True, help="Also write the audit's record in catalogue/audits/.")
@click.option("--apply", "apply_", is_flag=True, help="Move the confirmed misplaced records (and --record).")
@click.option(
    "--confirm", multiple=True, metavar="ID", help="With --apply: a misplaced record to move (repeatable)."
)
@click.option("--confirm-all", is_flag=True, help="With --apply: move every misplaced record.")
@click.option("--by", type=ValueType("person"), metavar="PERSON", help="Who scanned (kept in the record).")
@date_option("The day of the audit.")
@change_options
def audit_(
    location: str,
    scans: Path,
    fmt: str,
    record_: bool,
    apply_: bool,
    confirm: tuple[str, ...],
    confirm_all: bool,
    by: str | None,
    on: date | None,
    root: Path | None,
    dry_run: bool,
    commit_: bool,
) -> None:
    """Audit LOCATION (a shelf, a room, a box) against SCANS, the export of a handheld scanner.

    SCANS is one barcode a line, or a CSV with a 'barcode' column and an optional 'time'
    column (UTF-8, or UTF-16 with a byte-order mark). A location barcode in it switches the
    current location, so one file can cover a room shelf by shelf; a box barcode is a box
    found there, and the files after it are inside it. Every item lands in one bucket:
    present, missing (expected, not charged out, not scanned), misplaced (scanned here,
    catalogued elsewhere), unexpected (an unknown barcode), charged-out-found,
    ended-found (destroyed or transferred but found) and charged-out (away, as the register
    says). The report ends with what changed since the last recorded audit of LOCATION.

    The audit changes nothing, unless --record (write catalogue/audits/AUDIT-DATE-LOCATION.yml)
    or --apply (the same, and each misplaced record named by --confirm, or all with
    --confirm-all, gets location: where it was found), with --dry-run and --commit.

    Exit status: 0 nothing missing or misplaced; 1 something missing or misplaced; 2 usage
    error (an unknown LOCATION, a scan file that cannot be read). With --record or --apply:
    0 written (or shown), 1 refused, 2 usage error.
    """
    writing = record_ or apply_
    if (confirm or confirm_all) and not apply_:
        raise click.UsageError("--confirm and --confirm-all go with --apply")
    if apply_ and not (confirm or confirm_all):
        raise click.UsageError("--apply needs --confirm ID (repeatable) or --confirm-all")
    if not writing and (dry_run or commit_):
        raise click.UsageError("--dry-run and --commit go with --record or --apply")
    if writing:
        base, catalogue, problems = load(root, dry_run, commit_)
    else:
        base, catalogue, problems = read_catalogue(root)
    day = today(on)
    result = _scanned(catalogue, location, scans, day)
    if fmt == "csv":  # the other formats carry the scan file's problems as notes
        for problem in result.problems:
            click.echo(safe(problem.render()), err=True)
    click.echo(render_audit(result, fmt), nl=False)
    if writing:
        chosen = confirm if apply_ else ()
        plan = planned(
            lambda: plan_audit_record(
                catalogue,
                problems,
                base,
                result,
                day,
                by=by,
                confirm=chosen,
                confirm_all=confirm_all and apply_,
            )
        )
        carry_out("audit", base, plan, dry_run=dry_run, commit_=commit_)
    missing = result.counts.get(Bucket.MISSING.value, 0) + result.counts.get(Bucket.MISPLACED.value, 0)
    exit_with(EXIT_FINDINGS if missing else EXIT_CLEAN)
