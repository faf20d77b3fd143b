"""Retention: from a record's rule and dates to its state and next action on a given day.

The clock (DoD 5015.2 C2.2.2): the rule's *trigger* gives a date (creation, closure, or a
named event recorded on the record; or the first or the later of several, ``any_of``); the
*cut-off* moves it to the end of its month, quarter, half-year or (fiscal) year, or to the
file's closure; a *block* moves it to the end of its block of years. That is the *start of
retention*, and every date is measured from it in one step (docs/retention.md, "The
calendar convention"): the move to the records centre at ``active``, the final action at
``active`` + ``semi_active`` (or ``retain``), due by ``retain_max`` in a window.

``end_of_retention`` is the one place those dates are computed: the disposal report, the
site, ``fonds dispose`` and ``fonds transfer`` all ask it. A record under an active hold is
never due for destruction or transfer (MoReq2010 §5.3); moves and reviews are not blocked.
Everything here is a pure function of the model and an ``as_of`` date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

from ..model import Catalogue, Clock, Config, Record, Rule
from .holds import covered_classes, covers, is_active
from .periods import CUTOFF_MONTHS, Period, clamp_add, cutoff_end, last_cutoff_in_year, parse_period
from .replay import record_as_of
from .reviews import latest_review


class State(StrEnum):
    ACTIVE = "active"
    SEMI_ACTIVE = "semi-active"
    AWAITING_EVENT = "awaiting-event"
    ELIGIBLE = "eligible"
    """The final action may be done (a minimum period has run, or a window has opened) but is
    not yet required; or a person must decide (a conditional review)."""
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
    SELECT = "selective-retention"
    """ARCS SR: the archives selects part for permanent retention, the rest is destroyed."""
    OTHER = "other-disposition"
    """ARCS OD: what the rule's instruction says."""
    VITAL_REVIEW = "vital-review"
    SECURITY_REVIEW = "security-review"
    """The security marking's review date (access.py); not a retention action."""
    DECLASSIFY = "declassify"
    """The marking's declassify-on date: a person lowers the level; fonds never does."""
    RETURN = "return"
    """A charged-out file not back by its due date (chargeout.py); not a retention action."""


BLOCKED_BY_HOLDS = frozenset({Action.DESTROY, Action.TRANSFER, Action.SELECT, Action.OTHER})
FINAL_ACTIONS = {
    "destroy": Action.DESTROY,
    "transfer": Action.TRANSFER,
    "review": Action.REVIEW,
    "selective-retention": Action.SELECT,
    "other": Action.OTHER,
}
BEYOND = "falls after 9999-12-31, the end of the calendar"
_NONE = Period("P0D")


@dataclass(frozen=True, slots=True)
class RetentionEnd:
    """When a record's retention ends: the dates every command and page works from."""

    start: date | None = None
    """The start of retention: the trigger after cut-off (and block)."""
    waiting_for: str = ""
    """Why there is no start yet: 'closure', an event name, or 'creation date'."""
    move_on: date | None = None
    """The end of the active phase, when a semi-active phase follows."""
    eligible_from: date | None = None
    """The first day the final action may be done."""
    due_by: date | None = None
    """The day it must be done: ``eligible_from``, the window's end, or None (a minimum)."""
    beyond: bool = False
    """A date falls after 9999-12-31: the dates after it are None."""
    block: str = ""
    """The block of years the record is disposed of with, e.g. '2020-2024'."""


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
    """The next action's date: when it is due, or (eligible) the first day it may be done."""
    clock_start: date | None = None
    """The day the retention period starts (trigger date after cut-off)."""
    waiting_for: str = ""
    """What must happen before the clock can start: 'closure' or an event name."""
    holds: tuple[str, ...] = ()
    note: str = ""
    due_by: date | None = None
    """For an eligible record: the day the action must be done (a window's end), if any."""


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


def has_period(rule: Rule) -> bool:
    return any((rule.retain, rule.active, rule.semi_active, rule.retain_max)) or any(
        c.retain for c in rule.any_of
    )


def total_period(rule: Rule) -> Period | None:
    """The whole retention after the start, as one period (``active`` + ``semi_active``)."""
    retain = parse_period(rule.retain)
    if retain is not None:
        return retain
    active, semi = parse_period(rule.active), parse_period(rule.semi_active)
    if active is None and semi is None:
        return None
    return (active or _NONE).plus(semi) if semi is not None else active


def _trigger_date(clock: Clock, record: Record) -> tuple[date | None, str]:
    if clock.trigger == "creation":
        return record.created, "" if record.created else "creation date"
    if clock.trigger == "closure":
        return record.closed, "" if record.closed else "closure"
    if clock.trigger == "event":
        on = record.events.get(clock.event or "")
        return on, "" if on else (clock.event or "event")
    return None, "trigger"


