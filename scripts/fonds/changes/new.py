"""A new record file: the next free id, the class's defaults, checked before it is written.

``fonds new CLASS --title ...`` is how a technician opens a file at the counter. The new
record takes what its class implies and nothing more: its department and format default to
the ones most records of the class (else of its top class) have, and its security marking is
*not* written at all, so it keeps inheriting the class's marking when the file plan changes.
The file goes in the folder where the class's records already are. Before anything is
written the text is checked as ``fonds check`` would check it (the record schema, then the
catalogue's rules); an error refuses the record, a warning is shown with it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from ..access.markings import class_marking
from ..checks.records import check_records
from ..diagnostics import FIELD_CUTOFF, Diagnostic, Severity, close_matches, error
from ..hierarchy import ancestors
from ..ids import IdAllocator, IdError
from ..model import Catalogue, Record
from ..reading.conversion import build_catalogue
from ..reading.limits import value_problem
from ..reading.yamlfile import parse_document
from . import yaml_emit as emit
from .files import FileChange, read_text
from .plan import RECORDS_DIR, Plan, RequestError, check_values, refused, validate_text

SCHEMA = "scripts/fonds/schemas/record.schema.json"
MODELINE = "# yaml-language-server: $schema="


@dataclass(frozen=True, slots=True)
class NewRecord:
    """What the technician asked for; ``None`` means "the class's default" (or none)."""

    class_code: str
    title: str
    created: date
    id: str | None = None
    department: str | None = None
    location: str | None = None
    format: str | None = None
    keywords: tuple[str, ...] = ()
    description: str = ""
    fields: Mapping[str, Any] = field(default_factory=dict)


def _class_refusal(catalogue: Catalogue, code: str) -> Diagnostic | None:
    plan_file = "catalogue/file-plan.yml"
    cls = catalogue.classes.get(code)
    if cls is None:
        close = close_matches(code, catalogue.classes, n=3, cutoff=FIELD_CUTOFF)
        hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
        return error(plan_file, 0, 0, "unknown-class", f"class '{code}' is not in the file plan{hint}")
    if cls.retention is not None:
        return None
    parents = catalogue.class_parents
    below = [c.code for c in catalogue.classes.values() if c.retention and code in ancestors(c.code, parents)]
    advice = f"file the record in one of {', '.join(below[:8])}" if below else "give the class a rule first"
    line, column = catalogue.where(cls.file, (*cls.path, "code"))
    return error(
        cls.file,
        line,
        column,
        "class-not-assignable",
        f"class '{code}' ({cls.title}) is a heading with no retention rule; {advice}",
        ".".join(str(p) for p in (*cls.path, "code")),
    )


def _usual(catalogue: Catalogue, code: str, value: Callable[[Record], str | None]) -> tuple[str | None, str]:
    """The value most records of class ``code`` have (else of its top class), and where from."""
    parents = catalogue.class_parents
    top = ([code, *ancestors(code, parents)])[-1]
    same: Counter[str] = Counter()
    family: Counter[str] = Counter()
    for record in catalogue.records.values():
        found = value(record)
        if found is None or record.class_code is None:
            continue
        if record.class_code == code:
            same[found] += 1
        elif top in (record.class_code, *ancestors(record.class_code, parents)):
            family[found] += 1
    for counts, where in ((same, code), (family, top)):
        if counts:
            best = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]
            return best, f"as most records of {where}"
    return None, ""


def _folder(record: Record) -> str | None:
    return PurePosixPath(record.file).parent.as_posix()


def _first_line(path: Path) -> str:
    try:
        return (read_text(path) or "").lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    except (OSError, UnicodeDecodeError):
        return ""


def _modeline(catalogue: Catalogue, root: Path, folder: str) -> str:
    """The ``$schema`` comment of the records beside the new one, else of a record as deep
    in the catalogue (wherever the catalogue keeps its schemas), else one pointing at the
    record schema of this repository's layout."""
    depth = len(PurePosixPath(folder).parts)
    beside = [r.file for r in catalogue.records.values() if PurePosixPath(r.file).parent.as_posix() == folder]
    level = [r.file for r in catalogue.records.values() if len(PurePosixPath(r.file).parts) == depth + 1]
    for file in (*beside[:1], *level[:1]):
        first = _first_line(root / file)
        if first.startswith(MODELINE):
            return first[2:]
    return MODELINE[2:] + "../" * depth + SCHEMA


def _data(request: NewRecord, record_id: str) -> dict[str, Any]:
    data: dict[str, Any] = {"id": record_id, "title": request.title}
    if request.description:
        data["description"] = request.description
    data["class"] = request.class_code
    data["dates"] = {"created": request.created}
    for key, value in (
        ("department", request.department),
        ("format", request.format),
        ("location", request.location),
    ):
        if value is not None:
            data[key] = value
    if request.keywords:
        data["keywords"] = list(dict.fromkeys(request.keywords))
    if request.fields:
        data["fields"] = dict(request.fields)
    return data


def field_value(spec: Mapping[str, Any], text: str) -> Any:
    """``--field NAME=TEXT`` as the type the catalogue declares for NAME (``integer``,
    ``number``, ``boolean``), so that ``--field boxes=3`` is the number 3; text that is not
    of that type stays text, and the schema then says what is wrong with it."""
    kind = spec.get("type")
    try:
        if kind == "integer":
            return int(text)
        if kind == "number":
            return float(text) if any(c in text for c in ".eE") else int(text)
    except ValueError:
        return text
    if kind == "boolean" and text.lower() in ("true", "false"):
        return text.lower() == "true"
    return text


