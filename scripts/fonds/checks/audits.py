"""Audit records (catalogue/audits/): named for their id, about a location that exists."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from ..diagnostics import Diagnostic
from ..model import Catalogue
from .base import at


def check_audits(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for audit in catalogue.audits.values():
        stem = PurePosixPath(audit.file).stem
        if stem != audit.id:
            yield at(
                catalogue,
                audit.file,
                ("id",),
                "id-mismatch",
                f"the audit's id is '{audit.id}' but the file is named '{stem}'; rename the file to {audit.id}.yml",
            )
        if "locations" not in catalogue.unavailable and audit.location not in catalogue.locations:
            yield at(
                catalogue,
                audit.file,
                ("location",),
                "unknown-location",
                f"location '{audit.location}' is not in catalogue/locations.yml",
            )


def check_barcodes(catalogue: Catalogue) -> Iterator[Diagnostic]:
    """Each barcode once: a scanner reading it must find one record or one place."""
    owners: dict[str, list[tuple[str, str, tuple[str | int, ...]]]] = {}
    for loc in catalogue.locations.values():
        if loc.barcode:
            owners.setdefault(loc.barcode, []).append(
                (f"location {loc.id}", loc.file, (*loc.path, "barcode"))
            )
    for record in catalogue.records.values():
        if record.barcode:
            owners.setdefault(record.barcode, []).append((record.id, record.file, ("barcode",)))
    for barcode, users in sorted(owners.items()):
        if len(users) < 2:
            continue
        first = users[0][0]
        for name, file, path in users[1:]:
            yield at(
                catalogue,
                file,
                path,
                "duplicate-barcode",
                f"barcode {barcode} of {name} is already the barcode of {first}: a scan could not "
                "tell them apart; give one of them a new label",
            )
