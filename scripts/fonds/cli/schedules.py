"""``fonds import-schedule``: turn an authority's published schedule into a schedule file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from .. import safefile
from ..diagnostics import Severity, sort_diagnostics, terminal_safe
from ..importers.nara import import_nara_grs
from ..importers.schedule_yaml import render_schedule_yaml
from ..yamlfile import read_document
from .base import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, exit_with, find_root, main

SOURCES = ("nara-grs",)
MAX_CSV_BYTES = 64 << 20
"""Far above any published schedule (the whole NARA GRS CSV is under 1 MB)."""


@main.command("import-schedule")
@click.argument("csv_file", metavar="CSV", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("root", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--from",
    "source",
    type=click.Choice(SOURCES),
    required=True,
    help="The format of the file: nara-grs is the NARA General Records Schedules CSV.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the schedule. Default: schedules/nara-grs.yml in ROOT.",
)
@click.option("--force", is_flag=True, help="Replace the schedule file if it exists.")
def import_schedule(csv_file: Path, root: Path | None, source: str, output: Path | None, force: bool) -> None:
    """Import a published retention schedule (CSV) as a schedule file of this catalogue.

    Every row becomes an item. Rows whose retention cannot be computed (N/A, [Variable],
    ranges) become items marked implementable: false, which fonds check flags if a class uses
    them; retired rows point at their successor. Events the items need and fonds.yml does not
    declare are listed, to be added under 'events'.

    Exit status: 0 written; 1 the file has errors (nothing written); 2 usage error (for
    example the schedule exists and --force was not given).
    """
    base = find_root(root or Path.cwd())
    target = output or base / "schedules" / "nara-grs.yml"
    raw = safefile.read_bytes(csv_file, None, MAX_CSV_BYTES)
    if isinstance(raw, safefile.Refused) or len(raw) > MAX_CSV_BYTES:
        reason = raw.message if isinstance(raw, safefile.Refused) else "it is larger than 64 MB"
        click.echo(terminal_safe(f"{csv_file}: not imported: {reason}"), err=True)
        exit_with(EXIT_USAGE)
        return
    result = import_nara_grs(raw, csv_file.name)
    for diagnostic in sort_diagnostics(result.diagnostics):
        click.echo(diagnostic.render(), err=True)
    if any(d.severity is Severity.ERROR for d in result.diagnostics):
        click.echo(f"{csv_file}: not imported; nothing was written", err=True)
        exit_with(EXIT_FINDINGS)
    if target.exists() and not force:
        click.echo(f"{target} exists; give --force to replace it (review the change with git diff)", err=True)
        exit_with(EXIT_USAGE)
    text = render_schedule_yaml(result)
    _write_atomic(target, text)
    items = len(result.schedule.get("items", []))
    click.echo(f"wrote {items} items to {target}")
    config, _ = (
        read_document(base / "fonds.yml", "fonds.yml", root=base)
        if (base / "fonds.yml").is_file()
        else (None, [])
    )
    declared = config.data.get("events", {}) if config is not None and isinstance(config.data, dict) else {}
    missing = {k: v for k, v in result.events.items() if not isinstance(declared, dict) or k not in declared}
    if missing:
        click.echo("Declare these events under 'events' in fonds.yml:")
        for name, text_ in missing.items():
            click.echo(f"  {name}: {text_}")
    exit_with(EXIT_CLEAN)


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
