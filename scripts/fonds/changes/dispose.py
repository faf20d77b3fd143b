"""Destroying records: the checks before, the tombstone after, and the certificate.

A record may be destroyed when its retention rule ends in destruction (or in a review that
decided so), that day has come, and no hold in force covers it (MoReq2010 §5.3; ISO 15489-1
9.9: disposition is authorised, and documented). ``--early`` with a reason allows it
before the day, and for records whose rule cannot be computed; the reason goes into the
tombstone and onto the certificate. A permanent record is never destroyed.

The record stays in the catalogue as a tombstone (MoReq2010 "residual entity"): status
``destroyed`` and a ``disposition`` block; its shelf location is released; every other line
of its file stays as it was, as proof of what was destroyed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..diagnostics import Diagnostic
from ..model import Catalogue, Record
from ..paperwork.certificates import (
    DestroyedRecord,
    DestructionCertificate,
    certificate_html,
    certificate_markdown,
    extent_text,
)
from ..retention.assessment import BEYOND, end_of_retention, rule_for
from .files import FileChange
from .plan import (
    Plan,
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

STATUS_AFTER = (
    "retention_override",
    "vital",
    "security",
    "relations",
    "keywords",
    "barcode",
    "fixity",
    "uri",
    "location",
    "extent",
    "format",
)
"""Where a record without a ``status`` line gets one: after the last of these it has, in
the order docs/format.md lists a record's fields."""


@dataclass(frozen=True, slots=True)
class FinalAction:
    """When a record's retention ends, and in what."""

    action: str | None
    """``destroy``, ``transfer``, ``permanent``, ``review``; None when no rule applies."""
    due: date | None
    rule: str
    rule_authority: str
    waiting_for: str = ""
    reason: str = ""
    """An override's reason."""


def final_action(catalogue: Catalogue, record: Record) -> FinalAction:
    """The end of ``record``'s retention, whatever phase it is in now (an office file never
    sent to the records centre is still destroyed on its final date)."""
    rule, ref, reason = rule_for(record, catalogue)
    if record.override is not None:
        authority = record.override.authority or f"override: {record.override.reason}"
    else:
        item = catalogue.items.get(ref)
        schedule = catalogue.schedules.get(item.authority) if item else None
        authority = (item.disposition_authority or item.citation) if item else ""
        authority = authority or (schedule.citation if schedule else "")
    if rule is None or not rule.implementable:
        return FinalAction(None, None, ref, authority, reason=reason)
    if rule.final_action == "permanent":
        return FinalAction("permanent", None, ref, authority, reason=reason)
    end = end_of_retention(rule, record, catalogue.config)
    if end.start is None:
        return FinalAction(rule.final_action, None, ref, authority, end.waiting_for, reason)
    beyond = "" if end.eligible_from else f"an end of retention that {BEYOND}"
    return FinalAction(rule.final_action, end.eligible_from, ref, authority, beyond, reason)


PERSON_DECIDES = ("review", "selective-retention", "other")
"""Final actions that end in whatever a person decides: destruction or transfer may follow."""


def check_final_action(
    catalogue: Catalogue, record: Record, final: FinalAction, action: str, as_of: date, early: bool
) -> Diagnostic | None:
    """A refusal when ``record``'s rule does not end in ``action`` or it is not yet due."""
    command = {"destroy": "fonds dispose", "transfer": "fonds transfer --to ARCHIVES-LOCATION"}
    if final.action == "permanent" or (final.action not in (action, *PERSON_DECIDES, None)):
        ends_in = "permanent retention" if final.action == "permanent" else f"'{final.action}'"
        advice = "" if final.action == "permanent" else f"; use {command[final.action or 'destroy']}"
        return refusal(
            catalogue,
            record.file,
            ("class",),
            "disposal-action",
            f"{record.id}'s retention rule ({final.rule or 'override'}) ends in {ends_in}, "
            f"not '{action}'{advice}",
        )
    if early:
        return None
    if final.action is None:
        problem = "no computable retention rule applies to it"
    elif final.due is None:
        problem = f"its retention has not started: waiting for {final.waiting_for}"
    elif final.due > as_of:
        problem = f"it is not due until {final.due.isoformat()} under {final.rule}"
    else:
        return None
    return refusal(
        catalogue,
        record.file,
        ("id",),
        "not-due",
        f"{record.id} cannot be {'destroyed' if action == 'destroy' else 'transferred'} on "
        f"{as_of.isoformat()}: {problem} (to do it anyway, give --early with a --reason)",
    )


def is_early(final: FinalAction, on: date, reason: str | None) -> bool:
    """Whether ``--early`` was needed: the record is not due on ``on`` (or never computably)."""
    return reason is not None and (final.due is None or final.due > on)


def covering_dates(record: Record) -> tuple[str, str]:
    start = record.created.isoformat() if record.created else ""
    return start, record.closed.isoformat() if record.closed else ""


@dataclass(frozen=True, slots=True)
class DisposalRequest:
    ids: tuple[str, ...]
    date: date
    method: str
    authority: str
    approved_by: str
    witness: str
    early_reason: str | None = None
    """Given with ``--early``: why the records go before their due date."""
    certificate_dir: str = "certificates"


