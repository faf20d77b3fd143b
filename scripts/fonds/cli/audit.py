"""``fonds audit``: a location against the barcodes a handheld scanner read there."""

from __future__ import annotations

from pathlib import Path

import click

from ..custody.audit import Bucket, audit
from ..custody.scans import ScanError, read_scans
from ..reporters.audit import render_audit
from ..reporters.tables import TABLE_FORMATS
from .base import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, exit_with, main, read_catalogue


@main.command("audit")
@click.argument("location", metavar="LOCATION")
@click.argument("scans", metavar="SCANS", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--root", type=click.Path(file_okay=False, path_type=Path), help="The catalogue (default: here)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(TABLE_FORMATS),
    default="text",
    show_default=True,
    help="text, json, csv or md (Markdown).",
)
def audit_(location: str, scans: Path, root: Path | None, fmt: str) -> None:
    """Audit LOCATION (a shelf, a room, a box) against SCANS, the export of a handheld scanner.

    SCANS is one barcode a line, or a CSV with a 'barcode' column and an optional 'time'
    column (UTF-8, or UTF-16 with a byte-order mark). A location barcode in it switches the
    current location, so one file can cover a room shelf by shelf; a box barcode is a box
    found there, and the files after it are inside it. Every item lands in one bucket:
    present, missing (expected, not charged out, not scanned), misplaced (scanned here,
    catalogued elsewhere), unexpected (an unknown barcode), charged-out-found,
    ended-found (destroyed or transferred but found) and charged-out (away, as the register
    says). The audit changes nothing.

    Exit status: 0 nothing missing or misplaced; 1 something missing or misplaced; 2 usage
    error (an unknown LOCATION, a scan file that cannot be read).
    """
    _, catalogue, _problems = read_catalogue(root)
    if location not in catalogue.locations:
        raise click.UsageError(f"location '{location}' is not in catalogue/locations.yml")
    try:
        data = scans.read_bytes()
    except OSError as exc:
        click.echo(f"fonds audit: cannot read {scans}: {exc.strerror or exc}", err=True)
        exit_with(EXIT_USAGE)
    try:
        scan_file = read_scans(str(scans), data)
    except ScanError as exc:
        click.echo(f"fonds audit: {exc}", err=True)
        exit_with(EXIT_USAGE)
    result = audit(catalogue, location, scan_file)
    if fmt == "csv":  # the other formats carry the scan file's problems as notes
        for problem in result.problems:
            click.echo(problem.render(), err=True)
    click.echo(render_audit(result, fmt), nl=False)
    missing = result.counts.get(Bucket.MISSING.value, 0) + result.counts.get(Bucket.MISPLACED.value, 0)
    exit_with(EXIT_FINDINGS if missing else EXIT_CLEAN)
