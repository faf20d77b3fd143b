"""``fonds import records`` and ``fonds export records``: the catalogue in and out of
spreadsheets (CSV and XLSX), with the same columns both ways."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..access.audience import AudienceError, filter_for_audience
from ..changes.plan import plural
from ..diagnostics import Diagnostic, Severity
from ..importers.entries import FILE_PLAN, LOCATIONS, EntryKind, plan_entry_import
from ..importers.mapping import NO_MAPPING, ImportMapping, read_mapping
from ..importers.records import plan_record_import
from ..model import Catalogue
from ..retention.assessment import State
from ..sheets.columns import record_columns
from ..sheets.export import EXPORT_FORMATS, export_csv, export_xlsx, select_records
from ..sheets.reader import Sheet, SheetError, column_letter, read_sheet
from .base import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_USAGE,
    DateType,
    catalogue_root,
    exit_with,
    main,
    read_catalogue,
)
from .changes import carry_out, change_options, load, today


@main.group("import")
def import_group() -> None:
    """Bring a spreadsheet into the catalogue: records, the file plan or locations.

    A published retention schedule is imported with fonds import-schedule.

    Exit status (each command): 0 imported, shown with --dry-run, or nothing to change; 1 the
    sheet has problems, every one listed, and nothing was written; 2 usage error.
    """


def render(diagnostic: Diagnostic) -> str:
    """``FILE:ROW:COLUMN`` with the column as the spreadsheet's letter."""
    where = diagnostic.file
    if diagnostic.line:
        where += f":{diagnostic.line}"
        if diagnostic.column:
            where += f":{column_letter(diagnostic.column - 1)}"
    return f"{where}: {diagnostic.severity.value}[{diagnostic.code}]: {diagnostic.message}"


def read_input(path: Path, encoding: str | None) -> Sheet:
    """The sheet; exits 1 with the reason when it cannot be read."""
    try:
        return read_sheet(path, str(path), encoding=encoding)
    except SheetError as exc:
        for diagnostic in exc.diagnostics:
            click.echo(render(diagnostic), err=True)
        click.echo(f"{path}: not imported; nothing was written", err=True)
        exit_with(EXIT_FINDINGS)
        raise


def read_mapping_option(path: Path | None, catalogue: Catalogue) -> ImportMapping:
    if path is None:
        return NO_MAPPING
    mapping, problems = read_mapping(path, str(path), record_columns(catalogue))
    if problems:
        for problem in problems:
            click.echo(problem.render(), err=True)
        raise click.UsageError(f"the mapping file {path} is not usable; nothing was imported")
    return mapping