def choose_id(catalogue: Catalogue, request: NewRecord) -> str | Diagnostic:
    """The id asked for, or the next free one; a refusal when it is taken or cannot be made."""
    taken = catalogue.records.keys() | catalogue.record_files
    if request.id is not None:
        check_values(("--id", "id", request.id))
        if request.id in taken:
            existing = catalogue.records.get(request.id)
            where = existing.file if existing else f"{RECORDS_DIR}/"
            return error(where, 0, 0, "duplicate-id", f"record '{request.id}' already exists in {where}")
        return request.id
    try:
        return IdAllocator(catalogue, taken).next(request.class_code, request.created.year)
    except IdError as exc:
        line, column = catalogue.where(catalogue.config.file, ("id_pattern",))
        return error(catalogue.config.file, line, column, "id-pattern", str(exc), "id_pattern")


def record_problems(catalogue: Catalogue, file: str, text: str) -> list[Diagnostic]:
    """What ``fonds check`` would say about the record file ``file`` holding ``text``, given
    the rest of the catalogue: the schema's findings, then (when the schema is satisfied) the
    catalogue's rules for records."""
    found = validate_text(catalogue, file, text, "record")
    doc, _ = parse_document(text.encode("utf-8"), file)
    if found or not isinstance(doc.data, dict):
        return found
    built, _ = build_catalogue(catalogue.root, {"record": [doc]})
    record = next(iter(built.records.values()), None)
    if record is None:
        return found
    alone = replace(
        catalogue,
        records={record.id: record},
        positions={**catalogue.positions, file: doc.positions},
    )
    return [d for d in check_records(alone) if d.file == file]


def _filled(catalogue: Catalogue, request: NewRecord) -> tuple[NewRecord, list[str]]:
    """``request`` with the class's defaults filled in, a box's barcode turned into its
    location id and own fields typed; and a note for each value fonds chose."""
    notes: list[str] = []
    location = request.location
    if location is not None and location not in catalogue.locations:
        box = next((loc for loc in catalogue.locations.values() if loc.barcode == location), None)
        if box is not None:
            location = box.id
            notes.append(f"location: {box.id} (the {box.type or 'location'} with barcode {request.location})")
    department = request.department
    if department is None:
        known = catalogue.config.departments
        department, where = _usual(
            catalogue, request.class_code, lambda r: r.department if r.department in known else None
        )
        if department is not None:
            notes.append(f"department: {department} ({where}; --department to choose)")
    fmt = request.format
    if fmt is None:
        fmt, where = _usual(catalogue, request.class_code, lambda r: r.format)
        if fmt is None:
            raise RequestError(
                f"no record of {request.class_code} shows which format its files have: "
                "give --format paper, electronic or hybrid"
            )
        notes.append(f"format: {fmt} ({where}; --format to choose)")
    fields = {k: field_value(catalogue.config.fields.get(k, {}), v) for k, v in request.fields.items()}
    filled = replace(request, location=location, department=department, format=fmt, fields=fields)
    return filled, notes


def plan_new(catalogue: Catalogue, problems: Sequence[Diagnostic], root: Path, request: NewRecord) -> Plan:
    """The new record's file, or every reason it cannot be made (``problems`` is not consulted:
    the new record is checked on its own, against the catalogue)."""
    subject = f"New record in {request.class_code}: {request.title}"
    refusal = _class_refusal(catalogue, request.class_code)
    if refusal is not None:
        return refused(subject, [refusal])
    refusals: list[Diagnostic] = []
    record_id = choose_id(catalogue, request)
    if isinstance(record_id, Diagnostic):
        if request.id is None:
            return refused(subject, [record_id])
        refusals.append(record_id)
        record_id = request.id
    request, notes = _filled(catalogue, request)
    folder, _ = _usual(catalogue, request.class_code, _folder)
    parents = catalogue.class_parents
    top = [request.class_code, *ancestors(request.class_code, parents)][-1]
    safe_name = value_problem("id", top) is None
    folder = folder or (f"{RECORDS_DIR}/{top.lower()}" if safe_name else RECORDS_DIR)
    file = f"{folder}/{record_id}.yml"
    if (root / file).exists() and not refusals:
        refusals.append(error(file, 0, 0, "duplicate-id", f"{file} already exists"))
    data = _data(request, record_id)
    text = emit.document(data, header=[_modeline(catalogue, root, folder)])
    problems = record_problems(catalogue, file, text)
    refusals += [d for d in problems if d.severity is Severity.ERROR]
    if refusals:
        return refused(subject, refusals)
    marking = class_marking(request.class_code, catalogue)
    origin = marking.level_from.describe() if marking.level_from.kind == "class" else "no class sets one"
    notes.append(f"security: {marking.level} ({origin}; not written in the record)")
    notes += [f"warning: {d.message}" for d in problems if d.severity is Severity.WARNING]
    subject = f"New record {record_id} in {request.class_code}: {request.title}"
    return Plan(subject, (FileChange(file, None, text),), details=tuple(notes))
