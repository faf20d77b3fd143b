"""Extents as volumes: linear metres and cubic feet, with documented factors (docs/reports.md).

Only units with a recognised equivalent are converted: a records centre box (10 x 12 x 15
inches inside) holds one cubic foot and fills one linear foot (0.3048 m) of shelf (Society of
American Archivists, *Dictionary of Archives Terminology*, "records center box"; NARA counts
holdings in the same cubic-foot boxes); one linear foot of files is one cubic foot (U.S. Air
Force Manual 37-123, Table A3.1, legal size). Megabytes and gigabytes are added up as
gigabytes (1 GB = 1000 MB). Folders, files, items and pages have no fixed size: they are
counted apart in their own unit, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..model import Extent

FOOT_IN_METRES = 0.3048
LINEAR_METRES: Mapping[str, float] = {"linear-metres": 1.0, "boxes": FOOT_IN_METRES}
"""Linear metres per unit."""
CUBIC_FEET: Mapping[str, float] = {"linear-metres": 1 / FOOT_IN_METRES, "boxes": 1.0}
"""Cubic feet per unit."""
GIGABYTES: Mapping[str, float] = {"megabytes": 0.001, "gigabytes": 1.0}


@dataclass(frozen=True, slots=True)
class Volume:
    """The volume of some records; every figure rounded where it is rendered, not here."""

    records: int = 0
    linear_metres: float = 0.0
    cubic_feet: float = 0.0
    gigabytes: float = 0.0
    boxes: float = 0.0
    """Extents written in boxes (part of the linear metres and cubic feet)."""
    unconverted: Mapping[str, float] = field(default_factory=dict)
    """Quantities in units that have no volume (folders, items, pages, files), by unit."""
    no_extent: int = 0
    """Records without an extent."""


def volume_of(extents: Iterable[Extent | None]) -> Volume:
    """The volume of the records whose extents (None: none written) are ``extents``."""
    records = no_extent = 0
    linear = cubic = giga = boxes = 0.0
    apart: dict[str, float] = {}
    for extent in extents:
        records += 1
        if extent is None:
            no_extent += 1
            continue
        unit, quantity = extent.unit, extent.quantity
        if unit in LINEAR_METRES:
            linear += quantity * LINEAR_METRES[unit]
            cubic += quantity * CUBIC_FEET[unit]
            boxes += quantity if unit == "boxes" else 0.0
        elif unit in GIGABYTES:
            giga += quantity * GIGABYTES[unit]
        else:
            apart[unit] = apart.get(unit, 0.0) + quantity
    return Volume(records, linear, cubic, giga, boxes, dict(sorted(apart.items())), no_extent)


def figure(value: float) -> str:
    """A quantity as printed everywhere: two decimals at most, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
