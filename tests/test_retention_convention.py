"""docs/retention.md's calendar convention, re-implemented from the text and compared with fonds.

The functions below follow the documentation's numbered rules literally (they do not call
fonds), and a seeded random sample of rules, records, fiscal years and as-of dates is
compared with what fonds reports. A difference is a bug in one or the other.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import replace
from datetime import date, timedelta

import pytest

from fonds.model import Rule
from fonds.retention.assessment import Action, State, assess_catalogue
from fonds.retention.periods import parse_period

from .retention_helpers import catalogue, record

MONTHS = {
    "month": 1,
    "quarter": 3,
    "half-year": 6,
    "calendar-year": 12,
    "fiscal-quarter": 3,
    "fiscal-half-year": 6,
    "fiscal-year": 12,
}


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def doc_add(day: date, years: int, months: int, days: int) -> date:
    """Rule 4: the months first (month ends kept, days clamped), then the days."""
    total = 12 * years + months
    if total:
        year, month0 = divmod(12 * day.year + day.month - 1 + total, 12)
        end = last_day(year, month0 + 1)
        keep_end = day.day == last_day(day.year, day.month)
        day = date(year, month0 + 1, end if keep_end else min(day.day, end))
    return day + timedelta(days=days)


def doc_cutoff(day: date, cutoff: str, fiscal_year_start: int) -> date:
    """Rule 2: i = 12 x year + (month - 1); the period ends in month i - ((i - f) mod n) + n - 1."""
    if cutoff == "none":
        return day
    n = MONTHS[cutoff]
    f = fiscal_year_start - 1 if cutoff.startswith("fiscal") else 0
    i = 12 * day.year + day.month - 1
    year, month0 = divmod(i - ((i - f) % n) + n - 1, 12)
    return date(year, month0 + 1, last_day(year, month0 + 1))


def doc_block_start(start: date, size: int, cutoff: str, fiscal_year_start: int) -> date:
    """Blocks begin in years divisible by N; retention starts at the last cut-off in the last year."""
    last = start.year - start.year % size + size - 1
    name = cutoff if cutoff in MONTHS else "calendar-year"
    ends = (doc_cutoff(date(last, month, 1), name, fiscal_year_start) for month in range(1, 13))
    return max(end for end in ends if end.year == last)


def period(years: int, months: int, days: int) -> str:
    text = (
        "P" + (f"{years}Y" if years else "") + (f"{months}M" if months else "") + (f"{days}D" if days else "")
    )
    return text if text != "P" else "P0D"


def _case(rng: random.Random) -> tuple[Rule, date, int, str, date, tuple[str, date | None, date | None]]:
    cutoff = rng.choice([*MONTHS, "none"])
    fiscal_year_start = rng.randint(1, 12)
    created = date(1990, 1, 1) + timedelta(days=rng.randint(0, 40 * 365))
    status = rng.choice(["active", "semi-active"])
    a = (rng.randint(0, 6), rng.randint(0, 13), rng.choice([0, 0, rng.randint(0, 400)]))
    b = (rng.randint(0, 6), rng.randint(0, 13), rng.choice([0, 0, rng.randint(0, 400)]))
    start = doc_cutoff(created, cutoff, fiscal_year_start)
    kind = rng.choice(["retain", "phases", "window", "minimum"])
    if kind == "phases":
        rule = Rule(
            final_action="destroy",
            trigger="creation",
            cutoff=cutoff,  # type: ignore[arg-type]
            active=period(*a),
            semi_active=period(*b),
        )
        move = doc_add(start, a[0], a[1], a[2])
        final = doc_add(start, a[0] + b[0], a[1] + b[1], a[2] + b[2])
        return rule, created, fiscal_year_start, status, start, ("phases", move, final)
    rule = Rule(
        final_action="destroy",
        trigger="creation",
        cutoff=cutoff,
        retain=period(*a),  # type: ignore[arg-type]
        minimum=kind == "minimum",
    )
    if kind == "retain" and rng.random() < 0.5:
        size = rng.randint(1, 10)
        rule = replace(rule, block_years=size)
        start = doc_block_start(start, size, cutoff, fiscal_year_start)
    first = doc_add(start, a[0], a[1], a[2])
    if kind == "window":
        high = (a[0] + b[0], a[1] + b[1], a[2] + b[2])
        rule = replace(rule, retain_max=period(*high))
        return rule, created, fiscal_year_start, status, start, ("window", first, doc_add(start, *high))
    return (
        rule,
        created,
        fiscal_year_start,
        status,
        start,
        (kind, first, None if kind == "minimum" else first),
    )


def doc_state(
    status: str, dates: tuple[str, date | None, date | None], as_of: date, end: date
) -> tuple[State, Action, date]:
    """Steps 3 to 5 of "How the state is chosen"; ``end`` is E, the as-of date + the window."""
    kind, one, two = dates
    if kind == "phases":
        move, final = one, two
        assert move is not None and final is not None
        if final <= end:
            return (State.OVERDUE if final < as_of else State.DUE), Action.DESTROY, final
        if status == "active" and move <= end:
            return (State.OVERDUE if move < as_of else State.DUE), Action.MOVE, move
        resting = State.SEMI_ACTIVE if status == "semi-active" else State.ACTIVE
        return (
            resting,
            (Action.MOVE if status == "active" else Action.DESTROY),
            (move if status == "active" else final),
        )
    first, required = one, two
    assert first is not None
    if first <= end:
        if required is not None and required <= end:
            return (State.OVERDUE if required < as_of else State.DUE), Action.DESTROY, required
        return State.ELIGIBLE, Action.DESTROY, first
    return (State.SEMI_ACTIVE if status == "semi-active" else State.ACTIVE), Action.DESTROY, first


@pytest.mark.parametrize("seed", range(4))
def test_fonds_agrees_with_the_documented_convention(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(1000):
        rule, created, fiscal_year_start, status, start, dates = _case(rng)
        as_of = created + timedelta(days=rng.randint(0, 20 * 365))
        cat = catalogue(
            rule, record(created=created.isoformat(), status=status), fiscal_year_start=fiscal_year_start
        )
        within = (rng.choice([0, 0, rng.randint(0, 3)]), rng.choice([0, rng.randint(0, 120)]))
        [found] = assess_catalogue(cat, as_of, parse_period(period(0, *within)))
        expected = doc_state(status, dates, as_of, doc_add(as_of, 0, *within))
        context = f"{rule} created {created} FY {fiscal_year_start} {status} as of {as_of} within {within}"
        assert (found.clock_start, (found.state, found.action, found.due)) == (start, expected), context
