"""What the commands that change records share: ``--root``, ``--dry-run`` and ``--commit``,
and printing what carrying out a plan did (``changes.apply``): refused (exit 1), the diff, or
the files written and the commit made."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from ..changes.apply import apply_plan, begin_change
from ..changes.plan import Plan, RequestError, plural
from ..diagnostics import Diagnostic
from ..model import Catalogue
from ..terminal import safe
from .base import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_USAGE,
    ROOT_OPTION,
    DateType,
    exit_with,
    find_root,
    read_catalogue,
)

F = TypeVar("F", bound=Callable[..., Any])


def change_options(command: F) -> F:
    """``--root``, ``--dry-run`` and ``--commit``, in that order in ``--help``."""
    command = click.option(
        "--commit",
        "commit_",
        is_flag=True,
        help="Make one Git commit of exactly these changes, its message naming the action and "
        "the records. Refused when catalogue files have uncommitted changes.",
    )(command)
    command = click.option(
        "--dry-run", is_flag=True, help="Print the exact changes as a unified diff and change nothing."
    )(command)
    return ROOT_OPTION(command)


def date_option(what: str) -> Callable[[F], F]:
    return click.option("--date", "on", type=DateType(), help=f"{what} Default: today.")


def load(root: Path | None, dry_run: bool, commit_: bool) -> tuple[Path, Catalogue, list[Diagnostic]]:
    """The catalogue, read and validated; exits 2 when it cannot be read at all.

    Except for a dry run, the catalogue's write lock is taken first and held until the command
    ends (``apply.begin_change``); the leftovers of an interrupted run are named on stderr."""
    if dry_run and commit_:
        raise click.UsageError("--dry-run and --commit cannot be used together")
    base = find_root(root or Path.cwd())
    start = click.get_current_context().with_resource(begin_change(base, dry_run=dry_run))
    if start.failure is not None:
        click.echo(f"fonds: {start.failure}", err=True)
        exit_with(EXIT_FINDINGS)
    if start.leftovers and start.removed:
        _leftovers(start.leftovers)
    elif start.leftovers:
        _leftovers(start.leftovers, removed=False)
        click.echo("The next run without --dry-run removes them.", err=True)
    base, catalogue, problems = read_catalogue(base, validate=True)
    return base, catalogue, problems


def _leftovers(names: Sequence[str], *, removed: bool = True) -> None:
    count = plural(len(names), "temporary file")
    heading = f"Removed {count}" if removed else count
    click.echo(f"{heading} left by an interrupted run (no file was half-written):", err=True)
    for name in names:
        click.echo(f"  {safe(name)}", err=True)


def planned(make: Callable[[], Plan]) -> Plan:
    """``make()``, with a wrong request reported as a usage error (exit 2)."""
    try:
        return make()
    except RequestError as exc:
        raise click.UsageError(safe(str(exc))) from exc


def today(on: date | None) -> date:
    return on or date.today()


def carry_out(name: str, base: Path, plan: Plan, *, dry_run: bool, commit_: bool) -> None:
    """Refuse, show or do ``plan`` (``apply.apply_plan``), print what happened and exit with
    the status that says which."""
    outcome = apply_plan(base, plan, dry_run=dry_run, commit_to_git=commit_, action=name)
    if outcome.status == "unusable":
        click.echo(f"fonds {name}: {outcome.failure}", err=True)
        exit_with(EXIT_USAGE)
        return
    if outcome.status == "shown":
        click.echo(outcome.diff, nl=False)
        click.echo(f"Dry run, nothing was changed: {safe(plan.subject)}")
        _details(plan)
        click.echo(f"Without --dry-run: {_counts(plan)}.")
        exit_with(EXIT_CLEAN)
        return
    if outcome.removed:
        _leftovers(outcome.removed)
    if outcome.status == "refused":
        _refuse(name, outcome.refusals)
        return
    if outcome.written:
        click.echo(safe(plan.subject))
        _details(plan)
        for change in outcome.written:
            click.echo(f"{'Created' if change.old is None else 'Changed'} {change.path}")
    if outcome.failure is not None:
        click.echo(f"fonds {name}: {outcome.failure}", err=True)
        exit_with(EXIT_FINDINGS)
        return
    if outcome.commit is not None:
        click.echo(f"Committed {outcome.commit}.")
    exit_with(EXIT_CLEAN)


def _details(plan: Plan) -> None:
    for line in plan.details:
        click.echo(f"  {safe(line)}" if line else "")


def _counts(plan: Plan) -> str:
    changed = sum(1 for change in plan.changes if change.old is not None)
    created = len(plan.changes) - changed
    parts = [f"{plural(changed, 'file')} would change"] if changed else []
    parts += [f"{plural(created, 'file')} would be created"] if created else []
    return ", ".join(parts) or "nothing would change"


def _refuse(name: str, refusals: Sequence[Diagnostic]) -> None:
    for refusal in refusals:
        click.echo(safe(refusal.render()), err=True)
    click.echo(f"fonds {name}: refused, nothing was changed ({plural(len(refusals), 'problem')})", err=True)
    exit_with(EXIT_FINDINGS)
