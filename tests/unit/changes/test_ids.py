"""The id allocator (``fonds.ids``) and the one anchor of a schedule item."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from fonds.ids import IdAllocator, IdError, item_anchor
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


def test_fonds_new_and_the_importer_give_the_same_next_ids() -> None:
    catalogue, _ = load_catalogue(Path(__file__).parents[3])  # the example: FIN-2024-001
    taken = catalogue.records.keys() | catalogue.record_files
    checked = 0
    for code in sorted(catalogue.classes):
        for year in (2024, 2026):
            try:
                expected = [IdAllocator(catalogue, taken).next(code, year)]
            except IdError:
                continue
            maker = IdMaker(catalogue)
            assert [maker.next_id(code, year)] == expected, code
            checked += 1
    assert checked > 10


def test_the_importer_numbers_past_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    catalogue, _ = load_catalogue(Path(__file__).parents[3])
    code = catalogue.records["FIN-2024-001"].class_code
    assert code is not None
    following = IdMaker(catalogue).next_id(code, 2024)
    unreadable = replace(catalogue, record_files=catalogue.record_files | {following})
    assert IdMaker(unreadable).next_id(code, 2024) not in {following, *catalogue.records}
