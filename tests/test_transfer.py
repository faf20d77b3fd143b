"""`fonds transfer`: moves between storage places, transfers to the archives, transfer lists."""

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


TO_ARCHIVES = ["--to", "ARCH", "--authority", "By-law 2019-14", "--approved-by", "M. Okafor"]


def test_a_move_to_the_records_centre_changes_location_and_status_byte_for_byte(office: Path) -> None:
    before = snapshot(office)
    code, output = transfer(office, "ADM-002", "--to", "RC-BX-2")
    assert code == 0, output
    assert (office / "catalogue/records/adm/ADM-002.yml").read_bytes() == (
        b"id: ADM-002\r\n"
        b"title: Correspondence 2020\r\n"
        b"class: ADM-01\r\n"
        b"dates: {created: 2020-01-06, closed: 2020-12-18}\r\n"
        b"format: paper\r\n"
        b"location: RC-BX-2\r\n"
        b"status: semi-active  # still in the office"
    )
    after = snapshot(office)
    assert {name for name in after if after[name] != before.get(name)} == {
        "catalogue/records/adm/ADM-002.yml",
        "transfer-lists/TL-2026-11-23-1.csv",
        "transfer-lists/TL-2026-11-23-1.html",
    }
    assert "Move 1 record to RC-BX-2 (Box 2 at the centre): ADM-002" in output
    assert run("check", "--root", str(office))[0] == 0


def test_the_transfer_list_has_boxes_extents_and_date_ranges(office: Path) -> None:
    code, output = transfer(office, "ADM-002", "ADM-004", "--to", "RC-BX-2", "--list-dir", "lists")
    assert code == 0, output
    rows = list(csv.DictReader(io.StringIO(read(office, "lists/TL-2026-11-23-1.csv"))))
    assert rows == [
        {"item": "1", "box": "RC-BX-2", "box barcode": "MB000002", "record": "ADM-002", "title": "Correspondence 2020",
         "date from": "2020-01-06", "date to": "2020-12-18", "extent": "", "from location": "TH-OFF",
         "class": "ADM-01", "disposal": "destroy 2025-12-31", "hold": "",
         "warning": "destruction was due 2025-12-31: past its date; check before shelving it"},
        {"item": "2", "box": "RC-BX-2", "box barcode": "MB000002", "record": "ADM-004", "title": "By-law 2019-14",
         "date from": "2019-03-12", "date to": "", "extent": "", "from location": "TH-OFF",
         "class": "ADM-03", "disposal": "permanent", "hold": "", "warning": ""},
    ]  # fmt: skip
    html = read(office, "lists/TL-2026-11-23-1.html")
    assert "<h1>Transfer list TL-2026-11-23-1</h1>" in html
    assert "<dt>To</dt><dd>Box 2 at the centre (RC-BX-2)</dd>" in html
    assert "<dt>Received by</dt><dd>Records centre</dd>" in html  # the centre signs, not the box
    assert "<dt>Records</dt><dd>2 records (extent not recorded)</dd>" in html
    assert "<tr><td>Received by</td><td>Records centre</td>" in html
    assert "Item 1, ADM-002: destruction was due 2025-12-31: past its date" in html


def test_the_transfer_list_escapes_titles(office: Path) -> None:
    code, output = transfer(office, "ADM-005", "--to", "RC-BX-2")
    assert code == 0, output
    html = read(office, "transfer-lists/TL-2026-11-23-1.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html and "<script>" not in html


def test_a_transfer_to_the_archives_leaves_a_tombstone(office: Path) -> None:
    code, output = transfer(office, "ADM-003", *TO_ARCHIVES, "--witness", "A. Archivist")
    assert code == 0, output
    assert (
        read(office, "catalogue/records/adm/ADM-003.yml")
        == """\
id: ADM-003
title: Council minutes 2010
class: ADM-02
dates: {created: 2010-01-12, closed: 2010-12-14}
format: paper
extent: {quantity: 1, unit: boxes}
status: transferred
disposition:
  action: transfer
  date: 2026-11-23
  authority: town/MIN; By-law 2019-14
  approved_by: M. Okafor
  witness: A. Archivist
  to: Testing Community Archives
  certificate: TL-2026-11-23-1
"""
    )
    assert "Transfer 1 record to the archives (Testing Community Archives): ADM-003" in output
    html = read(office, "transfer-lists/TL-2026-11-23-1.html")
    assert "<h1>Transfer to the archives TL-2026-11-23-1</h1>" in html
    assert "<td>RC-BX-2</td><td>MB000002</td><td>ADM-003</td>" in html
    assert run("check", "--root", str(office))[0] == 0


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["ADM-001", *TO_ARCHIVES], "error[disposal-action]: ADM-001's retention rule (town/COR) ends in 'destroy', "
         "not 'transfer'; use fonds dispose"),
        (["ADM-003", *TO_ARCHIVES, "--date", "2017-06-01"], "error[not-due]: ADM-003 cannot be transferred on "
         "2017-06-01: it is not due until 2017-12-31"),
        (["FIN-003", "--to", "RC-BX-1"], "error[not-physical]: FIN-003 is an electronic record"),
        (["ADM-001", "--to", "RC-BX-1"], "error[no-change]: ADM-001 is already at RC-BX-1"),
        (["NOPE-001", "--to", "RC-BX-1"], "error[unknown-record]: there is no record 'NOPE-001'"),
    ],
)  # fmt: skip
def test_refusals_change_nothing(office: Path, args: list[str], expected: str) -> None:
    before = snapshot(office)
    code, output = transfer(office, *args)
    assert code == 1, output
    assert expected in output
    assert snapshot(office) == before


def test_a_held_record_may_move_but_not_leave_for_the_archives(office: Path) -> None:
    before = snapshot(office)
    code, output = transfer(office, "FIN-001", *TO_ARCHIVES, "--early", "--reason", "x")
    assert code == 1, output
    assert "error[on-hold]: FIN-001 is under legal hold HOLD-001" in output
    assert snapshot(office) == before
    code, output = transfer(office, "FIN-001", "--to", "RC-BX-1")
    assert code == 0, output
    assert "location: RC-BX-1\n" in read(office, "catalogue/records/fin/FIN-001.yml")
    assert "Warning: Item 1, FIN-001: under legal hold HOLD-001: DO NOT DESTROY" in output
    [row] = csv.DictReader(io.StringIO(read(office, "transfer-lists/TL-2026-11-23-1.csv")))
    assert row["hold"] == "HOLD-001: DO NOT DESTROY"
    assert row["disposal"] == "DO NOT DESTROY (legal hold); then destroy 2028-03-31"
    html = read(office, "transfer-lists/TL-2026-11-23-1.html")
    assert "<dt>Warning</dt><dd>Item 1, FIN-001: under legal hold HOLD-001: DO NOT DESTROY</dd>" in html
    assert "<td>HOLD-001: DO NOT DESTROY</td>" in html


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ADM-002", "--to", "NOWHERE"], "location 'NOWHERE' is not in catalogue/locations.yml"),
        (["ADM-002", "--to", "EDMS"], "'EDMS' is a system"),
        (["ADM-003", "--to", "ARCH"], "a transfer to the archives needs --authority and --approved-by"),
        (
            ["ADM-002", "--to", "RC-S1", "--archives", "X"],
            "--early and --archives are for transfers to an archives",
        ),
    ],
)
def test_usage_errors_exit_2(office: Path, args: list[str], message: str) -> None:
    before = snapshot(office)
    code, output = transfer(office, *args)
    assert code == 2, output
    assert message in output
    assert snapshot(office) == before
