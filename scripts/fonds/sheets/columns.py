"""The columns of a records spreadsheet: what ``fonds export records`` writes and
``fonds import records`` reads, one column per field, named as in the record file.

Nested fields are dotted (``dates.created``, ``extent.quantity``, ``security.level``), as in
AtoM and ArchivesSpace templates; lists hold values between ``|`` (``keywords``,
``security.caveats``); ``relations`` holds ``type:target`` items; each event declared in
fonds.yml is ``events.NAME`` and each custom field ``fields.NAME``. Fields that a spreadsheet
does not carry (disposition, charge-out, fixity, overrides, access lists) are never written
by an import and are kept as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ..model import Catalogue

Kind = Literal["text", "date", "number", "list", "relations", "code", "codes", "boolean"]

RECORD_KEYS = (
    "id", "title", "description", "class", "dates", "events", "department", "creator", "format",
    "extent", "location", "uri", "fixity", "barcode", "keywords", "relations", "security", "vital",
    "retention_override", "status", "disposition", "charge_out", "notes", "fields",
)  # fmt: skip
"""The order of a record file's keys (record.schema.json): new keys go in this order."""

FORMATS = {"paper": "paper", "electronic": "electronic", "hybrid": "hybrid"}
UNITS = {
    u: u for u in ("items", "pages", "folders", "boxes", "linear-metres", "files", "megabytes", "gigabytes")
}
STATUSES = {s: s for s in ("active", "semi-active", "destroyed", "transferred")}
RELATION_TYPES = ("references", "supersedes", "part-of", "copy-of", "related-to")


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: Kind
    meaning: str
    required: bool = False

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.name.split("."))


BASE_COLUMNS = (
    Column("id", "text", "The record id. Empty in a new row: fonds gives the next free id."),
    Column("title", "text", "The title of the file or item.", True),
    Column("description", "text", "What the record is about."),
    Column("class", "code", "The file-plan class code (see the drop-down list).", True),
    Column("dates.created", "date", "When the record or file was opened, YYYY-MM-DD.", True),
    Column("dates.closed", "date", "When the file was closed (cut off), YYYY-MM-DD."),
    Column("department", "code", "The creating department's code from fonds.yml (or its name)."),
    Column("creator", "text", "The person or office that created the record."),
    Column("format", "code", "paper, electronic or hybrid.", True),
    Column("extent.quantity", "number", "How much there is, with extent.unit."),
    Column(
        "extent.unit", "code", "items, pages, folders, boxes, linear-metres, files, megabytes or gigabytes."
    ),
    Column("location", "code", "Where the physical record is: a location id (or its barcode)."),
    Column("uri", "text", "Where the electronic record is kept."),
    Column("barcode", "text", "The record's own barcode label (kept as text: leading zeros stay)."),
    Column("keywords", "list", "Keywords, separated by | (write \\| for a bar inside one)."),
    Column(
        "relations",
        "relations",
        "Related records as type:target, separated by |, e.g. supersedes:HR-2012-005. "
        "Types: " + ", ".join(RELATION_TYPES) + ". Listed relations are added; none is removed.",
    ),
    Column("security.level", "code", "The security level from catalogue/access.yml."),
    Column("security.caveats", "codes", "Caveats from catalogue/access.yml, separated by |."),
    Column("status", "code", "active, semi-active, destroyed or transferred."),
    Column("notes", "text", "Anything else worth knowing."),
)

_FIELD_KINDS: Mapping[str, Kind] = {
    "string": "text",
    "integer": "number",
    "number": "number",
    "boolean": "boolean",
    "date": "date",
}


def record_columns(catalogue: Catalogue) -> dict[str, Column]:
    """Every column the import reads for this catalogue, by name, in export order."""
    columns = {column.name: column for column in BASE_COLUMNS}
    for name, text in catalogue.config.events.items():
        columns[f"events.{name}"] = Column(f"events.{name}", "date", f"Date of the event: {text}")
    for name, spec in catalogue.config.fields.items():
        kind = "code" if spec.get("values") else _FIELD_KINDS.get(str(spec.get("type")), "text")
        meaning = str(spec.get("title") or name) + (
            f": {spec['description']}" if spec.get("description") else ""
        )
        columns[f"fields.{name}"] = Column(f"fields.{name}", kind, meaning, bool(spec.get("required")))
    return columns


def controlled(catalogue: Catalogue, column: str) -> dict[str, str] | None:
    """The values a coded column may hold (value -> its name), or None when it is free text."""
    if column == "class":
        return {code: cls.title for code, cls in catalogue.classes.items()}
    if column == "department":
        return dict(catalogue.config.departments)
    if column == "location":
        return {key: loc.title for key, loc in catalogue.locations.items()}
    if column in ("security.level",):
        return {level: level for level in catalogue.access.levels}
    if column == "security.caveats":
        return dict(catalogue.access.caveats)
    fixed = {"format": FORMATS, "extent.unit": UNITS, "status": STATUSES}.get(column)
    if fixed is not None:
        return dict(fixed)
    if column.startswith("fields."):
        values = catalogue.config.fields.get(column.removeprefix("fields."), {}).get("values")
        if values:
            return {str(v): str(v) for v in values}
    return None


def aliases(catalogue: Catalogue, column: str) -> dict[str, str]:
    """Other names a coded value goes by: a location's barcode (the label on the box)."""
    if column == "location":
        return {loc.barcode.casefold(): key for key, loc in catalogue.locations.items() if loc.barcode}
    return {}
