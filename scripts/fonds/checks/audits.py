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
