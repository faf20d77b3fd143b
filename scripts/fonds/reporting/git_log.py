"""The catalogue's Git log, read once: every commit that touched a record file, with the files
it added, changed, renamed or deleted.

One ``git log --name-status -z`` pass over the repository (never one call per file), parsed
from its NUL-separated output, so that any file name (newlines, tabs, bytes that are not
UTF-8) comes through whole. The result is cached in the Git directory by the commit it ran
on and, when HEAD has moved on from that commit, extended with ``git log <cached>..HEAD``;
when HEAD is not a descendant of it (a rebase, a reset) it is read again from scratch.

A shallow clone (CI's default) has lost the older commits: its dates would be wrong, so it
has no log at all, only ``SHALLOW_NOTE``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

RECORDS_PATH = "catalogue/records"
SHALLOW_NOTE = "history not available: this is a shallow clone; fetch with fetch-depth: 0"
NO_GIT_NOTE = "history not available: the catalogue is not in a Git repository with commits"
CACHE_VERSION = 1
MARKER = b"fonds-commit"
FIELDS = ("%H", "%at", "%ct", "%an", "%ae", "%s")
"""After the marker: one NUL-separated token each (none of them can hold a NUL)."""
SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")

Source = Literal["none", "shallow", "cache", "incremental", "full"]


@dataclass(frozen=True, slots=True)
class FileChange:
    status: str
    """Git's letter: A added, M modified, R renamed, D deleted, C copied, T type changed."""
    path: str
    """Relative to the catalogue root; for a rename or copy, the new name."""
    old_path: str | None = None


@dataclass(frozen=True, slots=True)
class Commit:
    sha: str
    authored: int
    committed: int
    """Seconds since the epoch (UTC)."""
    author: str
    email: str
    subject: str
    changes: tuple[FileChange, ...]


@dataclass(frozen=True, slots=True)
class Log:
    commits: tuple[Commit, ...]
    """Newest first (git log's order)."""
    head: str | None = None
    source: Source = "none"
    """Where the commits came from: the cache, the cache extended, a full pass, or nowhere."""
    scanned: int = 0
    """How many commits ``git log`` read this time (0 from the cache)."""
    note: str | None = None
    """Why there is no history (a shallow clone, no Git), for the reader."""

    @property
    def shallow(self) -> bool:
        return self.source == "shallow"


def read_log(root: str | os.PathLike[str], *, cache: bool = True) -> Log:
    """The log of ``root``'s record files, from the cache when it is for the current HEAD."""
    base = Path(root)
    head = _text(_git(base, "rev-parse", "--verify", "-q", "HEAD"))
    if head is None or not SHA.fullmatch(head):
        return Log((), note=NO_GIT_NOTE)
    if _text(_git(base, "rev-parse", "--is-shallow-repository")) == "true":
        return Log((), head, "shallow", note=SHALLOW_NOTE)
    prefix = _text(_git(base, "rev-parse", "--show-prefix")) or ""
    cache_file = _cache_file(base, prefix) if cache else None
    cached = _load_cache(cache_file, prefix) if cache_file else None
    if cached is not None and cached[0] == head:
        return Log(cached[1], head, "cache")
    if cached is not None and _is_ancestor(base, cached[0], head):
        new = _log(base, prefix, f"{cached[0]}..{head}")
        if new is not None:
            log = Log((*new, *cached[1]), head, "incremental", len(new))
            _save_cache(cache_file, prefix, log)
            return log
    commits = _log(base, prefix, head)
    if commits is None:
        return Log((), note=NO_GIT_NOTE)
    log = Log(commits, head, "full", len(commits))
    if cache_file:
        _save_cache(cache_file, prefix, log)
    return log


def _git(root: Path, *args: str) -> bytes | None:
    """Git's output, or None when git is missing or fails. A fixed argument list (no shell);
    the repository's own settings cannot change the paths (quoting, relative diffs)."""
    command = ["git", "-c", "core.quotepath=off", "-c", "diff.relative=false", "--literal-pathspecs", *args]
    try:
        done = subprocess.run(command, cwd=root, capture_output=True, check=False, env=_environment())
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def _environment() -> dict[str, str]:
    return {**os.environ, "GIT_TERMINAL_PROMPT": "0"}


