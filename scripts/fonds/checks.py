"""Whole-catalogue checks: everything the schema cannot see because it spans files.

``check_catalogue`` returns diagnostics and never raises; each check is a small function
over the model, so a new rule is a new function added to ``CHECKS``.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import PurePosixPath

from .diagnostics import Diagnostic, error, sort_diagnostics, warning
from .hierarchy import find_cycles
from .holds import iter_covered
from .loader import Progress, load_catalogue
from .model import END_STATUSES, Catalogue, Marking, Record, Rule
from .yamlfile import Path

Check = Callable[[Catalogue], Iterator[Diagnostic]]


def _suggest(word: str, choices: Iterable[str]) -> str:
    """A did-you-mean for names (departments, groups, events), never for codes such as
    FIN-01 or BOX-12, where the nearest spelling is a different class or box."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _at(
    catalogue: Catalogue, file: str, path: Path, code: str, message: str, *, warn: bool = False
) -> Diagnostic:
    line, column = catalogue.where(file, path)
    make = warning if warn else error
    return make(file, line, column, code, message, ".".join(str(p) for p in path))


def check_config(catalogue: Catalogue) -> Iterator[Diagnostic]:
    pattern = catalogue.config.id_pattern
    if pattern is not None:
        try:
            re.compile(pattern)
        except re.error as exc:
            yield _at(
                catalogue,
                catalogue.config.file,
                ("id_pattern",),
                "config",
                f"'id_pattern' is not a valid regular expression: {exc}",
            )


def check_access(catalogue: Catalogue) -> Iterator[Diagnostic]:
    access = catalogue.access
    if "access" in catalogue.unavailable:
        return
    for group in access.groups.values():
        if group.clearance and group.clearance not in access.levels:
            yield _at(
                catalogue,
                access.file,
                (*group.path, "clearance"),
                "unknown-level",
                f"group '{group.id}' has clearance '{group.clearance}', which is not one of the "
                f"levels: {', '.join(access.levels)}",
            )
        for index, caveat in enumerate(group.caveats):
            if caveat not in access.caveats:
                yield _at(
                    catalogue,
                    access.file,
                    (*group.path, "caveats", index),
                    "unknown-caveat",
                    f"group '{group.id}' holds caveat '{caveat}', which is not listed under 'caveats'",
                )


def check_file_plan(catalogue: Catalogue) -> Iterator[Diagnostic]:
    children = catalogue.children()
    access_known = "access" not in catalogue.unavailable
    for cls in catalogue.classes.values():
        if cls.parent is not None and cls.parent not in catalogue.classes:
            yield _at(
                catalogue,
                cls.file,
                (*cls.path, "parent"),
                "unknown-parent",
                f"class '{cls.code}' names parent '{cls.parent}', which is not in the file plan",
            )
        if cls.retention is None:
            if cls.code not in children:
                yield _at(
                    catalogue,
                    cls.file,
                    cls.path,
                    "class-without-rule",
                    f"class '{cls.code}' has no sub-classes and no 'retention' item, so no record "
                    "can be filed in it",
                    warn=True,
                )
        else:
            yield from _check_class_item(
                catalogue, cls.file, (*cls.path, "retention"), cls.code, cls.retention
            )
        if access_known and cls.owner is not None and cls.owner not in catalogue.access.groups:
            yield _at(
                catalogue,
                cls.file,
                (*cls.path, "owner"),
                "unknown-group",
                f"class '{cls.code}' is owned by group '{cls.owner}', which is not in "
                f"{catalogue.access.file}{_suggest(cls.owner, catalogue.access.groups)}",
            )
        if access_known and cls.security is not None:
            yield from _check_marking(catalogue, cls.file, (*cls.path, "security"), cls.security, None)
    parents = {code: [cls.parent] for code, cls in catalogue.classes.items() if cls.parent is not None}
    for cycle in find_cycles(parents):
        first = catalogue.classes[cycle[0]]
        yield _at(
            catalogue,
            first.file,
            (*first.path, "parent"),
            "hierarchy-cycle",
            f"classes {' -> '.join((*cycle, cycle[0]))} are each other's parents in a loop",
        )


