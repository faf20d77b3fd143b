"""The requests register through the CLI: fonds request open|add|close|list, fonds due's
respond action, and fonds check on request files."""

from __future__ import annotations

import json
from pathlib import Path

import git
import pytest

from fonds.checks import check_repository
from fonds.custody.requests import add_days
from fonds.model import RequestSettings

from .office import init_git, make_office, read, run, snapshot

FILE = "catalogue/requests/REQ-2026-001.yml"
OPEN = ["request", "open", "--from", "B. Doe", "--asked", "Invoices of 2020", "--type", "privacy"]


@pytest.fixture
def office(tmp_path: Path) -> Path:
    return make_office(tmp_path)


def test_open_writes_the_next_numbered_file_with_its_modeline(office: Path) -> None:
    code, output = run(*OPEN, "--date", "2026-11-02", "--root", str(office))
    assert code == 0, output
    text = read(office, FILE)
    assert text.startswith("# yaml-language-server: $schema=../../.fonds/schemas/request.schema.json\n")
    assert "status: open\n" in text and "from: B. Doe\n" in text
    assert "Deadline: 2026-12-02" in output  # 30 calendar days by default
    code, output = run(*OPEN, "--date", "2026-11-03", "--root", str(office))
    assert code == 0 and (office / "catalogue/requests/REQ-2026-002.yml").is_file(), output
    catalogue, problems = check_repository(office)
    assert [d.render() for d in problems if d.file.startswith("catalogue/requests")] == []
    assert sorted(catalogue.requests) == ["REQ-2026-001", "REQ-2026-002"]


def test_dry_run_shows_the_diff_and_changes_nothing(office: Path) -> None:
    before = snapshot(office)
    code, output = run(*OPEN, "--date", "2026-11-02", "--root", str(office), "--dry-run")
    assert code == 0 and "+id: REQ-2026-001" in output, output
    assert snapshot(office) == before


def test_add_and_close_edit_the_file_and_commit(office: Path) -> None:
    run(*OPEN, "--date", "2026-11-02", "--root", str(office))
    repo = init_git(office)
    code, output = run(
        "request",
        "add",
        "REQ-2026-001",
        "--found",
        "FIN-001",
        "--supplied",
        "FIN-001",
        "--root",
        str(office),
        "--commit",
    )
    assert code == 0, output
    assert "found:\n  - FIN-001\nsupplied:\n  - FIN-001\n" in read(office, FILE)
    assert repo.head.commit.message.startswith("Add to request REQ-2026-001")
    code, output = run(
        "request",
        "close",
        "REQ-2026-001",
        "--outcome",
        "granted",
        "--date",
        "2026-12-10",
        "--root",
        str(office),
    )
    assert code == 0 and "after its deadline 2026-12-02" in output, output
    text = read(office, FILE)
    assert "status: closed\nclosed_on: 2026-12-10\noutcome: granted\n" in text
    code, output = run("request", "close", "REQ-2026-001", "--outcome", "granted", "--root", str(office))
    assert code == 1 and "was closed on 2026-12-10" in output and read(office, FILE) == text
    assert isinstance(repo, git.Repo)


def test_add_refuses_unknown_records_and_requests(office: Path) -> None:
    run(*OPEN, "--date", "2026-11-02", "--root", str(office))
    before = snapshot(office)
    code, output = run("request", "add", "REQ-2026-001", "--found", "NOPE-999", "--root", str(office))
    assert code == 1 and "there is no record 'NOPE-999'" in output, output
    code, output = run("request", "add", "REQ-2026-009", "--found", "FIN-001", "--root", str(office))
    assert code == 1 and "there is no request 'REQ-2026-009'" in output, output
    code, output = run("request", "add", "REQ-2026-001", "--charge-out", "FIN-001", "--root", str(office))
    assert code == 1 and "is not charged out" in output, output
    assert snapshot(office) == before


