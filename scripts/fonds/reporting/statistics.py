"""Statistics of one catalogue as one audience sees it: holdings, volume, growth, retention
states, activity per period and the requests register.

``statistics`` works on the model it is given and nothing else: give it the audience-filtered
catalogue (``audience.filter_for_audience``) and no figure can count a hidden record. Below
the operational audience (``operational=False``) the operational figures are left out whole
(retention states, holds, charge-outs and returns, requests), as operational.py leaves them
out of every page. Every figure is a frozen ``Table`` that every renderer (text, JSON, CSV,
Markdown, the site's charts) shows the same.
"""

from __future__ import annotations

import statistics as pystats
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ..access.markings import effective_markings
from ..custody.requests import iter_register
from ..model import END_STATUSES, Catalogue, Record
from ..retention.assessment import assess_catalogue
from ..retention.periods import Period
from .activity import ACTIVITY_COLUMNS, OPERATIONAL_ACTIVITY, activity_rows
from .periods import PeriodKind
from .volume import Volume, figure, volume_of

Dimension = Literal["class", "department", "year", "format", "location", "level", "state"]
DIMENSIONS: tuple[Dimension, ...] = ("class", "department", "year", "format", "location", "level", "state")
OPERATIONAL_DIMENSIONS = frozenset({"state"})
DEFAULT_BY: tuple[Dimension, ...] = ("department", "format")
Cell = str | int | float
WINDOW = Period("P90D", days=90)
"""How far ahead "due" looks, as on the site's Disposals due page."""


