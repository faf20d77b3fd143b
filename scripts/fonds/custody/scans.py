"""Reading what a handheld barcode scanner produces: one barcode a line, or a CSV export with a
``barcode`` column (and an optional ``time`` column).

A scan file comes from a device, not from a person typing YAML: it may be UTF-16 (Windows
exports), carry a byte-order mark, blank lines, trailing blanks, the same barcode twice, or be
the wrong file altogether. What makes the whole file unreadable raises ``ScanError`` with a
message naming the file and line; what spoils one line becomes a warning and the line is left out.
"""

from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass

from ..diagnostics import Diagnostic, warning

BARCODE = re.compile(r"[A-Za-z0-9-]{1,40}")
"""The barcode pattern of record.schema.json and locations.schema.json."""
MAX_LINE = 200
"""Longer lines are not a scanner's output (a barcode is at most 40 characters)."""
MAX_BYTES = 20_000_000
"""A day of scanning is a few hundred kilobytes; a bigger file is the wrong file."""
BARCODE_COLUMNS = ("barcode", "code", "scan", "value")
TIME_COLUMNS = ("time", "timestamp", "scanned", "scanned_at", "date")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
"""Longest first: a UTF-32 LE mark starts with the UTF-16 LE one."""


class ScanError(Exception):
    """The scan file cannot be read at all; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Scan:
    barcode: str
    line: int
    time: str = ""


@dataclass(frozen=True, slots=True)
class ScanFile:
    name: str
    scans: tuple[Scan, ...]
    """Every readable scan in file order, repeats included (the audit counts each once)."""
    problems: tuple[Diagnostic, ...] = ()
    csv: bool = False


def decode(name: str, data: bytes) -> str:
    """``data`` as text: a byte-order mark chooses UTF-8, UTF-16 or UTF-32; else strict UTF-8."""
    if not data.strip():
        raise ScanError(
            f"{name}: the scan file is empty: nothing was scanned, or the wrong file was exported"
        )
    if len(data) > MAX_BYTES:
        raise ScanError(f"{name}: {len(data)} bytes is too big for a scan file (at most {MAX_BYTES})")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return body.decode(encoding)
            except UnicodeDecodeError as exc:
                line = body[: exc.start].decode(encoding, errors="replace").count("\n") + 1
                shown = encoding.upper().removesuffix("-LE").removesuffix("-BE")
                raise ScanError(
                    f"{name}:{line}: byte {body[exc.start]:#04x} is not {shown}, though the file starts "
                    f"with a {shown} byte-order mark: export the scans again"
                ) from None
    if _utf16_without_bom(data):
        raise ScanError(
            f"{name}: UTF-16 without a byte-order mark: export the scans as UTF-8, or as UTF-16 with "
            "a byte-order mark (Windows 'Unicode')"
        )
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ScanError(
            f"{name}:{line}: a binary file (a NUL byte), not a scanner export: export the scans as "
            "text (one barcode a line) or CSV"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ScanError(
            f"{name}:{line}: byte {data[exc.start]:#04x} is not UTF-8: export the scans as UTF-8 "
            "(or UTF-16 with a byte-order mark)"
        ) from None


def _utf16_without_bom(data: bytes) -> bool:
    """Text of ASCII barcodes in UTF-16: every other byte NUL, and nothing else NUL."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return False
    for zeros, other in ((sample[1::2], sample[0::2]), (sample[0::2], sample[1::2])):
        if not zeros.strip(b"\x00") and b"\x00" not in other:
            return True
    return False


def _cells(text: str, delimiter: str) -> list[str] | None:
    """The cells of one CSV line, or None when the csv module cannot read it (a field over its
    size limit, a stray quote at the end)."""
    try:
        return next(csv.reader([text], delimiter=delimiter), [])
    except csv.Error:
        return None


def _columns(header: list[str]) -> tuple[int | None, int | None]:
    names = [cell.strip().lower() for cell in header]
    barcode = next((names.index(c) for c in BARCODE_COLUMNS if c in names), None)
    time = next((names.index(c) for c in TIME_COLUMNS if c in names), None)
    return barcode, time


def _is_csv(first: str) -> bool:
    """A delimiter on the first line, or a header of one column named like a barcode column."""
    return any(sep in first for sep in ",;\t") or first.strip().lstrip("\ufeff").lower() in BARCODE_COLUMNS


def _rows(name: str, lines: list[str]) -> tuple[list[tuple[int, str, str]], bool]:
    """(line number, cell, time) for each non-blank line; whether the file is a CSV."""
    numbered = [(n, text) for n, text in enumerate(lines, 1) if text.strip()]
    first = numbered[0][1]
    if not _is_csv(first):
        return [(n, text, "") for n, text in numbered], False
    dialect = ";" if ";" in first and "," not in first else ("\t" if "\t" in first else ",")
    header = _cells(first, dialect) or []
    at, time_at = _columns(header)
    if at is None:
        raise ScanError(
            f"{name}:{numbered[0][0]}: a CSV file without a barcode column (its header is "
            f"{', '.join(repr(h.strip()) for h in header)}): name the column 'barcode'"
        )
    rows = []
    for n, text in numbered[1:]:
        cells = _cells(text, dialect) if len(text) <= MAX_LINE * 10 else None
        if cells is None:
            rows.append((n, text[: MAX_LINE + 1], ""))  # reported as too long or not a barcode
            continue
        cell = cells[at] if at < len(cells) else ""
        time = cells[time_at].strip() if time_at is not None and time_at < len(cells) else ""
        rows.append((n, cell, time))
    return rows, True


def read_scans(name: str, data: bytes) -> ScanFile:
    """The scans in ``data`` (the bytes of the file ``name``), or ``ScanError``."""
    text = decode(name, data)
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise ScanError(f"{name}: the scan file has only blank lines: nothing was scanned")
    rows, is_csv = _rows(name, lines)
    scans: list[Scan] = []
    problems: list[Diagnostic] = []
    for n, cell, time in rows:
        value = cell.strip().lstrip("\ufeff")
        if not value:
            problems.append(warning(name, n, 1, "scan-unreadable", "no barcode on this line; left out"))
        elif len(value) > MAX_LINE:
            problems.append(
                warning(
                    name,
                    n,
                    1,
                    "scan-unreadable",
                    f"a line of {len(value)} characters is not a barcode; left out",
                )
            )
        elif not BARCODE.fullmatch(value):
            shown = value.encode("unicode_escape").decode("ascii")[:60]
            problems.append(
                warning(
                    name,
                    n,
                    1,
                    "scan-unreadable",
                    f"'{shown}' is not a barcode (letters, digits and '-', at most 40); left out: rescan it",
                )
            )
        else:
            scans.append(Scan(value, n, time[:40]))
    return ScanFile(name, tuple(scans), tuple(problems), is_csv)
