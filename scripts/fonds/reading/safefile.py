"""Opening a catalogue file without being led astray by what sits at its name.

A name under ``catalogue/`` may be a FIFO (reading it waits for ever), a device such as
``/dev/zero`` (endless bytes), a socket, or a link to a file outside the repository (which
would publish whatever it points at). Every catalogue file is read here, and only a regular
file inside the repository is read at all: the name is checked with ``lstat``, links are
resolved and must stay inside the root, the file is opened without blocking and checked
again through the open descriptor (so a swap between the check and the open changes nothing),
and at most ``limit + 1`` bytes are read.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device file"),
    (stat.S_ISBLK, "a device file"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


@dataclass(frozen=True, slots=True)
class Refused:
    """Why a file was not read: ``code`` is a diagnostic code, ``message`` for a technician."""

    code: str
    message: str


def _not_regular(mode: int) -> str | None:
    for test, name in _KINDS:
        if test(mode):
            return name
    return None if stat.S_ISREG(mode) else "not a regular file"


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def read_bytes(
    path: str | os.PathLike[str], root: str | os.PathLike[str] | None, limit: int
) -> bytes | Refused:
    """The bytes of the regular file at ``path`` (inside ``root``, when given), or why not.

    A file larger than ``limit`` bytes is refused without being read; one that grows while
    it is read stops at ``limit + 1`` bytes, so the caller can tell it is too large.
    """
    name = os.fspath(path)
    try:
        info = os.lstat(name)
        if stat.S_ISLNK(info.st_mode):
            target = os.path.realpath(name)
            if root is not None and not _inside(target, os.path.realpath(root)):
                return Refused(
                    "special-file",
                    "the file is a link to something outside the repository; fonds does not "
                    "follow it (copy the file into the catalogue instead)",
                )
            info = os.stat(target)
            name = target
        kind = _not_regular(info.st_mode)
        if kind is not None:
            return _special(kind)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(name, flags)
    except OSError as exc:
        return Refused("file-unreadable", f"cannot read the file: {exc.strerror}")
    try:
        opened = os.fstat(descriptor)
        kind = _not_regular(opened.st_mode)
        if kind is not None:
            return _special(kind)
        if opened.st_size > limit:
            return Refused(
                "file-too-large",
                f"the file is {opened.st_size / 1048576:.1f} MB; catalogue files are at most "
                f"{limit // 1048576} MB (is this a data file saved here by mistake?)",
            )
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        return Refused("file-unreadable", f"cannot read the file: {exc.strerror}")
    finally:
        os.close(descriptor)


def _special(kind: str) -> Refused:
    return Refused(
        "special-file",
        f"this is {kind}, not a file of text; fonds does not read it (remove it, or put the "
        "real file in its place)",
    )
