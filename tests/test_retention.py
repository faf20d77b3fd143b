"""Retention states and dates against hand-worked examples.

Each expected date is worked out by hand in the comment beside it, the way a records
technician would check a disposal list.
"""

from __future__ import annotations

from datetime import date

import pytest

from fonds.model import ClassScope, FileClass, Override, Rule, Vital
from fonds.retention.assessment import Action, State, assess_catalogue
from fonds.retention.periods import parse_period
from fonds.retention.reviews import vital_review_due

from .retention_helpers import catalogue, hold, record

D = date.fromisoformat


def one(cat, as_of: str, within: str = "P0D"):  # type: ignore[no-untyped-def]
    [found] = assess_catalogue(cat, D(as_of), parse_period(within))
    return found


CREATION_3Y = Rule(final_action="destroy", trigger="creation", retain="P3Y")


@pytest.mark.parametrize(
    ("as_of", "within", "state"),
    [
        ("2023-03-14", "P0D", State.ACTIVE),  # the day before 2020-03-15 + 3 years
        ("2023-03-15", "P0D", State.DUE),  # the day itself: due, not yet overdue
        ("2023-03-16", "P0D", State.OVERDUE),
        ("2023-02-14", "P30D", State.DUE),  # 14 Feb + 30 days = 16 Mar, past the due date
        ("2023-02-12", "P30D", State.ACTIVE),  # 12 Feb + 30 days = 14 Mar, before it
    ],
)
def test_creation_trigger_without_cutoff(as_of: str, within: str, state: State) -> None:
    found = one(catalogue(CREATION_3Y, record(created="2020-03-15")), as_of, within)
    assert (found.state, found.action, found.due) == (state, Action.DESTROY, D("2023-03-15"))


def test_closure_calendar_cutoff_with_active_and_semi_active_phases() -> None:
    # ARCS style "A 2y, SA 5y, FD destroy", cut off at the end of the calendar year:
    # closed 2019-06-30 -> cut-off 2019-12-31 -> move 2021-12-31 -> destroy 2026-12-31.
    rule = Rule(
        final_action="destroy", trigger="closure", cutoff="calendar-year", active="P2Y", semi_active="P5Y"
    )
    in_office = one(catalogue(rule, record(closed="2019-06-30")), "2022-01-10")
    assert (in_office.state, in_office.action, in_office.due) == (State.OVERDUE, Action.MOVE, D("2021-12-31"))
    assert in_office.clock_start == D("2019-12-31")
    moved = one(catalogue(rule, record(closed="2019-06-30", status="semi-active")), "2022-01-10")
    assert (moved.state, moved.action, moved.due) == (State.SEMI_ACTIVE, Action.DESTROY, D("2026-12-31"))
    assert (
        one(catalogue(rule, record(closed="2019-06-30", status="semi-active")), "2027-01-01").state
        is State.OVERDUE
    )


def test_open_file_waits_for_closure() -> None:
    rule = Rule(final_action="destroy", trigger="closure", retain="P5Y")
    found = one(catalogue(rule, record()), "2030-01-01")
    assert (found.state, found.waiting_for, found.due) == (State.AWAITING_EVENT, "closure", None)


@pytest.mark.parametrize(
    ("fiscal_start", "event", "expected"),
    [
        (4, "2021-05-01", "2028-03-31"),  # FY 2021-22 ends 2022-03-31; + 6 years
        (4, "2022-03-31", "2028-03-31"),  # last day of the same fiscal year
        (4, "2022-04-01", "2029-03-31"),  # first day of the next one
        (10, "2021-05-01", "2027-09-30"),  # FY Oct-Sep: 2020-21 ends 2021-09-30; + 6 years
        (10, "2021-10-01", "2028-09-30"),
        (1, "2021-05-01", "2027-12-31"),  # a fiscal year that is the calendar year
    ],
)
def test_event_trigger_with_fiscal_year_cutoff(fiscal_start: int, event: str, expected: str) -> None:
    # NARA GRS 1.1.010 style: destroy 6 years after final payment, cut off at fiscal year end.
    rule = Rule(
        final_action="destroy", trigger="event", event="final-payment", cutoff="fiscal-year", retain="P6Y"
    )
    cat = catalogue(rule, record(events={"final-payment": event}), fiscal_year_start=fiscal_start)
    found = one(cat, event)  # as of the event: it has happened
    assert (found.state, found.due) == (State.ACTIVE, D(expected))