def _check_class_item(
    catalogue: Catalogue, file: str, path: Path, code: str, ref: str
) -> Iterator[Diagnostic]:
    item = catalogue.items.get(ref)
    if item is None:
        yield _at(
            catalogue,
            file,
            path,
            "unknown-schedule-item",
            f"class '{code}' uses schedule item '{ref}', which is not in any schedule in schedules/",
        )
        return
    if item.superseded_by is not None:
        yield _at(
            catalogue,
            file,
            path,
            "superseded-item",
            f"class '{code}' uses schedule item '{ref}', which is superseded by "
            f"'{item.superseded_by}'; reclassify under the successor",
            warn=True,
        )
    if not item.rule.implementable:
        yield _at(
            catalogue,
            file,
            path,
            "rule-not-implementable",
            f"class '{code}' uses schedule item '{ref}', whose retention cannot be computed "
            f"({item.rule.note or 'no fixed period'}); use an item with a fixed rule or "
            "override it on the records",
        )


def rule_problems(rule: Rule, events: Mapping[str, str] | None) -> Iterator[tuple[Path, str, str]]:
    """What makes a rule impossible to compute, as (path inside the rule, code, message).

    ``events`` is None when fonds.yml could not be read, so events cannot be judged.
    """
    if rule.final_action is None or not rule.implementable:
        return
    if events is not None and rule.event is not None and rule.event not in events:
        yield (
            ("event",),
            "unknown-event",
            (
                f"the rule names event '{rule.event}', which fonds.yml does not declare under 'events'"
                f"{_suggest(rule.event, events)}"
            ),
        )
    if rule.retain is not None and (rule.active is not None or rule.semi_active is not None):
        yield (
            ("retain",),
            "rule-incomplete",
            ("give either 'retain' (one period) or 'active'/'semi_active' (phases), not both"),
        )
    if rule.final_action == "permanent":
        return
    if rule.trigger is None:
        yield (), "rule-incomplete", "the rule does not say what starts the clock ('trigger')"
    if rule.retain is None and rule.active is None:
        yield (
            (),
            "rule-incomplete",
            (
                f"the rule does not say how long to keep records before '{rule.final_action}' "
                "('retain', or 'active' and 'semi_active')"
            ),
        )


