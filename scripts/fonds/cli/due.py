"""``fonds due``: the disposal report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..custody.requests import RESPOND
from ..diagnostics import Severity, sort_diagnostics
from ..reporters.due_report import REPORT_FORMATS, render_due
from ..retention.assessment import Action, State
from ..retention.due import DEFAULT_STATES, due_report
from ..retention.periods import Period
from .base import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    DateType,
    PeriodType,
    catalogue_root,
    check_selection,
    exit_with,
    main,
    read_catalogue,
)

STATE_CHOICES = [state.value for state in State] + ["all"]
ACTION_CHOICES = [*(action.value for action in Action), RESPOND]


@main.command()
@catalogue_root
@click.option("--as-of", type=DateType(), help="The day to report on. Default: today.")
@click.option(
    "--within",
    type=PeriodType(),
    default="P0D",
    show_default=True,
    help="Also list what falls due this long after the as-of date, e.g. P90D for a quarter.",
)
@click.option(
    "--class",
    "classes",
    multiple=True,
    metavar="CODE",
    help="Only records in this class or its sub-classes (repeatable).",
)
@click.option(
    "--action",
    "actions",
    multiple=True,
    type=click.Choice(ACTION_CHOICES),
    help="Only this next action (repeatable).",
)
@click.option(
    "--state",
    "states",
    multiple=True,
    type=click.Choice(STATE_CHOICES),
    help="List records in this state (repeatable; 'all' for every record). "
    "Default: due, overdue and on-hold.",
)
@click.option(
    "--location",
    "locations",
    multiple=True,
    metavar="ID",
    help="Only records at this location or inside it, e.g. a shelf or a records centre (repeatable).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(REPORT_FORMATS),
    default="text",
    show_default=True,
    help="text, json, csv, md (Markdown), or github (pull-request annotations).",
)
@click.option(
    "--fail-on",
    type=click.Choice(["overdue", "due", "eligible", "never"]),
    default="overdue",
    show_default=True,
    help="Exit 1 when anything is overdue (for CI); when anything is due or overdue; also when "
    "anything is eligible (a minimum period has run); or never.",
)
def due(
    root: Path | None,
    as_of: date | None,
    within: Period,
    classes: tuple[str, ...],
    actions: tuple[str, ...],
    states: tuple[str, ...],
    locations: tuple[str, ...],
    fmt: str,
    fail_on: str,
) -> None:
    """List what is due for disposal, transfer or review in the catalogue in --root.

    For each record, its retention rule applied to its dates gives the next action (move to
    the records centre, destroy, transfer to the archives, review) and its date. A record
    under an active legal hold is never due for destruction or transfer: it is listed as
    on-hold, with the holds that stop it. Records are sorted by due date, then id.

    The report reads the catalogue without re-validating it: run fonds check first (CI does).

    After a minimum period ("longer retention authorised") or once a window opens, a record is
    eligible: listed, but not failing --fail-on overdue. Anything dated after the as-of date
    (events, closure, holds, disposals, creation) is treated as not yet happened.

    Exit status: 0 nothing to act on (as --fail-on counts it); 1 something is overdue (or
    due, or eligible, as --fail-on says), or some files could not be read; 2 usage or
    configuration error (an as-of date or window beyond 9999-12-31).
    """
    day = as_of or date.today()
    if within.after(day) is None:
        raise click.UsageError(f"--within {within} after {day.isoformat()} falls after 9999-12-31")
    _, catalogue, problems = read_catalogue(root)
    check_selection(catalogue, classes, locations)
    chosen = list(State) if "all" in states else [State(s) for s in states] or list(DEFAULT_STATES)
    report = due_report(
        catalogue,
        day,
        within,
        states=chosen,
        actions=actions,
        classes=classes,
        locations=locations,
    )
    click.echo(render_due(report, fmt), nl=False)
    errors = [d for d in sort_diagnostics(problems) if d.severity is Severity.ERROR]
    for problem in errors:
        click.echo(problem.render(), err=True)
    if errors:
        click.echo(
            f"fonds due: {len(errors)} problems in the catalogue's files; this report may be "
            "incomplete: run fonds check",
            err=True,
        )
    failing = {
        "overdue": {State.OVERDUE},
        "due": {State.OVERDUE, State.DUE},
        "eligible": {State.OVERDUE, State.DUE, State.ELIGIBLE},
        "never": set(),
    }[fail_on]
    found = any(item.state in failing for item in report.items)
    exit_with(EXIT_FINDINGS if found or errors else EXIT_CLEAN)
