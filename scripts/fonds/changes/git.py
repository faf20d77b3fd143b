"""The catalogue's Git repository: is it clean, and one commit per action (GitPython).

A command run with ``--commit`` makes exactly one commit holding exactly the files it
changed, so the pull request that carries it is the approval trail. It refuses when the
catalogue already has uncommitted changes: they would be mixed into the records office's
evidence, or lost from it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import git

CATALOGUE_PATHS = ("fonds.yml", "catalogue", "schedules")
"""The files whose uncommitted changes stop ``--commit``, relative to the catalogue root."""


class RepositoryError(Exception):
    """No Git repository, or Git failed; the message says which."""


def open_repository(root: Path) -> git.Repo:
    try:
        return git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as exc:
        raise RepositoryError(f"{root} is not in a Git repository, so --commit cannot be used") from exc


def _work_tree(repo: git.Repo) -> Path:
    if repo.working_tree_dir is None:
        raise RepositoryError("the repository has no working tree (a bare repository)")
    return Path(repo.working_tree_dir).resolve()


def _in_tree(repo: git.Repo, root: Path, paths: Sequence[str]) -> list[str]:
    """``paths`` (relative to ``root``) relative to the repository, dropping those outside it."""
    tree = _work_tree(repo)
    found = []
    for path in paths:
        full = (root / path).resolve()
        if full == tree or tree in full.parents:
            found.append(full.relative_to(tree).as_posix())
    return found


def uncommitted(repo: git.Repo, root: Path, extra: Sequence[str] = ()) -> list[str]:
    """Catalogue files (and ``extra`` files) with changes not yet committed, staged or not,
    and untracked ones; relative to ``root``, sorted."""
    specs = _in_tree(repo, root, [*CATALOGUE_PATHS, *extra])
    if not specs:
        return []
    try:
        status = repo.git.status("--porcelain=v1", "-z", "--untracked-files=all", "--", *specs)
    except git.GitCommandError as exc:
        raise RepositoryError(f"git status failed: {exc.stderr.strip()}") from exc
    tree = _work_tree(repo)
    base = root.resolve()
    found: set[str] = set()
    entries = iter(status.split("\0"))
    for entry in entries:
        if not entry:
            continue
        code, path = entry[:2], entry[3:]
        if "R" in code or "C" in code:
            next(entries, None)  # a rename's second path is its source
        found.add(os.path.relpath(tree / path, base).replace(os.sep, "/"))
    return sorted(found)


def commit(repo: git.Repo, root: Path, paths: Sequence[str], message: str) -> str:
    """Commit exactly ``paths`` (relative to ``root``) with ``message``; return the new
    commit's short id. Other staged changes in the repository stay staged, uncommitted."""
    specs = _in_tree(repo, root, paths)
    if not specs:
        raise RepositoryError("none of the changed files is inside the repository")
    try:
        repo.git.add("--", *specs)
        repo.git.commit("--only", "--quiet", "-m", message, "--", *specs)
    except git.GitCommandError as exc:
        raise RepositoryError(f"git commit failed: {(exc.stderr or str(exc)).strip()}") from exc
    return repo.head.commit.hexsha[:7]
