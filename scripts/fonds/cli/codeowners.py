"""``fonds codeowners``: write (or check) .github/CODEOWNERS from the catalogue."""

from __future__ import annotations

import contextlib
import difflib
import os
import tempfile
from pathlib import Path

import click

from ..access.codeowners import CODEOWNERS_FILE, Codeowners, codeowners, split_kept
from ..changes.files import repository_root
from ..diagnostics import Severity, sort_diagnostics
from ..terminal import safe
from .base import EXIT_CLEAN, EXIT_FINDINGS, catalogue_root, exit_with, main, read_catalogue


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` in one step: a reader sees the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable, where the OS allows
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


@main.command("codeowners")
@catalogue_root
@click.option(
    "--check", is_flag=True, help="Change nothing; exit 1 if the file is missing or stale (for CI)."
)
def codeowners_command(root: Path | None, check: bool) -> None:
    """Write .github/CODEOWNERS so that changing a record needs its owners' approval.

    A record's file is owned by the team of its class's owner group and, when the record is
    restricted (above the lowest level, or with an access list), by the teams of the groups on
    its access list (the 'team' of each group in catalogue/access.yml). Lines above the
    generated part of the file are kept as written.

    Exit status: 0 written, or up to date; 1 with --check when the file is missing or stale
    (the difference is printed), or when catalogue files could not be read or an owned
    record's path holds a line break or control character (nothing is written then); 2 usage
    or configuration error.
    """
    base, catalogue, problems = read_catalogue(root)
    errors = [d for d in sort_diagnostics(problems) if d.severity is Severity.ERROR]
    if errors:
        for problem in errors:
            click.echo(problem.render(), err=True)
        click.echo(
            f"fonds codeowners: {len(errors)} problems in the catalogue's files; a record that "
            "cannot be read would lose its owners, so nothing was written: run fonds check",
            err=True,
        )
        exit_with(EXIT_FINDINGS)
    repository = repository_root(base)
    folder = base.relative_to(repository).as_posix()
    target = repository / CODEOWNERS_FILE
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    result = codeowners(
        catalogue, prefix="" if folder == "." else folder + "/", kept=split_kept(current or "")
    )
    _warn_unowned(result)
    if result.unwritable:
        for item in result.unwritable:
            click.echo(
                f"{safe(item.record.file)}: error: '{item.record.id}': {item.reason}, so it would have "
                "no owners; rename its folder or file (letters, digits, '-', '_', '.'), then run fonds "
                "codeowners again",
                err=True,
            )
        click.echo(
            f"fonds codeowners: nothing was written ({len(result.unwritable)} records cannot be listed)",
            err=True,
        )
        exit_with(EXIT_FINDINGS)
        return
    if check:
        if current is None:
            click.echo(f"{CODEOWNERS_FILE} is missing: run fonds codeowners and commit it")
            exit_with(EXIT_FINDINGS)
            return
        if current != result.text:
            diff = difflib.unified_diff(
                current.splitlines(keepends=True),
                result.text.splitlines(keepends=True),
                f"{CODEOWNERS_FILE} (committed)",
                f"{CODEOWNERS_FILE} (from the catalogue)",
            )
            click.echo("".join(diff), nl=False)
            click.echo(f"{CODEOWNERS_FILE} is stale: run fonds codeowners and commit it")
            exit_with(EXIT_FINDINGS)
        click.echo(f"{CODEOWNERS_FILE} is up to date ({_summary(result)})")
        exit_with(EXIT_CLEAN)
    if current == result.text:
        click.echo(f"{CODEOWNERS_FILE} is already up to date ({_summary(result)})")
    else:
        write_atomically(target, result.text)
        click.echo(f"wrote {CODEOWNERS_FILE} ({_summary(result)})")
    exit_with(EXIT_CLEAN)


def _summary(result: Codeowners) -> str:
    teams = {team for ownership in result.ownerships for team in ownership.teams}
    records = len(result.ownerships)
    return f"{records} record{'' if records == 1 else 's'} owned by {len(teams)} team{'' if len(teams) == 1 else 's'}"


UNOWNED_SHOWN = 10
"""Restricted records without owners named one by one; beyond this, only counted."""


def _warn_unowned(result: Codeowners) -> None:
    for item in result.unowned[:UNOWNED_SHOWN]:
        click.echo(
            f"{safe(item.record.file)}: warning: '{item.record.id}' is {item.marking.level} but no team "
            f"owns it, so anyone with write access can change it unreviewed: {item.cause}",
            err=True,
        )
    more = len(result.unowned) - UNOWNED_SHOWN
    if more > 0:
        click.echo(f"warning: and {more} more restricted records that no team owns", err=True)
