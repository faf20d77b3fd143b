"""Generate a synthetic fonds catalogue of N records for benchmarks.

The catalogue is valid (``fonds check`` passes on it) and has a realistic mix of fields:
paper, electronic and hybrid records; closed and open files; event dates; relations to
other records; security markings with access lists; boxes on shelves and off site.
The same N and seed always give the same bytes.

    python benchmarks/generate.py 10000 benchmarks/out/cat-10k
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

FUNCTIONS = {
    "FIN": ("Finance", ["Accounts payable", "Accounts receivable", "Budgets", "Payroll", "Audits", "Grants"]),
    "HR": (
        "Human resources",
        ["Personnel files", "Recruitment", "Training", "Health and safety", "Benefits"],
    ),
    "COU": ("Council", ["Minutes", "Agendas", "By-laws", "Committees", "Correspondence"]),
    "CON": ("Contracts", ["Tenders", "Contracts", "Leases", "Insurance"]),
    "PER": ("Permits", ["Building permits", "Business licences", "Events", "Signs"]),
    "IT": ("Information technology", ["Change requests", "Backups", "Security incidents", "Licences"]),
    "PW": ("Public works", ["Roads", "Water", "Fleet", "Parks"]),
}
RULES = [
    "{trigger: closure, cutoff: calendar-year, active: P2Y, semi_active: P5Y, final_action: destroy}",
    "{trigger: event, event: final-payment, cutoff: fiscal-year, retain: P6Y, final_action: destroy}",
    "{trigger: creation, cutoff: calendar-year, retain: P3Y, final_action: destroy}",
    "{trigger: closure, cutoff: none, active: P5Y, semi_active: P10Y, final_action: transfer}",
    "{trigger: event, event: employee-separation, cutoff: calendar-year, retain: P7Y, final_action: destroy}",
    "{final_action: permanent}",
]
WORDS = [
    "invoices",
    "supplier",
    "budget",
    "audit",
    "payroll",
    "council",
    "minutes",
    "permit",
    "licence",
    "contract",
    "tender",
    "roads",
    "water",
    "fleet",
    "parks",
    "backup",
    "incident",
    "training",
    "recruitment",
    "benefits",
    "grant",
    "lease",
    "insurance",
]
LEVELS = ["public", "internal", "confidential", "secret"]


def write_support(root: Path) -> list[tuple[str, int]]:
    """Config, access, file plan, schedule and locations; returns (class code, rule index) pairs."""
    (root / "catalogue" / "holds").mkdir(parents=True, exist_ok=True)
    (root / "schedules").mkdir(parents=True, exist_ok=True)
    (root / "fonds.yml").write_text(
        "name: Synthetic catalogue\nfiscal_year_start: 4\nid_pattern: '^[A-Z]{2,3}-[0-9]{4}-[0-9]{6}$'\n"
        "departments:\n"
        + "".join(f"  {c.lower()}: {t}\n" for c, (t, _) in FUNCTIONS.items())
        + "events:\n  final-payment: Final payment\n  employee-separation: Employee separation\n"
        "fields:\n  project_code: {type: string, pattern: '^P-[0-9]{4}$'}\n"
    )
    (root / "catalogue" / "access.yml").write_text(
        "levels: [public, internal, confidential, secret]\ncaveats:\n  personal-information: Personal information\n"
        "groups:\n  - {id: all-staff, title: All staff, clearance: internal}\n"
        "  - {id: managers, title: Managers, clearance: confidential, caveats: [personal-information]}\n"
        "  - {id: executive, title: Executive, clearance: secret, caveats: [personal-information]}\n"
    )
    items = "".join(f"  - id: R{i}\n    title: Rule {i}\n    rule: {rule}\n" for i, rule in enumerate(RULES))
    (root / "schedules" / "synthetic.yml").write_text(
        f"id: synthetic\ntitle: Synthetic schedule\nitems:\n{items}"
    )
    lines = ["classes:"]
    classes: list[tuple[str, int]] = []
    for code, (title, subs) in FUNCTIONS.items():
        lines += [f"  - code: {code}", f"    title: {title}"]
        for index, sub in enumerate(subs, 1):
            sub_code = f"{code}-{index:02d}"
            rule = (index + len(code)) % len(RULES)
            lines += [
                f"  - code: {sub_code}",
                f"    parent: {code}",
                f"    title: {sub}",
                f"    scope: Records about {sub.lower()}.",
                f"    retention: synthetic/R{rule}",
            ]
            classes.append((sub_code, rule))
    (root / "catalogue" / "file-plan.yml").write_text("\n".join(lines) + "\n")
    loc = [
        "locations:",
        "  - {id: HQ, type: building, title: Head office}",
        "  - {id: RC, type: records-centre, title: Records centre}",
    ]
    for shelf in range(1, 41):
        parent = "HQ" if shelf <= 20 else "RC"
        loc.append(f"  - {{id: SH-{shelf:03d}, type: shelf, title: Shelf {shelf}, parent: {parent}}}")
        for box in range(1, 26):
            loc.append(
                f"  - {{id: BOX-{shelf:03d}-{box:02d}, type: box, title: Box {shelf}.{box}, "
                f"parent: SH-{shelf:03d}, barcode: B{shelf:03d}{box:02d}}}"
            )
    (root / "catalogue" / "locations.yml").write_text("\n".join(loc) + "\n")
    (root / "catalogue" / "holds" / "HOLD-1.yml").write_text(
        "id: HOLD-1\ntitle: Contract litigation\nreason: Claim over tenders.\nauthority: Counsel\n"
        "placed_by: Records manager\nplaced_on: 2020-01-01\nscope:\n  classes:\n    - code: CON\n"
    )
    (root / "catalogue" / "holds" / "HOLD-2.yml").write_text(
        "id: HOLD-2\ntitle: Audit 2010\nreason: Provincial audit.\nauthority: Auditor\n"
        "placed_by: Records manager\nplaced_on: 2011-01-01\nreleased_on: 2013-01-01\n"
        "released_by: Records manager\nscope:\n  created: {from: 2010-01-01, to: 2010-12-31}\n"
    )
    return classes


def record_yaml(
    rng: random.Random, number: int, record_id: str, code: str, rule: int, earlier: list[str]
) -> str:
    created = date(2000, 1, 1) + timedelta(days=rng.randrange(9000))
    words = rng.sample(WORDS, 3)
    fmt = rng.choices(["paper", "electronic", "hybrid"], [6, 3, 1])[0]
    out = [
        f"id: {record_id}",
        f"title: {words[0].capitalize()} {words[1]} file {number}",
        f"description: Synthetic record about {words[0]}, {words[1]} and {words[2]}.",
        f"class: {code}",
        "dates:",
        f"  created: {created.isoformat()}",
    ]
    if rng.random() < 0.5:
        out.append(f"  closed: {(created + timedelta(days=rng.randrange(30, 900))).isoformat()}")
    event = {1: "final-payment", 4: "employee-separation"}.get(rule)
    if event and rng.random() < 0.6:
        out += ["events:", f"  {event}: {(created + timedelta(days=rng.randrange(10, 2000))).isoformat()}"]
    out += [
        f"department: {code.split('-')[0].lower()}",
        f"creator: Officer {rng.randrange(1, 60)}",
        f"format: {fmt}",
        "extent:",
        f"  quantity: {rng.randrange(1, 5)}",
        f"  unit: {'folders' if fmt != 'electronic' else 'files'}",
    ]
    if fmt != "electronic":
        out.append(f"location: BOX-{rng.randrange(1, 41):03d}-{rng.randrange(1, 26):02d}")
    if fmt != "paper":
        out.append(f"uri: https://edms.example.org/{record_id}")
    out.append(f"keywords: [{', '.join(words)}]")
    if earlier and rng.random() < 0.3:
        out += ["relations:", "  - type: references", f"    target: {rng.choice(earlier)}"]
    if rng.random() < 0.25:
        level = rng.choice(LEVELS[1:])
        group = {"internal": "all-staff", "confidential": "managers", "secret": "executive"}[level]
        out += ["security:", f"  level: {level}", "  access:", f"    groups: [{group}]"]
    if rng.random() < 0.1:
        out += ["fields:", f"  project_code: P-{rng.randrange(10000):04d}"]
    return "\n".join(out) + "\n"


def generate(n: int, root: Path, seed: int = 1253) -> None:
    if root.exists():
        shutil.rmtree(root)
    classes = write_support(root)
    rng = random.Random(seed)
    earlier: list[str] = []
    for number in range(1, n + 1):
        code, rule = classes[number % len(classes)]
        prefix = code.split("-")[0]
        year = 2000 + number % 25
        record_id = f"{prefix[:3]}-{year}-{number:06d}"
        folder = root / "catalogue" / "records" / prefix.lower() / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{record_id}.yml").write_text(
            record_yaml(rng, number, record_id, code, rule, earlier[-500:])
        )
        earlier.append(record_id)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("records", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1253)
    args = parser.parse_args()
    generate(args.records, args.out, args.seed)
    print(f"wrote {args.records} records to {args.out}")


if __name__ == "__main__":
    main()
