"""NARA's retention texts: ``Retention (Years)`` read as ISO 8601 periods, and ``Event Type
(General)`` as fonds event names (slugs)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from .csvtext import cell_key
from .nara_columns import NOT_APPLICABLE, VARIABLE

EVENT_SLUGS: Mapping[str, str] = {
    "final action": "final-action",
    "no longer needed": "no-longer-needed",
    "superseded or obsolete": "superseded",
    "end of fy": "end-of-fiscal-year",
    "end of cy": "end-of-calendar-year",
}
"""NARA event texts (trimmed, lower-case) whose slug is fixed by hand; others use ``event_slug``."""

SLUG_MAX = 60
"""``common.schema.json#/$defs/slug`` allows at most 60 characters."""

_PERIOD = re.compile(r"([0-9]{1,4})\s*([hdwmy]?)")
_RANGE = re.compile(
    r"([0-9]{1,4})\s*([hdwmy]?)\s*(?:-|\u2010|\u2011|\u2012|\u2013|\u2014|\u2015|\u2212|to)\s*([0-9]{1,4})\s*([hdwmy]?)"
)
_UNITS = {"": "Y", "y": "Y", "m": "M", "w": "W", "d": "D", "h": "H"}
_HOURS_IN = {"Y": 8766, "M": 730, "W": 168, "D": 24, "H": 1}
"""Average hours per unit: only to put the two ends of a range in order."""

RetentionKind = Literal["period", "not-applicable", "variable", "range", "unrecognised"]


@dataclass(frozen=True, slots=True)
class Retention:
    """A ``Retention (Years)`` value as read: an ISO 8601 period, or why there is none."""

    kind: RetentionKind
    period: str | None = None
    """The ISO 8601 period for ``period``; the shortest one (eligible from) for ``range``."""
    longest: str | None = None
    """The longest period of a ``range`` (due, then overdue, at its end)."""


def _duration(amount: int, unit: str) -> str:
    if amount == 0:
        return "P0D"
    if unit == "H":
        return f"PT{amount}H"
    return f"P{amount}{unit}"


def parse_retention(value: str) -> Retention:
    """Read ``Retention (Years)``: ``6`` -> P6Y, ``0`` -> P0D, ``72h`` -> PT72H, ``30d`` -> P30D,
    ``3m`` -> P3M (months); ``4-7`` is a range; ``N/A``/``NA``/empty and ``[Variable]`` have none."""
    key = cell_key(value)
    if key in NOT_APPLICABLE:
        return Retention("not-applicable")
    if key in VARIABLE:
        return Retention("variable")
    found = _PERIOD.fullmatch(key)
    if found:
        return Retention("period", _duration(int(found.group(1)), _UNITS[found.group(2)]))
    found = _RANGE.fullmatch(key)
    if found:
        # "3-6m": a unit written once, after the second number, applies to both.
        low_unit = _UNITS[found.group(2) or found.group(4)]
        ends = sorted(
            ((int(found.group(1)), low_unit), (int(found.group(3)), _UNITS[found.group(4)])),
            key=lambda end: end[0] * _HOURS_IN[end[1]],
        )
        (low, unit_low), (high, unit_high) = ends
        if low * _HOURS_IN[unit_low] == high * _HOURS_IN[unit_high]:
            return Retention("period", _duration(low, unit_low))
        return Retention("range", _duration(low, unit_low), _duration(high, unit_high))
    return Retention("unrecognised")


def event_slug(text: str) -> str | None:
    """The event name for a NARA ``Event Type (General)`` text, or None when it names no event.

    Known texts use ``EVENT_SLUGS``; any other is lower-cased, accents dropped, every run of
    other characters written as '-', and cut at a word boundary to 60 characters.
    """
    key = cell_key(text)
    if key in NOT_APPLICABLE or key in VARIABLE:
        return None
    if key in EVENT_SLUGS:
        return EVENT_SLUGS[key]
    plain = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    if len(slug) > SLUG_MAX:
        head = slug[: SLUG_MAX + 1]
        slug = head.rsplit("-", 1)[0] if "-" in head else slug[:SLUG_MAX]
        slug = slug.strip("-")
    return slug or None