def _text(output: bytes | None) -> str | None:
    return None if output is None else output.decode("utf-8", "surrogateescape").removesuffix("\n")


def _is_ancestor(root: Path, older: str, newer: str) -> bool:
    return _git(root, "merge-base", "--is-ancestor", older, newer) is not None


def _log(root: Path, prefix: str, revisions: str) -> tuple[Commit, ...] | None:
    output = _git(
        root,
        "log",
        "--name-status",
        "-z",
        "-M",
        "--no-color",
        "--encoding=UTF-8",
        "--format=%x00" + MARKER.decode() + "".join("%x00" + f for f in FIELDS),
        revisions,
        "--",
        RECORDS_PATH,
    )
    return None if output is None else parse_log(output, prefix)


def parse_log(output: bytes, prefix: str = "") -> tuple[Commit, ...]:
    """Commits from ``git log --name-status -z`` with the format of ``_log``.

    Split on NUL, every token has a known place: the marker and the header fields, then
    status letters each followed by one path (two for a rename or copy). A path is never
    read as anything else, whatever it holds; a status token may start with the newline
    git writes after the header."""
    tokens = output.split(b"\0")
    commits: list[Commit] = []
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i].lstrip(b"\n")
        i += 1
        if token != MARKER or i + len(FIELDS) > n:
            continue
        sha, authored, committed, author, email, subject = (
            t.decode("utf-8", "replace") for t in tokens[i : i + 6]
        )
        i += len(FIELDS)
        changes: list[FileChange] = []
        while i < n:
            status = tokens[i].lstrip(b"\n")
            if status == MARKER:
                break
            i += 1
            if not status:
                continue
            letter = chr(status[0])
            width = 2 if letter in "RC" else 1
            paths = [_path(t, prefix) for t in tokens[i : i + width]]
            i += width
            if len(paths) == width:
                changes.append(FileChange(letter, paths[-1], paths[0] if width == 2 else None))
        commits.append(
            Commit(sha, int(authored or 0), int(committed or 0), author, email, subject, tuple(changes))
        )
    return tuple(commits)


def _path(token: bytes, prefix: str) -> str:
    """A path relative to the catalogue root, decoded as the file system names it."""
    return token.decode("utf-8", "surrogateescape").removeprefix(prefix)


def _cache_file(root: Path, prefix: str) -> Path | None:
    git_dir = _text(_git(root, "rev-parse", "--absolute-git-dir"))
    if not git_dir:
        return None
    key = hashlib.sha256(f"{CACHE_VERSION}\0{prefix}\0{RECORDS_PATH}".encode("utf-8", "surrogateescape"))
    return Path(git_dir) / "fonds" / f"history-{key.hexdigest()[:16]}.json"


def _load_cache(file: Path, prefix: str) -> tuple[str, tuple[Commit, ...]] | None:
    """The cached head and commits, or None for a missing, foreign or damaged cache."""
    try:
        data = json.loads(file.read_text(encoding="ascii"))
        if data["version"] != CACHE_VERSION or data["prefix"] != prefix or not SHA.fullmatch(data["head"]):
            return None
        commits = tuple(
            Commit(sha, int(at), int(ct), an, ae, s, tuple(FileChange(st, p, old) for st, p, old in files))
            for sha, at, ct, an, ae, s, files in data["commits"]
        )
        return str(data["head"]), commits
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _save_cache(file: Path | None, prefix: str, log: Log) -> None:
    """Written whole or not at all (a temporary file renamed over it); a cache that cannot be
    written is no error: the next run reads the log again."""
    if file is None:
        return
    data = {
        "version": CACHE_VERSION,
        "prefix": prefix,
        "head": log.head,
        "commits": [
            [
                c.sha,
                c.authored,
                c.committed,
                c.author,
                c.email,
                c.subject,
                [[f.status, f.path, f.old_path] for f in c.changes],
            ]
            for c in log.commits
        ],
    }
    try:
        file.parent.mkdir(exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="ascii") as out:
            json.dump(data, out, separators=(",", ":"))
        os.replace(temporary, file)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
