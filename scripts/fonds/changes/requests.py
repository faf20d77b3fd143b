"""Opening, adding to and closing requests in the requests register (catalogue/requests/).

A request is opened by creating its file, numbered REQ-YEAR-NNN by the year it was received;
``add`` lists the records found and supplied and the charge-outs made for it; ``close``
writes ``status: closed``, ``closed_on`` and ``outcome``. Nothing here decides deadlines:
``custody/requests.py`` computes them from fonds.yml.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..custody.requests import deadline
from ..diagnostics import Diagnostic, error
from ..model import Catalogue, Request, RequestCharge
from ..reading.loader import REQUESTS_DIR
from ..reading.schema_files import modeline
from . import yaml_emit as emit
from .files import FileChange
from .plan import (
    Plan,
    check_values,
    edit_file,
    file_errors,
    listed,
    names_in,
    next_number,
    refusal,
    refused,
    select_records,
    validate_text,
)
from .yaml_edit import SetKey

ORDER = ("id", "received_on", "from", "asked", "type", "deadline", "found", "supplied", "charge_outs")


@dataclass(frozen=True, slots=True)
class NewRequest:
    received_on: date
    requester: str
    asked: str
    type: str
    level: str | None = None


def next_request_id(catalogue: Catalogue, root: Path, year: int) -> str:
    taken = [*catalogue.requests, *(n.removesuffix(".yml") for n in names_in(root / REQUESTS_DIR))]
    return f"REQ-{year:04d}-{next_number(f'REQ-{year:04d}', taken):03d}"


def plan_open(catalogue: Catalogue, problems: Sequence[Diagnostic], root: Path, new: NewRequest) -> Plan:
    """The new request file with the next id, or the refusals (``problems`` is not consulted:
    a new file has none)."""
    check_values(("--from", "person", new.requester), ("--asked", "text", new.asked))
    request_id = next_request_id(catalogue, root, new.received_on.year)
    file = f"{REQUESTS_DIR}/{request_id}.yml"
    data: dict[str, Any] = {
        "id": request_id,
        "received_on": new.received_on,
        "from": new.requester,
        "asked": new.asked,
        "type": new.type,
        "status": "open",
    }
    if new.level is not None:
        data["security"] = {"level": new.level}
    text = emit.document(data, header=[modeline(root, "request", file)])
    subject = f"Open request {request_id} from {new.requester}"
    refusals = validate_text(catalogue, file, text, "request")
    if new.level is not None and new.level not in catalogue.access.levels:
        refusals.append(
            error(catalogue.access.file, 0, 0, "unknown-level", f"--level {new.level} is not a level")
        )
    if refusals:
        return refused(subject, refusals)
    due = deadline(
        Request(request_id, new.received_on, new.requester, new.asked, new.type, file),
        catalogue.config.requests,
    )
    details = (f"Asked: {new.asked}", f"Deadline: {due.isoformat() if due else '?'}")
    return Plan(subject, (FileChange(file, None, text),), details=details)


def _request(catalogue: Catalogue, request_id: str) -> Request | Diagnostic:
    check_values(("request", "id", request_id))
    found = catalogue.requests.get(request_id)
    if found is not None:
        return found
    known = listed(sorted(catalogue.requests), 10) or "none"
    return error(
        REQUESTS_DIR, 0, 0, "unknown-request", f"there is no request '{request_id}' (requests: {known})"
    )


def _still_open(catalogue: Catalogue, request: Request, problems: Sequence[Diagnostic]) -> list[Diagnostic]:
    refusals = file_errors(problems, [request.file])
    if request.status == "closed":
        when = request.closed_on.isoformat() if request.closed_on else "?"
        refusals.append(
            refusal(
                catalogue, request.file, ("status",), "request-closed", f"{request.id} was closed on {when}"
            )
        )
    return refusals


@dataclass(frozen=True, slots=True)
class AddRequest:
    """``fonds request add REQUEST [--found ID] [--supplied ID] [--charged ID]``."""

    request_id: str
    found: tuple[str, ...] = ()
    supplied: tuple[str, ...] = ()
    charged: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CloseRequest:
    """``fonds request close REQUEST --outcome TEXT [--date DAY]``."""

    request_id: str
    outcome: str
    on: date


def plan_add(catalogue: Catalogue, problems: Sequence[Diagnostic], root: Path, add: AddRequest) -> Plan:
    """Add records found or supplied, and the current charge-outs of ``charged`` records."""
    request_id, found, supplied, charged = add.request_id, add.found, add.supplied, add.charged
    request = _request(catalogue, request_id)
    subject = f"Add to request {request_id}"
    if not isinstance(request, Request):
        return refused(subject, [request])
    _, refusals = select_records(catalogue, [*found, *supplied, *charged])
    refusals += _still_open(catalogue, request, problems)
    charges = list(request.charge_outs)
    for record_id in sorted(set(charged)):
        record = catalogue.records.get(record_id)
        if record is not None and (record.charge_out is None or record.charge_out.since is None):
            refusals.append(
                refusal(
                    catalogue,
                    record.file,
                    (),
                    "not-charged-out",
                    f"{record_id} is not charged out (fonds checkout first)",
                )
            )
        elif (
            record is not None
            and record.charge_out is not None
            and all(c.record != record_id or c.since != record.charge_out.since for c in charges)
        ):
            charges.append(RequestCharge(record_id, record.charge_out.since))
    if refusals:
        return refused(subject, refusals)
    edits = []
    for key, old, new in (("found", request.found, found), ("supplied", request.supplied, supplied)):
        if new:
            edits.append(SetKey((key,), sorted({*old, *new}), after=_before(key)))
    if charged:
        value = [{"record": c.record, "since": c.since} for c in charges]
        edits.append(SetKey(("charge_outs",), value, after=_before("charge_outs")))
    change = edit_file(catalogue, root, request.file, edits, "request")
    if not isinstance(change, FileChange):
        return refused(subject, [change])
    added = sorted({*found, *supplied, *charged})
    return Plan(f"{subject}: {listed(added)}", (change,), details=tuple(f"- {r}" for r in added))


def _before(key: str) -> tuple[str, ...]:
    """The keys a new ``key`` goes after, nearest first."""
    index = ORDER.index(key)
    return tuple(reversed(ORDER[:index]))


def plan_close(catalogue: Catalogue, problems: Sequence[Diagnostic], root: Path, close: CloseRequest) -> Plan:
    """``status: closed``, ``closed_on`` and ``outcome``, or the refusals."""
    request_id, outcome, on = close.request_id, close.outcome, close.on
    request = _request(catalogue, request_id)
    subject = f"Close request {request_id}: {outcome}"
    if not isinstance(request, Request):
        return refused(subject, [request])
    refusals = _still_open(catalogue, request, problems)
    if request.received_on is not None and on < request.received_on:
        refusals.append(
            refusal(
                catalogue,
                request.file,
                ("received_on",),
                "date-order",
                f"{request_id} was received on {request.received_on}; it cannot be closed on {on}, before that",
            )
        )
    if refusals:
        return refused(subject, refusals)
    edits = [
        SetKey(("status",), "closed"),
        SetKey(("closed_on",), on, after=("status",)),
        SetKey(("outcome",), outcome, after=("closed_on",)),
    ]
    change = edit_file(catalogue, root, request.file, edits, "request")
    if not isinstance(change, FileChange):
        return refused(subject, [change])
    due = deadline(request, catalogue.config.requests)
    when = f"Closed on {on.isoformat()}"
    if due is not None and on > due:
        when += f", after its deadline {due.isoformat()}"
    return Plan(subject, (change,), details=(when + ".",))
