"""Closing files: the day no more papers go in, which starts every closure-triggered clock.

A file plan's year-end cut-off closes every open file of a series at once ("close the
2025 correspondence files"); a single file is closed when its matter ends. ``plan_close``
sets ``dates.closed`` on each record (a byte-exact edit), or lists every reason it cannot:
a file already closed, destroyed or transferred, or created after the closing day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..diagnostics import Diagnostic
from ..hierarchy import descendants
from ..model import END_STATUSES, Catalogue, Record
from .plan import (
    Plan,
    RequestError,
    before_creation,
    edit_file,
    ended,
    file_errors,
    gather,
    listed,
    plural,
    refusal,
    refused,
    select_records,
)
from .yaml_edit import SetKey


@dataclass(frozen=True, slots=True)
class CutOff:
    """Every open file of ``class_code`` (and its sub-classes) created before ``before``."""

    class_code: str
    before: date


def open_files(catalogue: Catalogue, cut_off: CutOff) -> list[Record]:
    """The records a year-end cut-off closes, in id order: not closed, not destroyed or
    transferred, and created before the cut-off day. Raises ``RequestError`` for an unknown
    class."""
    if cut_off.class_code not in catalogue.classes:
        raise RequestError(f"class '{cut_off.class_code}' is not in the file plan")
    codes = {cut_off.class_code, *descendants(cut_off.class_code, catalogue.children())}
    return [
        record
        for record in catalogue.records.values()
        if record.class_code in codes
        and record.closed is None
        and record.status not in END_STATUSES
        and record.created is not None
        and record.created < cut_off.before
    ]


def _check(catalogue: Catalogue, record: Record, on: date) -> Diagnostic | None:
    done = ended(catalogue, record)
    if done is not None:
        return done
    if record.closed is not None:
        return refusal(
            catalogue,
            record.file,
            ("dates", "closed"),
            "record-closed",
            f"{record.id} was already closed on {record.closed.isoformat()}; a closing date is "
            "corrected by hand, in a change that says why",
        )
    return before_creation(catalogue, record, on, "closing")


@dataclass(frozen=True, slots=True)
class ClosingRequest:
    """``fonds close [RECORD...] [--open-before DAY --class CODE ...] [--date DAY]``."""

    ids: tuple[str, ...]
    on: date
    cut_off: CutOff | None = None


def plan_close(
    catalogue: Catalogue, problems: Sequence[Diagnostic], root: Path, request: ClosingRequest
) -> Plan:
    """Set ``dates.closed`` to ``on`` on the records named by ``ids`` and those ``cut_off``
    selects, or every refusal at once."""
    ids, on, cut_off = request.ids, request.on, request.cut_off
    records, refusals = select_records(catalogue, ids)
    if cut_off is not None:
        named = {record.id for record in records}
        records += [record for record in open_files(catalogue, cut_off) if record.id not in named]
        records.sort(key=lambda record: record.id)
    subject = f"Close {plural(len(records), 'file')} on {on.isoformat()}: " + listed([r.id for r in records])
    if cut_off is not None and not records and not refusals:
        return Plan(
            f"Close no file on {on.isoformat()}",
            details=(
                f"No open file in {cut_off.class_code} or below was created before "
                f"{cut_off.before.isoformat()}.",
            ),
        )
    refusals += file_errors(problems, [r.file for r in records])
    refusals += [found for record in records if (found := _check(catalogue, record, on))]
    if refusals:
        return refused(subject, refusals)
    edits = [SetKey(("dates", "closed"), on, after=("created",))]
    changes, failed = gather(edit_file(catalogue, root, r.file, edits, "record") for r in records)
    if failed:
        return refused(subject, failed)
    details = tuple(
        f"- {r.id}: {r.title} (created {r.created.isoformat() if r.created else '?'})" for r in records
    )
    return Plan(subject, tuple(changes), details=details)
