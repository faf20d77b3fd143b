"""``fonds fixity --record``: write each storage file's SHA-256, size and check date into its record."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..custody.fixity import FixityReport
from ..diagnostics import Diagnostic
from ..model import Catalogue
from .files import FileChange
from .plan import Plan, edit_file, file_errors, refused
from .yaml_edit import SetKey

FIXITY_AFTER = ("uri", "location", "extent", "format")


@dataclass(frozen=True, slots=True)
class FixityRecordRequest:
    """``fonds fixity --record``: the report of the check, and its day."""

    report: FixityReport
    on: date


def plan_fixity_record(
    catalogue: Catalogue, problems: Sequence[Diagnostic], root: Path, request: FixityRecordRequest
) -> Plan:
    """The fixity block of every file that could be read, as one reviewed change; a changed
    file's new value is named in the details, so the reviewer sees what is overwritten."""
    report, on = request.report, request.on
    hashed = [item for item in report.items if item.actual and item.record]
    subject = f"Record the fixity of {len(hashed)} file{'s' if len(hashed) != 1 else ''} checked on {on.isoformat()}"
    refusals = file_errors(problems, [item.file for item in hashed])
    if refusals:
        return refused(subject, refusals)
    changes: list[FileChange] = []
    details: list[str] = []
    for item in hashed:
        value = {"sha256": item.actual, "bytes": item.bytes, "checked_on": on}
        change = edit_file(
            catalogue, root, item.file, [SetKey(("fixity",), value, after=FIXITY_AFTER)], "record"
        )
        if not isinstance(change, FileChange):
            return refused(subject, [change])
        if change.old != change.new:
            changes.append(change)
        note = f" (CHANGED: was {item.recorded})" if item.status == "changed" else ""
        details.append(f"- {item.record}: {item.path} {item.actual}{note}")
    details += [
        f"- {i.record}: {i.path} not recorded: {i.status}{', ' + i.reason if i.reason else ''}"
        for i in report.items
        if i.record and not i.actual
    ]
    return Plan(subject, tuple(changes), details=tuple(details))
