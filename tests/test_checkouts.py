"""``fonds checkouts`` and the charge-out history that ``fonds return`` keeps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .custody_office import make_shelf
from .office import read, run

ADM3 = "catalogue/records/adm/ADM-003.yml"


@pytest.fixture
def shelf(tmp_path: Path) -> Path:
    return make_shelf(tmp_path)


def test_register_lists_what_is_out_with_whom_and_until_when(shelf: Path) -> None:
    code, output = run("checkouts", "--root", str(shelf), "--as-of", "2026-11-23", "--format", "json")
    assert code == 0, output
    rows = json.loads(output)["rows"]
    assert [(r["id"], r["to"], r["since"], r["due"], r["overdue_days"]) for r in rows] == [
        ("ADM-006", "B. Jones", "2026-11-02", "2026-11-16", 7),
        ("ADM-003", "A. Patel", "2026-10-01", "2026-12-01", 0),
    ]


def test_overdue_and_person_filters(shelf: Path) -> None:
    _, output = run("checkouts", "--root", str(shelf), "--as-of", "2026-11-23", "--overdue")
    assert "ADM-006" in output
    assert "ADM-003" not in output
    _, output = run("checkouts", "--root", str(shelf), "--as-of", "2026-11-23", "--person", "a. patel")
    assert "ADM-003" in output
    assert "ADM-006" not in output
    _, output = run("checkouts", "--root", str(shelf), "--as-of", "2026-09-01")
    assert "Nothing is charged out." in output


@pytest.mark.parametrize("fmt", ["csv", "md", "text"])
def test_every_format_names_the_borrower(shelf: Path, fmt: str) -> None:
    code, output = run("checkouts", "--root", str(shelf), "--as-of", "2026-11-23", "--format", fmt)
    assert code == 0
    assert "B. Jones" in output
    assert "2026-11-16" in output


def test_return_keeps_the_loan_in_charge_history(shelf: Path) -> None:
    code, output = run("return", "ADM-003", "--date", "2026-11-20", "--root", str(shelf))
    assert code == 0, output
    text = read(shelf, ADM3)
    assert "charge_out" not in text
    assert (
        "charge_history:\n  - to: A. Patel\n    since: 2026-10-01\n    due: 2026-12-01\n    returned: 2026-11-20\n"
        in text
    )
    run(
        "checkout",
        "ADM-003",
        "--to",
        "B. Jones",
        "--due",
        "2027-01-10",
        "--date",
        "2026-11-21",
        "--root",
        str(shelf),
    )
    run("return", "ADM-003", "--date", "2026-12-02", "--root", str(shelf))
    code, output = run("checkouts", "--history", "ADM-003", "--root", str(shelf), "--format", "json")
    assert code == 0, output
    loans = json.loads(output)["rows"]
    assert [(r["to"], r["since"], r["returned"]) for r in loans] == [
        ("A. Patel", "2026-10-01", "2026-11-20"),
        ("B. Jones", "2026-11-21", "2026-12-02"),
    ]
    code, output = run("check", str(shelf))
    assert code == 0, output


def test_checkout_before_the_last_return_is_refused(shelf: Path) -> None:
    run("return", "ADM-003", "--date", "2026-11-20", "--root", str(shelf))
    before = read(shelf, ADM3)
    code, output = run(
        "checkout",
        "ADM-003",
        "--to",
        "B. Jones",
        "--due",
        "2027-01-10",
        "--date",
        "2026-11-01",
        "--root",
        str(shelf),
    )
    assert code == 1, output
    assert "came back from its last loan on 2026-11-20" in output
    assert read(shelf, ADM3) == before


def test_check_reports_loans_out_of_order(shelf: Path) -> None:
    path = shelf / "catalogue/records/adm/ADM-004.yml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "charge_history:\n"
        + "  - {to: A. Patel, since: 2026-03-01, returned: 2026-02-01}\n"
        + "  - {to: B. Jones, since: 2026-01-01, returned: 2026-04-01}\n"
        + "charge_out: {to: A. Patel, since: 2026-03-15, due: 2026-05-01}\n",
        encoding="utf-8",
    )
    code, output = run("check", str(shelf))
    assert code == 1, output
    assert "came back on 2026-02-01 before it was charged out to A. Patel on 2026-03-01" in output
    assert "began on 2026-01-01, before the loan above it ended (2026-02-01)" in output
    assert "charged out to A. Patel on 2026-03-15, before its last loan ended (2026-04-01)" in output


def test_history_of_an_unknown_record_is_a_usage_error(shelf: Path) -> None:
    code, output = run("checkouts", "--history", "NOPE-1", "--root", str(shelf))
    assert code == 2
    assert "record 'NOPE-1' is not in the catalogue" in output
