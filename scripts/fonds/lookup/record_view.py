"""Everything ``fonds show`` says about one record, gathered from the model.

A technician asked "what is this file, who may see it, when does it go, where is it, can it
leave the building" should get it on one screen: the record's fields; its effective marking
with where each part comes from (``access.effective_marking``); its rule in words
(``site.labels.describe_rule``) with its next action and date on a given day
(``retention.assess``); the chain of places it sits in (box, shelf, room, building); the holds
that cover it; who has it charged out; and its relations, both those it states and those
other records state about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..access.markings import EffectiveMarking, effective_marking
from ..hierarchy import ancestors
from ..model import RELATION_INVERSE, Catalogue, ChargeOut, FileClass, Hold, Location, Record
from ..retention.assessment import Assessment, assess, rule_for
from ..retention.holds import covered_classes, covers, is_active
from ..retention.rule_text import describe_rule
from ..retention.wording import ACTION_LABELS, STATE_LABELS


@dataclass(frozen=True, slots=True)
class Link:
    """A relation as seen from the record shown: ``label`` is e.g. "supersedes" or "superseded by"."""

    label: str
    target: str
    title: str
    """The other record's title ("" when it is not in the catalogue)."""
    note: str = ""
    inverse: bool = False


@dataclass(frozen=True, slots=True)
class HoldCover:
    hold: Hold
    status: str
    """"in force", "released on YYYY-MM-DD" or "placed from YYYY-MM-DD"."""


@dataclass(frozen=True, slots=True)
class RecordView:
    record: Record
    as_of: date
    file_class: FileClass | None
    class_chain: tuple[FileClass, ...]
    """The record's class, then its parents up to the top class."""
    department: str
    """The department's name from fonds.yml ("" when none)."""
    marking: EffectiveMarking
    assessment: Assessment
    rule_text: str
    """The rule in words ("" when no rule applies)."""
    state_label: str
    action_label: str
    places: tuple[Location, ...]
    """The record's location, then the places it is inside, outermost last."""
    holds: tuple[HoldCover, ...]
    charge_out: ChargeOut | None
    charge_overdue: bool
    links: tuple[Link, ...]


def _chain(code: str | None, catalogue: Catalogue) -> tuple[FileClass, ...]:
    if code is None or code not in catalogue.classes:
        return ()
    parents = catalogue.class_parents
    return tuple(catalogue.classes[c] for c in (code, *ancestors(code, parents)))


def _places(location: str | None, catalogue: Catalogue) -> tuple[Location, ...]:
    if location is None or location not in catalogue.locations:
        return ()
    parents = catalogue.location_parents
    return tuple(catalogue.locations[p] for p in (location, *ancestors(location, parents)))


def _holds(record: Record, catalogue: Catalogue, as_of: date) -> tuple[HoldCover, ...]:
    children = catalogue.children()
    found = []
    for hold in catalogue.holds.values():
        if not covers(hold, record, covered_classes(hold, children)):
            continue
        if is_active(hold, as_of):
            status = "in force"
        elif hold.released_on is not None and hold.released_on <= as_of:
            status = f"released on {hold.released_on.isoformat()}"
        else:
            status = f"placed from {hold.placed_on.isoformat() if hold.placed_on else '?'}"
        found.append(HoldCover(hold, status))
    return tuple(found)


def _links(record: Record, catalogue: Catalogue) -> tuple[Link, ...]:
    def title(target: str) -> str:
        other = catalogue.records.get(target)
        return other.title if other is not None else ""

    links = [Link(r.type, r.target, title(r.target), r.note) for r in record.relations]
    for other in catalogue.records.values():
        for relation in other.relations:
            if relation.target == record.id and other.id != record.id:
                label = RELATION_INVERSE.get(relation.type, relation.type)
                links.append(Link(label, other.id, other.title, relation.note, inverse=True))
    return tuple(links)


def record_view(record: Record, catalogue: Catalogue, as_of: date) -> RecordView:
    """What ``fonds show`` prints for ``record`` on ``as_of``."""
    holds = _holds(record, catalogue, as_of)
    in_force = tuple(cover.hold.id for cover in holds if cover.status == "in force")
    assessment = assess(record, catalogue, as_of, as_of, in_force)
    rule, _, _ = rule_for(record, catalogue)
    charge = record.charge_out
    return RecordView(
        record=record,
        as_of=as_of,
        file_class=catalogue.classes.get(record.class_code or ""),
        class_chain=_chain(record.class_code, catalogue),
        department=catalogue.config.departments.get(record.department or "", ""),
        marking=effective_marking(record, catalogue),
        assessment=assessment,
        rule_text=describe_rule(rule, catalogue.config.events) if rule is not None else "",
        state_label=STATE_LABELS.get(assessment.state, assessment.state.value),
        action_label=ACTION_LABELS.get(assessment.action, assessment.action.value)
        if assessment.action
        else "",
        places=_places(record.location, catalogue),
        holds=holds,
        charge_out=charge,
        charge_overdue=bool(charge and charge.due and charge.due < as_of),
        links=_links(record, catalogue),
    )
