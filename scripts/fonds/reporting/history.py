"""Each record's history from Git, and the catalogue's recent changes: two views of one log
(``git_log.read_log``).

A record's history is every commit that changed its file, newest first, following its file
back through renames. What an audience sees of it is decided here, once: staff audiences
(at or above the operational audience) see the date, author, subject and kind of change;
below it only the date and the kind (a commit message or an author's name can carry
restricted content); and anything that names what the audience may not see is withheld.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import PurePosixPath
from typing import Literal

from .git_log import Commit, FileChange, Log, read_log

Kind = Literal["added", "modified", "renamed", "deleted"]
KINDS: Mapping[str, Kind] = {"A": "added", "C": "added", "D": "deleted", "R": "renamed"}
"""Git's status letter -> the kind of change; every other letter (M, T) is "modified"."""
WITHHELD = "(withheld: it names what this audience may not see)"


@dataclass(frozen=True, slots=True)
class Entry:
    """One change to a record's file. ``author``, ``subject`` and ``old_path`` are None when
    the audience may not see them."""

    day: date
    kind: Kind
    sha: str | None = None
    author: str | None = None
    subject: str | None = None
    old_path: str | None = None


@dataclass(frozen=True, slots=True)
class Change:
    day: date
    record_ids: tuple[str, ...]
    """Records whose files the commit added or changed (ids are the file names)."""


@functools.lru_cache(maxsize=65536)
def _day(seconds: int) -> date:
    return datetime.fromtimestamp(seconds, tz=UTC).date()


def path_index(log: Log) -> dict[str, list[tuple[int, FileChange]]]:
    """Path -> (position in the log, change) for every change that left a file at that path,
    newest first: built once, so each record's history is a few dictionary look-ups."""
    index: dict[str, list[tuple[int, FileChange]]] = {}
    for position, commit in enumerate(log.commits):
        for change in commit.changes:
            index.setdefault(change.path, []).append((position, change))
    return index


def record_history(
    log: Log, file: str, index: Mapping[str, list[tuple[int, FileChange]]] | None = None
) -> tuple[Entry, ...]:
    """The changes to ``file`` (a path relative to the catalogue root), newest first. At a
    rename the history goes on under the old name, with the commits older than the rename."""
    index = path_index(log) if index is None else index
    entries: list[Entry] = []
    # The log is newest first: commits older than the one at ``after`` have larger positions.
    path, after = file, -1
    while True:
        renamed_at: tuple[int, str] | None = None
        for position, change in index.get(path, ()):
            if position <= after:
                continue
            commit = log.commits[position]
            entries.append(_entry(commit, change))
            if change.status == "R" and change.old_path is not None:
                renamed_at = (position, change.old_path)
                break
        if renamed_at is None:
            break
        after, path = renamed_at
    return tuple(entries)


def _entry(commit: Commit, change: FileChange) -> Entry:
    return Entry(
        _day(commit.authored),
        KINDS.get(change.status, "modified"),
        commit.sha,
        commit.author,
        commit.subject,
        printable_path(change.old_path) if change.old_path and change.status in "RC" else None,
    )


def printable_path(path: str) -> str:
    """A file name as text that can be written anywhere: bytes that are not UTF-8 (kept as
    surrogates by the reader) become U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def histories(log: Log, files: Mapping[str, str]) -> dict[str, tuple[Entry, ...]]:
    """Record id -> its history, for the records in ``files`` (id -> file) only."""
    index = path_index(log)
    return {record_id: record_history(log, file, index) for record_id, file in files.items()}


def for_audience(
    entries: Iterable[Entry], *, staff: bool, withheld: Collection[str] = ()
) -> tuple[Entry, ...]:
    """What an audience may see of a history: below the operational audience (``staff``
    False) only dates and kinds; for staff, an author, subject or former file name that names
    any of ``withheld`` (what the audience may not see) is replaced by ``WITHHELD``."""
    if not staff:
        return tuple(Entry(e.day, e.kind) for e in entries)

    terms = [term.casefold() for term in withheld]
    verdicts: dict[str, str] = {}

    def shown(text: str | None) -> str | None:
        # One commit touches many files: each subject and author is tested once.
        if text is None:
            return None
        if text not in verdicts:
            folded = text.casefold()
            verdicts[text] = WITHHELD if any(term in folded for term in terms) else text
        return verdicts[text]

    return tuple(
        replace(e, author=shown(e.author), subject=shown(e.subject), old_path=shown(e.old_path))
        for e in entries
    )


def changes_of(log: Log, limit: int = 10, scan: int = 200) -> list[Change]:
    """The last ``limit`` commits (of the last ``scan``) that touched record files, newest
    first, each with the ids of the records it added, changed, renamed or deleted."""
    changes: list[Change] = []
    for commit in log.commits[:scan]:
        prefix = "catalogue/records/"
        ids = {
            PurePosixPath(change.path).stem
            for change in commit.changes
            if change.path.startswith(prefix) and change.path.endswith((".yml", ".yaml"))
        }
        if ids:
            changes.append(Change(_day(commit.committed), tuple(sorted(ids))))
        if len(changes) >= limit:
            break
    return changes


def recent_changes(root: str | os.PathLike[str], limit: int = 10, scan: int = 200) -> list[Change]:
    """The last ``limit`` commits (of the last ``scan``) that touched record files, newest first.

    Outside a Git repository (or without git, or in a shallow clone) there is none: an empty list.
    """
    return changes_of(read_log(root), limit, scan)