def check_schedules(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for schedule in catalogue.schedules.values():
        stem = PurePosixPath(schedule.file).stem
        if stem != schedule.id:
            yield _at(
                catalogue,
                schedule.file,
                ("id",),
                "id-mismatch",
                f"the schedule's id is '{schedule.id}' but the file is named '{stem}'; "
                f"rename the file to {schedule.id}.yml",
            )
        for item in schedule.items:
            if item.superseded_by is not None and item.superseded_by not in catalogue.items:
                yield _at(
                    catalogue,
                    item.file,
                    (*item.path, "superseded_by"),
                    "unknown-schedule-item",
                    f"item '{item.ref}' is superseded by '{item.superseded_by}', which is not in "
                    "any schedule",
                )
            for path, code, message in rule_problems(item.rule, _events(catalogue)):
                yield _at(
                    catalogue, item.file, (*item.path, "rule", *path), code, f"item '{item.ref}': {message}"
                )


def _events(catalogue: Catalogue) -> Mapping[str, str] | None:
    return None if "config" in catalogue.unavailable else catalogue.config.events


def check_locations(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for location in catalogue.locations.values():
        if location.parent is not None and location.parent not in catalogue.locations:
            yield _at(
                catalogue,
                location.file,
                (*location.path, "parent"),
                "unknown-parent",
                f"location '{location.id}' is inside '{location.parent}', which is not a location",
            )
    parents = {key: [loc.parent] for key, loc in catalogue.locations.items() if loc.parent is not None}
    for cycle in find_cycles(parents):
        first = catalogue.locations[cycle[0]]
        yield _at(
            catalogue,
            first.file,
            (*first.path, "parent"),
            "hierarchy-cycle",
            f"locations {' -> '.join((*cycle, cycle[0]))} are inside each other in a loop",
        )


def _check_marking(
    catalogue: Catalogue, file: str, path: Path, marking: Marking, inherited_level: str | None
) -> Iterator[Diagnostic]:
    access = catalogue.access
    level = marking.level or inherited_level
    if marking.level is not None and marking.level not in access.levels:
        yield _at(
            catalogue,
            file,
            (*path, "level"),
            "unknown-level",
            f"security level '{marking.level}' is not one of: {', '.join(access.levels)}"
            f"{_suggest(marking.level, access.levels)}",
        )
        level = None
    for index, caveat in enumerate(marking.caveats):
        if caveat not in access.caveats:
            yield _at(
                catalogue,
                file,
                (*path, "caveats", index),
                "unknown-caveat",
                f"caveat '{caveat}' is not listed in {access.file}{_suggest(caveat, access.caveats)}",
            )
    for index, name in enumerate(marking.groups):
        group = access.groups.get(name)
        where = (*path, "access", "groups", index)
        if group is None:
            yield _at(
                catalogue,
                file,
                where,
                "unknown-group",
                f"access group '{name}' is not in {access.file}{_suggest(name, access.groups)}",
            )
        elif (
            level in access.levels
            and group.clearance in access.levels
            and access.levels.index(group.clearance) < access.levels.index(level)
        ):
            yield _at(
                catalogue,
                file,
                where,
                "access-not-cleared",
                f"group '{name}' is cleared to '{group.clearance}' only, below the record's "
                f"level '{level}'; raise its clearance or remove it from the access list",
            )


def check_records(catalogue: Catalogue) -> Iterator[Diagnostic]:
    config = catalogue.config
    try:
        pattern = re.compile(config.id_pattern) if config.id_pattern else None
    except re.error:
        pattern = None
    known = catalogue.records.keys() | catalogue.record_files
    unavailable = catalogue.unavailable
    children = catalogue.children()
    for record in catalogue.records.values():
        file = record.file
        stem = PurePosixPath(file).stem
        if stem != record.id:
            yield _at(
                catalogue,
                file,
                ("id",),
                "id-mismatch",
                f"the record's id is '{record.id}' but the file is named '{stem}'; "
                f"rename the file to {record.id}.yml (or correct the id)",
            )
        if pattern is not None and not pattern.fullmatch(record.id):
            yield _at(
                catalogue,
                file,
                ("id",),
                "id-pattern",
                f"record id '{record.id}' does not follow the catalogue's id pattern {config.id_pattern}",
            )
        cls = catalogue.classes.get(record.class_code) if record.class_code else None
        if "file-plan" in unavailable:
            pass
        elif record.class_code is not None and cls is None:
            yield _at(
                catalogue,
                file,
                ("class",),
                "unknown-class",
                f"class '{record.class_code}' is not in the file plan",
            )
        elif cls is not None and cls.retention is None and record.override is None:
            advice = (
                "file the record in one of its sub-classes"
                if cls.code in children
                else "give the class a 'retention' item in the file plan first"
            )
            yield _at(
                catalogue,
                file,
                ("class",),
                "class-not-assignable",
                f"class '{cls.code}' ({cls.title}) has no retention rule; {advice}",
            )
        if (
            "config" not in unavailable
            and record.department is not None
            and record.department not in config.departments
        ):
            yield _at(
                catalogue,
                file,
                ("department",),
                "unknown-department",
                f"department '{record.department}' is not listed under 'departments' in fonds.yml"
                f"{_suggest(record.department, config.departments)}",
            )
        if (
            "locations" not in unavailable
            and record.location is not None
            and record.location not in catalogue.locations
        ):
            yield _at(
                catalogue,
                file,
                ("location",),
                "unknown-location",
                f"location '{record.location}' is not in catalogue/locations.yml",
            )
        if (
            record.status not in END_STATUSES
            and record.location is None
            and (record.format in ("paper", "hybrid") or record.uri is None)
        ):
            message = (
                "the record has no 'location', so nobody could find it; add the box, shelf or "
                "room it is kept in"
                if record.format in ("paper", "hybrid")
                else "the record has neither a 'location' nor a 'uri', so nobody could find it; add one"
            )
            yield _at(catalogue, file, ("location",), "missing-location", message, warn=True)
        if record.created is not None and record.closed is not None and record.closed < record.created:
            yield _at(
                catalogue,
                file,
                ("dates", "closed"),
                "date-order",
                f"the file is closed ({record.closed}) before it was created ({record.created})",
            )
        if "config" not in unavailable:
            for name in record.events:
                if name not in config.events:
                    yield _at(
                        catalogue,
                        file,
                        ("events", name),
                        "unknown-event",
                        f"event '{name}' is not declared under 'events' in fonds.yml"
                        f"{_suggest(name, config.events)}",
                    )
        for index, relation in enumerate(record.relations):
            if relation.target not in known:
                yield _at(
                    catalogue,
                    file,
                    ("relations", index, "target"),
                    "unknown-record",
                    f"this record {relation.type} '{relation.target}', which is not in the catalogue",
                )
        yield from _check_status(catalogue, record)
        if record.security is not None and "access" not in unavailable:
            inherited = cls.security.level if cls is not None and cls.security is not None else None
            yield from _check_marking(catalogue, file, ("security",), record.security, inherited)
        if record.override is not None:
            for path, code, message in rule_problems(record.override.rule, _events(catalogue)):
                yield _at(catalogue, file, ("retention_override", "rule", *path), code, message)
    yield from _relation_cycles(catalogue)


def _relation_cycles(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for relation_type in ("supersedes", "part-of"):
        edges = {
            record.id: [r.target for r in record.relations if r.type == relation_type]
            for record in catalogue.records.values()
        }
        for cycle in find_cycles(edges):
            first = catalogue.records[cycle[0]]
            index = next(
                i for i, r in enumerate(first.relations) if r.type == relation_type and r.target in cycle
            )
            chain = f" {relation_type} ".join((*cycle, cycle[0]))
            yield _at(
                catalogue,
                first.file,
                ("relations", index, "target"),
                "relation-cycle",
                f"records loop back on themselves: {chain}",
            )


def _check_status(catalogue: Catalogue, record: Record) -> Iterator[Diagnostic]:
    disposition = record.disposition
    if disposition is None:
        if record.status in END_STATUSES:
            yield _at(
                catalogue,
                record.file,
                ("status",),
                "status-disposition",
                f"the record is '{record.status}' but has no 'disposition' block saying when, how "
                "and under which authority; that block is the proof of disposal",
            )
        return
    expected = {"destroy": "destroyed", "transfer": "transferred"}[disposition.action]
    if record.status != expected:
        yield _at(
            catalogue,
            record.file,
            ("status",) if record.status != "active" else ("disposition",),
            "status-disposition",
            f"the disposition says '{disposition.action}' but the status is '{record.status}'; "
            f"a record whose disposition is '{disposition.action}' has status '{expected}'",
        )
    if disposition.date is not None and record.created is not None and disposition.date < record.created:
        yield _at(
            catalogue,
            record.file,
            ("disposition", "date"),
            "date-order",
            f"the disposition date {disposition.date} is before the record was created ({record.created})",
        )


def check_holds(catalogue: Catalogue) -> Iterator[Diagnostic]:
    known = catalogue.records.keys() | catalogue.record_files
    for hold in catalogue.holds.values():
        unknown_targets = False
        stem = PurePosixPath(hold.file).stem
        if stem != hold.id:
            yield _at(
                catalogue,
                hold.file,
                ("id",),
                "id-mismatch",
                f"the hold's id is '{hold.id}' but the file is named '{stem}'; rename the file "
                f"to {hold.id}.yml",
            )
        for index, record_id in enumerate(hold.records):
            if record_id not in known:
                unknown_targets = True
                yield _at(
                    catalogue,
                    hold.file,
                    ("scope", "records", index),
                    "unknown-record",
                    f"the hold names record '{record_id}', which is not in the catalogue",
                )
        for index, scope in enumerate(hold.classes):
            if scope.code not in catalogue.classes and "file-plan" not in catalogue.unavailable:
                unknown_targets = True
                yield _at(
                    catalogue,
                    hold.file,
                    ("scope", "classes", index, "code"),
                    "unknown-class",
                    f"the hold names class '{scope.code}', which is not in the file plan",
                )
        if hold.placed_on and hold.released_on and hold.released_on < hold.placed_on:
            yield _at(
                catalogue,
                hold.file,
                ("released_on",),
                "date-order",
                f"the hold is released ({hold.released_on}) before it was placed ({hold.placed_on})",
            )
        if hold.created_from and hold.created_to and hold.created_to < hold.created_from:
            yield _at(
                catalogue,
                hold.file,
                ("scope", "created", "to"),
                "date-order",
                "the hold's date range ends before it starts",
            )
        elif not unknown_targets and next(iter_covered(hold, catalogue), None) is None:
            yield _at(
                catalogue,
                hold.file,
                ("scope",),
                "hold-empty",
                "the hold's scope matches no record in the catalogue",
                warn=True,
            )


CHECKS: tuple[Check, ...] = (
    check_config,
    check_access,
    check_file_plan,
    check_schedules,
    check_locations,
    check_records,
    check_holds,
)


def check_catalogue(catalogue: Catalogue) -> list[Diagnostic]:
    """Every cross-file problem in the catalogue."""
    return [diagnostic for check in CHECKS for diagnostic in check(catalogue)]


def check_repository(
    root: str | os.PathLike[str], progress: Progress | None = None
) -> tuple[Catalogue, list[Diagnostic]]:
    """Load and check a catalogue: every problem, sorted, each reported once.

    A value the schema already rejected is not blamed a second time by a cross-file check
    (``class: 'FIN,99'`` is a malformed code; saying it is also not in the file plan adds
    nothing). Raises ``ConfigError`` when there is no fonds.yml.
    """
    catalogue, found = load_catalogue(root, progress)
    flagged = {(d.file, d.path) for d in found}
    cross = [d for d in check_catalogue(catalogue) if (d.file, d.path) not in flagged]
    return catalogue, sort_diagnostics([*found, *cross])
