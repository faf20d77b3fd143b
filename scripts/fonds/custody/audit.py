"""An audit of a location against barcode scans: every item in exactly one bucket.

Items are records with a barcode and boxes (locations of type ``box``). A scanned location
barcode that is not a box switches the current location (so one file covers a room shelf by
shelf); a scanned box is an item found at the current location and then becomes the current
location itself, for the files scanned inside it. An item is *present* when it is catalogued at
the current location or below it. Nothing here changes the catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from ..diagnostics import Diagnostic, sort_diagnostics, warning
from ..hierarchy import descendants
from ..model import END_STATUSES, Catalogue, Location, Record
from .scans import Scan, ScanFile


class Bucket(StrEnum):
    PRESENT = "present"
    MISSING = "missing"
    """Expected here, not charged out, not scanned."""
    MISPLACED = "misplaced"
    """Scanned here, catalogued elsewhere (``catalogued`` says where)."""
    UNEXPECTED = "unexpected"
    """A barcode the catalogue does not know."""
    CHARGED_OUT_FOUND = "charged-out-found"
    """Scanned, though the register says someone has it: return it (fonds return)."""
    ENDED_FOUND = "ended-found"
    """Scanned, though the catalogue says it was destroyed or transferred."""
    OUT = "charged-out"
    """Expected here but charged out and not scanned: where the register says it is."""


PROBLEM_BUCKETS = frozenset({Bucket.MISSING, Bucket.MISPLACED})
"""What makes ``fonds audit`` exit 1."""


@dataclass(frozen=True, slots=True)
class Finding:
    bucket: Bucket
    barcode: str
    item: str
    """The record or box id; empty for an unknown barcode."""
    title: str
    kind: str
    """``record``, ``box`` or ``unknown``."""
    catalogued: str
    """Where the catalogue puts it (a location id), or ''."""
    found: str
    """The location it was scanned at, or '' when not scanned."""
    line: int = 0
    note: str = ""

    def row(self) -> dict[str, object]:
        return {
            "bucket": self.bucket.value,
            "item": self.item,
            "barcode": self.barcode,
            "kind": self.kind,
            "title": self.title,
            "catalogued": self.catalogued,
            "found": self.found,
            "line": self.line or None,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class Audit:
    location: str
    scan_file: str
    findings: tuple[Finding, ...]
    problems: tuple[Diagnostic, ...] = ()
    """Warnings about the scan file: unreadable lines, repeats, location barcodes outside."""
    counts: Mapping[str, int] = field(default_factory=dict)
    since: tuple[str, ...] = ()
    """What changed since the last recorded audit of the location (audit_history.since_last)."""

    @property
    def failed(self) -> bool:
        return any(f.bucket in PROBLEM_BUCKETS for f in self.findings)


@dataclass(frozen=True, slots=True)
class _Item:
    id: str
    title: str
    kind: str
    location: str
    record: Record | None = None


def _index(catalogue: Catalogue) -> dict[str, _Item | Location]:
    """Barcode -> the record or box item, or the (non-box) location it switches to."""
    found: dict[str, _Item | Location] = {}
    for loc in catalogue.locations.values():
        if loc.barcode:
            if loc.type == "box":
                found[loc.barcode] = _Item(loc.id, loc.title, "box", loc.parent or "")
            else:
                found[loc.barcode] = loc
    for record in catalogue.records.values():
        if record.barcode:
            found[record.barcode] = _Item(record.id, record.title, "record", record.location or "", record)
    return found


def _folded(index: dict[str, _Item | Location]) -> dict[str, _Item | Location | None]:
    """Barcode in lower case -> its item; None where two barcodes differ only in case."""
    found: dict[str, _Item | Location | None] = {}
    for barcode, item in index.items():
        key = barcode.casefold()
        found[key] = None if key in found else item
    return found


def _lookup(
    index: dict[str, _Item | Location], folded: dict[str, _Item | Location | None], barcode: str
) -> _Item | Location | None:
    """The item of ``barcode``; a scanner left in lower case still finds a unique barcode."""
    exact = index.get(barcode)
    return exact if exact is not None else folded.get(barcode.casefold())


def _subtree(catalogue: Catalogue, location: str) -> frozenset[str]:
    children: dict[str, list[str]] = {}
    for loc in catalogue.locations.values():
        if loc.parent is not None:
            children.setdefault(loc.parent, []).append(loc.id)
    return frozenset([location, *descendants(location, children)])


def _context(catalogue: Catalogue, here: str) -> frozenset[str]:
    """Where an item scanned at ``here`` may be catalogued and count as present: ``here`` and
    below; inside a box, also the box's shelf (loose files scanned after the box)."""
    found = _subtree(catalogue, here)
    loc = catalogue.locations.get(here)
    if loc is not None and loc.type == "box" and loc.parent is not None:
        found |= {loc.parent}
    return found


