"""Retention: from a record's rule and dates to its state and next action on a given day.

The clock (DoD 5015.2 C2.2.2): the rule's *trigger* gives a date (creation, closure, or a
named event recorded on the record); the *cut-off* moves it to the end of its calendar or
fiscal year (or to the file's closure); the *phases* run from there: ``active`` in the office,
then ``semi_active`` in the records centre, then the *final action*. A GRS-style ``retain``
is a single phase. A record under an active hold is never due for destruction or transfer
(MoReq2010 §5.3); moves between storage and reviews are not blocked.

Everything here is a pure function of the model and an ``as_of`` date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from .holds import covered_classes, covers, is_active
from .model import Catalogue, Record, Review, Rule
from .periods import Period, end_of_calendar_year, end_of_fiscal_year, parse_period


class State(StrEnum):
    ACTIVE = "active"
    SEMI_ACTIVE = "semi-active"
    AWAITING_EVENT = "awaiting-event"
    DUE = "due"
    OVERDUE = "overdue"
    ON_HOLD = "on-hold"
    PERMANENT = "permanent"
    DESTROYED = "destroyed"
    TRANSFERRED = "transferred"
    UNSCHEDULED = "unscheduled"
    """No computable rule: no class rule, a non-implementable item, or missing dates."""


class Action(StrEnum):
    MOVE = "move-to-semi-active"
    DESTROY = "destroy"
    TRANSFER = "transfer"
    REVIEW = "review"
    VITAL_REVIEW = "vital-review"
    SECURITY_REVIEW = "security-review"
    """The security marking's review date (access.py); not a retention action."""
    DECLASSIFY = "declassify"
    """The marking's declassify-on date: a person lowers the level; fonds never does."""
    RETURN = "return"
    """A charged-out file not back by its due date (chargeout.py); not a retention action."""


BLOCKED_BY_HOLDS = frozenset({Action.DESTROY, Action.TRANSFER})
_FINAL = {"destroy": Action.DESTROY, "transfer": Action.TRANSFER, "review": Action.REVIEW}


@dataclass(frozen=True, slots=True)
class Assessment:
    """One record's retention on one day: what rule applies, and what is next."""

    record: Record
    state: State
    rule: Rule | None = None
    rule_ref: str = ""
    """``authority/item``, or ``override`` when the record overrides its class's rule."""
    override_reason: str = ""
    action: Action | None = None
    due: date | None = None
    clock_start: date | None = None
    """The day the retention period starts (trigger date after cut-off)."""
    waiting_for: str = ""
    """What must happen before the clock can start: 'closure' or an event name."""
    holds: tuple[str, ...] = ()
    note: str = ""


def rule_for(record: Record, catalogue: Catalogue) -> tuple[Rule | None, str, str]:
    """(rule, reference, override reason) for ``record``: its override, else its class's item."""
    if record.override is not None:
        return record.override.rule, "override", record.override.reason
    # Issue 13: a retention review may re-schedule the record under another item (fonds review).
    moved = next((r.item for r in reversed(record.reviews) if r.outcome == "reschedule"), "")
    if moved in catalogue.items:
        return catalogue.items[moved].rule, catalogue.items[moved].ref, ""
    cls = catalogue.classes.get(record.class_code or "")
    item = catalogue.items.get(cls.retention or "") if cls is not None else None
    if item is None:
        return None, "", ""
    return item.rule, item.ref, ""


def clock_start(rule: Rule, record: Record, fiscal_year_start: int) -> tuple[date | None, str]:
    """The day the retention period starts, or (None, what it waits for)."""
    if rule.trigger == "creation":
        trigger = record.created
        if trigger is None:
            return None, "creation date"
    elif rule.trigger == "closure":
        if record.closed is None:
            return None, "closure"
        trigger = record.closed
    elif rule.trigger == "event":
        trigger = record.events.get(rule.event or "")
        if trigger is None:
            return None, rule.event or "event"
    else:
        return None, "trigger"
    if rule.cutoff == "calendar-year":
        return end_of_calendar_year(trigger), ""
    if rule.cutoff == "fiscal-year":
        return end_of_fiscal_year(trigger, fiscal_year_start), ""
    if rule.cutoff == "closure":
        if record.closed is None:
            return None, "closure"
        return max(trigger, record.closed), ""
    return trigger, ""


