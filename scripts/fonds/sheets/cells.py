"""One spreadsheet cell read as the value a record field holds: text, a date, a number, a
list, a relation, or a controlled code. Each reader returns the value or raises
``CellError`` with what is wrong and how to fix it, written for a records technician.

Dates are the hard part of real sheets: ISO ``2021-03-04`` and ``2021-3-4``, Excel's own date
cells and serial numbers (days since 1899-12-30), ``March 4, 2021``, ``4 Mar 2021``, and
``04/03/2021``, which is 4 March in most of the world and April 3 in the United States:
such a date is refused unless the mapping file says ``date_order`` (or a day above 12 makes
it plain). A date is never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Literal

from ..diagnostics import FIELD_CUTOFF, suggest
from .reader import CellValue

DateOrder = Literal["day-first", "month-first"]

_EXCEL_EPOCH = date(1899, 12, 30)
_SERIALS = range(1, 2_958_466)
"""Excel's serial dates: 1 = 1900-01-01 ... 2958465 = 9999-12-31."""
_ISO = re.compile(r"([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?:[t ][0-9:.]+z?)?")
_NUMERIC = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_FIRST = re.compile(r"([a-z]+)\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?,?\s+([0-9]{4})")
_DAY_FIRST = re.compile(r"([0-9]{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)\.?,?[\s-]+([0-9]{4})")
LIST_SEPARATOR = "|"
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Invisible characters pasted in from other systems; a catalogue file may not hold them."""


class CellError(ValueError):
    """The cell cannot be read as the field's value; the message says how to fix it."""


def text(value: CellValue) -> str:
    """The cell as trimmed text. A whole number stays whole (an id typed as 1042, not 1042.0)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    found = str(value).strip()
    if _CONTROLS.search(found):
        found = _CONTROLS.sub("", found).strip()
    if found[:2] in ("'=", "'+", "'-", "'@"):
        return found[1:]  # fonds export's guard against formulas (reporters.formats.csv_safe)
    return found


def _real(year: int, month: int, day: int, shown: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(f"'{shown}' is not a real date; write it YYYY-MM-DD") from None


def read_date(value: CellValue, order: DateOrder | None = None) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(value, str(value))
    shown = text(value)
    if shown.isdigit() and len(shown) == 5:
        return _serial(int(shown), shown)
    lowered = " ".join(shown.lower().split())
    if found := _ISO.fullmatch(lowered):
        year, month, day = (int(part) for part in found.groups())
        return _real(year, month, day, shown)
    if found := _NUMERIC.fullmatch(lowered):
        return _numeric(int(found.group(1)), int(found.group(2)), int(found.group(3)), shown, order)
    for pattern, month_at, day_at in ((_MONTH_FIRST, 1, 2), (_DAY_FIRST, 2, 1)):
        if (found := pattern.fullmatch(lowered)) and found.group(month_at) in _MONTHS:
            return _real(int(found.group(3)), _MONTHS[found.group(month_at)], int(found.group(day_at)), shown)
    raise CellError(f"'{shown}' is not a date fonds can read; write it YYYY-MM-DD (e.g. 2021-03-04)")


def _serial(number: float, shown: str) -> date:
    if not float(number).is_integer() and int(number) not in _SERIALS:
        raise CellError(f"'{shown}' is not a date; write it YYYY-MM-DD")
    if int(number) not in _SERIALS:
        raise CellError(f"'{shown}' is a number, not a date; write it YYYY-MM-DD")
    return _EXCEL_EPOCH + timedelta(days=int(number))


def _numeric(first: int, second: int, year: int, shown: str, order: DateOrder | None) -> date:
    if order is None and first != second and first <= 12 and second <= 12:
        raise CellError(
            f"'{shown}' could be {_named(year, second, first)} or {_named(year, first, second)}; "
            "write it YYYY-MM-DD, or say date_order: day-first (or month-first) in the mapping file"
        )
    day_first = order == "day-first" if order else first > 12 or first == second
    day, month = (first, second) if day_first else (second, first)
    return _real(year, month, day, shown)


def _named(year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).strftime("%-d %B %Y")
    except ValueError:
        return f"{year}-{month:02d}-{day:02d}"


def read_number(value: CellValue) -> int | float:
    if isinstance(value, bool):
        raise CellError("a yes/no value is not a number; write a number such as 2 or 0.5")
    if isinstance(value, int | float):
        return int(value) if float(value).is_integer() else float(value)
    shown = text(value)
    try:
        number = float(shown.replace(",", "")) if shown.count(",") <= 1 and "." in shown else float(shown)
    except ValueError:
        raise CellError(f"'{shown}' is not a number; write a number such as 2 or 0.5") from None
    return int(number) if number.is_integer() and "." not in shown else number


def read_list(value: CellValue, separator: str = LIST_SEPARATOR) -> list[str]:
    """Values between ``|`` (``\\|`` for a bar inside a value); empty items are dropped."""
    shown = text(value)
    parts = re.split(r"(?<!\\)" + re.escape(separator), shown)
    items = [part.replace("\\" + separator, separator).strip() for part in parts]
    return list(dict.fromkeys(item for item in items if item))


def join_list(items: Sequence[str], separator: str = LIST_SEPARATOR) -> str:
    return separator.join(item.replace(separator, "\\" + separator) for item in items)


def read_code(shown: str, allowed: Mapping[str, str], what: str) -> tuple[str, bool]:
    """``shown`` matched to a controlled value (key of ``allowed``: code -> its name), case
    and spacing ignored, or by its name; and whether it was written otherwise."""
    if shown in allowed:
        return shown, False
    key = " ".join(shown.split()).casefold()
    for code, name in allowed.items():
        if key in (code.casefold(), " ".join(name.split()).casefold()):
            return code, True
    choices = ", ".join(sorted(allowed)[:12]) + (" ..." if len(allowed) > 12 else "")
    near = _near(shown, list(allowed))
    raise CellError(f"'{shown}' is not a known {what}{near}; use one of: {choices}")


def _near(word: str, choices: list[str]) -> str:
    return suggest(word, choices, cutoff=FIELD_CUTOFF, fold=True)
