"""``fonds import file-plan`` and ``fonds import locations``: new classes or locations from a
spreadsheet, added at the end of ``catalogue/file-plan.yml`` or ``catalogue/locations.yml``.

The file plan's columns follow Microsoft Purview's file-plan CSV where it has one for a fonds
field (``ReferenceId`` -> ``code``, ``LabelName`` -> ``title``, ``Comment`` -> ``scope``,
``Category`` -> ``parent``); Purview's retention columns (``RetentionAction``,
``RetentionDuration``, ...) describe a label, not a schedule item, and are ignored with a note:
give ``retention`` as a schedule item ref instead. Existing entries are never changed: a row
whose code or id exists is refused. Every other byte of the file is kept, and the new file is
checked against its schema and read back to hold exactly the old entries plus the new ones.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..changes import yaml_emit as emit
from ..changes.files import FileChange, read_text
from ..changes.plan import Plan, listed, validate_text
from ..diagnostics import FIELD_CUTOFF, Diagnostic, close_matches, error
from ..model import Catalogue
from ..reading.limits import is_id
from ..reading.yamlfile import parse_document
from ..sheets import cells
from ..sheets.cells import CellError
from ..sheets.reader import Sheet, column_letter
from .csvtext import cell_key

LOCATION_TYPES = (
    "site",
    "building",
    "room",
    "cabinet",
    "shelf",
    "box",
    "records-centre",
    "archives",
    "system",
)
PURVIEW_IGNORED = (
    "Notes", "IsRecordLabel", "RetentionAction", "RetentionDuration", "RetentionType", "ReviewerEmail",
    "DepartmentName", "SubCategory", "AuthorityType", "CitationName", "CitationUrl", "CitationJurisdiction",
    "Regulatory", "EventType",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class EntryKind:
    file: str
    key: str
    """The list in the file: ``classes`` or ``locations``."""
    id_field: str
    fields: tuple[str, ...]
    aliases: Mapping[str, str]
    kind: str


FILE_PLAN = EntryKind(
    "catalogue/file-plan.yml",
    "classes",
    "code",
    ("code", "title", "parent", "scope", "retention", "owner"),
    {"referenceid": "code", "labelname": "title", "comment": "scope", "category": "parent"},
    "file-plan",
)
LOCATIONS = EntryKind(
    "catalogue/locations.yml",
    "locations",
    "id",
    ("id", "type", "title", "parent", "address", "barcode", "capacity", "notes"),
    {},
    "locations",
)


def plan_entry_import(
    catalogue: Catalogue, root: Path, sheet: Sheet, kind: EntryKind
) -> tuple[Plan, list[str]]:
    """The plan adding the sheet's rows to ``kind``'s file, and notes on ignored columns."""
    subject = f"Import {kind.key} from {sheet.file}"
    problems: list[Diagnostic] = list(sheet.problems)
    columns, notes = _header(sheet, kind, problems)
    existing = set(catalogue.classes if kind is FILE_PLAN else catalogue.locations)
    entries: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for row in sheet.rows:
        entry: dict[str, Any] = {}
        for index, name in columns.items():
            value = cells.text(row.cells[index]) if index < len(row.cells) else ""
            if not value:
                continue
            try:
                entry[name] = _value(kind, name, value)
            except CellError as exc:
                problems.append(_at(sheet, row.number, index, name, str(exc)))
        key = entry.get(kind.id_field)
        where = next((i for i, n in columns.items() if n == kind.id_field), 0)
        if not key:
            problems.append(
                error(sheet.file, row.number, 0, "sheet-value", f"the row has no {kind.id_field}; write one")
            )
            continue
        if key in existing:
            problems.append(
                _at(
                    sheet,
                    row.number,
                    where,
                    kind.id_field,
                    f"'{key}' is already in {kind.file}; change it there by hand",
                )
            )
        elif key in seen:
            problems.append(
                _at(sheet, row.number, where, kind.id_field, f"'{key}' is also in row {seen[key]}")
            )
        seen.setdefault(key, row.number)
        entries.append({**entry, "_row": row.number})
    known = existing | set(seen)
    for entry in entries:
        problems += _cross(catalogue, sheet, kind, columns, entry, known)
    if problems or not entries:
        return Plan(subject, refusals=tuple(sorted(set(problems)))), notes
    return _append(catalogue, root, sheet, kind, entries), notes


def _header(sheet: Sheet, kind: EntryKind, problems: list[Diagnostic]) -> tuple[dict[int, str], list[str]]:
    columns: dict[int, str] = {}
    notes = []
    ignored = {cell_key(name) for name in PURVIEW_IGNORED} if kind is FILE_PLAN else set()
    for index, raw in enumerate(sheet.header):
        name = cell_key(str(raw))
        target = kind.aliases.get(name.replace(" ", ""), name)
        if not name:
            continue
        if name in ignored:
            notes.append(f"column {column_letter(index)} '{raw}' is not used (a Purview label setting)")
        elif target not in kind.fields:
            near = close_matches(target, kind.fields, cutoff=FIELD_CUTOFF)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            problems.append(
                error(
                    sheet.file,
                    sheet.header_row,
                    index + 1,
                    "sheet-header",
                    f"column {column_letter(index)} '{raw}' is not a {kind.key} column{hint}; "
                    f"the columns are: {', '.join(kind.fields)}",
                )
            )
        elif target in columns.values():
            problems.append(
                error(
                    sheet.file,
                    sheet.header_row,
                    index + 1,
                    "sheet-header",
                    f"column {column_letter(index)} '{raw}' fills '{target}' a second time",
                )
            )
        else:
            columns[index] = target
    if kind.id_field not in columns.values() and not problems:
        problems.append(
            error(
                sheet.file, sheet.header_row, 0, "sheet-header", f"the sheet has no '{kind.id_field}' column"
            )
        )
    return columns, notes


def _at(sheet: Sheet, row: int, index: int, name: str, message: str) -> Diagnostic:
    return error(
        sheet.file, row, index + 1, "sheet-value", f"column {column_letter(index)} ({name}): {message}", name
    )


def _value(kind: EntryKind, name: str, value: str) -> Any:
    if name in (kind.id_field, "parent") and not is_id(value):
        raise CellError(f"'{value}' cannot be a code: use letters, digits, '.', '_' and '-'")
    if name == "capacity":
        number = cells.read_number(value)
        if not isinstance(number, int) or number < 1:
            raise CellError(f"'{value}' is not a whole number of items above 0")
        return number
    if name == "type":
        return cells.read_code(value, {t: t for t in LOCATION_TYPES}, "location type")[0]
    return value


def _cross(
    catalogue: Catalogue,
    sheet: Sheet,
    kind: EntryKind,
    columns: Mapping[int, str],
    entry: Mapping[str, Any],
    known: set[str],
) -> list[Diagnostic]:
    """What ``fonds check`` would say of the new entry: its parent, item and owner must exist."""
    found = []
    where = {name: index for index, name in columns.items()}
    row = int(entry["_row"])
    parent = entry.get("parent")
    if parent and parent not in known:
        found.append(
            _at(sheet, row, where["parent"], "parent", f"'{parent}' is not in {kind.file} nor in this sheet")
        )
    item = entry.get("retention")
    if item and item not in catalogue.items:
        found.append(
            _at(
                sheet,
                row,
                where["retention"],
                "retention",
                f"'{item}' is not a schedule item (write AUTHORITY/ITEM, e.g. nara-grs/1.1.010)",
            )
        )
    owner = entry.get("owner")
    if owner and owner not in catalogue.access.groups:
        found.append(
            _at(
                sheet,
                row,
                where["owner"],
                "owner",
                f"'{owner}' is not an access group in catalogue/access.yml",
            )
        )
    if kind is LOCATIONS and not entry.get("type"):
        found.append(
            error(
                sheet.file,
                row,
                0,
                "sheet-value",
                "the row has no type; write one of: " + ", ".join(LOCATION_TYPES),
            )
        )
    if "title" not in entry:
        found.append(error(sheet.file, row, 0, "sheet-value", "the row has no title; write one"))
    return found


def _append(
    catalogue: Catalogue, root: Path, sheet: Sheet, kind: EntryKind, entries: list[dict[str, Any]]
) -> Plan:
    old = read_text(root / kind.file) or f"{kind.key}:\n"
    data = parse_document(old.encode("utf-8"), kind.file, track=False)[0].data
    indent = _item_indent(old, kind.key)
    nl = "\r\n" if "\r\n" in old else "\n"
    lines = []
    clean = [{k: v for k, v in entry.items() if k != "_row"} for entry in entries]
    for entry in clean:
        ordered = {name: entry[name] for name in kind.fields if name in entry}
        block = [line for key, value in ordered.items() for line in emit.block(key, value, indent + 2)]
        lines += ["", " " * indent + "- " + block[0].lstrip(), *block[1:]]
    text = old + ("" if old.endswith(("\n", "\r")) else nl) + nl.join(lines) + nl
    expected = dict(data) if isinstance(data, dict) else {}
    expected[kind.key] = [*expected.get(kind.key, []), *clean]
    problems = validate_text(catalogue, kind.file, text, kind.kind)
    back = parse_document(text.encode("utf-8"), kind.file, track=False)[0].data
    if problems or back != expected:
        reason = problems[0].message if problems else "the file would not read back as intended"
        return Plan(
            f"Import {kind.key}",
            refusals=(error(kind.file, 0, 0, "edit-failed", f"{reason}; add them by hand"),),
        )
    ids = [str(entry[kind.id_field]) for entry in clean]
    return Plan(
        f"Import {len(ids)} {kind.key if len(ids) != 1 else kind.key.removesuffix('es').removesuffix('s')} from {sheet.file} into {kind.file}",
        changes=(FileChange(kind.file, read_text(root / kind.file), text),),
        details=(f"New: {listed(ids)}",),
    )


def _item_indent(text: str, key: str) -> int:
    inside = False
    for line in text.splitlines():
        if line.startswith(f"{key}:"):
            inside = True
            continue
        stripped = line.lstrip(" ")
        if inside and stripped.startswith("- "):
            return len(line) - len(stripped)
    return 2
