"""``fonds import records``: spreadsheet rows -> record data -> a ``Plan`` of file changes.

A row whose id is in the catalogue updates that record in place (``edits``: only the fields
that differ change, every other byte stays); any other row is a new record file (``emit``,
with the record schema's modeline), numbered by ``ids`` when its id is empty. An empty cell
leaves a field as it is; ``relations`` are added, never removed.

Every produced record is checked as ``fonds check`` would: against the record schema, then
with the catalogue's own cross-file checks (``checks.records``) run on the catalogue with
the new records in it. Each finding is mapped back to its row and column. A row that would
change a destroyed or transferred record, or one under an active hold, is refused with the
reason. With any error the plan holds refusals only, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..changes import yaml_emit as emit
from ..changes.files import FileChange, read_text
from ..changes.plan import Plan, active_holds, edit_file, ended, file_errors, hold_refusal, listed, plural
from ..changes.yaml_edit import Edit, SetKey
from ..checks.records import check_records
from ..diagnostics import Diagnostic, Severity, error
from ..model import Catalogue, Record
from ..reading import schemas
from ..reading.records import read_record
from ..reading.yamlfile import Document, parse_document
from ..sheets.cells import CellError
from ..sheets.columns import RECORD_KEYS, Column, record_columns
from ..sheets.reader import Sheet
from .ids import IdError, IdMaker
from .mapping import ImportMapping
from .rows import Header, RowReader, RowValues, as_written, cell_name, nested, read_header

SCHEMA_TARGET = "scripts/fonds/schemas/record.schema.json"


def modeline(file: str) -> str:
    """The editor's schema comment for a new record file at ``file`` (relative to the root)."""
    return "yaml-language-server: $schema=" + "../" * file.count("/") + SCHEMA_TARGET


@dataclass(frozen=True, slots=True)
class RecordImport:
    plan: Plan
    warnings: tuple[Diagnostic, ...] = ()
    notes: tuple[str, ...] = ()
    created: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()


@dataclass
class _Touched:
    row: RowValues
    doc: Document
    record: Record | None
    new: bool


def plan_record_import(
    catalogue: Catalogue,
    loaded: list[Diagnostic],
    root: Path,
    sheet: Sheet,
    mapping: ImportMapping,
    as_of: date,
) -> RecordImport:
    """The plan for importing ``sheet`` into ``catalogue`` (read from ``root``; ``loaded``
    are the problems found reading it) on ``as_of`` (for holds)."""
    subject = f"Import records from {sheet.file}"
    columns = record_columns(catalogue)
    header = read_header(sheet, columns, mapping)
    problems = [*sheet.problems, *header.problems]
    if header.problems:
        return RecordImport(Plan(subject, refusals=tuple(sorted(set(problems)))))
    reader = RowReader(catalogue, sheet, header, mapping)
    rows = []
    for raw in sheet.rows:
        row, found = reader.read(raw.number, raw.cells)
        problems += found
        rows.append(row)
    problems += _duplicates(sheet, header, rows)
    ids = IdMaker(catalogue)
    ids.take(str(row.values["id"]) for row in rows if "id" in row.values)
    builder = _Builder(catalogue, root, sheet, header, reader, columns, ids, as_of, problems, loaded)
    for row in rows:
        builder.row(row)
    warnings = builder.cross_checks()
    created = tuple(t.record.id for t in builder.touched.values() if t.new and t.record)
    changed = tuple(t.record.id for t in builder.touched.values() if not t.new and t.record)
    notes = tuple(
        f"{name}: '{shown}' read as '{code}' ({plural(count, 'cell')})"
        for (name, shown, code), count in sorted(reader.notes.items())
    )
    if any(d.severity is Severity.ERROR for d in builder.problems):
        refusals = tuple(sorted({d for d in builder.problems if d.severity is Severity.ERROR}))
        return RecordImport(Plan(subject, refusals=refusals), tuple(warnings), notes)
    details = []
    if created:
        details.append(f"New: {listed(sorted(created))}")
    if changed:
        details.append(f"Changed: {listed(sorted(changed))}")
    subject = f"Import {plural(len(rows), 'row')} from {sheet.file}: {len(created)} new, {len(changed)} changed records"
    plan = Plan(subject, changes=tuple(builder.changes), details=tuple(details))
    return RecordImport(plan, tuple(warnings), notes, created, changed)


