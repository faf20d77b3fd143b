"""The charge-out register for physical files: who has a file, since when, until when.

A charged-out file carries ``charge_out: {to, since, due}``; returning it moves the loan,
with the day it came back, to the end of its ``charge_history:`` list (the register's history). Only paper and hybrid records can
be charged out: an electronic record is never away from its system. ``fonds due`` lists a
file not returned by its due date (``iter_overdue``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..access.markings import effective_marking, person_decision
from ..diagnostics import Diagnostic
from ..model import Catalogue, ChargeOut, Record
from .files import FileChange
from .plan import (
    Plan,
    RequestError,
    charged_out,
    check_values,
    edit_file,
    ended,
    file_errors,
    refusal,
    refused,
    select_records,
)
from .yaml_edit import RemoveKey, SetKey

CHARGE_OUT_AFTER = ("location", "uri", "extent", "format")


def _finish(
    catalogue: Catalogue, root: Path, record: Record, subject: str, *edits: SetKey | RemoveKey
) -> Plan:
    change = edit_file(catalogue, root, record.file, list(edits), "record")
    if not isinstance(change, FileChange):
        return refused(subject, [change])
    return Plan(subject, (change,), details=(f"- {record.id}: {record.title}",))


def _not_cleared(catalogue: Catalogue, record: Record, to: str) -> list[Diagnostic]:
    """A refusal when ``to`` may not see ``record`` (the rule of ``fonds access who``)."""
    grant = person_decision(to, effective_marking(record, catalogue), catalogue.access)
    if grant.allowed:
        return []
    return [
        refusal(
            catalogue,
            record.file,
            ("security",) if record.security is not None else ("class",),
            "not-cleared",
            f"{record.id} cannot be charged out to {to}: {to} {grant.reason}. Charge it out to "
            f"someone who may see it (fonds access who {record.id})",
        )
    ]


@dataclass(frozen=True, slots=True)
class CheckoutRequest:
    """``fonds checkout RECORD --to PERSON --due DATE [--date DAY]``."""

    record_id: str
    to: str
    due: date
    on: date


@dataclass(frozen=True, slots=True)
class ReturnRequest:
    """``fonds return RECORD [--date DAY]``."""

    record_id: str
    on: date


def plan_checkout(
    catalogue: Catalogue, problems: Sequence[Diagnostic], root: Path, request: CheckoutRequest
) -> Plan:
    """Charge the record out to ``to`` from ``on`` until ``due``, or the refusals."""
    record_id, to, due, on = request.record_id, request.to, request.due, request.on
    if due < on:
        raise RequestError(f"--due {due.isoformat()} is before the checkout date {on.isoformat()}")
    check_values(("--to", "person", to))
    subject = f"Charge out {record_id} to {to} until {due.isoformat()}"
    records, refusals = select_records(catalogue, [record_id])
    for record in records:
        refusals += file_errors(problems, [record.file])
        refusals += [
            found
            for found in (
                ended(catalogue, record),
                charged_out(catalogue, record, "charged out again"),
                refusal(
                    catalogue,
                    record.file,
                    ("format",),
                    "not-physical",
                    f"{record.id} is an electronic record: there is no physical file to charge out",
                )
                if record.format == "electronic"
                else None,
            )
            if found is not None
        ]
        refusals += _not_cleared(catalogue, record, to)
        last = max((loan.returned for loan in record.charge_history if loan.returned), default=None)
        if last is not None and on < last:
            refusals.append(
                refusal(
                    catalogue,
                    record.file,
                    ("charge_history",),
                    "date-order",
                    f"{record.id} came back from its last loan on {last.isoformat()}; it cannot "
                    f"leave again on {on.isoformat()}, before that",
                )
            )
    if refusals:
        return refused(subject, refusals)
    [record] = records
    charge = {"to": to, "since": on, "due": due}
    return _finish(catalogue, root, record, subject, SetKey(("charge_out",), charge, after=CHARGE_OUT_AFTER))


def plan_return(
    catalogue: Catalogue, problems: Sequence[Diagnostic], root: Path, request: ReturnRequest
) -> Plan:
    """Record that the record came back on ``on``, or the refusals."""
    record_id, on = request.record_id, request.on
    subject = f"Return {record_id}"
    records, refusals = select_records(catalogue, [record_id])
    for record in records:
        refusals += file_errors(problems, [record.file])
        charge = record.charge_out
        if charge is None:
            refusals.append(
                refusal(
                    catalogue,
                    record.file,
                    ("id",),
                    "not-charged-out",
                    f"{record.id} is not charged out; there is nothing to return",
                )
            )
        elif charge.since is not None and on < charge.since:
            refusals.append(
                refusal(
                    catalogue,
                    record.file,
                    ("charge_out", "since"),
                    "date-order",
                    f"{record.id} was charged out on {charge.since.isoformat()}; it cannot come "
                    f"back on {on.isoformat()}, before that",
                )
            )
        else:
            since = charge.since.isoformat() if charge.since else "?"
            subject = f"Return {record.id} from {charge.to} (charged out {since}) on {on.isoformat()}"
    if refusals:
        return refused(subject, refusals)
    [record] = records
    return _finish(catalogue, root, record, subject, *_returned(record, on))


def _returned(record: Record, on: date) -> tuple[SetKey, RemoveKey]:
    """The edits of a return: the loan appended to ``charge_history``, ``charge_out`` removed."""
    charge = record.charge_out
    assert charge is not None
    loans = [*record.charge_history, ChargeOut(charge.to, charge.since, charge.due, on)]
    history = [
        {"to": loan.to, "since": loan.since}
        | ({"due": loan.due} if loan.due else {})
        | {"returned": loan.returned}
        for loan in loans
    ]
    after = ("charge_out", *CHARGE_OUT_AFTER)
    return SetKey(("charge_history",), history, after=after), RemoveKey(("charge_out",))