def test_list_and_due_show_overdue_requests(office: Path) -> None:
    run(*OPEN, "--date", "2026-10-01", "--root", str(office))
    run(*OPEN, "--date", "2026-11-20", "--root", str(office))
    code, output = run(
        "request", "list", "--root", str(office), "--overdue", "--as-of", "2026-11-23", "--format", "json"
    )
    assert code == 0, output
    assert [r["id"] for r in json.loads(output)] == ["REQ-2026-001"]
    code, output = run(
        "due",
        "--root",
        str(office),
        "--as-of",
        "2026-11-23",
        "--within",
        "P30D",
        "--action",
        "respond",
        "--format",
        "csv",
    )
    lines = output.splitlines()
    assert [line.split(",")[:4] for line in lines[1:]] == [
        ["overdue", "2026-10-31", "respond", "REQ-2026-001"],
        ["due", "2026-12-20", "respond", "REQ-2026-002"],
    ], output


def test_working_days_skip_weekends_and_holidays() -> None:
    from datetime import date

    settings = RequestSettings(deadline_days=5, days="working", holidays=frozenset({date(2026, 12, 25)}))
    # Mon 2026-12-21 + 5 working days: 22, 23, 24, (25 holiday), (26-27 weekend), 28, 29
    assert add_days(date(2026, 12, 21), settings) == date(2026, 12, 29)
    assert add_days(date(2026, 12, 21), RequestSettings(deadline_days=5)) == date(2026, 12, 26)


def test_check_reports_bad_requests(office: Path) -> None:
    folder = office / "catalogue" / "requests"
    folder.mkdir()
    (folder / "REQ-2026-001.yml").write_text(
        "id: REQ-2026-001\nreceived_on: 2026-05-01\nfrom: B. Doe\nasked: Invoices\ntype: legal\n"
        "found: [NOPE-001]\ncharge_outs: [{record: FIN-003, since: 2026-05-02}]\n"
        "status: closed\nclosed_on: 2026-04-01\noutcome: granted\n"
    )
    (folder / "REQ-2026-002.yml").write_text(
        "id: REQ-2026-009\nreceived_on: 2026-05-01\nfrom: B. Doe\nasked: Invoices\ntype: legal\nstatus: closed\n"
        "security: {level: topsecret}\n"
    )
    code, output = run("check", "--root", str(office))
    assert code == 1
    assert "REQ-2026-001.yml:6:9: error[unknown-record]" in output, output
    assert "REQ-2026-001.yml:9:1: error[date-order]: the request is closed (2026-04-01) before" in output
    assert "error[unknown-charge-out]: FIN-003 is an electronic record" in output
    assert "REQ-2026-002.yml:1:1: error[id-mismatch]" in output
    assert "REQ-2026-002.yml:7:12: error[unknown-level]: level topsecret" in output, output
    assert (
        "REQ-2026-002.yml:6:1: error[request-status]: the request is closed but has no closed_on or outcome"
        in output
    )


def test_add_charge_out_names_the_current_charge_out_and_checks_clean(office: Path) -> None:
    run(*OPEN, "--date", "2026-11-02", "--root", str(office))
    code, output = run(
        "checkout",
        "ADM-004",
        "--to",
        "A. Patel",
        "--due",
        "2027-01-01",
        "--date",
        "2026-11-05",
        "--root",
        str(office),
    )
    assert code == 0, output
    code, output = run("request", "add", "REQ-2026-001", "--charge-out", "ADM-004", "--root", str(office))
    assert code == 0, output
    assert "charge_outs:\n  - record: ADM-004\n    since: 2026-11-05\n" in read(office, FILE)
    _, problems = check_repository(office)
    assert [d.render() for d in problems if d.file == FILE] == []


@pytest.mark.parametrize("command", ["open", "add", "close", "list"])
def test_every_request_command_explains_itself_and_its_exit_status(command: str) -> None:
    code, output = run("request", command, "--help")
    assert code == 0 and "Exit status: 0" in output, output  # the help was empty once
