"""Security markings and access: what a record is marked, who may see it, and why.

**Effective marking.** A marking has five parts: the level, the caveats, the access list
(its groups and people together), the review date and the declassify-on date. Each part is
taken from the nearest place that writes it: the record's own ``security`` block, else its
class's, else the nearest ancestor class's; a part written nowhere is empty, and a level
written nowhere is the lowest level. So a record that writes only ``review_on`` keeps its
class's level, caveats and access list, and a record that writes its own access list
replaces its class's list entirely. An empty list (``caveats: []``) is the same as no list:
a record cannot drop a caveat or an access list its class sets (file it in another class).

**Who may see a record.** A group may see it when all three hold:

1. the group is cleared for the record's level (its clearance is that level or higher);
2. the group holds every caveat of the record;
3. the record has no access list, or the group is on it. At the lowest level the access
   list restricts nothing: the lowest level (``public``) means anyone.

The access list narrows, it never widens: naming a group that is not cleared, or that lacks a
caveat, gives it nothing (``fonds check`` reports both as errors). A person may see the record
when they are a member of a group that may, or when they are named on the access list: a
named person is a deliberate, individual grant, which fonds cannot check, because it records
clearances for groups only. A record without caveats at the lowest level is open to everyone.

A level that ``catalogue/access.yml`` does not list (a mistake ``fonds check`` reports) ranks
above every level: nobody is cleared for it. fonds never lowers a marking by itself: the
declassify-on date only puts the record on ``fonds due`` for a person to act on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ..hierarchy import ancestors
from ..model import Access, AccessGroup, Catalogue, Marking, Record


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a part of an effective marking was written."""

    kind: Literal["record", "class", "default"]
    code: str = ""
    """The class code, when ``kind`` is ``class``."""

    def describe(self) -> str:
        if self.kind == "record":
            return "set on the record"
        if self.kind == "class":
            return f"inherited from class {self.code}"
        return "not set"


RECORD = Origin("record")
DEFAULT = Origin("default")


@dataclass(frozen=True, slots=True)
class EffectiveMarking:
    """A record's (or class's) marking after inheritance, each part with its origin."""

    level: str
    caveats: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    review_on: date | None = None
    declassify_on: date | None = None
    level_from: Origin = DEFAULT
    caveats_from: Origin = DEFAULT
    access_from: Origin = DEFAULT
    review_from: Origin = DEFAULT
    declassify_from: Origin = DEFAULT

    @property
    def has_access_list(self) -> bool:
        return bool(self.groups or self.people)


def rank(level: str, access: Access) -> int | None:
    """The level's position, lowest first; ``None`` for a level that is not listed."""
    try:
        return access.levels.index(level)
    except ValueError:
        return None


def lowest_level(access: Access) -> str:
    return access.levels[0] if access.levels else "public"


def _inherit(chain: list[tuple[Origin, Marking]], access: Access) -> EffectiveMarking:
    """Each part from the first marking in ``chain`` (nearest first) that writes it."""

    def first(part: str) -> tuple[Origin, Marking] | None:
        for origin, marking in chain:
            value = (marking.groups or marking.people) if part == "access" else getattr(marking, part)
            if value:
                return origin, marking
        return None

    level, caveats, listed = first("level"), first("caveats"), first("access")
    review, declassify = first("review_on"), first("declassify_on")
    return EffectiveMarking(
        level=(level[1].level or "") if level else lowest_level(access),
        caveats=caveats[1].caveats if caveats else (),
        groups=listed[1].groups if listed else (),
        people=listed[1].people if listed else (),
        review_on=review[1].review_on if review else None,
        declassify_on=declassify[1].declassify_on if declassify else None,
        level_from=level[0] if level else DEFAULT,
        caveats_from=caveats[0] if caveats else DEFAULT,
        access_from=listed[0] if listed else DEFAULT,
        review_from=review[0] if review else DEFAULT,
        declassify_from=declassify[0] if declassify else DEFAULT,
    )


def _class_chain(code: str | None, catalogue: Catalogue) -> list[tuple[Origin, Marking]]:
    if code is None or code not in catalogue.classes:
        return []
    chain = []
    for key in (code, *ancestors(code, catalogue.class_parents)):
        marking = catalogue.classes[key].security
        if marking is not None:
            chain.append((Origin("class", key), marking))
    return chain


def class_marking(code: str, catalogue: Catalogue) -> EffectiveMarking:
    """The default marking a class gives its records (its own parts, then its ancestors')."""
    return _inherit(_class_chain(code, catalogue), catalogue.access)


