"""Retention periods (ISO 8601 durations) and cut-off dates, on the calendar.

The calendar convention (docs/retention.md, "The calendar convention"), stated once here:

- Years and months are added first, as whole months. The day of the month is kept, and
  clamped to the last day of a shorter month (2024-01-30 + P1M = 2024-02-29); a start on the
  **last day of its month** lands on the last day of the target month (2025-09-30 + P6M =
  2026-03-31; 2024-02-29 + P1Y = 2025-02-28; 2023-02-28 + P1Y = 2024-02-29).
- Then weeks and days are added (7 days a week); hours count as whole days, rounded up.
- A date past 9999-12-31 is *beyond the calendar*: ``after`` returns None, never raises.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

_DURATION = re.compile(
    r"P(?!$)(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?=\d)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?"
)
MAX_MONTHS = 9999 * 12
"""No period can be longer than the calendar: 9999 years."""
MAX_DAYS = (date.max - date.min).days
_DIGITS = 15
"""Longer numbers are far beyond the calendar; they are not even converted."""
_ORDINAL_MAX = date.max.toordinal()


@dataclass(frozen=True, slots=True)
class Period:
    """A retention period. Immutable; ``str()`` gives back the ISO text."""

    text: str
    years: int = 0
    months: int = 0
    days: int = 0
    hours: int = 0

    @property
    def is_zero(self) -> bool:
        return not (self.years or self.months or self.days or self.hours)

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months

    @property
    def total_days(self) -> int:
        return self.days + (-(-self.hours // 24) if self.hours else 0)

    @property
    def too_long(self) -> bool:
        """Longer than the calendar itself: no start date could give an end date."""
        return self.total_months > MAX_MONTHS or self.total_days > MAX_DAYS

    def after(self, start: date) -> date | None:
        """The day this period ends, counted from ``start``; None when past 9999-12-31."""
        return add(start, self.total_months, self.total_days)

    def plus(self, other: Period) -> Period:
        """Both periods as one, so that a sum is measured from the start in one step."""
        text = f"{self.text}+{other.text}"
        return Period(
            text,
            self.years + other.years,
            self.months + other.months,
            self.days + other.days,
            self.hours + other.hours,
        )

    def __str__(self) -> str:
        return self.text


def is_month_end(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def add(start: date, months: int, days: int = 0) -> date | None:
    """``start`` + ``months`` (month-end kept, day clamped) + ``days``; None past 9999-12-31."""
    if months:
        index = start.year * 12 + start.month - 1 + months
        year, month = divmod(index, 12)
        if year > 9999:
            return None
        last = calendar.monthrange(year, month + 1)[1]
        day = last if is_month_end(start) else min(start.day, last)
        start = date(year, month + 1, day)
    if days:
        if start.toordinal() + days > _ORDINAL_MAX:
            return None
        start = start + timedelta(days=days)
    return start


@lru_cache(maxsize=4096)
def parse_period(text: str | None) -> Period | None:
    """The period written as ``text``, or None when it is not an ISO 8601 duration."""
    if text is None:
        return None
    match = _DURATION.fullmatch(text)
    if match is None:
        return None
    big = 10**_DIGITS
    parts = {
        key: (int(value) if len(value) < _DIGITS else big)
        for key, value in match.groupdict().items()
        if value
    }
    seconds = parts.get("hours", 0) * 3600 + parts.get("minutes", 0) * 60 + parts.get("seconds", 0)
    return Period(
        text=text,
        years=parts.get("years", 0),
        months=parts.get("months", 0),
        days=parts.get("days", 0) + 7 * parts.get("weeks", 0),
        hours=-(-seconds // 3600),
    )


CUTOFF_MONTHS = {
    "month": (1, False),
    "quarter": (3, False),
    "half-year": (6, False),
    "calendar-year": (12, False),
    "fiscal-quarter": (3, True),
    "fiscal-half-year": (6, True),
    "fiscal-year": (12, True),
}
"""Cut-off name -> (months in each cut-off period, whether periods start at the fiscal year)."""


def cutoff_end(day: date, cutoff: str, fiscal_year_start: int) -> date | None:
    """The last day of the cut-off period that holds ``day``; None past 9999-12-31.

    Periods of n months are counted from January, or from the fiscal year's first month:
    with ``fiscal_year_start`` 4, fiscal quarters end on 30 June, 30 September, 31 December
    and 31 March; the fiscal year 2024-25 ends 2025-03-31.
    """
    return _month_end(_cutoff_index(day.year * 12 + day.month - 1, cutoff, fiscal_year_start))


def _cutoff_index(month_index: int, cutoff: str, fiscal_year_start: int) -> int:
    """Month index (year * 12 + month - 1) of the end of the cut-off period holding a month."""
    length, fiscal = CUTOFF_MONTHS[cutoff]
    first = (fiscal_year_start if fiscal else 1) - 1
    index = month_index - first
    return index - index % length + length - 1 + first


def _month_end(index: int) -> date | None:
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        return None
    return date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def last_cutoff_in_year(year: int, cutoff: str, fiscal_year_start: int) -> date | None:
    """The latest cut-off date that falls in calendar ``year``: where a block of years ends.

    Cut-offs that are not periods of months (``none``, ``closure``) count as calendar years.
    """
    name = cutoff if cutoff in CUTOFF_MONTHS else "calendar-year"
    index = _cutoff_index(year * 12 + 11, name, fiscal_year_start)
    if index > year * 12 + 11:
        index -= CUTOFF_MONTHS[name][0]
    return _month_end(index)


def end_of_calendar_year(day: date) -> date:
    return date(day.year, 12, 31)


def end_of_fiscal_year(day: date, start_month: int) -> date | None:
    """The last day of the fiscal year that contains ``day`` (None past 9999-12-31)."""
    return cutoff_end(day, "fiscal-year", start_month)


def clamp_add(start: date, period: Period) -> date:
    """``start`` + ``period``, or 9999-12-31 when that is past the calendar (for windows)."""
    return period.after(start) or date.max
