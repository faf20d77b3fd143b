"""``fonds fixity``: check (or record) the SHA-256 of electronic records' files in storage."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from ..changes.fixity_record import FixityRecordRequest, plan_fixity_record
from ..custody.fixity import FINDINGS, StorageError, check_fixity, planned_bytes, storage_root
from ..reporters.fixity import FIXITY_FORMATS, render_fixity
from .base import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, ValueType, exit_with, main, read_catalogue
from .changes import carry_out, change_options, date_option, load, today

PROGRESS_BYTES = 256 << 20
"""Show a progress bar (on stderr) when the files to hash add up to more than this."""


@main.command()
@click.option(
    "--verify", "mode", flag_value="verify", default=True, help="Compare each file with its record (default)."
)
@click.option(
    "--record",
    "mode",
    flag_value="record",
    help="Write each file's sha256, bytes and checked_on into its record.",
)
@click.option(
    "--id",
    "ids",
    multiple=True,
    type=ValueType("id"),
    metavar="RECORD",
    help="Only this record (repeatable).",
)
@click.option("--format", "fmt", type=click.Choice(FIXITY_FORMATS), default="text", show_default=True)
@date_option("The day of the check, written as fixity.checked_on.")
@change_options
def fixity(
    mode: str,
    ids: tuple[str, ...],
    fmt: str,
    on: date | None,
    root: Path | None,
    dry_run: bool,
    commit_: bool,
) -> None:
    """Check the SHA-256 of electronic records' files under the storage root.

    A record names its file as uri: storage:PATH, PATH inside the folder set by storage: root
    in fonds.yml. Each file is reported ok, changed (its SHA-256 differs from fixity.sha256),
    missing, unrecorded (no fixity.sha256 yet), refused (a path leading outside the root, a
    symbolic link, a FIFO or device: never read) or untracked (under the root, named by no
    record). Files are hashed in 1 MiB chunks, with a progress bar for large totals.

    --record writes fixity: {sha256, bytes, checked_on} into the records as a reviewed change
    (--dry-run shows the diff; --commit commits it); a changed file's new value is named.

    Exit status: 0 every file ok (or recorded); 1 something changed, missing, unrecorded,
    refused or untracked (with --record: refused); 2 usage error (no storage root, no fonds.yml).
    """
    if mode == "verify" and (dry_run or commit_):
        raise click.UsageError("--dry-run and --commit go with --record")
    if mode == "record":
        base, catalogue, problems = load(root, dry_run, commit_)
    else:
        base, catalogue, problems = read_catalogue(root)
    try:
        total = planned_bytes(catalogue, storage_root(catalogue, base))
        unknown = sorted(set(ids) - set(catalogue.records))
        if unknown:
            raise click.UsageError(f"there is no record '{unknown[0]}'")
        if total < PROGRESS_BYTES:
            report = check_fixity(catalogue, base, ids=frozenset(ids))
        else:
            with click.progressbar(length=total, label="Hashing", file=sys.stderr) as bar:
                report = check_fixity(catalogue, base, ids=frozenset(ids), progress=bar.update)
    except StorageError as exc:
        click.echo(f"fonds fixity: {exc}", err=True)
        exit_with(EXIT_USAGE)
        return
    if mode == "record":
        click.echo(render_fixity(report, "text"), nl=False, err=True)
        carry_out(
            "fixity",
            base,
            plan_fixity_record(catalogue, problems, base, FixityRecordRequest(report, today(on))),
            dry_run=dry_run,
            commit_=commit_,
        )
        return
    click.echo(render_fixity(report, fmt), nl=False)
    exit_with(EXIT_FINDINGS if any(item.status in FINDINGS for item in report.items) else EXIT_CLEAN)
