"""``fonds review``: review outcomes recorded on the record, and ``fonds due`` silent until the
next review falls due."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .custody_office import make_shelf
from .office import AS_OF, read, run, snapshot

PROJECT = "catalogue/records/adm/ADM-008.yml"
BYLAW = "catalogue/records/adm/ADM-004.yml"


@pytest.fixture
def office(tmp_path: Path) -> Path:
    root = make_shelf(tmp_path)
    schedule = root / "schedules/town.yml"
    schedule.write_text(
        schedule.read_text(encoding="utf-8")
        + "  - id: PRJ\n    title: Projects\n    rule: {trigger: closure, cutoff: calendar-year, retain: P5Y, final_action: review}\n",
        encoding="utf-8",
    )
    plan = root / "catalogue/file-plan.yml"
    plan.write_text(
        plan.read_text(encoding="utf-8")
        + "  - {code: ADM-04, parent: ADM, title: Projects, retention: town/PRJ}\n",
        encoding="utf-8",
    )
    (root / PROJECT).write_text(
        "id: ADM-008\ntitle: Bridge project\nclass: ADM-04\ndates: {created: 2012-03-05, closed: 2013-12-20}\n"
        "format: paper\nlocation: RC-BX-2\nstatus: semi-active\n",
        encoding="utf-8",
    )
    bylaw = root / BYLAW
    bylaw.write_text(
        bylaw.read_text(encoding="utf-8") + "vital:\n  review: P1Y\n  last_reviewed: 2025-06-01\n",
        encoding="utf-8",
    )
    return root


def due_ids(root: Path, as_of: str = AS_OF) -> dict[str, str]:
    _, output = run("due", "--root", str(root), "--as-of", as_of, "--format", "json")
    return {item["id"]: item["action"] for item in json.loads(output)["items"]}


def review(root: Path, record: str, *args: str) -> tuple[int, str]:
    return run("review", record, "--reviewer", "H. Fraser", "--reason", "Checked with the engineer",
               "--date", AS_OF, "--root", str(root), *args)  # fmt: skip


def test_keep_moves_the_next_review_and_due_stops_listing_it(office: Path) -> None:
    assert due_ids(office)["ADM-008"] == "review"
    code, output = review(office, "ADM-008", "--outcome", "keep", "--next-review", "2029-06-30")
    assert code == 0, output
    assert (
        "reviews:\n  - date: 2026-11-23\n    kind: retention\n    outcome: keep\n    reviewer: H. Fraser\n"
        in read(office, PROJECT)
    )
    assert "ADM-008" not in due_ids(office)
    assert due_ids(office, "2029-07-01")["ADM-008"] == "review"
    assert run("check", str(office))[0] == 0


def test_extend_by_a_period(office: Path) -> None:
    code, output = review(office, "ADM-008", "--outcome", "extend", "--by", "P3Y")
    assert code == 0, output
    assert "next_review: 2029-11-23" in read(office, PROJECT)
    assert "extended_by: P3Y" in read(office, PROJECT)
    assert "ADM-008" not in due_ids(office)


def test_approve_lists_the_approved_final_action(office: Path) -> None:
    code, output = review(office, "ADM-008", "--outcome", "approve")
    assert code == 0, output
    assert due_ids(office)["ADM-008"] == "destroy"


def test_reschedule_under_another_item(office: Path) -> None:
    code, output = review(office, "ADM-008", "--outcome", "reschedule", "--item", "town/MIN")
    assert code == 0, output
    _, report = run("due", "--root", str(office), "--as-of", AS_OF, "--format", "json", "--state", "all")
    item = next(i for i in json.loads(report)["items"] if i["id"] == "ADM-008")
    assert item["rule"] == "town/MIN"
    assert item["action"] == "transfer"


def test_vital_review_keep_uses_the_cycle(office: Path) -> None:
    assert due_ids(office)["ADM-004"] == "vital-review"
    code, output = review(office, "ADM-004", "--outcome", "keep")
    assert code == 0, output
    text = read(office, BYLAW)
    assert "last_reviewed: 2026-11-23" in text
    assert "next_review: 2027-11-23" in text
    assert "ADM-004" not in due_ids(office)


def test_refusals_change_nothing(office: Path) -> None:
    before = snapshot(office)
    code, output = review(office, "ADM-001", "--outcome", "keep", "--next-review", "2030-01-01")
    assert code == 1, output
    assert "error[nothing-to-review]" in output
    code, output = review(office, "ADM-008", "--outcome", "reschedule", "--item", "town/NOPE")
    assert code == 1, output
    assert "error[unknown-item]" in output
    code, output = review(office, "ADM-004", "--outcome", "approve")
    assert code == 2, output
    assert "a vital-record review can only --outcome keep" in output
    code, output = review(office, "ADM-008", "--outcome", "keep")
    assert code == 2, output
    assert "--outcome keep needs --next-review DATE" in output
    code, output = review(office, "ADM-008", "--outcome", "extend")
    assert code == 2, output
    assert "--outcome extend needs --by" in output
    code, output = review(office, "ADM-008", "--outcome", "keep", "--next-review", "2020-01-01")
    assert code == 2, output
    code, output = run(
        "review", "ADM-008", "--outcome", "approve", "--reviewer", "H. Fraser", "--root", str(office)
    )
    assert code == 2, output
    assert "--reason" in output
    assert snapshot(office) == before