def _duplicates(sheet: Sheet, header: Header, rows: list[RowValues]) -> list[Diagnostic]:
    seen: dict[str, int] = {}
    found = []
    for row in rows:
        record_id = row.values.get("id")
        if not isinstance(record_id, str):
            continue
        if record_id in seen:
            index = row.where["id"] - 1
            found.append(
                error(
                    sheet.file,
                    row.number,
                    index + 1,
                    "sheet-duplicate-id",
                    f"{cell_name(sheet, header, index)}: id '{record_id}' is also in row {seen[record_id]}; "
                    "each record once (empty the id of a new record to get the next free one)",
                    "id",
                )
            )
        else:
            seen[record_id] = row.number
    return found


def _after(column: Column) -> tuple[str, ...]:
    """Where a new key goes: after its nearest earlier sibling, in the record's key order."""
    top = column.path[0]
    earlier = RECORD_KEYS[: RECORD_KEYS.index(top)] if top in RECORD_KEYS else RECORD_KEYS
    siblings = {"dates": ("created",), "extent": ("quantity",), "security": ("level",)}.get(top, ())
    return (*siblings, *reversed(earlier))


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


class _Builder:
    def __init__(
        self,
        catalogue: Catalogue,
        root: Path,
        sheet: Sheet,
        header: Header,
        reader: RowReader,
        columns: Mapping[str, Column],
        ids: IdMaker,
        as_of: date,
        problems: list[Diagnostic],
        loaded: list[Diagnostic],
    ) -> None:
        self.catalogue, self.root, self.sheet, self.header = catalogue, root, sheet, header
        self.reader, self.columns, self.ids, self.as_of = reader, columns, ids, as_of
        self.problems, self.loaded = problems, loaded
        self.changes: list[FileChange] = []
        self.touched: dict[str, _Touched] = {}
        self.validator = schemas.record_validator(catalogue.config.fields)

    def fail(self, row: RowValues, name: str | None, code: str, message: str, warn: bool = False) -> None:
        index = row.where.get(name, 0) if name else 0
        if index:
            message = f"{cell_name(self.sheet, self.header, index - 1)} ({name}): {message}"
        make = Diagnostic(
            self.sheet.file,
            row.number,
            index,
            code,
            Severity.WARNING if warn else Severity.ERROR,
            message,
            name or "",
        )
        self.problems.append(make)

    def row(self, row: RowValues) -> None:
        record_id = row.values.get("id")
        existing = self.catalogue.records.get(record_id) if isinstance(record_id, str) else None
        if existing is not None:
            self._update(row, existing)
        else:
            self._create(row)

    def _ordered(self, values: Mapping[str, Any]) -> dict[str, Any]:
        data = nested({name: values[name] for name in self.columns if name in values})
        return {
            key: data[key]
            for key in sorted(data, key=lambda k: RECORD_KEYS.index(k) if k in RECORD_KEYS else 99)
        }

    def _create(self, row: RowValues) -> None:
        values = dict(row.values)
        for name in self.reader.mapping.defaults:
            if name not in values:
                try:
                    values[name] = self.reader.default(self.columns[name])
                except CellError as exc:
                    self.fail(
                        row, None, "mapping", f"the default for {name} in {self.reader.mapping.file}: {exc}"
                    )
        if "id" not in values:
            created = values.get("dates.created")
            try:
                values["id"] = self.ids.next_id(
                    values.get("class"), created.year if isinstance(created, date) else None
                )
            except IdError as exc:
                if row.bad & {"class", "dates.created"}:
                    return  # the unreadable cell is the reason, and is reported
                self.fail(row, None, "id-unavailable", str(exc))
                return
        record_id = str(values["id"])
        file = f"{self.ids.folder(record_id, values.get('department'))}/{record_id}.yml"
        if record_id in self.catalogue.record_files or (self.root / file).exists():
            self.fail(
                row,
                "id",
                "edit-failed",
                f"a record file named {record_id}.yml exists but cannot be read; fix it first",
            )
            return
        data = self._ordered(values)
        text = emit.document(data, header=[modeline(file)])
        # emit writes text that reads back as exactly ``data`` (its invariant, tested in
        # test_yamlfile/test_edits): the data is validated without parsing the text again.
        doc = Document(file, as_written(data))
        self._report(row, file, doc, schemas.validate(doc, self.validator, "record"), new=True)
        self.changes.append(FileChange(file, None, text))

    def _checked(self, row: RowValues, file: str, text: str, *, new: bool) -> None:
        doc, found = parse_document(text.encode("utf-8"), file)
        if doc.data is not None:
            found += schemas.validate(doc, self.validator, "record")
        self._report(row, file, doc, found, new=new)

    def _report(
        self, row: RowValues, file: str, doc: Document, found: list[Diagnostic], *, new: bool
    ) -> None:
        for problem in found:
            self._map(row, problem)
        self.touched[file] = _Touched(row, doc, read_record(doc), new)

    def _map(self, row: RowValues, problem: Diagnostic, before: Iterable[tuple[str, str]] = ()) -> None:
        if (problem.code, problem.path) in before:
            return
        if row.bad and (not problem.path or problem.path.split(".")[0] in {b.split(".")[0] for b in row.bad}):
            return  # follows from a cell already reported
        name = _column_of(problem.path, row.where)
        if (
            name is None
            and problem.path.split(".")[0] in ("title", "class", "dates", "format")
            and problem.code == "schema"
        ):
            message = f"{problem.message} (add a '{problem.path or 'title'}' column, or a default in a mapping file)"
        else:
            message = problem.message
        self.fail(row, name, problem.code, message, problem.severity is Severity.WARNING)

    def _update(self, row: RowValues, record: Record) -> None:
        old = read_text(self.root / record.file)
        if old is None:
            self.fail(row, "id", "edit-failed", f"{record.file} has disappeared; run the command again")
            return
        data = parse_document(old.encode("utf-8"), record.file, track=False)[0].data
        edits: list[Edit] = []
        for name, value in row.values.items():
            column = self.columns[name]
            current = _get(data, column.path)
            if name == "relations":
                have = list(current) if isinstance(current, list) else []
                pairs = {(r.get("type"), r.get("target")) for r in have if isinstance(r, dict)}
                missing = [r for r in value if (r["type"], r["target"]) not in pairs]
                if missing:
                    edits.append(SetKey(("relations",), have + missing, _after(column)))
            elif name == "status" and value == "active" and current is None:
                continue  # active is what a record without a status is
            elif name != "id" and as_written(value) != current:
                edits.append(SetKey(column.path, value, _after(column)))
        if not edits:
            return
        for problem in file_errors(self.loaded, [record.file]):
            self.fail(
                row,
                "id",
                "edit-failed",
                f"{record.file} has problems ({problem.message}); run fonds check and fix them first",
            )
            return
        reason = ended(self.catalogue, record)
        holds = active_holds(self.catalogue, record, self.as_of)
        if reason is None and holds:
            reason = hold_refusal(self.catalogue, record, holds, "changed by an import")
        if reason is not None:
            self.fail(
                row, "id", reason.code, f"{reason.message}; leave this row out (nothing in it was imported)"
            )
            return
        result = edit_file(self.catalogue, self.root, record.file, edits, "record")
        if isinstance(result, Diagnostic):
            self.fail(row, "id", result.code, f"{record.file}: {result.message}")
            return
        self.changes.append(result)
        self._checked(row, record.file, result.new, new=False)

    def cross_checks(self) -> list[Diagnostic]:
        """Findings of the catalogue's own checks on the imported records, mapped to rows;
        returns the warnings (errors go to the problems)."""
        if not self.touched:
            return []
        catalogue = self.catalogue
        updated = {t.record.id: t.record for t in self.touched.values() if t.record is not None}
        combined = replace(
            catalogue,
            records={**catalogue.records, **updated},
            positions={**catalogue.positions, **{file: t.doc.positions for file, t in self.touched.items()}},
            record_files=catalogue.record_files | set(updated),
        )
        before: dict[str, set[tuple[str, str]]] = {}
        if any(not t.new for t in self.touched.values()):
            for d in check_records(catalogue):
                if d.file in self.touched:
                    before.setdefault(d.file, set()).add((d.code, d.path))
        flagged = {(d.line, d.path) for d in self.problems}
        start = len(self.problems)
        for finding in check_records(combined):
            touched = self.touched.get(finding.file)
            if touched is None or (touched.row.number, finding.path) in flagged:
                continue
            self._map(touched.row, finding, before.get(finding.file, set()))
        added = self.problems[start:]
        self.problems[start:] = [d for d in added if d.severity is Severity.ERROR]
        return sorted(d for d in added if d.severity is Severity.WARNING)


def _column_of(path: str, where: Mapping[str, int]) -> str | None:
    parts = path.split(".") if path else []
    for size in range(len(parts), 0, -1):
        name = ".".join(parts[:size])
        if name in where:
            return name
    return next((name for name in where if path and name.startswith(path + ".")), None)
