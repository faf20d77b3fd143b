"""Charge-outs as a view: which physical files are out, and which are overdue.

Read-only: the commands that lend and take back files are in ``changes/chargeout.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..model import Catalogue, Record


def iter_overdue(catalogue: Catalogue, as_of: date) -> Iterator[Record]:
    """Records charged out and not returned by their due date, in id order."""
    for record in catalogue.records.values():
        charge = record.charge_out
        if charge is not None and charge.due is not None and charge.due < as_of:
            yield record
