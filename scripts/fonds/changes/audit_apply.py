"""``fonds audit --record`` and ``--apply``: the audit's dated record, and the location changes
of the misplaced records the technician confirmed. The audit itself never moves anything."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from ..custody.audit import Audit, Bucket
from ..diagnostics import Diagnostic
from ..model import Catalogue
from ..reading.schema_files import modeline
from . import yaml_emit as emit
from .files import FileChange
from .plan import Plan, check_values, edit_file, file_errors, output_path, refusal, refused
from .yaml_edit import SetKey

AUDITS_FOLDER = "catalogue/audits"


def audit_id(catalogue: Catalogue, root: Path, location: str, on: date) -> str:
    """``AUDIT-YYYY-MM-DD-LOCATION``, with ``-2``, ``-3``... for a second audit that day."""
    base = f"AUDIT-{on.isoformat()}-{location}"
    taken = set(catalogue.audits) | {p.stem for p in (root / AUDITS_FOLDER).glob("*.yml")}
    number = 1
    while (base if number == 1 else f"{base}-{number}") in taken:
        number += 1
    return base if number == 1 else f"{base}-{number}"


def _finding(row: dict[str, Any]) -> dict[str, Any]:
    keys = ("bucket", "item", "barcode", "catalogued", "found")
    return {key: row[key] for key in keys if row.get(key)}


def _document(
    audit_file_id: str, result: Audit, on: date, by: str | None, moved: list[str]
) -> dict[str, Any]:
    data: dict[str, Any] = {"id": audit_file_id, "location": result.location, "date": on}
    if by:
        data["by"] = by
    data["scans"] = Path(result.scan_file).name
    data["counts"] = {key: value for key, value in result.counts.items() if value}
    data["findings"] = [_finding(f.row()) for f in result.findings]
    if moved:
        data["moved"] = moved
    return data


def _confirmed(
    catalogue: Catalogue, result: Audit, confirm: Collection[str], confirm_all: bool
) -> tuple[list[tuple[str, str]], list[Diagnostic]]:
    """(record id, where found) for each confirmed move, and the refusals."""
    misplaced = {f.item: f for f in result.findings if f.bucket is Bucket.MISPLACED}
    moves, refusals = [], []
    wanted = sorted(misplaced) if confirm_all else sorted(set(confirm))
    for item in wanted:
        finding = misplaced.get(item)
        record = catalogue.records.get(item)
        if finding is None or (record is None and item not in catalogue.locations):
            where = catalogue.records[item].file if item in catalogue.records else "catalogue/locations.yml"
            message = f"--confirm {item}: this audit did not find it misplaced; only a misplaced record can be moved"
            refusals.append(refusal(catalogue, where, ("location",), "not-misplaced", message))
        elif record is None:
            message = (
                f"--confirm {item}: {item} is a box; move it in catalogue/locations.yml "
                f"(its parent: {finding.found}) or with fonds transfer --box"
            )
            refusals.append(
                refusal(catalogue, "catalogue/locations.yml", ("locations",), "not-misplaced", message)
            )
        else:
            moves.append((item, finding.found))
    return moves, refusals


def plan_audit_record(
    catalogue: Catalogue,
    problems: Sequence[Diagnostic],
    root: Path,
    result: Audit,
    on: date,
    *,
    by: str | None = None,
    confirm: Collection[str] = (),
    confirm_all: bool = False,
) -> Plan:
    """The audit record, plus (with ``confirm``) each confirmed misplaced record moved to where
    it was found; or the refusals."""
    check_values(("--by", "person", by), *(("--confirm", "id", item) for item in confirm))
    moves, refusals = _confirmed(catalogue, result, confirm, confirm_all)
    changes: list[FileChange] = []
    details = []
    for item, found in moves:
        record = catalogue.records[item]
        refusals += file_errors(problems, [record.file])
        change = edit_file(catalogue, root, record.file, [SetKey(("location",), found)], "record")
        if isinstance(change, FileChange):
            changes.append(change)
            details.append(f"- {item}: {record.location} -> {found}")
        else:
            refusals.append(change)
    name = audit_id(catalogue, root, result.location, on)
    subject = f"Audit of {result.location} on {on.isoformat()}" + (f": {len(moves)} moved" if moves else "")
    if refusals:
        return refused(subject, refusals)
    file = output_path(AUDITS_FOLDER, f"{name}.yml")
    text = emit.document(
        _document(name, result, on, by, [item for item, _ in moves]), header=[modeline(root, "audit", file)]
    )
    counts = ", ".join(f"{value} {key}" for key, value in result.counts.items() if value)
    return Plan(subject, (FileChange(file, None, text), *changes), details=(f"Found: {counts}", *details))