def test_event_not_yet_recorded_is_awaiting_event() -> None:
    rule = Rule(final_action="destroy", trigger="event", event="final-payment", retain="P6Y")
    found = one(catalogue(rule, record()), "2040-01-01")
    assert (found.state, found.waiting_for) == (State.AWAITING_EVENT, "final-payment")


def test_event_and_cutoff_on_closure_starts_at_the_later_date() -> None:
    rule = Rule(
        final_action="destroy", trigger="event", event="final-payment", cutoff="closure", retain="P1Y"
    )
    early_event = record(events={"final-payment": "2020-01-10"}, closed="2020-06-30")
    assert one(catalogue(rule, early_event), "2020-07-01").due == D("2021-06-30")
    late_event = record(events={"final-payment": "2020-09-01"}, closed="2020-06-30")
    assert one(catalogue(rule, late_event), "2020-09-01").due == D("2021-09-01")
    open_file = record(events={"final-payment": "2020-09-01"})
    assert one(catalogue(rule, open_file), "2030-01-01").waiting_for == "closure"


@pytest.mark.parametrize(
    ("created", "period", "expected"),
    [
        ("2024-02-29", "P1Y", "2025-02-28"),  # no 29 February in 2025: the month's last day
        ("2024-02-29", "P4Y", "2028-02-29"),
        ("2024-01-31", "P1M", "2024-02-29"),  # leap year
        ("2023-01-31", "P1M", "2023-02-28"),
        ("2023-08-31", "P6M", "2024-02-29"),
        ("2024-03-01", "PT72H", "2024-03-04"),  # CCTV: 72 hours = 3 days
        ("2024-03-01", "PT1H", "2024-03-02"),  # part of a day counts as a whole day
        ("2024-03-01", "P90D", "2024-05-30"),  # 30 days of March left + 30 of April + 30 of May
        ("2024-03-01", "P2W", "2024-03-15"),
    ],
)
def test_calendar_edge_dates(created: str, period: str, expected: str) -> None:
    rule = Rule(final_action="destroy", trigger="creation", retain=period)
    assert one(catalogue(rule, record(created=created)), created).due == D(expected)


def test_zero_period_is_due_on_the_event_day() -> None:
    # "Destroy when no longer needed": event trigger, period 0.
    rule = Rule(final_action="destroy", trigger="event", event="no-longer-needed", retain="P0D")
    found = one(catalogue(rule, record(events={"no-longer-needed": "2025-06-01"})), "2025-06-01")
    assert (found.state, found.due) == (State.DUE, D("2025-06-01"))


@pytest.mark.parametrize(
    ("final", "action"),
    [("destroy", Action.DESTROY), ("transfer", Action.TRANSFER), ("review", Action.REVIEW)],
)
def test_final_actions(final: str, action: Action) -> None:
    rule = Rule(final_action=final, trigger="creation", retain="P1Y")  # type: ignore[arg-type]
    found = one(catalogue(rule, record(created="2020-01-01")), "2021-06-01")
    assert (found.state, found.action, found.due) == (State.OVERDUE, action, D("2021-01-01"))


def test_permanent_records_are_never_due() -> None:
    assert one(catalogue(Rule(final_action="permanent"), record()), "2090-01-01").state is State.PERMANENT
    after_office = Rule(final_action="permanent", trigger="closure", active="P5Y", semi_active="P5Y")
    moved = record(closed="2000-01-01", status="semi-active")
    assert one(catalogue(after_office, moved), "2090-01-01").state is State.PERMANENT
    in_office = one(catalogue(after_office, record(closed="2000-01-01")), "2090-01-01")
    assert (in_office.state, in_office.action, in_office.due) == (State.OVERDUE, Action.MOVE, D("2005-01-01"))


