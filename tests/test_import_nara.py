"""Importing NARA's General Records Schedules CSV (fonds.importers.nara).

The fixture is 51 real rows of grs-csv-transmittal36.csv, byte for byte (BOM, CRLF, quoted
fields with line breaks, U+2010 hyphens); the expected values below were read off the CSV.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from fonds.cli import main
from fonds.diagnostics import Severity
from fonds.importers.nara import ImportResult, Retention, import_nara_grs, parse_retention
from fonds.importers.schedule_yaml import render_schedule_yaml
from fonds.reading import schemas
from fonds.reading.yamlfile import parse_document

from .conftest import REPO, TESTS

SAMPLE = TESTS / "fixtures" / "nara" / "grs-csv-transmittal36-sample.csv"
SOURCE = "https://www.archives.gov/records-mgmt/grs (grs-csv-transmittal36.csv)"


def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()


@pytest.fixture(scope="module")
def result() -> ImportResult:
    return import_nara_grs(sample_bytes(), SOURCE)


def items(result: ImportResult) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in result.schedule["items"]}


def test_fixture_is_the_published_bytes() -> None:
    raw = sample_bytes()
    assert raw.startswith(b"\xef\xbb\xbfGRS ID,Record Title,")
    assert b"\r\n" in raw
    assert "DAA\u2010GRS\u20102022\u20100006\u20100001".encode() in raw  # as published


def test_every_row_becomes_an_item_in_csv_order(result: ImportResult) -> None:
    ids = [item["id"] for item in result.schedule["items"]]
    assert len(ids) == 51
    assert len(set(ids)) == 51
    assert ids[:3] == ["1.1.001", "1.1.010", "1.1.011"]
    assert ids[-3:] == ["6.2.010", "6.4.020", "6.7.010"]
    assert ids == sorted(ids)  # the CSV is in GRS order


def test_schedule_header(result: ImportResult) -> None:
    schedule = result.schedule
    assert schedule["id"] == "nara-grs"
    assert schedule["title"] == "NARA General Records Schedules (Transmittal 36)"
    assert schedule["issuer"] == "National Archives and Records Administration"
    assert schedule["version"] == "Transmittal 36"
    assert schedule["source"] == SOURCE


def test_title_without_transmittal_in_source() -> None:
    schedule = import_nara_grs(sample_bytes(), "grs.csv").schedule
    assert schedule["title"] == "NARA General Records Schedules"
    assert "version" not in schedule
    assert schedule["source"] == "grs.csv"


def test_final_action_row_1_1_010(result: ImportResult) -> None:
    assert items(result)["1.1.010"] == {
        "id": "1.1.010",
        "title": (
            "Financial transaction records related to procuring goods and services, paying bills, "
            "collecting debts, and accounting - Official record held in the office of record"
        ),
        "description": "Classification: Financial Management.",
        "citation": "28 U.S. Code 2401(a)",
        "disposition_authority": "DAA-GRS-2013-0003-0001",
        "rule": {
            "trigger": "event",
            "event": "final-action",  # "Final action " with a trailing space in the CSV
            "retain": "P6Y",
            "final_action": "destroy",
            "minimum": True,
        },
        "updated": "12/2021",
    }


def test_creation_age_row_with_comment(result: ImportResult) -> None:
    item = items(result)["1.1.001"]
    assert item["rule"] == {
        "trigger": "creation",
        "retain": "P3Y",
        "final_action": "destroy",
        "minimum": True,
    }
    assert item["notes"] == "6/2023: Corrected GRS ID."
    assert item["updated"] == "6/2023"


@pytest.mark.parametrize(
    ("grs_id", "written", "retain"),
    [
        ("3.2.035", "72h", "PT72H"),
        ("2.7.064", "30d", "P30D"),
        ("6.4.020", "90d", "P90D"),
        ("5.6.030", "3m", "P3M"),
        ("5.6.021", "6m", "P6M"),
        ("3.2.036", "30m", "P30M"),
        ("1.1.011", "0", "P0D"),
        ("2.4.040", "56", "P56Y"),
        ("2.7.062", "60", "P60Y"),
    ],
)
def test_retention_periods(result: ImportResult, grs_id: str, written: str, retain: str) -> None:
    rule = items(result)[grs_id]["rule"]
    assert rule["retain"] == retain, f"GRS {grs_id} has {written!r}"
    assert "implementable" not in rule


def test_no_longer_needed_is_not_a_minimum(result: ImportResult) -> None:
    # "Longer Retention Authorized?" is N/A for 1.1.011, No for 2.1.050.
    assert "minimum" not in items(result)["1.1.011"]["rule"]
    assert "minimum" not in items(result)["2.1.050"]["rule"]
    assert items(result)["1.1.011"]["rule"]["event"] == "no-longer-needed"


def test_permanent_is_transfer(result: ImportResult) -> None:
    assert items(result)["6.2.010"]["rule"] == {
        "trigger": "creation",
        "retain": "P15Y",
        "final_action": "transfer",
    }


def test_variable_row_is_not_implementable(result: ImportResult) -> None:
    rule = items(result)["6.1.010"]["rule"]
    assert rule["implementable"] is False
    assert rule["final_action"] == "transfer"
    assert "trigger" not in rule and "retain" not in rule and "event" not in rule
    assert "Retention (Years) is '[Variable]'" in rule["note"]
    assert "Event Type (General) is '[Variable]'" in rule["note"]


def test_range_row_is_a_retention_window(result: ImportResult) -> None:
    """GRS 2.3.060 '4-7': may be destroyed after 4 years, must be by 7 (issue 10, pattern 3)."""
    rule = items(result)["2.3.060"]["rule"]
    assert rule == {
        "trigger": "event",
        "event": "final-action",
        "retain": "P4Y",
        "retain_max": "P7Y",
        "final_action": "destroy",
    }


@pytest.mark.parametrize(
    ("written", "retention"),
    [
        ("4-7", Retention("range", "P4Y", "P7Y")),
        ("7 - 4", Retention("range", "P4Y", "P7Y")),
        ("4–7", Retention("range", "P4Y", "P7Y")),
        ("3-6m", Retention("range", "P3M", "P6M")),
        ("30d-1y", Retention("range", "P30D", "P1Y")),
        ("18m-1", Retention("range", "P1Y", "P18M")),
        ("0-3", Retention("range", "P0D", "P3Y")),
        ("5-5", Retention("period", "P5Y")),
        ("4 to 7", Retention("range", "P4Y", "P7Y")),
        ("4-", Retention("unrecognised")),
    ],
)
def test_ranges_with_units(written: str, retention: Retention) -> None:
    assert parse_retention(written) == retention


def test_not_applicable_row_like_the_hand_made_5_3_010(result: ImportResult) -> None:
    item = items(result)["5.3.010"]
    assert item["rule"]["implementable"] is False
    assert item["rule"]["final_action"] == "destroy"
    assert item["rule"]["minimum"] is True
    assert "'N/A'" in item["rule"]["note"]
    assert item["notes"] == "This item is not machine-implementable and will be revised."


def test_retired_row_links_its_successor(result: ImportResult) -> None:
    # 4.2.010 is "Superseded by" DAA-GRS-2022-0009-0001, the authority of 5.2.010.
    item = items(result)["4.2.010"]
    assert item["superseded_by"] == "nara-grs/5.2.010"
    assert item["rule"]["final_action"] == "review"
    assert item["rule"]["implementable"] is False
    assert item["rule"]["note"].startswith("Retired; superseded by GRS 5.2.010 (DAA-GRS-2022-0009-0001).")
    assert "disposition_authority" not in item  # "N/A " in the CSV


def test_retired_row_with_successor_outside_the_file(result: ImportResult) -> None:
    item = items(result)["4.1.050"]
    assert "superseded_by" not in item
    assert "DAA-GRS-2022-0010-0003" in item["notes"]
    assert "DAA-GRS-2022-0010-0003" in item["rule"]["note"]
    [diagnostic] = result.diagnostics
    assert diagnostic.severity is Severity.WARNING
    assert diagnostic.code == "unknown-schedule-item"
    assert (diagnostic.file, diagnostic.line) == (SOURCE, 40)
    assert "4.1.050" in diagnostic.message


def test_retired_row_named_by_grs_id() -> None:
    text = sample_bytes().replace(
        b"DAA-GRS-2022-0010-0003,6/2023", b"GRS 5.1.020,6/2023"
    )  # 4.1.050's successor, written as NARA's brief would
    result = import_nara_grs(text, "grs.csv")
    item = items(result)["4.1.050"]
    assert item["superseded_by"] == "nara-grs/5.1.020"
    assert item["rule"]["note"].startswith("Retired; superseded by GRS 5.1.020.")
    assert result.diagnostics == []


def test_authorities_are_cleaned(result: ImportResult) -> None:
    got = items(result)
    assert got["6.1.010"]["disposition_authority"] == "DAA-GRS-2022-0006-0001"  # U+2010 -> '-'
    assert got["1.1.071"]["disposition_authority"] == "DAA-GRS-2016-0001-0005"  # "... \n" in the CSV
    assert got["1.1.012"]["disposition_authority"] == "DAA-GRS-2016-0001-0001"  # trailing space
    # ...in authorities only: titles keep what NARA wrote.
    assert "Non\u2010Capstone" in got["6.1.011"]["title"]
    assert "individual\u2019s" in got["4.2.121"]["title"]


def test_line_breaks_inside_fields_become_one_space(result: ImportResult) -> None:
    got = items(result)
    assert got["1.1.080"]["citation"] == (
        "31 CFR 900-904, 28 U.S.C. 2401, 28 U.S.C. 2415(a), 31 U.S.C. 3716(c), 31 U.S.C. 3716(e)"
    )
    assert got["1.3.040"]["title"] == (
        "Budget preparation background records - Records held in office responsible for preparing "
        "agency's budget proposal to the White House"
    )
    assert got["6.2.010"]["title"] == "Substantive Committee Records (Non-Grant Review Committees)"
    assert got["6.1.010"]["notes"].startswith(
        "Agencies will need to add their cutoff event and the retention period from their approved "
        "NA-1005. 01/2023 Revision:"
    )


def test_events_are_the_slugs_the_items_use(result: ImportResult) -> None:
    assert result.events == {
        "final-action": "Final action",
        "no-longer-needed": "No longer needed",
        "end-of-fiscal-year": "End of FY",
        "superseded": "Superseded or obsolete",
        "submission": "Submission",
        "survey-completion": "Survey completion",
        "certification-or-separation-from-program": "Certification or separation from program",
        "end-of-service": "End of service",
    }
    used = {item["rule"]["event"] for item in result.schedule["items"] if "event" in item["rule"]}
    assert used == set(result.events)


def test_agrees_with_the_hand_made_schedule(result: ImportResult) -> None:
    """Classes in the example catalogue name these items: ids, events and periods must not move."""
    hand_made = yaml.safe_load((REPO / "schedules" / "nara-grs.yml").read_text(encoding="utf-8"))
    got = items(result)
    for expected in hand_made["items"]:
        item = got[expected["id"]]
        for key in ("title", "description", "citation", "disposition_authority", "updated"):
            assert item.get(key) == expected.get(key), (expected["id"], key)
        without_note = {k: v for k, v in item["rule"].items() if k != "note"}
        assert without_note == {k: v for k, v in expected["rule"].items() if k != "note"}, expected["id"]


def test_valid_against_the_schedule_schema(result: ImportResult) -> None:
    errors = [error.message for error in schemas.validator("schedule").iter_errors(result.schedule)]
    assert errors == []


def test_rendered_yaml_reads_back_the_same(result: ImportResult) -> None:
    text = render_schedule_yaml(result)
    assert text.startswith("# yaml-language-server: $schema=../.fonds/schemas/schedule.schema.json\n")
    assert f"# Generated by `fonds import-schedule --from nara-grs` from {SOURCE}." in text
    assert "#   superseded: Superseded or obsolete\n" in text
    assert "  - id: '1.1.010'\n" in text
    assert yaml.safe_load(text) == result.schedule
    doc, diagnostics = parse_document(text.encode("utf-8"), "schedules/nara-grs.yml")
    assert diagnostics == []
    assert doc.data == result.schedule


def test_output_is_byte_identical_across_runs() -> None:
    first = import_nara_grs(sample_bytes(), SOURCE)
    second = import_nara_grs(sample_bytes(), SOURCE)
    assert first == second
    assert render_schedule_yaml(first).encode() == render_schedule_yaml(second).encode()


def test_diagnostics_count_physical_lines() -> None:
    # 5.6.030 starts on line 49: four earlier rows hold line breaks inside quoted fields.
    raw = sample_bytes().replace(
        b"records,Security Management,,Temporary,3m,", b"records,Security Management,,Temporary,3 weeks,"
    )
    result = import_nara_grs(raw, "grs.csv")
    warnings = [d for d in result.diagnostics if d.code == "invalid-duration"]
    assert [(d.file, d.line) for d in warnings] == [("grs.csv", 49)]
    assert "'3 weeks'" in warnings[0].message
    rule = items(result)["5.6.030"]["rule"]
    assert rule["implementable"] is False
    assert "'3 weeks'" in rule["note"]
    assert len(result.schedule["items"]) == 51


HEADER = (
    "GRS ID,Record Title,Classification (General),Legal Citation,Disposition,Retention (Years),"
    "Retention Type,Event Type (General),Longer Retention Authorized?,Deviations Allowed?,"
    "Disposition Authority,Superseded by,Last Updated,Comments\r\n"
)


def test_problem_rows() -> None:
    text = HEADER + (
        'GRS 9.9.010,Good row,Test,,Temporary,2,Event_Age,"Project\nclosed",Yes,Yes,DAA-1,,1/2024,\r\n'
        "GRS 9.9.010,Same id again,Test,,Temporary,2,Creation_Age,,No,Yes,DAA-2,,1/2024,\r\n"
        ",No id,Test,,Temporary,2,Creation_Age,,No,Yes,DAA-3,,1/2024,\r\n"
        "GRS 9.9.020,No event,Test,,Temporary,2,Event_Age,,No,Yes,DAA-4,,1/2024,\r\n"
        "GRS 9.9.030,Odd disposition,Test,,Shred,2,Creation_Age,,No,Yes,DAA-5,,1/2024,\r\n"
        "\r\n"
        "GRS 9.9.040,Short row,Test,,Temporary,1y,Creation_Age\r\n"
    )
    result = import_nara_grs(text.encode("utf-8"), "t.csv")
    found = [(d.line, d.severity.value, d.code) for d in result.diagnostics]
    assert found == [
        (4, "error", "duplicate-id"),  # the first row spans lines 2-3
        (5, "error", "schema"),
        (6, "warning", "rule-incomplete"),
        (7, "warning", "schema"),
    ]
    assert "already given on line 2" in result.diagnostics[0].message
    got = items(result)
    assert list(got) == ["9.9.010", "9.9.020", "9.9.030", "9.9.040"]
    assert got["9.9.010"]["rule"]["event"] == "project-closed"
    assert result.events == {"project-closed": "Project closed"}
    assert got["9.9.020"]["rule"]["implementable"] is False
    assert got["9.9.020"]["rule"]["final_action"] == "destroy"
    assert got["9.9.030"]["rule"]["final_action"] == "review"
    assert got["9.9.030"]["rule"]["implementable"] is False
    assert got["9.9.040"]["rule"] == {"trigger": "creation", "retain": "P1Y", "final_action": "destroy"}
    assert list(schemas.validator("schedule").iter_errors(result.schedule)) == []


@pytest.mark.parametrize(
    ("raw", "code", "words"),
    [
        (b"", "empty-file", "empty"),
        (b"\xef\xbb\xbf\r\n\r\n", "empty-file", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\xff\xfe", "encoding", "not UTF-8"),
        (b"GRS ID,Record Title\x00\r\n", "encoding", "binary"),
        (b"name,age\r\nAda,36\r\n", "schema", "'GRS ID'"),
        (HEADER.replace("Retention Type,", "").encode(), "schema", "'Retention Type'"),
        (b"\xef\xbb\xbf# id: nara-grs\nitems: []\n", "schema", "not NARA's GRS CSV"),
    ],
)
def test_not_a_nara_csv_gives_a_diagnostic(raw: bytes, code: str, words: str) -> None:
    result = import_nara_grs(raw, "upload/grs.csv")
    assert result.schedule["items"] == []
    assert result.events == {}
    [diagnostic] = result.diagnostics
    assert diagnostic.file == "upload/grs.csv"
    assert diagnostic.severity is Severity.ERROR
    assert diagnostic.code == code
    assert words in diagnostic.message
    # Still a valid (empty) schedule, and still renders.
    assert list(schemas.validator("schedule").iter_errors(result.schedule)) == []
    assert yaml.safe_load(render_schedule_yaml(result)) == result.schedule


def test_imported_schedule_passes_fonds_check(mini: Path, result: ImportResult) -> None:
    (mini / "schedules" / "nara-grs.yml").write_text(render_schedule_yaml(result), encoding="utf-8")
    config_path = mini / "fonds.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["events"] = {**config["events"], **result.events}
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    outcome = CliRunner().invoke(main, ["check", "--root", str(mini)], catch_exceptions=False)
    assert outcome.exit_code == 0, outcome.output
    assert outcome.output.endswith("0 errors, 0 warnings\n"), outcome.output


def test_fonds_check_needs_the_events(mini: Path, result: ImportResult) -> None:
    """Without the returned events in fonds.yml the imported rules name undeclared events."""
    (mini / "schedules" / "nara-grs.yml").write_text(render_schedule_yaml(result), encoding="utf-8")
    outcome = CliRunner().invoke(main, ["check", "--root", str(mini)], catch_exceptions=False)
    assert outcome.exit_code == 1
    assert "error[unknown-event]" in outcome.output


FULL = TESTS / "fixtures" / "nara" / "nara-grs-transmittal36-full.csv"


@pytest.fixture(scope="module")
def full() -> ImportResult:
    return import_nara_grs(FULL.read_bytes(), FULL.name)


def test_the_whole_grs_imports_with_windows(full: ImportResult) -> None:
    """All 308 item rows of Transmittal 36: before windows, 56 were not implementable or retired
    (50 'N/A', 1 '4-7', 1 '[Variable]', 4 retired); the range is now a window, so 55 remain."""
    got = full.schedule["items"]
    rules = {item["id"]: item["rule"] for item in got}
    assert len(got) == 308
    windows = sorted(i for i, r in rules.items() if "retain_max" in r)
    assert windows == ["2.3.060"]
    retired = sorted(i for i, r in rules.items() if r["final_action"] == "review")
    assert retired == ["4.1.050", "4.2.010", "4.2.130", "5.4.071"]
    not_implementable = {i for i, r in rules.items() if r.get("implementable") is False}
    assert len(not_implementable) == 55
    reasons = {i: rules[i]["note"] for i in not_implementable - set(retired)}
    variable = sorted(i for i, note in reasons.items() if "'[Variable]'" in note)
    assert variable == ["6.1.010"]
    # Every other one says N/A: no period, no trigger: nothing a window could express.
    assert all("Retention (Years) is 'N/A'" in note for i, note in reasons.items() if i != "6.1.010")
    assert len(reasons) == 51
    assert all("retain" not in rules[i] for i in not_implementable)
    assert sum(1 for r in rules.values() if r.get("minimum")) == 216
    assert not [d for d in full.diagnostics if d.severity is Severity.ERROR]


def test_whole_grs_is_valid_and_byte_identical_on_re_import(full: ImportResult) -> None:
    assert [e.message for e in schemas.validator("schedule").iter_errors(full.schedule)] == []
    again = import_nara_grs(FULL.read_bytes(), FULL.name)
    assert render_schedule_yaml(again) == render_schedule_yaml(full)
    assert yaml.safe_load(render_schedule_yaml(full)) == full.schedule
