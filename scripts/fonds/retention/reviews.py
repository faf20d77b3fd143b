"""Reviews: when a vital record's next review falls, and the latest outcome of ``fonds review``.

A vital record is reviewed every cycle (``vital.review``) after its last review or its
creation; a review outcome may set the next date itself. ``assessment`` applies a retention
review's outcome to a final action ``review``.
"""

from __future__ import annotations

from datetime import date

from ..model import Record, Review
from .periods import parse_period


def latest_review(record: Record, kind: str) -> Review | None:
    """The most recent review of ``kind`` (the last written, among those of the latest date)."""
    latest: Review | None = None
    for review in record.reviews:
        if (
            review.kind == kind
            and review.on is not None
            and (latest is None or review.on >= (latest.on or review.on))
        ):
            latest = review
    return latest


def vital_review_due(record: Record) -> date | None:
    """When a vital record's next review falls: its cycle after the last review (or creation),
    or the next review date its latest review outcome set (``fonds review``)."""
    if record.vital is None or record.status in ("destroyed", "transferred"):
        return None
    review = latest_review(record, "vital")
    if review is not None and review.next_review is not None:
        return review.next_review
    cycle = parse_period(record.vital.review)
    since = record.vital.last_reviewed or record.created
    if cycle is None or since is None:
        return None
    return cycle.after(since)
