"""A mapping file: how a spreadsheet that names its columns otherwise becomes record fields.

A records office's list has its own headings ("File No.", "Date From", "Box", "Dept.") and
its own words ("Finance Dept", "Paper"). The mapping (YAML, checked against
``import-mapping.schema.json``; docs/spreadsheets.md) says which heading is which field,
which columns to leave out, how to translate values, what a new record gets when a cell is
empty, and in which order the sheet writes its day and month.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, Severity, error
from ..reading import schemas
from ..reading.yamlfile import parse_document
from ..sheets.cells import DateOrder
from .csvtext import cell_key


@dataclass(frozen=True, slots=True)
class ImportMapping:
    columns: Mapping[str, str] = field(default_factory=dict)
    """Header (as ``cell_key``) -> field."""
    ignore: frozenset[str] = frozenset()
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Field -> {written value (as ``cell_key``): stored value}."""
    defaults: Mapping[str, str] = field(default_factory=dict)
    date_order: DateOrder | None = None
    file: str = ""

    def field_for(self, header: str) -> str | None:
        return self.columns.get(cell_key(header))

    def ignored(self, header: str) -> bool:
        return cell_key(header) in self.ignore

    def translate(self, field_name: str, value: str) -> str:
        table = self.values.get(field_name)
        if not table:
            return value
        return table.get(cell_key(value), value)


NO_MAPPING = ImportMapping()


def read_mapping(
    path: Path, display: str, known: Mapping[str, Any]
) -> tuple[ImportMapping, list[Diagnostic]]:
    """The mapping in ``path``; ``known`` are the field names it may map to. Problems are
    errors with the line in the mapping file; with any, the mapping is not usable."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return NO_MAPPING, [
            error(display, 0, 0, "mapping", f"cannot read the mapping file: {exc.strerror or exc}")
        ]
    doc, found = parse_document(raw, display)
    if doc.data is None:
        return NO_MAPPING, found
    found += schemas.validate(doc, schemas.validator("import-mapping"), "import-mapping")
    if any(d.severity is Severity.ERROR for d in found):
        return NO_MAPPING, found
    data: dict[str, Any] = doc.data
    columns = {cell_key(str(k)): str(v) for k, v in data.get("columns", {}).items()}
    named = [(("columns", header), target) for header, target in data.get("columns", {}).items()]
    named += [(("values", name), name) for name in data.get("values", {})]
    named += [(("defaults", name), name) for name in data.get("defaults", {})]
    for where, target in named:
        if str(target) not in known:
            line, column = doc.where(where)
            found.append(
                error(
                    display,
                    line,
                    column,
                    "mapping",
                    f"'{target}' is not a record column; use one of the columns of fonds export records "
                    "(docs/spreadsheets.md), e.g. id, title, dates.created, location",
                )
            )
    if found:
        return NO_MAPPING, found
    mapping = ImportMapping(
        columns=columns,
        ignore=frozenset(cell_key(str(v)) for v in data.get("ignore", [])),
        values={
            name: {cell_key(str(k)): str(v) for k, v in table.items()}
            for name, table in data.get("values", {}).items()
        },
        defaults={str(k): str(v) for k, v in data.get("defaults", {}).items()},
        date_order=data.get("date_order"),
        file=display,
    )
    return mapping, []
