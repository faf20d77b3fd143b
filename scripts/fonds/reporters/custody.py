"""The charge-out register (custody/register.py) as tables."""

from __future__ import annotations

from datetime import date

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
