"""`fonds dispose`: tombstones, the certificate of destruction, and every refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from .office import AS_OF, make_office, read, run, snapshot

SIGN_OFF = ["--method", "shredding", "--authority", "DA-2026-04", "--approved-by", "M. Okafor",
            "--witness", "T. Whitfield", "--date", AS_OF]  # fmt: skip


@pytest.fixture
def office(tmp_path: Path) -> Path:
    return make_office(tmp_path)


def dispose(office: Path, *args: str) -> tuple[int, str]:
    return run("dispose", "--root", str(office), *args)


def test_a_due_record_becomes_a_tombstone_and_nothing_else_changes(office: Path) -> None:
    before = snapshot(office)
    code, output = dispose(office, "ADM-001", *SIGN_OFF)
    assert code == 0, output
    assert (
        read(office, "catalogue/records/adm/ADM-001.yml")
        == """\
# Correspondence file, kept by the Clerk
id: ADM-001
title: "General correspondence: 2015"     # quoted because of ': '
class: ADM-01
dates:
  created: 2015-01-05
  closed: 2015-12-31

department: clerk
format: paper
extent: {quantity: 2, unit: boxes}
keywords: ['no', '010', "yes"]
status: destroyed
disposition:
  action: destroy
  date: 2026-11-23
  method: shredding
  authority: town/COR; DA-2026-04
  approved_by: M. Okafor
  witness: T. Whitfield
  certificate: COD-2026-11-23-1
notes: >-
  Folded notes that
  span two lines.