def phase_ends(rule: Rule, start: date) -> tuple[date | None, date | None]:
    """(end of the active phase when a semi-active phase follows, day of the final action)."""
    retain = parse_period(rule.retain)
    if retain is not None:
        return None, retain.after(start)
    active = parse_period(rule.active) or Period("P0D")
    semi = parse_period(rule.semi_active)
    active_end = active.after(start)
    if semi is None:
        return None, active_end
    return active_end, semi.after(active_end)


def assess(
    record: Record, catalogue: Catalogue, as_of: date, window_end: date, holds: tuple[str, ...] = ()
) -> Assessment:
    """``record``'s state on ``as_of``; an action falling on or before ``window_end`` is due.

    ``holds`` are the ids of the active holds that cover the record (``holds_by_record``).
    """
    if record.status == "destroyed":
        return Assessment(record, State.DESTROYED, holds=holds)
    if record.status == "transferred":
        return Assessment(record, State.TRANSFERRED, holds=holds)
    rule, ref, reason = rule_for(record, catalogue)
    base = Assessment(record, State.UNSCHEDULED, rule=rule, rule_ref=ref, override_reason=reason, holds=holds)
    if rule is None:
        return replace(base, note="no retention rule applies")
    if not rule.implementable:
        return replace(base, note=rule.note or "the rule cannot be computed")
    if rule.final_action == "permanent" and rule.retain is None and rule.active is None:
        return replace(base, state=State.PERMANENT)
    start, waiting = clock_start(rule, record, catalogue.config.fiscal_year_start)
    if start is None:
        if waiting == "creation date":
            return replace(base, note="the record has no creation date")
        return replace(base, state=State.AWAITING_EVENT, waiting_for=waiting)
    move_on, final_on = phase_ends(rule, start)
    due: date | None
    if move_on is not None and record.status == "active":
        action, due = Action.MOVE, move_on
    elif rule.final_action == "permanent":
        return replace(base, state=State.PERMANENT, clock_start=start)
    else:
        action, due = after_review(record, _FINAL[rule.final_action or "review"], final_on)
    if due is None or due > window_end:
        state = State.SEMI_ACTIVE if record.status == "semi-active" else State.ACTIVE
    elif holds and action in BLOCKED_BY_HOLDS:
        state = State.ON_HOLD
    elif due < as_of:
        state = State.OVERDUE
    else:
        state = State.DUE
    return replace(base, state=state, action=action, due=due, clock_start=start)


def holds_by_record(catalogue: Catalogue, as_of: date) -> Mapping[str, tuple[str, ...]]:
    """Record id -> ids of the holds in force on ``as_of`` that cover it."""
    children = catalogue.children()
    found: dict[str, list[str]] = {}
    for hold in catalogue.holds.values():
        if not is_active(hold, as_of):
            continue
        classes = covered_classes(hold, children)
        for record in catalogue.records.values():
            if covers(hold, record, classes):
                found.setdefault(record.id, []).append(hold.id)
    return {record_id: tuple(sorted(ids)) for record_id, ids in found.items()}


def assess_catalogue(
    catalogue: Catalogue, as_of: date, within: Period | None = None, records: Iterable[Record] | None = None
) -> list[Assessment]:
    """Every record's assessment, in id order. ``within`` widens "due" beyond ``as_of``."""
    window_end = (within or Period("P0D")).after(as_of)
    held = holds_by_record(catalogue, as_of)
    chosen = catalogue.records.values() if records is None else records
    return [assess(record, catalogue, as_of, window_end, held.get(record.id, ())) for record in chosen]


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


def after_review(record: Record, action: Action, due: date | None) -> tuple[Action, date | None]:
    """Issue 13: how a retention review outcome (``fonds review``) moves a final action ``review``.

    keep and extend move the next review to the date they recorded; approve turns it into the
    final action the reviewer approved, due from the day of the review. A record reviewed
    before its review fell due is silent until the next one.
    """
    review = latest_review(record, "retention")
    if action is not Action.REVIEW or review is None:
        return action, due
    if review.outcome == "approve":
        return _FINAL.get(review.action, Action.DESTROY), review.on
    if review.next_review is not None:
        return Action.REVIEW, review.next_review
    return action, due


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
