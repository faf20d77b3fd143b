"""Records as a spreadsheet (CSV or XLSX), with the columns ``fonds import records`` reads
(``importers.columns``): exported, then imported unchanged, a sheet changes nothing.

The catalogue given is already the audience's view (``audience.filter_for_audience``); this
module never decides what is secret. Every text cell is guarded against being run as a
formula: in CSV by ``formats.csv_safe`` (a leading ``'``, which the import removes again), in
XLSX by storing it as an inline string whatever it begins with (``sheetxml``). XLSX keeps ids and barcodes as text
(format ``@``, so ``00123`` stays ``00123``), dates as date cells, and offers drop-down
lists (data validation) for the coded columns, with a sheet that explains each column.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from ..hierarchy import ancestors
from ..model import Catalogue, Record
from ..reporters.formats import csv_text
from ..retention.assessment import assess_catalogue
from ..retention.periods import parse_period
from .cells import join_list
from .columns import Column, controlled, record_columns
from .xml import probe_styles, rows_xml, splice_rows

EXPORT_FORMATS = ("csv", "xlsx")
_TEXT_COLUMNS = frozenset({"id", "barcode", "location", "class"})
"""Stored with the text format '@', so a spreadsheet never turns them into numbers."""
_LISTED = ("class", "department", "format", "location", "security.level", "extent.unit", "status")
"""Columns offered as drop-down lists in XLSX."""


def select_records(
    catalogue: Catalogue,
    as_of: date,
    *,
    classes: Sequence[str] = (),
    locations: Sequence[str] = (),
    states: Sequence[str] = (),
) -> list[Record]:
    """The records in ``classes`` and ``locations`` (with everything below them) and in
    ``states`` on ``as_of`` (each selection only when given), in id order."""
    class_parents = catalogue.class_parents
    place_parents = catalogue.location_parents
    wanted_states: set[str] | None = None
    if states:
        period = parse_period("P0D")
        assert period is not None
        in_state = {
            a.record.id for a in assess_catalogue(catalogue, as_of, period) if a.state.value in states
        }
        wanted_states = in_state
    chosen = []
    for record in catalogue.records.values():
        code = record.class_code or ""
        if classes and not ({code, *ancestors(code, class_parents)} & set(classes)):
            continue
        place = record.location or ""
        if locations and not ({place, *ancestors(place, place_parents)} & set(locations)):
            continue
        if wanted_states is not None and record.id not in wanted_states:
            continue
        chosen.append(record)
    return sorted(chosen, key=lambda r: r.id)


def export_columns(catalogue: Catalogue, records: Iterable[Record]) -> list[Column]:
    """Every base and custom-field column, and the events that the records use."""
    used = {name for record in records for name in record.events}
    return [
        column
        for name, column in record_columns(catalogue).items()
        if not name.startswith("events.") or name.removeprefix("events.") in used
    ]


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def cell_values(record: Record, columns: Sequence[Column]) -> list[Any]:
    """The record's value for each column: text, a date, a number, or None when empty."""
    security = record.security
    extent = record.extent
    simple: dict[str, Any] = {
        "id": record.id,
        "title": record.title,
        "description": record.description,
        "class": record.class_code,
        "dates.created": record.created,
        "dates.closed": record.closed,
        "department": record.department,
        "creator": record.creator,
        "format": record.format,
        "extent.quantity": _number(extent.quantity) if extent else None,
        "extent.unit": extent.unit if extent else None,
        "location": record.location,
        "uri": record.uri,
        "barcode": record.barcode,
        "keywords": join_list(record.keywords) if record.keywords else None,
        "relations": join_list([f"{r.type}:{r.target}" for r in record.relations])
        if record.relations
        else None,
        "security.level": security.level if security else None,
        "security.caveats": join_list(security.caveats) if security and security.caveats else None,
        "status": record.status,
        "notes": record.notes,
    }
    values = []
    for column in columns:
        name = column.name
        if name.startswith("events."):
            value: Any = record.events.get(name.removeprefix("events."))
        elif name.startswith("fields."):
            value = record.fields.get(name.removeprefix("fields."))
        else:
            value = simple.get(name)
        values.append(None if value in ("", None) else value)
    return values


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def export_csv(catalogue: Catalogue, records: Sequence[Record]) -> str:
    """A CSV (UTF-8, header row first) of ``records``; formula-like cells are guarded."""
    columns = export_columns(catalogue, records)
    rows = ([_text(value) for value in cell_values(record, columns)] for record in records)
    return csv_text([column.name for column in columns], rows, guard_header=False)