def combined_authority(rule: str | None, given: str | None) -> str:
    """What a tombstone records as its authority: the rule, then the authority the technician
    gave (the approval, a committee minute), without saying the same thing twice."""
    parts = [rule] if rule else []
    if given and given != rule:
        parts.append(given)
    return "; ".join(parts)


def _tombstone(final: FinalAction, request: DisposalRequest, cert_id: str, early: bool) -> list[Edit]:
    authority = combined_authority(final.rule, request.authority)
    if early:
        when = final.due.isoformat() if final.due else "not computable"
        authority += f"; destroyed early (due {when}): {request.early_reason}"
    disposition = {
        "action": "destroy",
        "date": request.date,
        "method": request.method,
        "authority": authority,
        "approved_by": request.approved_by,
        "witness": request.witness,
        "certificate": cert_id,
    }
    return [
        SetKey(("status",), "destroyed", after=STATUS_AFTER),
        SetKey(("disposition",), disposition, after=("status",)),
        RemoveKey(("location",)),
    ]


def _certificate_line(
    record: Record, final: FinalAction, request: DisposalRequest, early: bool
) -> DestroyedRecord:
    notes = [f"early: {request.early_reason}"] if early else []
    notes += [f"override: {final.reason}"] if final.reason else []
    start, end = covering_dates(record)
    return DestroyedRecord(
        id=record.id,
        title=record.title,
        class_code=record.class_code or "",
        dates=f"{start} – {end}" if end else start,
        extent=extent_text(record.extent.quantity, record.extent.unit) if record.extent else "",
        location=record.location or record.uri or "",
        rule=final.rule or "no rule",
        authority=final.rule_authority,
        due=final.due.isoformat() if final.due else "",
        note="; ".join(notes),
    )


def plan_disposal(
    catalogue: Catalogue, problems: Sequence[Diagnostic], root: Path, request: DisposalRequest
) -> Plan:
    """The plan to destroy ``request.ids``: tombstones and a certificate, or the refusals."""
    check_values(
        ("--method", "text", request.method),
        ("--authority", "text", request.authority),
        ("--approved-by", "person", request.approved_by),
        ("--witness", "person", request.witness),
        ("--reason", "text", request.early_reason),
        ("--certificate-dir", "folder", request.certificate_dir),
    )
    records, refusals = select_records(catalogue, request.ids)
    early = request.early_reason is not None
    refusals += file_errors(problems, [r.file for r in records])
    finals = {}
    for record in records:
        finals[record.id] = final = final_action(catalogue, record)
        for found in (
            ended(catalogue, record),
            charged_out(catalogue, record, "destroyed"),
            check_final_action(catalogue, record, final, "destroy", request.date, early),
        ):
            if found is not None:
                refusals.append(found)
        holds = active_holds(catalogue, record, request.date)
        if holds:
            refusals.append(hold_refusal(catalogue, record, holds, "destroyed"))
    rules = sorted({finals[r.id].rule or "no rule" for r in records})
    under = " and ".join(rules) if len(rules) <= 2 else f"{len(rules)} rules"
    subject = f"Dispose of {plural(len(records), 'record')} under {under}: " + listed([r.id for r in records])
    if refusals:
        return refused(subject, refusals)

    prefix = f"COD-{request.date.isoformat()}"
    taken = [r.disposition.certificate for r in catalogue.records.values() if r.disposition]
    cert_id = f"{prefix}-{next_number(prefix, [*taken, *names_in(root / request.certificate_dir)])}"
    early_ids = [r.id for r in records if is_early(finals[r.id], request.date, request.early_reason)]
    edited = [
        edit_file(
            catalogue, root, r.file, _tombstone(finals[r.id], request, cert_id, r.id in early_ids), "record"
        )
        for r in records
    ]
    lines = [_certificate_line(r, finals[r.id], request, r.id in early_ids) for r in records]
    changes, failed = gather(edited)
    if failed:
        return refused(subject, failed)
    certificate = DestructionCertificate(
        id=cert_id,
        organisation=catalogue.config.organisation or catalogue.config.name,
        date=request.date,
        method=request.method,
        authority=request.authority,
        approved_by=request.approved_by,
        witness=request.witness,
        records=tuple(lines),
    )
    for suffix, text in (
        (".md", certificate_markdown(certificate)),
        (".html", certificate_html(certificate)),
    ):
        changes.append(FileChange(output_path(request.certificate_dir, cert_id + suffix), None, text))
    details = [f"- {r.id}: {r.title} ({finals[r.id].rule or 'no rule'})" for r in records]
    details += [
        "",
        f"Certificate of destruction {cert_id}: {request.method}, {request.date.isoformat()}, "
        f"approved by {request.approved_by}, witnessed by {request.witness}.",
    ]
    if early_ids:
        details.append(f"Destroyed before the due date ({listed(early_ids)}): {request.early_reason}")
    return Plan(subject, tuple(changes), details=tuple(details))
