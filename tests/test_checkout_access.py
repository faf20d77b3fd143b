"""`fonds checkout` lends a file only to someone `fonds access who` says may see it."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from fonds.access.markings import who_may_see
from fonds.changes.chargeout import CheckoutRequest, plan_checkout
from fonds.reading.loader import load_catalogue

from .conftest import REPO
from .office import run, snapshot

OUTSIDER = "Dr. A. Patel"


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("example")
    shutil.copy(REPO / "fonds.yml", root)
    for folder in ("catalogue", "schedules"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def checkout(root: Path, record: str, person: str, *more: str) -> tuple[int, str]:
    return run(
        "checkout",
        record,
        "--to",
        person,
        "--due",
        "2026-12-31",
        "--date",
        "2026-11-23",
        "--root",
        str(root),
        *more,
    )


def test_a_confidential_personnel_file_is_not_lent_to_someone_outside_its_access_list(example: Path) -> None:
    before = snapshot(example)
    code, output = checkout(example, "HR-2013-001", "p.natarajan")
    assert code == 1, output
    assert "error[not-cleared]: HR-2013-001 cannot be charged out to p.natarajan" in output
    assert "member of finance-staff only (not on the access list)" in output
    code, output = checkout(example, "HR-2013-001", OUTSIDER)
    assert code == 1, output
    assert f"{OUTSIDER} is in no access group in catalogue/access.yml" in output
    assert "marked confidential with personal-information" in output
    assert snapshot(example) == before
    code, output = checkout(example, "HR-2013-001", "s.bell", "--dry-run")
    assert code == 0, output


def test_a_record_open_to_everyone_is_lent_to_any_name(example: Path) -> None:
    code, output = checkout(example, "COU-2019-014", OUTSIDER, "--dry-run")
    assert code == 0, output


def test_checkout_and_access_who_agree_on_every_physical_record_and_person(example: Path) -> None:
    catalogue, problems = load_catalogue(example, validate=True)
    people = {m for group in catalogue.access.groups.values() for m in group.members} | {OUTSIDER}
    people |= {p for record in catalogue.records.values() if record.security for p in record.security.people}
    checked = 0
    for record in catalogue.records.values():
        if (
            record.format == "electronic"
            or record.charge_out
            or record.status in ("destroyed", "transferred")
        ):
            continue
        who = {grant.name for grant in who_may_see(record, catalogue).people}
        anyone = who_may_see(record, catalogue).everyone
        for person in sorted(people):
            request = CheckoutRequest(record.id, person, date(2026, 12, 31), date(2026, 11, 23))
            plan = plan_checkout(catalogue, problems, example, request)
            refused = any(d.code == "not-cleared" for d in plan.refusals)
            assert refused == (not anyone and person not in who), (record.id, person, plan.refusals)
            checked += 1
    assert checked > 500


def test_access_who_person_gives_the_reason_checkout_gives(example: Path) -> None:
    code, who = run("access", "who", "HR-2013-001", "--root", str(example), "--person", "p.natarajan")
    assert code == 0, who
    last = who.splitlines()[-1]
    assert last.startswith(
        "p.natarajan may not see HR-2013-001: p.natarajan is a member of finance-staff only"
    )
    code, refused = checkout(example, "HR-2013-001", "p.natarajan")
    assert code == 1
    assert last.split(": ", 1)[1] in refused
    code, who = run("access", "who", "HR-2013-001", "--root", str(example), "--person", "s.bell")
    assert who.splitlines()[-1] == "s.bell may see HR-2013-001: member of hr-staff"
