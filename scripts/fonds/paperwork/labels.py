"""What goes on box and folder labels, and which boxes or folders a request selects.

A box label carries what a records centre files a box by (ARMA TR 2008 *Records Center
Operations*: box number, transfer number, department, record series, covering dates and the
disposal date); a folder label carries what a clerk reads on the tab. The sheet itself (geometry,
HTML) is ``label_sheets``; this module only decides the values.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from ..diagnostics import Diagnostic, error, warning
from ..hierarchy import ancestors, descendants
from ..model import Catalogue, Location, Record
from ..retention.assessment import State, end_of_retention, holds_by_record, rule_for
from ..retention.due import DEFAULT_STATES, due_report
from ..retention.periods import Period

Kind = Literal["box", "folder"]
PageUrl = Callable[[Kind, str], "str | None"]
"""(kind, id) -> the permanent page of the box or record on the published site, if any."""
LOCATIONS_FILE = "catalogue/locations.yml"
TRANSFER_LIST_BYTES = 10_000_000


class SelectionError(ValueError):
    """The request cannot select anything (exit 2): the message says what to change."""


@dataclass(frozen=True, slots=True)
class Selection:
    ids: tuple[str, ...] = ()
    location: str | None = None
    class_code: str | None = None
    due_on: date | None = None
    action: str | None = None
    transfer_file: str | None = None
    skip_held: bool = False
    """With ``due_on``: leave out what a hold holds back (fonds due lists it as on-hold)."""


@dataclass(frozen=True, slots=True)
class Label:
    kind: Kind
    id: str
    title: str
    barcode: str | None
    url: str | None
    class_text: str
    dates: str
    on_hold: bool = False
    number: int = 0
    of: int = 0
    transfer: str = ""
    department: str = ""
    disposal: str = ""


@dataclass(frozen=True, slots=True)
class Transfer:
    id: str
    records: tuple[str, ...]
    boxes: tuple[str, ...]
    """Box ids in the order of the list, each once."""


def read_transfer_list(path: Path) -> Transfer:
    """The records and boxes of a transfer list CSV written by ``fonds transfer``."""
    shown = str(path)
    try:
        if path.is_symlink() or not path.is_file():
            raise SelectionError(f"{shown}: not a transfer list file (give the CSV fonds transfer wrote)")
        if path.stat().st_size > TRANSFER_LIST_BYTES:
            raise SelectionError(f"{shown}: too large to be a transfer list")
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SelectionError(f"{shown}: not UTF-8 text; give the CSV fonds transfer wrote") from exc
    except OSError as exc:
        raise SelectionError(f"{shown}: cannot be read ({exc.strerror})") from exc
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    if not rows or "record" not in rows[0]:
        raise SelectionError(f"{shown}:1: no 'record' column: give the CSV fonds transfer wrote")
    records = tuple(dict.fromkeys(r["record"] for r in rows if r.get("record")))
    boxes = tuple(dict.fromkeys(r["box"] for r in rows if r.get("box")))
    return Transfer(path.stem, records, boxes)


def _children(catalogue: Catalogue) -> Mapping[str, list[str]]:
    children: dict[str, list[str]] = {}
    for loc in catalogue.locations.values():
        if loc.parent is not None:
            children.setdefault(loc.parent, []).append(loc.id)
    return children


def _place_check(catalogue: Catalogue, location_id: str) -> None:
    if location_id not in catalogue.locations:
        raise SelectionError(f"there is no location '{location_id}' in {LOCATIONS_FILE}")


def _class_check(catalogue: Catalogue, code: str) -> None:
    if code not in catalogue.classes:
        raise SelectionError(f"there is no class '{code}' in the file plan (catalogue/file-plan.yml)")


def _in_class(catalogue: Catalogue, record: Record, code: str) -> bool:
    parents = catalogue.class_parents
    own = record.class_code or ""
    return own == code or code in ancestors(own, parents)


def select_records(catalogue: Catalogue, selection: Selection) -> tuple[list[Record], list[Diagnostic]]:
    """The records a selection names, in id order (a transfer list: in its order)."""
    chosen: list[Record] = []
    problems: list[Diagnostic] = []
    for record_id in selection.ids:
        record = catalogue.records.get(record_id)
        if record is None:
            problems.append(
                error("catalogue/records", 0, 0, "unknown-record", f"there is no record '{record_id}'")
            )
        else:
            chosen.append(record)
    if selection.location is not None:
        _place_check(catalogue, selection.location)
        places = {selection.location, *descendants(selection.location, _children(catalogue))}
        chosen += [r for r in catalogue.records.values() if r.location in places]
    if selection.class_code is not None:
        _class_check(catalogue, selection.class_code)
        chosen += [r for r in catalogue.records.values() if _in_class(catalogue, r, selection.class_code)]
    if selection.due_on is not None:
        states = (State.DUE, State.OVERDUE) if selection.skip_held else DEFAULT_STATES
        report = due_report(
            catalogue, selection.due_on, Period("P0D"), states=states, actions=[selection.action or ""]
        )
        chosen += [catalogue.records[i.id] for i in report.items if i.id in catalogue.records]
    if selection.transfer_file is not None:
        transfer = read_transfer_list(Path(selection.transfer_file))
        chosen += [catalogue.records[i] for i in transfer.records if i in catalogue.records]
    unique = {r.id: r for r in chosen}
    ordered = (
        list(unique.values()) if selection.transfer_file else sorted(unique.values(), key=lambda r: r.id)
    )
    return ordered, problems


def box_of(catalogue: Catalogue, location_id: str | None) -> Location | None:
    """The box a record (or a folder inside a box) sits in, if any."""
    parents = catalogue.location_parents
    for place in [location_id or "", *ancestors(location_id or "", parents)]:
        loc = catalogue.locations.get(place)
        if loc is not None and loc.type == "box":
            return loc
    return None


def select_boxes(catalogue: Catalogue, selection: Selection) -> tuple[list[Location], list[Diagnostic]]:
    """The boxes a selection names: given box ids, boxes at and below ``location``, and the
    boxes holding the records a class, a due list or a transfer list selects."""
    boxes: list[Location] = []
    problems: list[Diagnostic] = []
    for box_id in selection.ids:
        loc = catalogue.locations.get(box_id)
        if loc is None:
            problems.append(
                error(LOCATIONS_FILE, 0, 0, "unknown-location", f"there is no location '{box_id}'")
            )
        elif loc.type != "box":
            problems.append(
                error(
                    LOCATIONS_FILE,
                    *catalogue.where(loc.file, loc.path),
                    "not-a-box",
                    f"'{box_id}' is a {loc.type}, not a box: box labels are printed for boxes",
                )
            )
        else:
            boxes.append(loc)
    if selection.location is not None:
        _place_check(catalogue, selection.location)
        places = [selection.location, *descendants(selection.location, _children(catalogue))]
        boxes += [catalogue.locations[p] for p in places if catalogue.locations[p].type == "box"]
    rest = Selection(
        class_code=selection.class_code,
        due_on=selection.due_on,
        action=selection.action,
        transfer_file=selection.transfer_file,
    )
    if rest != Selection():
        records, _ = select_records(catalogue, rest)
        boxes += [b for b in (box_of(catalogue, r.location) for r in records) if b is not None]
    unique = {b.id: b for b in boxes}
    ordered = (
        list(unique.values()) if selection.transfer_file else sorted(unique.values(), key=lambda b: b.id)
    )
    return ordered, problems


def box_contents(catalogue: Catalogue, box: Location) -> list[Record]:
    places = {box.id, *descendants(box.id, _children(catalogue))}
    return [
        r
        for r in catalogue.records.values()
        if r.location in places and r.status not in ("destroyed", "transferred")
    ]


def _dates(records: Iterable[Record]) -> str:
    starts = [r.created for r in records if r.created]
    ends = [r.closed or r.created for r in records if r.closed or r.created]
    if not starts:
        return "dates not recorded"
    first, last = min(starts), max(d for d in ends if d is not None)
    return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"


def box_disposal(catalogue: Catalogue, records: Sequence[Record]) -> tuple[str, set[tuple[str, str]]]:
    """The box's disposal line, and the distinct (rule, year) pairs inside it."""
    finals: list[tuple[str, date | None, str]] = []
    for record in records:
        rule, ref, _ = rule_for(record, catalogue)
        if rule is None or not rule.implementable:
            finals.append(("unscheduled", None, ref))
            continue
        if rule.final_action == "permanent":
            finals.append(("permanent", None, ref))
            continue
        # The first day the box may go: the records centre's disposal date (retention.py).
        end = end_of_retention(rule, record, catalogue.config)
        finals.append((rule.final_action or "review", end.eligible_from, ref))
    kinds = {f[0] for f in finals}
    pairs = {(ref, str(day.year) if day else action) for action, day, ref in finals}
    if not finals:
        return "EMPTY BOX", pairs
    if "permanent" in kinds:
        return "PERMANENT", pairs
    if any(day is None for _, day, _ in finals):
        return "DISPOSAL DATE NOT YET KNOWN", pairs
    latest = max(day for _, day, _ in finals if day is not None)
    verb = (
        "DESTROY"
        if kinds == {"destroy"}
        else "REVIEW"
        if kinds == {"review"}
        else "TRANSFER"
        if kinds == {"transfer"}
        else "DISPOSE"
    )
    return f"{verb} {latest.isoformat()}", pairs