def _expected(catalogue: Catalogue, scope: frozenset[str]) -> list[_Item]:
    items = [
        _Item(loc.id, loc.title, "box", loc.parent or "")
        for loc in catalogue.locations.values()
        if loc.type == "box" and loc.parent in scope
    ]
    items += [
        _Item(r.id, r.title, "record", r.location or "", r)
        for r in catalogue.records.values()
        if r.location in scope and r.status not in END_STATUSES and r.format != "electronic"
    ]
    return items


def _classify(item: _Item, here: str, subtree: frozenset[str], scan: Scan) -> Finding:
    record = item.record
    base = Finding(
        Bucket.PRESENT, scan.barcode, item.id, item.title, item.kind, item.location, here, scan.line
    )
    if record is not None and record.status in END_STATUSES:
        return _with(base, Bucket.ENDED_FOUND, f"catalogued as {record.status}: tell the records manager")
    if record is not None and record.charge_out is not None:
        charge = record.charge_out
        since = charge.since.isoformat() if charge.since else "?"
        return _with(
            base,
            Bucket.CHARGED_OUT_FOUND,
            f"charged out to {charge.to} since {since}: fonds return {item.id}",
        )
    if item.location in subtree:
        return base
    where = item.location or "no location"
    return _with(base, Bucket.MISPLACED, f"catalogued at {where}")


def _with(finding: Finding, bucket: Bucket, note: str) -> Finding:
    return Finding(
        bucket,
        finding.barcode,
        finding.item,
        finding.title,
        finding.kind,
        finding.catalogued,
        finding.found,
        finding.line,
        note,
    )


def audit(catalogue: Catalogue, location: str, scans: ScanFile) -> Audit:
    """Bucket every expected item of ``location`` (and below) and every scan of ``scans``."""
    scope = _subtree(catalogue, location)
    index = _index(catalogue)
    folded = _folded(index)
    subtrees: dict[str, frozenset[str]] = {}
    problems: list[Diagnostic] = list(scans.problems)
    findings: dict[tuple[str, str], Finding] = {}
    """Keyed (kind, id) for what the catalogue knows, ("scan", barcode) for the rest."""
    first_line: dict[tuple[str, str], int] = {}
    here: str | None = location
    for scan in scans.scans:
        target = _lookup(index, folded, scan.barcode)
        if isinstance(target, Location):  # a shelf scanned again, after a box on it: not a repeat
            here = _switch(target, scope, scans.name, scan, problems)
            continue
        key = (target.kind, target.id) if target is not None else ("scan", scan.barcode.casefold())
        if key in first_line:
            problems.append(
                warning(
                    scans.name,
                    scan.line,
                    1,
                    "scan-repeated",
                    f"{scan.barcode} was already scanned on line {first_line[key]}; counted once",
                )
            )
            continue
        first_line[key] = scan.line
        if here is None:
            continue
        if target is None:
            findings[key] = Finding(
                Bucket.UNEXPECTED,
                scan.barcode,
                "",
                "",
                "unknown",
                "",
                here,
                scan.line,
                "not in the catalogue",
            )
            continue
        subtree = subtrees.setdefault(here, _context(catalogue, here))
        findings[key] = _classify(target, here, subtree, scan)
        if target.kind == "box" and target.id in scope:
            here = target.id
    _add_unscanned(catalogue, scope, findings)
    ordered = sorted(
        findings.values(), key=lambda f: (list(Bucket).index(f.bucket), f.item or f.barcode, f.barcode)
    )
    counts = {bucket.value: sum(1 for f in ordered if f.bucket is bucket) for bucket in Bucket}
    return Audit(location, scans.name, tuple(ordered), tuple(sort_diagnostics(problems)), counts)


def _add_unscanned(
    catalogue: Catalogue, scope: frozenset[str], findings: dict[tuple[str, str], Finding]
) -> None:
    """Each item expected in ``scope`` and not scanned: charged out (away), else missing."""
    for item in _expected(catalogue, scope):
        if (item.kind, item.id) in findings:
            continue
        record = item.record
        if record is not None and record.charge_out is not None:
            findings[item.kind, item.id] = Finding(
                Bucket.OUT,
                record.barcode or "",
                item.id,
                item.title,
                item.kind,
                item.location,
                "",
                0,
                f"charged out to {record.charge_out.to}",
            )
            continue
        barcode = (record.barcode if record else catalogue.locations[item.id].barcode) or ""
        note = "" if barcode else "has no barcode: look for it by eye, then add one"
        findings[item.kind, item.id] = Finding(
            Bucket.MISSING, barcode, item.id, item.title, item.kind, item.location, "", 0, note
        )


def _switch(
    target: Location, scope: frozenset[str], name: str, scan: Scan, problems: list[Diagnostic]
) -> str | None:
    """The new current location, or None (with a warning) for one outside the audited location."""
    if target.id in scope:
        return target.id
    problems.append(
        warning(
            name,
            scan.line,
            1,
            "scan-outside",
            f"location barcode {scan.barcode} is {target.id}, outside the audited location: the scans "
            "after it are left out until a location barcode inside it (audit that location separately)",
        )
    )
    return None
