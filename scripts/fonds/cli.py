"""The ``fonds`` command: a thin layer that parses options, calls the library and prints."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .checks import check_repository
from .diagnostics import Severity
from .loader import CONFIG_FILE, ConfigError
from .output import FORMATS, diagnostics_summary, render_diagnostics

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
PROGRESS_THRESHOLD = 2000
"""Show a progress bar (on a terminal) when a catalogue has more files than this."""


def find_root(start: Path) -> Path:
    """The folder holding fonds.yml: ``start`` or the nearest folder above it."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return start


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="fonds")
def main() -> None:
    """fonds: keep a records catalogue as YAML files in a Git repository.

    Exit status: 0 when all is well, 1 when problems were found, 2 for a usage or
    configuration error (for example no fonds.yml).
    """


@main.command()
@click.argument("root", required=False, type=click.Path(file_okay=False, path_type=Path))
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
    """Validate every file of the catalogue in ROOT (default: here, or the nearest folder above with fonds.yml).

    Reports every problem at once, each as FILE:LINE:COLUMN: severity[code]: message.
    The codes are explained in docs/diagnostics.md.

    Exit status: 0 clean; 1 errors were found (or warnings, with --strict); 2 usage or
    configuration error (no fonds.yml, or fonds.yml itself is wrong).
    """
    base = find_root(root or Path.cwd())
    try:
        with _progress("Reading the catalogue") as progress:
            catalogue, diagnostics = check_repository(base, progress)
    except ConfigError as exc:
        click.echo(
            render_diagnostics([exc.diagnostic], diagnostics_summary([exc.diagnostic], 0), fmt), nl=False
        )
        sys.exit(EXIT_USAGE)
    summary = diagnostics_summary(diagnostics, len(catalogue.records))
    click.echo(render_diagnostics(diagnostics, summary, fmt), nl=False)
    config_broken = any(d.file == CONFIG_FILE and d.severity is Severity.ERROR for d in diagnostics)
    if config_broken:
        sys.exit(EXIT_USAGE)
    failing = summary["errors"] + (summary["warnings"] if strict else 0)
    sys.exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


class _progress:
    """A progress bar on stderr for long runs on a terminal; silent otherwise (CI, pipes)."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None
        self.shown = 0

    def __enter__(self) -> _progress:
        return self

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_THRESHOLD or not sys.stderr.isatty():
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
