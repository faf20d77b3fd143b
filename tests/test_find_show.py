"""`fonds find` (searching for a request at the counter) and `fonds show` (one record, whole)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from .conftest import EXAMPLE_AS_OF, REPO
from .office import AS_OF, make_office, run


@pytest.fixture
def office(tmp_path: Path) -> Path:
    root = make_office(tmp_path)
    extra = {
        "catalogue/records/adm/ADM-006.yml": (
            "id: ADM-006\n"
            'title: "Réunion du conseil – procès-verbal"\n'
            "class: ADM-02\n"
            "dates: {created: 2019-05-01}\n"
            "format: paper\n"
            "location: RC-BX-2\n"
            "barcode: P0000006\n"
            "keywords: [ADM-001 follow-up]\n"
        ),
        "catalogue/records/adm/ADM-007.yml": (
            "id: ADM-007\n"
            'title: "Evil name"\n'
            "description: Council minutes copy\n"
            "class: ADM-02\n"
            "dates: {created: 2019-06-01}\n"
            "format: paper\n"
            "location: TH-OFF\n"
            "fields: {motion: M-4512}\n"
        ),
    }
    for name, text in extra.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def find(office: Path, *args: str) -> tuple[int, str]:
    return run("find", *args, "--root", str(office), "--as-of", AS_OF)


def ids(output: str) -> list[str]:
    return [row["id"] for row in json.loads(output)["records"]]


# fonds find


def test_find_ranks_exact_id_then_id_prefix_then_title_then_other_fields(office: Path) -> None:
    code, output = find(office, "ADM-001", "--format", "json")
    assert code == 0, output
    assert ids(output) == ["ADM-001", "ADM-006"]  # ADM-006 names ADM-001 in a keyword
    code, output = find(office, "adm-00", "--format", "json")
    assert ids(output)[:3] == ["ADM-001", "ADM-002", "ADM-003"]
    code, output = find(office, "minutes", "--format", "json")
    assert ids(output) == ["ADM-003", "ADM-007"]  # in the title, then in the description
    assert [r["matched"] for r in json.loads(output)["records"]] == ["title", "other fields"]


def test_find_barcodes_custom_fields_and_no_accents_or_case(office: Path) -> None:
    assert ids(find(office, "p0000006", "--format", "json")[1]) == ["ADM-006"]
    assert ids(find(office, "MB000002", "--format", "json")[1]) == ["ADM-003", "ADM-006"]  # the box's barcode
    assert ids(find(office, "m-4512", "--format", "json")[1]) == ["ADM-007"]
    assert ids(find(office, "REUNION proces", "--format", "json")[1]) == ["ADM-006"]


def test_find_filters_by_class_location_year_and_state(office: Path) -> None:
    assert ids(find(office, "", "--class", "ADM", "--year", "2019", "--format", "json")[1]) == [
        "ADM-004",
        "ADM-006",
        "ADM-007",
    ]
    assert ids(find(office, "", "--location", "RC", "--format", "json")[1]) == ["ADM-001", "ADM-003", "ADM-005", "ADM-006"]  # fmt: skip
    assert ids(find(office, "", "--state", "overdue", "--format", "json")[1]) == ["ADM-001", "ADM-002", "ADM-003", "ADM-005"]  # fmt: skip


def test_find_text_shows_id_title_class_location_state(office: Path) -> None:
    code, output = find(office, "correspondence", "--limit", "1")
    assert code == 0, output
    lines = output.splitlines()
    assert lines[0].split() == ["ID", "TITLE", "CLASS", "LOCATION", "STATE"]
    assert lines[1].split()[0] == "ADM-001" and lines[1].split()[-2:] == ["RC-BX-1", "overdue"]
    assert lines[-1] == "2 records match (the first 1 shown; --limit for more)."


def test_find_nothing_exits_1_and_unknown_class_exits_2(office: Path) -> None:
    code, output = find(office, "zebra")
    assert code == 1 and "No record matches." in output
    code, output = find(office, "x", "--class", "NOPE")
    assert code == 2 and "class 'NOPE' is not in the file plan" in output


def test_find_output_is_safe_in_a_terminal_a_spreadsheet_and_markdown(office: Path) -> None:
    # A control character in a file never reaches the model (fonds check refuses the file);
    # find names the file it could not search, escaped, and shows no raw control character.
    (office / "catalogue/records/adm/ADM-009\x1b[2J.yml").write_text('id: ADM-009\ntitle: "Evil \\e[2J"\n')
    code, output = find(office, "evil")
    assert code == 0, output
    assert "\x1b" not in output and "ADM-009\\x1b[2J.yml" in output
    (office / "catalogue/records/adm/ADM-007.yml").write_text(
        "id: ADM-007\ntitle: '=HYPERLINK(\"x\")|pipe'\nclass: ADM-02\ndates: {created: 2019-06-01}\n"
        "format: paper\nlocation: TH-OFF\n"
    )
    rows = list(csv.reader(io.StringIO(find(office, "ADM-007", "--format", "csv")[1])))
    assert rows[1][1] == '\'=HYPERLINK("x")|pipe'
    assert "\\|pipe" in find(office, "ADM-007", "--format", "md")[1]


def test_find_on_the_example_catalogue() -> None:
    code, output = run(
        "find", "invoices Q1", "--root", str(REPO), "--as-of", EXAMPLE_AS_OF, "--format", "json"
    )
    assert code == 0, output
    assert "FIN-2019-004" in ids(output)


# fonds show


def test_show_tells_marking_origins_rule_location_chain_holds_charge_out_and_relations() -> None:
    code, output = run("show", "CON-2023-001", "--root", str(REPO), "--as-of", EXAMPLE_AS_OF)
    assert code == 0, output
    for expected in (
        "CON-2023-001  ",
        "File: catalogue/records/contracts/CON-2023-001.yml",
        "Rule:          town/PRC-100: Keep 2 years in the office after the contract",
        "Next action:   move to the records centre on 2027-12-31",
        "At:            TH-104-C1 (cabinet, barcode LOC-TH-104-C1)",
        "In:            TH (building, barcode LOC-TH): Town Hall",
        "Charged out:   to H. Fraser (Town Solicitor) since 2026-09-14, due 2026-12-18",
        "HOLD-2024-001: Harlow Paving Ltd. v. Town of Millbrook (Mill Road resurfacing) (in force)",
        "references:    CON-2022-002",
        "referenced by: LEG-2024-001",
    ):
        assert expected in output
    code, output = run("show", "HR-2013-001", "--root", str(REPO), "--as-of", EXAMPLE_AS_OF)
    assert "Level:         confidential (inherited from class HR-01)" in output


def test_show_json_has_the_same_parts(office: Path) -> None:
    code, output = run("show", "FIN-002", "--root", str(office), "--as-of", AS_OF, "--format", "json")
    assert code == 0, output
    shown = json.loads(output)
    assert shown["security"]["level"] == {"value": "confidential", "from": "set on the record"}
    assert shown["relations"] == [
        {"type": "references", "target": "FIN-001", "title": "Invoices 2020", "note": ""},
        {"type": "superseded by", "target": "FIN-003", "title": "Invoice register (electronic)", "note": ""},
    ]
    assert [p["id"] for p in shown["location"]] == ["BOX-1", "TH"]
    assert shown["retention"]["state"] == "awaiting-event"


def test_show_unknown_id_suggests_and_exits_2(office: Path) -> None:
    code, output = run("show", "adm-01", "--root", str(office))
    assert code == 2, output
    assert "record 'adm-01' is not in the catalogue (did you mean 'ADM-001'" in output


def test_show_escapes_control_characters(office: Path) -> None:
    path = office / "catalogue/records/adm/ADM-007.yml"
    path.write_text(path.read_text().replace("Evil name", "Evil \\e[2J name \\u202e"))
    code, output = run("show", "ADM-007", "--root", str(office), "--as-of", AS_OF)
    assert code == 2, output  # the file is refused by the reader: show says so
    assert "\x1b" not in output and "\u202e" not in output
    assert "the file of record 'ADM-007' could not be read" in output


def test_options_are_escaped_in_usage_errors_too(office: Path) -> None:
    code, output = find(office, "x", "--class", "\x1b[2J")
    assert code == 2 and "\x1b" not in output and "class '\\x1b[2J' is not in the file plan" in output
    code, output = run("new", "FIN-01", "--title", "x", "--id", "A\x1bB", "--root", str(office))
    assert code == 2 and "\x1b" not in output and "'A\\x1bB' holds a control character" in output


def test_find_says_which_files_it_could_not_search(office: Path) -> None:
    (office / "catalogue/records/adm/ADM-008.yml").write_bytes(b"id: ADM-008\ntitle: [unclosed\n")
    code, output = find(office, "correspondence")
    assert code == 0, output
    assert "fonds find: 1 file could not be read (catalogue/records/adm/ADM-008.yml, ...)" in output
