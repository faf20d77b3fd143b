"""`fonds transfer --box`, and the --location/--class/--from-due selections of transfer and dispose."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from .office import AS_OF, make_office, read, run, snapshot


@pytest.fixture
def office(tmp_path: Path) -> Path:
    return make_office(tmp_path)


def transfer(office: Path, *args: str) -> tuple[int, str]:
    return run("transfer", "--root", str(office), "--date", AS_OF, *args)


def test_a_whole_box_moves_with_its_records_and_list(office: Path) -> None:
    before = snapshot(office)
    code, shown = transfer(office, "--box", "BOX-1", "--to", "RC-S1", "--dry-run")
    assert code == 0, shown
    assert "- FIN-001: Invoices 2020" in shown and "- FIN-002: Invoices 2021" in shown
    assert "different rules or disposal years" in shown  # FIN-002 still waits for its final payment
    assert snapshot(office) == before
    code, output = transfer(office, "--box", "BOX-1", "--to", "RC-S1")
    assert code == 0, output
    assert "- FIN-001: Invoices 2020" in output and "Warning: box BOX-1 holds records" in output
    assert "  - {id: BOX-1, type: box, title: Box 1, parent: RC-S1}\n" in read(
        office, "catalogue/locations.yml"
    )
    for name in ("FIN-001", "FIN-002"):
        text = read(office, f"catalogue/records/fin/{name}.yml")
        assert "location: BOX-1\n" in text and "status: semi-active" in text
    [listing] = [p for p in (office / "transfer-lists").iterdir() if p.suffix == ".csv"]
    rows = list(csv.DictReader(io.StringIO(listing.read_text(encoding="utf-8"))))
    assert [(r["record"], r["box"]) for r in rows] == [("FIN-001", "BOX-1"), ("FIN-002", "BOX-1")]
    assert run("check", "--root", str(office))[0] == 0


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--box", "TH", "--to", "RC-S1"], 2, "'TH' is a building, not a box"),
        (["--box", "NOPE", "--to", "RC-S1"], 2, "location 'NOPE' is not in"),
        (["--box", "BOX-1", "--to", "ARCH"], 2, "a box goes to the archives record by record"),
        (["--box", "BOX-1", "--to", "EDMS"], 2, "a box goes onto a shelf"),
        (["--box", "BOX-1", "--to", "RC-BX-1"], 2, "a box goes onto a shelf"),
        (["--box", "BOX-1", "--to", "BOX-1"], 2, "cannot go inside itself"),
        (["--box", "RC-BX-1", "--to", "RC-S1"], 1, "box RC-BX-1 is already at RC-S1"),
        (["--box", "BOX-1", "FIN-001", "--to", "RC-S1"], 2, "--box moves one whole box"),
    ],
)
def test_box_refusals_change_nothing(office: Path, args: list[str], code: int, message: str) -> None:
    before = snapshot(office)
    found, output = transfer(office, *args)
    assert found == code, output
    assert message in output
    assert snapshot(office) == before


def test_a_box_with_a_charged_out_file_is_refused(office: Path) -> None:
    record = office / "catalogue/records/fin/FIN-001.yml"
    record.write_text(
        record.read_text(encoding="utf-8")
        + "charge_out: {to: A. Chen, since: 2026-11-01, due: 2026-12-31}\n",
        encoding="utf-8",
    )
    before = snapshot(office)
    code, output = transfer(office, "--box", "BOX-1", "--to", "RC-S1")
    assert code == 1 and "FIN-001" in output and "charged out" in output, output
    assert snapshot(office) == before


def test_transfer_selects_by_location_and_lists_every_record_first(office: Path) -> None:
    before = snapshot(office)
    code, output = transfer(office, "--location", "TH-OFF", "--to", "RC-S1", "--dry-run")
    assert code == 0, output
    for name in ("ADM-002", "ADM-004", "CON-001"):
        assert f"- {name}:" in output
    assert snapshot(office) == before


@pytest.mark.parametrize(
    ("command", "args", "message"),
    [
        ("transfer", ["--to", "RC-S1"], "say which records"),
        ("transfer", ["--class", "NOPE", "--to", "RC-S1"], "there is no class 'NOPE'"),
        ("transfer", ["--location", "NOWHERE", "--to", "RC-S1"], "there is no location 'NOWHERE'"),
        (
            "dispose",
            ["--method", "shredding", "--authority", "DA-1", "--approved-by", "A. B", "--witness", "C. D"],
            "say which records",
        ),
        (
            "dispose",
            [
                "--class",
                "NOPE",
                "--method",
                "shredding",
                "--authority",
                "DA-1",
                "--approved-by",
                "A. B",
                "--witness",
                "C. D",
            ],
            "there is no class 'NOPE'",
        ),
    ],
)
def test_selection_usage_errors(office: Path, command: str, args: list[str], message: str) -> None:
    before = snapshot(office)
    code, output = run(command, "--root", str(office), "--date", AS_OF, *args)
    assert code == 2 and message in output, output
    assert snapshot(office) == before


def test_dispose_from_due_lists_what_due_lists(office: Path) -> None:
    due_code, due = run(
        "due", "--root", str(office), "--as-of", "2040-01-01", "--action", "destroy", "--format", "csv"
    )
    ids = sorted({row["id"] for row in csv.DictReader(io.StringIO(due)) if row["state"] != "on-hold"})
    code, output = run(
        "dispose",
        "--root",
        str(office),
        "--date",
        "2040-01-01",
        "--from-due",
        "2040-01-01",
        "--method",
        "shredding",
        "--authority",
        "DA-1",
        "--approved-by",
        "A. B",
        "--witness",
        "C. D",
        "--dry-run",
    )
    assert due_code in (0, 1) and ids, due
    assert code == 0, output
    for record_id in ids:
        assert record_id in output, output


def test_an_item_of_a_list_is_edited_in_place() -> None:
    from fonds.changes.yaml_edit import EditError, SetKey, apply_edits

    text = "locations:\n  - {id: A, type: building, title: A}  # note\n  - id: B\n    type: box\n    title: B\n    parent: A   # keep\n"
    assert apply_edits(text, [SetKey(("locations", "1", "parent"), "RC")]) == text.replace(
        "parent: A ", "parent: RC "
    )
    assert apply_edits(text, [SetKey(("locations", "0", "parent"), "RC")]) == text.replace(
        "title: A}", "title: A, parent: RC}"
    )
    with pytest.raises(EditError, match="no item 5"):
        apply_edits(text, [SetKey(("locations", "5", "parent"), "RC")])
