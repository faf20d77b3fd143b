"""Records: identity, classification, places, relations, status and markings.

Each per-record rule is one function ``(catalogue, record, context) -> Iterator[Diagnostic]``,
and ``RECORD_CHECKS`` lists them in the order their findings are reported. ``RecordContext``
holds what is worked out once for the whole catalogue (the id pattern, the known record names,
the class tree, the effective markings), so a rule never recomputes it per record.

To add a per-record check:

1. write ``def _check_<rule>(catalogue, record, context)`` here, yielding ``at(...)``
   diagnostics (``warn=True`` for a warning); stay silent when a shared file it depends on is
   in ``catalogue.unavailable``;
2. add it to ``RECORD_CHECKS``;
3. give its code a sentence in ``diagnostics.CODES`` and ``docs/diagnostics.md``, and a case in
   ``tests/cases/`` (``tests/unit/test_record_checks.py`` fails on an undocumented code).

A check that spans several records (a loop of relations) is a whole-catalogue check instead:
see ``_relation_cycles`` and ``checks.CHECKS``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator, Mapping, Set
from dataclasses import dataclass
from typing import Any

from ..access.markings import EffectiveMarking, effective_markings
from ..diagnostics import Diagnostic, suggest
from ..hierarchy import find_cycles
from ..model import END_STATUSES, Catalogue, Record
from ..reading.patterns import PatternError, compile_pattern
from .access import check_marking
from .base import at, declared_events
from .dates import check_record_dates
from .schedules import rule_problems


@dataclass(frozen=True, slots=True)
class RecordContext:
    """What every per-record check may need, computed once per catalogue."""

    pattern: Any
    """The compiled id pattern, or None (none set, or reported against fonds.yml)."""
    known: Set[str]
    """Record ids and record file names: a relation to any of them is not unknown."""
    children: Mapping[str, tuple[str, ...]]
    markings: Mapping[str, EffectiveMarking]


RecordCheck = Callable[[Catalogue, Record, RecordContext], Iterator[Diagnostic]]


def record_context(catalogue: Catalogue) -> RecordContext:
    config = catalogue.config
    try:
        pattern = compile_pattern(config.id_pattern) if config.id_pattern else None
    except PatternError:
        pattern = None  # reported against fonds.yml by check_config
    return RecordContext(
        pattern=pattern,
        known=catalogue.records.keys() | catalogue.record_files,
        children=catalogue.children(),
        markings=effective_markings(catalogue),
    )


def _check_id(catalogue: Catalogue, record: Record, context: RecordContext) -> Iterator[Diagnostic]:
    stem = posixpath.splitext(posixpath.basename(record.file))[0]  # the name of a .yml file, less .yml
    if stem != record.id:
        yield at(
            catalogue,
            record.file,
            ("id",),
            "id-mismatch",
            f"the record's id is '{record.id}' but the file is named '{stem}'; "
            f"rename the file to {record.id}.yml (or correct the id)",
        )
    if context.pattern is not None and not context.pattern.fullmatch(record.id):
        yield at(
            catalogue,
            record.file,
            ("id",),
            "id-pattern",
            f"record id '{record.id}' does not follow the catalogue's id pattern "
            f"{catalogue.config.id_pattern}",
        )


def _check_class(catalogue: Catalogue, record: Record, context: RecordContext) -> Iterator[Diagnostic]:
    if "file-plan" in catalogue.unavailable or record.class_code is None:
        return
    cls = catalogue.classes.get(record.class_code)
    if cls is None:
        yield at(
            catalogue,
            record.file,
            ("class",),
            "unknown-class",
            f"class '{record.class_code}' is not in the file plan",
        )
    elif cls.retention is None and record.override is None:
        advice = (
            "file the record in one of its sub-classes"
            if cls.code in context.children
            else "give the class a 'retention' item in the file plan first"
        )
        yield at(
            catalogue,
            record.file,
            ("class",),
            "class-not-assignable",
            f"class '{cls.code}' ({cls.title}) has no retention rule; {advice}",
        )


def _check_department(catalogue: Catalogue, record: Record, context: RecordContext) -> Iterator[Diagnostic]:
    departments = catalogue.config.departments
    if "config" in catalogue.unavailable or record.department is None or record.department in departments:
        return
    yield at(
        catalogue,
        record.file,
        ("department",),
        "unknown-department",
        f"department '{record.department}' is not listed under 'departments' in fonds.yml"
        f"{suggest(record.department, departments)}",
    )


def _check_location(catalogue: Catalogue, record: Record, context: RecordContext) -> Iterator[Diagnostic]:
    if (
        "locations" not in catalogue.unavailable
        and record.location is not None
        and record.location not in catalogue.locations
    ):
        yield at(
            catalogue,
            record.file,
            ("location",),
            "unknown-location",
            f"location '{record.location}' is not in catalogue/locations.yml",
        )
    paper = record.format in ("paper", "hybrid")
    if record.status not in END_STATUSES and record.location is None and (paper or record.uri is None):
        message = (
            "the record has no 'location', so nobody could find it; add the box, shelf or room it is kept in"
            if paper
            else "the record has neither a 'location' nor a 'uri', so nobody could find it; add one"
        )
        yield at(catalogue, record.file, ("location",), "missing-location", message, warn=True)


def _check_closed(catalogue: Catalogue, record: Record, context: RecordContext) -> Iterator[Diagnostic]:
    if record.created is not None and record.closed is not None and record.closed < record.created:
        yield at(
            catalogue,
            record.file,
            ("dates", "closed"),
            "date-order",
            f"the file is closed ({record.closed}) before it was created ({record.created})",
        )


def _check_events(catalogue: Catalogue, record: Record, context: RecordContext) -> Iterator[Diagnostic]:
    if "config" in catalogue.unavailable:
        return
    events = catalogue.config.events
    for name in record.events:
        if name not in events:
            yield at(
                catalogue,
                record.file,
                ("events", name),
                "unknown-event",
                f"event '{name}' is not declared under 'events' in fonds.yml{suggest(name, events)}",
            )


def _check_relations(catalogue: Catalogue, record: Record, context: RecordContext) -> Iterator[Diagnostic]:
    for index, relation in enumerate(record.relations):
        if relation.target == record.id:
            yield at(
                catalogue,
                record.file,
                ("relations", index, "target"),
                "self-relation",
                f"this record is related to itself ({relation.type} '{relation.target}'); "
                "name the other record, or remove the relation",
            )
        elif relation.target not in context.known:
            yield at(
                catalogue,
                record.file,
                ("relations", index, "target"),
                "unknown-record",
                f"this record {relation.type} '{relation.target}', which is not in the catalogue",
            )


def _check_status(catalogue: Catalogue, record: Record, context: RecordContext) -> Iterator[Diagnostic]:
    disposition = record.disposition
    if disposition is None:
        if record.status in END_STATUSES:
            yield at(
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
        yield at(
            catalogue,
            record.file,
            ("status",) if record.status != "active" else ("disposition",),
            "status-disposition",
            f"the disposition says '{disposition.action}' but the status is '{record.status}'; "
            f"a record whose disposition is '{disposition.action}' has status '{expected}'",
        )
    if disposition.date is not None and record.created is not None and disposition.date < record.created:
        yield at(
            catalogue,
            record.file,
            ("disposition", "date"),
            "date-order",
            f"the disposition date {disposition.date} is before the record was created ({record.created})",
        )


def _check_dates(catalogue: Catalogue, record: Record, context: RecordContext) -> Iterator[Diagnostic]:
    return check_record_dates(catalogue, record)


def _check_security(catalogue: Catalogue, record: Record, context: RecordContext) -> Iterator[Diagnostic]:
    if record.security is not None and "access" not in catalogue.unavailable:
        marking = context.markings[record.id]
        yield from check_marking(catalogue, record.file, ("security",), record.security, marking)


def _check_override(catalogue: Catalogue, record: Record, context: RecordContext) -> Iterator[Diagnostic]:
    if record.override is not None:
        for path, code, message in rule_problems(record.override.rule, declared_events(catalogue)):
            yield at(catalogue, record.file, ("retention_override", "rule", *path), code, message)


def _check_loans(catalogue: Catalogue, record: Record, context: RecordContext) -> Iterator[Diagnostic]:
    """Each finished loan came back after it left, and after the loan before it came back; the
    current loan began after the last one ended."""
    previous = None
    for index, loan in enumerate(record.charge_history):
        if loan.since is not None and loan.returned is not None and loan.returned < loan.since:
            yield at(
                catalogue,
                record.file,
                ("charge_history", index, "returned"),
                "date-order",
                f"the file came back on {loan.returned} before it was charged out to {loan.to} on {loan.since}",
            )
        if previous is not None and loan.since is not None and loan.since < previous:
            yield at(
                catalogue,
                record.file,
                ("charge_history", index, "since"),
                "date-order",
                f"this loan to {loan.to} began on {loan.since}, before the loan above it ended "
                f"({previous}): keep charge_history oldest first, one loan at a time",
            )
        previous = loan.returned or previous
    charge = record.charge_out
    if charge is not None and charge.since is not None and previous is not None and charge.since < previous:
        yield at(
            catalogue,
            record.file,
            ("charge_out", "since"),
            "date-order",
            f"the file was charged out to {charge.to} on {charge.since}, before its last loan ended ({previous})",
        )


RECORD_CHECKS: tuple[RecordCheck, ...] = (
    _check_id,
    _check_class,
    _check_department,
    _check_location,
    _check_closed,
    _check_events,
    _check_relations,
    _check_status,
    _check_dates,
    _check_loans,
    _check_security,
    _check_override,
)
"""Every per-record rule, in the order its findings are listed for one record."""


def check_records(catalogue: Catalogue) -> Iterator[Diagnostic]:
    context = record_context(catalogue)
    for record in catalogue.records.values():
        for check in RECORD_CHECKS:
            yield from check(catalogue, record, context)
    yield from _relation_cycles(catalogue)


def _relation_cycles(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for relation_type in ("supersedes", "part-of"):
        edges = {
            record.id: [
                r.target for r in record.relations if r.type == relation_type and r.target != record.id
            ]
            for record in catalogue.records.values()
        }
        for cycle in find_cycles(edges):
            first = catalogue.records[cycle[0]]
            index = next(
                i for i, r in enumerate(first.relations) if r.type == relation_type and r.target in cycle
            )
            chain = f" {relation_type} ".join((*cycle, cycle[0]))
            yield at(
                catalogue,
                first.file,
                ("relations", index, "target"),
                "relation-cycle",
                f"records loop back on themselves: {chain}",
            )
