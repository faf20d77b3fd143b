"""Dates as the catalogue writes them: ISO ``YYYY-MM-DD``, parsed here and nowhere else."""

from __future__ import annotations

import re
from datetime import date

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(value: object) -> date | None:
    """The date written as ``value``, or None when it is not a real ``YYYY-MM-DD`` date.

    The schema has already reported a bad date with its line; callers only need to know
    that there is no usable date.
    """
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
