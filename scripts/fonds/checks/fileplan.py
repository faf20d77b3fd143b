"""The file plan: class hierarchy, and the one schedule item each class uses."""

from __future__ import annotations

from collections.abc import Iterator

from ..access.markings import class_marking
from ..diagnostics import Diagnostic, suggest
from ..hierarchy import find_cycles
from ..model import Catalogue, Path
from .access import check_marking
from .base import at, too_deep


def check_file_plan(catalogue: Catalogue) -> Iterator[Diagnostic]:
    children = catalogue.children()
    access_known = "access" not in catalogue.unavailable
    for cls in catalogue.classes.values():
        if cls.parent is not None and cls.parent not in catalogue.classes:
            yield at(
                catalogue,
                cls.file,
                (*cls.path, "parent"),
                "unknown-parent",
                f"class '{cls.code}' names parent '{cls.parent}', which is not in the file plan",
            )
        if cls.retention is None:
            if cls.code not in children:
                yield at(
                    catalogue,
                    cls.file,
                    cls.path,
                    "class-without-rule",
                    f"class '{cls.code}' has no sub-classes and no 'retention' item, so no record "
                    "can be filed in it",
                    warn=True,
                )
        else:
            yield from check_class_item(
                catalogue, cls.file, (*cls.path, "retention"), cls.code, cls.retention
            )
        if access_known and cls.owner is not None and cls.owner not in catalogue.access.groups:
            yield at(
                catalogue,
                cls.file,
                (*cls.path, "owner"),
                "unknown-group",
                f"class '{cls.code}' is owned by group '{cls.owner}', which is not in "
                f"{catalogue.access.file}{suggest(cls.owner, catalogue.access.groups)}",
            )
        if access_known and cls.security is not None:
            marking = class_marking(cls.code, catalogue)
            yield from check_marking(catalogue, cls.file, (*cls.path, "security"), cls.security, marking)
    parents = {code: [parent] for code, parent in catalogue.class_parents.items() if parent is not None}
    yield from too_deep(
        catalogue,
        catalogue.classes,
        catalogue.class_parents,
        "class",
        "attach it, and the classes below it, higher up in the file plan",
    )
    for cycle in find_cycles(parents):
        first = catalogue.classes[cycle[0]]
        yield at(
            catalogue,
            first.file,
            (*first.path, "parent"),
            "hierarchy-cycle",
            f"classes {' -> '.join((*cycle, cycle[0]))} are each other's parents in a loop",
        )


def check_class_item(
    catalogue: Catalogue, file: str, path: Path, code: str, ref: str
) -> Iterator[Diagnostic]:
    item = catalogue.items.get(ref)
    if item is None:
        yield at(
            catalogue,
            file,
            path,
            "unknown-schedule-item",
            f"class '{code}' uses schedule item '{ref}', which is not in any schedule in schedules/",
        )
        return
    if item.superseded_by is not None:
        yield at(
            catalogue,
            file,
            path,
            "superseded-item",
            f"class '{code}' uses schedule item '{ref}', which is superseded by "
            f"'{item.superseded_by}'; {_filed(catalogue, code)} under the old item: point the class "
            "at the successor",
            warn=True,
        )
    if not item.rule.implementable:
        yield at(
            catalogue,
            file,
            path,
            "rule-not-implementable",
            f"class '{code}' uses schedule item '{ref}', whose retention cannot be computed "
            f"({item.rule.note or 'no fixed period'}); use an item with a fixed rule or "
            "override it on the records",
        )


def _filed(catalogue: Catalogue, code: str) -> str:
    count = sum(1 for record in catalogue.records.values() if record.class_code == code)
    return f"{count} record{'' if count == 1 else 's'} {'is' if count == 1 else 'are'} still retained"