def report_problems(path: Path, problems: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
    for problem in sorted(problems):
        click.echo(render(problem), err=True)
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    click.echo(f"{path}: not imported, {plural(errors, 'problem')} to fix; nothing was written", err=True)
    exit_with(EXIT_FINDINGS)


SHEET_ARGUMENT = click.argument(
    "sheet_file", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
ENCODING_OPTION = click.option(
    "--encoding", help="The encoding of a CSV file that is not UTF-8, e.g. cp1252 (older Excel on Windows)."
)


@import_group.command("records")
@SHEET_ARGUMENT
@click.option(
    "--mapping",
    "mapping_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A mapping file (YAML) for a sheet whose columns are named otherwise; docs/spreadsheets.md.",
)
@ENCODING_OPTION
@click.option("--date", "on", type=DateType(), help="The day holds are checked on. Default: today.")
@change_options
def import_records(
    sheet_file: Path,
    mapping_file: Path | None,
    encoding: str | None,
    on: date | None,
    root: Path | None,
    dry_run: bool,
    commit_: bool,
) -> None:
    """Import records from a spreadsheet (.csv or .xlsx) whose first row names the columns.

    The columns are those of fonds export records: id, title, class, dates.created, location,
    ... (docs/spreadsheets.md). A row whose id is in the catalogue updates that record, changing
    only the fields that differ; a row with a new id, or none, is a new record (an empty id gets
    the next free one). An empty cell leaves a field as it is.

    Every bad cell is listed as FILE:ROW:COLUMN with what to write instead, and then nothing is
    written. A row that would change a destroyed or transferred record, or one under an active
    hold, is refused.

    Exit status: 0 imported (or shown with --dry-run, or nothing to change); 1 the sheet has
    problems, every one listed, and nothing was written; 2 usage error (a bad option or mapping
    file, no fonds.yml, --commit outside Git).
    """
    base, catalogue, loaded = load(root, dry_run, commit_)
    mapping = read_mapping_option(mapping_file, catalogue)
    sheet = read_input(sheet_file, encoding)
    result = plan_record_import(catalogue, loaded, base, sheet, mapping, today(on))
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    if result.plan.refusals:
        report_problems(sheet_file, [*result.plan.refusals, *result.warnings])
        return
    for warning in result.warnings:
        click.echo(render(warning), err=True)
    if not result.plan.changes:
        click.echo(f"{sheet_file}: every row matches the catalogue; nothing to change")
        exit_with(EXIT_CLEAN)
        return
    carry_out("import records", base, result.plan, dry_run=dry_run, commit_=commit_)


@main.group("export")
def export_group() -> None:
    """Write catalogue data to a spreadsheet.

    Exit status: 0 written; 1 some catalogue files could not be read; 2 usage error.
    """


STATE_CHOICES = [state.value for state in State]


@export_group.command("records")
@catalogue_root
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    help="csv or xlsx. Default: from --output, else csv.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write. Default: CSV on standard output.",
)
@click.option(
    "--class",
    "classes",
    multiple=True,
    metavar="CODE",
    help="Only records in this class or its sub-classes (repeatable).",
)
@click.option(
    "--location",
    "locations",
    multiple=True,
    metavar="ID",
    help="Only records at this location or inside it (repeatable).",
)
@click.option(
    "--state",
    "states",
    multiple=True,
    type=click.Choice(STATE_CHOICES),
    help="Only records in this retention state (repeatable).",
)
@click.option("--as-of", type=DateType(), help="The day --state is judged on. Default: today.")
@click.option(
    "--audience",
    metavar="LEVEL",
    help="The security level the reader is cleared to. Default: the lowest level (public), as the site.",
)
@click.option(
    "--caveat", "caveats", multiple=True, metavar="CAVEAT", help="A caveat the reader holds (repeatable)."
)
def export_records(
    root: Path | None,
    fmt: str | None,
    output: Path | None,
    classes: tuple[str, ...],
    locations: tuple[str, ...],
    states: tuple[str, ...],
    as_of: date | None,
    audience: str | None,
    caveats: tuple[str, ...],
) -> None:
    """Export records to a spreadsheet with the columns fonds import records reads.

    Only what the audience may see is exported (the site's audience filter; default the lowest
    level). XLSX keeps ids and barcodes as text, offers drop-down lists for class, department,
    format, location and level, and explains each column on a second sheet. Exported, then
    imported unchanged, a sheet changes nothing.

    Exit status: 0 written; 1 some catalogue files could not be read (the export may be
    incomplete); 2 usage error (unknown class, location, level or caveat; no fonds.yml).
    """
    chosen = fmt or ("xlsx" if output is not None and output.suffix.lower() == ".xlsx" else "csv")
    if chosen == "xlsx" and output is None:
        raise click.UsageError("--format xlsx needs --output FILE.xlsx")
    _, catalogue, problems = read_catalogue(root)
    unknown = [f"class '{c}' is not in the file plan" for c in classes if c not in catalogue.classes]
    unknown += [
        f"location '{x}' is not in catalogue/locations.yml" for x in locations if x not in catalogue.locations
    ]
    if unknown:
        raise click.UsageError("; ".join(unknown))
    shown = audience_view(catalogue, audience, caveats)
    records = select_records(shown, today(as_of), classes=classes, locations=locations, states=states)
    if chosen == "xlsx":
        assert output is not None
        _write(output, export_xlsx(shown, records))
    else:
        text = export_csv(shown, records)
        if output is None:
            click.echo(text, nl=False)
        else:
            _write(output, text.encode("utf-8"))
    if output is not None:
        click.echo(f"Wrote {plural(len(records), 'record')} to {output}", err=True)
    errors = [d for d in problems if d.severity is Severity.ERROR]
    if errors:
        click.echo(
            f"fonds export records: {plural(len(errors), 'problem')} in the catalogue's files; run fonds check",
            err=True,
        )
    exit_with(EXIT_FINDINGS if errors else EXIT_CLEAN)


def audience_view(catalogue: Catalogue, level: str | None, caveats: tuple[str, ...]) -> Catalogue:
    """The catalogue as this audience may see it: the one audience filter, called here only."""
    try:
        return filter_for_audience(catalogue, level, frozenset(caveats))
    except AudienceError as exc:
        raise click.UsageError(str(exc)) from exc


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        click.echo(f"fonds export records: cannot write {path} ({exc.strerror or exc})", err=True)
        exit_with(EXIT_USAGE)


def _import_entries(
    kind: EntryKind, sheet_file: Path, encoding: str | None, root: Path | None, dry_run: bool, commit_: bool
) -> None:
    base, catalogue, _ = load(root, dry_run, commit_)
    sheet = read_input(sheet_file, encoding)
    plan, notes = plan_entry_import(catalogue, base, sheet, kind)
    for note in notes:
        click.echo(f"note: {note}", err=True)
    if plan.refusals:
        report_problems(sheet_file, plan.refusals)
        return
    if not plan.changes:
        click.echo(f"{sheet_file}: no rows to import; nothing to change")
        exit_with(EXIT_CLEAN)
        return
    carry_out(f"import {kind.kind}", base, plan, dry_run=dry_run, commit_=commit_)


@import_group.command("file-plan")
@SHEET_ARGUMENT
@ENCODING_OPTION
@change_options
def import_file_plan(
    sheet_file: Path, encoding: str | None, root: Path | None, dry_run: bool, commit_: bool
) -> None:
    """Add classes to the file plan from a spreadsheet (.csv or .xlsx).

    Columns: code, title, parent, scope, retention (a schedule item such as nara-grs/1.1.010),
    owner; or Purview's file-plan columns ReferenceId, LabelName, Comment and Category (its
    retention columns are not used). A code already in the file plan is refused.

    Exit status: 0 imported (or shown with --dry-run); 1 the sheet has problems, every one
    listed, and nothing was written; 2 usage error.
    """
    _import_entries(FILE_PLAN, sheet_file, encoding, root, dry_run, commit_)


@import_group.command("locations")
@SHEET_ARGUMENT
@ENCODING_OPTION
@change_options
def import_locations(
    sheet_file: Path, encoding: str | None, root: Path | None, dry_run: bool, commit_: bool
) -> None:
    """Add locations (buildings, rooms, shelves, boxes, systems) from a spreadsheet.

    Columns: id, type, title, parent, address, barcode, capacity, notes. An id already in
    catalogue/locations.yml is refused.

    Exit status: 0 imported (or shown with --dry-run); 1 the sheet has problems, every one
    listed, and nothing was written; 2 usage error.
    """
    _import_entries(LOCATIONS, sheet_file, encoding, root, dry_run, commit_)
