"""A retention rule in one plain sentence, the way a records technician reads a schedule.

The one wording of rules: record pages, schedule pages and reports all call ``describe_rule``.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Clock, Rule
from .periods import parse_period

_UNITS = (("years", "year"), ("months", "month"), ("days", "day"), ("hours", "hour"))
_FINAL = {
    "destroy": "destroy",
    "transfer": "transfer to the archives",
    "permanent": "keep permanently",
    "review": "review",
    "selective-retention": "selective retention",
    "other": "other disposition",
}
_CUTOFF = {
    "month": ", cut off at the end of each month",
    "quarter": ", cut off at the end of each quarter",
    "half-year": ", cut off at the end of each half-year",
    "calendar-year": ", cut off at the end of the calendar year",
    "fiscal-quarter": ", cut off at the end of each fiscal quarter",
    "fiscal-half-year": ", cut off at the end of each fiscal half-year",
    "fiscal-year": ", cut off at the end of the fiscal year",
    "closure": ", not before the file is closed",
}


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


def _start(clock: Clock, events: Mapping[str, str]) -> str:
    if clock.trigger == "event":
        name = events.get(clock.event or "", clock.event or "") or clock.event or "the event"
        return name[0].lower() + name[1:]
    return {"creation": "creation", "closure": "the file is closed"}.get(clock.trigger or "", "")


def _list(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _when(rule: Rule, events: Mapping[str, str]) -> str:
    """'5 years after termination or retirement, whichever is first', and so on."""
    period = describe_period(rule.retain)
    if rule.retain_max:
        period = f"{period} (at the earliest) to {describe_period(rule.retain_max)} (at the latest)"
    cutoff = _CUTOFF.get(rule.cutoff, "")
    clocks = rule.any_of or (Clock(rule.trigger, rule.event),)
    whichever = f", whichever is {rule.whichever}" if rule.any_of else ""
    if any(c.retain for c in rule.any_of):
        parts = [
            f"{describe_period(c.retain or rule.retain)} after {_start(c, events)}{_CUTOFF.get(c.cutoff or '', '')}"
            for c in clocks
        ]
        return _list(parts) + whichever + cutoff
    return f"{period} after {_list([_start(c, events) for c in clocks])}{whichever}{cutoff}"


def describe_rule(rule: Rule, events: Mapping[str, str]) -> str:
    """One sentence, e.g. "Destroy 6 years after final payment, cut off at the end of the fiscal year"."""
    if not rule.implementable:
        return f"Not computable: {rule.note or 'no fixed period'}"
    final = _FINAL.get(rule.final_action or "", rule.final_action or "")
    if rule.trigger is None and not rule.any_of:
        text = final.capitalize()
    elif rule.active and not rule.retain:
        when = _when(rule, events)
        start = when.split(" after ", 1)[1] if " after " in when else when
        semi = f", then {describe_period(rule.semi_active)} in the records centre" if rule.semi_active else ""
        text = f"Keep {describe_period(rule.active)} in the office after {start}{semi}; then {final}"
    elif rule.retain or any(c.retain for c in rule.any_of):
        text = f"{final.capitalize()} {_when(rule, events)}"
    else:
        text = final.capitalize()
    if rule.block_years:
        text += f", in blocks of {rule.block_years} years"
    if rule.final_action == "selective-retention":
        text += " (the archives selects part to keep; the rest is destroyed)"
    if rule.instruction:
        text += f": {rule.instruction}"
    return text + (" (minimum: longer retention is authorised)" if rule.minimum else "")
