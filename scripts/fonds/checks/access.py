"""Security levels, caveats, access groups, and the markings on classes and records."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..model import Catalogue, Marking
from ..yamlfile import Path
from .base import at, suggest


def check_access(catalogue: Catalogue) -> Iterator[Diagnostic]:
    access = catalogue.access
    if "access" in catalogue.unavailable:
        return
    for group in access.groups.values():
        if group.clearance and group.clearance not in access.levels:
            yield at(
                catalogue,
                access.file,
                (*group.path, "clearance"),
                "unknown-level",
                f"group '{group.id}' has clearance '{group.clearance}', which is not one of the "
                f"levels: {', '.join(access.levels)}",
            )
        for index, caveat in enumerate(group.caveats):
            if caveat not in access.caveats:
                yield at(
                    catalogue,
                    access.file,
                    (*group.path, "caveats", index),
                    "unknown-caveat",
                    f"group '{group.id}' holds caveat '{caveat}', which is not listed under 'caveats'",
                )


def check_marking(
    catalogue: Catalogue, file: str, path: Path, marking: Marking, inherited_level: str | None
) -> Iterator[Diagnostic]:
    access = catalogue.access
    level = marking.level or inherited_level
    if marking.level is not None and marking.level not in access.levels:
        yield at(
            catalogue,
            file,
            (*path, "level"),
            "unknown-level",
            f"security level '{marking.level}' is not one of: {', '.join(access.levels)}"
            f"{suggest(marking.level, access.levels)}",
        )
        level = None
    for index, caveat in enumerate(marking.caveats):
        if caveat not in access.caveats:
            yield at(
                catalogue,
                file,
                (*path, "caveats", index),
                "unknown-caveat",
                f"caveat '{caveat}' is not listed in {access.file}{suggest(caveat, access.caveats)}",
            )
    for index, name in enumerate(marking.groups):
        group = access.groups.get(name)
        where = (*path, "access", "groups", index)
        if group is None:
            yield at(
                catalogue,
                file,
                where,
                "unknown-group",
                f"access group '{name}' is not in {access.file}{suggest(name, access.groups)}",
            )
        elif (
            level in access.levels
            and group.clearance in access.levels
            and access.levels.index(group.clearance) < access.levels.index(level)
        ):
            yield at(
                catalogue,
                file,
                where,
                "access-not-cleared",
                f"group '{name}' is cleared to '{group.clearance}' only, below the record's "
                f"level '{level}'; raise its clearance or remove it from the access list",
            )
