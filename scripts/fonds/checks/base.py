"""What every check shares: placing a finding on its line (did-you-mean is ``diagnostics.suggest``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..diagnostics import Diagnostic, error, warning
from ..hierarchy import MAX_DEPTH, depths
from ..model import Catalogue, Path


def at(
    catalogue: Catalogue, file: str, path: Path, code: str, message: str, *, warn: bool = False
) -> Diagnostic:
    line, column = catalogue.where(file, path)
    make = warning if warn else error
    return make(file, line, column, code, message, ".".join(str(p) for p in path))


def declared_events(catalogue: Catalogue) -> Mapping[str, str] | None:
    return None if "config" in catalogue.unavailable else catalogue.config.events


def too_deep(
    catalogue: Catalogue,
    nodes: Mapping[str, Any],
    parents: Mapping[str, str | None],
    what: str,
    advice: str,
) -> Iterator[Diagnostic]:
    """The first node past ``MAX_DEPTH`` on each branch of a tree of classes or locations
    (each node has ``file`` and ``path``; ``parents`` is the catalogue's map for them)."""
    levels = depths(parents)
    for key, level in sorted(levels.items()):
        if level == MAX_DEPTH + 1:
            node = nodes[key]
            yield at(
                catalogue,
                node.file,
                (*node.path, "parent"),
                "hierarchy-too-deep",
                f"{what} '{key}' is at level {level}; fonds allows at most {MAX_DEPTH} levels: {advice}",
            )
