"""What changed since the last recorded audit of the same location (catalogue/audits/)."""

from __future__ import annotations

from datetime import date

from ..model import AuditRecord, Catalogue
from .audit import Audit, Bucket

SCANNED = frozenset({Bucket.PRESENT, Bucket.MISPLACED, Bucket.CHARGED_OUT_FOUND, Bucket.ENDED_FOUND})


def previous_audit(catalogue: Catalogue, location: str, on: date) -> AuditRecord | None:
    """The latest recorded audit of ``location`` on or before ``on`` (by date, then id)."""
    earlier = [
        a for a in catalogue.audits.values() if a.location == location and a.on is not None and a.on <= on
    ]
    return max(earlier, key=lambda a: (a.on or date.min, a.id), default=None)


def since_last(previous: AuditRecord | None, result: Audit) -> tuple[str, ...]:
    """One line each: newly missing, still missing, found again, newly misplaced."""
    if previous is None:
        return ("No earlier audit of this location is recorded.",)
    was = {f.item: f.bucket for f in previous.findings if f.item}
    now = {f.item: f.bucket for f in result.findings if f.item}
    when = previous.on.isoformat() if previous.on else "?"
    groups = {
        "newly missing": [i for i, b in now.items() if b == Bucket.MISSING and was.get(i) != "missing"],
        "still missing": [i for i, b in now.items() if b == Bucket.MISSING and was.get(i) == "missing"],
        "found again": [i for i, b in now.items() if b in SCANNED and was.get(i) == "missing"],
        "newly misplaced": [i for i, b in now.items() if b == Bucket.MISPLACED and was.get(i) != "misplaced"],
    }
    lines = [f"Since the audit of {when} ({previous.id}):"]
    lines += [f"{label}: {', '.join(sorted(ids))}" for label, ids in groups.items() if ids]
    if len(lines) == 1:
        lines.append("nothing changed")
    return tuple(lines)
