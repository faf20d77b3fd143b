"""``fonds import-schedule``: turn an authority's published schedule into a schedule file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..changes.files import FileChange, read_text
from ..changes.plan import Plan, plural
from ..diagnostics import Severity, sort_diagnostics
from ..importers.reimport import stale_local_settings
from ..importers.schedule_yaml import render_schedule_yaml
from ..importers.sources import IMPORTERS
from ..reading import safefile
from ..reading.local_settings import LOCAL_DIR, local_file
from ..reading.schema_files import schema_location
from ..reading.yamlfile import read_document
from ..terminal import terminal_safe
from .base import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, catalogue_root, exit_with, find_root, main
from .changes import carry_out

SOURCES = tuple(IMPORTERS)
MAX_CSV_BYTES = 64 << 20
"""Far above any published schedule (the whole NARA GRS CSV is under 1 MB)."""


@main.command("import-schedule")
@click.argument("csv_file", metavar="CSV", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@catalogue_root
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
    help="Where to write the schedule. Default: schedules/nara-grs.yml in --root.",
)
@click.option("--force", is_flag=True, help="Replace the schedule file if it exists.")
@click.option(
    "--dry-run", is_flag=True, help="Print the change to the schedule file as a unified diff; write nothing."
)
@click.option(
    "--commit",
    "commit_",
    is_flag=True,
    help="Make one Git commit of the new schedule file. Refused when it has uncommitted changes.",
)
def import_schedule(
    csv_file: Path,
    root: Path | None,
    source: str,
    output: Path | None,
    force: bool,
    dry_run: bool,
    commit_: bool,
) -> None:
    """Import a published retention schedule (CSV) as a schedule file of this catalogue.

    Every row becomes an item. A range such as 4-7 becomes a retention window (retain: P4Y,
    retain_max: P7Y). Rows whose retention cannot be computed (N/A, [Variable]) become items
    marked implementable: false, which fonds check flags if a class uses them; retired rows
    point at their successor. Events the items need and fonds.yml does not declare are listed,
    to be added under 'events'.

    The catalogue's own settings for the authority's items (schedules/local/nara-grs.yml) are
    never written: the import lists the ones it leaves stale (item removed or retired, a value
    the authority now gives itself, an extension no longer allowed). Running the import again on
    the same CSV gives the same bytes.

    Exit status: 0 written, up to date, or shown with --dry-run; 1 the CSV has errors (nothing
    written), or the write or commit failed; 2 usage error (the schedule exists and neither
    --force nor --dry-run was given, --output is a local-settings file, --commit outside Git).
    """
    if dry_run and commit_:
        raise click.UsageError("--dry-run and --commit cannot be used together")
    base = find_root(root or Path.cwd())
    target = output or base / "schedules" / f"{source}.yml"
    display = _display(base, target)
    if display.startswith(LOCAL_DIR + "/"):
        raise click.UsageError(f"{display} is a local-settings file, which the import never writes")
    if commit_ and Path(display).is_absolute():
        raise click.UsageError(f"--commit needs the schedule inside the catalogue, not {display}")
    result = IMPORTERS[source](_read(csv_file), csv_file.name)
    for diagnostic in sort_diagnostics(result.diagnostics):
        click.echo(diagnostic.render(), err=True)
    if any(d.severity is Severity.ERROR for d in result.diagnostics):
        click.echo(f"{csv_file}: not imported; nothing was written", err=True)
        exit_with(EXIT_FINDINGS)
    try:
        old = read_text(target)
    except (OSError, UnicodeDecodeError) as exc:
        raise click.UsageError(
            f"{target} cannot be read as a schedule file ({exc}); nothing was written"
        ) from exc
    if old is not None and not (force or dry_run):
        click.echo(
            f"{target} exists; give --force to replace it (see the change first with --dry-run)", err=True
        )
        exit_with(EXIT_USAGE)
    _report_local_settings(base, result.schedule)
    text = render_schedule_yaml(result, schema_location(base, "schedule", display))
    items = len(result.schedule.get("items", []))
    if old == text:
        click.echo(f"{display} is already up to date ({items} items); nothing was changed")
        exit_with(EXIT_CLEAN)
    plan = Plan(
        subject=f"Import {items} items of {result.schedule['title']} from {csv_file.name} into {display}",
        changes=(FileChange(display, old, text),),
        details=_events_to_declare(base, result.events),
    )
    carry_out("import-schedule", base, plan, dry_run=dry_run, commit_=commit_)


def _display(base: Path, target: Path) -> str:
    """``target`` relative to the catalogue, with '/', or as given when it is outside it."""
    try:
        return target.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return str(target.resolve())


def _report_local_settings(base: Path, schedule: dict[str, Any]) -> None:
    display = local_file(str(schedule.get("id", "")))
    raw = read_bytes(base / display)
    if raw is None:
        return
    authorities = {path.stem for path in (base / "schedules").glob("*.yml")} | {str(schedule.get("id"))}
    found = stale_local_settings(raw, display, schedule, authorities)
    for diagnostic in found:
        click.echo(diagnostic.render(), err=True)
    if found:
        click.echo(
            f"{display}: {plural(len(found), 'local setting')} no longer "
            f"match{'es' if len(found) == 1 else ''} this import (the file is not changed; correct "
            "it by hand, then run fonds check)",
            err=True,
        )


def _read(path: Path) -> bytes:
    """The file's bytes through the one safe open: no FIFO, device or link leading outside."""
    raw = safefile.read_bytes(path, None, MAX_CSV_BYTES)
    if isinstance(raw, safefile.Refused):
        raise click.UsageError(terminal_safe(f"{path} cannot be read: {raw.message}"))
    if len(raw) > MAX_CSV_BYTES:
        raise click.UsageError(terminal_safe(f"{path} cannot be read: it is larger than 64 MB"))
    return raw


def read_bytes(path: Path) -> bytes | None:
    if not path.exists():
        return None
    return _read(path)


def _events_to_declare(base: Path, events: dict[str, str]) -> tuple[str, ...]:
    config, _ = (
        read_document(base / "fonds.yml", "fonds.yml", root=base)
        if (base / "fonds.yml").is_file()
        else (None, [])
    )
    declared = config.data.get("events", {}) if config is not None and isinstance(config.data, dict) else {}
    missing = {k: v for k, v in events.items() if not isinstance(declared, dict) or k not in declared}
    if not missing:
        return ()
    return (
        "Declare these events under 'events' in fonds.yml:",
        *(f"  {name}: {text}" for name, text in missing.items()),
    )
