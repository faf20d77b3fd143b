"""Fixity of electronic records: SHA-256 of each file under the storage root, against the catalogue.

A record names its file as ``uri: storage:PATH``, PATH relative to ``storage: root`` in
fonds.yml. A file is only read when it is a regular file reached from the root without any
link: ``..``, absolute paths, symbolic links and special files (FIFOs, devices, sockets) are
refused unread, so a catalogue cannot make fonds hash (or hang on) anything outside the root.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from ..model import Catalogue, Record

SCHEME = "storage:"
CHUNK = 1 << 20
Status = Literal["ok", "changed", "missing", "unrecorded", "refused", "untracked"]
FINDINGS: frozenset[str] = frozenset({"changed", "missing", "unrecorded", "refused", "untracked"})
Progress = Callable[[int], None]


class StorageError(ValueError):
    """No usable storage root: the message says what to set in fonds.yml."""


@dataclass(frozen=True, slots=True)
class FixityItem:
    status: Status
    path: str
    """Relative to the storage root, with ``/``."""
    record: str = ""
    file: str = ""
    recorded: str = ""
    actual: str = ""
    bytes: int | None = None
    reason: str = ""

    def row(self) -> dict[str, object]:
        return {
            "status": self.status,
            "record": self.record,
            "path": self.path,
            "recorded": self.recorded,
            "actual": self.actual,
            "bytes": self.bytes,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class FixityReport:
    root: str
    items: tuple[FixityItem, ...]

    def count(self, status: Status) -> int:
        return sum(1 for item in self.items if item.status == status)


def storage_root(catalogue: Catalogue, base: Path) -> Path:
    setting = catalogue.config.storage_root
    if not setting:
        raise StorageError(
            "fonds.yml has no storage root: add 'storage: {root: storage}' (a folder of the catalogue)"
        )
    parts = _parts(setting.rstrip("/"))
    if isinstance(parts, str):
        raise StorageError(
            f"fonds.yml: storage root '{setting}' {parts.replace('storage root', 'catalogue')}: give a folder of the catalogue, such as 'storage'"
        )
    root = base.joinpath(*parts)
    if any((base.joinpath(*parts[: n + 1])).is_symlink() for n in range(len(parts))) or not root.is_dir():
        raise StorageError(f"fonds.yml: storage root '{setting}' is not a folder of the catalogue")
    return root


def storage_path(record: Record) -> str | None:
    """PATH of a record's ``storage:PATH`` uri, or None for a record kept elsewhere."""
    uri = record.uri or ""
    return uri[len(SCHEME) :] if uri.startswith(SCHEME) else None


def _parts(relative: str) -> tuple[str, ...] | str:
    """The path's parts, or why it is refused."""
    if not relative or relative.startswith(("/", "\\")) or "\\" in relative or "\x00" in relative:
        return "not a relative path inside the storage root"
    parts = PurePosixPath(relative).parts
    if any(part in ("..", ".") for part in relative.split("/")) or not parts:
        return "leads outside the storage root ('..' or '.')"
    return parts


def locate(root: Path, relative: str) -> tuple[Path | None, str]:
    """(the file, "") when ``relative`` is a regular file under ``root`` reached without a
    link; (None, "missing") when it is not there; (None, reason) when it is refused."""
    parts = _parts(relative)
    if isinstance(parts, str):
        return None, parts
    current = root
    for index, part in enumerate(parts):
        current = current / part
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            return None, "missing"
        except OSError as exc:
            return None, f"cannot be examined ({exc.strerror})"
        if stat.S_ISLNK(info.st_mode):
            return None, "a symbolic link: fonds reads no file through a link"
        last = index == len(parts) - 1
        if not last and not stat.S_ISDIR(info.st_mode):
            return None, "missing"
        if last and not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "a FIFO, device or socket"
            return None, f"{kind}, not a regular file"
    return current, ""


def sha256(path: Path, progress: Progress | None = None) -> tuple[str, int]:
    """(hex digest, bytes) of ``path``, read in chunks; refuses a file that turned into a link
    or a special file since ``locate`` saw it."""
    flags = (
        os.O_RDONLY
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_CLOEXEC", 0)
    )
    handle = os.open(path, flags)
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise OSError(0, "not a regular file")
        digest, size = hashlib.sha256(), 0
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if progress is not None:
                progress(len(chunk))
    return digest.hexdigest(), size


def iter_targets(catalogue: Catalogue, ids: frozenset[str] = frozenset()) -> Iterator[tuple[Record, str]]:
    for record in catalogue.records.values():
        path = storage_path(record)
        if (
            path is not None
            and record.status not in ("destroyed", "transferred")
            and (not ids or record.id in ids)
        ):
            yield record, path


def planned_bytes(catalogue: Catalogue, root: Path) -> int:
    """What a check will read, for a progress bar."""
    total = 0
    for _, relative in iter_targets(catalogue):
        found, _ = locate(root, relative)
        if found is not None:
            total += os.lstat(found).st_size
    return total


def _check(root: Path, record: Record, relative: str, progress: Progress | None) -> FixityItem:
    recorded = record.fixity.sha256 if record.fixity else ""
    found, reason = locate(root, relative)
    actual, size = "", None
    if found is None:
        status: Status = "missing" if reason == "missing" else "refused"
        reason = "" if status == "missing" else reason
    else:
        try:
            actual, size = sha256(found, progress)
            status = "unrecorded" if not recorded else "ok" if recorded == actual else "changed"
        except OSError as exc:
            status, reason = "refused", f"cannot be read ({exc.strerror})"
    return FixityItem(status, relative, record.id, record.file, recorded, actual, size, reason)


def _untracked(root: Path, named: set[str]) -> Iterator[FixityItem]:
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs.sort()
        here = Path(folder)
        for name in sorted(files) + sorted(d for d in dirs if (here / d).is_symlink()):
            relative = (here / name).relative_to(root).as_posix()
            if relative not in named:
                link = (here / name).is_symlink()
                yield FixityItem(
                    "untracked",
                    relative,
                    reason="a symbolic link, not read" if link else "no record names it",
                )


def check_fixity(
    catalogue: Catalogue, base: Path, *, ids: frozenset[str] = frozenset(), progress: Progress | None = None
) -> FixityReport:
    """Every storage file's state; with ``ids`` only those records' files (and no untracked)."""
    root = storage_root(catalogue, base)
    items = [_check(root, record, relative, progress) for record, relative in iter_targets(catalogue, ids)]
    if not ids:
        items += _untracked(root, {item.path for item in items})
    order = {"changed": 0, "missing": 1, "refused": 2, "unrecorded": 3, "untracked": 4, "ok": 5}
    return FixityReport(
        str(catalogue.config.storage_root),
        tuple(sorted(items, key=lambda i: (order[i.status], i.path, i.record))),
    )
