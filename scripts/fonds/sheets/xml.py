"""The rows of an XLSX sheet written as SpreadsheetML text, for exports of 100,000 records.

openpyxl builds an XML element for every cell, about 50 microseconds each: 2.9 million cells
took 22 s (docs/benchmarks.md). openpyxl still writes the workbook (styles, data validation,
the other sheets); this module writes only the ``<row>`` elements of the records sheet and
splices them in place of a one-row probe, whose cells tell which style ids openpyxl gave the
text format (``@``) and the date format.

Every text cell is an inline string (``t="inlineStr"``): text, never a formula, whatever it
begins with. Characters XML 1.0 cannot hold are dropped; ``&``, ``<`` and ``>`` are escaped.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

_EPOCH = date(1899, 12, 30)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PROBE_ROW = re.compile(r'<row r="2"[^>]*>.*?</row>', re.DOTALL)
_STYLE = re.compile(r'<c r="([A-Z]+)2"[^>]*?\ss="([0-9]+)"')


class SheetXmlError(ValueError):
    """The probe row was not where it should be: fall back to openpyxl's own writer."""


def _escape(text: str) -> str:
    text = _NOT_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def rows_xml(
    rows: Iterable[Sequence[Any]],
    letters: Sequence[str],
    text_at: frozenset[int],
    text_style: str,
    date_style: str,
) -> str:
    """``<row>`` elements from row 2 on: text, numbers, true/false and dates."""
    parts: list[str] = []
    add = parts.append
    for number, row in enumerate(rows, start=2):
        add(f'<row r="{number}">')
        for index, value in enumerate(row):
            if value is None:
                continue
            ref = f"{letters[index]}{number}"
            if isinstance(value, bool):
                add(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, int | float) and math.isfinite(value):
                add(f'<c r="{ref}"><v>{value!r}</v></c>')
            elif isinstance(value, date):
                add(f'<c r="{ref}" s="{date_style}"><v>{(value - _EPOCH).days}</v></c>')
            else:
                style = f' s="{text_style}"' if index in text_at else ""
                add(
                    f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{_escape(str(value))}</t></is></c>'
                )
        add("</row>")
    return "".join(parts)


def splice_rows(workbook: bytes, sheet: str, rows: str) -> bytes:
    """``workbook`` with ``rows`` in place of the probe row of ``sheet`` (a zip member)."""
    source = zipfile.ZipFile(io.BytesIO(workbook))
    xml = source.read(sheet).decode("utf-8")
    probe = _PROBE_ROW.search(xml)
    if probe is None:
        raise SheetXmlError("the probe row was not found")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == sheet:
                data = (xml[: probe.start()] + rows + xml[probe.end() :]).encode("utf-8")
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def probe_styles(workbook: bytes, sheet: str, text_column: str, date_column: str) -> tuple[str, str]:
    """The style ids openpyxl gave the probe row's text cell and date cell."""
    xml = zipfile.ZipFile(io.BytesIO(workbook)).read(sheet).decode("utf-8")
    probe = _PROBE_ROW.search(xml)
    styles = dict(_STYLE.findall(probe.group())) if probe else {}
    if text_column not in styles or date_column not in styles:
        raise SheetXmlError("the probe row's styles were not found")
    return styles[text_column], styles[date_column]
