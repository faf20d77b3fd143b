"""The paperwork a disposal run leaves behind: the certificate of destruction (Markdown for the
pull request, HTML to print and sign) and the transfer list (CSV for the records centre's
system, HTML to print and send with the boxes).

Renderers only: values in, text out, the same bytes for the same values (no "generated at"
time). Every value from the catalogue is escaped for the format it goes into: HTML-escaped
in HTML and Markdown (a title such as ``<script>`` is shown, never run), ``|`` escaped in
Markdown tables, and CSV cells that a spreadsheet would run as a formula are quoted.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..reporters.formats import csv_text, md_text


@dataclass(frozen=True, slots=True)
class DestroyedRecord:
    id: str
    title: str
    class_code: str
    dates: str
    """Covering dates, ``2019-04-01 – 2019-06-28``."""
    extent: str
    location: str
    """Where it was kept until it was destroyed."""
    rule: str
    """The schedule item (``authority/item``) or ``override``."""
    authority: str
    """The rule's own disposition authority or citation."""
    due: str
    note: str = ""
    """An early disposal's reason, an override's reason."""


@dataclass(frozen=True, slots=True)
class DestructionCertificate:
    id: str
    organisation: str
    date: date
    method: str
    authority: str
    approved_by: str
    witness: str
    records: tuple[DestroyedRecord, ...]


@dataclass(frozen=True, slots=True)
class ListedRecord:
    item: int
    box: str
    barcode: str
    id: str
    title: str
    date_from: str
    date_to: str
    extent: str
    origin: str
    class_code: str
    disposal: str
    """What happens next and when, e.g. ``destroy 2028-03-31``, as the records centre tracks it;
    for a record under hold, ``DO NOT DESTROY`` first."""
    hold: str = ""
    """``HOLD-1: DO NOT DESTROY`` (every hold's id) for a record under legal hold."""
    warning: str = ""
    """Why the receiver must look again, e.g. a destruction date that has already passed."""


@dataclass(frozen=True, slots=True)
class TransferList:
    id: str
    organisation: str
    date: date
    destination: str
    destination_title: str
    to_archives: bool
    receiver: str
    authority: str
    approved_by: str
    records: tuple[ListedRecord, ...]


def extent_text(quantity: float | None, unit: str) -> str:
    if quantity is None:
        return ""
    shown = int(quantity) if quantity == int(quantity) else quantity
    return f"{shown} {unit}"


def totals(extents: Sequence[str]) -> str:
    """``3 boxes, 2 folders`` from per-record extents (units in first-seen order)."""
    sums: dict[str, float] = {}
    for extent in extents:
        if not extent:
            continue
        number, _, unit = extent.partition(" ")
        sums[unit] = sums.get(unit, 0.0) + float(number)
    return ", ".join(extent_text(total, unit) for unit, total in sums.items()) or "not recorded"


# Markdown


def _md(text: str) -> str:
    return md_text(text)


