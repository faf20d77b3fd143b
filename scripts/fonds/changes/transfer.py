"""Moving records between storage places, and transferring them to the archives.

Two actions share one command, as they share one piece of paper (the transfer list):

- a **move** (office to records centre, between boxes, back to the office) changes a
  physical record's ``location``; moving an active record into a records centre makes it
  ``semi-active``, the next phase of an ARCS/ORCS rule. Holds do not stop moves
  (retention.md): a held box may still go off-site.
- a **transfer to the archives** (a location of type ``archives``, or inside one) ends the
  organisation's custody, like destruction: only when the rule ends in transfer and it is
  due (or ``--early`` with a reason), never under a hold; the record becomes a tombstone with
  status ``transferred`` and a ``disposition`` block, and its shelf location is released.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..hierarchy import ancestors
from ..model import Catalogue, Location, Record
from ..paperwork.certificates import (
    ListedRecord,
    TransferList,
    extent_text,
    record_count,
    transfer_csv,
    transfer_html,
    transfer_warnings,
)
from .dispose import (
    STATUS_AFTER,
    FinalAction,
    check_final_action,
    combined_authority,
    covering_dates,
    final_action,
    is_early,
)
from .files import FileChange
from .plan import (
    Plan,
    RequestError,
    active_holds,
    charged_out,
    check_values,
    edit_file,
    ended,
    file_errors,
    gather,
    hold_refusal,
    listed,
    names_in,
    next_number,
    output_path,
    plural,
    refusal,
    refused,
    select_records,
)
from .yaml_edit import Edit, RemoveKey, SetKey


@dataclass(frozen=True, slots=True)
class TransferRequest:
    ids: tuple[str, ...]
    to: str
    """A location id; inside an ``archives`` location it is a transfer to the archives."""
    date: date
    archives: str | None = None
    """The receiving archives' name, when not the location's title."""
    authority: str | None = None
    approved_by: str | None = None
    witness: str | None = None
    early_reason: str | None = None
    list_dir: str = "transfer-lists"


def within(catalogue: Catalogue, location_id: str, kind: str) -> bool:
    """Whether ``location_id`` is a ``kind`` location (records-centre, archives) or inside one."""
    parents = catalogue.location_parents
    chain = [location_id, *ancestors(location_id, parents)]
    return any(catalogue.locations[key].type == kind for key in chain if key in catalogue.locations)


def _destination(catalogue: Catalogue, request: TransferRequest) -> tuple[Location, bool]:
    check_values(
        ("--to", "id", request.to),
        ("--archives", "text", request.archives),
        ("--authority", "text", request.authority),
        ("--approved-by", "person", request.approved_by),
        ("--witness", "person", request.witness),
        ("--reason", "text", request.early_reason),
        ("--list-dir", "folder", request.list_dir),
    )
    dest = catalogue.locations.get(request.to)
    if dest is None:
        raise RequestError(f"location '{request.to}' is not in catalogue/locations.yml")
    to_archives = within(catalogue, dest.id, "archives")
    if to_archives:
        missing = [
            name
            for name, value in (("--authority", request.authority), ("--approved-by", request.approved_by))
            if not value
        ]
        if missing:
            raise RequestError(f"a transfer to the archives needs {' and '.join(missing)}")
    elif dest.type == "system":
        raise RequestError(f"'{dest.id}' is a system ({dest.title}); records move between physical places")
    elif request.early_reason is not None or request.archives:
        raise RequestError("--early and --archives are for transfers to an archives location")
    return dest, to_archives


def _refusals(
    catalogue: Catalogue, record: Record, final: FinalAction, request: TransferRequest, to_archives: bool
) -> list[Diagnostic | None]:
    verb = "transferred" if to_archives else "moved"
    found = [ended(catalogue, record), charged_out(catalogue, record, verb)]
    if to_archives:
        early = request.early_reason is not None
        found.append(check_final_action(catalogue, record, final, "transfer", request.date, early))
        holds = active_holds(catalogue, record, request.date)
        found.append(hold_refusal(catalogue, record, holds, verb) if holds else None)
    elif record.format == "electronic":
        found.append(
            refusal(
                catalogue,
                record.file,
                ("format",),
                "not-physical",
                f"{record.id} is an electronic record: it has no shelf or box to move",
            )
        )
    elif record.location == request.to:
        found.append(
            refusal(
                catalogue, record.file, ("location",), "no-change", f"{record.id} is already at {request.to}"
            )
        )
    return found


def _edits(
    catalogue: Catalogue,
    record: Record,
    final: FinalAction,
    request: TransferRequest,
    receiver: str,
    list_id: str,
    to_archives: bool,
) -> list[Edit]:
    if not to_archives:
        edits: list[Edit] = [SetKey(("location",), request.to, after=("extent", "format"))]
        if record.status == "active" and within(catalogue, request.to, "records-centre"):
            edits.append(SetKey(("status",), "semi-active", after=STATUS_AFTER))
        return edits
    authority = combined_authority(final.rule, request.authority)
    if is_early(final, request.date, request.early_reason):
        when = final.due.isoformat() if final.due else "not computable"
        authority += f"; transferred early (due {when}): {request.early_reason}"
    disposition: dict[str, Any] = {
        "action": "transfer",
        "date": request.date,
        "authority": authority,
        "approved_by": request.approved_by,
    }
    if request.witness:
        disposition["witness"] = request.witness
    disposition |= {"to": receiver, "certificate": list_id}
    return [
        SetKey(("status",), "transferred", after=STATUS_AFTER),
        SetKey(("disposition",), disposition, after=("status",)),
        RemoveKey(("location",)),
    ]


def receiving_place(catalogue: Catalogue, location_id: str) -> Location:
    """Who receives what goes to ``location_id``: the nearest records centre or archives that
    holds it (the location itself or an ancestor), else its outermost place (the building);
    never the box or shelf itself, which cannot sign for anything."""
    parents = catalogue.location_parents
    chain = [
        catalogue.locations[key]
        for key in (location_id, *ancestors(location_id, parents))
        if key in catalogue.locations
    ]
    return next((loc for loc in chain if loc.type in ("records-centre", "archives")), chain[-1])


def _listed(
    catalogue: Catalogue,
    item: int,
    record: Record,
    final: FinalAction,
    request: TransferRequest,
    to_archives: bool,
) -> ListedRecord:
    dest = catalogue.locations[request.to]
    origin = catalogue.locations.get(record.location or "")
    box = dest if dest.type == "box" else origin if origin is not None and origin.type == "box" else None
    if to_archives:
        disposal = "permanent (archives)"
    elif final.action is None:
        disposal = "no rule"
    elif final.due is None:
        disposal = f"{final.action}, waiting for {final.waiting_for}" if final.waiting_for else final.action
    else:
        disposal = f"{final.action} {final.due.isoformat()}"
    holds = [hold.id for hold in active_holds(catalogue, record, request.date)]
    warning = ""
    if holds:
        disposal = f"DO NOT DESTROY (legal hold); then {disposal}"
    elif final.action == "destroy" and final.due is not None and final.due < request.date:
        warning = f"destruction was due {final.due.isoformat()}: past its date; check before shelving it"
    start, end = covering_dates(record)
    return ListedRecord(
        item=item,
        box=box.id if box else "",
        barcode=(box.barcode or "") if box else "",
        id=record.id,
        title=record.title,
        date_from=start,
        date_to=end,
        extent=extent_text(record.extent.quantity, record.extent.unit) if record.extent else "",
        origin=record.location or "",
        class_code=record.class_code or "",
        disposal=disposal,
        hold=f"{', '.join(holds)}: DO NOT DESTROY" if holds else "",
        warning=warning,
    )


def plan_transfer(
    catalogue: Catalogue, problems: Sequence[Diagnostic], root: Path, request: TransferRequest
) -> Plan:
    """The plan to move or transfer ``request.ids``, with its transfer list, or the refusals.

    Raises ``RequestError`` for a destination that cannot be used, or options it lacks."""
    dest, to_archives = _destination(catalogue, request)
    receiver = request.archives or receiving_place(catalogue, dest.id).title
    records, refusals = select_records(catalogue, request.ids)
    refusals += file_errors(problems, [r.file for r in records])
    finals = {record.id: final_action(catalogue, record) for record in records}
    for record in records:
        refusals += [d for d in _refusals(catalogue, record, finals[record.id], request, to_archives) if d]
    ids = [r.id for r in records]
    if to_archives:
        subject = f"Transfer {plural(len(records), 'record')} to the archives ({receiver}): {listed(ids)}"
    else:
        subject = f"Move {plural(len(records), 'record')} to {dest.id} ({dest.title}): {listed(ids)}"
    if refusals:
        return refused(subject, refusals)

    prefix = f"TL-{request.date.isoformat()}"
    taken = [r.disposition.certificate for r in catalogue.records.values() if r.disposition]
    list_id = f"{prefix}-{next_number(prefix, [*taken, *names_in(root / request.list_dir)])}"
    edited = [
        edit_file(
            catalogue,
            root,
            record.file,
            _edits(catalogue, record, finals[record.id], request, receiver, list_id, to_archives),
            "record",
        )
        for record in records
    ]
    changes, failed = gather(edited)
    if failed:
        return refused(subject, failed)
    transfer = TransferList(
        id=list_id,
        organisation=catalogue.config.organisation or catalogue.config.name,
        date=request.date,
        destination=dest.id,
        destination_title=dest.title,
        to_archives=to_archives,
        receiver=receiver,
        authority=request.authority or "",
        approved_by=request.approved_by or "",
        records=tuple(
            _listed(catalogue, n, record, finals[record.id], request, to_archives)
            for n, record in enumerate(records, 1)
        ),
    )
    for suffix, text in ((".csv", transfer_csv(transfer)), (".html", transfer_html(transfer))):
        changes.append(FileChange(output_path(request.list_dir, list_id + suffix), None, text))
    details = [f"- {r.id}: {r.title} (from {r.location or 'no location'})" for r in records]
    details += ["", f"Transfer list {list_id}: {record_count(transfer.records)}, received by {receiver}."]
    details += [f"Warning: {line}" for line in transfer_warnings(transfer)]
    return Plan(subject, tuple(changes), details=tuple(details))
