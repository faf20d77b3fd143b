"""Refusals: every reason a plan cannot be carried out, placed on its line, each once."""

from __future__ import annotations

from pathlib import Path

from fonds.changes.plan import Plan, refusal, refused, select_records
from fonds.reading.loader import load_catalogue

from ...office import make_office

RECORD = "catalogue/records/adm/ADM-004.yml"


def test_a_refusal_is_placed_on_the_line_of_its_key(tmp_path: Path) -> None:
    catalogue, _ = load_catalogue(make_office(tmp_path))
    placed = refusal(catalogue, RECORD, ("title",), "date-order", "no")
    text = (tmp_path / "office" / RECORD).read_text(encoding="utf-8").splitlines()
    assert placed.line > 0 and text[placed.line - 1].lstrip().startswith("title:")
    assert (placed.file, placed.code, placed.path) == (RECORD, "date-order", "title")
    whole = refusal(catalogue, RECORD, (), "date-order", "no")
    assert (whole.line, whole.column) == (0, 0)


def test_refused_lists_each_reason_once_in_file_and_line_order(tmp_path: Path) -> None:
    catalogue, _ = load_catalogue(make_office(tmp_path))
    late = refusal(catalogue, RECORD, ("title",), "not-physical", "later")
    early = refusal(catalogue, "catalogue/records/adm/ADM-001.yml", ("id",), "date-order", "first")
    plan = refused("Do it", [late, early, late])
    assert plan == Plan("Do it", refusals=(early, late))
    assert plan.changes == () and plan.message == "Do it\n"


def test_an_unknown_id_is_refused_with_the_nearest_ids(tmp_path: Path) -> None:
    catalogue, _ = load_catalogue(make_office(tmp_path))
    records, refusals = select_records(catalogue, ["ADM-004", "ADM-04", "ADM-004"])
    assert [r.id for r in records] == ["ADM-004"]
    assert [r.code for r in refusals] == ["unknown-record"]
    assert "ADM-004" in refusals[0].message
