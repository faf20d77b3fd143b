"""Legal and disposal holds: which records a hold covers, and which holds are in force.

A record is covered when the hold lists it, or when it is filed in a listed class (with its
sub-classes unless ``subclasses: false``) and, if the hold gives a creation date range, was
created in that range. A hold that lists no records or classes but gives a date range covers
every record created in the range. (MoReq2010 §5.3: a hold prevents destruction of every
entity in its scope, whatever the retention schedule says.)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

from ..hierarchy import descendants
from ..model import Catalogue, Hold, Record


def is_active(hold: Hold, as_of: date) -> bool:
    """In force on ``as_of``: placed on or before it and not yet released."""
    if hold.placed_on is not None and hold.placed_on > as_of:
        return False
    return hold.released_on is None or hold.released_on > as_of


def covered_classes(hold: Hold, children: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
    codes: set[str] = set()
    for scope in hold.classes:
        codes.add(scope.code)
        if scope.subclasses:
            codes.update(descendants(scope.code, children))
    return frozenset(codes)


def covers(hold: Hold, record: Record, classes: frozenset[str]) -> bool:
    """Whether ``hold`` covers ``record``; ``classes`` is ``covered_classes(hold, ...)``."""
    if record.id in hold.records:
        return True
    in_range = _in_range(hold, record.created)
    if hold.classes:
        return record.class_code in classes and in_range
    return (hold.created_from is not None or hold.created_to is not None) and in_range


def _in_range(hold: Hold, created: date | None) -> bool:
    if hold.created_from is None and hold.created_to is None:
        return True
    if created is None:
        return False
    if hold.created_from is not None and created < hold.created_from:
        return False
    return hold.created_to is None or created <= hold.created_to


def iter_covered(hold: Hold, catalogue: Catalogue) -> Iterator[Record]:
    """The records ``hold`` covers, in id order."""
    classes = covered_classes(hold, catalogue.children())
    for record in catalogue.records.values():
        if covers(hold, record, classes):
            yield record
