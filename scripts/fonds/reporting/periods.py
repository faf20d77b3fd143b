"""Reporting periods: months, quarters and fiscal years, labelled and ordered."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Literal

PeriodKind = Literal["month", "quarter", "fiscal-year"]
PERIOD_KINDS: tuple[PeriodKind, ...] = ("month", "quarter", "fiscal-year")


def period_start(day: date, kind: PeriodKind, fiscal_start: int) -> date:
    """The first day of the period holding ``day``. Quarters are calendar quarters."""
    if kind == "month":
        return day.replace(day=1)
    if kind == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    year = day.year if day.month >= fiscal_start else day.year - 1
    return date(year, fiscal_start, 1)


def _next(start: date, kind: PeriodKind) -> date:
    months = {"month": 1, "quarter": 3, "fiscal-year": 12}[kind]
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def label(start: date, kind: PeriodKind, fiscal_start: int) -> str:
    """``2026-03``, ``2026-Q1``, ``FY2025`` (the year a fiscal year starts in; a fiscal year
    that starts in January is the calendar year)."""
    if kind == "month":
        return f"{start.year:04d}-{start.month:02d}"
    if kind == "quarter":
        return f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
    return f"FY{start.year:04d}" if fiscal_start != 1 else f"{start.year:04d}"


def iter_periods(first: date, last: date, kind: PeriodKind, fiscal_start: int) -> Iterator[date]:
    """The start of every period from the one holding ``first`` to the one holding ``last``."""
    start = period_start(first, kind, fiscal_start)
    while start <= last:
        yield start
        start = _next(start, kind)
