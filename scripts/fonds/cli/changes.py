"""What the commands that change records share: ``--root``, ``--dry-run`` and ``--commit``,
and carrying out a plan: refuse (exit 1), show the diff, or write and commit."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from ..changes.files import (
    LockedError,
    StaleFileError,
    UnsafePathError,
    catalogue_lock,
    iter_leftovers,
    remove_leftovers,
    unified_diff,
    write_changes,
)
from ..changes.git import RepositoryError, commit, open_repository, uncommitted
from ..changes.plan import Plan, RequestError, plural
from ..diagnostics import Diagnostic, error
from ..model import Catalogue
from ..terminal import safe
from .base import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_USAGE,
    DateType,
    exit_with,
    find_root,
    read_catalogue,
)

F = TypeVar("F", bound=Callable[..., Any])

EXIT_STATUS = (
    "Exit status: 0 done (or shown, with --dry-run); 1 refused, with every reason listed, and "
    "nothing changed; 2 usage error (a bad option, no fonds.yml, --commit outside Git)."
)


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
    return click.option(
        "--root",
        type=click.Path(file_okay=False, path_type=Path),
        help="The catalogue (default: here, or the nearest folder above with fonds.yml).",
    )(command)


def date_option(what: str) -> Callable[[F], F]:
    return click.option("--date", "on", type=DateType(), help=f"{what} Default: today.")


def load(root: Path | None, dry_run: bool, commit_: bool) -> tuple[Path, Catalogue, list[Diagnostic]]:
    """The catalogue, read and validated; exits 2 when it cannot be read at all.

    Except for a dry run, the catalogue's write lock is taken first and held until the command
    ends, so no other fonds command changes a file between this reading and the writing; the
    leftovers of an interrupted run are removed (and named) first."""
    if dry_run and commit_:
        raise click.UsageError("--dry-run and --commit cannot be used together")
    base = find_root(root or Path.cwd())
    if dry_run:
        leftovers = list(iter_leftovers(base))
        if leftovers:
            _leftovers(f"{plural(len(leftovers), 'temporary file')} left by an interrupted run", leftovers)
            click.echo("The next run without --dry-run removes them.", err=True)
    else:
        try:
            click.get_current_context().with_resource(catalogue_lock(base))
            removed = remove_leftovers(base)
        except LockedError as exc:
            click.echo(f"fonds: {exc}; nothing was changed", err=True)
            exit_with(EXIT_FINDINGS)
            raise  # not reached
        except OSError as exc:
            click.echo(
                f"fonds: cannot take the catalogue's write lock ({exc}); nothing was changed", err=True
            )
            exit_with(EXIT_FINDINGS)
            raise  # not reached
        if removed:
            _leftovers(
                f"Removed {plural(len(removed), 'temporary file')} left by an interrupted run", removed
            )
    base, catalogue, problems = read_catalogue(base, validate=True)
    return base, catalogue, problems


def _leftovers(heading: str, names: list[str]) -> None:
    click.echo(f"{heading} (no file was half-written):", err=True)
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
    """Refuse, show or do ``plan``, and exit with the status that says which."""
    refusals = list(plan.refusals)
    repo = None
    if commit_:
        try:
            repo = open_repository(base)
            dirty = uncommitted(repo, base, [change.path for change in plan.changes])
        except RepositoryError as exc:
            click.echo(f"fonds {name}: {exc}", err=True)
            exit_with(EXIT_USAGE)
            return
        refusals += [
            error(
                path,
                0,
                0,
                "working-tree-dirty",
                "has changes that are not committed; commit or stash them first, so that the "
                f"commit made by fonds {name} holds this action alone",
            )
            for path in dirty
        ]
    if refusals:
        _refuse(name, refusals)
        return
    if dry_run:
        click.echo(unified_diff(plan.changes), nl=False)
        click.echo(f"Dry run, nothing was changed: {safe(plan.subject)}")
        _details(plan)
        click.echo(f"Without --dry-run: {_counts(plan)}.")
        exit_with(EXIT_CLEAN)
        return
    folders = sorted({os.path.dirname(change.path) for change in plan.changes})
    removed = remove_leftovers(base, folders)
    if removed:
        _leftovers(f"Removed {plural(len(removed), 'temporary file')} left by an interrupted run", removed)
    try:
        write_changes(base, plan.changes)
    except StaleFileError as exc:
        _refuse(name, [error(exc.path, 0, 0, "file-changed", exc.reason)])
        return
    except UnsafePathError as exc:
        _refuse(name, [error(exc.path, 0, 0, "unsafe-path", exc.reason)])
        return
    except LockedError as exc:
        click.echo(f"fonds {name}: {exc}; nothing was changed", err=True)
        exit_with(EXIT_FINDINGS)
        return
    except OSError as exc:
        click.echo(f"fonds {name}: could not write the files ({exc}); nothing was changed", err=True)
        exit_with(EXIT_FINDINGS)
        return
    click.echo(safe(plan.subject))
    _details(plan)
    for change in plan.changes:
        click.echo(f"{'Created' if change.old is None else 'Changed'} {change.path}")
    if repo is not None:
        try:
            short = commit(repo, base, [change.path for change in plan.changes], plan.message)
        except RepositoryError as exc:
            click.echo(f"fonds {name}: the files were changed but not committed: {exc}", err=True)
            exit_with(EXIT_FINDINGS)
            return
        click.echo(f"Committed {short}.")
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


def _refuse(name: str, refusals: list[Diagnostic]) -> None:
    for refusal in sorted(set(refusals)):
        click.echo(safe(refusal.render()), err=True)
    click.echo(f"fonds {name}: refused, nothing was changed ({plural(len(refusals), 'problem')})", err=True)
    exit_with(EXIT_FINDINGS)
