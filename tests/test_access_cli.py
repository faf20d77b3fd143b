"""`fonds access who|group|report` as a records manager uses them, and the marking dates in `fonds due`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fonds.cli import main

from .conftest import REPO


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_who_explains_an_inherited_marking_and_every_group() -> None:
    code, output = run("access", "who", "HR-2013-001", "--root", str(REPO))
    assert code == 0, output
    lines = output.splitlines()
    assert lines[:4] == [
        "HR-2013-001  Personnel file – Ferreira, D.",
        "Level:        confidential (inherited from class HR-01)",
        "Caveats:      personal-information (inherited from class HR-01)",
        "Access list:  groups hr-staff (inherited from class HR-01)",
    ]
    assert (
        "hr-staff       yes      on the access list; cleared for confidential; holds personal-information"
        in lines
    )
    assert "finance-staff  no       not on the access list" in lines
    assert lines[-1] == "3 people may see HR-2013-001: the members of 1 group."


def test_who_names_people_on_the_access_list_and_review_dates() -> None:
    code, output = run("access", "who", "IT-2024-009", "--root", str(REPO))
    assert code == 0, output
    assert "Review on:    2026-07-31 (set on the record)" in output
    assert "p.natarajan  named on the access list; in no group that may see it" in output


def test_who_says_when_anyone_may_see_a_record() -> None:
    code, output = run("access", "who", "COU-2019-014", "--root", str(REPO))
    assert code == 0, output
    assert output.splitlines()[-1] == "Anyone may see COU-2019-014: it is public, with no caveats."


def test_who_in_json_and_csv_gives_the_same_answer() -> None:
    _, text = run("access", "who", "FIN-2022-004", "--root", str(REPO), "--format", "json")
    payload = json.loads(text)
    assert payload["marking"]["groups"] == ["finance-staff", "legal-counsel"]
    assert payload["marking"]["level_from"] == "set on the record"
    json_allowed = {g["group"] for g in payload["groups"] if g["may_see"]}
    assert json_allowed == {"finance-staff", "legal-counsel"}
    _, table = run("access", "who", "FIN-2022-004", "--root", str(REPO), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(table)))
    assert {r["name"] for r in rows if r["kind"] == "group" and r["may_see"] == "yes"} == json_allowed
    assert {r["name"] for r in rows if r["kind"] == "person"} == {p["person"] for p in payload["people"]}


def test_group_lists_what_it_may_see_beyond_public_records() -> None:
    code, output = run("access", "group", "legal-counsel", "--root", str(REPO))
    assert code == 0, output
    assert "LEG-2023-006" in output and "FIN-2022-004" in output
    assert "HR-2013-001" not in output  # personnel files are for hr-staff only
    assert "COU-2019-014" not in output  # public: counted, listed only with --all
    assert output.splitlines()[-1] == (
        "legal-counsel may see 98 of 140 records, 84 of them open to everyone and not listed (--all lists them)."
    )
    _, everything = run("access", "group", "legal-counsel", "--root", str(REPO), "--all", "--format", "json")
    payload = json.loads(everything)
    assert payload["summary"] == {"records": 140, "visible": 98, "listed": 98}
    assert "COU-2019-014" in {r["id"] for r in payload["records"]}


def test_report_counts_levels_and_lists_what_needs_attention() -> None:
    code, output = run("access", "report", "--root", str(REPO), "--as-of", "2026-11-23")
    assert code == 0, output
    assert "secret        7" in output
    assert "CON-2026-002  internal  CON-01  Tender T-2026-01 – Mill Road culvert replacement" in output
    assert "2026-07-31  security-review  IT-2024-009" in output
    _, before = run("access", "report", "--root", str(REPO), "--as-of", "2026-07-30")
    assert "Reviews and declassify-on dates on or before 2026-07-30: 0" in before


def test_report_formats_render_the_same_values() -> None:
    _, text = run("access", "report", "--root", str(REPO), "--as-of", "2026-11-23", "--format", "json")
    payload = json.loads(text)
    assert sum(payload["by_level"].values()) == len(payload["records"]) == 140
    assert payload["by_class"]["LEG-01"]["secret"] == 5
    assert [r["id"] for r in payload["no_access_list"]] == ["CON-2026-002"]
    assert [(r["id"], r["action"]) for r in payload["reviews"]] == [("IT-2024-009", "security-review")]
    _, table = run("access", "report", "--root", str(REPO), "--as-of", "2026-11-23", "--format", "csv")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(table))}
    assert len(rows) == 140
    assert rows["HR-2013-001"]["level_from"] == "inherited from class HR-01"
    assert rows["CON-2026-002"]["no_access_list"] == "yes"
    assert rows["IT-2024-009"]["review_due"] == "security-review"
    for record in payload["records"]:
        assert rows[record["id"]]["level"] == record["level"]


def test_output_is_deterministic() -> None:
    first = run("access", "report", "--root", str(REPO), "--as-of", "2026-11-23", "--format", "csv")
    assert run("access", "report", "--root", str(REPO), "--as-of", "2026-11-23", "--format", "csv") == first


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["who", "HR-9999-001", "ROOT"], "record 'HR-9999-001' is not in the catalogue"),
        (
            ["group", "hr-staf", "ROOT"],
            "group 'hr-staf' is not in catalogue/access.yml (did you mean 'hr-staff'?)",
        ),
        (["report", "ROOT", "--as-of", "2026-02-30"], "'2026-02-30' is not a real date written YYYY-MM-DD"),
    ],
)
def test_unknown_record_group_or_date_exits_2(args: list[str], message: str) -> None:
    code, output = run("access", *(str(REPO) if a == "ROOT" else a for a in args))
    assert code == 2, output
    assert message in output


def test_unreadable_files_make_the_answer_fail(mini: Path) -> None:
    (mini / "catalogue" / "records" / "fin" / "FIN-009.yml").write_text("id: [unclosed\n")
    code, output = run("access", "report", "--root", str(mini))
    assert code == 1
    assert "FIN-009.yml:1:5: error[yaml-syntax]" in output
    assert "this answer may be incomplete" in output
    code, output = run("access", "who", "FIN-009", "--root", str(mini))
    assert code == 2
    assert "the file of record 'FIN-009' could not be read" in output


def test_missing_config_exits_2(tmp_path: Path) -> None:
    code, output = run("access", "report", "--root", str(tmp_path))
    assert code == 2
    assert "error[missing-config]" in output


def test_due_lists_marking_reviews_as_their_own_actions(mini: Path) -> None:
    path = mini / "catalogue" / "records" / "fin" / "FIN-002.yml"
    path.write_text(path.read_text() + "  review_on: 2024-01-10\n  declassify_on: 2024-03-01\n")
    code, output = run(
        "due", "--root", str(mini), "--as-of", "2024-02-01", "--within", "P30D", "--format", "json"
    )
    items = [(i["id"], i["action"], i["state"], i["due"]) for i in json.loads(output)["items"]]
    assert ("FIN-002", "security-review", "overdue", "2024-01-10") in items
    assert ("FIN-002", "declassify", "due", "2024-03-01") in items
    assert code == 1  # an overdue review fails like any overdue action
    _, only = run(
        "due", "--root", str(mini), "--as-of", "2024-02-01", "--action", "declassify", "--format", "json"
    )
    assert json.loads(only)["items"] == []  # not due yet without the window
