"""Retention schedules and their rules."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import PurePosixPath

from ..diagnostics import Diagnostic, suggest
from ..hierarchy import find_cycles
from ..model import Catalogue, Path, Rule
from ..reading.local_settings import rule_location
from ..retention.assessment import has_period
from ..retention.periods import parse_period
from .base import at, declared_events

Problem = tuple[Path, str, str]
_PERIODS = ("retain", "retain_max", "active", "semi_active")
_SAMPLE_STARTS = (date(2001, 1, 1), date(2000, 1, 31), date(2000, 2, 29), date(2001, 2, 28))


def rule_problems(rule: Rule, events: Mapping[str, str] | None) -> Iterator[Problem]:
    """What makes a rule impossible to compute, as (path inside the rule, code, message).

    ``events`` is None when fonds.yml could not be read, so events cannot be judged.
    """
    if rule.final_action is None or not rule.implementable:
        return
    yield from _event_problems(rule, events)
    yield from _period_problems(rule)
    yield from _shape_problems(rule)
    if rule.final_action == "other" and not rule.instruction:
        yield (), "rule-incomplete", "an 'other' disposition needs its 'instruction' (what is to be done)"
    if rule.any_of or rule.trigger is not None:
        return
    if has_period(rule):
        yield (
            (),
            "rule-incomplete",
            "the rule gives a period but not what starts it: add a 'trigger' (creation, closure or event)",
        )
    elif rule.final_action not in ("permanent", "review"):
        yield (), "rule-incomplete", "the rule does not say what starts the clock ('trigger')"


def _event_problems(rule: Rule, events: Mapping[str, str] | None) -> Iterator[Problem]:
    if events is None:
        return
    named: list[tuple[Path, str | None]] = [(("event",), rule.event)]
    named += [(("any_of", i, "event"), c.event) for i, c in enumerate(rule.any_of)]
    for path, event in named:
        if event is not None and event not in events:
            yield (
                path,
                "unknown-event",
                f"the rule names event '{event}', which fonds.yml does not declare under 'events'"
                f"{suggest(event, events)}",
            )


def _period_problems(rule: Rule) -> Iterator[Problem]:
    written: list[tuple[Path, str | None]] = [((name,), getattr(rule, name)) for name in _PERIODS]
    written += [(("any_of", i, "retain"), c.retain) for i, c in enumerate(rule.any_of)]
    for path, text in written:
        period = parse_period(text)
        if period is not None and period.too_long:
            yield (
                path,
                "period-too-long",
                f"the period {text} is longer than the calendar (9999 years); "
                "for records kept for ever, use 'final_action: permanent'",
            )
    if rule.block_years is not None and not 1 <= rule.block_years <= 1000:
        yield (
            ("block", "years"),
            "rule-impossible",
            f"a block of {rule.block_years} years cannot be formed: give 1 to 1000 years",
        )
    low, high = parse_period(rule.retain), parse_period(rule.retain_max)
    if rule.retain_max is not None and low is None:
        yield (
            ("retain_max",),
            "rule-impossible",
            "'retain_max' ends a window that 'retain' opens: give 'retain' too",
        )
    if (
        low is not None
        and high is not None
        and any((low.after(d) or date.max) > (high.after(d) or date.max) for d in _SAMPLE_STARTS)
    ):
        yield (
            ("retain_max",),
            "rule-impossible",
            f"the window opens after it closes: 'retain' {rule.retain} is longer than 'retain_max' "
            f"{rule.retain_max}; 'retain' is the minimum, 'retain_max' the maximum",
        )


def _shape_problems(rule: Rule) -> Iterator[Problem]:
    phases = rule.active is not None or rule.semi_active is not None
    if rule.retain is not None and phases:
        yield (
            ("retain",),
            "rule-incomplete",
            "give either 'retain' (one period) or 'active'/'semi_active' (phases), not both",
        )
    if rule.any_of and (rule.trigger is not None or rule.event is not None):
        yield ("any_of",), "rule-incomplete", "give either 'trigger' or 'any_of' (several triggers), not both"
    if phases and any(c.retain for c in rule.any_of):
        yield (
            ("any_of",),
            "rule-incomplete",
            "alternatives with their own 'retain' need a rule with one period ('retain'), not phases",
        )
    if rule.final_action == "permanent" or not (rule.trigger or rule.any_of):
        return
    if not has_period(rule):
        yield (
            (),
            "rule-incomplete",
            (
                f"the rule does not say how long to keep records before '{rule.final_action}' "
                "('retain', or 'active' and 'semi_active')"
            ),
        )


def check_schedules(catalogue: Catalogue) -> Iterator[Diagnostic]:
    for schedule in catalogue.schedules.values():
        stem = PurePosixPath(schedule.file).stem
        if stem != schedule.id:
            yield at(
                catalogue,
                schedule.file,
                ("id",),
                "id-mismatch",
                f"the schedule's id is '{schedule.id}' but the file is named '{stem}'; "
                f"rename the file to {schedule.id}.yml",
            )
        for item in schedule.items:
            if item.superseded_by is not None and item.superseded_by not in catalogue.items:
                yield at(
                    catalogue,
                    item.file,
                    (*item.path, "superseded_by"),
                    "unknown-schedule-item",
                    f"item '{item.ref}' is superseded by '{item.superseded_by}', which is not in "
                    "any schedule",
                )
            for path, code, message in rule_problems(item.rule, declared_events(catalogue)):
                file, where = rule_location(item, path)  # a local setting is blamed where written
                yield at(catalogue, file, where, code, f"item '{item.ref}': {message}")
    yield from _succession_loops(catalogue)


def _succession_loops(catalogue: Catalogue) -> Iterator[Diagnostic]:
    """An item superseded by itself, or by a chain that comes back to it, has no successor."""
    edges = {ref: [item.superseded_by] for ref, item in catalogue.items.items() if item.superseded_by}
    for cycle in find_cycles(edges):
        first = catalogue.items[cycle[0]]
        chain = " is superseded by ".join((*cycle, cycle[0]))
        yield at(
            catalogue,
            first.file,
            (*first.path, "superseded_by"),
            "hierarchy-cycle",
            f"schedule items loop back on themselves: {chain}; point the last one at a current item",
        )
