"""``fonds inventory``: the shelf list and box contents list, with totals."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from .custody_office import make_shelf
from .office import AS_OF, run


@pytest.fixture
def shelf(tmp_path: Path) -> Path:
    return make_shelf(tmp_path)


def listing(root: Path, location: str, fmt: str = "json") -> tuple[int, str]:
    return run("inventory", location, "--root", str(root), "--as-of", AS_OF, "--format", fmt)


def test_shelf_list_holds_the_records_below_it_with_their_retention(shelf: Path) -> None:
    code, output = listing(shelf, "RC-S1")
    assert code == 0, output
    parts = json.loads(output)
    rows = {row["id"]: row for row in parts[0]["rows"]}
    assert sorted(rows) == ["ADM-001", "ADM-003", "ADM-005", "ADM-006"]  # not ADM-007 (destroyed)
    assert rows["ADM-001"]["extent"] == "2 boxes"
    assert rows["ADM-001"]["dates"] == "2015-01-05 – 2015-12-31"
    assert rows["ADM-001"]["rule"] == "town/COR"
    assert rows["ADM-001"]["next_action"] == "destroy"
    assert rows["ADM-003"]["charged_out_to"] == "A. Patel"
    assert rows["ADM-003"]["next_action"] == "transfer"


def test_totals_per_box_and_shelf_in_linear_metres(shelf: Path) -> None:
    _, output = listing(shelf, "RC-S1")
    totals = {row["location"]: row for row in json.loads(output)[1]["rows"]}
    # box 1: 2 boxes of ADM-001 (0.6096 m) and a folder; box 2: one carton at least
    assert totals["RC-BX-1"]["records"] == 2
    assert totals["RC-BX-1"]["linear_metres"] == 0.61
    assert totals["RC-BX-2"]["extent"] == "1 boxes, 3 folders"
    assert totals["RC-BX-2"]["linear_metres"] == 0.305
    assert totals["RC-S1"]["records"] == 4
    assert totals["RC-S1"]["linear_metres"] == 0.914


def test_holds_are_listed(shelf: Path) -> None:
    _, output = listing(shelf, "TH")
    rows = {row["id"]: row for row in json.loads(output)[0]["rows"]}
    assert rows["FIN-001"]["holds"] == ["HOLD-001"]


def test_csv_is_the_list(shelf: Path) -> None:
    code, output = listing(shelf, "RC", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(output)))
    assert [r["id"] for r in rows] == ["ADM-001", "ADM-005", "ADM-003", "ADM-006"]


def test_text_and_markdown_show_totals(shelf: Path) -> None:
    _, text = listing(shelf, "RC-S1", "text")
    assert "4 records, 3 boxes, 4 folders, 0.91 linear metres" in text
    _, md = listing(shelf, "RC-S1", "md")
    assert "| RC-BX-1 | box |" in md


def test_html_is_a_page_to_print_with_every_value_escaped(shelf: Path) -> None:
    code, output = listing(shelf, "RC-BX-1", "html")
    assert code == 0
    assert output.startswith("<!DOCTYPE html>")
    assert "@page" in output
    assert "<script>alert(1)</script>" not in output
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in output


def test_empty_location_and_unknown_location(shelf: Path) -> None:
    code, output = listing(shelf, "ARCH", "text")
    assert code == 0
    assert "No records are kept here." in output
    code, output = listing(shelf, "NOWHERE", "text")
    assert code == 2
    assert "location 'NOWHERE' is not in catalogue/locations.yml" in output
