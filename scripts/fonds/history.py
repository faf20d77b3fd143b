"""The catalogue's history, from Git: which records changed, and when.

Only dates and file paths are read, never commit messages or authors, so that what a page
shows about history can be limited to the records its audience may see.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import PurePosixPath


@dataclass(frozen=True, slots=True)
class Change:
    day: date
    record_ids: tuple[str, ...]
    """Records whose files the commit added or changed (ids are the file names)."""


def recent_changes(root: str | os.PathLike[str], limit: int = 10, scan: int = 200) -> list[Change]:
    """The last ``limit`` commits (of the last ``scan``) that touched record files, newest first.

    Outside a Git repository (or without git) there is no history: an empty list.
    """
    try:
        import git

        repo = git.Repo(root, search_parent_directories=True)
        top = repo.working_tree_dir
        if top is None:
            return []
        prefix = os.path.relpath(os.path.join(os.fspath(root), "catalogue", "records"), top).replace(
            os.sep, "/"
        )
        changes: list[Change] = []
        for commit in repo.iter_commits(max_count=scan, paths=prefix):
            files = [str(path) for path in commit.stats.files if str(path).startswith(prefix + "/")]
            ids = tuple(
                sorted(
                    {PurePosixPath(f.split(" => ")[-1]).stem for f in files if f.endswith((".yml", ".yaml"))}
                )
            )
            if ids:
                day = datetime.fromtimestamp(commit.committed_date, tz=UTC).date()
                changes.append(Change(day, ids))
            if len(changes) >= limit:
                break
        return changes
    except Exception:
        return []