"""
    )
    after = snapshot(office)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {
        "catalogue/records/adm/ADM-001.yml",
        "certificates/COD-2026-11-23-1.md",
        "certificates/COD-2026-11-23-1.html",
    }
    assert "Dispose of 1 record under town/COR: ADM-001" in output
    assert run("check", "--root", str(office)) == (0, "9 records checked: 0 errors, 0 warnings\n")
    code, output = run("due", "--root", str(office), "--as-of", AS_OF, "--state", "destroyed")
    assert "ADM-001" in output


def test_the_certificate_lists_each_record_with_its_rule_and_authority(office: Path) -> None:
    code, output = dispose(office, "ADM-001", "ADM-005", *SIGN_OFF)
    assert code == 0, output
    markdown = read(office, "certificates/COD-2026-11-23-1.md")
    assert markdown.startswith("# Certificate of destruction COD-2026-11-23-1\n")
    assert "- **Method:** shredding\n" in markdown
    assert (
        "| ADM-001 | General correspondence: 2015 | ADM-01 | 2015-01-05 – 2015-12-31 | 2 boxes | RC-BX-1 "
        "| town/COR | By-law 2019-14 | 2020-12-31 |  |"
    ) in markdown
    assert "| Witness | T. Whitfield | | |" in markdown
    html = read(office, "certificates/COD-2026-11-23-1.html")
    assert "<td>ADM-001</td><td>General correspondence: 2015</td>" in html
    assert "<tr><td>Approved by</td><td>M. Okafor</td><td></td><td></td></tr>" in html


def test_certificates_escape_what_the_catalogue_says(office: Path) -> None:
    code, output = dispose(office, "ADM-005", *SIGN_OFF[:-4], "--witness", "<b>W</b>", "--date", AS_OF)
    assert code == 0, output
    html = read(office, "certificates/COD-2026-11-23-1.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert "<script>" not in html and "<b>W</b>" not in html
    markdown = read(office, "certificates/COD-2026-11-23-1.md")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in markdown
    assert "<script>" not in markdown


def test_certificate_numbers_follow_the_ones_already_used(office: Path) -> None:
    assert dispose(office, "ADM-001", *SIGN_OFF)[0] == 0
    code, output = dispose(office, "ADM-005", *SIGN_OFF)
    assert code == 0, output
    assert "certificate: COD-2026-11-23-2" in read(office, "catalogue/records/adm/ADM-005.yml")
    assert (office / "certificates/COD-2026-11-23-2.html").is_file()


def test_dry_run_prints_the_diff_and_changes_nothing(office: Path) -> None:
    before = snapshot(office)
    code, output = dispose(office, "ADM-001", *SIGN_OFF, "--dry-run")
    assert code == 0, output
    assert snapshot(office) == before
    assert "--- a/catalogue/records/adm/ADM-001.yml\n+++ b/catalogue/records/adm/ADM-001.yml\n" in output
    assert "-location: RC-BX-1   # moved 2018\n" in output
    assert "+status: destroyed\n" in output
    assert "--- /dev/null\n+++ b/certificates/COD-2026-11-23-1.md\n" in output
    assert "Dry run, nothing was changed: Dispose of 1 record under town/COR: ADM-001" in output
    assert "Without --dry-run: 1 file would change, 2 files would be created." in output


@pytest.mark.parametrize(
    ("records", "extra", "expected"),
    [
        (["ADM-999"], [], "catalogue/records: error[unknown-record]: there is no record 'ADM-999'"),
        (["ADM-01"], [], "there is no record 'ADM-01' (did you mean 'ADM-001'?)"),
        (["FIN-001"], ["--early", "--reason", "space"], "error[on-hold]: FIN-001 is under legal hold HOLD-001 "
         "(Supplier dispute, placed 2023-01-10 by A. Chen): it cannot be destroyed until the hold is released"),
        (["FIN-002"], [], "error[not-due]: FIN-002 cannot be destroyed on 2026-11-23: its retention has not "
         "started: waiting for final-payment"),
        (["ADM-002"], ["--date", "2025-06-01"], "error[not-due]: ADM-002 cannot be destroyed on 2025-06-01: it "
         "is not due until 2025-12-31 under town/COR (to do it anyway, give --early with a --reason)"),
        (["ADM-003"], [], "error[disposal-action]: ADM-003's retention rule (town/MIN) ends in 'transfer', not "
         "'destroy'; use fonds transfer"),
        (["ADM-004"], ["--early", "--reason", "x"], "ADM-004's retention rule (town/BYL) ends in permanent "
         "retention, not 'destroy'"),
    ],
)  # fmt: skip
def test_refusals_name_the_reason_and_change_nothing(
    office: Path, records: list[str], extra: list[str], expected: str
) -> None:
    before = snapshot(office)
    code, output = dispose(office, *records, *SIGN_OFF, *extra)
    assert code == 1, output
    assert expected in output
    assert "fonds dispose: refused, nothing was changed" in output
    assert snapshot(office) == before


def test_one_refusal_stops_the_whole_batch_and_all_are_listed(office: Path) -> None:
    before = snapshot(office)
    code, output = dispose(office, "ADM-001", "FIN-002", "ADM-003", "NOPE-001", *SIGN_OFF)
    assert code == 1, output
    assert "refused, nothing was changed (3 problems)" in output
    assert snapshot(office) == before


def test_a_destroyed_record_is_never_disposed_of_again(office: Path) -> None:
    assert dispose(office, "ADM-001", *SIGN_OFF)[0] == 0
    before = snapshot(office)
    code, output = dispose(office, "ADM-001", *SIGN_OFF)
    assert code == 1, output
    assert (
        "catalogue/records/adm/ADM-001.yml:13:1: error[record-disposed]: ADM-001 was already destroyed on "
        "2026-11-23 (certificate COD-2026-11-23-1)"
    ) in output
    assert snapshot(office) == before


def test_a_charged_out_file_is_returned_before_it_is_destroyed(office: Path) -> None:
    assert run("checkout", "ADM-001", "--root", str(office), "--to", "a.chen", "--due", "2026-12-01")[0] == 0
    code, output = dispose(office, "ADM-001", *SIGN_OFF)
    assert code == 1, output
    assert "error[charged-out]: ADM-001 is charged out to a.chen" in output


def test_early_disposal_records_its_reason(office: Path) -> None:
    reason = ["--early", "--reason", "Duplicate of the EDMS copy"]
    code, output = dispose(office, "ADM-001", "ADM-002", *SIGN_OFF[:-1], "2025-06-01", *reason)
    assert code == 0, output
    text = read(office, "catalogue/records/adm/ADM-002.yml")
    assert (
        "  authority: 'town/COR; DA-2026-04; destroyed early (due 2025-12-31): Duplicate of the EDMS copy'\r\n"
        in text
    )
    assert "  authority: town/COR; DA-2026-04\n" in read(
        office, "catalogue/records/adm/ADM-001.yml"
    )  # was due
    certificate = read(office, "certificates/COD-2025-06-01-1.md")
    assert "| 2025-12-31 | early: Duplicate of the EDMS copy |" in certificate
    assert "| 2020-12-31 |  |" in certificate


def test_a_hold_released_before_the_date_no_longer_stops_disposal(office: Path) -> None:
    assert (
        run("hold", "release", "HOLD-001", "--root", str(office), "--by", "A. Chen", "--date", "2027-01-01")[
            0
        ]
        == 0
    )
    code, output = dispose(office, "FIN-001", *SIGN_OFF[:-1], "2028-04-01")
    assert code == 0, output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ADM-001", *SIGN_OFF, "--early"], "--early and --reason go together"),
        (["ADM-001", *SIGN_OFF, "--reason", "x"], "--early and --reason go together"),
        (["ADM-001", *SIGN_OFF[:-2]], "Missing option '--date'"),
        (["ADM-001", *SIGN_OFF, "--dry-run", "--commit"], "--dry-run and --commit cannot be used together"),
        ([*SIGN_OFF], "say which records: RECORD..., --location, --class or --from-due"),
    ],
)
def test_usage_errors_exit_2(office: Path, args: list[str], message: str) -> None:
    before = snapshot(office)
    code, output = dispose(office, *args)
    assert code == 2, output
    assert message in output
    assert snapshot(office) == before


def test_a_record_file_with_errors_is_not_edited(office: Path) -> None:
    path = office / "catalogue/records/adm/ADM-001.yml"
    path.write_text(path.read_text().replace("format: paper", "format: papyrus"))
    before = snapshot(office)
    code, output = dispose(office, "ADM-001", *SIGN_OFF)
    assert code == 1, output
    assert "ADM-001.yml:10:1: error[schema]: 'format' must be one of: paper, electronic, hybrid" in output
    assert snapshot(office) == before


def test_a_hold_placed_after_the_date_given_still_stops_disposal(office: Path) -> None:
    place = ["hold", "place", "HOLD-002", "--title", "Audit", "--reason", "Audit", "--authority", "Auditor",
             "--placed-by", "A. Chen", "--record", "ADM-001", "--date", "2026-12-01", "--root", str(office)]  # fmt: skip
    assert run(*place)[0] == 0
    before = snapshot(office)
    code, output = dispose(office, "ADM-001", *SIGN_OFF)  # recorded as destroyed on 2026-11-23
    assert code == 1, output
    assert (
        "error[on-hold]: ADM-001 is under legal hold HOLD-002 (Audit, placed 2026-12-01 by A. Chen)" in output
    )
    assert snapshot(office) == before


def test_the_authority_is_not_written_twice() -> None:
    from fonds.changes.dispose import combined_authority

    assert combined_authority("town/FIN-01", "town/FIN-01") == "town/FIN-01"
    assert combined_authority("town/FIN-01", "Minute 2026-11") == "town/FIN-01; Minute 2026-11"
    assert combined_authority(None, "Minute 2026-11") == "Minute 2026-11"
