"""``fonds transfer --box``: a whole box (the location and everything in it) to a records centre.

The box's ``parent`` in catalogue/locations.yml becomes the destination; its records keep
their location (the box) and, active ones going into a records centre, become semi-active.
Records centres keep one disposal date per box, so a box whose records end under different
rules or in different years is warned about, never refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..diagnostics import Diagnostic
from ..hierarchy import ancestors
from ..model import Catalogue, Location
from ..paperwork.certificates import (
    TransferList,
    record_count,
    transfer_csv,
    transfer_html,
    transfer_warnings,
)
from ..paperwork.labels import LOCATIONS_FILE, box_contents, box_disposal
from .dispose import STATUS_AFTER, final_action
from .files import FileChange
from .plan import (
    Plan,
    RequestError,
    charged_out,
    check_values,
    edit_file,
    file_errors,
    gather,
    names_in,
    next_number,
    output_path,
    plural,
    refusal,
    refused,
)
from .transfer import TransferRequest, _listed, receiving_place, within
from .yaml_edit import SetKey


@dataclass(frozen=True, slots=True)
class BoxTransferRequest:
    box: str
    to: str
    date: date
    list_dir: str = "transfer-lists"


def _places(catalogue: Catalogue, request: BoxTransferRequest) -> tuple[Location, Location]:
    check_values(
        ("--box", "id", request.box), ("--to", "id", request.to), ("--list-dir", "folder", request.list_dir)
    )
    box, dest = catalogue.locations.get(request.box), catalogue.locations.get(request.to)
    if box is None or dest is None:
        raise RequestError(
            f"location '{request.box if box is None else request.to}' is not in {LOCATIONS_FILE}"
        )
    if box.type != "box":
        raise RequestError(f"'{box.id}' is a {box.type}, not a box: give --box a box id")
    if within(catalogue, dest.id, "archives"):
        raise RequestError(
            "a box goes to the archives record by record, as each is due: fonds transfer RECORD... "
            f"--to {dest.id} --authority TEXT --approved-by NAME (the transfer list names the box)"
        )
    parents = catalogue.location_parents
    if dest.id == box.id or box.id in ancestors(dest.id, parents):
        raise RequestError(f"'{dest.id}' is inside box '{box.id}': a box cannot go inside itself")
    if dest.type in ("system", "box"):
        raise RequestError(
            f"'{dest.id}' is a {dest.type}: a box goes onto a shelf, into a room or a records centre"
        )
    return box, dest


def mixed_disposal_warning(catalogue: Catalogue, box: Location) -> str:
    """A warning line when the box's records end under different rules or in different years."""
    _, pairs = box_disposal(catalogue, box_contents(catalogue, box))
    if len(pairs) <= 1:
        return ""
    found = ", ".join(f"{ref or 'no rule'} ({year})" for ref, year in sorted(pairs))
    return f"box {box.id} holds records with different rules or disposal years: {found}; a records centre keeps one disposal date per box"


def plan_box_transfer(
    catalogue: Catalogue, problems: Sequence[Diagnostic], root: Path, request: BoxTransferRequest
) -> Plan:
    """Move the box and list its records, or the refusals. ``RequestError`` for bad places."""
    box, dest = _places(catalogue, request)
    records = box_contents(catalogue, box)
    subject = f"Move box {box.id} ({plural(len(records), 'record')}) to {dest.id} ({dest.title})"
    refusals = file_errors(problems, [LOCATIONS_FILE, *(r.file for r in records)])
    refusals += [
        found for r in records if (found := charged_out(catalogue, r, "moved with its box")) is not None
    ]
    if box.parent == dest.id:
        refusals.append(
            refusal(
                catalogue,
                LOCATIONS_FILE,
                (*box.path, "parent"),
                "no-change",
                f"box {box.id} is already at {dest.id}",
            )
        )
    if refusals:
        return refused(subject, refusals)
    moved = edit_file(
        catalogue, root, LOCATIONS_FILE, [SetKey((*map(str, box.path), "parent"), dest.id)], "locations"
    )
    semi = within(catalogue, dest.id, "records-centre")
    edited = [
        edit_file(catalogue, root, r.file, [SetKey(("status",), "semi-active", after=STATUS_AFTER)], "record")
        for r in records
        if semi and r.status == "active"
    ]
    changes, failed = gather([moved, *edited])
    if failed:
        return refused(subject, failed)
    prefix = f"TL-{request.date.isoformat()}"
    taken = [r.disposition.certificate for r in catalogue.records.values() if r.disposition]
    list_id = f"{prefix}-{next_number(prefix, [*taken, *names_in(root / request.list_dir)])}"
    moving = TransferRequest(ids=tuple(r.id for r in records), to=dest.id, date=request.date)
    listed = tuple(
        replace(
            _listed(catalogue, n, r, final_action(catalogue, r), moving, False),
            box=box.id,
            barcode=box.barcode or "",
        )
        for n, r in enumerate(records, 1)
    )
    receiver = receiving_place(catalogue, dest.id).title
    transfer = TransferList(
        list_id,
        catalogue.config.organisation or catalogue.config.name,
        request.date,
        dest.id,
        dest.title,
        False,
        receiver,
        "",
        "",
        listed,
    )
    for suffix, text in ((".csv", transfer_csv(transfer)), (".html", transfer_html(transfer))):
        changes.append(FileChange(output_path(request.list_dir, list_id + suffix), None, text))
    details = [f"- {r.id}: {r.title}" for r in records]
    details += ["", f"Transfer list {list_id}: box {box.id}, {record_count(listed)}, received by {receiver}."]
    warning = mixed_disposal_warning(catalogue, box)
    details += [
        f"Warning: {line}" for line in [*([warning] if warning else []), *transfer_warnings(transfer)]
    ]
    return Plan(subject, tuple(changes), details=tuple(details))
