"""Writing a batch of files so that each is either wholly old or wholly new.

A batch is planned first (``FileChange``: each file's text as it was read and as it will
be). ``write_changes`` then:

1. reads every file again and refuses (``StaleFileError``) if any changed since it was
   planned, so two people (or two commands) never overwrite each other's work;
2. writes each new text to a hidden temporary file beside its target and fsyncs it; if
   anything fails here, the temporary files are removed and no file has changed;
3. renames each temporary file over its target (``os.replace``, atomic on POSIX and
   Windows): the only step that touches the catalogue. If a rename fails, the files already
   replaced are put back. If the process is killed during the renames, each file is still
   either old or new, never half-written; ``git status`` shows which, and ``git checkout``
   undoes them.

Texts are written exactly as given (UTF-8, no newline translation), so CRLF files stay CRLF.
"""

from __future__ import annotations

import contextlib
import difflib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

TEMP_MARK = ".fonds-tmp-"


@dataclass(frozen=True, slots=True)
class FileChange:
    """One file of a batch; ``path`` is relative to the catalogue root, with forward slashes."""

    path: str
    old: str | None
    """The text as planned from; None for a file that must not exist yet."""
    new: str


class StaleFileError(Exception):
    """A file changed on disk after the batch was planned; nothing was written."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def read_text(path: Path) -> str | None:
    """A file's exact text (no newline translation), or None when there is no such file."""
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None


def _check_unchanged(root: Path, changes: Sequence[FileChange]) -> None:
    for change in changes:
        try:
            current = read_text(root / change.path)
        except (OSError, UnicodeDecodeError) as exc:
            raise StaleFileError(change.path, f"cannot be read again: {exc}") from exc
        if current != change.old:
            reason = (
                "was created by someone else meanwhile"
                if change.old is None
                else "was deleted meanwhile"
                if current is None
                else "was changed by someone else after it was read"
            )
            raise StaleFileError(change.path, f"{reason}; run the command again")


def _temporary(target: Path, index: int) -> Path:
    return target.with_name(f".{target.name}{TEMP_MARK}{os.getpid()}-{index}")


def _write_synced(path: Path, data: bytes, mode: int | None) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666 if mode is None else mode)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise


def _make_folders(folder: Path, made: list[Path]) -> None:
    """Create ``folder`` and its missing parents, noting each in ``made`` (outermost first)."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
        made.append(path)


def _remove_folders(made: list[Path]) -> None:
    """Remove the folders a failed batch made, innermost first (each only if empty)."""
    for folder in reversed(made):
        with contextlib.suppress(OSError):
            folder.rmdir()


def _sync_folders(folders: Iterable[Path]) -> None:
    """Make the renames themselves durable (POSIX; a no-op where folders cannot be opened)."""
    for folder in sorted(set(folders)):
        try:
            descriptor = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(descriptor)
        except OSError:
            pass
        finally:
            os.close(descriptor)


def write_changes(
    root: Path, changes: Sequence[FileChange], after_rename: Callable[[int], None] | None = None
) -> None:
    """Write the batch (see the module docstring). ``after_rename(n)`` is called after the
    n-th rename: tests use it to kill the process part-way through."""
    _check_unchanged(root, changes)
    staged: list[tuple[Path, Path]] = []
    made: list[Path] = []
    try:
        for index, change in enumerate(changes):
            target = root / change.path
            _make_folders(target.parent, made)
            mode = target.stat().st_mode & 0o7777 if change.old is not None else None
            temporary = _temporary(target, index)
            _write_synced(temporary, change.new.encode("utf-8"), mode)
            staged.append((temporary, target))
        _check_unchanged(root, changes)
    except BaseException:
        for temporary, _ in staged:
            with contextlib.suppress(OSError):
                temporary.unlink()
        _remove_folders(made)
        raise
    done = 0
    try:
        for temporary, target in staged:
            os.replace(temporary, target)
            done += 1
            if after_rename is not None:
                after_rename(done)
    except BaseException:
        _undo(root, changes[:done])
        for temporary, _ in staged[done:]:
            with contextlib.suppress(OSError):
                temporary.unlink()
        _remove_folders(made)
        raise
    _sync_folders(target.parent for _, target in staged)


def _undo(root: Path, changes: Sequence[FileChange]) -> None:
    """Put back the files a failed batch already replaced (best effort: this runs only when a
    rename itself failed, e.g. a file locked by another program)."""
    for index, change in enumerate(changes):
        target = root / change.path
        with contextlib.suppress(OSError):
            if change.old is None:
                target.unlink()
                continue
            temporary = _temporary(target, index)
            _write_synced(temporary, change.old.encode("utf-8"), target.stat().st_mode & 0o7777)
            os.replace(temporary, target)


def unified_diff(changes: Sequence[FileChange]) -> str:
    """The batch as ``git diff`` would show it once written (new files from /dev/null)."""
    out: list[str] = []
    for change in changes:
        old_lines = (change.old or "").splitlines(keepends=True)
        new_lines = change.new.splitlines(keepends=True)
        source = "/dev/null" if change.old is None else f"a/{change.path}"
        for line in difflib.unified_diff(old_lines, new_lines, source, f"b/{change.path}"):
            out.append(line)
            if not line.endswith(("\n", "\r")):
                out.append("\n\\ No newline at end of file\n")
    return "".join(out)
