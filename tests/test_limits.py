"""Every command applies the schema's limits to the ids and names it is given before it touches
the file system: a clear usage error (exit 2) and nothing written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fonds.changes.hold import HoldOrder, plan_place
from fonds.changes.plan import RequestError
from fonds.reading.loader import load_catalogue

from .office import AS_OF, make_office, run, snapshot

LONG_ID = "A" * 300
LONG_NAME = "N" * 201

HOLD = ["hold", "place", "HOLD-9", "--title", "T", "--reason", "R", "--authority", "A", "--placed-by", "P"]
DISPOSE = ["dispose", "ADM-001", "--method", "shredding", "--authority", "DA", "--approved-by", "A",
           "--witness", "W", "--date", AS_OF]  # fmt: skip
TRANSFER = ["transfer", "ADM-002", "--to", "RC-BX-2", "--date", AS_OF]
CHECKOUT = ["checkout", "ADM-004", "--to", "A. Patel", "--due", "2027-01-01"]


def _swap(args: list[str], old: str, new: str) -> list[str]:
    return [new if a == old else a for a in args]


CASES = [
    [*_swap(HOLD, "HOLD-9", LONG_ID), "--record", "ADM-001"],
    [*HOLD, "--record", LONG_ID],
    [*HOLD, "--class", LONG_ID],
    [*_swap(HOLD, "P", LONG_NAME), "--record", "ADM-001"],
    [*_swap(HOLD, "P", "Eve\x1b[2K"), "--record", "ADM-001"],
    ["hold", "release", LONG_ID, "--by", "A"],
    ["hold", "release", "HOLD-001", "--by", LONG_NAME],
    _swap(CHECKOUT, "ADM-004", LONG_ID),
    _swap(CHECKOUT, "A. Patel", LONG_NAME),
    _swap(CHECKOUT, "A. Patel", "A.\nPatel"),
    ["return", LONG_ID],
    _swap(DISPOSE, "ADM-001", LONG_ID),
    _swap(DISPOSE, "W", LONG_NAME),
    _swap(TRANSFER, "ADM-002", LONG_ID),
    _swap(TRANSFER, "RC-BX-2", LONG_ID),
    _swap(TRANSFER, "RC-BX-2", "../x"),
    ["event", "FIN-002", "e" * 300, "--date", AS_OF],
    ["event", LONG_ID, "final-payment", "--date", AS_OF],
    [*DISPOSE, "--certificate-dir", "c" * 256],
    [*TRANSFER, "--list-dir", "lists/" + "l" * 256],
    [*TRANSFER, "--list-dir", "lists\nx"],
]


@pytest.mark.parametrize("args", CASES, ids=range(len(CASES)))
def test_a_value_beyond_the_schema_is_a_usage_error_and_writes_nothing(
    tmp_path: Path, args: list[str]
) -> None:
    office = make_office(tmp_path)
    before = snapshot(office)
    code, output = run(*args, "--root", str(office))
    assert code == 2, output
    assert "Traceback" not in output and "OSError" not in output
    words = ("characters long", "cannot be", "control character", "longer than a folder name")
    assert any(word in output for word in words), output
    assert snapshot(office) == before


def test_the_planner_itself_refuses_before_building_a_file_name(tmp_path: Path) -> None:
    office = make_office(tmp_path)
    catalogue, problems = load_catalogue(office)
    order = HoldOrder(LONG_ID, "T", "R", "A", "P", date(2026, 11, 23), records=("ADM-001",))
    with pytest.raises(RequestError, match=r"hold id: 'AAAA.*' is 300 characters long: an id has at most 80"):
        plan_place(catalogue, problems, office, order)
