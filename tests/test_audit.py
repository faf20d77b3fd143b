"""``fonds audit``: every bucket, through the CLI, and scan files as scanners (and people) make them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .custody_office import make_shelf
from .office import run

ALL_BUCKETS = "LOC-S1\nMB000001\nA001\nMB000002\nA003\nA004\nA007\nNOSUCH1\n"


@pytest.fixture
def shelf(tmp_path: Path) -> Path:
    return make_shelf(tmp_path)


def audit(root: Path, scans: bytes | str, *extra: str, location: str = "RC-S1") -> tuple[int, str]:
    path = root.parent / "scans.txt"
    path.write_bytes(scans.encode("utf-8") if isinstance(scans, str) else scans)
    return run("audit", location, str(path), "--root", str(root), *extra)


def buckets(output: str) -> dict[str, str]:
    """Item (or barcode) -> bucket, from the JSON output."""
    rows = json.loads(output)["rows"]
    return {row["item"] or row["barcode"]: row["bucket"] for row in rows}


def test_every_item_lands_in_exactly_one_bucket(shelf: Path) -> None:
    code, output = audit(shelf, ALL_BUCKETS, "--format", "json")
    assert code == 1, output
    assert buckets(output) == {
        "RC-BX-1": "present",
        "RC-BX-2": "present",
        "ADM-001": "present",
        "ADM-005": "missing",
        "ADM-004": "misplaced",
        "NOSUCH1": "unexpected",
        "ADM-003": "charged-out-found",
        "ADM-007": "ended-found",
        "ADM-006": "charged-out",
    }, output
    rows = {row["item"]: row for row in json.loads(output)["rows"]}
    assert rows["ADM-004"]["catalogued"] == "TH-OFF"
    assert rows["ADM-004"]["found"] == "RC-BX-2"
    assert "A. Patel" in rows["ADM-003"]["note"]


def test_text_report_names_where_a_misplaced_file_belongs(shelf: Path) -> None:
    code, output = audit(shelf, ALL_BUCKETS)
    assert code == 1, output
    assert "catalogued at TH-OFF" in output
    assert "1 missing, 1 misplaced, 1 unexpected, 1 charged out but found" in output


def test_nothing_missing_or_misplaced_exits_0(shelf: Path) -> None:
    code, output = audit(shelf, "MB000001\nA001\nA005\nMB000002\n")
    assert code == 0, output
    assert "nothing missing or misplaced" in output


def test_charged_out_file_not_scanned_is_not_missing(shelf: Path) -> None:
    code, output = audit(shelf, "A001\nA005\nMB000001\nMB000002\n", "--format", "json")
    assert code == 0, output
    assert buckets(output)["ADM-006"] == "charged-out"
    assert buckets(output)["ADM-003"] == "charged-out"


@pytest.mark.parametrize("fmt", ["csv", "md"])
def test_other_formats_carry_the_same_buckets(shelf: Path, fmt: str) -> None:
    code, output = audit(shelf, ALL_BUCKETS, "--format", fmt)
    assert code == 1, output
    for bucket in ("missing", "misplaced", "unexpected", "charged-out-found", "ended-found"):
        assert bucket in output, output


def test_csv_export_with_a_time_column(shelf: Path) -> None:
    scans = "Time,Barcode\n2026-11-23T09:00,LOC-S1\n2026-11-23T09:01,A001\n2026-11-23T09:02,A005\n"
    _code, output = audit(shelf, scans, "--format", "json")
    assert buckets(output)["ADM-001"] == "present", output
    assert buckets(output)["RC-BX-1"] == "missing", output


def test_location_barcode_switches_the_current_location(shelf: Path) -> None:
    """At the records centre level, a file scanned after shelf 2's barcode was found on shelf 2."""
    _code, output = audit(shelf, "LOC-S2\nA001\n", "--format", "json", location="RC")
    rows = {row["item"]: row for row in json.loads(output)["rows"]}
    assert rows["ADM-001"]["bucket"] == "misplaced", output
    assert rows["ADM-001"]["found"] == "RC-S2"


def test_location_barcode_outside_the_audited_location(shelf: Path) -> None:
    _code, output = audit(shelf, "A001\nLOC-OFF\nA004\nLOC-S1\nA005\n", "--format", "json")
    assert "LOC-OFF is TH-OFF, outside the audited location" in output
    found = buckets(output)
    assert "ADM-004" not in found, output  # scanned in the office: left out, not misplaced here
    assert found["ADM-005"] == "present"


def test_utf16_with_bom_is_read(shelf: Path) -> None:
    code, output = audit(shelf, "A001\r\nA005\r\nMB000001\r\nMB000002\r\n".encode("utf-16"))
    assert code == 0, output


def test_duplicates_blank_lines_and_whitespace(shelf: Path) -> None:
    code, output = audit(shelf, "\n  A001  \n\nA001\n\tA005\nMB000001\nMB000002\n")
    assert code == 0, output
    assert "A001 was already scanned on line 2; counted once" in output
    assert output.count("ADM-001") == 1