def box_labels(
    catalogue: Catalogue, boxes: Sequence[Location], as_of: date, page_url: PageUrl, transfer: str = ""
) -> tuple[list[Label], list[Diagnostic]]:
    """One label per box, numbered n of N in the order given; a warning for each box whose
    records would leave the records centre on different dates."""
    held = holds_by_record(catalogue, as_of)
    labels, problems = [], []
    for number, box in enumerate(boxes, start=1):
        records = box_contents(catalogue, box)
        disposal, pairs = box_disposal(catalogue, records)
        if len(pairs) > 1:
            listed = ", ".join(f"{ref or 'no rule'} ({year})" for ref, year in sorted(pairs))
            problems.append(
                warning(
                    LOCATIONS_FILE,
                    *catalogue.where(box.file, box.path),
                    "box-mixed-disposal",
                    f"box '{box.id}' holds records with different rules or disposal years: {listed}; "
                    "a records centre keeps one disposal date per box, so the label shows the latest",
                )
            )
        departments = sorted(
            {catalogue.config.departments.get(r.department or "", r.department or "") for r in records} - {""}
        )
        labels.append(
            Label(
                kind="box",
                id=box.id,
                title=box.title,
                barcode=box.barcode,
                url=page_url("box", box.id),
                class_text=", ".join(sorted({r.class_code or "" for r in records} - {""})),
                dates=_dates(records),
                on_hold=any(r.id in held for r in records),
                number=number,
                of=len(boxes),
                transfer=transfer,
                department="; ".join(departments),
                disposal=disposal,
            )
        )
    return labels, problems


def folder_labels(
    catalogue: Catalogue, records: Sequence[Record], as_of: date, page_url: PageUrl
) -> list[Label]:
    held = holds_by_record(catalogue, as_of)
    return [
        Label(
            kind="folder",
            id=r.id,
            title=r.title,
            barcode=r.barcode,
            url=page_url("folder", r.id),
            class_text=r.class_code or "",
            dates=_dates([r]),
            on_hold=r.id in held,
        )
        for r in records
    ]
