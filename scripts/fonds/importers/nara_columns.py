"""The columns of NARA's GRS CSV, and its rows read into cleaned cells by column name.

Which columns a file must have (``REQUIRED_COLUMNS``), where each is (the header may hold them in
any order, in any case, with NARA's byte-order mark), and the cell values that mean "none".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..diagnostics import Diagnostic, error
from .csvtext import cell_key, clean_text

COL_ID = "GRS ID"
COL_TITLE = "Record Title"
COL_CLASSIFICATION = "Classification (General)"
COL_CITATION = "Legal Citation"
COL_DISPOSITION = "Disposition"
COL_RETENTION = "Retention (Years)"
COL_TYPE = "Retention Type"
COL_EVENT = "Event Type (General)"
COL_LONGER = "Longer Retention Authorized?"
COL_AUTHORITY = "Disposition Authority"
COL_SUPERSEDED = "Superseded by"
COL_UPDATED = "Last Updated"
COL_COMMENTS = "Comments"

REQUIRED_COLUMNS: tuple[str, ...] = (
    COL_ID,
    COL_TITLE,
    COL_DISPOSITION,
    COL_RETENTION,
    COL_TYPE,
    COL_EVENT,
    COL_LONGER,
)
"""Without these a file is not a GRS CSV. The other columns are used when present."""
OPTIONAL_COLUMNS: tuple[str, ...] = (
    COL_CLASSIFICATION,
    COL_CITATION,
    COL_AUTHORITY,
    COL_SUPERSEDED,
    COL_UPDATED,
    COL_COMMENTS,
)

_DASHES = re.compile("[\u2010-\u2015\u2212]")
_ID = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?")
_GRS_PREFIX = re.compile(r"GRS\s*", re.IGNORECASE)
NOT_APPLICABLE = frozenset({"", "n/a", "na"})
VARIABLE = frozenset({"[variable]", "variable"})

Rows = list[tuple[int, list[str]]]
"""CSV rows with the line each starts on (``csvtext.read_rows``)."""
Warn = Callable[[str, str, str], None]
"""Reports a warning about the current row: (code, message, column)."""


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    cells: Mapping[str, str]
    """Cleaned cell text by column name; columns the file lacks are empty."""

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


def row_of(line: int, cells: Sequence[str], columns: Mapping[str, int]) -> Row:
    """The cleaned cells of one CSV row by column name; columns past its end are empty."""
    return Row(
        line,
        {
            name: clean_text(cells[position]) if position < len(cells) else ""
            for name, position in columns.items()
        },
    )


def clean_authority(value: str) -> str:
    """A disposition authority as text: cleaned, with typographic hyphens written as '-'."""
    return _DASHES.sub("-", clean_text(value))


def given(value: str) -> bool:
    """True unless the cell is empty or says N/A."""
    return cell_key(value) not in NOT_APPLICABLE


def column_index(header: Sequence[str]) -> dict[str, int]:
    known = {cell_key(name): name for name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)}
    index: dict[str, int] = {}
    for position, cell in enumerate(header):
        name = known.get(cell_key(cell.replace("\ufeff", "")))
        if name is not None and name not in index:
            index[name] = position
    return index


def item_id(grs_id: str) -> str | None:
    """``GRS 1.1.010`` -> ``1.1.010``; None when what is left is not a valid item id."""
    value = clean_text(grs_id)
    prefix = _GRS_PREFIX.match(value)
    if prefix:
        value = value[prefix.end() :]
    if len(value) > 80 or ".." in value or not _ID.fullmatch(value):
        return None
    return value


def quoted(value: str) -> str:
    return f"'{value}'" if value else "empty"


def kept_rows(
    columns: Mapping[str, int], rows: Rows, source: str, diagnostics: list[Diagnostic]
) -> list[tuple[str, Row]]:
    """The rows that become items, by item id; each row skipped is a diagnostic at its line."""
    kept: list[tuple[str, Row]] = []
    seen: dict[str, int] = {}
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        row = row_of(line, cells, columns)
        grs_id = row.get(COL_ID)
        identifier = item_id(grs_id)
        if identifier is None:
            what = f"the GRS ID {quoted(grs_id)} is not" if grs_id else "there is no GRS ID, so no"
            diagnostics.append(
                error(source, line, 1, "schema", f"row skipped: {what} a usable item id", COL_ID)
            )
            continue
        if identifier in seen:
            diagnostics.append(
                error(
                    source,
                    line,
                    1,
                    "duplicate-id",
                    f"row skipped: GRS {identifier} was already given on line {seen[identifier]}",
                    COL_ID,
                )
            )
            continue
        if not row.get(COL_TITLE):
            diagnostics.append(
                error(
                    source, line, 1, "schema", f"row skipped: GRS {identifier} has no Record Title", COL_TITLE
                )
            )
            continue
        seen[identifier] = line
        kept.append((identifier, row))
    return kept
