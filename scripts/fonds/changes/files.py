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

**One writer at a time.** ``catalogue_lock`` is an exclusive lock (``fcntl.flock`` on
``fonds.lock`` in the repository's Git folder, else one in the system's temporary folder) that the
commands hold from reading the catalogue to the last rename, and ``write_changes`` takes it too:
"is the file unchanged?" and the rename are one step, so two commands run at once never both
succeed on the same file. The lock dies with its process, so a killed run never leaves it held.

**Leftovers.** A run killed while staging leaves its hidden ``.NAME.fonds-tmp-PID-N`` files
(never a half-written record). ``iter_leftovers`` finds them and ``remove_leftovers`` deletes
them, under the lock, so they never block the next run.

**Links.** A record file that is a symbolic link stays one: the file it leads to is written. A
link leading outside the repository is refused (``UnsafePathError``).
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, one writer is on trust
    fcntl = None  # type: ignore[assignment]

TEMP_MARK = ".fonds-tmp-"
LOCK_WAIT = 10.0
"""Seconds a command waits for another fonds command to finish changing the catalogue."""
LEFTOVER_FOLDERS = ("catalogue", "schedules", "certificates", "transfer-lists", ".github")
"""Where a batch writes (besides the catalogue root itself), so where leftovers are looked for."""


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


class LockedError(Exception):
    """Another fonds command is changing the catalogue; nothing was read or written."""


class UnsafePathError(Exception):
    """A file to write is a link leading outside the repository, or not a regular file."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def repository_root(root: Path) -> Path:
    """The Git work tree holding ``root`` (the nearest folder with ``.git``), else ``root``."""
    start = root.resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def lock_path(root: Path) -> Path:
    """``fonds.lock`` in the Git folder (never a file ``git status`` shows); outside Git, a file
    named for the catalogue's path in the system's temporary folder."""
    dot_git = repository_root(root) / ".git"
    if dot_git.is_dir():
        return dot_git / "fonds.lock"
    if dot_git.is_file():  # a linked work tree: ".git" names its Git folder
        text = dot_git.read_text(encoding="utf-8", errors="replace").strip()
        if text.startswith("gitdir:"):
            folder = (dot_git.parent / text.removeprefix("gitdir:").strip()).resolve()
            if folder.is_dir():
                return folder / "fonds.lock"
    digest = hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"fonds-{digest}.lock"


_HELD: dict[Path, list[int]] = {}
"""Lock file -> [descriptor, depth]: the lock is re-entrant within one process."""


@contextlib.contextmanager
def catalogue_lock(root: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the catalogue's write lock (see the module docstring); ``LockedError`` when another
    process still holds it after ``wait`` seconds (default ``LOCK_WAIT``)."""
    path = lock_path(root)
    if fcntl is None:
        yield
        return
    if path in _HELD:
        _HELD[path][1] += 1
        try:
            yield
        finally:
            _HELD[path][1] -= 1
        return
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        deadline = time.monotonic() + (LOCK_WAIT if wait is None else wait)
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockedError(
                        f"another fonds command is changing this catalogue (lock {path}); "
                        "wait for it to finish, then run the command again"
                    ) from None
                time.sleep(0.02)
        _HELD[path] = [descriptor, 1]
        try:
            yield
        finally:
            del _HELD[path]
    finally:
        os.close(descriptor)  # closing the descriptor releases the lock


def is_leftover(name: str) -> bool:
    return name.startswith(".") and TEMP_MARK in name


def iter_leftovers(root: Path, folders: Iterable[str] = ()) -> Iterator[str]:
    """The temporary files an interrupted run left (relative to ``root``, sorted): in the
    catalogue's own folders, and directly in ``folders`` (where a batch is about to write)."""
    found = [
        os.path.relpath(entry.path, root)
        for folder in (root, *(root / name for name in folders))
        for entry in _entries(folder)
        if entry.is_file(follow_symlinks=False)
    ]
    for folder in LEFTOVER_FOLDERS:
        for path, folders, files in os.walk(root / folder):
            folders[:] = sorted(f for f in folders if not f.startswith(".git"))
            found += [os.path.relpath(os.path.join(path, name), root) for name in files if is_leftover(name)]
    yield from sorted({name.replace(os.sep, "/") for name in found if is_leftover(Path(name).name)})


def _entries(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []


def remove_leftovers(root: Path, folders: Iterable[str] = ()) -> list[str]:
    """Delete the leftovers of interrupted runs (see ``iter_leftovers``), under the lock (so
    none is a live run's); return those removed."""
    removed = []
    with catalogue_lock(root):
        for name in iter_leftovers(root, folders):
            with contextlib.suppress(OSError):  # gone meanwhile, or not ours to delete
                (root / name).unlink()
                removed.append(name)
    return removed


def real_target(root: Path, path: str) -> Path:
    """Where ``path`` is written: itself, or the file its symbolic link (or a linked folder on
    its way) leads to, which must be a regular file inside the repository. A file that does not
    exist yet is written where it is named."""
    target = root / path
    if not (target.is_symlink() or target.exists()):
        return target
    real = target.resolve()
    tree = repository_root(root)
    if tree != real and tree not in real.parents:
        raise UnsafePathError(path, f"leads to {real}, outside the repository; fonds does not write there")
    if real.exists() and not real.is_file():
        raise UnsafePathError(path, f"leads to {real}, which is not a regular file")
    return real if real != target.absolute() else target


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
    """Write the batch (see the module docstring) under the catalogue lock. ``after_rename(n)``
    is called after the n-th rename: tests use it to kill the process part-way through."""
    with catalogue_lock(root):
        targets = [real_target(root, change.path) for change in changes]
        _write_locked(root, changes, targets, after_rename)


def _write_locked(
    root: Path,
    changes: Sequence[FileChange],
    targets: Sequence[Path],
    after_rename: Callable[[int], None] | None,
) -> None:
    _check_unchanged(root, changes)
    staged: list[tuple[Path, Path]] = []
    made: list[Path] = []
    try:
        for index, (change, target) in enumerate(zip(changes, targets, strict=True)):
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
        _undo(changes[:done], targets[:done])
        for temporary, _ in staged[done:]:
            with contextlib.suppress(OSError):
                temporary.unlink()
        _remove_folders(made)
        raise
    _sync_folders(target.parent for _, target in staged)


def _undo(changes: Sequence[FileChange], targets: Sequence[Path]) -> None:
    """Put back the files a failed batch already replaced (best effort: this runs only when a
    rename itself failed, e.g. a file locked by another program)."""
    for index, (change, target) in enumerate(zip(changes, targets, strict=True)):
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
