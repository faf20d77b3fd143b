"""The audience filter, at the model level: nothing hidden is left anywhere in the filtered model.

Every dataclass field of the filtered catalogue is walked (records, holds, positions keys and
values, record_files, ...) and every string is searched for every hidden record's id and file
name. The records the audience may see must still be there, so the test can fail both ways.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from fonds.access.audience import AudienceError, filter_for_audience, visible_ids
from fonds.access.markings import effective_markings
from fonds.model import Marking, Relation
from fonds.reading.loader import load_catalogue

from .conftest import REPO

EXAMPLE, _ = load_catalogue(REPO)
LEVELS = EXAMPLE.access.levels


def strings(value: Any) -> Iterator[str]:
    """Every string inside ``value``: dataclass fields, mapping keys and values, sequences."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            stack.extend(getattr(item, f.name) for f in dataclasses.fields(item))
        elif isinstance(item, Mapping):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            stack.extend(item)


def rank(level: str) -> int:
    return LEVELS.index(level)


@pytest.mark.parametrize("level", LEVELS)
def test_no_hidden_record_is_left_anywhere_in_the_model(level: str) -> None:
    markings = effective_markings(EXAMPLE)
    expected = {r for r, m in markings.items() if rank(m.level) <= rank(level) and not m.caveats}
    shown = filter_for_audience(EXAMPLE, level)
    assert set(shown.records) == expected
    hidden = [EXAMPLE.records[r] for r in EXAMPLE.records if r not in expected]
    if level != LEVELS[-1]:
        assert hidden, "the example must have records above this level"
    text = "\n".join(strings(shown))
    leaks = [r.id for r in hidden if r.id in text] + [r.file for r in hidden if r.file in text]
    assert leaks == []
    for record_id in expected:  # what may be seen is all there
        assert shown.records[record_id].title == EXAMPLE.records[record_id].title
        assert EXAMPLE.records[record_id].file in shown.positions


@pytest.mark.parametrize("level", LEVELS)
def test_an_audience_holding_every_caveat_sees_everything_up_to_its_level(level: str) -> None:
    shown = filter_for_audience(EXAMPLE, level, frozenset(EXAMPLE.access.caveats))
    markings = effective_markings(EXAMPLE)
    assert set(shown.records) == {r for r, m in markings.items() if rank(m.level) <= rank(level)}


def test_caveats_hide_records_the_audience_does_not_hold_them_for() -> None:
    pi = filter_for_audience(EXAMPLE, "confidential", frozenset({"personal-information"}))
    assert "HR-2013-001" in pi.records  # confidential, personal-information
    assert "COU-2024-003" not in pi.records  # confidential, cabinet-confidence
    assert "LEG-2014-003" not in pi.records  # holds one of its two caveats only


def test_the_default_audience_is_the_lowest_level() -> None:
    assert set(filter_for_audience(EXAMPLE).records) == set(filter_for_audience(EXAMPLE, "public").records)
    assert visible_ids(EXAMPLE, "public") == frozenset(filter_for_audience(EXAMPLE).records)


def test_relations_to_hidden_records_are_counted_not_shown() -> None:
    # PER-2026-012 (public) references COU-2024-003 (confidential).
    before = EXAMPLE.records["PER-2026-012"]
    assert "COU-2024-003" in {r.target for r in before.relations}
    after = filter_for_audience(EXAMPLE, "public").records["PER-2026-012"]
    assert "COU-2024-003" not in {r.target for r in after.relations}
    assert after.hidden_relations == len(before.relations) - len(after.relations) >= 1
    # An audience that may see the target keeps the relation and counts nothing.
    full = filter_for_audience(EXAMPLE, "secret", frozenset(EXAMPLE.access.caveats))
    assert full.records["PER-2026-012"] == before


def test_holds_keep_their_text_and_lose_hidden_ids() -> None:
    hold = filter_for_audience(EXAMPLE, "internal").holds["HOLD-2024-001"]
    original = EXAMPLE.holds["HOLD-2024-001"]
    assert "LEG-2023-006" in original.records and "LEG-2023-006" not in hold.records
    assert "CON-2023-001" in hold.records
    assert (hold.title, hold.reason, hold.classes) == (original.title, original.reason, original.classes)


def test_the_input_catalogue_is_not_changed() -> None:
    records = dict(EXAMPLE.records)
    filter_for_audience(EXAMPLE, "public")
    assert dict(EXAMPLE.records) == records
    assert "LEG-2023-006" in EXAMPLE.holds["HOLD-2024-001"].records


@pytest.mark.parametrize(
    ("level", "caveats", "message"),
    [
        (
            "Public",
            frozenset(),
            "audience level 'Public' is not one of the levels in catalogue/access.yml: "
            "public, internal, confidential, secret",
        ),
        ("internal", frozenset({"pii"}), "audience caveat 'pii' not listed in catalogue/access.yml"),
    ],
)
def test_an_unknown_level_or_caveat_is_a_clear_error(
    level: str, caveats: frozenset[str], message: str
) -> None:
    with pytest.raises(AudienceError) as caught:
        filter_for_audience(EXAMPLE, level, caveats)
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_fails_closed_on_unknown_levels_dangling_relations_and_unreadable_files(mini: Path) -> None:
    (mini / "catalogue" / "records" / "fin" / "FIN-009.yml").write_text("id: [unclosed\n")
    catalogue, _ = load_catalogue(mini)
    odd = dataclasses.replace(
        catalogue.records["FIN-003"],
        security=Marking(level="restricted"),
    )
    dangling = dataclasses.replace(
        catalogue.records["FIN-001"],
        relations=(Relation("references", "FIN-009"), Relation("references", "FIN-404")),
    )
    catalogue = dataclasses.replace(
        catalogue, records={**catalogue.records, "FIN-003": odd, "FIN-001": dangling}
    )
    shown = filter_for_audience(catalogue, "confidential", frozenset({"personal-information"}))
    assert set(shown.records) == {"FIN-001", "FIN-002"}  # the unknown level 'restricted' is hidden
    assert shown.records["FIN-001"].relations == () and shown.records["FIN-001"].hidden_relations == 2
    assert "FIN-009" in catalogue.record_files and "FIN-009" not in shown.record_files
    assert not any(f.endswith(("FIN-003.yml", "FIN-009.yml")) for f in shown.positions)
    assert "fonds.yml" in shown.positions  # shared files keep their positions