def _start(clock: Clock, cutoff: str, record: Record, fiscal_year_start: int) -> tuple[date | None, str]:
    """(start of retention, '') or (None, what it waits for, or BEYOND)."""
    trigger, waiting = _trigger_date(clock, record)
    if trigger is None:
        return None, waiting
    if cutoff in CUTOFF_MONTHS:
        end = cutoff_end(trigger, cutoff, fiscal_year_start)
        return (end, "") if end is not None else (None, BEYOND)
    if cutoff == "closure":
        if record.closed is None:
            return None, "closure"
        return max(trigger, record.closed), ""
    return trigger, ""


@dataclass(frozen=True, slots=True)
class _Plan:
    """What a rule's dates need, worked out once per rule (a catalogue has few rules)."""

    clocks: tuple[tuple[Clock, str, Period | None], ...]
    """Each way the clock may start, with its cut-off and its period."""
    move: Period | None
    maximum: Period | None


@lru_cache(maxsize=1024)
def _plan(rule: Rule) -> _Plan:
    total = total_period(rule)
    clocks = rule.any_of or (Clock(rule.trigger, rule.event),)
    move = parse_period(rule.active) if rule.semi_active and not rule.retain else None
    return _Plan(
        tuple((c, c.cutoff or rule.cutoff, parse_period(c.retain) or total) for c in clocks),
        move,
        parse_period(rule.retain_max),
    )


def _chosen_start(
    rule: Rule, plan: _Plan, record: Record, fiscal_year_start: int
) -> tuple[date | None, Period | None, str]:
    """(start, its period, '') for the alternative ``whichever`` picks, or (None, None, why)."""
    if len(plan.clocks) == 1:
        clock, cutoff, period = plan.clocks[0]
        start, why = _start(clock, cutoff, record, fiscal_year_start)
        return start, period, why
    found: list[tuple[date, date, Period | None]] = []
    waiting: list[str] = []
    for clock, cutoff, period in plan.clocks:
        start, why = _start(clock, cutoff, record, fiscal_year_start)
        if start is None:
            waiting.append(why)
            continue
        end = period.after(start) if period is not None else start
        found.append((end or date.max, start, period))
    if (rule.whichever == "later" and waiting) or not found:
        joint = " and " if rule.whichever == "later" else " or "
        return None, None, BEYOND if BEYOND in waiting else joint.join(dict.fromkeys(waiting))
    pick = max(found, key=lambda f: f[0]) if rule.whichever == "later" else min(found, key=lambda f: f[0])
    return pick[1], pick[2], ""


def _block(rule: Rule, start: date, fiscal_year_start: int) -> tuple[date | None, str]:
    size = rule.block_years or 1
    first = start.year - start.year % size
    return last_cutoff_in_year(
        first + size - 1, rule.cutoff, fiscal_year_start
    ), f"{first}-{first + size - 1}"


def end_of_retention(rule: Rule, record: Record, config: Config) -> RetentionEnd:
    """Every date of ``record``'s retention under ``rule``; the single source of them."""
    if rule.final_action == "permanent" and not has_period(rule):
        return RetentionEnd()
    if not rule.any_of and rule.trigger is None:
        if rule.final_action == "review" and not has_period(rule):
            # A conditional review ("place in the personnel file"): a person decides, now.
            if record.created is None:
                return RetentionEnd(waiting_for="creation date")
            return RetentionEnd(record.created, eligible_from=record.created, due_by=None)
        return RetentionEnd(waiting_for="trigger")
    plan = _plan(rule)
    start, period, waiting = _chosen_start(rule, plan, record, config.fiscal_year_start)
    if start is None:
        return RetentionEnd(waiting_for=waiting, beyond=waiting == BEYOND)
    block = ""
    if rule.block_years is not None and rule.block_years > 0:  # fonds check reports the others
        start, block = _block(rule, start, config.fiscal_year_start)
        if start is None:
            return RetentionEnd(beyond=True, block=block)
    move_on = plan.move.after(start) if plan.move is not None else None
    eligible = period.after(start) if period is not None else start
    maximum = plan.maximum
    if maximum is not None:
        due_by = maximum.after(start)
    elif rule.minimum and config.minimum_periods == "eligible":
        due_by = None
    else:
        due_by = eligible
    beyond = eligible is None or (maximum is not None and due_by is None)
    beyond = beyond or (plan.move is not None and move_on is None)
    return RetentionEnd(start, "", move_on, eligible, due_by, beyond, block)


def _step_state(due: date, as_of: date) -> State:
    return State.OVERDUE if due < as_of else State.DUE


