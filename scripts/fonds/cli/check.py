"""``fonds check``: validate the whole catalogue."""

from __future__ import annotations

from pathlib import Path

import click

from ..checks import check_repository
from ..diagnostics import Severity
from ..reading.loader import CONFIG_FILE, ConfigError
from ..reporters.diagnostics_report import FORMATS, diagnostics_summary, render_diagnostics
from .base import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, catalogue_root, exit_with, find_root, main, progress


@main.command()
@catalogue_root
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text for people, json for programs, github for pull-request annotations.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too, not only on errors.")
def check(root: Path | None, fmt: str, strict: bool) -> None:
    """Validate every file of the catalogue in --root (default: here, or the nearest folder above with fonds.yml).

    Reports every problem at once, each as FILE:LINE:COLUMN: severity[code]: message.
    The codes are explained in docs/diagnostics.md.

    Exit status: 0 clean; 1 errors were found (or warnings, with --strict); 2 usage or
    configuration error (no fonds.yml, or fonds.yml itself is wrong).
    """
    base = find_root(root or Path.cwd())
    try:
        with progress("Reading the catalogue") as bar:
            catalogue, diagnostics = check_repository(base, bar)
    except ConfigError as exc:
        click.echo(
            render_diagnostics([exc.diagnostic], diagnostics_summary([exc.diagnostic], 0), fmt), nl=False
        )
        exit_with(EXIT_USAGE)
    summary = diagnostics_summary(diagnostics, len(catalogue.records))
    click.echo(render_diagnostics(diagnostics, summary, fmt), nl=False)
    config_broken = any(d.file == CONFIG_FILE and d.severity is Severity.ERROR for d in diagnostics)
    if config_broken:
        exit_with(EXIT_USAGE)
    failing = summary["errors"] + (summary["warnings"] if strict else 0)
    exit_with(EXIT_FINDINGS if failing else EXIT_CLEAN)