@dataclass(frozen=True, slots=True)
class Table:
    """One figure: a titled table whose first column labels the rows."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    description: str = ""


@dataclass(frozen=True, slots=True)
class Statistics:
    as_of: date
    operational: bool
    tables: tuple[Table, ...]

    def table(self, key: str) -> Table | None:
        return next((t for t in self.tables if t.key == key), None)


def statistics(
    catalogue: Catalogue,
    as_of: date,
    *,
    operational: bool = True,
    by: Sequence[Dimension] = DEFAULT_BY,
    period: PeriodKind = "fiscal-year",
    start: date | None = None,
    end: date | None = None,
) -> Statistics:
    """Every figure of ``catalogue`` on ``as_of``; activity from ``start`` (default: the first
    dated event) to ``end`` (default and at most: ``as_of``)."""
    held = [r for r in catalogue.records.values() if r.status not in END_STATUSES]
    states = _states(catalogue, as_of) if operational else {}
    tables = [_holdings(catalogue, held)]
    for dimension in by:
        if dimension in OPERATIONAL_DIMENSIONS and not operational:
            continue
        tables.append(_by(catalogue, held, dimension, states))
    tables.append(_growth(catalogue))
    if operational:
        counts = Counter(states.values())
        rows = tuple((state, counts[state]) for state in sorted(counts))
        tables.append(
            Table("states", "Records by retention state", ("state", "records"), rows, f"As of {as_of}.")
        )
    last = min(end or as_of, as_of)
    tables.append(activity_table(catalogue, period, start, last, operational))
    if operational:
        tables += _requests(catalogue, as_of)
    return Statistics(as_of, operational, tuple(tables))


def _states(catalogue: Catalogue, as_of: date) -> dict[str, str]:
    return {a.record.id: a.state.value for a in assess_catalogue(catalogue, as_of, WINDOW)}


def _holdings(catalogue: Catalogue, held: list[Record]) -> Table:
    volume = volume_of(r.extent for r in held)
    formats = Counter(r.format or "not stated" for r in held)
    ended = Counter(r.status for r in catalogue.records.values() if r.status in END_STATUSES)
    boxes = {r.location for r in held if r.location and _is_box(catalogue, r.location)}
    rows: list[tuple[Cell, ...]] = [
        ("Records held", len(held), "records"),
        *((f"{name.capitalize()} records", formats[name], "records") for name in sorted(formats)),
        ("Linear metres", _num(volume.linear_metres), "m"),
        ("Cubic feet", _num(volume.cubic_feet), "ft³"),
        ("Boxes (extents written in boxes)", _num(volume.boxes), "boxes"),
        ("Boxes holding records (locations)", len(boxes), "boxes"),
        ("Electronic volume", _num(volume.gigabytes), "GB"),
        *((f"In {unit} (not convertible)", _num(q), unit) for unit, q in volume.unconverted.items()),
        ("Records without an extent", volume.no_extent, "records"),
        ("Destroyed (tombstones)", ended["destroyed"], "records"),
        ("Transferred (tombstones)", ended["transferred"], "records"),
    ]
    return Table(
        "holdings",
        "Holdings",
        ("figure", "value", "unit"),
        tuple(rows),
        "Records still held, and their volume; destroyed and transferred records are counted apart.",
    )


def _is_box(catalogue: Catalogue, location: str) -> bool:
    found = catalogue.locations.get(location)
    return found is not None and found.type == "box"


def _by(catalogue: Catalogue, held: list[Record], dimension: Dimension, states: Mapping[str, str]) -> Table:
    key = _grouping(catalogue, dimension, states)
    groups: dict[str, list[Record]] = {}
    for record in held:
        groups.setdefault(key(record), []).append(record)
    rows = tuple(_volume_row(name, volume_of(r.extent for r in groups[name])) for name in sorted(groups))
    return Table(
        f"by-{dimension}",
        f"Holdings by {dimension}",
        (dimension, "records", "linear_metres", "cubic_feet", "gigabytes", "not_convertible"),
        rows,
        "Records still held; quantities in units that cannot be converted are listed apart.",
    )


def _volume_row(name: str, volume: Volume) -> tuple[Cell, ...]:
    apart = "; ".join(f"{figure(q)} {unit}" for unit, q in volume.unconverted.items())
    return (
        name,
        volume.records,
        _num(volume.linear_metres),
        _num(volume.cubic_feet),
        _num(volume.gigabytes),
        apart,
    )


NONE = "(none)"


def _grouping(
    catalogue: Catalogue, dimension: Dimension, states: Mapping[str, str]
) -> Callable[[Record], str]:
    if dimension == "level":
        markings = effective_markings(catalogue)
        return lambda r: markings[r.id].level if r.id in markings else NONE
    keys: Mapping[str, Callable[[Record], str | None]] = {
        "class": lambda r: r.class_code,
        "department": lambda r: r.department,
        "year": lambda r: str(r.created.year) if r.created else None,
        "format": lambda r: r.format,
        "location": lambda r: r.location or ("(electronic system)" if r.uri else None),
        "state": lambda r: states.get(r.id),
    }
    pick = keys[dimension]
    return lambda r: pick(r) or NONE


def _growth(catalogue: Catalogue) -> Table:
    years = Counter(r.created.year for r in catalogue.records.values() if r.created is not None)
    rows: list[tuple[Cell, ...]] = []
    total = 0
    for year in range(min(years, default=0), max(years, default=-1) + 1):
        total += years[year]
        rows.append((str(year), years[year], total))
    return Table(
        "growth",
        "Growth by year created",
        ("year", "records", "cumulative"),
        tuple(rows),
        "Every record by the year it was created, including those since destroyed or transferred.",
    )


def activity_table(
    catalogue: Catalogue, period: PeriodKind, start: date | None, end: date, operational: bool
) -> Table:
    columns = tuple(c for c in ACTIVITY_COLUMNS if operational or c not in OPERATIONAL_ACTIVITY)
    rows = activity_rows(catalogue, period, start, end, columns)
    return Table(
        "activity",
        f"Activity per {period.replace('-', ' ')}",
        ("period", *columns),
        rows,
        "Disposals and transfers from the tombstones' disposition dates"
        + (
            "; charge-outs and returns, holds placed and released, requests received and answered."
            if operational
            else "."
        ),
    )


def _requests(catalogue: Catalogue, as_of: date) -> list[Table]:
    views = [
        v for v in iter_register(catalogue, as_of) if v.request.received_on and v.request.received_on <= as_of
    ]
    closed = [v for v in views if v.request.status == "closed"]
    on_time = [v for v in closed if v.on_time]
    summary: list[tuple[Cell, ...]] = [
        ("Requests received", len(views)),
        ("Open", len(views) - len(closed)),
        ("Open past their deadline", sum(1 for v in views if v.overdue)),
        ("Answered", len(closed)),
        ("Answered within the deadline", len(on_time)),
        ("Answered within the deadline (%)", _percent(len(on_time), len(closed))),
        ("Median days to answer", _median(v.days_taken for v in closed)),
    ]
    types = sorted({v.request.type for v in views})
    by_type = tuple(
        (
            kind,
            sum(1 for v in views if v.request.type == kind),
            sum(1 for v in closed if v.request.type == kind),
            sum(1 for v in on_time if v.request.type == kind),
            _median(v.days_taken for v in closed if v.request.type == kind),
        )
        for kind in types
    )
    return [
        Table(
            "requests", "Requests", ("figure", "value"), tuple(summary), "Response times in calendar days."
        ),
        Table(
            "requests-by-type",
            "Requests by type",
            ("type", "received", "answered", "within_deadline", "median_days"),
            by_type,
        ),
    ]


def _num(value: float) -> float:
    return round(value, 2) + 0.0


def _percent(part: int, whole: int) -> Cell:
    return _num(100 * part / whole) if whole else ""


def _median(values: Iterable[int | None]) -> Cell:
    found = [v for v in values if v is not None]
    return _num(pystats.median(found)) if found else ""
