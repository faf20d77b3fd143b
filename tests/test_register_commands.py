"""`fonds hold place|release`, `fonds event`, `fonds checkout` and `fonds return`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .office import AS_OF, make_office, read, run, snapshot


@pytest.fixture
def office(tmp_path: Path) -> Path:
    return make_office(tmp_path)


def in_office(office: Path, *args: str) -> tuple[int, str]:
    return run(*args, "--root", str(office))


# Holds


PLACE = ["hold", "place", "HOLD-002", "--title", "Claim: Smith v. Town", "--reason", "Notice of claim, 'no' comment",
         "--authority", "Town solicitor", "--placed-by", "A. Chen", "--date", AS_OF]  # fmt: skip


def test_placing_a_hold_writes_its_file_and_stops_disposal(office: Path) -> None:
    code, output = in_office(
        office, *PLACE, "--record", "ADM-001", "--class", "ADM-02", "--from", "2010-01-01"
    )
    assert code == 0, output
    assert (
        read(office, "catalogue/holds/HOLD-002.yml")
        == """\
# yaml-language-server: $schema=../../.fonds/schemas/hold.schema.json
id: HOLD-002
title: 'Claim: Smith v. Town'
reason: Notice of claim, 'no' comment
authority: Town solicitor
placed_by: A. Chen
placed_on: 2026-11-23
scope:
  records:
    - ADM-001
  classes:
    - code: ADM-02
  created:
    from: 2010-01-01
