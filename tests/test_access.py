"""Effective markings, who may see a record, what a group may see, and the access report.

Built on small models made here, so each rule (inheritance part by part, caveats, access lists,
named people, the lowest level) is tested on its own; then on the example catalogue.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from fonds.access.markings import (
    access_report,
    class_marking,
    effective_marking,
    group_may_see,
    iter_marking_reviews,
    who_may_see,
)
from fonds.checks import check_catalogue
from fonds.model import Access, AccessGroup, Catalogue, Config, FileClass, Marking, Record
from fonds.reading.loader import load_catalogue

from .conftest import REPO

LEVELS = ("public", "internal", "confidential", "secret")


def group(
    id: str, clearance: str, caveats: tuple[str, ...] = (), members: tuple[str, ...] = ()
) -> AccessGroup:
    return AccessGroup(
        id=id, title=id.title(), clearance=clearance, caveats=caveats, members=members, team=f"org/{id}"
    )


GROUPS = (
    group("staff", "internal", members=("ann", "bob")),
    group("hr", "confidential", ("pi",), ("carol", "bob")),
    group("legal", "secret", ("pi", "privilege"), ("dan",)),
    group("audit", "secret", (), ("erin",)),
)


def record(id: str, class_code: str = "HR-01", security: Marking | None = None) -> Record:
    return Record(
        id=id,
        title=f"Title of {id}",
        class_code=class_code,
        created=date(2020, 1, 1),
        format="electronic",
        file=f"catalogue/records/{id}.yml",
        uri="edms://x",
        security=security,
    )


def catalogue(*records: Record, classes: tuple[FileClass, ...] = ()) -> Catalogue:
    plan = classes or (
        FileClass("HR", "Human resources"),
        FileClass(
            "HR-01",
            "Personnel files",
            parent="HR",
            retention="town/HR",
            security=Marking(level="confidential", caveats=("pi",), groups=("hr",)),
        ),
        FileClass("PUB", "Published", retention="town/PUB"),
    )
    return Catalogue(
        root=".",
        config=Config(name="Test"),
        access=Access(
            levels=LEVELS,
            caveats={"pi": "Personal information", "privilege": "Legal privilege"},
            groups={g.id: g for g in GROUPS},
        ),
        classes={c.code: c for c in plan},
        schedules={},
        items={},
        records={r.id: r for r in records},
        locations={},
        holds={},
    )


def allowed(cat: Catalogue, record_id: str) -> dict[str, str]:
    result = who_may_see(cat.records[record_id], cat)
    return {g.name: g.reason for g in result.groups if g.allowed}


# Inheritance


def test_a_record_without_a_marking_inherits_every_part_from_its_class() -> None:
    cat = catalogue(record("HR-1"))
    marking = effective_marking(cat.records["HR-1"], cat)
    assert (marking.level, marking.caveats, marking.groups) == ("confidential", ("pi",), ("hr",))
    assert marking.level_from.describe() == "inherited from class HR-01"
    assert marking.access_from.describe() == "inherited from class HR-01"


def test_each_part_comes_from_the_nearest_place_that_writes_it() -> None:
    cat = catalogue(
        record("HR-1", security=Marking(review_on=date(2027, 1, 1))),
        record("HR-2", security=Marking(level="secret", groups=("legal",), people=("zoe",))),
    )
    only_review = effective_marking(cat.records["HR-1"], cat)
    assert (only_review.level, only_review.caveats, only_review.groups) == ("confidential", ("pi",), ("hr",))
    assert only_review.review_from.describe() == "set on the record"
    own = effective_marking(cat.records["HR-2"], cat)
    # The record's access list replaces the class's (groups and people together); caveats inherited.
    assert (own.level, own.caveats, own.groups, own.people) == ("secret", ("pi",), ("legal",), ("zoe",))
    assert own.caveats_from.describe() == "inherited from class HR-01"


def test_a_class_inherits_from_the_nearest_ancestor_with_a_marking() -> None:
    classes = (
        FileClass("LEG", "Legal", security=Marking(level="secret", caveats=("privilege",))),
        FileClass("LEG-01", "Opinions", parent="LEG"),
        FileClass(
            "LEG-01-01",
            "External opinions",
            parent="LEG-01",
            retention="town/LEG",
            security=Marking(groups=("legal",)),
        ),
    )
    cat = catalogue(record("L-1", "LEG-01-01"), classes=classes)
    marking = effective_marking(cat.records["L-1"], cat)
    assert (marking.level, marking.caveats, marking.groups) == ("secret", ("privilege",), ("legal",))
    assert marking.level_from.describe() == "inherited from class LEG"
    assert marking.access_from.describe() == "inherited from class LEG-01-01"
    assert class_marking("LEG-01", cat).level == "secret"


def test_a_record_marked_nowhere_is_at_the_lowest_level() -> None:
    cat = catalogue(record("P-1", "PUB"))
    marking = effective_marking(cat.records["P-1"], cat)
    assert (marking.level, marking.has_access_list) == ("public", False)
    assert marking.level_from.kind == "default"


# Who may see a record


def test_a_group_needs_clearance_every_caveat_and_a_place_on_the_access_list() -> None:
    cat = catalogue(record("HR-1"))
    result = who_may_see(cat.records["HR-1"], cat)
    reasons = {g.name: (g.allowed, g.reason) for g in result.groups}
    assert reasons["hr"] == (True, "on the access list; cleared for confidential; holds pi")
    assert reasons["staff"] == (False, "cleared to internal only; does not hold pi; not on the access list")
    # legal is cleared and holds the caveat, but the access list does not name it.
    assert reasons["legal"] == (False, "not on the access list")
    assert reasons["audit"] == (False, "does not hold pi; not on the access list")
    assert [(p.name, p.reason) for p in result.people] == [("bob", "member of hr"), ("carol", "member of hr")]
    assert not result.everyone


def test_the_access_list_never_widens_past_clearance_or_caveats() -> None:
    cat = catalogue(record("HR-1", security=Marking(groups=("hr", "staff", "audit"))))
    # staff is listed but not cleared; audit is listed and cleared but lacks the caveat.
    assert set(allowed(cat, "HR-1")) == {"hr"}


def test_without_an_access_list_every_cleared_group_holding_the_caveats_may_see() -> None:
    classes = (
        FileClass("X", "X", retention="town/X", security=Marking(level="confidential", caveats=("pi",))),
    )
    cat = catalogue(record("X-1", "X"), classes=classes)
    assert allowed(cat, "X-1") == {
        "hr": "no access list; cleared for confidential; holds pi",
        "legal": "no access list; cleared for confidential; holds pi",
    }


def test_named_people_may_see_and_are_flagged_when_no_group_of_theirs_may() -> None:
    cat = catalogue(record("HR-1", security=Marking(groups=("hr",), people=("erin", "carol"))))
    people = {p.name: p.reason for p in who_may_see(cat.records["HR-1"], cat).people}
    assert people["erin"] == (
        "named on the access list; in no group that may see it, so fonds cannot vouch for their clearance"
    )
    assert people["carol"] == "member of hr; named on the access list"


def test_the_lowest_level_is_open_to_everyone_and_ignores_an_access_list() -> None:
    cat = catalogue(record("P-1", "PUB", Marking(level="public", groups=("hr",), people=("zoe",))))
    result = who_may_see(cat.records["P-1"], cat)
    assert result.everyone
    assert all(g.allowed and g.reason == "public: anyone may see it" for g in result.groups)
    assert "zoe" not in {p.name for p in result.people}


def test_caveats_apply_even_at_the_lowest_level() -> None:
    cat = catalogue(record("P-1", "PUB", Marking(level="public", caveats=("privilege",))))
    assert not who_may_see(cat.records["P-1"], cat).everyone
    assert set(allowed(cat, "P-1")) == {"legal"}


def test_nobody_is_cleared_for_an_unknown_level() -> None:
    cat = catalogue(record("HR-1", security=Marking(level="top-secret", people=("zoe",))))
    result = who_may_see(cat.records["HR-1"], cat)
    assert not any(g.allowed for g in result.groups) and result.people == ()
    assert "the record's level 'top-secret' is not a known level" in result.groups[0].reason


def test_what_a_group_may_see_with_reasons() -> None:
    cat = catalogue(
        record("HR-1"),
        record("P-1", "PUB"),
        record("HR-2", security=Marking(level="secret", groups=("legal",))),
    )
    seen = {v.record.id: (v.reason, v.open) for v in group_may_see(GROUPS[1], cat)}
    assert seen == {
        "HR-1": ("on the access list; cleared for confidential; holds pi", False),
        "P-1": ("public: anyone may see it", True),
    }
    assert {v.record.id for v in group_may_see(GROUPS[2], cat)} == {"P-1", "HR-2"}


# Reviews and the report


def test_reviews_and_declassify_dates_up_to_a_day() -> None:
    cat = catalogue(
        record("HR-1", security=Marking(review_on=date(2026, 1, 1), declassify_on=date(2026, 6, 1))),
        record("HR-2", security=Marking(review_on=date(2027, 1, 1))),
        record("P-1", "PUB", Marking(level="public", declassify_on=date(2020, 1, 1))),
    )
    found = [(r.record.id, r.action, r.due) for r in iter_marking_reviews(cat, date(2026, 6, 1))]
    # P-1 is already at the lowest level: nothing left to declassify.
    assert found == [("HR-1", "security-review", date(2026, 1, 1)), ("HR-1", "declassify", date(2026, 6, 1))]


def test_access_report_counts_and_lists() -> None:
    cat = catalogue(
        record("HR-1"),
        record("HR-2", security=Marking(level="secret", review_on=date(2026, 3, 1))),
        record("P-1", "PUB"),
        record("X-1", "PUB", Marking(level="internal")),
    )
    report = access_report(cat, date(2026, 3, 1))
    assert dict(report.by_level) == {"public": 1, "internal": 1, "confidential": 1, "secret": 1}
    assert dict(report.by_class["HR-01"]) == {"public": 0, "internal": 0, "confidential": 1, "secret": 1}
    # HR-2 inherits the class's access list, so only X-1 has none above the lowest level.
    assert [r.record.id for r in report.unlisted] == ["X-1"]
    assert [(r.record.id, r.action) for r in report.reviews] == [("HR-2", "security-review")]
    assert [(r.record.id, r.action) for r in access_report(cat, date(2026, 2, 28)).reviews] == []


def test_a_record_that_only_inherits_a_bad_marking_is_not_blamed_for_it() -> None:
    bad_class = FileClass(
        "HR-01",
        "Personnel",
        retention="town/HR",
        security=Marking(level="confidential", caveats=("pi",), groups=("staff",)),
    )
    cat = catalogue(
        record("HR-1", security=Marking(review_on=date(2027, 1, 1))), record("HR-2"), classes=(bad_class,)
    )
    found = [(d.file, d.code) for d in check_catalogue(cat) if d.code.startswith("access")]
    # The class is blamed (not cleared, and lacks the caveat); its records are not.
    assert sorted(found) == [("", "access-missing-caveat"), ("", "access-not-cleared")]


# The example catalogue


def test_the_example_has_every_level_with_access_lists() -> None:
    cat, _ = load_catalogue(REPO)
    report = access_report(cat, date(2026, 11, 23))
    assert all(report.by_level[level] > 0 for level in LEVELS), report.by_level
    for level in LEVELS[1:]:
        assert any(r.marking.level == level and r.marking.has_access_list for r in report.rows), level
    assert [r.record.id for r in report.reviews] == ["IT-2024-009"]


def test_example_who_may_see_a_closed_session_report() -> None:
    cat, _ = load_catalogue(REPO)
    result = who_may_see(cat.records["COU-2024-003"], cat)
    assert [g.name for g in result.groups if g.allowed] == ["council"]
    people = {p.name for p in result.people}
    assert "h.fraser" in people  # named on the list, though Legal Services lacks cabinet-confidence
    assert "a.chen" not in people


def test_markings_of_a_mini_catalogue_from_files(mini: Path) -> None:
    cat, _ = load_catalogue(mini)
    assert effective_marking(cat.records["FIN-003"], cat).level == "public"
    assert set(allowed(cat, "FIN-002")) == {"fin"}
