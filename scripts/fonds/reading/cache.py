"""Parsed and validated files kept between two reads of the same catalogue in one process.

``mkdocs serve`` reads the whole catalogue again after every edit; parsing and schema
validation are ~90% of that reading and depend on nothing but the file's bytes and the
custom fields declared in fonds.yml. So each file's result is kept with the file's stamp
(size, modification and change times, inode, device, taken with ``lstat`` before reading)
and reused while the stamp is the same. Everything that spans files (the model, the
cross-file checks) is still computed afresh from these results, so the outcome is the same
as reading every file again.

Only regular files are kept (a link, a FIFO or a missing file is read every time, and
refused as before), and not a file whose modification time is within ``RACY_NS`` of the
moment its stamp was taken: a second write in the same clock tick, of the same size, would
leave the stamp unchanged (the "racy" case Git's index has too). Such a file is simply read
again next time.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ..diagnostics import Diagnostic
from .yamlfile import Document

T = TypeVar("T")

RACY_NS = 2_000_000_000
"""Two seconds: coarser than any file system's time stamps (FAT keeps even seconds)."""


@dataclass(frozen=True, slots=True)
class Stamp:
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    device: int


@dataclass(frozen=True, slots=True)
class _Entry:
    stamp: Stamp
    settings: str
    doc: Document
    found: tuple[Diagnostic, ...]


def stamp_of(path: str | os.PathLike[str]) -> Stamp | None:
    """The stamp of the regular file at ``path``, or None (not a regular file, or unreadable)."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return Stamp(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


class ReadCache:
    """What reading each file gave, by its name relative to the catalogue root.

    ``settings`` names everything besides the bytes that the result depends on (the file's
    kind, whether it was validated, the custom fields of fonds.yml): a result read under other
    settings is not reused.
    """

    def __init__(self) -> None:
        self._root = ""
        self._entries: dict[str, _Entry] = {}
        self._values: dict[int, tuple[Document, Any]] = {}
        self.reused = 0
        """Files whose result was reused by the last read."""

    def start(self, root: str | os.PathLike[str]) -> None:
        """A new read of ``root`` begins (another root forgets everything)."""
        name = os.path.realpath(root)
        if name != self._root:
            self._root, self._entries, self._values = name, {}, {}
        self.reused = 0

    def get(
        self, display: str, stamp: Stamp | None, settings: str
    ) -> tuple[Document, list[Diagnostic]] | None:
        entry = self._entries.get(display)
        if stamp is None or entry is None or entry.stamp != stamp or entry.settings != settings:
            return None
        self.reused += 1
        return entry.doc, list(entry.found)

    def put(
        self,
        display: str,
        stamp: Stamp | None,
        settings: str,
        doc: Document,
        found: Sequence[Diagnostic],
        stamped_at_ns: int,
    ) -> None:
        """Keep a result read after ``stamp`` was taken, at or after ``stamped_at_ns``
        (``time.time_ns()``), unless the file was written too shortly before to trust it."""
        if stamp is None or stamp.mtime_ns > stamped_at_ns - RACY_NS:
            self._entries.pop(display, None)
            return
        self._entries[display] = _Entry(stamp, settings, doc, tuple(found))

    def keep_only(self, displays: Iterable[str]) -> None:
        """Forget the files that are no longer in the catalogue."""
        wanted = set(displays)
        for display in [d for d in self._entries if d not in wanted]:
            del self._entries[display]
        kept = {id(entry.doc) for entry in self._entries.values()}
        self._values = {key: value for key, value in self._values.items() if key in kept}

    def converted(self, doc: Document, read: Callable[[Document], T]) -> T:
        """``read(doc)`` (a file's value in the model, such as its record), computed once for
        a document this cache keeps: ``read`` depends on nothing but the document."""
        found = self._values.get(id(doc))
        if found is not None and found[0] is doc:
            value: T = found[1]
            return value
        value = read(doc)
        self._values[id(doc)] = (doc, value)
        return value

    def __len__(self) -> int:
        return len(self._entries)
