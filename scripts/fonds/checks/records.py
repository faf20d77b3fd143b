"""Records: identity, classification, places, relations, status and markings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from ..access.markings import effective_markings
from ..diagnostics import Diagnostic
from ..hierarchy import find_cycles
from ..model import END_STATUSES, Catalogue, Record
from ..reading.patterns import PatternError, compile_pattern
from .access import check_marking
from .base import at, declared_events, suggest
from .dates import check_record_dates
from .schedules import rule_problems


def check_records(catalogue: Catalogue) -> Iterator[Diagnostic]:
    config = catalogue.config
    try:
        pattern = compile_pattern(config.id_pattern) if config.id_pattern else None
    except PatternError:
        pattern = None  # reported against fonds.yml by check_config
    known = catalogue.records.keys() | catalogue.record_files
    unavailable = catalogue.unavailable
    children = catalogue.children()
    markings = effective_markings(catalogue)
    for record in catalogue.records.values():
        file = record.file
        stem = PurePosixPath(file).stem
        if stem != record.id:
            yield at(
                catalogue,
                file,
                ("id",),
                "id-mismatch",
                f"the record's id is '{record.id}' but the file is named '{stem}'; "
                f"rename the file to {record.id}.yml (or correct the id)",
            )
        if pattern is not None and not pattern.fullmatch(record.id):
            yield at(
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
            yield at(
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
            yield at(
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
            yield at(
                catalogue,
                file,
                ("department",),
                "unknown-department",
                f"department '{record.department}' is not listed under 'departments' in fonds.yml"
                f"{suggest(record.department, config.departments)}",
            )
        if (
            "locations" not in unavailable
            and record.location is not None
            and record.location not in catalogue.locations
        ):
            yield at(
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
            yield at(catalogue, file, ("location",), "missing-location", message, warn=True)
        if record.created is not None and record.closed is not None and record.closed < record.created:
            yield at(
                catalogue,
                file,
                ("dates", "closed"),
                "date-order",
                f"the file is closed ({record.closed}) before it was created ({record.created})",
            )
        if "config" not in unavailable:
            for name in record.events:
                if name not in config.events:
                    yield at(
                        catalogue,
                        file,
                        ("events", name),
                        "unknown-event",
                        f"event '{name}' is not declared under 'events' in fonds.yml"
                        f"{suggest(name, config.events)}",
                    )
        for index, relation in enumerate(record.relations):
            if relation.target == record.id:
                yield at(
                    catalogue,
                    file,
                    ("relations", index, "target"),
                    "self-relation",
                    f"this record is related to itself ({relation.type} '{relation.target}'); "
                    "name the other record, or remove the relation",
                )
            elif relation.target not in known:
                yield at(
                    catalogue,
                    file,
                    ("relations", index, "target"),
                    "unknown-record",
                    f"this record {relation.type} '{relation.target}', which is not in the catalogue",
                )
        yield from _check_status(catalogue, record)
        yield from check_record_dates(catalogue, record)
        yield from _check_loans(catalogue, record)
        if record.security is not None and "access" not in unavailable:
            marking = markings[record.id]
            yield from check_marking(catalogue, file, ("security",), record.security, marking)
        if record.override is not None:
            for path, code, message in rule_problems(record.override.rule, declared_events(catalogue)):
                yield at(catalogue, file, ("retention_override", "rule", *path), code, message)
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


def _check_status(catalogue: Catalogue, record: Record) -> Iterator[Diagnostic]:
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


def _check_loans(catalogue: Catalogue, record: Record) -> Iterator[Diagnostic]:
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
