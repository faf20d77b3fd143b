"""Reading a spreadsheet (CSV or XLSX) into a header and rows, each cell with its position.

Rows are numbered as the spreadsheet program shows them (the header is row 1 of a CSV; an
XLSX keeps its own row numbers) and columns by letter, so a problem can be named
``FILE:ROW:COLUMN``. Reading streams (``csv`` line by line, openpyxl ``read_only``) and stops
at ``MAX_ROWS`` with a clear message, so a million-row file costs seconds, not the memory of
the machine. Nothing here knows what a column means: ``importers.records`` does.

What a sheet cannot be trusted with is refused here, each with the cell named: a formula
(its value would be whatever the program last computed, if anything; fonds never evaluates
one), a merged range (only its first cell holds the value), a CSV that is not UTF-8 (the
message names the likely encoding and ``--encoding``).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, error

MAX_ROWS = 250_000
"""Rows of data one import takes; a bigger sheet is refused (split it, or import in parts)."""

CellValue = str | int | float | bool | date | datetime | time | None


class SheetError(Exception):
    """The file cannot be read as a spreadsheet at all; nothing was imported."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


@dataclass(frozen=True, slots=True)
class Row:
    number: int
    """As the spreadsheet program shows it."""
    cells: tuple[CellValue, ...]


@dataclass(frozen=True, slots=True)
class Sheet:
    file: str
    """The name problems are reported under."""
    header_row: int
    header: tuple[str, ...]
    rows: tuple[Row, ...]
    problems: tuple[Diagnostic, ...] = ()
    """Cells that cannot be taken (formulas, merged ranges); the import stops on any."""
    text_cells: bool = True
    """CSV: every cell is text. XLSX: cells hold numbers and dates too."""


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _letter_index(letters: str) -> int:
    value = 0
    for char in letters:
        value = value * 26 + ord(char) - 64
    return value - 1


def read_sheet(
    path: Path, display: str, *, encoding: str | None = None, max_rows: int | None = None
) -> Sheet:
    """The sheet in ``path`` (.csv, .xlsx or .xlsm). Raises ``SheetError`` when it cannot be read."""
    max_rows = MAX_ROWS if max_rows is None else max_rows
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, display, max_rows)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(path, display, encoding, max_rows)
    if suffix == ".xls":
        raise _fail(
            display, "sheet-unreadable", "this is an old Excel file (.xls); save it as .xlsx or CSV UTF-8"
        )
    raise _fail(display, "sheet-unreadable", "give a .csv or an .xlsx file (save the sheet as one of them)")


def _fail(display: str, code: str, message: str, row: int = 0, column: int = 0) -> SheetError:
    return SheetError([error(display, row, column, code, message)])


def _too_many(display: str, max_rows: int) -> SheetError:
    return _fail(
        display,
        "sheet-too-large",
        f"the sheet has more than {max_rows:,} rows of data, more than one import takes; "
        "split it into several files and import each",
    )


# CSV


def _encoding_of(head: bytes, asked: str | None) -> str:
    if asked:
        return asked
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8-sig"


def _guess_encoding(raw: bytes) -> str:
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1"
    return "cp1252"


def _read_csv(path: Path, display: str, asked: str | None, max_rows: int) -> Sheet:
    try:
        with path.open("rb") as stream:
            head = stream.read(4)
        encoding = _encoding_of(head, asked)
        codecs.lookup(encoding)
    except LookupError as exc:
        raise _fail(
            display, "sheet-encoding", f"'{asked}' is not an encoding Python knows (try cp1252)"
        ) from exc
    except OSError as exc:
        raise _fail(display, "sheet-unreadable", f"cannot read the file: {exc.strerror or exc}") from exc
    rows: list[Row] = []
    header: tuple[str, ...] | None = None
    header_row = 0
    try:
        with path.open("r", encoding=encoding, newline="") as text:
            first = text.readline()
            delimiter = _delimiter(first)
            reader = csv.reader(_chain(first, text), delimiter=delimiter, strict=False)
            for number, cells in enumerate(reader, start=1):
                if not any(cell.strip() for cell in cells):
                    continue
                if header is None:
                    header, header_row = tuple(cells), number
                    continue
                if len(rows) >= max_rows:
                    raise _too_many(display, max_rows)
                rows.append(Row(number, tuple(cells)))
    except UnicodeDecodeError as exc:
        raise _not_utf8(path, display, exc, len(rows) + (2 if header else 1)) from exc
    except csv.Error as exc:
        raise _fail(display, "sheet-unreadable", f"the file is not readable as CSV ({exc})") from exc
    except OSError as exc:
        raise _fail(display, "sheet-unreadable", f"cannot read the file: {exc.strerror or exc}") from exc
    if header is None:
        raise _fail(display, "sheet-header", "the file is empty: its first row must name the columns")
    return Sheet(display, header_row, header, tuple(rows))