def effective_marking(record: Record, catalogue: Catalogue) -> EffectiveMarking:
    own = [(RECORD, record.security)] if record.security is not None else []
    return _inherit(own + _class_chain(record.class_code, catalogue), catalogue.access)


def effective_markings(catalogue: Catalogue) -> dict[str, EffectiveMarking]:
    """Record id -> effective marking, for every record; class chains are walked once each."""
    chains: dict[str | None, list[tuple[Origin, Marking]]] = {}
    result: dict[str, EffectiveMarking] = {}
    for record in catalogue.records.values():
        chain = chains.get(record.class_code)
        if chain is None:
            chain = chains[record.class_code] = _class_chain(record.class_code, catalogue)
        own = [(RECORD, record.security)] if record.security is not None else []
        result[record.id] = _inherit(own + chain, catalogue.access)
    return result


def is_open(marking: EffectiveMarking, access: Access) -> bool:
    """Open to everyone: the lowest level and no caveats."""
    return rank(marking.level, access) == 0 and not marking.caveats


# Who may see what


@dataclass(frozen=True, slots=True)
class Grant:
    """One group or person and the reason they may (or may not) see a record."""

    name: str
    allowed: bool
    reason: str


def group_decision(group: AccessGroup, marking: EffectiveMarking, access: Access) -> Grant:
    """Whether ``group`` may see a record with ``marking``, with every reason why (not)."""
    level_rank, clearance_rank = rank(marking.level, access), rank(group.clearance, access)
    refused: list[str] = []
    if level_rank is None:
        refused.append(f"the record's level '{marking.level}' is not a known level")
    elif clearance_rank is None or clearance_rank < level_rank:
        refused.append(f"cleared to {group.clearance or 'no level'} only")
    missing = [c for c in marking.caveats if c not in group.caveats]
    if missing:
        refused.append(f"does not hold {', '.join(missing)}")
    listed = marking.has_access_list and level_rank != 0
    if listed and group.id not in marking.groups:
        refused.append("not on the access list")
    if refused:
        return Grant(group.id, False, "; ".join(refused))
    if is_open(marking, access):
        return Grant(group.id, True, f"{marking.level}: anyone may see it")
    reasons = ["on the access list" if listed else "no access list", f"cleared for {marking.level}"]
    if marking.caveats:
        reasons.append(f"holds {', '.join(marking.caveats)}")
    return Grant(group.id, True, "; ".join(reasons))


@dataclass(frozen=True, slots=True)
class WhoMaySee:
    record: Record
    marking: EffectiveMarking
    everyone: bool
    """Open to everyone (lowest level, no caveats): the lists below are only the known people."""
    groups: tuple[Grant, ...]
    """Every group in access.yml, allowed or not, in id order."""
    people: tuple[Grant, ...]
    """Everyone who may see the record, in name order."""
    asked: Grant | None = None
    """The decision for the one person asked about (``--person``), allowed or not."""


def person_decision(person: str, marking: EffectiveMarking, access: Access) -> Grant:
    """Whether ``person`` may see a record with ``marking``, and why (not).

    A person may see it when a group they are a member of may (``group_decision``), or when they
    are named on its access list (above the lowest level), or when it is open to everyone. A
    name that is in no group is refused for anything that is not open. ``fonds access who`` and
    ``fonds checkout`` both decide with this, so they always agree."""
    groups = [group for _, group in sorted(access.groups.items()) if person in group.members]
    decisions = [group_decision(group, marking, access) for group in groups]
    allowed = [grant.name for grant in decisions if grant.allowed]
    named = person in marking.people and rank(marking.level, access) not in (0, None)
    reasons = [f"member of {', '.join(allowed)}"] if allowed else []
    if named:
        reasons.append("named on the access list")
        if not allowed:
            reasons.append("in no group that may see it, so fonds cannot vouch for their clearance")
    if reasons:
        return Grant(person, True, "; ".join(reasons))
    if is_open(marking, access):
        return Grant(person, True, f"{marking.level}: anyone may see it")
    needs = f"{marking.level}" + (f" with {', '.join(marking.caveats)}" if marking.caveats else "")
    if not groups:
        return Grant(
            person,
            False,
            f"is in no access group in {access.file} and is not named on the record's access list; "
            f"the record is marked {needs}",
        )
    why = "; ".join(f"is a member of {grant.name} only ({grant.reason})" for grant in decisions)
    return Grant(person, False, f"{why} (the record is marked {needs})")