def test_very_long_line_and_bad_characters_are_left_out_with_a_warning(shelf: Path) -> None:
    code, output = audit(shelf, "A001\n" + "X" * 5000 + "\nA<b>5\nA005\nMB000001\nMB000002\n")
    assert code == 0, output
    assert "scans.txt:2:1: warning[scan-unreadable]: a line of 5000 characters" in output
    assert "scans.txt:3:1: warning[scan-unreadable]: 'A<b>5' is not a barcode" in output


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the scan file is empty"),
        (b"\n \n\t\n", "the scan file is empty"),
        (b"A001\n\x00\x01\x02binary", "scans.txt:2: a binary file"),
        (b"A001\nA005\n\xff\xfeZ\n", "scans.txt:3: byte 0xff is not UTF-8"),
        (b"A001\nCaf\xe9\n", "scans.txt:2: byte 0xe9 is not UTF-8"),
        (b"when,who\n1,2\n", "a CSV file without a barcode column"),
    ],
)
def test_unreadable_scan_files_are_refused_with_exit_2(shelf: Path, data: bytes, message: str) -> None:
    code, output = audit(shelf, data)
    assert code == 2, output
    assert message in output
    assert "Traceback" not in output


def test_unknown_location_and_missing_scan_file(shelf: Path) -> None:
    code, output = run("audit", "NOWHERE", str(shelf / "fonds.yml"), "--root", str(shelf))
    assert code == 2
    assert "location 'NOWHERE' is not in catalogue/locations.yml" in output
    code, output = run("audit", "RC-S1", str(shelf / "no-such-scans.txt"), "--root", str(shelf))
    assert code == 2, output
    assert "no-such-scans.txt does not exist" in output


def test_audit_changes_nothing(shelf: Path) -> None:
    from .office import snapshot

    before = snapshot(shelf)
    audit(shelf, ALL_BUCKETS)
    after = snapshot(shelf)
    assert before == after


# --record and --apply: the audit's dated record, and confirmed moves


def test_record_writes_a_dated_audit_file_that_check_accepts(shelf: Path) -> None:
    code, output = audit(shelf, ALL_BUCKETS, "--record", "--by", "j.kowalski", "--date", "2026-11-23")
    assert code == 0, output
    text = (shelf / "catalogue/audits/AUDIT-2026-11-23-RC-S1.yml").read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("# yaml-language-server: $schema=")
    assert text.splitlines()[0].endswith("/audit.schema.json")
    assert "  - bucket: misplaced\n    item: ADM-004\n" in text
    assert "location: TH-OFF" in (shelf / "catalogue/records/adm/ADM-004.yml").read_text(encoding="utf-8")
    code, output = run("check", str(shelf))
    assert code == 0, output


def test_the_next_audit_says_what_changed(shelf: Path) -> None:
    audit(shelf, ALL_BUCKETS, "--record", "--date", "2026-11-23")
    code, output = audit(shelf, "LOC-S1\nMB000001\nA005\nMB000002\n", "--date", "2026-11-30")
    assert code == 1, output
    assert "Since the audit of 2026-11-23 (AUDIT-2026-11-23-RC-S1):" in output
    assert "newly missing: ADM-001" in output
    assert "found again: ADM-005" in output
    _code, output = audit(shelf, "LOC-S1\n", "--date", "2026-11-30", location="RC")
    assert "No earlier audit of this location is recorded." in output


def test_a_second_audit_the_same_day_gets_its_own_file(shelf: Path) -> None:
    audit(shelf, ALL_BUCKETS, "--record", "--date", "2026-11-23")
    audit(shelf, ALL_BUCKETS, "--record", "--date", "2026-11-23")
    assert sorted(p.name for p in (shelf / "catalogue/audits").iterdir()) == [
        "AUDIT-2026-11-23-RC-S1-2.yml",
        "AUDIT-2026-11-23-RC-S1.yml",
    ]
    assert run("check", str(shelf))[0] == 0


def test_apply_moves_only_the_confirmed_misplaced_records(shelf: Path) -> None:
    code, output = audit(
        shelf, ALL_BUCKETS, "--apply", "--confirm", "ADM-004", "--date", "2026-11-23", "--dry-run"
    )
    assert code == 0, output
    assert "-location: TH-OFF\n+location: RC-BX-2" in output
    assert "location: TH-OFF" in (shelf / "catalogue/records/adm/ADM-004.yml").read_text(encoding="utf-8")
    assert not (shelf / "catalogue/audits").exists()
    code, output = audit(shelf, ALL_BUCKETS, "--apply", "--confirm-all", "--date", "2026-11-23")
    assert code == 0, output
    assert "location: RC-BX-2" in (shelf / "catalogue/records/adm/ADM-004.yml").read_text(encoding="utf-8")
    assert "moved:\n  - ADM-004\n" in (shelf / "catalogue/audits/AUDIT-2026-11-23-RC-S1.yml").read_text(
        encoding="utf-8"
    )
    assert run("check", str(shelf))[0] == 0


