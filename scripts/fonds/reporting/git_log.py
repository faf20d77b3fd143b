"""The catalogue's Git log, read once: every commit that touched a record file, with the files
it added, changed, renamed or deleted.

One ``git log --name-status -z`` pass over the repository (never one call per file; a long
history in two disjoint halves at once), parsed from its NUL-separated output, so that any
file name (newlines, tabs, bytes that are not UTF-8) comes through whole. Git's output is
cached in the Git directory by the commit it ran on and, when HEAD has moved on from that
commit, extended with ``git log <cached>..HEAD``; when HEAD is not a descendant of it (a
rebase, a reset) it is read again from scratch.

A shallow clone (CI's default) has lost the older commits: its dates would be wrong, so it
has no log at all, only ``SHALLOW_NOTE``.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

RECORDS_PATH = "catalogue/records"
SHALLOW_NOTE = "history not available: this is a shallow clone; fetch with fetch-depth: 0"
NO_GIT_NOTE = "history not available: the catalogue is not in a Git repository with commits"
CACHE_VERSION = 2
CACHE_MAGIC = b"fonds-history-cache"
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
        return Log(parse_log(cached[1], prefix), head, "cache")
    if cached is not None and _is_ancestor(base, cached[0], head):
        new = _log(base, f"{cached[0]}..{head}")
        if new is not None:
            _save_cache(cache_file, prefix, head, new + b"\0" + cached[1])
            commits = parse_log(new, prefix)
            return Log((*commits, *parse_log(cached[1], prefix)), head, "incremental", len(commits))
    output = _full_log(base, head)
    if output is None:
        return Log((), note=NO_GIT_NOTE)
    _save_cache(cache_file, prefix, head, output)
    commits = parse_log(output, prefix)
    return Log(commits, head, "full", len(commits))


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


SPLIT_ABOVE = 2000
"""Longer histories are read in two halves at once, one git process per core."""


def _full_log(root: Path, head: str) -> bytes | None:
    """The whole log, as one ``git log HEAD`` gives it, but on two cores for a long history:
    ``git log M..HEAD`` and ``git log M`` (M half-way down the first-parent line) are
    disjoint and together hold every commit, whatever the merges, newer half first."""
    listed = _git(root, "rev-list", "--first-parent", head) if (os.cpu_count() or 1) > 1 else None
    line = (listed or b"").split()
    if len(line) <= SPLIT_ABOVE:
        return _log(root, head)
    middle = line[len(line) // 2].decode("ascii")
    with ThreadPoolExecutor(2) as pool:
        newer, older = pool.map(lambda revisions: _log(root, revisions), [f"{middle}..{head}", middle])
    return None if newer is None or older is None else newer + b"\0" + older


def _log(root: Path, revisions: str) -> bytes | None:
    """The raw log of the record files, in the form ``parse_log`` reads (and the cache keeps)."""
    return _git(
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
    return Path(git_dir) / "fonds" / f"history-{key.hexdigest()[:16]}.log"


def _load_cache(file: Path, prefix: str) -> tuple[str, bytes] | None:
    """The cached head and raw log, or None for a missing, foreign or damaged cache. The
    cache is git's own output behind a header: reading it is parsing it, nothing more."""
    try:
        magic, version, head, cached_prefix, output = file.read_bytes().split(b"\0", 4)
    except (OSError, ValueError):
        return None
    text = head.decode("ascii", "replace")
    if magic != CACHE_MAGIC or version != str(CACHE_VERSION).encode() or not SHA.fullmatch(text):
        return None
    if cached_prefix != prefix.encode("utf-8", "surrogateescape"):
        return None
    return text, output


def _save_cache(file: Path | None, prefix: str, head: str, output: bytes) -> None:
    """Written whole or not at all (a temporary file renamed over it); a cache that cannot be
    written is no error: the next run reads the log again."""
    if file is None:
        return
    header = b"\0".join(
        [CACHE_MAGIC, str(CACHE_VERSION).encode(), head.encode(), prefix.encode("utf-8", "surrogateescape")]
    )
    try:
        file.parent.mkdir(exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(header + b"\0" + output)
        os.replace(temporary, file)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
