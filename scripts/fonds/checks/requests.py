"""Requests: file named for the id, dates in order, records and charge-outs named exist."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import PurePosixPath

from ..access.markings import rank
from ..diagnostics import Diagnostic
from ..model import Catalogue, Request
from .base import at


def check_requests(catalogue: Catalogue) -> Iterator[Diagnostic]:
    level = catalogue.config.requests.level
    if level is not None and "access" not in catalogue.unavailable and rank(level, catalogue.access) is None:
        yield at(
            catalogue,
            catalogue.config.file,
            ("requests", "level"),
            "unknown-level",
            f"requests: level {level} is not one of the levels in {catalogue.access.file}: "
            f"{', '.join(catalogue.access.levels)} (requests are then hidden from every audience)",
        )
    for request in catalogue.requests.values():
        yield from _one(catalogue, request)


def _one(catalogue: Catalogue, request: Request) -> Iterator[Diagnostic]:
    file = request.file
    stem = PurePosixPath(file).stem
    if stem != request.id:
        yield at(
            catalogue,
            file,
            ("id",),
            "id-mismatch",
            f"the request's id is '{request.id}' but the file is named '{stem}'; rename the file "
            f"to {request.id}.yml",
        )
    yield from _dates(catalogue, request)
    marking = request.security
    if marking is not None and marking.level is not None and "access" not in catalogue.unavailable:
        if rank(marking.level, catalogue.access) is None:
            yield at(
                catalogue,
                file,
                ("security", "level"),
                "unknown-level",
                f"level {marking.level} is not one of the levels in {catalogue.access.file}: "
                f"{', '.join(catalogue.access.levels)} (the request is hidden from every audience)",
            )
        unknown = sorted(set(marking.caveats) - set(catalogue.access.caveats))
        if unknown:
            yield at(
                catalogue,
                file,
                ("security", "caveats"),
                "unknown-caveat",
                f"caveat {', '.join(unknown)} is not listed in {catalogue.access.file}",
            )
    known = catalogue.records.keys() | catalogue.record_files
    for key, ids in (("found", request.found), ("supplied", request.supplied)):
        for index, record_id in enumerate(ids):
            if record_id not in known:
                yield at(
                    catalogue,
                    file,
                    (key, index),
                    "unknown-record",
                    f"the request names record '{record_id}' under {key}, which is not in the catalogue",
                )
    for index in range(len(request.charge_outs)):
        yield from _charge(catalogue, request, index)


def _dates(catalogue: Catalogue, request: Request) -> Iterator[Diagnostic]:
    received = request.received_on
    if request.status == "open" and (request.closed_on is not None or request.outcome):
        yield at(
            catalogue,
            request.file,
            ("closed_on",) if request.closed_on is not None else ("outcome",),
            "request-status",
            "the request is open but has a closed_on or an outcome; write status: closed, or remove them",
        )
    missing = [
        key for key, value in (("closed_on", request.closed_on), ("outcome", request.outcome)) if not value
    ]
    if request.status == "closed" and missing:
        yield at(
            catalogue,
            request.file,
            ("status",),
            "request-status",
            f"the request is closed but has no {' or '.join(missing)}; write the day it was answered "
            "and how it ended (fonds request close REQUEST --outcome ... --date ... does both)",
        )
    for key, value, what in (
        ("closed_on", request.closed_on, "closed"),
        ("deadline", request.deadline, "due"),
    ):
        if received is not None and value is not None and value < received:
            yield at(
                catalogue,
                request.file,
                (key,),
                "date-order",
                f"the request is {what} ({value}) before it was received ({received})",
            )


def _charge(catalogue: Catalogue, request: Request, index: int) -> Iterator[Diagnostic]:
    """A charge-out named by a request is the record's current charge-out or one in its
    ``charge_history`` (when the catalogue keeps one), made on or after receipt."""
    charge = request.charge_outs[index]
    path = ("charge_outs", index)
    record = catalogue.records.get(charge.record)
    if record is None:
        if charge.record not in catalogue.record_files:
            yield at(
                catalogue,
                request.file,
                (*path, "record"),
                "unknown-record",
                f"the request names a charge-out of record '{charge.record}', which is not in the catalogue",
            )
        return
    if request.received_on and charge.since and charge.since < request.received_on:
        yield at(
            catalogue,
            request.file,
            (*path, "since"),
            "date-order",
            f"the charge-out of {charge.record} ({charge.since}) is before the request was "
            f"received ({request.received_on})",
        )
    if record.format == "electronic":
        yield at(
            catalogue,
            request.file,
            (*path, "record"),
            "unknown-charge-out",
            f"{charge.record} is an electronic record: it is never charged out (name it under supplied)",
        )
        return
    known = charge_dates(record)
    if known is not None and charge.since not in known:
        listed = ", ".join(sorted(d.isoformat() for d in known)) or "none"
        yield at(
            catalogue,
            request.file,
            (*path, "since"),
            "unknown-charge-out",
            f"{charge.record} was not charged out on {charge.since} (its charge-outs: {listed}); "
            "name the day it left (fonds checkout)",
        )


def charge_dates(record: object) -> frozenset[date] | None:
    """The days a record was charged out, or None when the catalogue cannot tell: a returned
    charge-out leaves no trace in the record unless it keeps a ``charge_history``."""
    history = getattr(record, "charge_history", None)
    current = getattr(record, "charge_out", None)
    if history is None:
        return None
    days = {since for entry in history if isinstance(since := getattr(entry, "since", None), date)}
    if current is not None:
        days.add(current.since)
    return frozenset(days)
