"""Retention periods (ISO 8601 durations) and cut-off dates, on the calendar.

Calendar arithmetic is dateutil's ``relativedelta``: adding months or years keeps the day of
the month and clamps to the month's last day (2024-02-29 + P1Y = 2025-02-28; 2024-01-31 +
P1M = 2024-02-29), the rule records managers and courts apply. Hours count as whole days,
rounded up: a 72-hour retention started on 1 March ends on 4 March.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta

_DURATION = re.compile(
    r"P(?!$)(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?(?:(?P<days>\d+)D)?"
    r"(?:T(?=\d)(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)S)?)?"
)


@dataclass(frozen=True, slots=True)
class Period:
    """A retention period. Immutable; ``str()`` gives back the ISO text."""

    text: str
    years: int = 0
    months: int = 0
    days: int = 0
    hours: int = 0
    _delta: relativedelta = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Made once: a catalogue applies the same few periods to every record.
        days = self.days + (-(-self.hours // 24) if self.hours else 0)
        object.__setattr__(self, "_delta", relativedelta(years=self.years, months=self.months, days=days))

    @property
    def is_zero(self) -> bool:
        return not (self.years or self.months or self.days or self.hours)

    def after(self, start: date) -> date:
        """The day this period ends, counted from ``start``."""
        end: date = start + self._delta
        return end

    def __str__(self) -> str:
        return self.text


@lru_cache(maxsize=4096)
def parse_period(text: str | None) -> Period | None:
    """The period written as ``text``, or None when it is not an ISO 8601 duration."""
    if text is None:
        return None
    match = _DURATION.fullmatch(text)
    if match is None:
        return None
    parts = {key: int(value) for key, value in match.groupdict().items() if value}
    seconds = parts.get("hours", 0) * 3600 + parts.get("minutes", 0) * 60 + parts.get("seconds", 0)
    return Period(
        text=text,
        years=parts.get("years", 0),
        months=parts.get("months", 0),
        days=parts.get("days", 0) + 7 * parts.get("weeks", 0),
        hours=-(-seconds // 3600),
    )


def end_of_calendar_year(day: date) -> date:
    return date(day.year, 12, 31)


def end_of_fiscal_year(day: date, start_month: int) -> date:
    """The last day of the fiscal year that contains ``day``.

    With ``start_month`` 4 (1 April to 31 March), 2024-05-10 is in FY 2024-25, ending
    2025-03-31; 2025-02-01 is in the same year. With 1 it is the calendar year.
    """
    if start_month == 1:
        return end_of_calendar_year(day)
    end_year = day.year + 1 if day.month >= start_month else day.year
    return date(end_year, start_month, 1) - timedelta(days=1)
