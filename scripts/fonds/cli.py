"""The ``fonds`` command: a thin layer that parses options, calls the library and prints."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .checks import check_repository
from .dates import parse_date
from .diagnostics import Severity, sort_diagnostics
from .due import DEFAULT_STATES, due_report
from .loader import CONFIG_FILE, ConfigError, load_catalogue
from .output import FORMATS, REPORT_FORMATS, diagnostics_summary, render_diagnostics, render_due
from .periods import Period, parse_period
from .retention import Action, State

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
PROGRESS_THRESHOLD = 2000
"""Show a progress bar (on a terminal) when a catalogue has more files than this."""


_FAST_EXIT = False


def entry() -> None:
    """The ``fonds`` console command. Tests call ``main`` instead, which exits normally."""
    global _FAST_EXIT
    _FAST_EXIT = True
    main()


def _exit(code: int) -> None:
    """Exit with ``code``. From the console, skip freeing the catalogue object by object, as
    mypy does: for 100k records that teardown alone takes seconds, and the OS frees it all."""
    if _FAST_EXIT:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


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
    _exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


if TYPE_CHECKING:  # click is generic for type checkers; older releases are not at run time
    _DateParam = click.ParamType[date]
    _PeriodParam = click.ParamType[Period]
else:
    _DateParam = _PeriodParam = click.ParamType


class DateType(_DateParam):
    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        parsed = parse_date(value)
        if parsed is None:
            self.fail(f"{value!r} is not a real date written YYYY-MM-DD", param, ctx)
        return parsed


class PeriodType(_PeriodParam):
    name = "PERIOD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Period:
        if isinstance(value, Period):
            return value
        parsed = parse_period(value)
        if parsed is None:
            self.fail(f"{value!r} is not an ISO 8601 period such as P90D, P3M or P1Y", param, ctx)
        return parsed


STATE_CHOICES = [state.value for state in State] + ["all"]
ACTION_CHOICES = [action.value for action in Action]


@main.command()
@click.argument("root", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--as-of", type=DateType(), help="The day to report on. Default: today.")
@click.option("--within", type=PeriodType(), default="P0D", show_default=True,
              help="Also list what falls due this long after the as-of date, e.g. P90D for a quarter.")
@click.option("--class", "classes", multiple=True, metavar="CODE",
              help="Only records in this class or its sub-classes (repeatable).")
@click.option("--action", "actions", multiple=True, type=click.Choice(ACTION_CHOICES),
              help="Only this next action (repeatable).")
@click.option("--state", "states", multiple=True, type=click.Choice(STATE_CHOICES),
              help="List records in this state (repeatable; 'all' for every record). "
                   "Default: due, overdue and on-hold.")
@click.option("--location", "locations", multiple=True, metavar="ID",
              help="Only records at this location or inside it, e.g. a shelf or a records centre (repeatable).")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True,
              help="text, json, csv, md (Markdown), or github (pull-request annotations).")
@click.option("--fail-on", type=click.Choice(["overdue", "due", "never"]), default="overdue", show_default=True,
              help="Exit 1 when anything is overdue (for CI), when anything is due or overdue, or never.")
def due(root: Path | None, as_of: date | None, within: Period, classes: tuple[str, ...],
        actions: tuple[str, ...], states: tuple[str, ...], locations: tuple[str, ...], fmt: str,
        fail_on: str) -> None:
    """List what is due for disposal, transfer or review in the catalogue in ROOT.

    For each record, its retention rule applied to its dates gives the next action (move to
    the records centre, destroy, transfer to the archives, review) and its date. A record
    under an active legal hold is never due for destruction or transfer: it is listed as
    on-hold, with the holds that stop it. Records are sorted by due date, then id.

    The report reads the catalogue without re-validating it: run fonds check first (CI does).

    Exit status: 0 nothing to act on (as --fail-on counts it); 1 something is overdue (or
    due, with --fail-on due), or some files could not be read; 2 usage or configuration error.
    """
    base = find_root(root or Path.cwd())
    try:
        with _progress("Reading the catalogue") as progress:
            catalogue, problems = load_catalogue(base, progress, validate=False)
    except ConfigError as exc:
        click.echo(exc.diagnostic.render(), err=True)
        sys.exit(EXIT_USAGE)
    unknown = [f"class '{c}' is not in the file plan" for c in classes if c not in catalogue.classes]
    unknown += [f"location '{loc}' is not in catalogue/locations.yml" for loc in locations
                if loc not in catalogue.locations]
    if unknown:
        raise click.UsageError("; ".join(unknown))
    chosen = list(State) if "all" in states else [State(s) for s in states] or list(DEFAULT_STATES)
    report = due_report(catalogue, as_of or date.today(), within, states=chosen, actions=actions,
                        classes=classes, locations=locations)
    click.echo(render_due(report, fmt), nl=False)
    errors = [d for d in sort_diagnostics(problems) if d.severity is Severity.ERROR]
    for problem in errors:
        click.echo(problem.render(), err=True)
    if errors:
        click.echo(f"fonds due: {len(errors)} problems in the catalogue's files; this report may be "
                   "incomplete: run fonds check", err=True)
    failing = {"overdue": {State.OVERDUE}, "due": {State.OVERDUE, State.DUE}, "never": set()}[fail_on]
    found = any(item.state in failing for item in report.items)
    _exit(EXIT_FINDINGS if found or errors else EXIT_CLEAN)


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
