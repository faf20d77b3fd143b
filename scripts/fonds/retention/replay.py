"""As-of replay: a record as it stood on a past (or future) day.

A report as of a past date says what it would have said that day: anything dated after the
as-of date has not happened yet. Its events and closure are not recorded, its disposal or
transfer not made (it is back in the office: fonds does not record the day a file moved to
the records centre), its charge-out not made; a record created after the day is not in the
catalogue yet. Holds placed or released after the day are handled in ``holds.is_active``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..model import Record


def record_as_of(record: Record, as_of: date) -> Record | None:
    """``record`` without what happened after ``as_of``; None when it did not exist yet."""
    if record.created is not None and record.created > as_of:
        return None
    later_events = any(on > as_of for on in record.events.values())
    closed_later = record.closed is not None and record.closed > as_of
    disposition = record.disposition
    disposed_later = disposition is not None and disposition.date is not None and disposition.date > as_of
    charge = record.charge_out
    charged_later = charge is not None and charge.since is not None and charge.since > as_of
    if not (later_events or closed_later or disposed_later or charged_later):
        return record
    changes: dict[str, object] = {}
    if later_events:
        changes["events"] = {name: on for name, on in record.events.items() if on <= as_of}
    if closed_later:
        changes["closed"] = None
    if disposed_later:
        changes.update(status="active", disposition=None)
    if charged_later:
        changes["charge_out"] = None
    return replace(record, **changes)  # type: ignore[arg-type]
