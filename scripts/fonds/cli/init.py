"""``fonds init`` (a new catalogue repository) and ``fonds schemas`` (the editor's schemas)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..changes.files import StaleFileError, write_changes
from ..reading.loader import CONFIG_FILE
from ..reading.schema_files import CATALOGUE_SCHEMA_DIR, schema_dir
from ..scaffold import (
    DEFAULT_LEVELS,
    STARTERS,
    InitError,
    InitOptions,
    check_fiscal_year_start,
    check_text,
    init_catalogue,
    parse_levels,
    schema_changes,
)
from .base import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, catalogue_root, exit_with, find_root, main

T = TypeVar("T")


def _checked(check: Callable[[Any], T]) -> Callable[[click.Context, click.Parameter, Any], T | None]:
    """A click callback: ``check``'s ValueError becomes a usage error (exit 2) naming the option."""

    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> T | None:
        if value is None:
            return None
        try:
            return check(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc), ctx, param) from exc

    return callback


@main.command("init")
@click.argument("directory", required=False, default=".", type=click.Path(path_type=Path))
@click.option(
    "--name",
    callback=_checked(lambda v: check_text(v, "name")),
    help="The catalogue's name, the website's title. Default: 'ORGANISATION records catalogue'.",
)
@click.option(
    "--organisation",
    callback=_checked(lambda v: check_text(v, "organisation")),
    help="Who keeps the records. Default: the folder's name.",
)
@click.option(
    "--fiscal-year-start",
    type=int,
    default=1,
    show_default=True,
    callback=_checked(check_fiscal_year_start),
    help="The month the fiscal year starts (1 = January, 4 = April).",
)
@click.option(
    "--levels",
    default=",".join(DEFAULT_LEVELS),
    show_default=True,
    callback=_checked(parse_levels),
    help="Security levels, comma-separated, lowest (the public website's) first.",
)
@click.option(
    "--starter",
    type=click.Choice(STARTERS),
    default="basic",
    show_default=True,
    help="empty: no classes; basic: a small office's file plan (administration, finance, HR) and a starter schedule.",
)
@click.option("--no-git", is_flag=True, help="Do not run git init.")
def init_command(
    directory: Path,
    name: str | None,
    organisation: str | None,
    fiscal_year_start: int,
    levels: tuple[str, ...],
    starter: str,
    no_git: bool,
) -> None:
    """Write a new catalogue repository into DIRECTORY (default: here; made if missing).

    It holds fonds.yml, catalogue/ (file plan, access, locations, holds/, records/),
    schedules/, mkdocs.yml and docs/ for the website, the GitHub workflows (check on every
    pull request, nightly overdue check, publishing to GitHub Pages), .pre-commit-config.yaml,
    .vscode/settings.json with the schemas in .fonds/schemas/, .gitignore and a README.
    Then runs git init, unless --no-git. Nothing is written when DIRECTORY already holds a
    catalogue or any of these files.

    Exit status: 0 written; 2 usage error (a bad option, or DIRECTORY holds a catalogue or a
    file in the way: nothing was written).
    """
    folder_name = Path(os.path.abspath(directory)).name or "Records"
    if organisation is None:
        try:
            organisation = check_text(folder_name, "organisation")
        except ValueError:
            organisation = "Records office"
    options = InitOptions(
        name=name or f"{organisation} records catalogue",
        organisation=organisation,
        fiscal_year_start=fiscal_year_start,
        levels=levels,
        starter="empty" if starter == "empty" else "basic",
    )
    try:
        result = init_catalogue(directory, options, git=not no_git)
    except (InitError, OSError, StaleFileError) as exc:
        click.echo(f"fonds init: {exc}", err=True)
        exit_with(EXIT_USAGE)
        return
    git = {"initialised": "; ran git init", "existing": "; already a git repository", "skipped": ""}
    click.echo(
        f"wrote the catalogue '{options.name}' in {result.root} ({len(result.files)} files){git[result.git]}"
    )
    click.echo(f"next: cd {directory} && fonds check && fonds build")
    exit_with(EXIT_CLEAN)


@main.command("schemas")
@catalogue_root
@click.option(
    "--update", is_flag=True, help=f"Write the installed fonds's schemas into {CATALOGUE_SCHEMA_DIR}."
)
def schemas_command(root: Path | None, update: bool) -> None:
    """Check (or, with --update, refresh) the copy of the JSON Schemas that editors use.

    fonds init puts them in .fonds/schemas/; after upgrading fonds, run fonds schemas
    --update and commit the result, so editors check files by the same rules as fonds check
    (which warns, outdated-schemas, until then).

    Exit status: 0 up to date, or updated; 1 outdated (without --update); 2 usage error (no
    fonds.yml).
    """
    base = find_root(root or Path.cwd())
    if not (base / CONFIG_FILE).is_file():
        click.echo(f"no {CONFIG_FILE} in {base}: this is not a fonds catalogue", err=True)
        exit_with(EXIT_USAGE)
    folder = schema_dir(base)
    if folder != CATALOGUE_SCHEMA_DIR:
        click.echo(f"this catalogue uses the schemas in {folder}, fonds's own source: nothing to update")
        exit_with(EXIT_CLEAN)
    changes = schema_changes(base)
    if not changes:
        click.echo(f"the schemas in {folder} are those of this fonds: nothing to update")
        exit_with(EXIT_CLEAN)
    names = ", ".join(change.path.rsplit("/", 1)[1] for change in changes)
    if not update:
        click.echo(
            f"{len(changes)} schemas in {folder} are not this fonds's ({names}): run fonds schemas --update"
        )
        exit_with(EXIT_FINDINGS)
    try:
        write_changes(base, changes)
    except (OSError, StaleFileError) as exc:
        click.echo(f"fonds schemas: {exc}; nothing was written", err=True)
        exit_with(EXIT_USAGE)
    click.echo(f"updated {len(changes)} schemas in {folder} ({names}): commit them")
    exit_with(EXIT_CLEAN)
