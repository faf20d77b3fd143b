"""The id allocator (``fonds.ids``) and the one anchor of a schedule item."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from fonds.ids import IdAllocator, IdError, item_anchor, usual_prefix
from fonds.importers.ids import IdMaker
from fonds.reading.loader import load_catalogue

from ...office import make_office


def test_the_allocator_hands_each_id_out_once_and_never_reuses_a_gap(tmp_path: Path) -> None:
    catalogue, _ = load_catalogue(make_office(tmp_path))
    shaped = replace(catalogue, config=replace(catalogue.config, id_pattern="^[A-Z]{2,4}-[0-9]{3}$"))
    taken = {*shaped.records, "ADM-010"}  # ADM-006..009 are a gap left by old numbers
    allocator = IdAllocator(shaped, taken)
    code = shaped.records["ADM-001"].class_code
    assert code is not None
    assert [allocator.next(code, 2026) for _ in range(2)] == ["ADM-011", "ADM-012"]


def test_an_id_pattern_it_cannot_fill_asks_for_the_id(tmp_path: Path) -> None:
    catalogue, _ = load_catalogue(make_office(tmp_path))
    shaped = replace(catalogue, config=replace(catalogue.config, id_pattern="^(FIN|HR)-[0-9]{3}$"))
    with pytest.raises(IdError, match=r"give the id yourself \(--id\)"):
        IdAllocator(shaped, set(shaped.records))


@pytest.mark.parametrize(
    ("item_id", "anchor"), [("1.1.010", "item-1-1-010"), ("GRS 5.2/020", "item-GRS-5-2-020"), ("A", "item-A")]
)
def test_a_schedule_item_has_one_anchor_for_its_heading_and_every_link(item_id: str, anchor: str) -> None:
    assert item_anchor(item_id) == anchor


def test_fonds_new_and_the_importer_number_a_class_by_the_same_prefix() -> None:
    catalogue, _ = load_catalogue(Path(__file__).parents[3])  # the example: FIN-2024-001
    maker = IdMaker(catalogue)
    allocator = IdAllocator(catalogue, set(catalogue.records))
    checked = 0
    for code in sorted(catalogue.classes):
        usual = usual_prefix(catalogue, allocator.prefixes, code)
        if usual is not None:
            assert allocator.prefix(code) == usual, code
            assert maker.next_id(code, 2026).startswith(usual + "-2026-"), code
            checked += 1
    assert checked
