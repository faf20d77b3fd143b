"""Words for people: states, actions and rules as a records technician says them."""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Rule
from ..periods import parse_period
from ..retention import Action, State
from .html import slug

STATE_LABELS: Mapping[State, str] = {
    State.ACTIVE: "Active (in the office)",
    State.SEMI_ACTIVE: "Semi-active (records centre)",
    State.AWAITING_EVENT: "Awaiting event",
    State.DUE: "Due",
    State.OVERDUE: "Overdue",
    State.ON_HOLD: "On hold",
    State.PERMANENT: "Permanent",
    State.DESTROYED: "Destroyed",
    State.TRANSFERRED: "Transferred to the archives",
    State.UNSCHEDULED: "No computable rule",
}

ACTION_LABELS: Mapping[Action, str] = {
    Action.MOVE: "move to the records centre",
    Action.DESTROY: "destroy",
    Action.TRANSFER: "transfer to the archives",
    Action.REVIEW: "review",
    Action.VITAL_REVIEW: "review (vital record)",
}

_UNITS = (("years", "year"), ("months", "month"), ("days", "day"), ("hours", "hour"))


def describe_period(text: str | None) -> str:
    period = parse_period(text)
    if period is None:
        return text or ""
    parts = [
        f"{getattr(period, attr)} {word}{'s' if getattr(period, attr) != 1 else ''}"
        for attr, word in _UNITS
        if getattr(period, attr)
    ]
    return ", ".join(parts) or "no wait"


def describe_rule(rule: Rule, events: Mapping[str, str]) -> str:
    """One sentence, e.g. "Destroy 6 years after final payment, cut off at the end of the fiscal year"."""
    if not rule.implementable:
        return f"Not computable: {rule.note or 'no fixed period'}"
    final = {
        "destroy": "destroy",
        "transfer": "transfer to the archives",
        "permanent": "keep permanently",
        "review": "review",
    }.get(rule.final_action or "", rule.final_action or "")
    if rule.trigger == "event":
        start = events.get(rule.event or "", rule.event or "the event") if rule.event else "the event"
        start = start[0].lower() + start[1:] if start else start
    else:
        start = {"creation": "creation", "closure": "the file is closed"}.get(rule.trigger or "", "")
    cutoff = {
        "calendar-year": ", cut off at the end of the calendar year",
        "fiscal-year": ", cut off at the end of the fiscal year",
        "closure": ", not before the file is closed",
    }.get(rule.cutoff, "")
    if rule.retain:
        text = f"{final.capitalize()} {describe_period(rule.retain)} after {start}{cutoff}"
    elif rule.active:
        semi = f", then {describe_period(rule.semi_active)} in the records centre" if rule.semi_active else ""
        text = f"Keep {describe_period(rule.active)} in the office after {start}{cutoff}{semi}; then {final}"
    else:
        text = final.capitalize()
    return text + (" (minimum: longer retention is authorised)" if rule.minimum else "")


def subject_src(keyword: str) -> str:
    return f"indexes/subjects/{slug(keyword.lower())}.md"