def assess(
    record: Record, catalogue: Catalogue, as_of: date, window_end: date, holds: tuple[str, ...] = ()
) -> Assessment:
    """``record``'s state on ``as_of``; an action falling on or before ``window_end`` is due.

    The latest step that has come wins: a file never sent to the records centre whose final
    action has come is due (or overdue) for that action, with a note that the move was never
    made. ``holds`` are the ids of the active holds that cover the record (``holds_by_record``).
    """
    if record.status == "destroyed":
        return Assessment(record, State.DESTROYED, holds=holds)
    if record.status == "transferred":
        return Assessment(record, State.TRANSFERRED, holds=holds)
    rule, ref, reason = rule_for(record, catalogue)
    state, note, waiting, end = State.UNSCHEDULED, "", "", None
    if rule is None:
        note = "no retention rule applies"
    elif not rule.implementable:
        note = rule.note or "the rule cannot be computed"
    elif rule.final_action == "permanent" and not has_period(rule):
        state = State.PERMANENT
    else:
        end = end_of_retention(rule, record, catalogue.config)
        if end.start is not None:
            step = _step(record, rule, end, as_of, window_end, bool(holds))
            state, action, due, note, due_by = _reviewed(record, step, as_of, window_end, bool(holds))
            return Assessment(
                record, state, rule, ref, reason, action, due, end.start, "", holds, note, due_by
            )
        if end.beyond:
            state, note = _resting(record), f"the start of retention {BEYOND}"
        elif end.waiting_for == "trigger":
            note = "the rule does not say what starts the clock"
        elif end.waiting_for == "creation date":
            note = "the record has no creation date"
        else:
            state, waiting = State.AWAITING_EVENT, end.waiting_for
    return Assessment(record, state, rule, ref, reason, None, None, None, waiting, holds, note)


def _resting(record: Record) -> State:
    return State.SEMI_ACTIVE if record.status == "semi-active" else State.ACTIVE


def _notes(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


_Step = tuple[State, "Action | None", "date | None", str, "date | None"]
"""(state, action, due, note, due_by): the dated part of an Assessment."""


def _step(record: Record, rule: Rule, end: RetentionEnd, as_of: date, window_end: date, held: bool) -> _Step:
    move_pending = end.move_on is not None and record.status == "active"
    block = f"block {end.block}" if end.block else ""
    instruction = f"instruction: {rule.instruction}" if rule.instruction else ""
    beyond = f"the end of retention {BEYOND}" if end.beyond else ""
    final = FINAL_ACTIONS.get(rule.final_action or "")
    if final is not None and end.eligible_from is not None and end.eligible_from <= window_end:
        never_moved = (
            f"the move to the records centre (due {end.move_on.isoformat()}) was never made"
            if move_pending and end.move_on
            else ""
        )
        note = _notes(block, instruction, never_moved)
        if held and final in BLOCKED_BY_HOLDS:
            return State.ON_HOLD, final, end.due_by or end.eligible_from, note, None
        if end.due_by is not None and end.due_by <= window_end:
            return _step_state(end.due_by, as_of), final, end.due_by, note, None
        by = f"to be done by {end.due_by.isoformat()}" if end.due_by else ""
        return State.ELIGIBLE, final, end.eligible_from, _notes(note, by, beyond), end.due_by
    if move_pending and end.move_on is not None and end.move_on <= window_end:
        return _step_state(end.move_on, as_of), Action.MOVE, end.move_on, _notes(block, beyond), None
    if final is None and not move_pending:
        return State.PERMANENT, None, None, _notes(block, beyond), None
    action, due = (Action.MOVE, end.move_on) if move_pending else (final, end.eligible_from)
    return _resting(record), action, due, _notes(block, instruction, beyond), end.due_by


def _reviewed(record: Record, step: _Step, as_of: date, window_end: date, held: bool) -> _Step:
    """A final action ``review`` after the outcome of a retention review (``fonds review``):
    keep and extend move the next review to the date they recorded; approve turns it into the
    action the reviewer approved, due from the day of the review."""
    _, action, due, note, _ = step
    review = latest_review(record, "retention")
    if action is not Action.REVIEW or review is None:
        return step
    if review.outcome == "approve":
        action, due = FINAL_ACTIONS.get(review.action, Action.DESTROY), review.on
    elif review.next_review is not None:
        due = review.next_review
    else:
        return step
    if due is None or due > window_end:
        return _resting(record), action, due, note, None
    if held and action in BLOCKED_BY_HOLDS:
        return State.ON_HOLD, action, due, note, None
    return _step_state(due, as_of), action, due, note, None


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
    """Every record's assessment, in id order, as it stood on ``as_of``.

    Anything dated after ``as_of`` has not happened yet (``replay.record_as_of``); a record
    created after it is not in the catalogue yet and is left out. ``within`` widens "due"
    beyond ``as_of``.
    """
    window_end = clamp_add(as_of, within or _NONE)
    held = holds_by_record(catalogue, as_of)
    chosen = catalogue.records.values() if records is None else records
    found = []
    for record in chosen:
        then = record_as_of(record, as_of)
        if then is not None:
            found.append(assess(then, catalogue, as_of, window_end, held.get(record.id, ())))
    return found