def test_filtered_catalogue_still_works_for_reports() -> None:
    from fonds.retention.due import due_report
    from fonds.retention.periods import Period

    shown = filter_for_audience(EXAMPLE, "public")
    report = due_report(shown, date(2026, 11, 23), Period("P90D"))
    assert report.records == len(shown.records)
    assert all(item.id in shown.records for item in report.items)


def test_findings_are_shown_only_for_visible_record_files_and_shared_files() -> None:
    from fonds.access.audience import visible_problems
    from fonds.diagnostics import error

    shown = filter_for_audience(EXAMPLE, "public")
    found = visible_problems(
        [
            error("catalogue/records/legal/LEG-2023-006.yml", 3, 1, "unknown-class", "in a hidden file"),
            error(
                "catalogue/records/permits/PER-2026-012.yml", 20, 5, "unknown-record", "names COU-2024-003"
            ),
            error(
                "catalogue/records/permits/PER-2026-012.yml", 20, 5, "unknown-record", "names cou-2024-003"
            ),
            # a stray copy of a hidden record, outside records/ and under another name
            error("catalogue/old/LEG-2023-006.yml", 1, 1, "unknown-file", "not a catalogue file"),
            error("catalogue/old/copy.yml", 1, 1, "unknown-file", "not a catalogue file"),
            error("catalogue/records/x/FIN-2099-001.yml", 1, 1, "yaml-syntax", "not YAML"),
            error("catalogue/file-plan.yml", 1, 1, "unknown-parent", "a shared file"),
            error(
                "catalogue/file-plan.yml",
                2,
                1,
                "unknown-parent",
                "see catalogue/records/legal/LEG-2023-006.yml",
            ),
            error("catalogue/holds/HOLD-2024-001.yml", 2, 1, "hold-empty", "a hold the public may not see"),
            error(
                "catalogue/records/permits/PER-2026-012.yml",
                21,
                5,
                "schema",
                "a visible record's own problem",
            ),
        ],
        EXAMPLE,
        shown,
    )
    assert [(d.file, d.message) for d in found] == [
        ("catalogue/file-plan.yml", "a shared file"),
        ("catalogue/records/permits/PER-2026-012.yml", "a visible record's own problem"),
    ]


def test_a_record_file_with_an_error_is_left_out_for_every_audience() -> None:
    record = EXAMPLE.records["CON-2023-001"]
    for level in LEVELS:
        shown = filter_for_audience(
            EXAMPLE, level, frozenset(EXAMPLE.access.caveats), withheld_files=frozenset({record.file})
        )
        assert "CON-2023-001" not in shown.records
        assert "CON-2023-001" not in "".join(strings(shown.holds))


OPERATIONAL = {
    "borrower": "H. Fraser (Town Solicitor)",
    "hold reason": EXAMPLE.holds["HOLD-2024-001"].reason,
    "hold title": EXAMPLE.holds["HOLD-2024-001"].title,
    "approver": "P. Natarajan (Treasurer)",
    "witness": "T. Whitfield",
    "access-list person": "h.fraser",
}


@pytest.mark.parametrize("level", LEVELS)
def test_operational_details_leave_the_model_below_the_operational_audience(level: str) -> None:
    shown = filter_for_audience(EXAMPLE, level, frozenset(EXAMPLE.access.caveats))
    text = "\n".join(strings(shown))
    assert all(value in "\n".join(strings(EXAMPLE)) for value in OPERATIONAL.values())
    for what, value in OPERATIONAL.items():
        if level == "public":
            assert value not in text, what
        elif what != "access-list person" or rank(level) >= rank("confidential"):
            assert value in text, what
    assert bool(shown.holds) is (level != "public")


def test_the_operational_audience_is_a_catalogue_setting() -> None:
    config = dataclasses.replace(EXAMPLE.config, operational_audience="confidential")
    catalogue = dataclasses.replace(EXAMPLE, config=config)
    assert filter_for_audience(catalogue, "internal").holds == {}
    assert filter_for_audience(catalogue, "confidential").holds
    # anything but a level: no audience sees them (fail closed)
    odd = dataclasses.replace(
        EXAMPLE, config=dataclasses.replace(EXAMPLE.config, operational_audience="Secret")
    )
    everyone = filter_for_audience(odd, "secret", frozenset(EXAMPLE.access.caveats))
    assert everyone.holds == {} and all(r.charge_out is None for r in everyone.records.values())


def test_free_text_naming_a_hold_or_a_person_is_withheld_below_the_operational_audience() -> None:
    public = filter_for_audience(EXAMPLE, "public")
    assert "HOLD-2024-001" in EXAMPLE.records["CON-2022-002"].notes
    assert public.records["CON-2022-002"].notes == ""
    assert filter_for_audience(EXAMPLE, "internal").records["CON-2022-002"].notes
    # whole words only: ordinary descriptions stay
    kept = [r for r in public.records.values() if r.description]
    assert len(kept) >= len(public.records) - 3
