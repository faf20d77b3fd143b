"""Label sheets: the exact geometry of each stock, and the print-ready HTML of a sheet.

Every label is absolutely positioned on a page box of the sheet's size, in the unit the maker
publishes (inches for US Letter stock, millimetres for A4), so the screen and the printout
agree and nothing depends on the browser's flow layout. Print at 100 % ("actual size").
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from .barcodes import BarcodeError, code128, qr
from .labels import Label

TITLE_CHARS = {"folder": 60, "box": 90}


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    title: str
    unit: str
    page: tuple[float, float]
    label: tuple[float, float]
    columns: int
    rows: int
    margin: tuple[float, float]
    """(top, side) margin to the first label."""
    pitch: tuple[float, float]
    """(horizontal, vertical) distance from one label's corner to the next one's."""

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def mm(self, value: float) -> float:
        return value * 25.4 if self.unit == "in" else value

    def position(self, slot: int) -> tuple[str, str]:
        """(left, top) of label ``slot`` (0-based, row by row) as CSS lengths."""
        row, column = divmod(slot % self.per_sheet, self.columns)
        left = self.margin[1] + column * self.pitch[0]
        top = self.margin[0] + row * self.pitch[1]
        return _length(left, self.unit), _length(top, self.unit)


def _length(value: float, unit: str) -> str:
    return f"{round(value, 6):g}{unit}"


# Geometry as the makers publish it (Avery's template pages for 5160, L7160 and 5163; the same
# figures are in gLabels' template library). Check: 5160: 0.1875 + 2 x 2.75 + 2.625 + 0.1875 =
# 8.5 in, 0.5 + 10 x 1 + 0.5 = 11 in; L7160: 7.25 + 2 x 66.04 + 63.5 + 7.25 = 210.08 mm (Avery's
# rounding), 15.15 + 7 x 38.1 + 15.15 = 297 mm; 5163: 0.15625 + 4.1875 + 4 + 0.15625 = 8.5 in.
SHEETS: dict[str, Sheet] = {
    "avery-5160": Sheet(
        "avery-5160",
        "Avery 5160 (US Letter, 30 labels 2 5/8 x 1 in)",
        "in",
        (8.5, 11),
        (2.625, 1),
        3,
        10,
        (0.5, 0.1875),
        (2.75, 1),
    ),
    "avery-l7160": Sheet(
        "avery-l7160",
        "Avery L7160 (A4, 21 labels 63.5 x 38.1 mm)",
        "mm",
        (210, 297),
        (63.5, 38.1),
        3,
        7,
        (15.15, 7.25),
        (66.04, 38.1),
    ),
    "box-4x2": Sheet(
        "box-4x2",
        "Box label 4 x 2 in (Avery 5163, US Letter, 10 labels)",
        "in",
        (8.5, 11),
        (4, 2),
        2,
        5,
        (0.5, 0.15625),
        (4.1875, 2),
    ),
}


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word where it can, with an ellipsis;
    cut before escaping, so no character reference is ever split."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:-") + "…"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _symbols(label: Label, sheet: Sheet) -> tuple[str, str, str]:
    """(Code 128 SVG, QR SVG, note) for ``label``; a barcode that cannot print is an error."""
    width, height = sheet.mm(sheet.label[0]), sheet.mm(sheet.label[1])
    qr_mm = min(height * (0.42 if label.kind == "box" else 0.62), 24.0)
    bars = ""
    if label.barcode:
        bars = code128(label.barcode, width - 4, min(height * 0.22, 12.0)).svg
    target = label.url or label.id
    note = "" if label.url else "QR: id (no site URL)"
    return bars, qr(target, qr_mm).svg, note


def label_html(label: Label, sheet: Sheet, slot: int) -> str:
    left, top = sheet.position(slot)
    bars, code, note = _symbols(label, sheet)
    title = _e(shorten(label.title, TITLE_CHARS[label.kind]))
    hold = '<div class="hold">ON LEGAL HOLD: DO NOT DESTROY</div>' if label.on_hold else ""
    barcode_text = (
        f'<div class="bctext">{_e(label.barcode)}</div>'
        if label.barcode
        else '<div class="bctext">no barcode in the catalogue</div>'
    )
    if label.kind == "box":
        # Most important first: on a small label the lines that do not fit are cut off at the
        # bottom of the text block, never drawn over the barcode.
        facts = [
            f'<div class="boxno">BOX {label.number} of {label.of}</div>',
            f'<div class="disposal">{_e(label.disposal)}</div>',
            f'<div class="line">Transfer {_e(label.transfer)}</div>' if label.transfer else "",
            f'<div class="line">{_e(label.department)}</div>' if label.department else "",
            f'<div class="line">Class {_e(label.class_text)} · {_e(label.dates)}</div>',
            f'<div class="line small">{_e(label.id)}: {title}</div>'
            if sheet.mm(sheet.label[1]) >= 30
            else "",
        ]
    else:
        facts = [
            f'<div class="rid">{_e(label.id)}</div>',
            f'<div class="title">{title}</div>',
            f'<div class="line">{_e(label.class_text)} · {_e(label.dates)}</div>',
        ]
    note_html = f'<div class="note">{_e(note)}</div>' if note else ""
    return (
        f'<div class="label {label.kind}" data-slot="{slot % sheet.per_sheet + 1}" style="left:{left};top:{top}">'
        f'<div class="top"><div class="facts">{hold}{"".join(facts)}</div>'
        f'<div class="qrbox">{code}{note_html}</div></div>'
        f'<div class="bars">{bars}{barcode_text}</div></div>'
    )


def sheet_css(sheet: Sheet) -> str:
    w, h = (_length(v, sheet.unit) for v in sheet.page)
    lw, lh = (_length(v, sheet.unit) for v in sheet.label)
    scale = min(1.6, sheet.mm(sheet.label[1]) / 25.4)
    return (
        f"@page {{ size: {w} {h}; margin: 0; }}\n"
        "html, body { margin: 0; padding: 0; background: white; color: black; }\n"
        "body { font-family: 'DejaVu Sans', Arial, sans-serif; -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
        f".sheet {{ position: relative; width: {w}; height: {h}; overflow: hidden; page-break-after: always; break-after: page; }}\n"
        ".sheet:last-child { page-break-after: auto; break-after: auto; }\n"
        f".label {{ position: absolute; width: {lw}; height: {lh}; box-sizing: border-box; padding: 1.2mm 2mm; overflow: hidden;"
        f" display: flex; flex-direction: column; justify-content: space-between; font-size: {6.5 * scale:.2f}pt; line-height: 1.15; }}\n"
        ".top { display: flex; justify-content: space-between; gap: 1mm; flex: 1 1 auto; min-height: 0; overflow: hidden; }\n"
        ".facts { min-width: 0; flex: 1; overflow: hidden; }\n"
        ".line, .title, .rid { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }\n"
        ".rid { font-weight: bold; font-size: 1.25em; }\n"
        ".boxno { font-weight: bold; font-size: 2.1em; line-height: 1.05; }\n"
        ".disposal { font-weight: bold; font-size: 1.3em; }\n"
        ".small, .note, .bctext { font-size: 0.8em; }\n"
        ".hold { background: black; color: white; font-weight: bold; padding: 0 1mm; font-size: 1.1em; }\n"
        ".folder .hold { font-size: 0.85em; white-space: nowrap; overflow: hidden; }\n"
        ".qrbox { flex: none; text-align: center; }\n"
        ".qrbox svg, .bars svg { display: block; background: white; }\n"
        ".bars { flex: none; }\n"
    )


def sheet_html(labels: Sequence[Label], sheet: Sheet, *, start: int = 1, title: str = "Labels") -> str:
    """The labels on as many sheets as they need, the first ``start - 1`` positions left empty
    (a partly used sheet). Raises ``BarcodeError`` for a barcode that cannot print."""
    slots: dict[int, list[str]] = {}
    for index, label in enumerate(labels):
        slot = start - 1 + index
        slots.setdefault(slot // sheet.per_sheet, []).append(label_html(label, sheet, slot))
    pages = "".join(f'<div class="sheet">{"".join(parts)}</div>' for _, parts in sorted(slots.items()))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title><style>\n{sheet_css(sheet)}</style></head>\n"
        f'<body data-sheet="{_e(sheet.name)}">{pages}</body></html>\n'
    )


__all__ = ["SHEETS", "BarcodeError", "Sheet", "label_html", "sheet_css", "sheet_html", "shorten"]
