"""Recording retention trigger events on records: the date that starts an event rule's clock.

"Destroy 6 years after final payment" cannot start until someone writes down when the final
payment was made (DoD 5015.2 C2.2.2.5, event-driven dispositions). ``fonds event`` adds
that date under the record's ``events:``; event names must be declared in fonds.yml so
that everyone uses the same words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..diagnostics import Diagnostic, close_matches, error
from ..model import Catalogue, Record
from .dispose import final_action
from .plan import (
    Plan,
    before_creation,
    check_values,
    edit_file,
    ended,
    file_errors,
    gather,
    listed,
    plural,
    refusal,
    refused,
    select_records,
)
from .yaml_edit import SetKey

EVENTS_AFTER = ("dates", "class", "description", "title")
"""Where a record without ``events:`` gets it: after its dates, as docs/format.md shows."""


def _check(catalogue: Catalogue, record: Record, event: str, on: date) -> Diagnostic | None:
    done = ended(catalogue, record)
    if done is not None:
        return done
    recorded = record.events.get(event)
    if recorded == on:
        return refusal(
            catalogue,
            record.file,
            ("events", event),
            "no-change",
            f"{record.id} already records {event} on {on.isoformat()}",
        )
    if recorded is not None:
        return refusal(
            catalogue,
            record.file,
            ("events", event),
            "event-recorded",
            f"{record.id} already records {event} on {recorded.isoformat()}; a recorded event is "
            "corrected by hand, in a change that says why",
        )
    return before_creation(catalogue, record, on, event)


def _effect(catalogue: Catalogue, record: Record, event: str, on: date) -> str:
    """What the event does to the record's retention, in a few words."""
    final = final_action(catalogue, replace(record, events={**record.events, event: on}))
    if final.due is not None and final.action is not None:
        return f"{final.action} on {final.due.isoformat()} under {final.rule}"
    if final.waiting_for:
        return f"still waiting for {final.waiting_for}"
    return "no change to its retention"


@dataclass(frozen=True, slots=True)
class EventRequest:
    """``fonds event RECORD... --name EVENT --date DAY``."""

    ids: tuple[str, ...]
    event: str
    on: date


def plan_event(
    catalogue: Catalogue, problems: Sequence[Diagnostic], root: Path, request: EventRequest
) -> Plan:
    """Record ``event`` on ``on`` for each record of ``ids``, or the refusals."""
    ids, event, on = request.ids, request.event, request.on
    check_values(("event", "slug", event))
    records, refusals = select_records(catalogue, ids)
    subject = f"Record {event} on {on.isoformat()} for {plural(len(records), 'record')}: " + listed(
        [r.id for r in records]
    )
    if event not in catalogue.config.events:
        declared = ", ".join(sorted(catalogue.config.events)) or "none"
        close = close_matches(event, catalogue.config.events)
        hint = f"did you mean '{close[0]}'? " if close else ""
        line, column = catalogue.where(catalogue.config.file, ("events",))
        refusals.append(
            error(
                catalogue.config.file,
                line,
                column,
                "unknown-event",
                f"event '{event}' is not declared under 'events' in fonds.yml ({hint}declared: {declared})",
                "events",
            )
        )
        return refused(subject, refusals)
    refusals += file_errors(problems, [r.file for r in records])
    refusals += [found for record in records if (found := _check(catalogue, record, event, on))]
    if refusals:
        return refused(subject, refusals)
    edits = [SetKey(("events", event), on, after=EVENTS_AFTER)]
    changes, failed = gather(edit_file(catalogue, root, r.file, edits, "record") for r in records)
    if failed:
        return refused(subject, failed)
    details = tuple(f"- {r.id}: {r.title}: {_effect(catalogue, r, event, on)}" for r in records)
    return Plan(subject, tuple(changes), details=details)
