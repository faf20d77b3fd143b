"""The charge-out register (custody/register.py) as tables."""

from __future__ import annotations

from datetime import date

from ..custody.inventory import Inventory
from ..custody.register import Loan
from .tables import Table

LOAN_COLUMNS = ("id", "title", "to", "since", "due", "overdue_days", "location")
HISTORY_COLUMNS = ("id", "to", "since", "due", "returned")


def loans_table(loans: list[Loan], as_of: date, *, overdue: bool, person: str | None) -> Table:
    what = "Overdue files" if overdue else "Files charged out"
    if person:
        what += f" to {person}"
    late = sum(1 for loan in loans if loan.overdue_days)
    return Table(
        title=f"{what} on {as_of.isoformat()}",
        columns=LOAN_COLUMNS,
        rows=tuple(loan.row() for loan in loans),
        summary={"as_of": as_of.isoformat(), "out": len(loans), "overdue": late},
        footer=f"{len(loans)} out, {late} overdue",
        empty="Nothing is charged out." if not overdue else "Nothing is overdue.",
    )


def history_table(record_id: str, loans: list[Loan]) -> Table:
    back = sum(1 for loan in loans if loan.returned)
    return Table(
        title=f"Charge-out history of {record_id}",
        columns=HISTORY_COLUMNS,
        rows=tuple(loan.row() for loan in loans),
        summary={"id": record_id, "loans": len(loans), "returned": back},
        footer=f"{len(loans)} loans, {back} returned",
        empty="Never charged out.",
    )


INVENTORY_COLUMNS = (
    "id",
    "title",
    "location",
    "extent",
    "dates",
    "class",
    "rule",
    "next_action",
    "due",
    "holds",
    "charged_out_to",
)
TOTAL_COLUMNS = ("location", "type", "title", "records", "extent", "linear_metres", "not_in_metres")


def inventory_tables(inv: Inventory) -> list[Table]:
    """The list, then the totals per box and per shelf (the last line is the whole location)."""
    whole = inv.totals[-1]
    listing = Table(
        title=f"Inventory of {inv.location} ({inv.title}) on {inv.as_of.isoformat()}",
        columns=INVENTORY_COLUMNS,
        rows=tuple(e.row() for e in inv.entries),
        summary={"location": inv.location, "as_of": inv.as_of.isoformat(), **whole.row()},
        footer=f"{whole.records} records, {whole.extent or 'no extent'}, {whole.metres:.2f} linear metres"
        + (f" ({whole.unconverted} records not in metres)" if whole.unconverted else ""),
        empty="No records are kept here.",
    )
    totals = Table(
        title=f"Totals per box and per shelf in {inv.location}",
        columns=TOTAL_COLUMNS,
        rows=tuple(t.row() for t in inv.totals),
        footer="Linear metres: boxes, cubic feet and linear feet at 0.3048 m each; other units are not converted.",
    )
    return [listing, totals]
