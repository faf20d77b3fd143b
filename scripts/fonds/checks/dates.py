"""Dates on one record that cannot be in the order written.

Closure and disposal before creation are checked with the record's status (``records``);
here, everything else that happens to a record and must come after it exists, and a
charge-out that is due back before it went out.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..diagnostics import Diagnostic
from ..model import Catalogue, Path, Record
from .base import at


def _after_creation(record: Record) -> Iterator[tuple[Path, str, date]]:
    """(where, what, when) for each date that cannot be before the record was created."""
    for name, when in sorted(record.events.items()):
        yield ("events", name), f"the event '{name}'", when
    if record.charge_out is not None and record.charge_out.since is not None:
        yield ("charge_out", "since"), "the charge-out", record.charge_out.since
    if record.vital is not None and record.vital.last_reviewed is not None:
        yield ("vital", "last_reviewed"), "the last vital-records review", record.vital.last_reviewed
    if record.fixity is not None and record.fixity.checked_on is not None:
        yield ("fixity", "checked_on"), "the fixity check", record.fixity.checked_on


def check_record_dates(catalogue: Catalogue, record: Record) -> Iterator[Diagnostic]:
    created = record.created
    if created is not None:
        for path, what, when in _after_creation(record):
            if when < created:
                yield at(
                    catalogue,
                    record.file,
                    path,
                    "date-order",
                    f"{what} is dated {when}, before the record was created ({created}); "
                    "correct one of the two dates",
                )
    charge = record.charge_out
    if (
        charge is not None
        and charge.since is not None
        and charge.due is not None
        and charge.due < charge.since
    ):
        yield at(
            catalogue,
            record.file,
            ("charge_out", "due"),
            "date-order",
            f"the file is due back on {charge.due}, before it was charged out ({charge.since})",
        )
