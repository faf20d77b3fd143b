"""What the records office did, per period: every dated event the model holds, counted.

Disposals and transfers come from the tombstones' ``disposition`` dates; charge-outs from
each record's current ``charge_out`` and, when the catalogue keeps one, its
``charge_history`` (whose entries also give the returns); holds from their ``placed_on`` and
``released_on``; requests from ``received_on`` and ``closed_on``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date

from ..model import Catalogue, Record
from .periods import PeriodKind, iter_periods, label, period_start

ACTIVITY_COLUMNS = (
    "disposals",
    "transfers",
    "charge_outs",
    "returns",
    "holds_placed",
    "holds_released",
    "requests_received",
    "requests_answered",
)
OPERATIONAL_ACTIVITY = frozenset(ACTIVITY_COLUMNS[2:])
"""Columns left out below the operational audience (they are gone from its model anyway)."""


def iter_events(catalogue: Catalogue) -> Iterator[tuple[date, str]]:
    """``(day, column)`` for every dated event, in no particular order."""
    for record in catalogue.records.values():
        disposition = record.disposition
        if disposition is not None and disposition.date is not None:
            yield disposition.date, "disposals" if disposition.action == "destroy" else "transfers"
        yield from _charges(record)
    for hold in catalogue.holds.values():
        if hold.placed_on is not None:
            yield hold.placed_on, "holds_placed"
        if hold.released_on is not None:
            yield hold.released_on, "holds_released"
    for request in catalogue.requests.values():
        if request.received_on is not None:
            yield request.received_on, "requests_received"
        if request.status == "closed" and request.closed_on is not None:
            yield request.closed_on, "requests_answered"


def _charges(record: Record) -> Iterator[tuple[date, str]]:
    if record.charge_out is not None and record.charge_out.since is not None:
        yield record.charge_out.since, "charge_outs"
    # charge_history: the returned charge-outs, once the catalogue keeps them (custody).
    for entry in getattr(record, "charge_history", None) or ():
        since = getattr(entry, "since", None)
        returned = getattr(entry, "returned", None) or getattr(entry, "returned_on", None)
        if isinstance(since, date):
            yield since, "charge_outs"
        if isinstance(returned, date):
            yield returned, "returns"


def activity_rows(
    catalogue: Catalogue, kind: PeriodKind, start: date | None, end: date, columns: Sequence[str]
) -> tuple[tuple[str | int, ...], ...]:
    """One row per period from ``start`` (default: the first event) to ``end``, every period
    listed even when nothing happened (a chart must not skip a quiet year)."""
    fiscal = catalogue.config.fiscal_year_start
    wanted = set(columns)
    events = [(day, column) for day, column in iter_events(catalogue) if column in wanted and day <= end]
    if start is not None:
        events = [(day, column) for day, column in events if day >= start]
    if not events:
        return ()
    first = start or min(day for day, _ in events)
    counts = Counter((period_start(day, kind, fiscal), column) for day, column in events)
    return tuple(
        (label(begin, kind, fiscal), *(counts[(begin, column)] for column in columns))
        for begin in iter_periods(first, end, kind, fiscal)
    )
