"""Sheet rows read as record values: the header matched to columns, each cell read as its
field's value, every bad cell reported (``FILE:ROW:COLUMN``) and none left out.

A problem's ``line`` is the spreadsheet row and its ``column`` the 1-based column number
(the command line shows it as a letter with the header's name); its ``path`` is the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..diagnostics import FIELD_CUTOFF, Diagnostic, close_matches, error
from ..model import Catalogue
from ..reading.limits import is_id
from ..sheets import cells
from ..sheets.cells import CellError
from ..sheets.columns import RELATION_TYPES, Column, aliases, controlled
from ..sheets.reader import CellValue, Sheet, column_letter
from .csvtext import cell_key
from .mapping import ImportMapping


@dataclass(frozen=True, slots=True)
class Header:
    """Sheet column index -> the record column it fills."""

    fields: Mapping[int, Column]
    names: Mapping[int, str]
    problems: tuple[Diagnostic, ...] = ()


@dataclass(slots=True)
class RowValues:
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    """Column name -> value read (a date, number, text, list)."""
    where: dict[str, int] = field(default_factory=dict)
    """Column name -> its 1-based sheet column."""
    bad: set[str] = field(default_factory=set)
    """Columns whose cell could not be read (already reported: nothing more is said of them)."""


def cell_name(sheet: Sheet, header: Header, index: int) -> str:
    return f"column {column_letter(index)} '{header.names.get(index, '')}'"


def read_header(sheet: Sheet, columns: Mapping[str, Column], mapping: ImportMapping) -> Header:
    by_key = {cell_key(name): column for name, column in columns.items()}
    found: dict[int, Column] = {}
    names: dict[int, str] = {}
    taken: dict[str, int] = {}
    problems: list[Diagnostic] = []
    row = sheet.header_row
    width = max((len(r.cells) for r in sheet.rows), default=0)
    for index, raw in enumerate([*sheet.header, *[""] * (width - len(sheet.header))]):
        name = " ".join(str(raw).split())
        names[index] = name
        where = f"column {column_letter(index)}"
        if not name:
            if any(index < len(r.cells) and cells.text(r.cells[index]) for r in sheet.rows):
                problems.append(
                    error(
                        sheet.file,
                        row,
                        index + 1,
                        "sheet-header",
                        f"{where} has values but no heading; name it in row {row} or delete it",
                    )
                )
            continue
        if mapping.ignored(name):
            continue
        target = mapping.field_for(name) or name
        column = by_key.get(cell_key(target))
        if column is None:
            near = close_matches(cell_key(name), by_key, cutoff=FIELD_CUTOFF)
            hint = f" (did you mean '{by_key[near[0]].name}'?)" if near else ""
            problems.append(
                error(
                    sheet.file,
                    row,
                    index + 1,
                    "sheet-header",
                    f"{where} '{name}' is not a record column{hint}; rename it, map it in a "
                    "mapping file (--mapping), or list it there under 'ignore'",
                )
            )
            continue
        if column.name in taken:
            first = taken[column.name]
            problems.append(
                error(
                    sheet.file,
                    row,
                    index + 1,
                    "sheet-header",
                    f"{where} '{name}' and column {column_letter(first)} '{names[first]}' both "
                    f"fill '{column.name}'; keep one of them",
                )
            )
            continue
        taken[column.name] = index
        found[index] = column
    return Header(found, names, tuple(problems))


@dataclass
class RowReader:
    """Reads one row's cells; remembers how codes written otherwise were read (the notes)."""

    catalogue: Catalogue
    sheet: Sheet
    header: Header
    mapping: ImportMapping
    notes: dict[tuple[str, str, str], int] = field(default_factory=dict)
    _allowed: dict[str, dict[str, str] | None] = field(default_factory=dict)
    _aliases: dict[str, dict[str, str]] = field(default_factory=dict)

    def read(self, number: int, raw: tuple[CellValue, ...]) -> tuple[RowValues, list[Diagnostic]]:
        row = RowValues(number)
        problems: list[Diagnostic] = []
        for index, column in self.header.fields.items():
            value = raw[index] if index < len(raw) else None
            if isinstance(value, str) or value is None:
                shown = cells.text(value)
                if not shown:
                    continue
                value = self.mapping.translate(column.name, shown)
            try:
                row.values[column.name] = self._value(column, value)
            except CellError as exc:
                problems.append(
                    error(
                        self.sheet.file,
                        number,
                        index + 1,
                        "sheet-value",
                        f"{cell_name(self.sheet, self.header, index)} ({column.name}): {exc}",
                        column.name,
                    )
                )
                row.bad.add(column.name)
                continue
            row.where[column.name] = index + 1
        return row, problems

    def default(self, column: Column) -> Any:
        value = self.mapping.defaults[column.name]
        return self._value(column, value)

    def _codes(self, name: str) -> dict[str, str] | None:
        if name not in self._allowed:
            self._allowed[name] = controlled(self.catalogue, name)
        return self._allowed[name]

    def _code(self, name: str, shown: str) -> str:
        allowed = self._codes(name)
        if allowed is None:
            return shown
        if shown in allowed:
            return shown
        if name not in self._aliases:
            self._aliases[name] = aliases(self.catalogue, name)
        alias = self._aliases[name].get(shown.casefold())
        if alias is not None:
            return alias
        code, changed = cells.read_code(
            shown, allowed, name.replace("security.", "security ").replace(".", " ")
        )
        if changed:
            key = (name, shown, code)
            self.notes[key] = self.notes.get(key, 0) + 1
        return code

    def _value(self, column: Column, value: CellValue) -> Any:
        kind = column.kind
        if kind == "date":
            return cells.read_date(value, self.mapping.date_order)
        if kind == "number":
            return cells.read_number(value)
        shown = cells.text(value)
        if kind == "boolean":
            lowered = shown.casefold()
            if lowered in ("true", "yes", "y", "1"):
                return True
            if lowered in ("false", "no", "n", "0"):
                return False
            raise CellError(f"'{shown}' is not yes or no; write true or false")
        if kind == "code":
            return self._code(column.name, shown)
        if kind == "codes":
            return [self._code(column.name, item) for item in cells.read_list(shown)]
        if kind == "list":
            return cells.read_list(shown)
        if kind == "relations":
            return [_relation(item) for item in cells.read_list(shown)]
        if column.name == "id" and not is_id(shown):
            raise CellError(f"'{shown}' cannot be a record id: use letters, digits, '.', '_' and '-'")
        return shown


def _relation(item: str) -> dict[str, str]:
    kind, sep, target = item.partition(":")
    kind, target = kind.strip().casefold(), target.strip()
    if not sep or not target:
        raise CellError(f"'{item}' is not a relation; write type:target, e.g. supersedes:HR-2012-005")
    if kind not in RELATION_TYPES:
        raise CellError(f"'{kind}' is not a relation type; use one of: {', '.join(RELATION_TYPES)}")
    return {"type": kind, "target": target}


def nested(values: Mapping[str, Any]) -> dict[str, Any]:
    """Column values as record data: ``dates.created`` becomes ``{dates: {created: ...}}``."""
    data: dict[str, Any] = {}
    for name, value in values.items():
        target = data
        *parents, last = name.split(".")
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = value
    return data


def as_written(value: Any) -> Any:
    """A value as a record file reads back (dates are text there)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: as_written(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_written(v) for v in value]
    return value
