"""`fonds due` on the example catalogue, on its documented as-of date (docs/retention.md).

The reports are golden files: `pytest tests/test_due.py --update-golden` rewrites them from
the current behaviour; review the diff before committing.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from fonds.cli import main

from .conftest import REPO
from .retention_helpers import dispose_args

GOLDEN = Path(__file__).parent / "golden"
AS_OF = "2026-11-23"
EXAMPLE = ["due", "--root", str(REPO), "--as-of", AS_OF, "--within", "P90D"]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "md", "github"])
def test_example_report_matches_golden(fmt: str, update_golden: bool) -> None:
    code, output = run(*EXAMPLE, "--format", fmt)
    golden = GOLDEN / f"due-{AS_OF}.{fmt}"
    if update_golden:
        golden.write_text(output)
    assert output == golden.read_text(), output
    assert code == 1  # the example has overdue records on purpose


def test_example_has_every_state_on_the_documented_date() -> None:
    _, output = run(*EXAMPLE, "--format", "json", "--fail-on", "never")
    states = json.loads(output)["summary"]["states"]
    for state in (
        "active",
        "semi-active",
        "awaiting-event",
        "eligible",
        "due",
        "overdue",
        "on-hold",
        "permanent",
        "destroyed",
        "transferred",
    ):
        assert states.get(state, 0) > 0, f"no example record is {state} on {AS_OF}"


def test_items_are_sorted_by_due_date_then_id_with_the_json_fields() -> None:
    _, output = run(*EXAMPLE, "--format", "json")
    payload = json.loads(output)
    assert payload["as_of"] == AS_OF
    items = payload["items"]
    assert [(i["due"], i["id"]) for i in items] == sorted((i["due"], i["id"]) for i in items)
    assert {"id", "title", "class", "rule", "state", "action", "due", "holds", "location"} <= set(items[0])


def test_a_held_record_is_never_due_for_destruction() -> None:
    _, output = run(*EXAMPLE, "--format", "json", "--state", "all")
    held = [i for i in json.loads(output)["items"] if "HOLD-2024-001" in i["holds"]]
    assert held, "the example's active hold covers records"
    for item in held:
        if item["action"] in ("destroy", "transfer") and item["due"] and item["due"] <= AS_OF:
            assert item["state"] == "on-hold", item
    released = [i for i in json.loads(output)["items"] if "HOLD-2021-001" in i["holds"]]
    assert released == []  # a released hold holds nothing back


def test_fail_on_controls_the_exit_code(mini: Path) -> None:
    # In the mini catalogue FIN-001 is destroyed 6 years after its final payment (2021-05-01)
    # and the fiscal year end (2022-03-31): 2028-03-31. It is also on hold.
    base = ["due", "--root", str(mini), "--format", "json"]
    assert run(*base, "--as-of", "2028-03-30")[0] == 0
    code, output = run(*base, "--as-of", "2028-04-01")
    [item] = json.loads(output)["items"]
    assert (item["id"], item["state"], item["holds"]) == ("FIN-001", "on-hold", ["HOLD-001"])
    assert code == 0  # on hold is not overdue
    (mini / "catalogue" / "holds" / "HOLD-001.yml").write_text(
        (mini / "catalogue" / "holds" / "HOLD-001.yml").read_text()
        + "released_on: 2024-01-01\nreleased_by: A. Chen\n"
    )
    code, output = run(*base, "--as-of", "2028-04-01")
    assert (code, json.loads(output)["items"][0]["state"]) == (1, "overdue")
    assert run(*base, "--as-of", "2028-04-01", "--fail-on", "never")[0] == 0
    assert run(*base, "--as-of", "2028-03-31", "--fail-on", "due")[0] == 1
    assert run(*base, "--as-of", "2028-03-31")[0] == 0


def test_github_format_annotates_each_overdue_record_at_its_file() -> None:
    _, output = run(*EXAMPLE, "--format", "github")
    errors = [line for line in output.splitlines() if line.startswith("::error ")]
    _, json_output = run(*EXAMPLE, "--format", "json")
    overdue = [i for i in json.loads(json_output)["items"] if i["state"] == "overdue"]
    assert len(errors) == len(overdue) > 0
    assert all("file=catalogue/records/" in line and ",title=Overdue " in line for line in errors)


def test_filters_by_class_location_action_and_state() -> None:
    def ids(*extra: str) -> set[str]:
        _, output = run(*EXAMPLE, "--format", "json", "--state", "all", *extra)
        return {i["id"] for i in json.loads(output)["items"]}

    everything = ids()
    finance = ids("--class", "FIN")
    assert finance and finance < everything and all(i.startswith("FIN-") for i in finance)
    assert ids("--class", "FIN-01-01") <= finance
    off_site = ids("--location", "IVRC")
    _, output = run(*EXAMPLE, "--format", "json", "--state", "all", "--location", "IVRC")
    assert off_site and all(i["location"].startswith("IVRC") for i in json.loads(output)["items"])
    _, output = run(*EXAMPLE, "--format", "json", "--action", "destroy")
    assert {i["action"] for i in json.loads(output)["items"]} == {"destroy"}
    _, output = run(*EXAMPLE, "--format", "json", "--state", "awaiting-event")
    assert {i["state"] for i in json.loads(output)["items"]} == {"awaiting-event"}


def test_csv_has_one_row_per_item() -> None:
    _, output = run(*EXAMPLE, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(output)))
    _, json_output = run(*EXAMPLE, "--format", "json")
    assert [r["id"] for r in rows] == [i["id"] for i in json.loads(json_output)["items"]]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--as-of", "2026-02-30"], "'2026-02-30' is not a real date written YYYY-MM-DD"),
        (["--within", "90 days"], "'90 days' is not an ISO 8601 period"),
        (["--class", "FIN-999"], "class 'FIN-999' is not in the file plan"),
        (["--location", "BOX-X"], "location 'BOX-X' is not in catalogue/locations.yml"),
    ],
)
def test_bad_options_exit_2_with_a_message(args: list[str], message: str) -> None:
    code, output = run("due", "--root", str(REPO), *args)
    assert code == 2
    assert message in output


def test_unreadable_files_make_the_report_fail(mini: Path) -> None:
    (mini / "catalogue" / "records" / "fin" / "FIN-009.yml").write_text("id: [unclosed\n")
    result = CliRunner().invoke(
        main, ["due", "--root", str(mini), "--as-of", "2024-01-01"], catch_exceptions=False
    )
    assert result.exit_code == 1
    assert "FIN-009.yml:1:5: error[yaml-syntax]" in result.output
    assert "this report may be incomplete" in result.output


def test_csv_cells_cannot_run_as_spreadsheet_formulas(mini: Path) -> None:
    path = mini / "catalogue" / "records" / "fin" / "FIN-001.yml"
    path.write_text(path.read_text().replace("title: Invoices 2020", "title: '=HYPERLINK(\"http://x\")'"))
    _, output = run("due", "--root", str(mini), "--as-of", "2030-01-01", "--format", "csv", "--state", "all")
    row = next(r for r in csv.DictReader(io.StringIO(output)) if r["id"] == "FIN-001")
    assert row["title"] == '\'=HYPERLINK("http://x")'


def test_example_catalogue_uses_each_pattern_of_real_schedules() -> None:
    from fonds.reading.loader import load_catalogue

    catalogue, _ = load_catalogue(REPO)
    rules = [item.rule for item in catalogue.items.values()]
    assert any(r.any_of and not any(c.retain for c in r.any_of) for r in rules)  # several triggers
    assert any(any(c.retain for c in r.any_of) for r in rules)  # alternatives with own periods
    assert any(r.retain_max for r in rules)  # a window
    assert {"month", "fiscal-quarter"} <= {r.cutoff for r in rules}
    assert any(r.block_years for r in rules)
    assert {"selective-retention", "other"} <= {r.final_action for r in rules}
    assert any(r.final_action == "review" and r.instruction and r.trigger is None for r in rules)
    assert any(r.minimum for r in rules)


def test_the_final_action_wins_over_a_move_never_made(mini: Path) -> None:
    # A 1y, SA 1y from closure; FIN-002 closed, never moved: the destruction is what is
    # overdue, and fonds due --action destroy and fonds dispose agree.
    schedule = mini / "schedules" / "town.yml"
    schedule.write_text(
        schedule.read_text().replace(
            "{trigger: event, event: final-payment, cutoff: fiscal-year, retain: P6Y, final_action: destroy}",
            "{trigger: closure, active: P1Y, semi_active: P1Y, final_action: destroy}",
        )
    )
    code, output = run(
        "due", "--root", str(mini), "--as-of", "2026-12-01", "--format", "json", "--action", "destroy"
    )
    items = {i["id"]: i for i in json.loads(output)["items"]}
    assert set(items) == {"FIN-001", "FIN-002"}, output  # FIN-001 is held
    assert (items["FIN-002"]["state"], items["FIN-002"]["due"]) == ("overdue", "2024-03-31")
    assert "was never made" in items["FIN-002"]["note"]
    code, output = run(*dispose_args(mini, "FIN-002", "2026-12-01"))
    assert code == 0, output
