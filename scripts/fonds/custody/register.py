"""The charge-out register behind ``fonds checkouts``: what is out now, with whom, since when,
due back when; and the finished loans of one record (``charge_history``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model import Catalogue, ChargeOut, Record


@dataclass(frozen=True, slots=True)
class Loan:
    id: str
    title: str
    to: str
    since: date | None
    due: date | None
    returned: date | None
    location: str
    overdue_days: int = 0
    """Days past ``due`` on the as-of date (0 when not overdue, or returned)."""

    def row(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "to": self.to,
            "since": self.since.isoformat() if self.since else None,
            "due": self.due.isoformat() if self.due else None,
            "returned": self.returned.isoformat() if self.returned else None,
            "overdue_days": self.overdue_days,
            "location": self.location,
        }


def _loan(record: Record, charge: ChargeOut, as_of: date | None) -> Loan:
    late = 0
    if as_of is not None and charge.returned is None and charge.due is not None and charge.due < as_of:
        late = (as_of - charge.due).days
    return Loan(
        record.id,
        record.title,
        charge.to,
        charge.since,
        charge.due,
        charge.returned,
        record.location or "",
        late,
    )


def current_loans(
    catalogue: Catalogue, as_of: date, *, overdue: bool = False, person: str | None = None
) -> list[Loan]:
    """Files out on ``as_of`` (charged out on or before it), by due date then id; ``overdue``:
    only those not back by their due date; ``person``: only those with that person (any case)."""
    loans = []
    for record in catalogue.records.values():
        charge = record.charge_out
        if charge is None or (charge.since is not None and charge.since > as_of):
            continue
        if person is not None and charge.to.casefold() != person.casefold():
            continue
        loan = _loan(record, charge, as_of)
        if overdue and not loan.overdue_days:
            continue
        loans.append(loan)
    return sorted(loans, key=lambda loan: (loan.due or date.max, loan.id))


def loan_history(record: Record) -> list[Loan]:
    """Every loan of ``record``, oldest first: its ``charge_history``, then the current one."""
    loans = [_loan(record, charge, None) for charge in record.charge_history]
    if record.charge_out is not None:
        loans.append(_loan(record, record.charge_out, None))
    return loans