def _chain(first: str, rest: io.TextIOBase | Any) -> Iterator[str]:
    yield first
    yield from rest


def _delimiter(first_line: str) -> str:
    """',' unless the header row has none and ';' or a tab instead (Excel in many locales)."""
    if "," in first_line:
        return ","
    for other in (";", "\t"):
        if other in first_line:
            return other
    return ","


def _not_utf8(path: Path, display: str, exc: UnicodeDecodeError, row: int) -> SheetError:
    raw = path.read_bytes()[:1_000_000]
    guess = _guess_encoding(raw)
    byte = exc.object[exc.start : exc.start + 1].hex() if isinstance(exc.object, bytes) else "?"
    return _fail(
        display,
        "sheet-encoding",
        f"the file is not UTF-8 text (byte 0x{byte} near row {row}); it looks like {guess}, as "
        f"older Excel saves CSV: save it again as 'CSV UTF-8', or give --encoding {guess}",
        row,
    )


# XLSX

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?"')


def _read_xlsx(path: Path, display: str, max_rows: int) -> Sheet:
    import openpyxl  # here: only an XLSX import pays for loading it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _fail(
            display,
            "sheet-unreadable",
            f"the file is not a readable .xlsx workbook ({exc}); save it again as .xlsx",
        ) from exc
    try:
        sheet = book.worksheets[0]
        problems = _merged(path, display)
        header: tuple[str, ...] | None = None
        header_row = 0
        rows: list[Row] = []
        for cells in sheet.iter_rows():
            values: list[CellValue] = []
            number = 0
            for cell in cells:
                number = getattr(cell, "row", None) or number
                value, formula = _cell_value(cell)
                if formula:
                    problems.append(
                        error(
                            display,
                            number,
                            len(values) + 1,
                            "sheet-formula",
                            f"cell {column_letter(len(values))}{number} holds a formula ({formula}); fonds never "
                            "computes one: paste the values instead (Paste Special, Values)",
                        )
                    )
                values.append(value)
            if not any(v is not None and (not isinstance(v, str) or v.strip()) for v in values):
                continue
            if header is None:
                header = tuple("" if v is None else str(v) for v in values)
                header_row = number
                continue
            if len(rows) >= max_rows:
                raise _too_many(display, max_rows)
            rows.append(Row(number, tuple(values)))
    finally:
        book.close()
    if header is None:
        raise _fail(display, "sheet-header", "the first sheet is empty: its first row must name the columns")
    return Sheet(display, header_row, header, tuple(rows), tuple(problems), text_cells=False)


def _cell_value(cell: Any) -> tuple[CellValue, str]:
    """The cell's value as fonds reads it, and the formula's text when it holds one."""
    value = cell.value
    if getattr(cell, "data_type", "") == "f" or type(value).__name__ in ("ArrayFormula", "DataTableFormula"):
        text = getattr(value, "text", value)
        return None, str(text)
    if value is None or isinstance(value, str | bool | int | float | datetime | date | time):
        return value, ""
    if isinstance(value, Decimal):
        return float(value), ""
    return str(value), ""


def _merged(path: Path, display: str) -> list[Diagnostic]:
    """Merged ranges of the first sheet. openpyxl's streaming reader does not report them, so
    the sheet's XML is scanned for its ``mergeCell`` elements."""
    found: list[Diagnostic] = []
    try:
        with zipfile.ZipFile(path) as archive:
            names = sorted(
                n for n in archive.namelist() if re.fullmatch(r"xl/worksheets/sheet[0-9]+\.xml", n)
            )
            if not names:
                return found
            first = min(names, key=lambda n: int(re.sub(r"\D", "", n)))
            tail = b""
            with archive.open(first) as stream:
                while chunk := stream.read(1 << 20):
                    data = tail + chunk
                    for match in _MERGE.finditer(data):
                        first_col, first_row, last_col, last_row = (
                            (g.decode() if g else "") for g in match.groups()
                        )
                        span = (
                            f"{first_col}{first_row}:{last_col}{last_row}"
                            if last_col
                            else f"{first_col}{first_row}"
                        )
                        found.append(
                            error(
                                display,
                                int(first_row),
                                _letter_index(first_col) + 1,
                                "sheet-merged",
                                f"cells {span} are merged, so only the first holds the value; unmerge "
                                "them and fill the value into every cell",
                            )
                        )
                    tail = data[-200:]
    except (zipfile.BadZipFile, OSError, KeyError):
        return found
    return sorted(set(found))
