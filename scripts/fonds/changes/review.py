"""``fonds review``: the outcome of a vital-record review or of a retention review (a rule
whose final action is ``review``), appended to the record's ``reviews:`` list.

The planner works out the date each outcome sets, so the entry carries it (``next_review``)
and ``retention.assessment._reviewed`` only has to read it: keep (a date, or the vital cycle), extend
(a period after the review), reschedule (another schedule item), approve (a final action).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..model import Catalogue, Record, Review
from ..retention.assessment import rule_for
from ..retention.periods import Period, parse_period
from .files import FileChange
from .plan import (
    Plan,
    RequestError,
    check_values,
    edit_file,
    ended,
    file_errors,
    refusal,
    refused,
    select_records,
)
from .yaml_edit import SetKey

REVIEWS_AFTER = (
    "vital",
    "retention_override",
    "disposition",
    "status",
    "charge_history",
    "charge_out",
    "location",
)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the reviewer decided (the command's options)."""

    outcome: str
    reviewer: str
    reason: str
    on: date
    kind: str | None = None
    next_review: date | None = None
    by: Period | None = None
    item: str | None = None
    action: str = "destroy"


def _kind(catalogue: Catalogue, record: Record, asked: str | None) -> tuple[str | None, Diagnostic | None]:
    rule, _, _ = rule_for(record, catalogue)
    retention = rule is not None and rule.final_action == "review"
    kinds = [k for k, ok in (("retention", retention), ("vital", record.vital is not None)) if ok]
    if (asked is not None and asked not in kinds) or not kinds:
        what = {"vital": "not a vital record", "retention": "its retention rule does not end in a review"}
        reason = what.get(asked or "", "neither a vital record nor under a rule ending in a review")
        return None, refusal(catalogue, record.file, ("id",), "nothing-to-review", f"{record.id} is {reason}")
    if asked is None and len(kinds) > 1:
        raise RequestError(
            f"{record.id} is a vital record under a rule ending in a review: say which with --of"
        )
    return asked or kinds[0], None


def _next_review(record: Record, kind: str, asked: Outcome) -> date | None:
    if asked.outcome == "keep":
        if asked.next_review is not None:
            return asked.next_review
        cycle = parse_period(record.vital.review) if kind == "vital" and record.vital else None
        if cycle is None:
            raise RequestError("--outcome keep needs --next-review DATE (only a vital record has a cycle)")
        return cycle.after(asked.on)
    if asked.outcome == "extend":
        assert asked.by is not None
        return asked.by.after(asked.on)
    return None


def _check(asked: Outcome, kind: str) -> None:
    check_values(("--reviewer", "person", asked.reviewer), ("--reason", "text", asked.reason))
    if not asked.reason.strip():
        raise RequestError("--reason must say why (it is kept with the review)")
    if kind == "vital" and asked.outcome != "keep":
        raise RequestError(f"a vital-record review can only --outcome keep, not {asked.outcome}")
    needs = {"extend": ("--by", asked.by), "reschedule": ("--item", asked.item)}
    if asked.outcome in needs and needs[asked.outcome][1] is None:
        raise RequestError(f"--outcome {asked.outcome} needs {needs[asked.outcome][0]}")
    if asked.next_review is not None and asked.next_review <= asked.on:
        raise RequestError(
            f"--next-review {asked.next_review.isoformat()} is not after the review ({asked.on.isoformat()})"
        )


def _entry(review: Review) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "date": review.on,
        "kind": review.kind,
        "outcome": review.outcome,
        "reviewer": review.reviewer,
        "reason": review.reason,
    }
    optional = {
        "next_review": review.next_review,
        "extended_by": review.extended_by,
        "item": review.item,
        "action": review.action,
    }
    return entry | {key: value for key, value in optional.items() if value}


def _made(asked: Outcome, kind: str, next_review: date | None) -> Review:
    return Review(
        on=asked.on,
        kind=kind,  # type: ignore[arg-type]
        outcome=asked.outcome,  # type: ignore[arg-type]
        reviewer=asked.reviewer,
        reason=asked.reason,
        next_review=next_review,
        extended_by=asked.by.text if asked.by and asked.outcome == "extend" else "",
        item=asked.item or "" if asked.outcome == "reschedule" else "",
        action=asked.action if asked.outcome == "approve" else "",
    )


def plan_review(
    catalogue: Catalogue, problems: Sequence[Diagnostic], root: Path, record_id: str, asked: Outcome
) -> Plan:
    """Append ``asked`` to ``record_id``'s reviews, or the refusals."""
    check_values(("RECORD", "id", record_id), ("--item", "text", asked.item))
    subject = f"Review {record_id}: {asked.outcome} ({asked.reviewer})"
    records, refusals = select_records(catalogue, [record_id])
    for record in records:
        refusals += file_errors(problems, [record.file])
        refusals += [found for found in (ended(catalogue, record),) if found is not None]
        if asked.item is not None and asked.item not in catalogue.items:
            refusals.append(
                refusal(
                    catalogue,
                    record.file,
                    ("class",),
                    "unknown-item",
                    f"--item {asked.item} is not an item of any schedule in schedules/",
                )
            )
    if refusals:
        return refused(subject, refusals)
    [record] = records
    kind, problem = _kind(catalogue, record, asked.kind)
    if problem is not None or kind is None:
        return refused(subject, [problem] if problem else [])
    _check(asked, kind)
    review = _made(asked, kind, _next_review(record, kind, asked))
    edits = [SetKey(("reviews",), [_entry(r) for r in (*record.reviews, review)], after=REVIEWS_AFTER)]
    if kind == "vital":
        edits.append(SetKey(("vital", "last_reviewed"), asked.on))
    change = edit_file(catalogue, root, record.file, edits, "record")
    if not isinstance(change, FileChange):
        return refused(subject, [change])
    then = {
        "approve": f"approved: {review.action}",
        "reschedule": f"now under {review.item}",
    }.get(review.outcome, f"next review {review.next_review.isoformat() if review.next_review else '?'}")
    return Plan(subject, (change,), details=(f"- {record.id}: {record.title} ({kind} review; {then})",))