def certificate_markdown(cert: DestructionCertificate) -> str:
    lines = [
        f"# Certificate of destruction {_md(cert.id)}",
        "",
        f"- **Organisation:** {_md(cert.organisation)}",
        f"- **Date of destruction:** {cert.date.isoformat()}",
        f"- **Method:** {_md(cert.method)}",
        f"- **Authority:** {_md(cert.authority)}",
        f"- **Approved by:** {_md(cert.approved_by)}",
        f"- **Witness:** {_md(cert.witness)}",
        f"- **Records:** {len(cert.records)} ({_md(totals([r.extent for r in cert.records]))})",
        "",
        "| Record | Title | Class | Dates | Extent | Kept at | Rule | Rule authority | Due | Note |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in cert.records:
        cells = (
            r.id,
            r.title,
            r.class_code,
            r.dates,
            r.extent,
            r.location,
            r.rule,
            r.authority,
            r.due,
            r.note,
        )
        lines.append("| " + " | ".join(_md(cell) for cell in cells) + " |")
    lines += [
        "",
        "I certify that the records listed above were destroyed on the date and by the method "
        "stated, under the authority given, and that no hold applied to them.",
        "",
        f"| Role | Name | Signature | Date |\n| --- | --- | --- | --- |\n"
        f"| Approved by | {_md(cert.approved_by)} | | |\n"
        f"| Witness | {_md(cert.witness)} | | |\n"
        "| Destroyed by (staff or contractor) | | | |",
    ]
    return "\n".join(lines) + "\n"


# HTML

_STYLE = """
body { font-family: system-ui, sans-serif; font-size: 10.5pt; margin: 2em; color: #000; }
h1 { font-size: 16pt; margin: 0 0 0.6em; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; }
th, td { border: 1px solid #555; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 1em; }
dt { font-weight: bold; }
dd { margin: 0; }
.sign td { height: 2.4em; }
@page { size: A4 landscape; margin: 12mm; }
@media print { body { margin: 0; } }
""".strip()


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _page(
    title: str,
    facts: Sequence[tuple[str, str]],
    head: Sequence[str],
    rows: Sequence[Sequence[str]],
    closing: str,
    signers: Sequence[tuple[str, str]],
) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8">',
        f"<title>{_e(title)}</title>",
        f"<style>\n{_STYLE}\n</style></head>",
        "<body>",
        f"<h1>{_e(title)}</h1>",
        "<dl>",
        *(f"<dt>{_e(name)}</dt><dd>{_e(value)}</dd>" for name, value in facts),
        "</dl>",
        "<table>",
        "<thead><tr>" + "".join(f"<th>{_e(cell)}</th>" for cell in head) + "</tr></thead>",
        "<tbody>",
        *("<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in row) + "</tr>" for row in rows),
        "</tbody>",
        "</table>",
        f"<p>{_e(closing)}</p>",
        '<table class="sign">',
        "<thead><tr><th>Role</th><th>Name</th><th>Signature</th><th>Date</th></tr></thead>",
        "<tbody>",
        *(f"<tr><td>{_e(role)}</td><td>{_e(name)}</td><td></td><td></td></tr>" for role, name in signers),
        "</tbody>",
        "</table>",
        "</body>",
        "</html>",
    ]
    return "\n".join(out) + "\n"


def certificate_html(cert: DestructionCertificate) -> str:
    facts = [
        ("Organisation", cert.organisation),
        ("Date of destruction", cert.date.isoformat()),
        ("Method", cert.method),
        ("Authority", cert.authority),
        ("Approved by", cert.approved_by),
        ("Witness", cert.witness),
        ("Records", f"{len(cert.records)} ({totals([r.extent for r in cert.records])})"),
    ]
    head = ["Record", "Title", "Class", "Dates", "Extent", "Kept at", "Rule", "Rule authority", "Due", "Note"]
    rows = [
        (r.id, r.title, r.class_code, r.dates, r.extent, r.location, r.rule, r.authority, r.due, r.note)
        for r in cert.records
    ]
    closing = (
        "I certify that the records listed above were destroyed on the date and by the method "
        "stated, under the authority given, and that no hold applied to them."
    )
    signers = [
        ("Approved by", cert.approved_by),
        ("Witness", cert.witness),
        ("Destroyed by (staff or contractor)", ""),
    ]
    return _page(f"Certificate of destruction {cert.id}", facts, head, rows, closing, signers)


# Transfer lists

TRANSFER_COLUMNS = (
    "item",
    "box",
    "box barcode",
    "record",
    "title",
    "date from",
    "date to",
    "extent",
    "from location",
    "class",
    "disposal",
    "hold",
    "warning",
)


def _row(r: ListedRecord) -> tuple[str, ...]:
    return (
        str(r.item),
        r.box,
        r.barcode,
        r.id,
        r.title,
        r.date_from,
        r.date_to,
        r.extent,
        r.origin,
        r.class_code,
        r.disposal,
        r.hold,
        r.warning,
    )


def transfer_csv(transfer: TransferList) -> str:
    return csv_text(TRANSFER_COLUMNS, [_row(r) for r in transfer.records])


def record_count(records: Sequence[ListedRecord]) -> str:
    """``3 records (2 boxes, 1 folders)``: the count and the extent a list's header shows."""
    count = f"{len(records)} record{'' if len(records) == 1 else 's'}"
    extent = totals([r.extent for r in records])
    return f"{count} ({'extent ' if extent == 'not recorded' else ''}{extent})"


def transfer_warnings(transfer: TransferList) -> list[str]:
    """One line per record under hold or with a warning, for the top of the printed list."""
    lines = []
    for r in transfer.records:
        lines += [f"Item {r.item}, {r.id}: under legal hold {r.hold}"] if r.hold else []
        lines += [f"Item {r.item}, {r.id}: {r.warning}"] if r.warning else []
    return lines


def transfer_html(transfer: TransferList) -> str:
    kind = "Transfer to the archives" if transfer.to_archives else "Transfer list"
    facts = [
        ("Organisation", transfer.organisation),
        ("Date", transfer.date.isoformat()),
        ("To", f"{transfer.destination_title} ({transfer.destination})"),
        ("Received by", transfer.receiver),
        ("Records", record_count(transfer.records)),
    ]
    facts += [("Warning", line) for line in transfer_warnings(transfer)]
    if transfer.to_archives:
        facts += [
            ("Receiving archives", transfer.receiver),
            ("Authority", transfer.authority),
            ("Approved by", transfer.approved_by),
        ]
    closing = (
        "Received the records listed above in the boxes stated, checked against this list."
        if not transfer.to_archives
        else "Custody of the records listed above passes to the receiving archives on the date stated."
    )
    signers = [("Transferred by", transfer.approved_by), ("Received by", transfer.receiver)]
    head = [column.capitalize() for column in TRANSFER_COLUMNS]
    return _page(f"{kind} {transfer.id}", facts, head, [_row(r) for r in transfer.records], closing, signers)