def test_apply_refusals_change_nothing(shelf: Path) -> None:
    from .office import snapshot

    before = snapshot(shelf)
    code, output = audit(shelf, ALL_BUCKETS, "--apply", "--confirm", "ADM-001")
    assert code == 1, output
    assert "error[not-misplaced]" in output
    assert "--confirm ADM-001: this audit did not find it misplaced" in output
    code, output = audit(shelf, ALL_BUCKETS, "--apply")
    assert code == 2, output
    assert "--apply needs --confirm ID" in output
    code, output = audit(shelf, ALL_BUCKETS, "--confirm", "ADM-004")
    assert code == 2, output
    code, output = audit(shelf, ALL_BUCKETS, "--dry-run")
    assert code == 2, output
    assert snapshot(shelf) == before


def test_check_reports_a_broken_audit_record(shelf: Path) -> None:
    folder = shelf / "catalogue/audits"
    folder.mkdir()
    (folder / "AUDIT-2026-11-23-RC-S1.yml").write_text(
        "id: AUDIT-2026-11-23-NOWHERE\nlocation: NOWHERE\ndate: 2026-11-23\nfindings:\n  - {bucket: lost}\n",
        encoding="utf-8",
    )
    code, output = run("check", str(shelf))
    assert code == 1, output
    assert "catalogue/audits/AUDIT-2026-11-23-RC-S1.yml" in output
    assert "'lost'" in output
    assert "rename the file to AUDIT-2026-11-23-NOWHERE.yml" in output
    assert "location 'NOWHERE' is not in catalogue/locations.yml" in output


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("A001\nA005\n".encode("utf-16-le"), "UTF-16 without a byte-order mark"),
        ("A001\nA005\n".encode("utf-16-be"), "UTF-16 without a byte-order mark"),
        (b"\xef\xbb\xbfA001\n\xff\n", "scans.txt:2: byte 0xff is not UTF-8, though the file starts"),
    ],
)
def test_more_unreadable_encodings(shelf: Path, data: bytes, message: str) -> None:
    code, output = audit(shelf, data)
    assert code == 2, output
    assert message in output


def test_csv_with_a_huge_field_and_a_stray_quote(shelf: Path) -> None:
    scans = "barcode,time\nA001,09:00\n" + "x" * 200_000 + ',09:01\n"A005,09:02\nA005,09:03\n'
    code, output = audit(shelf, scans, "--format", "json")
    assert code == 1, output  # the boxes were not scanned: missing
    assert "Traceback" not in output
    assert "scans.txt:3:1: warning[scan-unreadable]" in output
    assert buckets(output)["ADM-001"] == "present"


def test_utf8_bom_and_crlf_and_utf32(shelf: Path) -> None:
    for data in (
        b"\xef\xbb\xbfA001\r\nA005\r\nMB000001\r\nMB000002\r\n",
        "A001\nA005\nMB000001\nMB000002\n".encode("utf-32"),
    ):
        code, output = audit(shelf, data)
        assert code == 0, output


def test_a_folder_or_a_pipe_is_not_a_scan_file(shelf: Path, tmp_path: Path) -> None:
    import os

    code, output = run("audit", "RC-S1", str(tmp_path), "--root", str(shelf))
    assert code == 2, output
    fifo = tmp_path / "pipe"
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo)
        code, output = run("audit", "RC-S1", str(fifo), "--root", str(shelf))
        assert code == 2, output
        assert "is not a regular file" in output


def test_a_scanner_in_lower_case_still_finds_the_files(shelf: Path) -> None:
    code, output = audit(shelf, "loc-s1\nmb000001\na001\nA001\na005\nMB000002\n", "--format", "json")
    assert code == 0, output
    assert buckets(output)["ADM-001"] == "present"
    assert "a001 was already scanned" not in output
    assert "A001 was already scanned on line 3; counted once" in output


def test_a_csv_of_one_barcode_column(shelf: Path) -> None:
    code, output = audit(shelf, "Barcode\nA001\nA005\nMB000001\nMB000002\n", "--format", "json")
    assert code == 0, output
    assert "Barcode" not in buckets(output)


def test_control_characters_in_arguments_never_reach_the_terminal(shelf: Path) -> None:
    code, output = audit(shelf, "A001\n", location="\x1b[31mRC")
    assert code == 2
    assert "\x1b" not in output
    assert "\\x1b[31mRC" in output
    code, output = run("inventory", "\x1b[2J", "--root", str(shelf))
    assert code == 2
    assert "\x1b" not in output


def test_the_example_sample_scan_file_has_one_item_of_each_bucket() -> None:
    from .conftest import REPO

    scans = REPO / "docs/examples/scans/shelf-TH-B02-S1.txt"
    code, output = run("audit", "TH-B02-S1", str(scans), "--root", str(REPO), "--format", "json")
    assert code == 1, output
    found = set(buckets(output).values())
    assert {"present", "missing", "misplaced", "unexpected", "charged-out-found", "ended-found"} <= found
    assert "scan-repeated" in output
