"""Reading CSV files people export from spreadsheets and registries: rows with the line they
start on (quoted cells may hold line breaks), and cells cleaned of stray spaces, breaks and
control characters. Shared by the schedule importers (and the bulk CSV import to come)."""

from __future__ import annotations

import csv
import io
import re

_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def clean_text(value: str) -> str:
    """Trim a cell and join the lines inside it with single spaces; drop control characters."""
    value = _CONTROLS.sub("", value.replace("\t", " "))
    parts = (part.strip() for part in _BREAKS.split(value))
    return " ".join(part for part in parts if part)


def cell_key(value: str) -> str:
    """A header or cell compared loosely: spaces folded, case ignored."""
    return " ".join(value.split()).casefold()


def read_rows(text: str) -> list[tuple[int, list[str]]]:
    """Each CSV row with the physical line it starts on (quoted fields may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    rows: list[tuple[int, list[str]]] = []
    previous = 0
    for cells in reader:
        rows.append((previous + 1, cells))
        previous = reader.line_num
    return rows
