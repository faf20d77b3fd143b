"""``fonds new``: open a new record (file) with the next free id."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..changes.files import StaleFileError, read_text, write_changes
from ..changes.new import NewRecord, plan_new, record_problems
from ..terminal import safe
from .base import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, DateType, exit_with, main
from .changes import carry_out, change_options, load, planned


def _fields(values: tuple[str, ...]) -> dict[str, str]:
    found = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{value!r} is not NAME=VALUE", param_hint="--field")
        found[name.strip()] = text
    return found


@main.command()
@click.argument("class_code", metavar="CLASS")
@click.option("--title", required=True, help="The file's title, as it is written on the folder.")
@click.option("--created", type=DateType(), help="The day the file was opened. Default: today.")
@click.option(
    "--id", "record_id", metavar="ID", help="The id to give it. Default: the next free id under id_pattern."
)
@click.option("--department", metavar="CODE", help="Default: the department most records of the class have.")
@click.option(
    "--location",
    metavar="ID",
    help="Where the file is kept: a box, shelf or room of locations.yml, or a box's barcode.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["paper", "electronic", "hybrid"]),
    help="Default: the format most records of the class have.",
)
@click.option("--keyword", "keywords", multiple=True, metavar="WORD", help="A keyword (repeatable).")
@click.option("--description", default="", help="What the file holds.")
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="NAME=VALUE",
    help="One of the catalogue's own fields (repeatable).",
)
@click.option("--edit", is_flag=True, help="Open the new file in $EDITOR, then check it.")
@change_options
def new(
    class_code: str,
    title: str,
    created: date | None,
    record_id: str | None,
    department: str | None,
    location: str | None,
    fmt: str | None,
    keywords: tuple[str, ...],
    description: str,
    fields: tuple[str, ...],
    edit: bool,
    root: Path | None,
    dry_run: bool,
    commit_: bool,
) -> None:
    """Write a new record of class CLASS and print its path.

    The id is the next free one under the catalogue's id_pattern (e.g. FIN-2026-007: the
    class's prefix, the year it was opened, the next sequence number), unless --id is given.
    The department and format default to those most records of the class have; the security
    marking is not written, so the record inherits its class's. The file goes in the folder
    of the class's records. It is checked as fonds check would check it before it is
    written; refused for an unknown class, a heading class without a rule, an id that
    exists, or any other error.

    \b
    fonds new FIN-01-01 --title "Supplier invoices, Q3 FY2026" --location MB000123

    Exit status: 0 written (or shown, with --dry-run); 1 refused, with every reason listed, and
    nothing changed, or (with --edit) the edited file has problems; 2 usage error (a bad
    option, no fonds.yml, --commit outside Git).
    """
    if edit and (dry_run or commit_):
        raise click.UsageError("--edit cannot be used with --dry-run or --commit (commit after editing)")
    base, catalogue, problems = load(root, dry_run, commit_)
    request = NewRecord(
        class_code=class_code,
        title=title,
        created=created or date.today(),
        id=record_id,
        department=department,
        location=location,
        format=fmt,
        keywords=keywords,
        description=description,
        fields=_fields(fields),
    )
    plan = planned(lambda: plan_new(catalogue, problems, base, request))
    if not edit or plan.refusals:
        carry_out("new", base, plan, dry_run=dry_run, commit_=commit_)
        return
    change = plan.changes[0]
    try:
        write_changes(base, plan.changes)
    except (StaleFileError, OSError) as exc:
        click.echo(f"fonds new: could not write {change.path} ({exc}); nothing was changed", err=True)
        exit_with(EXIT_FINDINGS)
        return
    click.echo(f"Created {change.path}")
    try:
        click.edit(filename=str(base / change.path))
    except click.ClickException as exc:
        click.echo(f"fonds new: {exc.message}; the file is written, edit it by hand", err=True)
        exit_with(EXIT_USAGE)
        return
    text = read_text(base / change.path)
    problems = record_problems(catalogue, change.path, text) if text is not None else []
    for problem in problems:
        click.echo(safe(problem.render()), err=True)
    if text is None:
        click.echo(f"fonds new: {change.path} is gone after editing", err=True)
    exit_with(
        EXIT_FINDINGS if text is None or any(p.severity.value == "error" for p in problems) else EXIT_CLEAN
    )