def export_xlsx(catalogue: Catalogue, records: Sequence[Record]) -> bytes:
    """An XLSX workbook of ``records``: the Records sheet, a Columns sheet explaining each
    column, and a (hidden) Lists sheet holding the drop-down lists' values."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    columns = export_columns(catalogue, records)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Records")
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    heading = []
    for column in columns:
        cell = WriteOnlyCell(sheet, column.name)
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    _lists(book, sheet, catalogue, columns, DataValidation, get_column_letter)
    text_at = frozenset(i for i, column in enumerate(columns) if column.name in _TEXT_COLUMNS)
    letters = [get_column_letter(i + 1) for i in range(len(columns))]
    date_at = next(i for i, column in enumerate(columns) if column.kind == "date")
    # The probe row: openpyxl gives its two cells the styles the rows then use (sheetxml).
    text_cell = WriteOnlyCell(sheet, "probe")
    text_cell.data_type, text_cell.number_format = "s", "@"
    date_cell = WriteOnlyCell(sheet, datetime(2000, 1, 1))
    date_cell.number_format = "yyyy-mm-dd"
    probe: list[Any] = [None] * len(columns)
    probe[0], probe[date_at] = text_cell, date_cell
    sheet.append(probe)
    _explain(book, catalogue, columns, bold, WriteOnlyCell)
    out = io.BytesIO()
    book.save(out)
    member = "xl/worksheets/sheet1.xml"
    text_style, date_style = probe_styles(out.getvalue(), member, letters[0], letters[date_at])
    rows = rows_xml(
        (cell_values(record, columns) for record in records), letters, text_at, text_style, date_style
    )
    return splice_rows(out.getvalue(), member, rows)


def _lists(
    book: Any, sheet: Any, catalogue: Catalogue, columns: Sequence[Column], DataValidation: Any, letter: Any
) -> None:
    lists = book.create_sheet("Lists")
    lists.sheet_state = "hidden"
    listed = [(i, c) for i, c in enumerate(columns) if c.name in _LISTED]
    values = {c.name: sorted(controlled(catalogue, c.name) or {}) for _, c in listed}
    lists.append([c.name for _, c in listed])
    for depth in range(max((len(v) for v in values.values()), default=0)):
        lists.append([values[c.name][depth] if depth < len(values[c.name]) else None for _, c in listed])
    for position, (index, column) in enumerate(listed):
        if not values[column.name]:
            continue
        source = letter(position + 1)
        check = DataValidation(
            type="list",
            formula1=f"Lists!${source}$2:${source}${len(values[column.name]) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=column.name,
            error=f"Choose a {column.name} from the list.",
        )
        target = letter(index + 1)
        check.add(f"{target}2:{target}1048576")
        sheet.data_validations.append(check)


def _explain(book: Any, catalogue: Catalogue, columns: Sequence[Column], bold: Any, Cell: Any) -> None:
    sheet = book.create_sheet("Columns")
    heading = []
    for title in ("column", "meaning", "required for a new record", "values"):
        cell = Cell(sheet, title)
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    for column in columns:
        allowed = controlled(catalogue, column.name)
        choices = ", ".join(sorted(allowed)) if allowed else ""
        row = []
        for value in (column.name, column.meaning, "yes" if column.required else "", choices[:2000]):
            cell = Cell(sheet, value)
            cell.data_type = "s"
            row.append(cell)
        sheet.append(row)
