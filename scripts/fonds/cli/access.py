"""``fonds access who|group|report``: who may see a record, what a group may see, the overview."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..access.markings import access_report, group_may_see, who_may_see
from ..diagnostics import Diagnostic, Severity, sort_diagnostics, suggest
from ..model import Catalogue
from ..reporters.access import ACCESS_FORMATS, render_access_report, render_group, render_who
from .base import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    DateType,
    ValueType,
    catalogue_root,
    exit_with,
    main,
    read_catalogue,
)

FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    type=click.Choice(ACCESS_FORMATS),
    default="text",
    show_default=True,
    help="text for people, json for programs, csv for a spreadsheet.",
)


@main.group()
def access() -> None:
    """Who may see what: security markings, access lists and caveats.

    A group may see a record when it is cleared for the record's level, holds every caveat
    of the record, and is on its access list (when the record has one; at the lowest level
    the access list restricts nothing). Members of those groups may see it, and so may the
    people named on its access list. docs/access.md explains the rules.

    Exit status: 0 done; 1 some files of the catalogue could not be read, so the answer may
    be incomplete; 2 usage or configuration error (for example an unknown record or group).
    """


def _load(root: Path | None) -> tuple[Catalogue, list[Diagnostic]]:
    _, catalogue, problems = read_catalogue(root)
    return catalogue, [d for d in sort_diagnostics(problems) if d.severity is Severity.ERROR]


def _finish(output: str, errors: list[Diagnostic]) -> None:
    click.echo(output, nl=False)
    for problem in errors:
        click.echo(problem.render(), err=True)
    if errors:
        click.echo(
            f"fonds access: {len(errors)} problems in the catalogue's files; this answer may be "
            "incomplete: run fonds check",
            err=True,
        )
    exit_with(EXIT_FINDINGS if errors else EXIT_CLEAN)


@access.command()
@click.argument("record_id", metavar="RECORD")
@catalogue_root
@click.option(
    "--person",
    metavar="NAME",
    type=ValueType("person"),
    help="Also say whether this person may see it, and why not (what fonds checkout decides).",
)
@FORMAT_OPTION
def who(record_id: str, root: Path | None, person: str | None, fmt: str) -> None:
    """Who may see RECORD, and why: its marking (with where each part comes from), every
    group with the reason it may or may not see it, and every person who may. With --person,
    the last line says whether that person may see it: fonds checkout lends the file to them
    only then."""
    catalogue, errors = _load(root)
    record = catalogue.records.get(record_id)
    if record is None:
        if record_id in catalogue.record_files:
            raise click.UsageError(f"the file of record '{record_id}' could not be read: run fonds check")
        raise click.UsageError(f"record '{record_id}' is not in the catalogue")
    _finish(render_who(who_may_see(record, catalogue, person), fmt), errors)


@access.command()
@click.argument("group_id", metavar="GROUP")
@catalogue_root
@click.option("--all", "everything", is_flag=True, help="Also list the records open to everyone.")
@FORMAT_OPTION
def group(group_id: str, root: Path | None, everything: bool, fmt: str) -> None:
    """The records GROUP may see, each with the reason, in id order.

    Records open to everyone (the lowest level, no caveats) are counted but not listed,
    unless --all is given."""
    catalogue, errors = _load(root)
    found = catalogue.access.groups.get(group_id)
    if found is None:
        raise click.UsageError(
            f"group '{group_id}' is not in {catalogue.access.file}"
            f"{suggest(group_id, catalogue.access.groups)}"
        )
    visible = group_may_see(found, catalogue)
    _finish(render_group(found, visible, len(catalogue.records), fmt, everything=everything), errors)


@access.command()
@catalogue_root
@click.option("--as-of", type=DateType(), help="The day to report reviews on. Default: today.")
@FORMAT_OPTION
def report(root: Path | None, as_of: date | None, fmt: str) -> None:
    """Records by level and by class, records above the lowest level with no access list, and
    markings whose review or declassify-on date has come by the as-of date.

    CSV gives one row per record, with its effective marking, to sort and pivot on."""
    catalogue, errors = _load(root)
    _finish(render_access_report(access_report(catalogue, as_of or date.today()), fmt), errors)
