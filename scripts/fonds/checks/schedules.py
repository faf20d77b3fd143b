"""Retention schedules and their rules."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import PurePosixPath

from ..diagnostics import Diagnostic
from ..hierarchy import find_cycles
from ..model import Catalogue, Rule
from ..yamlfile import Path
from .base import at, declared_events, suggest


def rule_problems(rule: Rule, events: Mapping[str, str] | None) -> Iterator[tuple[Path, str, str]]:
    """What makes a rule impossible to compute, as (path inside the rule, code, message).

    ``events`` is None when fonds.yml could not be read, so events cannot be judged.
    """
    if rule.final_action is None or not rule.implementable:
        return
    if events is not None and rule.event is not None and rule.event not in events:
        yield (
            ("event",),
            "unknown-event",
            (
                f"the rule names event '{rule.event}', which fonds.yml does not declare under 'events'"
                f"{suggest(rule.event, events)}"
            ),
        )
    if rule.retain is not None and (rule.active is not None or rule.semi_active is not None):
        yield (
            ("retain",),
            "rule-incomplete",
            ("give either 'retain' (one period) or 'active'/'semi_active' (phases), not both"),
        )
    if rule.final_action == "permanent":
        return
    if rule.trigger is None:
        yield (), "rule-incomplete", "the rule does not say what starts the clock ('trigger')"
    if rule.retain is None and rule.active is None:
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
                yield at(
                    catalogue, item.file, (*item.path, "rule", *path), code, f"item '{item.ref}': {message}"
                )
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
