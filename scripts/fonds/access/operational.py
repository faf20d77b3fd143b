"""Operational details: who has a file, why it is held, who approved or witnessed its
disposal, and who is named on access lists. They are not in a record's marking, but they
name people and matters, so a published site shows them only from one audience up:
``publishing: operational_audience`` in fonds.yml (default: the second level). Below it,
``without_operational_details`` takes them out of the model before any page is made.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Catalogue, Marking, Record
from ..reading.loader import HOLDS_DIR, REQUESTS_DIR
from .markings import rank


def operational_rank(catalogue: Catalogue) -> int:
    """The rank of the lowest level that sees operational details: ``publishing:
    operational_audience`` in fonds.yml, else the second level. A value that is not a level
    ranks above every level: no audience sees them (fail closed)."""
    access = catalogue.access
    wanted = catalogue.config.operational_audience
    if wanted is None:
        return min(1, len(access.levels) - 1)
    found = rank(wanted, access)
    return len(access.levels) if found is None else found


def sees_operational_details(catalogue: Catalogue, level: str) -> bool:
    """Whether the audience ``level`` is at or above the operational audience: it sees holds,
    charge-outs and the custody pages (shelf lists, audits, the charge-out register)."""
    found = rank(level, catalogue.access)
    return found is not None and found >= operational_rank(catalogue)


def without_operational_details(catalogue: Catalogue) -> Catalogue:
    """The catalogue without operational details: holds and requests go entirely (a record under hold
    shows no trace of it), charge-outs, approvers and witnesses go, named people leave every
    marking and access group, and a record's description, notes or relation note that names
    one of them (``HOLD-2024-001``, the borrower) is withheld: free text cannot be cut safely."""
    terms = _matcher(operational_terms(catalogue))
    records = {record_id: _record_without(record, terms) for record_id, record in catalogue.records.items()}
    classes = {
        code: replace(cls, security=_without_people(cls.security)) for code, cls in catalogue.classes.items()
    }
    groups = {key: replace(group, members=()) for key, group in catalogue.access.groups.items()}
    return replace(
        catalogue,
        records=records,
        classes=classes,
        holds={},
        requests={},
        audits={},
        access=replace(catalogue.access, groups=groups),
        positions={
            f: w
            for f, w in catalogue.positions.items()
            if not f.startswith((HOLDS_DIR + "/", REQUESTS_DIR + "/"))
        },
    )


def _matcher(terms: frozenset[str]) -> re.Pattern[str] | None:
    """Whole words only: a member ``admin`` must not withhold "administration"."""
    if not terms:
        return None
    words = "|".join(re.escape(t) for t in sorted(terms, key=lambda t: (-len(t), t)))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


def _record_without(record: Record, terms: re.Pattern[str] | None) -> Record:
    def clean(text: str) -> str:
        return "" if terms is not None and terms.search(text) else text

    description, notes = clean(record.description), clean(record.notes)
    relations = tuple(r if clean(r.note) is r.note else replace(r, note="") for r in record.relations)
    d = record.disposition
    disposition = (
        replace(d, approved_by="", witness="")
        if d is not None and (d.approved_by != "" or d.witness != "")
        else d
    )
    security = _without_people(record.security)
    if (
        description is record.description
        and notes is record.notes
        and all(kept is r for kept, r in zip(relations, record.relations, strict=True))
        and disposition is d
        and security is record.security
        and record.charge_out is None
        and not record.charge_history
    ):
        return record  # nothing to take out: the same value (and a rebuild sees it unchanged)
    return replace(
        record,
        description=description,
        notes=notes,
        relations=relations,
        charge_out=None,
        charge_history=(),
        disposition=disposition,
        security=security,
    )


MIN_TERM = 6
"""Shorter names ("Al", "Legal") would withhold ordinary text; a hold id or a name is longer."""


def operational_terms(catalogue: Catalogue) -> frozenset[str]:
    """What free text must not name below the operational audience: the hold ids and titles,
    and every named person who looks like one (``H. Fraser``, ``p.natarajan``: a space or a
    dot in the name; a borrower written ``Finance`` is a department, not a person)."""
    names = {name for name in people(catalogue) if re.search(r"[\s.]", name.strip())}
    for hold in catalogue.holds.values():
        names |= {hold.id, hold.title, hold.placed_by, hold.released_by}
    return frozenset(t.strip() for t in names if len(t.strip()) >= MIN_TERM)


def people(catalogue: Catalogue) -> set[str]:
    """Every person the catalogue names: borrowers, approvers, witnesses, access lists."""
    names: set[str] = set()
    for record in catalogue.records.values():
        if record.charge_out is not None:
            names.add(record.charge_out.to)
        names |= {loan.to for loan in record.charge_history}
        if record.disposition is not None:
            names |= {record.disposition.approved_by, record.disposition.witness}
        if record.security is not None:
            names |= set(record.security.people)
    for cls in catalogue.classes.values():
        if cls.security is not None:
            names |= set(cls.security.people)
    for group in catalogue.access.groups.values():
        names |= set(group.members)
    names |= {request.requester for request in catalogue.requests.values()}
    return {name for name in names if name}


def _without_people(marking: Marking | None) -> Marking | None:
    return replace(marking, people=()) if marking is not None and marking.people else marking