"""
    )
    assert "Place hold HOLD-002: Claim: Smith v. Town (2 records)" in output
    assert "- ADM-001: General correspondence: 2015" in output and "- ADM-003: Council minutes 2010" in output
    assert run("check", "--root", str(office))[0] == 0
    _, report = run("due", "--root", str(office), "--as-of", AS_OF, "--format", "json")
    held = {item["id"]: item["holds"] for item in json.loads(report)["items"] if item["state"] == "on-hold"}
    assert held == {"ADM-001": ["HOLD-002"], "ADM-003": ["HOLD-002"]}


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (["--record", "ADM-999"], 1, "error[unknown-record]: there is no record 'ADM-999'"),
        (["--class", "XYZ"], 1, "error[unknown-class]: class 'XYZ' is not in the file plan"),
        ([], 2, "a hold needs a scope"),
        (["--from", "2020-01-01", "--to", "2019-01-01"], 2, "--from is after --to"),
    ],
)
def test_hold_place_refusals(office: Path, args: list[str], code: int, expected: str) -> None:
    before = snapshot(office)
    found, output = in_office(office, *PLACE, *args)
    assert found == code, output
    assert expected in output
    assert snapshot(office) == before


def test_a_hold_id_is_used_once_and_must_be_a_safe_file_name(office: Path) -> None:
    before = snapshot(office)
    code, output = in_office(
        office, *[("HOLD-001" if a == "HOLD-002" else a) for a in PLACE], "--record", "ADM-001"
    )
    assert code == 1, output
    assert "error[duplicate-id]: hold 'HOLD-001' already exists in catalogue/holds/HOLD-001.yml" in output
    code, output = in_office(
        office, *[("../../x" if a == "HOLD-002" else a) for a in PLACE], "--record", "ADM-001"
    )
    assert code == 2, output
    assert "'../../x' cannot be an id" in output
    assert snapshot(office) == before


def test_releasing_a_hold_adds_two_lines_after_placed_on(office: Path) -> None:
    path = office / "catalogue/holds/HOLD-001.yml"
    path.write_text(
        path.read_text().replace("placed_on: 2023-01-10\n", "placed_on: 2023-01-10   # by e-mail\n")
    )
    original = read(office, "catalogue/holds/HOLD-001.yml")
    code, output = in_office(office, "hold", "release", "HOLD-001", "--by", "A. Chen", "--date", AS_OF)
    assert code == 0, output
    assert read(office, "catalogue/holds/HOLD-001.yml") == original.replace(
        "placed_on: 2023-01-10   # by e-mail\n",
        "placed_on: 2023-01-10   # by e-mail\nreleased_on: 2026-11-23\nreleased_by: A. Chen\n",
    )
    assert "It covered 1 record: FIN-001." in output
    before = snapshot(office)
    code, output = in_office(office, "hold", "release", "HOLD-001", "--by", "A. Chen", "--date", AS_OF)
    assert code == 1, output
    assert "error[hold-released]: HOLD-001 was already released on 2026-11-23 by A. Chen" in output
    assert snapshot(office) == before


@pytest.mark.parametrize(
    ("hold", "day", "expected"),
    [
        ("HOLD-009", AS_OF, "error[unknown-hold]: there is no hold 'HOLD-009' (holds: HOLD-001)"),
        (
            "HOLD-001",
            "2022-12-31",
            "error[date-order]: HOLD-001 was placed on 2023-01-10; it cannot be released",
        ),
    ],
)
def test_hold_release_refusals(office: Path, hold: str, day: str, expected: str) -> None:
    before = snapshot(office)
    code, output = in_office(office, "hold", "release", hold, "--by", "A. Chen", "--date", day)
    assert code == 1, output
    assert expected in output
    assert snapshot(office) == before


# Events


def test_an_event_the_rule_does_not_use_is_recorded_and_says_so(office: Path) -> None:
    code, output = in_office(office, "event", "CON-001", "FIN-002", "contract-expiry", "--date", "2026-10-31")
    assert code == 0, output
    assert "- CON-001: Cleaning contract: destroy on 2032-10-31 under town/CON" in output
    assert "- FIN-002: Invoices 2021: still waiting for final-payment" in output


def test_recording_an_event_on_several_records(office: Path) -> None:
    code, output = in_office(office, "event", "FIN-002", "FIN-003", "final-payment", "--date", "2022-06-30")
    assert code == 0, output
    assert read(office, "catalogue/records/fin/FIN-002.yml").startswith(
        "id: FIN-002\ntitle: Invoices 2021\ndescription: Paid supplier invoices for fiscal year 2021-22.\n"
        "class: FIN-01\ndates:\n  created: 2021-04-01\n  closed: 2022-03-31\n"
        "events:\n  final-payment: 2022-06-30\ndepartment: finance\n"
    )
    assert "- FIN-002: Invoices 2021: destroy on 2029-03-31 under town/INV" in output
    code, output = in_office(office, "event", "CON-001", "contract-expiry", "--date", "2026-10-31")
    assert code == 0, output
    assert "events: {contract-expiry: 2026-10-31}   # none yet\n" in read(
        office, "catalogue/records/con/CON-001.yml"
    )
    assert run("check", "--root", str(office))[0] == 0


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["FIN-001", "final-payment", "--date", "2021-05-01"], "error[no-change]: FIN-001 already records "
         "final-payment on 2021-05-01"),
        (["FIN-001", "final-payment", "--date", "2021-06-01"], "error[event-recorded]: FIN-001 already records "
         "final-payment on 2021-05-01"),
        (["FIN-002", "final-paymnt", "--date", "2022-06-30"], "fonds.yml:6:1: error[unknown-event]: event "
         "'final-paymnt' is not declared under 'events' in fonds.yml (did you mean 'final-payment'?"),
        (["FIN-002", "final-payment", "--date", "2020-06-30"], "error[date-order]: final-payment on 2020-06-30 "
         "would be before FIN-002 was created (2021-04-01)"),
    ],
)  # fmt: skip
def test_event_refusals(office: Path, args: list[str], expected: str) -> None:
    before = snapshot(office)
    code, output = in_office(office, "event", *args)
    assert code == 1, output
    assert expected in output
    assert snapshot(office) == before


def test_an_event_needs_a_record_and_a_name(office: Path) -> None:
    code, output = in_office(office, "event", "final-payment", "--date", AS_OF)
    assert code == 2, output
    assert "give one or more records, then the event" in output


# Charge-out


def test_checkout_then_return_keeps_the_loan_and_every_other_byte(office: Path) -> None:
    original = snapshot(office)
    code, output = in_office(office, "checkout", "ADM-002", "--to", "R. Singh, Clerk", "--due", "2026-12-07",
                             "--date", AS_OF)  # fmt: skip
    assert code == 0, output
    assert (office / "catalogue/records/adm/ADM-002.yml").read_bytes() == (
        b"id: ADM-002\r\ntitle: Correspondence 2020\r\nclass: ADM-01\r\n"
        b"dates: {created: 2020-01-06, closed: 2020-12-18}\r\nformat: paper\r\nlocation: TH-OFF\r\n"
        b"charge_out:\r\n  to: R. Singh, Clerk\r\n  since: 2026-11-23\r\n  due: 2026-12-07\r\n"
        b"status: active  # still in the office"
    )
    code, output = in_office(office, "return", "ADM-002", "--date", "2026-12-01")
    assert code == 0, output
    assert "Return ADM-002 from R. Singh, Clerk (charged out 2026-11-23) on 2026-12-01" in output
    name = "catalogue/records/adm/ADM-002.yml"
    assert snapshot(office) == original | {
        name: original[name].replace(
            b"location: TH-OFF\r\n",
            b"location: TH-OFF\r\ncharge_history:\r\n  - to: R. Singh, Clerk\r\n    since: 2026-11-23\r\n"
            b"    due: 2026-12-07\r\n    returned: 2026-12-01\r\n",
        )
    }


def test_an_overdue_charge_out_is_listed_by_fonds_due(office: Path) -> None:
    assert (
        in_office(office, "checkout", "ADM-004", "--to", "a.chen", "--due", "2026-12-07", "--date", AS_OF)[0]
        == 0
    )
    code, output = run(
        "due", "--root", str(office), "--as-of", "2026-12-07", "--action", "return", "--format", "json"
    )
    assert json.loads(output)["items"] == []
    code, output = run(
        "due", "--root", str(office), "--as-of", "2026-12-08", "--action", "return", "--format", "json"
    )
    [item] = json.loads(output)["items"]
    assert (item["id"], item["state"], item["action"], item["due"]) == (
        "ADM-004",
        "overdue",
        "return",
        "2026-12-07",
    )
    assert item["note"] == "charged out to a.chen since 2026-11-23"
    assert code == 1


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (["checkout", "FIN-003", "--to", "x", "--due", "2026-12-01"], 1, "error[not-physical]: FIN-003 is an "
         "electronic record: there is no physical file to charge out"),
        (["return", "ADM-004"], 1, "error[not-charged-out]: ADM-004 is not charged out"),
        (["checkout", "ADM-009", "--to", "x", "--due", "2026-12-01"], 1, "error[unknown-record]"),
        (["checkout", "ADM-004", "--to", "x", "--due", "2026-11-01", "--date", AS_OF], 2, "--due 2026-11-01 is "
         "before the checkout date 2026-11-23"),
    ],
)  # fmt: skip
def test_charge_out_refusals(office: Path, args: list[str], code: int, expected: str) -> None:
    before = snapshot(office)
    found, output = in_office(office, *args)
    assert found == code, output
    assert expected in output
    assert snapshot(office) == before


def test_a_file_out_cannot_be_charged_out_again_nor_returned_before_it_left(office: Path) -> None:
    assert (
        in_office(office, "checkout", "ADM-004", "--to", "a.chen", "--due", "2026-12-07", "--date", AS_OF)[0]
        == 0
    )
    before = snapshot(office)
    code, output = in_office(office, "checkout", "ADM-004", "--to", "b.lee", "--due", "2026-12-09")
    assert code == 1, output
    assert "error[charged-out]: ADM-004 is charged out to a.chen since 2026-11-23" in output
    code, output = in_office(office, "return", "ADM-004", "--date", "2026-11-01")
    assert code == 1, output
    assert (
        "error[date-order]: ADM-004 was charged out on 2026-11-23; it cannot come back on 2026-11-01"
        in output
    )
    assert snapshot(office) == before
