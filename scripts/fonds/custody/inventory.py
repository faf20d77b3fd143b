"""The box contents list and shelf list behind ``fonds inventory``: the records at a location
and below it, with their retention, holds and charge-outs, and totals per box and per shelf.

Linear metres are given only where the extent's unit allows (``LINEAR_METRES``): a standard
records centre carton (about 15 x 12 x 10 in) is counted as one cubic foot and takes one linear
foot (0.3048 m) of shelf, its 12-inch end facing the aisle (Society of American Archivists,
*Dictionary of Archives Terminology*, "cubic foot"; a linear foot of files is roughly a cubic foot).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..hierarchy import ancestors, descendants
from ..model import END_STATUSES, Catalogue, Record
from ..retention.assessment import Assessment, assess_catalogue

LINEAR_METRES: Mapping[str, float] = {
    "linear-metres": 1.0,
    "linear-meters": 1.0,
    "linear-feet": 0.3048,
    "cubic-feet": 0.3048,
    "boxes": 0.3048,
}
"""Extent unit -> linear metres per unit; other units (folders, items, pages, bytes) are not
converted (inside a box they need not be: the box counts at least one carton)."""
BOX_METRES = LINEAR_METRES["boxes"]
"""A box takes this much shelf whatever it holds (its files fill it, never lengthen it)."""
CONTAINERS = ("box", "shelf", "cabinet")
"""The location types that get a total line (of everything at them and below)."""


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    title: str
    location: str
    box: str
    shelf: str
    extent: str
    metres: float | None
    dates: str
    class_code: str
    rule: str
    action: str
    due: date | None
    holds: tuple[str, ...]
    charged_to: str
    charged_due: date | None

    def row(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "location": self.location,
            "box": self.box,
            "shelf": self.shelf,
            "extent": self.extent,
            "linear_metres": None if self.metres is None else round(self.metres, 3),
            "dates": self.dates,
            "class": self.class_code,
            "rule": self.rule,
            "next_action": self.action,
            "due": self.due.isoformat() if self.due else None,
            "holds": list(self.holds),
            "charged_out_to": self.charged_to,
            "charged_out_due": self.charged_due.isoformat() if self.charged_due else None,
        }


@dataclass(frozen=True, slots=True)
class Total:
    location: str
    type: str
    title: str
    records: int
    extent: str
    """Quantities per unit, e.g. ``2 boxes, 5 folders``."""
    metres: float
    unconverted: int
    """Records outside boxes whose extent could not be turned into linear metres (no extent,
    or a count of folders or items): the metres leave them out."""

    def row(self) -> dict[str, object]:
        return {
            "location": self.location,
            "type": self.type,
            "title": self.title,
            "records": self.records,
            "extent": self.extent,
            "linear_metres": round(self.metres, 3),
            "not_in_metres": self.unconverted,
        }


@dataclass(frozen=True, slots=True)
class Inventory:
    location: str
    title: str
    as_of: date
    entries: tuple[Entry, ...]
    totals: tuple[Total, ...]
    """One per box and per shelf at or below the location that holds records, then the whole."""


def _nearest(catalogue: Catalogue, location: str, kind: str, parents: Mapping[str, str | None]) -> str:
    for place in (location, *ancestors(location, parents)):
        found = catalogue.locations.get(place)
        if found is not None and found.type == kind:
            return place
    return ""


def _dates(record: Record) -> str:
    start = record.created.isoformat() if record.created else "?"
    return f"{start} – {record.closed.isoformat()}" if record.closed else f"{start} –"


def _entry(catalogue: Catalogue, assessment: Assessment, parents: Mapping[str, str | None]) -> Entry:
    record = assessment.record
    extent = record.extent
    factor = LINEAR_METRES.get(extent.unit) if extent else None
    charge = record.charge_out
    where = record.location or ""
    return Entry(
        id=record.id,
        title=record.title,
        location=where,
        box=_nearest(catalogue, where, "box", parents),
        shelf=_nearest(catalogue, where, "shelf", parents),
        extent=f"{extent.quantity:g} {extent.unit}" if extent else "",
        metres=extent.quantity * factor if extent and factor is not None else None,
        dates=_dates(record),
        class_code=record.class_code or "",
        rule=assessment.rule_ref,
        action=assessment.action.value if assessment.action else assessment.state.value,
        due=assessment.due,
        holds=assessment.holds,
        charged_to=charge.to if charge else "",
        charged_due=charge.due if charge else None,
    )


def _total(catalogue: Catalogue, location: str, entries: list[Entry]) -> Total:
    units: dict[str, float] = {}
    for entry in entries:
        if entry.extent:
            quantity, unit = entry.extent.split(" ", 1)
            units[unit] = units.get(unit, 0.0) + float(quantity)
    loc = catalogue.locations[location]
    return Total(
        location=location,
        type=loc.type,
        title=loc.title,
        records=len(entries),
        extent=", ".join(f"{quantity:g} {unit}" for unit, quantity in sorted(units.items())),
        metres=_metres(entries),
        unconverted=sum(1 for e in entries if e.metres is None and not e.box),
    )


def _metres(entries: list[Entry]) -> float:
    """Shelf taken by ``entries``: each box at least ``BOX_METRES``, loose files by their extent."""
    boxes: dict[str, float] = {}
    loose = 0.0
    for entry in entries:
        if entry.box:
            boxes[entry.box] = boxes.get(entry.box, 0.0) + (entry.metres or 0.0)
        elif entry.metres is not None:
            loose += entry.metres
    return loose + sum(max(BOX_METRES, metres) for metres in boxes.values())


def records_at(catalogue: Catalogue) -> dict[str, list[Record]]:
    """Location id -> the records kept there (not destroyed or transferred), in id order."""
    found: dict[str, list[Record]] = {}
    for record in catalogue.records.values():
        if record.location and record.status not in END_STATUSES:
            found.setdefault(record.location, []).append(record)
    return found


def inventory(
    catalogue: Catalogue,
    location: str,
    as_of: date,
    *,
    assessments: Mapping[str, Assessment] | None = None,
    kept: Mapping[str, Sequence[Record]] | None = None,
) -> Inventory:
    """The records kept at ``location`` or below it (not destroyed or transferred), by place then id.

    ``assessments`` (by record id, for ``as_of``) and ``kept`` (``records_at``) may be given when
    many lists are made from one catalogue (the site): each list then costs its own records only.
    """
    parents = {key: loc.parent for key, loc in catalogue.locations.items()}
    children: dict[str, list[str]] = {}
    for key, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(key)
    scope = [location, *descendants(location, children)]
    kept = records_at(catalogue) if kept is None else kept
    chosen = [record for key in scope for record in kept.get(key, ())]
    if assessments is None:
        assessed = assess_catalogue(catalogue, as_of, records=chosen)
    else:
        assessed = [assessments[record.id] for record in chosen]
    entries = sorted(
        (_entry(catalogue, a, parents) for a in assessed),
        key=lambda e: (e.shelf, e.box, e.location, e.id),
    )
    inside: dict[str, list[Entry]] = {}
    for entry in entries:  # each entry counts in every container between it and ``location``
        for place in (entry.location, *ancestors(entry.location, parents)):
            if place == location:
                break
            inside.setdefault(place, []).append(entry)
    totals = [
        _total(catalogue, key, inside[key])
        for key in sorted(inside)
        if catalogue.locations[key].type in CONTAINERS
    ]
    totals.append(_total(catalogue, location, entries))
    title = catalogue.locations[location].title
    return Inventory(location, title, as_of, tuple(entries), tuple(totals))
