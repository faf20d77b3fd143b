"""What every check shares: placing a finding on its line, and did-you-mean suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..diagnostics import Diagnostic, error, warning
from ..hierarchy import MAX_DEPTH, depths
from ..model import Catalogue, Path


def suggest(word: str, choices: Iterable[str]) -> str:
    """A did-you-mean for names (departments, groups, events), never for codes such as
    FIN-01 or BOX-12, where the nearest spelling is a different class or box."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""


def at(
    catalogue: Catalogue, file: str, path: Path, code: str, message: str, *, warn: bool = False
) -> Diagnostic:
    line, column = catalogue.where(file, path)
    make = warning if warn else error
    return make(file, line, column, code, message, ".".join(str(p) for p in path))


def declared_events(catalogue: Catalogue) -> Mapping[str, str] | None:
    return None if "config" in catalogue.unavailable else catalogue.config.events


def too_deep(catalogue: Catalogue, nodes: Mapping[str, Any], what: str, advice: str) -> Iterator[Diagnostic]:
    """The first node past ``MAX_DEPTH`` on each branch of a tree of classes or locations
    (each node has ``parent``, ``file`` and ``path``)."""
    levels = depths({key: node.parent for key, node in nodes.items()})
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
