"""The test office (office.py) with barcodes on its shelf, boxes and files, for the custody
commands: on 2026-11-23 shelf RC-S1 holds box RC-BX-1 (ADM-001, ADM-005) and box RC-BX-2
(ADM-003, charged out to A. Patel; ADM-006, charged out to B. Jones); ADM-004 is in the
Clerk's office; ADM-007 was destroyed."""

from __future__ import annotations

from pathlib import Path

from .office import make_office

LOCATIONS = """\
locations:
  - {id: TH, type: building, title: Town hall}
  - {id: BOX-1, type: box, title: Box 1, parent: TH}
  - {id: TH-OFF, type: room, title: Clerk's office, parent: TH, barcode: LOC-OFF}
  - {id: RC, type: records-centre, title: Records centre, barcode: LOC-RC}
  - {id: RC-S1, type: shelf, title: Shelf 1, parent: RC, barcode: LOC-S1}
  - {id: RC-S2, type: shelf, title: Shelf 2, parent: RC, barcode: LOC-S2}
  - {id: RC-BX-1, type: box, title: Box 1 at the centre, parent: RC-S1, barcode: MB000001}
  - {id: RC-BX-2, type: box, title: Box 2 at the centre, parent: RC-S1, barcode: MB000002}
  - {id: ARCH, type: archives, title: Testing Community Archives}
  - {id: EDMS, type: system, title: Document system}
"""

EXTRA = {
    "catalogue/records/adm/ADM-006.yml": """\
id: ADM-006
title: Correspondence 2013
class: ADM-01
dates: {created: 2013-01-07, closed: 2013-12-20}
format: paper
extent: {quantity: 3, unit: folders}
location: RC-BX-2
barcode: A006
status: semi-active
charge_out: {to: B. Jones, since: 2026-11-02, due: 2026-11-16}
""",
    "catalogue/records/adm/ADM-007.yml": """\
id: ADM-007
title: Correspondence 2008
class: ADM-01
dates: {created: 2008-01-07, closed: 2008-12-19}
format: paper
barcode: A007
status: destroyed
disposition: {action: destroy, date: 2016-02-01, authority: town/COR, approved_by: A. Clerk}
""",
}


def make_shelf(base: Path) -> Path:
    root = make_office(base)
    (root / "catalogue/locations.yml").write_text(LOCATIONS, encoding="utf-8")
    for name, barcode in (("ADM-001", "A001"), ("ADM-003", "A003"), ("ADM-004", "A004"), ("ADM-005", "A005")):
        path = root / f"catalogue/records/adm/{name}.yml"
        text = path.read_bytes().decode("utf-8")
        newline = "\r\n" if "\r\n" in text else "\n"
        path.write_bytes((text.rstrip("\r\n") + newline + f"barcode: {barcode}" + newline).encode("utf-8"))
    adm3 = root / "catalogue/records/adm/ADM-003.yml"
    adm3.write_text(
        adm3.read_text(encoding="utf-8") + "charge_out: {to: A. Patel, since: 2026-10-01, due: 2026-12-01}\n",
        encoding="utf-8",
    )
    for name, text in EXTRA.items():
        (root / name).write_text(text, encoding="utf-8")
    return root
