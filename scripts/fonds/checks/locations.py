"""Locations: each inside an existing parent, without loops."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..hierarchy import find_cycles
from ..model import Catalogue
from .base import at, too_deep


def check_locations(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for location in catalogue.locations.values():
        if location.parent is not None and location.parent not in catalogue.locations:
            yield at(
                catalogue,
                location.file,
                (*location.path, "parent"),
                "unknown-parent",
                f"location '{location.id}' is inside '{location.parent}', which is not a location",
            )
    yield from too_deep(
        catalogue,
        catalogue.locations,
        catalogue.location_parents,
        "location",
        "put it, and what is inside it, higher up",
    )
    parents = {key: [parent] for key, parent in catalogue.location_parents.items() if parent is not None}
    for cycle in find_cycles(parents):
        first = catalogue.locations[cycle[0]]
        yield at(
            catalogue,
            first.file,
            (*first.path, "parent"),
            "hierarchy-cycle",
            f"locations {' -> '.join((*cycle, cycle[0]))} are inside each other in a loop",
        )
