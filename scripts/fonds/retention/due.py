"""The disposal report behind ``fonds due``: what must move, be destroyed, transferred or reviewed.

Selection and summary only; ``output.render_table`` renders the rows in every format.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..access.markings import iter_marking_reviews
from ..custody.chargeouts import iter_overdue
from ..custody.requests import RESPOND, iter_register
from ..hierarchy import ancestors
from ..model import Catalogue
from .assessment import Action, Assessment, State, assess_catalogue
from .periods import Period, clamp_add
from .reviews import vital_review_due
from .rule_text import describe_rule

DEFAULT_STATES = (State.DUE, State.OVERDUE, State.ON_HOLD, State.ELIGIBLE)
"""What the report lists unless asked otherwise: what needs doing, what may be done (a minimum
period has run), and what a hold holds back."""

COLUMNS = ("id", "title", "class", "rule", "state", "action", "due", "holds", "location")


@dataclass(frozen=True, slots=True)
class DueItem:
    id: str
    title: str
    class_code: str
    rule: str
    state: State
    action: str
    due: date | None
    holds: tuple[str, ...]
    location: str
    file: str
    note: str = ""
    """Why the record's retention differs or waits: an override's reason, the awaited event."""
    rule_text: str = ""
    """The rule in words (``rule_text.describe_rule``)."""

    def row(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "class": self.class_code,
            "rule": self.rule,
            "state": self.state.value,
            "action": self.action,
            "due": self.due.isoformat() if self.due else None,
            "holds": list(self.holds),
            "location": self.location,
            "note": self.note,
            "rule_text": self.rule_text,
        }


@dataclass(frozen=True, slots=True)
class DueReport:
    as_of: date
    within: Period
    items: tuple[DueItem, ...]
    counts: dict[str, int]
    """Records in each state, over the whole catalogue (not only the listed items)."""
    records: int


def _item(assessment: Assessment, texts: dict[str, str], events: Mapping[str, str]) -> DueItem:
    record = assessment.record
    notes = [f"override: {assessment.override_reason}"] if assessment.override_reason else []
    notes += [f"waiting for {assessment.waiting_for}"] if assessment.waiting_for else []
    notes += [assessment.note] if assessment.note else []
    note = "; ".join(notes)
    return DueItem(
        id=record.id,
        title=record.title,
        class_code=record.class_code or "",
        rule=assessment.rule_ref,
        state=assessment.state,
        action=assessment.action.value if assessment.action else "",
        due=assessment.due,
        holds=assessment.holds,
        location=record.location or record.uri or "",
        file=record.file,
        note=note,
        rule_text=_rule_text(assessment, texts, events),
    )


def _rule_text(assessment: Assessment, texts: dict[str, str], events: Mapping[str, str]) -> str:
    """The rule in words, worded once per schedule item (``texts`` keeps them)."""
    if assessment.rule is None:
        return ""
    key = assessment.rule_ref if assessment.rule_ref != "override" else f"override:{assessment.record.id}"
    if key not in texts:
        texts[key] = describe_rule(assessment.rule, events)
    return texts[key]


def _review_items(catalogue: Catalogue, as_of: date, window_end: date) -> Iterable[DueItem]:
    for record in catalogue.records.values():
        due = vital_review_due(record)
        if due is None or due > window_end:
            continue
        yield DueItem(
            id=record.id,
            title=record.title,
            class_code=record.class_code or "",
            rule="vital record",
            state=State.OVERDUE if due < as_of else State.DUE,
            action=Action.VITAL_REVIEW.value,
            due=due,
            holds=(),
            location=record.location or record.uri or "",
            file=record.file,
            note=f"review every {record.vital.review if record.vital else ''}",
        )


def _marking_items(catalogue: Catalogue, as_of: date, window_end: date) -> Iterable[DueItem]:
    for review in iter_marking_reviews(catalogue, window_end):
        record, marking = review.record, review.marking
        yield DueItem(
            id=record.id,
            title=record.title,
            class_code=record.class_code or "",
            rule="security marking",
            state=State.OVERDUE if review.due < as_of else State.DUE,
            action=Action(review.action).value,
            due=review.due,
            holds=(),
            location=record.location or record.uri or "",
            file=record.file,
            note=f"marked {marking.level} ({marking.level_from.describe()})",
        )


def _charge_out_items(catalogue: Catalogue, as_of: date) -> Iterable[DueItem]:
    """Charged-out files not returned by their due date: overdue, whatever the window.

    A charge-out made after ``as_of`` had not happened yet on that day (as-of replay)."""
    for record in iter_overdue(catalogue, as_of):
        charge = record.charge_out
        assert charge is not None
        if charge.since is not None and charge.since > as_of:
            continue
        since = charge.since.isoformat() if charge.since else "?"
        yield DueItem(
            id=record.id,
            title=record.title,
            class_code=record.class_code or "",
            rule="charge-out",
            state=State.OVERDUE,
            action=Action.RETURN.value,
            due=charge.due,
            holds=(),
            location=record.location or record.uri or "",
            file=record.file,
            note=f"charged out to {charge.to} since {since}",
        )


def _request_items(catalogue: Catalogue, as_of: date, window_end: date) -> Iterable[DueItem]:
    """Open requests whose deadline is past or within the window: action ``respond``."""
    for entry in iter_register(catalogue, as_of):
        request = entry.request
        if request.status != "open" or entry.deadline is None or entry.deadline > window_end:
            continue
        received = request.received_on.isoformat() if request.received_on else "?"
        yield DueItem(
            id=request.id,
            title=request.asked,
            class_code="",
            rule=f"{request.type} request",
            state=State.OVERDUE if entry.overdue else State.DUE,
            action=RESPOND,
            due=entry.deadline,
            holds=(),
            location="",
            file=request.file,
            note=f"from {request.requester}, received {received}",
        )


def due_report(
    catalogue: Catalogue,
    as_of: date,
    within: Period,
    *,
    states: Sequence[State] = DEFAULT_STATES,
    actions: Sequence[str] = (),
    classes: Sequence[str] = (),
    locations: Sequence[str] = (),
) -> DueReport:
    """The report for ``as_of``, listing items in ``states``, sorted by due date then id.

    ``classes`` and ``locations`` include everything below them (sub-classes, boxes on a
    shelf); ``actions`` are ``Action`` values.
    """
    assessments = assess_catalogue(catalogue, as_of, within)
    counts = Counter(a.state.value for a in assessments)
    texts: dict[str, str] = {}
    events = catalogue.config.events
    items = [_item(a, texts, events) for a in assessments if a.state in states]
    window_end = clamp_add(as_of, within)
    items.extend(i for i in _review_items(catalogue, as_of, window_end) if i.state in states)
    items.extend(i for i in _marking_items(catalogue, as_of, window_end) if i.state in states)
    items.extend(i for i in _charge_out_items(catalogue, as_of) if i.state in states)
    not_yet = {r.id for r in catalogue.records.values() if r.created is not None and r.created > as_of}
    items = [i for i in items if i.id not in not_yet]
    items.extend(i for i in _request_items(catalogue, as_of, window_end) if i.state in states)
    class_parents = catalogue.class_parents
    place_parents = catalogue.location_parents

    def wanted(item: DueItem) -> bool:
        if actions and item.action not in actions:
            return False
        if classes and not ({item.class_code, *ancestors(item.class_code, class_parents)} & set(classes)):
            return False
        return not locations or bool(
            {item.location, *ancestors(item.location, place_parents)} & set(locations)
        )

    chosen = sorted(filter(wanted, items), key=lambda i: (i.due or date.max, i.id, i.action))
    return DueReport(
        as_of=as_of,
        within=within,
        items=tuple(chosen),
        counts=dict(sorted(counts.items())),
        records=len(assessments),
    )
