"""The box contents list or shelf list (``fonds inventory --format html``) as a page to print:
one self-contained HTML file, A4 or Letter, no script, no network. Every value is escaped."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape

from ..custody.inventory import Inventory
from ..reporters.custody import INVENTORY_COLUMNS, TOTAL_COLUMNS
from ..reporters.tables import cell

STYLE = """\
@page { size: auto; margin: 12mm; }
body { font: 10pt/1.3 system-ui, sans-serif; color: #000; }
h1 { font-size: 14pt; margin: 0 0 2mm; }
p.meta { margin: 0 0 4mm; }
table { border-collapse: collapse; width: 100%; margin-bottom: 6mm; }
th, td { border: 0.3mm solid #555; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eee; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.check { width: 8mm; }
"""


def _table(columns: Sequence[str], rows: Iterable[Mapping[str, object]], *, check: bool = False) -> str:
    head = "".join(f"<th>{escape(c.replace('_', ' '))}</th>" for c in columns)
    head += "<th>✓</th>" if check else ""
    body = []
    for row in rows:
        cells = "".join(f"<td>{escape(cell(row.get(c)))}</td>" for c in columns)
        cells += '<td class="check"></td>' if check else ""
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def shelf_list_html(inv: Inventory) -> str:
    """The list with an empty tick column for checking the shelf by hand, then the totals."""
    whole = inv.totals[-1]
    title = f"Inventory of {inv.location}: {inv.title}"
    meta = (
        f"{whole.records} records · {whole.extent or 'no extent'} · {whole.metres:.2f} linear metres · "
        f"as of {inv.as_of.isoformat()}"
    )
    listing = _table(INVENTORY_COLUMNS, (e.row() for e in inv.entries), check=True)
    if not inv.entries:
        listing = "<p>No records are kept here.</p>"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n"
        f'<h1>{escape(title)}</h1>\n<p class="meta">{escape(meta)}</p>\n{listing}\n'
        f"<h2>Totals per box and per shelf</h2>\n{_table(TOTAL_COLUMNS, (t.row() for t in inv.totals))}\n"
        "<p>Linear metres: boxes, cubic feet and linear feet at 0.3048 m each; other units are not "
        "converted.</p>\n<p>Checked by: ____________________ Date: ____________</p>\n</body>\n</html>\n"
    )
