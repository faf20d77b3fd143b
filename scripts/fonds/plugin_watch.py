"""Seeing an edit at once while ``mkdocs serve`` runs.

MkDocs' (and ProperDocs') live-reload server watches with watchdog's ``PollingObserver``:
every half second it lists and stats every file under every watched folder. With a
catalogue of 10,000 record files that is a stat of each file twice a second, for as long as
the server runs, competing with the rebuild it triggers; and an edit waits up to half a
second to be noticed. ``Watchers`` takes the polling observer's place (before the server
starts): folders are watched with the system's file events (inotify on Linux, FSEvents on
macOS, ...), single files (mkdocs.yml, fonds.yml) are still polled, since an editor that
saves by renaming a new file over the old one would leave an event watch on a file that no
longer exists. Where the system gives no events (or refuses a watch) the folder is polled
as before.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirModifiedEvent,
    DirMovedEvent,
    FileAttribEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.fonds")

CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileClosedEvent,
    FileAttribEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirModifiedEvent,
    DirMovedEvent,
]
"""What the polling observer reports (a file or folder made, removed, changed, moved; for a
written file also its closing): never that a file was opened or read, which every rebuild
does, and which would start the next rebuild."""


@dataclass(slots=True)
class _Watch:
    handler: Any
    path: str
    recursive: bool
    observer: BaseObserver
    watch: ObservedWatch


class Watchers:
    """What the live-reload server uses as its ``observer``: ``schedule``, ``unschedule``,
    ``start``, ``stop``, ``join``, shared out between a native observer (folders) and the
    server's own polling one (files, and folders the native one cannot watch)."""

    def __init__(self, polling: BaseObserver) -> None:
        self._polling = polling
        self._native: BaseObserver | None = None if Observer is PollingObserver else Observer()
        self._watches: dict[int, _Watch] = {}

    def schedule(self, handler: Any, path: str, *, recursive: bool = False) -> int:
        observer: BaseObserver = self._polling
        watch = None
        if self._native is not None and os.path.isdir(path):
            try:
                watch = self._native.schedule(handler, path, recursive=recursive, event_filter=CHANGES)
                observer = self._native
            except (OSError, TypeError):  # no watch left; a watchdog without event_filter (< 4)
                watch = None
        if watch is None:
            watch = observer.schedule(handler, path, recursive=recursive)
        key = len(self._watches) + 1
        while key in self._watches:
            key += 1
        self._watches[key] = _Watch(handler, path, recursive, observer, watch)
        return key

    def unschedule(self, key: int) -> None:
        found = self._watches.pop(key)
        found.observer.unschedule(found.watch)

    def start(self) -> None:
        if self._native is not None:
            try:
                self._native.start()
            except OSError as exc:  # the system refused the watches: poll, as MkDocs does
                log.info(f"fonds: file events not available ({exc}); watching by polling")
                self._poll_instead()
        self._polling.start()

    def _poll_instead(self) -> None:
        native, self._native = self._native, None
        for found in self._watches.values():
            if found.observer is native:
                found.observer = self._polling
                found.watch = self._polling.schedule(found.handler, found.path, recursive=found.recursive)

    def stop(self) -> None:
        for observer in (self._native, self._polling):
            if observer is not None and observer.is_alive():
                observer.stop()

    def join(self, timeout: float | None = None) -> None:
        for observer in (self._native, self._polling):
            if observer is not None and observer.is_alive():
                observer.join(timeout)

    def is_alive(self) -> bool:
        return any(o is not None and o.is_alive() for o in (self._native, self._polling))


def watch_with_events(server: Any) -> bool:
    """Move the server's watches to ``Watchers``; False (nothing changed) when the server is
    not the one this was written for (MkDocs 1.6 and ProperDocs 1.6's ``LiveReloadServer``)
    or already watching."""
    polling = getattr(server, "observer", None)
    watched = getattr(server, "_watched_paths", None)
    if not isinstance(polling, PollingObserver) or not isinstance(watched, dict) or polling.is_alive():
        return False
    counts = dict(watched)
    for path, count in counts.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = Watchers(polling)
    for path, count in counts.items():
        for _ in range(count):
            server.watch(path)
    return True
