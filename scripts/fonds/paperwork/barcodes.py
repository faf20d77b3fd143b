"""Barcodes as inline SVG, sized in millimetres for print: Code 128 (python-barcode) and QR (segno).

Both keep their quiet zones (ISO/IEC 15417 §4.4.2: ten modules either side of a Code 128
symbol; ISO/IEC 18004 §6.3.8: four modules round a QR symbol) and print no text over the bars:
the human-readable text is the label's own, beside the symbol.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import barcode
import segno
from barcode.writer import SVGWriter

CODE128_QUIET = 10
"""Modules of quiet zone each side of a Code 128 symbol."""
QR_BORDER = 4
MIN_MODULE_MM = 0.17
"""Narrowest bar fonds prints: about four dots of a 600 dpi office laser printer, which a
handheld scanner still reads; a narrower bar smears into its neighbours."""
MAX_MODULE_MM = 0.33


class BarcodeError(ValueError):
    """A value that cannot be encoded, or would not fit the space given."""


@dataclass(frozen=True, slots=True)
class Symbol:
    svg: str
    """An ``<svg>`` element, no XML prolog: ready to drop into HTML."""
    width_mm: float
    height_mm: float


def _modules(value: str) -> int:
    """Width of the Code 128 symbol of ``value`` in modules, quiet zones included."""
    pattern = barcode.get("code128", value).build()[0]
    return len(pattern) + 2 * CODE128_QUIET


def code128(value: str, width_mm: float, height_mm: float) -> Symbol:
    """``value`` as Code 128 filling at most ``width_mm``, bars ``height_mm`` high.

    Refuses a value Code 128 cannot carry (outside printable ASCII) and one too long to print
    with bars at least ``MIN_MODULE_MM`` wide in that width.
    """
    if not value or not all(" " <= c <= "~" for c in value):
        raise BarcodeError(
            f"{value!r} cannot be printed as a Code 128 barcode (letters, digits and ASCII signs only)"
        )
    modules = _modules(value)
    module = min(MAX_MODULE_MM, round(width_mm / modules, 3))
    if module < MIN_MODULE_MM:
        raise BarcodeError(
            f"barcode {value!r} is too long for this label ({modules} modules in {width_mm:g} mm): "
            "use a larger label (--sheet box-4x2)"
        )
    out = io.BytesIO()
    code = barcode.get("code128", value, writer=SVGWriter())
    code.write(
        out,
        options={
            "module_width": module,
            "module_height": height_mm,
            "quiet_zone": CODE128_QUIET * module,
            "write_text": False,
            "margin_top": 0,
            "margin_bottom": 0,
        },
    )
    svg = _element(out.getvalue().decode("utf-8"))
    return Symbol(svg=svg, width_mm=modules * module, height_mm=height_mm)


def _element(document: str) -> str:
    """The ``<svg>`` element of an SVG document, without prolog, doctype or comments."""
    start = document.index("<svg")
    body = re.sub(r"<!--.*?-->", "", document[start:], flags=re.DOTALL)
    body = body.replace(' id="barcode_group"', "")
    body = body.replace("<svg ", '<svg class="code128" role="img" aria-hidden="true" ', 1)
    return re.sub(r">\s+<", "><", body).strip()


def qr(value: str, size_mm: float) -> Symbol:
    """``value`` as a QR code (error correction M) ``size_mm`` square, border included."""
    symbol = segno.make(value, error="m", micro=False)
    svg = symbol.svg_inline(border=QR_BORDER, omitsize=True, svgclass="qr", lineclass=None)
    sized = svg.replace(
        "<svg ", f'<svg width="{size_mm:g}mm" height="{size_mm:g}mm" role="img" aria-hidden="true" ', 1
    )
    return Symbol(svg=sized, width_mm=size_mm, height_mm=size_mm)
