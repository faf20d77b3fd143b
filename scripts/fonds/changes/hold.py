"""Placing and releasing legal holds: the hold files in ``catalogue/holds/``.

A hold is placed by creating its file (one per hold, named after its id) and released by
adding ``released_on`` and ``released_by`` to it: a released hold stays, as the history of
why records were kept (retention.md). Which records a hold covers is ``retention.holds``'s
business; this module only writes the order down.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, error
from ..model import Catalogue, ClassScope, Hold
from ..reading.schema_files import modeline
from ..retention.holds import iter_covered
from . import yaml_emit as emit
from .files import FileChange
from .plan import (
    Plan,
    RequestError,
    check_values,
    edit_file,
    file_errors,
    listed,
    plural,
    refusal,
    refused,
    select_records,
    validate_text,
)
from .yaml_edit import SetKey

HOLDS_DIR = "catalogue/holds"


@dataclass(frozen=True, slots=True)
class HoldOrder:
    id: str
    title: str
    reason: str
    authority: str
    placed_by: str
    placed_on: date
    records: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    created_from: date | None = None
    created_to: date | None = None


def hold_file(hold_id: str) -> str:
    check_values(("hold id", "id", hold_id))
    return f"{HOLDS_DIR}/{hold_id}.yml"


def _hold_data(order: HoldOrder) -> dict[str, Any]:
    scope: dict[str, Any] = {}
    if order.records:
        scope["records"] = sorted(set(order.records))
    if order.classes:
        scope["classes"] = [{"code": code} for code in sorted(set(order.classes))]
    created = {key: value for key, value in (("from", order.created_from), ("to", order.created_to)) if value}
    if created:
        scope["created"] = created
    return {
        "id": order.id,
        "title": order.title,
        "reason": order.reason,
        "authority": order.authority,
        "placed_by": order.placed_by,
        "placed_on": order.placed_on,
        "scope": scope,
    }


def plan_place(catalogue: Catalogue, problems: Sequence[Diagnostic], root: Path, order: HoldOrder) -> Plan:
    """The new hold file, or the refusals. Raises ``RequestError`` for a bad id or scope.
    (``problems`` is not consulted: a new file has none, and a hold may cover records whose
    files have errors.)"""
    file = hold_file(order.id)
    check_values(
        ("--title", "text", order.title),
        ("--reason", "text", order.reason),
        ("--authority", "text", order.authority),
        ("--placed-by", "person", order.placed_by),
        *(("--class", "id", code) for code in order.classes),
    )
    if not (order.records or order.classes or order.created_from or order.created_to):
        raise RequestError(
            "a hold needs a scope: --record, --class, or a --from/--to range of creation dates"
        )
    if order.created_from and order.created_to and order.created_from > order.created_to:
        raise RequestError("--from is after --to")
    subject = f"Place hold {order.id}: {order.title}"
    _, refusals = select_records(catalogue, order.records)
    refusals += [
        error("catalogue/file-plan.yml", 0, 0, "unknown-class", f"class '{code}' is not in the file plan")
        for code in sorted(set(order.classes))
        if code not in catalogue.classes
    ]
    existing = catalogue.holds.get(order.id)
    if existing is not None or (root / file).exists():
        where = existing.file if existing is not None else file
        refusals.append(error(where, 0, 0, "duplicate-id", f"hold '{order.id}' already exists in {where}"))
    text = emit.document(_hold_data(order), header=[modeline(root, "hold", file)])
    refusals += validate_text(catalogue, file, text, "hold")
    if refusals:
        return refused(subject, refusals)
    hold = Hold(
        id=order.id,
        title=order.title,
        reason=order.reason,
        authority=order.authority,
        placed_by=order.placed_by,
        placed_on=order.placed_on,
        file=file,
        records=order.records,
        classes=tuple(ClassScope(code) for code in order.classes),
        created_from=order.created_from,
        created_to=order.created_to,
    )
    covered = [record for record in iter_covered(hold, catalogue) if record.status != "destroyed"]
    details = [f"- {r.id}: {r.title}" for r in covered] or ["The hold covers no record yet."]
    subject += f" ({plural(len(covered), 'record')})"
    return Plan(subject, (FileChange(file, None, text),), details=(f"Reason: {order.reason}", "", *details))


@dataclass(frozen=True, slots=True)
class ReleaseRequest:
    """``fonds hold release HOLD --by PERSON [--date DAY]``."""

    hold_id: str
    by: str
    on: date


def plan_release(
    catalogue: Catalogue, problems: Sequence[Diagnostic], root: Path, request: ReleaseRequest
) -> Plan:
    """Add ``released_on``/``released_by`` to the hold's file, or the refusals."""
    hold_id, by, on = request.hold_id, request.by, request.on
    hold_file(hold_id)
    check_values(("--by", "person", by))
    subject = f"Release hold {hold_id}"
    hold = catalogue.holds.get(hold_id)
    if hold is None:
        known = ", ".join(catalogue.holds) or "none"
        return refused(
            subject,
            [error(HOLDS_DIR, 0, 0, "unknown-hold", f"there is no hold '{hold_id}' (holds: {known})")],
        )
    subject += f": {hold.title}"
    refusals = file_errors(problems, [hold.file])
    if hold.released_on is not None:
        refusals.append(
            refusal(
                catalogue,
                hold.file,
                ("released_on",),
                "hold-released",
                f"{hold.id} was already released on {hold.released_on.isoformat()}"
                + (f" by {hold.released_by}" if hold.released_by else ""),
            )
        )
    elif hold.placed_on is not None and on < hold.placed_on:
        refusals.append(
            refusal(
                catalogue,
                hold.file,
                ("placed_on",),
                "date-order",
                f"{hold.id} was placed on {hold.placed_on.isoformat()}; it cannot be released "
                f"on {on.isoformat()}, before that",
            )
        )
    if refusals:
        return refused(subject, refusals)
    edits = [
        SetKey(("released_on",), on, after=("placed_on",)),
        SetKey(("released_by",), by, after=("released_on",)),
    ]
    change = edit_file(catalogue, root, hold.file, edits, "hold")
    if not isinstance(change, FileChange):
        return refused(subject, [change])
    still = [
        record.id
        for record in iter_covered(replace(hold, released_on=None), catalogue)
        if record.status not in ("destroyed", "transferred")
    ]
    details = (
        f"Released on {on.isoformat()} by {by}.",
        f"It covered {plural(len(still), 'record')}: {listed(still, 20) or 'none'}.",
    )
    return Plan(subject, (change,), details=details)
