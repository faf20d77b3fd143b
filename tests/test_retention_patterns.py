"""Issue 10: what real schedules say, against hand-worked dates (docs/retention.md).

Each expected date is worked out by hand in the comment beside it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from fonds.changes.dispose import final_action
from fonds.checks import rule_problems
from fonds.cli import main
from fonds.model import Clock, Disposition, Rule
from fonds.retention.assessment import Action, State, assess_catalogue
from fonds.retention.periods import cutoff_end, parse_period

from .retention_helpers import catalogue, dispose_args, hold, record

D = date.fromisoformat
EVENTS = {
    "final-payment": "",
    "no-longer-needed": "",
    "termination": "",
    "retirement": "",
    "accommodation": "",
    "case-resolved": "",
    "hire": "",
}


def one(cat, as_of: str, within: str = "P0D"):  # type: ignore[no-untyped-def]
    found = assess_catalogue(cat, D(as_of), parse_period(within))
    assert len(found) == 1
    return found[0]


def cat_with(rule: Rule, *records, fiscal_year_start: int = 1, minimum_periods: str = "eligible", **kw):  # type: ignore[no-untyped-def]
    built = catalogue(rule, *records, fiscal_year_start=fiscal_year_start, **kw)
    config = replace(built.config, events=EVENTS, minimum_periods=minimum_periods)  # type: ignore[arg-type]
    return replace(built, config=config)


PHASED = Rule(final_action="destroy", trigger="closure", active="P1Y", semi_active="P1Y")


# The state on the as-of date


def test_the_latest_step_that_is_due_wins() -> None:
    # Closed 2019-12-31; move 2020-12-31; destroy 2019-12-31 + 2 years = 2021-12-31. Never moved.
    found = one(cat_with(PHASED, record(closed="2019-12-31")), "2026-12-01")
    assert (found.state, found.action, found.due) == (State.OVERDUE, Action.DESTROY, D("2021-12-31"))
    assert "the move to the records centre (due 2020-12-31) was never made" in found.note
    # Before the destruction falls due, the move is the step.
    early = one(cat_with(PHASED, record(closed="2019-12-31")), "2021-06-01")
    assert (early.state, early.action, early.due) == (State.OVERDUE, Action.MOVE, D("2020-12-31"))


def test_a_hold_stops_the_final_action_but_not_the_move() -> None:
    held = (hold(records=("R-1",), placed_on="2020-06-01"),)
    found = one(cat_with(PHASED, record(closed="2019-12-31"), holds=held), "2026-12-01")
    assert (found.state, found.action, found.holds) == (State.ON_HOLD, Action.DESTROY, ("H-1",))
    move = one(cat_with(PHASED, record(closed="2019-12-31"), holds=held), "2021-06-01")
    assert (move.state, move.action) == (State.OVERDUE, Action.MOVE)


MINIMUM = Rule(final_action="destroy", trigger="creation", retain="P3Y", minimum=True)


def test_after_a_minimum_period_the_record_is_eligible_or_due_as_the_catalogue_says() -> None:
    # Created 2020-03-15 + 3 years = 2023-03-15.
    found = one(cat_with(MINIMUM, record(created="2020-03-15")), "2024-01-01")
    assert (found.state, found.action, found.due, found.due_by) == (
        State.ELIGIBLE,
        Action.DESTROY,
        D("2023-03-15"),
        None,
    )
    strict = one(cat_with(MINIMUM, record(created="2020-03-15"), minimum_periods="due"), "2024-01-01")
    assert (strict.state, strict.due) == (State.OVERDUE, D("2023-03-15"))
    assert one(cat_with(MINIMUM, record(created="2020-03-15")), "2023-03-14").state is State.ACTIVE


WINDOW = Rule(
    final_action="destroy", trigger="creation", cutoff="calendar-year", retain="P4Y", retain_max="P7Y"
)


@pytest.mark.parametrize(
    ("as_of", "state", "due"),
    [
        # Created 2020-05-01 -> cut-off 2020-12-31; eligible 2024-12-31, due by 2027-12-31.
        ("2024-12-30", State.ACTIVE, "2024-12-31"),
        ("2024-12-31", State.ELIGIBLE, "2024-12-31"),
        ("2027-12-30", State.ELIGIBLE, "2024-12-31"),
        ("2027-12-31", State.DUE, "2027-12-31"),
        ("2028-01-01", State.OVERDUE, "2027-12-31"),
    ],
)
def test_a_window_is_eligible_from_its_minimum_and_due_at_its_maximum(
    as_of: str, state: State, due: str
) -> None:
    found = one(cat_with(WINDOW, record(created="2020-05-01")), as_of)
    assert (found.state, found.due) == (state, D(due))


def test_as_of_replay_treats_later_dates_as_not_yet_happened() -> None:
    rule = Rule(final_action="destroy", trigger="creation", retain="P12Y")
    destroyed = record(
        created="2020-05-01",
        status="destroyed",
        disposition=Disposition(action="destroy", date=D("2026-05-01"), authority="x"),
    )
    found = one(cat_with(rule, destroyed), "2025-06-01")
    assert (found.state, found.action, found.due) == (State.ACTIVE, Action.DESTROY, D("2032-05-01"))
    assert one(cat_with(rule, destroyed), "2026-05-01").state is State.DESTROYED
    assert assess_catalogue(cat_with(rule, record(created="2026-01-01")), D("2025-06-01")) == []
    event_rule = Rule(final_action="destroy", trigger="event", event="final-payment", retain="P1Y")
    paid = record(events={"final-payment": "2024-03-01"})
    assert one(cat_with(event_rule, paid), "2024-02-01").state is State.AWAITING_EVENT
    closed = record(closed="2024-03-01")
    assert one(cat_with(PHASED, closed), "2024-02-01").waiting_for == "closure"
    later_hold = (hold(records=("R-1",), placed_on="2030-01-01"),)
    assert (
        one(cat_with(PHASED, record(closed="2019-12-31"), holds=later_hold), "2026-12-01").state
        is State.OVERDUE
    )


def test_a_period_needs_a_start() -> None:
    codes = [code for _, code, _ in rule_problems(Rule(final_action="permanent", retain="P3Y"), EVENTS)]
    assert codes == ["rule-incomplete"]
    assert list(rule_problems(Rule(final_action="permanent"), EVENTS)) == []
    assert one(cat_with(Rule(final_action="permanent"), record()), "2030-01-01").state is State.PERMANENT


# The calendar convention


def test_periods_are_measured_from_the_start_and_keep_month_ends() -> None:
    # April fiscal year; closed 2024-05-10 -> FY 2024-25 ends 2025-03-31.
    # Move: 2025-03-31 + 6M = 2025-09-30. Destroy: 2025-03-31 + 12M = 2026-03-31.
    rule = Rule(
        final_action="destroy", trigger="closure", cutoff="fiscal-year", active="P6M", semi_active="P6M"
    )
    cat = cat_with(rule, record(closed="2024-05-10"), fiscal_year_start=4)
    found = one(cat, "2025-06-01")
    assert (found.action, found.due) == (Action.MOVE, D("2025-09-30"))
    assert final_action(cat, cat.records["R-1"]).due == D("2026-03-31")
    moved = cat_with(rule, record(closed="2024-05-10", status="semi-active"), fiscal_year_start=4)
    assert one(moved, "2025-06-01").due == D("2026-03-31")


@pytest.mark.parametrize(
    ("fiscal_start", "day", "period", "expected"),
    [
        (10, "2025-06-15", "P6M", "2026-03-31"),  # FY Oct-Sep ends 2025-09-30; + 6M keeps the month end
        (3, "2023-06-01", "P0D", "2024-02-29"),  # FY Mar-Feb ends on 29 February in a leap year
        (3, "2022-06-01", "P0D", "2023-02-28"),
        (3, "2022-06-01", "P1Y", "2024-02-29"),  # 2023-02-28 is a month end: + 1 year = 2024-02-29
        (1, "2024-06-01", "P3Y", "2027-12-31"),  # "3 years after the 2024 cut-off": due 2027-12-31
    ],
)
def test_fiscal_year_ends_and_month_ends(fiscal_start: int, day: str, period: str, expected: str) -> None:
    rule = Rule(final_action="destroy", trigger="creation", cutoff="fiscal-year", retain=period)
    found = one(cat_with(rule, record(created=day), fiscal_year_start=fiscal_start), day)
    assert found.due == D(expected)


def test_three_years_after_the_2024_cut_off_is_due_on_2027_12_31() -> None:
    rule = Rule(final_action="destroy", trigger="creation", cutoff="calendar-year", retain="P3Y")
    cat = cat_with(rule, record(created="2024-06-01"))
    assert one(cat, "2027-12-30").state is State.ACTIVE
    assert one(cat, "2027-12-31").state is State.DUE
    assert one(cat, "2028-01-01").state is State.OVERDUE


def test_a_hold_naming_records_and_a_creation_range_adds_the_range() -> None:
    from fonds.retention.assessment import holds_by_record

    rule = Rule(final_action="destroy", trigger="creation", retain="P1Y")
    both = hold(records=("R-1",), created_from="2022-01-01", created_to="2022-12-31")
    cat = cat_with(
        rule,
        record("R-1", created="2020-01-01"),
        record("R-2", created="2022-05-01"),
        record("R-3", created="2023-05-01"),
        holds=(both,),
    )
    assert set(holds_by_record(cat, D("2025-01-01"))) == {"R-1", "R-2"}


# The patterns of real schedules


def test_whichever_is_first_of_several_triggers() -> None:
    # Utah 11-58: 5 years after termination, retirement or reasonable accommodation, whichever first.
    rule = Rule(
        final_action="destroy",
        retain="P5Y",
        any_of=(Clock("event", "termination"), Clock("event", "retirement"), Clock("event", "accommodation")),
    )
    both = record(events={"retirement": "2022-03-01", "accommodation": "2021-07-15"})
    assert one(cat_with(rule, both), "2023-01-01").due == D("2026-07-15")
    waiting = one(cat_with(rule, record()), "2023-01-01")
    assert (waiting.state, waiting.waiting_for) == (
        State.AWAITING_EVENT,
        "termination or retirement or accommodation",
    )


def test_whichever_is_greater_waits_for_every_trigger() -> None:
    # Utah 11-1: 5 years or until the case is resolved, whichever is greater.
    rule = Rule(
        final_action="destroy",
        whichever="later",
        any_of=(Clock("creation", retain="P5Y"), Clock("event", "case-resolved", retain="P0D")),
    )
    late = record(created="2020-01-10", events={"case-resolved": "2026-02-01"})
    assert one(cat_with(rule, late), "2026-02-01").due == D("2026-02-01")
    early = record(created="2020-01-10", events={"case-resolved": "2021-01-01"})
    assert one(cat_with(rule, early), "2021-06-01").due == D("2025-01-10")
    waiting = one(cat_with(rule, record(created="2020-01-10")), "2030-01-01")
    assert (waiting.state, waiting.waiting_for) == (State.AWAITING_EVENT, "case-resolved")


def test_alternatives_with_their_own_periods_take_the_earlier_date() -> None:
    # Utah GRS-1965: 65 years after hire, or 3 years after retirement: hired 1990-09-01 gives
    # 2055-09-01; retired 2020-06-30 gives 2023-06-30, the earlier.
    rule = Rule(
        final_action="destroy",
        any_of=(Clock("event", "hire", retain="P65Y"), Clock("event", "retirement", retain="P3Y")),
    )
    hired = record(created="1990-09-01", events={"hire": "1990-09-01"})
    assert one(cat_with(rule, hired), "2000-01-01").due == D("2055-09-01")
    retired = record(created="1990-09-01", events={"hire": "1990-09-01", "retirement": "2020-06-30"})
    assert one(cat_with(rule, retired), "2021-01-01").due == D("2023-06-30")
    # Utah 1-48: 1 year, or until administrative need ends, whichever is first.
    need = Rule(
        final_action="destroy",
        any_of=(Clock("creation", retain="P1Y"), Clock("event", "no-longer-needed", retain="P0D")),
    )
    assert one(cat_with(need, record(created="2024-01-15")), "2024-02-01").due == D("2025-01-15")
    ended = record(created="2024-01-15", events={"no-longer-needed": "2024-06-01"})
    assert one(cat_with(need, ended), "2024-06-01").due == D("2024-06-01")


@pytest.mark.parametrize(
    ("cutoff", "fiscal_start", "day", "expected"),
    [
        ("month", 1, "2024-01-15", "2024-01-31"),
        ("month", 1, "2024-02-01", "2024-02-29"),
        ("quarter", 1, "2024-05-10", "2024-06-30"),
        ("quarter", 1, "2024-10-01", "2024-12-31"),
        ("half-year", 1, "2024-06-30", "2024-06-30"),
        ("half-year", 1, "2024-08-01", "2024-12-31"),
        ("fiscal-quarter", 4, "2024-05-10", "2024-06-30"),
        ("fiscal-quarter", 4, "2025-01-10", "2025-03-31"),
        ("fiscal-quarter", 10, "2024-11-15", "2024-12-31"),
        ("fiscal-quarter", 2, "2024-01-15", "2024-01-31"),  # quarters Nov-Jan, Feb-Apr, ...
        ("fiscal-half-year", 4, "2024-11-01", "2025-03-31"),
        ("fiscal-half-year", 4, "2024-09-30", "2024-09-30"),
        ("fiscal-half-year", 7, "2024-03-01", "2024-06-30"),
        ("fiscal-year", 7, "2024-07-01", "2025-06-30"),
    ],
)
def test_cut_offs_other_than_the_year(cutoff: str, fiscal_start: int, day: str, expected: str) -> None:
    assert cutoff_end(D(day), cutoff, fiscal_start) == D(expected)


def test_a_one_month_series_is_cut_off_monthly() -> None:
    # NARA: cut off at the end of each month; 2024-01-31 + 1 month = 2024-02-29 (month end kept).
    rule = Rule(final_action="destroy", trigger="creation", cutoff="month", retain="P1M")
    assert one(cat_with(rule, record(created="2024-01-15")), "2024-01-15").due == D("2024-02-29")


def test_block_cut_off_and_block_transfer() -> None:
    # 5-year blocks 2020-2024: closed 2021-03-01 and 2024-11-01 -> both start 2024-12-31,
    # transferred together 20 years later, 2044-12-31. Closed 2025 -> the next block.
    rule = Rule(
        final_action="transfer", trigger="closure", cutoff="calendar-year", retain="P20Y", block_years=5
    )
    cat = cat_with(
        rule,
        record("R-1", closed="2021-03-01"),
        record("R-2", closed="2024-11-01"),
        record("R-3", closed="2025-01-10"),
    )
    found = assess_catalogue(cat, D("2045-01-01"))
    assert [(a.record.id, a.due, a.note) for a in found] == [
        ("R-1", D("2044-12-31"), "block 2020-2024"),
        ("R-2", D("2044-12-31"), "block 2020-2024"),
        ("R-3", D("2049-12-31"), "block 2025-2029"),
    ]
    # With an April fiscal year: closed 2021-05-01 -> FY ends 2022-03-31 -> block 2020-2024,
    # whose last fiscal year end is 2024-03-31.
    fiscal = replace(rule, cutoff="fiscal-year")
    assert one(cat_with(fiscal, record(closed="2021-05-01"), fiscal_year_start=4), "2022-01-01").due == D(
        "2044-03-31"
    )


@pytest.mark.parametrize(
    ("final", "action"),
    [("selective-retention", Action.SELECT), ("other", Action.OTHER), ("review", Action.REVIEW)],
)
def test_selective_retention_and_other_dispositions_have_their_own_next_action(
    final: str, action: Action
) -> None:
    rule = Rule(final_action=final, trigger="creation", retain="P2Y", instruction="Offer to the archives")  # type: ignore[arg-type]
    found = one(cat_with(rule, record(created="2020-01-01")), "2022-01-02")
    assert (found.state, found.action, found.due) == (State.OVERDUE, action, D("2022-01-01"))
    assert "instruction: Offer to the archives" in found.note


def test_a_conditional_disposition_is_a_review_with_its_instruction_never_dropped() -> None:
    rule = Rule(final_action="review", instruction="Place in the personnel file")
    found = one(cat_with(rule, record(created="2020-01-01")), "2024-01-01")
    assert (found.state, found.action, found.due) == (State.ELIGIBLE, Action.REVIEW, D("2020-01-01"))
    assert "Place in the personnel file" in found.note


# Checks


@pytest.mark.parametrize(
    ("rule", "path", "code"),
    [
        (
            Rule(final_action="destroy", trigger="creation", retain="P7Y", retain_max="P4Y"),
            ("retain_max",),
            "rule-impossible",
        ),
        (
            Rule(final_action="destroy", trigger="creation", retain_max="P4Y"),
            ("retain_max",),
            "rule-impossible",
        ),
        (
            Rule(final_action="transfer", trigger="closure", retain="P20Y", block_years=0),
            ("block", "years"),
            "rule-impossible",
        ),
        (
            Rule(
                final_action="destroy",
                retain="P5Y",
                any_of=(Clock("event", "termination"), Clock("event", "retirment")),
            ),
            ("any_of", 1, "event"),
            "unknown-event",
        ),
        (Rule(final_action="destroy", trigger="creation", retain="P10000Y"), ("retain",), "period-too-long"),
        (
            Rule(final_action="destroy", trigger="creation", retain="PT99999999999H"),
            ("retain",),
            "period-too-long",
        ),
        (Rule(final_action="other", trigger="creation", retain="P1Y"), (), "rule-incomplete"),
    ],
)
def test_rules_that_can_never_be_computed_are_located(
    rule: Rule, path: tuple[object, ...], code: str
) -> None:
    assert (path, code) in [(p, c) for p, c, _ in rule_problems(rule, EVENTS)]


# Dates beyond the calendar


@pytest.mark.parametrize(
    ("rule", "created", "fiscal_start"),
    [
        (Rule(final_action="destroy", trigger="creation", retain="P10000Y"), "2020-01-01", 1),
        (Rule(final_action="destroy", trigger="creation", retain="PT99999999999H"), "2020-01-01", 1),
        (
            Rule(final_action="destroy", trigger="creation", cutoff="fiscal-year", retain="P1Y"),
            "9999-06-01",
            4,
        ),
        (
            Rule(final_action="destroy", trigger="creation", retain="P4Y", retain_max="P9000Y"),
            "2020-01-01",
            1,
        ),
        (
            Rule(
                final_action="transfer", trigger="creation", cutoff="fiscal-year", retain="P1Y", block_years=5
            ),
            "9998-06-01",
            4,
        ),
    ],
)
def test_dates_beyond_the_calendar_are_a_note_not_a_crash(
    rule: Rule, created: str, fiscal_start: int
) -> None:
    cat = cat_with(rule, record(created=created), fiscal_year_start=fiscal_start)
    found = assess_catalogue(cat, D("9999-12-31"), parse_period("P0D"))
    assert "9999-12-31" in found[0].note or found[0].state is State.ELIGIBLE
    final_action(cat, cat.records["R-1"])


# The CLI


def _mini_rule(mini: Path, rule: str) -> None:
    path = mini / "schedules" / "town.yml"
    path.write_text(
        path.read_text().replace(
            "{trigger: event, event: final-payment, cutoff: fiscal-year, retain: P6Y, final_action: destroy}",
            rule,
        )
    )


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_fail_on_eligible_and_minimum_periods_setting(mini: Path) -> None:
    _mini_rule(
        mini,
        "{trigger: event, event: final-payment, cutoff: fiscal-year, retain: P6Y, minimum: true, final_action: destroy}",
    )
    (mini / "catalogue" / "holds" / "HOLD-001.yml").unlink()
    assert run("check", "--root", str(mini))[0] == 0
    base = ["due", "--root", str(mini), "--as-of", "2028-04-01", "--format", "json"]
    code, output = run(*base)
    states = {i["id"]: i["state"] for i in json.loads(output)["items"]}
    assert states["FIN-001"] == "eligible" and code == 0
    assert run(*base, "--fail-on", "eligible")[0] == 1
    config = mini / "fonds.yml"
    config.write_text(config.read_text() + "retention: {minimum_periods: due}\n")
    assert run("check", "--root", str(mini))[0] == 0
    code, output = run(*base)
    assert {i["id"]: i["state"] for i in json.loads(output)["items"]}["FIN-001"] == "overdue" and code == 1


def test_period_without_a_start_is_a_located_check_error(mini: Path) -> None:
    _mini_rule(mini, "{retain: P3Y, final_action: permanent}")
    code, output = run("check", "--root", str(mini))
    assert code == 1
    assert "schedules/town.yml:6:5: error[rule-incomplete]" in output, output


@pytest.mark.parametrize("args", [["--as-of", "9999-12-31", "--within", "P1D"], ["--within", "P10000Y"]])
def test_windows_beyond_the_calendar_are_usage_errors(args: list[str]) -> None:
    code, output = run("due", "--root", ".", *args)
    assert code == 2 and "9999" in output, output


def test_huge_periods_never_crash_a_command(mini: Path) -> None:
    _mini_rule(mini, "{trigger: creation, retain: P9000Y, final_action: destroy}")
    assert run("due", "--root", str(mini), "--as-of", "9999-12-31", "--state", "all")[0] in (0, 1)
    code, output = run(*dispose_args(mini, "FIN-002", "2030-01-01"))
    assert code == 1 and "falls after 9999-12-31" in output, output


def test_a_conditional_review_without_a_creation_date_says_so() -> None:
    rule = Rule(final_action="review", instruction="Place in the personnel file")
    found = one(cat_with(rule, replace(record(), created=None)), "2024-01-01")
    assert (found.state, found.note) == (State.UNSCHEDULED, "the record has no creation date")


def test_record_page_site_report_and_fonds_due_agree_on_the_latest_step() -> None:
    import html
    import re

    from fonds.retention.due import due_report
    from fonds.site.context import build_context
    from fonds.site.record_pages import record_page
    from fonds.site.reports import report_pages

    cat = cat_with(PHASED, record(closed="2019-12-31"))
    as_of = D("2026-12-01")
    [item] = due_report(cat, as_of, parse_period("P0D")).items  # type: ignore[arg-type]
    assert (item.state, item.action, item.due) == (State.OVERDUE, "destroy", D("2021-12-31"))
    ctx = build_context(cat, as_of)
    page = html.unescape(re.sub("<[^>]+>", " ", record_page(ctx, cat.records["R-1"]).body))
    assert "destroy on 2021-12-31" in page and "Overdue" in page and "was never made" in page
    assert "Keep 1 year in the office after the file is closed, then 1 year in the records centre" in page
    due_page = next(p for p in report_pages(ctx, []) if p.src == "reports/due.md")
    text = html.unescape(re.sub("<[^>]+>", " ", due_page.body))
    assert "2021-12-31" in text and "destroy" in text and "was never made" in text


EVENT_NAMES = {
    "termination": "Termination",
    "hire": "Date of hire",
    "employee-separation": "The employee leaves",
}


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (
            Rule(
                final_action="destroy",
                retain="P5Y",
                cutoff="calendar-year",
                any_of=(Clock("event", "termination"), Clock("event", "employee-separation")),
            ),
            "Destroy 5 years after termination or the employee leaves, whichever is first, "
            "cut off at the end of the calendar year",
        ),
        (
            Rule(
                final_action="destroy",
                any_of=(
                    Clock("event", "hire", retain="P65Y"),
                    Clock("event", "employee-separation", retain="P3Y"),
                ),
            ),
            "Destroy 65 years after date of hire or 3 years after the employee leaves, whichever is first",
        ),
        (
            Rule(
                final_action="destroy",
                trigger="closure",
                cutoff="calendar-year",
                retain="P4Y",
                retain_max="P7Y",
            ),
            "Destroy 4 years (at the earliest) to 7 years (at the latest) after the file is closed, "
            "cut off at the end of the calendar year",
        ),
        (
            Rule(final_action="destroy", trigger="creation", cutoff="fiscal-quarter", retain="P2Y"),
            "Destroy 2 years after creation, cut off at the end of each fiscal quarter",
        ),
        (
            Rule(
                final_action="transfer",
                trigger="closure",
                cutoff="calendar-year",
                retain="P20Y",
                block_years=5,
            ),
            "Transfer to the archives 20 years after the file is closed, cut off at the end of the "
            "calendar year, in blocks of 5 years",
        ),
        (
            Rule(final_action="selective-retention", trigger="closure", retain="P10Y"),
            "Selective retention 10 years after the file is closed (the archives selects part to keep; "
            "the rest is destroyed)",
        ),
        (
            Rule(final_action="other", trigger="closure", retain="P1Y", instruction="Return to the broker."),
            "Other disposition 1 year after the file is closed: Return to the broker.",
        ),
        (
            Rule(final_action="review", instruction="Place in the personnel file."),
            "Review: Place in the personnel file.",
        ),
    ],
)
def test_each_pattern_has_plain_language_rule_text(rule: Rule, text: str) -> None:
    from fonds.retention.rule_text import describe_rule

    assert describe_rule(rule, EVENT_NAMES) == text
