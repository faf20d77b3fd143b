"""Reading a catalogue repository: find its files, parse and validate each, build the model.

Parsing and validation are per file (in parallel for big catalogues); everything that needs
all files at once happens afterwards, in ``conversion`` and ``checks``.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path as FsPath
from typing import Any

from ..diagnostics import Diagnostic, error, warning
from ..model import Catalogue
from . import schemas
from .cache import ReadCache, stamp_of
from .conversion import build_catalogue, custom_fields
from .local_settings import LOCAL_DIR
from .yamlfile import Document, read_document

CONFIG_FILE = "fonds.yml"
FILE_PLAN = "catalogue/file-plan.yml"
ACCESS_FILE = "catalogue/access.yml"
LOCATIONS_FILE = "catalogue/locations.yml"
HOLDS_DIR = "catalogue/holds"
REQUESTS_DIR = "catalogue/requests"
AUDITS_DIR = "catalogue/audits"
RECORDS_DIR = "catalogue/records"
SCHEDULES_DIR = "schedules"
YAML_SUFFIXES = (".yml", ".yaml")

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while files are read."""


class ConfigError(Exception):
    """The catalogue cannot be read at all (no fonds.yml): a usage problem, exit 2."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.render())
        self.diagnostic = diagnostic


@dataclass(frozen=True, slots=True)
class SourceFile:
    kind: str
    display: str
    """Path relative to the catalogue root, with forward slashes."""


def iter_source_files(root: FsPath) -> Iterator[SourceFile]:
    """Every catalogue file under ``root``, in a stable order, with its kind."""
    yield SourceFile("config", CONFIG_FILE)
    for fixed, kind in ((FILE_PLAN, "file-plan"), (ACCESS_FILE, "access"), (LOCATIONS_FILE, "locations")):
        if os.path.lexists(root / fixed):  # a FIFO or a link too: read_document refuses it
            yield SourceFile(kind, fixed)
    for folder in ("catalogue", SCHEDULES_DIR):
        for display in _walk_yaml(root, folder):
            found = _kind_of(display)
            if found is not None:
                yield SourceFile(found, display)


def _walk_yaml(root: FsPath, folder: str) -> list[str]:
    found: list[str] = []
    base = root / folder
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        rel = FsPath(dirpath).relative_to(root).as_posix()
        found.extend(
            f"{rel}/{name}" for name in filenames if name.endswith(YAML_SUFFIXES) and not name.startswith(".")
        )
    return sorted(found)


def _kind_of(display: str) -> str | None:
    if display in (FILE_PLAN, ACCESS_FILE, LOCATIONS_FILE):
        return None  # yielded first, as fixed files
    if display.startswith(RECORDS_DIR + "/"):
        return "record"
    if display.startswith(HOLDS_DIR + "/"):
        return "hold"
    if display.startswith(REQUESTS_DIR + "/"):
        return "request"
    if display.startswith(AUDITS_DIR + "/") and display.count("/") == 2:
        return "audit"
    if display.startswith(SCHEDULES_DIR + "/") and display.count("/") == 1:
        return "schedule"
    if display.startswith(LOCAL_DIR + "/") and display.count("/") == 2:
        return "local-settings"
    return "unknown"


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while building the model.

    Loading makes millions of small acyclic objects; each collection would scan all of them
    again, which made 100k records take 67 s instead of 25 s (benchmarks/bench_check.py).
    Reference counting still frees everything; only the cycle search waits.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_catalogue(
    root: str | os.PathLike[str],
    progress: Progress | None = None,
    *,
    validate: bool = True,
    cache: ReadCache | None = None,
) -> tuple[Catalogue, list[Diagnostic]]:
    """Read, validate and convert every file. Raises ConfigError only when fonds.yml is missing.

    ``validate=False`` skips the schemas (YAML traps are still caught): for reports such as
    ``fonds due`` that run after ``fonds check`` and must be fast on large catalogues.
    ``cache`` keeps each file's result for the next read in this process (``mkdocs serve``):
    only files that changed are parsed and validated again.
    """
    with _collector_paused():
        return _load(FsPath(root), progress, validate, cache)


def _load(
    base: FsPath, progress: Progress | None, validate: bool, cache: ReadCache | None
) -> tuple[Catalogue, list[Diagnostic]]:
    if not (base / CONFIG_FILE).is_file():
        raise ConfigError(
            error(
                CONFIG_FILE,
                0,
                0,
                "missing-config",
                f"no {CONFIG_FILE} in {base}: this is not a fonds catalogue "
                "(run fonds in the catalogue repository, or give its folder)",
            )
        )
    diagnostics: list[Diagnostic] = []
    sources = list(iter_source_files(base))
    for required, what in ((FILE_PLAN, "file plan"), (ACCESS_FILE, "security levels and access groups")):
        if not os.path.lexists(base / required):
            diagnostics.append(
                error(
                    required, 0, 0, "missing-file", f"{required} is missing: the catalogue needs its {what}"
                )
            )

    unknown = [source for source in sources if source.kind == "unknown"]
    for source in unknown:
        diagnostics.append(
            warning(
                source.display,
                0,
                0,
                "unknown-file",
                "fonds does not know what this file is: records go under "
                f"{RECORDS_DIR}/, holds under {HOLDS_DIR}/, requests under {REQUESTS_DIR}/, schedules "
                f"directly in {SCHEDULES_DIR}/",
            )
        )
    diagnostics.extend(_case_collisions(sources))
    config_doc, found = read_document(base / CONFIG_FILE, CONFIG_FILE, root=base)
    if config_doc.data is not None and validate:
        found += _unflagged(config_doc, schemas.validate(config_doc, schemas.validator("config"), "config"))
    diagnostics.extend(found)
    declared = custom_fields(config_doc.data)
    docs: dict[str, list[Document]] = {"config": [config_doc]}
    known = [source for source in sources if source.kind not in ("unknown", "config")]
    for doc, doc_found, kind in _read_cached(base, known, declared if validate else None, progress, cache):
        diagnostics.extend(doc_found)
        docs.setdefault(kind, []).append(doc)
    if cache is None:
        catalogue, duplicates = build_catalogue(str(base), docs)
    else:
        catalogue, duplicates = build_catalogue(str(base), docs, cache.converted)
    return catalogue, diagnostics + duplicates


def _case_collisions(sources: list[SourceFile]) -> Iterator[Diagnostic]:
    """Files whose paths differ only in upper and lower case: one file on Windows and macOS."""
    first: dict[str, str] = {}
    for source in sources:
        folded = source.display.casefold()
        if folded in first:
            yield error(
                source.display,
                0,
                0,
                "case-collision",
                f"this file's name differs from {first[folded]} only in upper and lower case; "
                "on Windows and macOS they are the same file, and their site pages would collide: "
                "rename or merge one of them",
            )
        else:
            first[folded] = source.display


def _read_cached(
    base: FsPath,
    sources: list[SourceFile],
    custom_fields: Mapping[str, Any] | None,
    progress: Progress | None,
    cache: ReadCache | None,
) -> Iterator[tuple[Document, list[Diagnostic], str]]:
    """``_read_all``, reusing what ``cache`` holds for files whose stamp has not changed."""
    if cache is None:
        yield from _read_all(base, sources, custom_fields, progress)
        return
    cache.start(base)
    settings = "parse" if custom_fields is None else json.dumps(custom_fields, sort_keys=True, default=repr)
    stamped_at = time.time_ns()
    stamps = [stamp_of(os.path.join(base, source.display)) for source in sources]  # no Path per file
    kept = [
        cache.get(s.display, stamp, f"{s.kind} {settings}") for s, stamp in zip(sources, stamps, strict=True)
    ]
    fresh = _read_all(
        base, [s for s, found in zip(sources, kept, strict=True) if found is None], custom_fields, progress
    )
    for source, stamp, found in zip(sources, stamps, kept, strict=True):
        if found is None:
            doc, diagnostics, _ = next(fresh)
            cache.put(source.display, stamp, f"{source.kind} {settings}", doc, diagnostics, stamped_at)
            found = doc, diagnostics
        yield found[0], found[1], source.kind
    cache.keep_only(source.display for source in sources)


PARALLEL_FROM = 1500
"""Catalogues with more files than this are read by one worker process per core."""
CHUNK = 400


def _read_all(
    base: FsPath,
    sources: list[SourceFile],
    custom_fields: Mapping[str, Any] | None,
    progress: Progress | None,
) -> Iterator[tuple[Document, list[Diagnostic], str]]:
    """Parse and validate every file, in ``sources`` order, in parallel for big catalogues.

    Parsing and schema validation are independent per file and take nearly all the time,
    so they spread over the cores; results come back in order, so output stays identical.
    """
    total = len(sources)
    chunks = [sources[i : i + CHUNK] for i in range(0, total, CHUNK)]
    workers = min(os.cpu_count() or 1, len(chunks))
    done = 0
    if total <= PARALLEL_FROM or workers < 2:
        results: Iterator[list[tuple[Document, list[Diagnostic], str]]] = (
            _read_chunk(str(base), chunk, custom_fields) for chunk in chunks
        )
        for batch in results:
            yield from batch
            done += len(batch)
            if progress is not None:
                progress(done, total)
        return
    context = multiprocessing.get_context(_start_method())
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for batch in pool.map(
            _read_chunk,
            repeat(str(base)),
            chunks,
            repeat(None if custom_fields is None else dict(custom_fields)),
        ):
            yield from batch
            done += len(batch)
            if progress is not None:
                progress(done, total)


def _start_method() -> str:
    """fork: workers start at once with the validators already built; but only when no other
    thread runs (``mkdocs serve`` rebuilds while its server threads run: a fork could copy a
    lock another thread holds)."""
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _unflagged(doc: Document, found: list[Diagnostic]) -> list[Diagnostic]:
    """Schema findings, less those on a value the reader already reported (an infinite number
    reads as empty; saying it is also missing adds nothing)."""
    if not doc.problems:
        return found
    flagged = {d.path for d in doc.problems}
    return [d for d in found if d.path not in flagged]


def _read_chunk(
    base: str, sources: list[SourceFile], custom_fields: Mapping[str, Any] | None
) -> list[tuple[Document, list[Diagnostic], str]]:
    """Parse ``sources``; validate them too unless ``custom_fields`` is None."""
    out = []
    gc.disable()  # as in load_catalogue; a worker process does nothing else
    validating = custom_fields is not None
    records = None if custom_fields is None else schemas.record_validator(custom_fields)
    for source in sources:
        doc, found = read_document(
            os.path.join(base, source.display), source.display, track=validating, root=base
        )
        if doc.data is not None and records is not None:
            checker = records if source.kind == "record" else schemas.validator(source.kind)
            found = found + _unflagged(doc, schemas.validate(doc, checker, source.kind))
        out.append((doc, found, source.kind))
    return out
