"""Security levels, caveats, access groups, and the markings on classes and records."""

from __future__ import annotations

from collections.abc import Iterator

from ..access.markings import EffectiveMarking, rank
from ..diagnostics import Diagnostic, suggest
from ..model import Catalogue, Marking, Path
from .base import at


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
    catalogue: Catalogue, file: str, path: Path, own: Marking, effective: EffectiveMarking
) -> Iterator[Diagnostic]:
    """Check the marking written at ``path`` (``own``) and what it makes of the inherited one.

    A problem that needs two parts (a group on the access list and the level, or the caveats)
    is reported where this marking writes one of them, never on a marking that only inherits
    both: the class that wrote them is blamed once, on its own line.
    """
    yield from _check_own_marking(catalogue, file, path, own)
    yield from _check_access_list(catalogue, file, path, own, effective)
    access = catalogue.access
    own_list = bool(own.groups or own.people)
    inherited = "" if own_list else f" (inherited from class {effective.access_from.code})"
    level_rank = rank(effective.level, access)
    if level_rank == 0 and effective.has_access_list and (own_list or own.level is not None):
        yield at(
            catalogue,
            file,
            (*path, "access") if own_list else (*path, "level"),
            "access-list-ignored",
            f"'{effective.level}' is the lowest level, which anyone may see, so the access list"
            f"{inherited} restricts nothing; raise the level or remove the access list",
            warn=True,
        )


def _check_own_marking(catalogue: Catalogue, file: str, path: Path, own: Marking) -> Iterator[Diagnostic]:
    """The level and caveats this marking writes itself."""
    access = catalogue.access
    if own.level is not None and own.level not in access.levels:
        yield at(
            catalogue,
            file,
            (*path, "level"),
            "unknown-level",
            f"security level '{own.level}' is not one of: {', '.join(access.levels)}"
            f"{suggest(own.level, access.levels)}",
        )
    for index, caveat in enumerate(own.caveats):
        if caveat not in access.caveats:
            yield at(
                catalogue,
                file,
                (*path, "caveats", index),
                "unknown-caveat",
                f"caveat '{caveat}' is not listed in {access.file}{suggest(caveat, access.caveats)}",
            )


def _check_access_list(
    catalogue: Catalogue, file: str, path: Path, own: Marking, effective: EffectiveMarking
) -> Iterator[Diagnostic]:
    """Each group on the effective access list: known, cleared to the level, holding the caveats."""
    access = catalogue.access
    own_list = bool(own.groups or own.people)
    inherited = "" if own_list else f" (inherited from class {effective.access_from.code})"
    level_rank = rank(effective.level, access)
    carried = f" (inherited from class {effective.caveats_from.code})" if not own.caveats else ""
    for index, name in enumerate(effective.groups):
        group = access.groups.get(name)
        where = (*path, "access", "groups", index)
        if group is None:
            if own_list:
                yield at(
                    catalogue,
                    file,
                    where,
                    "unknown-group",
                    f"access group '{name}' is not in {access.file}{suggest(name, access.groups)}",
                )
            continue
        clearance = rank(group.clearance, access)
        if (
            (own_list or own.level is not None)
            and level_rank is not None
            and clearance is not None
            and clearance < level_rank
        ):
            yield at(
                catalogue,
                file,
                where if own_list else (*path, "level"),
                "access-not-cleared",
                f"group '{name}'{inherited} is cleared to '{group.clearance}' only, below the record's "
                f"level '{effective.level}'; raise its clearance or remove it from the access list",
            )
        missing = [c for c in effective.caveats if c in access.caveats and c not in group.caveats]
        if missing and (own_list or own.caveats):
            yield at(
                catalogue,
                file,
                where if own_list else (*path, "caveats", own.caveats.index(missing[0])),
                "access-missing-caveat",
                f"group '{name}'{inherited} does not hold {_caveats(missing)}{carried}, so the "
                f"access list gives it nothing; give the group the caveat in {access.file} or "
                "remove it from the access list",
            )


def _caveats(names: list[str]) -> str:
    quoted = [f"'{name}'" for name in names]
    return f"caveat {quoted[0]}" if len(quoted) == 1 else f"caveats {', '.join(quoted)}"