def who_may_see(record: Record, catalogue: Catalogue, person: str | None = None) -> WhoMaySee:
    """Every group and person who may see ``record``; with ``person``, also the decision for
    them (the one ``fonds checkout`` makes)."""
    access = catalogue.access
    marking = effective_marking(record, catalogue)
    groups = tuple(group_decision(g, marking, access) for _, g in sorted(access.groups.items()))
    allowed = {g.name for g in groups if g.allowed}
    members = {member for group_id in allowed for member in access.groups[group_id].members}
    named = set(marking.people) if rank(marking.level, access) not in (0, None) else set()
    people = (person_decision(person, marking, access) for person in sorted(members | named))
    asked = person_decision(person, marking, access) if person is not None else None
    allowed_people = tuple(p for p in people if p.allowed)
    return WhoMaySee(record, marking, is_open(marking, access), groups, allowed_people, asked)


@dataclass(frozen=True, slots=True)
class Visible:
    record: Record
    marking: EffectiveMarking
    reason: str
    open: bool
    """Open to everyone, not only to this group."""


def group_may_see(group: AccessGroup, catalogue: Catalogue) -> list[Visible]:
    """The records ``group`` may see, in id order, each with the reason."""
    markings = effective_markings(catalogue)
    found = []
    for record in catalogue.records.values():
        grant = group_decision(group, markings[record.id], catalogue.access)
        if grant.allowed:
            marking = markings[record.id]
            found.append(Visible(record, marking, grant.reason, is_open(marking, catalogue.access)))
    return found


# The access report


@dataclass(frozen=True, slots=True)
class MarkingReview:
    """A marking's review or declassify-on date that has come (or comes within a window)."""

    record: Record
    marking: EffectiveMarking
    action: Literal["security-review", "declassify"]
    due: date


def iter_marking_reviews(
    catalogue: Catalogue, until: date, markings: Mapping[str, EffectiveMarking] | None = None
) -> Iterator[MarkingReview]:
    """Every review and declassify-on date on or before ``until``, record by record in id order.

    End states are included: a destroyed record's metadata stays, and so does its marking. A
    declassify-on date on a record already at the lowest level has nothing left to do.
    """
    markings = markings if markings is not None else effective_markings(catalogue)
    for record in catalogue.records.values():
        marking = markings[record.id]
        if marking.review_on is not None and marking.review_on <= until:
            yield MarkingReview(record, marking, "security-review", marking.review_on)
        declassify = marking.declassify_on
        if declassify is not None and declassify <= until and rank(marking.level, catalogue.access) != 0:
            yield MarkingReview(record, marking, "declassify", declassify)


@dataclass(frozen=True, slots=True)
class AccessRow:
    record: Record
    marking: EffectiveMarking


@dataclass(frozen=True, slots=True)
class AccessReport:
    as_of: date
    levels: tuple[str, ...]
    """The configured levels, then any unknown level a record uses (sorted)."""
    rows: tuple[AccessRow, ...]
    """Every record, in id order."""
    by_level: Mapping[str, int]
    by_class: Mapping[str, Mapping[str, int]]
    """Class code -> level -> records, for classes that hold records."""
    unlisted: tuple[AccessRow, ...]
    """Records above the lowest level with no access list: every cleared group may see them."""
    reviews: tuple[MarkingReview, ...]
    """Review and declassify-on dates on or before ``as_of``, by date then id."""


def access_report(catalogue: Catalogue, as_of: date) -> AccessReport:
    access = catalogue.access
    markings = effective_markings(catalogue)
    rows = tuple(AccessRow(record, markings[record.id]) for record in catalogue.records.values())
    used = Counter(row.marking.level for row in rows)
    levels = (*access.levels, *sorted(set(used) - set(access.levels)))
    by_class: dict[str, Counter[str]] = {}
    for row in rows:
        by_class.setdefault(row.record.class_code or "", Counter())[row.marking.level] += 1
    unlisted = tuple(
        row for row in rows if rank(row.marking.level, access) != 0 and not row.marking.has_access_list
    )
    reviews = sorted(
        iter_marking_reviews(catalogue, as_of, markings), key=lambda r: (r.due, r.record.id, r.action)
    )
    return AccessReport(
        as_of=as_of,
        levels=levels,
        rows=rows,
        by_level={level: used.get(level, 0) for level in levels},
        by_class={
            code: {level: counts.get(level, 0) for level in levels}
            for code, counts in sorted(by_class.items())
        },
        unlisted=unlisted,
        reviews=tuple(reviews),
    )
