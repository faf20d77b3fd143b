"""A small records office for the tests of the commands that change records.

The mini catalogue (tests/fixtures/mini), plus a records centre, an archives, rules that end
in destruction, transfer and permanent retention, and records written the way people write
them: comments, odd quoting, a CRLF file without a final newline, flow mappings. On
2026-11-23 (``AS_OF``):

- ADM-001  correspondence in the records centre, destruction overdue since 2020-12-31
- ADM-002  correspondence in the office (CRLF, no final newline), move overdue since 2022-12-31
- ADM-003  minutes in the records centre, transfer to the archives overdue since 2017-12-31
- ADM-004  a by-law, kept permanently, in the office
- ADM-005  correspondence titled ``<script>alert(1)</script>``, destruction overdue
- CON-001  a contract waiting for its contract-expiry event (``events: {}``)
- FIN-001  on hold (HOLD-001); FIN-002 waiting for final payment; FIN-003 electronic
"""

from __future__ import annotations

import shutil
from pathlib import Path

import git
from click.testing import CliRunner

from fonds.cli import main

from .conftest import MINI

AS_OF = "2026-11-23"

FILES = {
    "fonds.yml": """\
name: Test office
organisation: Town of Testing
fiscal_year_start: 4
id_pattern: '^[A-Z]+-[0-9]{3}$'
departments: {finance: Finance, clerk: Clerk}
events: {final-payment: Final payment, contract-expiry: Contract expiry}
fields:
  motion: {type: string, pattern: '^M-[0-9]+$'}
""",
    "schedules/town.yml": """\
id: town
title: Town schedule
citation: By-law 2019-14
items:
  - id: INV
    title: Invoices
    disposition_authority: DAA-INV-1
    rule: {trigger: event, event: final-payment, cutoff: fiscal-year, retain: P6Y, final_action: destroy}
  - id: COR
    title: Correspondence
    rule: {trigger: closure, cutoff: calendar-year, active: P2Y, semi_active: P3Y, final_action: destroy}
  - id: MIN
    title: Minutes
    rule: {trigger: closure, cutoff: calendar-year, active: P2Y, semi_active: P5Y, final_action: transfer}
  - id: BYL
    title: By-laws
    rule: {trigger: creation, final_action: permanent}
  - id: CON
    title: Contracts
    rule: {trigger: event, event: contract-expiry, retain: P6Y, final_action: destroy}
""",
    "catalogue/file-plan.yml": """\
classes:
  - {code: FIN, title: Finance}
  - {code: FIN-01, parent: FIN, title: Invoices, retention: town/INV}
  - {code: ADM, title: Administration}
  - {code: ADM-01, parent: ADM, title: Correspondence, retention: town/COR}
  - {code: ADM-02, parent: ADM, title: Minutes, retention: town/MIN}
  - {code: ADM-03, parent: ADM, title: By-laws, retention: town/BYL}
  - {code: CON-01, title: Contracts, retention: town/CON}
""",
    "catalogue/locations.yml": """\
locations:
  - {id: TH, type: building, title: Town hall}
  - {id: BOX-1, type: box, title: Box 1, parent: TH}
  - {id: TH-OFF, type: room, title: Clerk's office, parent: TH}
  - {id: RC, type: records-centre, title: Records centre}
  - {id: RC-S1, type: shelf, title: Shelf 1, parent: RC}
  - {id: RC-BX-1, type: box, title: Box 1 at the centre, parent: RC-S1, barcode: MB000001}
  - {id: RC-BX-2, type: box, title: Box 2 at the centre, parent: RC-S1, barcode: MB000002}
  - {id: ARCH, type: archives, title: Testing Community Archives}
  - {id: EDMS, type: system, title: Document system}
""",
    "catalogue/records/adm/ADM-001.yml": """\
# Correspondence file, kept by the Clerk
id: ADM-001
title: "General correspondence: 2015"     # quoted because of ': '
class: ADM-01
dates:
  created: 2015-01-05
  closed: 2015-12-31

department: clerk
format: paper
extent: {quantity: 2, unit: boxes}
location: RC-BX-1   # moved 2018
keywords: ['no', '010', "yes"]
status: semi-active
notes: >-
  Folded notes that
  span two lines.
""",
    "catalogue/records/adm/ADM-002.yml": (
        "id: ADM-002\r\n"
        "title: Correspondence 2020\r\n"
        "class: ADM-01\r\n"
        "dates: {created: 2020-01-06, closed: 2020-12-18}\r\n"
        "format: paper\r\n"
        "location: TH-OFF\r\n"
        "status: active  # still in the office"
    ),
    "catalogue/records/adm/ADM-003.yml": """\
id: ADM-003
title: Council minutes 2010
class: ADM-02
dates: {created: 2010-01-12, closed: 2010-12-14}
format: paper
extent: {quantity: 1, unit: boxes}
location: RC-BX-2
status: semi-active
""",
    "catalogue/records/adm/ADM-004.yml": """\
id: ADM-004
title: By-law 2019-14
class: ADM-03
dates:
  created: 2019-03-12
format: paper
location: TH-OFF
""",
    "catalogue/records/adm/ADM-005.yml": """\
id: ADM-005
title: <script>alert(1)</script> & more
class: ADM-01
dates: {created: 2014-02-01, closed: 2014-11-30}
format: hybrid
extent: {quantity: 1, unit: folders}
location: RC-BX-1
uri: https://edms.example.org/adm/5
status: semi-active
""",
    "catalogue/records/con/CON-001.yml": """\
id: CON-001
title: Cleaning contract
class: CON-01
dates:
  created: 2021-06-01
events: {}   # none yet
format: paper
location: TH-OFF
""",
}


def make_office(base: Path) -> Path:
    root = base / "office"
    shutil.copytree(MINI, root)
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return root


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (outside .git), by relative path, with its exact bytes."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


def read(root: Path, name: str) -> str:
    return (root / name).read_bytes().decode("utf-8")


def init_git(root: Path) -> git.Repo:
    """A repository holding ``root`` in one commit, with its own author (never the global one)."""
    repo = git.Repo.init(root)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Records Clerk")
        config.set_value("user", "email", "clerk@example.org")
        config.set_value("commit", "gpgsign", "false")
    repo.git.add("--all")
    repo.git.commit("-m", "Catalogue")
    return repo
