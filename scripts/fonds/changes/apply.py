"""Carrying out a plan: the one place where a command that changes records writes and commits.

Every command makes a ``Plan`` first (``plan``), then hands it to ``apply_plan``, which
refuses it, shows it (``--dry-run``) or writes it atomically (``files``) and, with
``--commit``, makes one Git commit of exactly its files (``git``). Nothing here prints or
exits: the result is an ``Outcome`` that the command line renders.

The catalogue's write lock is taken by ``begin_change`` before the catalogue is read and held
until the command ends, so no other fonds command changes a file between the reading and the
writing; the lock is re-entrant, so ``apply_plan`` takes it again safely. The temporary files
an interrupted run left are removed (and named) under that lock, never on a dry run.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..diagnostics import Diagnostic, error
from .files import (
    FileChange,
    LockedError,
    StaleFileError,
    UnsafePathError,
    catalogue_lock,
    iter_leftovers,
    remove_leftovers,
    unified_diff,
    write_changes,
)
from .git import RepositoryError, commit, open_repository, uncommitted
from .plan import Plan

Status = Literal["refused", "shown", "done", "failed", "unusable"]
"""``refused``: nothing changed, ``refusals`` say why; ``shown``: a dry run, ``diff`` holds the
changes; ``done``: written (and committed); ``failed``: the files could not be written, or were
written but not committed (``written`` says which); ``unusable``: ``--commit`` outside Git."""


@dataclass(frozen=True, slots=True)
class Start:
    """What ``begin_change`` found: the leftovers of an interrupted run (``removed`` when they
    were removed, otherwise only found, on a dry run), or why the lock could not be taken."""

    leftovers: tuple[str, ...] = ()
    removed: bool = False
    failure: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    status: Status
    refusals: tuple[Diagnostic, ...] = ()
    """Sorted, each once."""
    diff: str = ""
    written: tuple[FileChange, ...] = ()
    commit: str | None = None
    """The short id of the commit made, with ``--commit``."""
    removed: tuple[str, ...] = ()
    """The leftovers of an interrupted run removed before writing."""
    failure: str | None = None
    """For ``failed`` and ``unusable``: what went wrong, in one sentence."""


@contextlib.contextmanager
def begin_change(root: Path, *, dry_run: bool) -> Iterator[Start]:
    """Hold the catalogue's write lock (except on a dry run) while the body reads and plans."""
    if dry_run:
        yield Start(leftovers=tuple(iter_leftovers(root)))
        return
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(catalogue_lock(root))
            start = Start(leftovers=tuple(remove_leftovers(root)), removed=True)
        except LockedError as exc:
            start = Start(failure=f"{exc}; nothing was changed")
        except OSError as exc:
            start = Start(failure=f"cannot take the catalogue's write lock ({exc}); nothing was changed")
        yield start


def apply_plan(root: Path, plan: Plan, *, dry_run: bool, commit_to_git: bool, action: str) -> Outcome:
    """Refuse, show or write ``plan`` (and commit it with ``commit_to_git``). ``action`` names
    the command in the refusal of a dirty working tree (e.g. ``dispose``)."""
    refusals = list(plan.refusals)
    paths = [change.path for change in plan.changes]
    repo = None
    if commit_to_git:
        try:
            repo = open_repository(root)
            dirty = uncommitted(repo, root, paths)
        except RepositoryError as exc:
            return Outcome("unusable", failure=str(exc))
        refusals += [_dirty(path, action) for path in dirty]
    if refusals:
        return Outcome("refused", refusals=tuple(sorted(set(refusals))))
    if dry_run:
        return Outcome("shown", diff=unified_diff(plan.changes))
    try:
        with catalogue_lock(root):
            removed = tuple(remove_leftovers(root, sorted({os.path.dirname(p) for p in paths})))
            written = _write(root, plan.changes, removed)
            if written.status != "done" or repo is None:
                return written
            try:
                short = commit(repo, root, paths, plan.message)
            except RepositoryError as exc:
                failure = f"the files were changed but not committed: {exc}"
                return Outcome("failed", written=plan.changes, removed=removed, failure=failure)
            return Outcome("done", written=plan.changes, removed=removed, commit=short)
    except LockedError as exc:
        return Outcome("failed", failure=f"{exc}; nothing was changed")


def _write(root: Path, changes: tuple[FileChange, ...], removed: tuple[str, ...]) -> Outcome:
    try:
        write_changes(root, changes)
    except StaleFileError as exc:
        return Outcome("refused", (error(exc.path, 0, 0, "file-changed", exc.reason),), removed=removed)
    except UnsafePathError as exc:
        return Outcome("refused", (error(exc.path, 0, 0, "unsafe-path", exc.reason),), removed=removed)
    except LockedError as exc:
        return Outcome("failed", removed=removed, failure=f"{exc}; nothing was changed")
    except OSError as exc:
        failure = f"could not write the files ({exc}); nothing was changed"
        return Outcome("failed", removed=removed, failure=failure)
    return Outcome("done", written=changes, removed=removed)


def _dirty(path: str, action: str) -> Diagnostic:
    return error(
        path,
        0,
        0,
        "working-tree-dirty",
        "has changes that are not committed; commit or stash them first, so that the "
        f"commit made by fonds {action} holds this action alone",
    )
