"""A record file's plain data as a ``Record``, leniently (see ``lenient``)."""

from __future__ import annotations

from typing import Any

from ..dates import parse_date
from ..model import ChargeOut, Disposition, Extent, Fixity, Override, Record, Relation, Review, Vital
from .blocks import read_marking, read_rule
from .lenient import choice_of, list_of, mapping_of, optional_string, string_of, strings_of
from .yamlfile import Document

_RELATION_TYPES = ("references", "supersedes", "part-of", "copy-of", "related-to")


def read_record(doc: Document) -> Record | None:
    """The record in ``doc`` (a parsed record file), or None when it has no id."""
    data = doc.data
    if not isinstance(data, dict):
        return None
    record_id = data.get("id")
    if not isinstance(record_id, str):
        return None
    dates = mapping_of(data, "dates")
    vital = mapping_of(data, "vital")
    events = {
        name: parsed
        for name, value in mapping_of(data, "events").items()
        if (parsed := parse_date(value)) is not None
    }
    return Record(
        id=record_id,
        title=string_of(data, "title"),
        class_code=optional_string(data, "class"),
        created=parse_date(dates.get("created")),
        closed=parse_date(dates.get("closed")),
        format=choice_of(data, "format", ("paper", "electronic", "hybrid")),
        file=doc.file,
        description=string_of(data, "description"),
        events=events,
        department=optional_string(data, "department"),
        creator=string_of(data, "creator"),
        extent=_extent(mapping_of(data, "extent")),
        location=optional_string(data, "location"),
        uri=optional_string(data, "uri"),
        fixity=_fixity(mapping_of(data, "fixity")),
        barcode=optional_string(data, "barcode"),
        keywords=strings_of(data, "keywords"),
        relations=_relations(list_of(data, "relations")),
        security=read_marking(data.get("security")),
        vital=Vital(string_of(vital, "review"), parse_date(vital.get("last_reviewed"))) if vital else None,
        override=_override(mapping_of(data, "retention_override")),
        status=choice_of(data, "status", ("active", "semi-active", "destroyed", "transferred"), "active"),
        disposition=_disposition(mapping_of(data, "disposition")),
        charge_out=_charge_out(mapping_of(data, "charge_out")),
        charge_history=tuple(
            ChargeOut(
                string_of(entry, "to"),
                parse_date(entry.get("since")),
                parse_date(entry.get("due")),
                parse_date(entry.get("returned")),
            )
            for entry in list_of(data, "charge_history")
            if isinstance(entry, dict)
        ),
        reviews=tuple(_review(entry) for entry in list_of(data, "reviews") if isinstance(entry, dict)),
        notes=string_of(data, "notes"),
        fields=mapping_of(data, "fields"),
    )


def _extent(extent: dict[str, Any]) -> Extent | None:
    quantity = extent.get("quantity")
    if isinstance(quantity, int | float) and not isinstance(quantity, bool):
        return Extent(float(quantity), string_of(extent, "unit"))
    return None


def _fixity(fixity: dict[str, Any]) -> Fixity | None:
    if not fixity:
        return None
    size = fixity.get("bytes")
    return Fixity(
        string_of(fixity, "sha256"),
        size if isinstance(size, int) else None,
        parse_date(fixity.get("checked_on")),
    )


def _relations(entries: list[Any]) -> tuple[Relation, ...]:
    return tuple(
        Relation(entry["type"], entry["target"], string_of(entry, "note"))
        for entry in entries
        if isinstance(entry, dict)
        and isinstance(entry.get("target"), str)
        and entry.get("type") in _RELATION_TYPES
    )


def _override(override: dict[str, Any]) -> Override | None:
    if not override:
        return None
    return Override(
        read_rule(override.get("rule")), string_of(override, "reason"), string_of(override, "authority")
    )


def _disposition(disposition: dict[str, Any]) -> Disposition | None:
    if not disposition:
        return None
    return Disposition(
        action=choice_of(disposition, "action", ("destroy", "transfer"), "destroy"),
        date=parse_date(disposition.get("date")),
        authority=string_of(disposition, "authority"),
        method=string_of(disposition, "method"),
        approved_by=string_of(disposition, "approved_by"),
        witness=string_of(disposition, "witness"),
        to=string_of(disposition, "to"),
        certificate=string_of(disposition, "certificate"),
    )


def _charge_out(charge: dict[str, Any]) -> ChargeOut | None:
    if not charge:
        return None
    return ChargeOut(string_of(charge, "to"), parse_date(charge.get("since")), parse_date(charge.get("due")))


def _review(entry: dict[str, Any]) -> Review:
    """One outcome of ``fonds review`` (a vital-record or retention review)."""
    return Review(
        on=parse_date(entry.get("date")),
        kind=choice_of(entry, "kind", ("vital", "retention"), "retention"),
        outcome=choice_of(entry, "outcome", ("keep", "extend", "reschedule", "approve"), "keep"),
        reviewer=string_of(entry, "reviewer"),
        reason=string_of(entry, "reason"),
        next_review=parse_date(entry.get("next_review")),
        extended_by=string_of(entry, "extended_by"),
        item=string_of(entry, "item"),
        action=string_of(entry, "action"),
    )