def test_end_states_and_unschedulable_rules() -> None:
    assert one(catalogue(CREATION_3Y, record(status="destroyed")), "2030-01-01").state is State.DESTROYED
    assert one(catalogue(CREATION_3Y, record(status="transferred")), "2030-01-01").state is State.TRANSFERRED
    variable = Rule(final_action="destroy", implementable=False, note="[Variable]")
    found = one(catalogue(variable, record()), "2030-01-01")
    assert (found.state, found.note) == (State.UNSCHEDULED, "[Variable]")


def test_override_replaces_the_class_rule_and_keeps_its_reason() -> None:
    override = Override(
        rule=Rule(final_action="destroy", trigger="creation", retain="P10Y"),
        reason="Council motion 2021-44 keeps these longer",
    )
    found = one(catalogue(CREATION_3Y, record(created="2020-03-15", override=override)), "2024-01-01")
    assert (found.state, found.due, found.rule_ref) == (State.ACTIVE, D("2030-03-15"), "override")
    assert found.override_reason == "Council motion 2021-44 keeps these longer"


HELD = record("R-1", created="2015-01-01")


@pytest.mark.parametrize(
    ("hold_", "blocked"),
    [
        (hold(records=("R-1",)), True),
        (hold(records=("R-2",)), False),
        (hold(classes=(ClassScope("C-1"),)), True),
        (hold(classes=(ClassScope("C"),)), True),  # sub-classes by default
        (hold(classes=(ClassScope("C", subclasses=False),)), False),  # the class alone
        (hold(classes=(ClassScope("C"),), created_from="2014-01-01", created_to="2015-12-31"), True),
        (hold(classes=(ClassScope("C"),), created_from="2016-01-01"), False),  # outside the range
        (hold(created_to="2015-01-01"), True),  # a date range alone
        (hold(records=("R-1",), released_on="2020-01-01"), False),  # released before as-of
        (hold(records=("R-1",), placed_on="2030-01-01"), False),  # not yet placed
    ],
)
def test_hold_scopes(hold_, blocked: bool) -> None:  # type: ignore[no-untyped-def]
    cat = catalogue(CREATION_3Y, HELD, record("R-2", created="2019-01-01"), holds=(hold_,))
    found = next(a for a in assess_catalogue(cat, D("2024-01-01")) if a.record.id == "R-1")
    assert found.state is (State.ON_HOLD if blocked else State.OVERDUE)
    assert found.holds == (("H-1",) if blocked else ())
    assert found.due == D("2018-01-01")  # the date stays visible: it is what the hold holds back


def test_holds_do_not_stop_a_move_to_the_records_centre() -> None:
    rule = Rule(final_action="destroy", trigger="creation", active="P1Y", semi_active="P5Y")
    found = one(catalogue(rule, record(created="2020-01-01"), holds=(hold(records=("R-1",)),)), "2022-01-01")
    assert (found.state, found.action, found.holds) == (State.OVERDUE, Action.MOVE, ("H-1",))


def test_vital_record_review_cycle() -> None:
    assert vital_review_due(record(vital=Vital("P1Y", D("2024-02-29")))) == D("2025-02-28")
    assert vital_review_due(record(created="2020-05-01", vital=Vital("P2Y"))) == D("2022-05-01")
    assert vital_review_due(record(status="destroyed", vital=Vital("P1Y"))) is None


def test_class_tree_for_holds_uses_parents() -> None:
    classes = (
        FileClass(code="A", title="A"),
        FileClass(code="A-1", title="A1", parent="A"),
        FileClass(code="A-1-1", title="A11", parent="A-1", retention="s/I-1"),
    )
    cat = catalogue(
        CREATION_3Y, record(class_code="A-1-1"), holds=(hold(classes=(ClassScope("A"),)),), classes=classes
    )
    assert one(cat, "2030-01-01").state is State.ON_HOLD
