"""One plain-language message per JSON Schema keyword: what a technician reads when a file
breaks its schema.

jsonschema names the keyword that failed (``required``, ``enum``, ``pattern``...); the
message for it is looked up in ``MESSAGES_BY_KEYWORD``. To word a new keyword, add a function
here and register it. A keyword with no message of its own falls back to jsonschema's text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from jsonschema.exceptions import ValidationError

from ..diagnostics import FIELD_CUTOFF, Diagnostic, error, suggest
from ..model import Path
from .yamlfile import Document


def field_name(path: Path) -> str:
    """A path as a technician reads it: ``relations[3].target`` (entries counted from 1)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else part
    return text or "the file"


def dotted(path: Path) -> str:
    return ".".join(str(part) for part in path)


@dataclass(frozen=True, slots=True)
class Failure:
    """One schema error in one document, with what every message needs to word and place it."""

    doc: Document
    err: ValidationError
    custom: bool
    """The document is a record, whose ``fields`` block is the catalogue's own (``custom-field``)."""
    value_code: str
    """The code for a value in the wrong form: ``invalid-date``, ``invalid-duration`` or ``schema``."""

    @property
    def path(self) -> Path:
        return tuple(self.err.absolute_path)

    @property
    def name(self) -> str:
        return field_name(self.path)

    @property
    def schema(self) -> dict[str, Any]:
        return self.err.schema if isinstance(self.err.schema, dict) else {}

    @property
    def expected(self) -> Any:
        return self.err.validator_value

    @property
    def hint(self) -> str | None:
        return hint_of(self.schema)

    def emit(self, code: str, message: str, at: Path | None = None) -> Diagnostic:
        at = self.path if at is None else at
        line, column = self.doc.where(at)
        if self.custom and at[:1] == ("fields",):
            code = "custom-field"
        return error(self.doc.file, line, column, code, message, dotted(at))


Message = Callable[[Failure], Iterator[Diagnostic]]


def hint_of(schema: Mapping[str, Any]) -> str | None:
    """The schema's own wording of what a value must be (``x-hint``), if it has one."""
    hint = schema.get("x-hint")
    return hint if isinstance(hint, str) else None


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (field: value lines)"
    return "empty"


def _shown(value: Any) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return repr(text)
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    return _describe(value) if isinstance(value, list | dict) else repr(value)


_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping (field: value lines)",
    "null": "empty",
}


def unknown_field(failure: Failure) -> Iterator[Diagnostic]:
    instance = failure.err.instance
    if not isinstance(instance, dict):
        yield from fallback(failure)
        return
    path = failure.path
    known = list(failure.schema.get("properties", {}))
    where = f"in '{failure.name}'" if path else "in this file"
    for key in instance:
        if key not in known:
            yield failure.emit(
                "unknown-field",
                f"unknown field '{key}' {where}{suggest(key, known, cutoff=FIELD_CUTOFF)}; "
                f"the fields allowed here are: {', '.join(known)}",
                (*path, key),
            )


def missing_field(failure: Failure) -> Iterator[Diagnostic]:
    instance = failure.err.instance
    path = failure.path
    for missing in failure.expected:
        if not isinstance(instance, dict) or missing in instance:
            continue
        if failure.custom and not path and missing == "fields":
            needed = ", ".join(f"'{f}'" for f in failure.schema["properties"]["fields"]["required"])
            yield failure.emit(
                "custom-field", f"this record has no 'fields' block, but fonds.yml makes {needed} required"
            )
        else:
            where = f"'{failure.name}'" if path else "this file"
            yield failure.emit("schema", f"{where} is missing the required field '{missing}'")


def wrong_type(failure: Failure) -> Iterator[Diagnostic]:
    instance = failure.err.instance
    expected = failure.expected
    name = failure.name
    if instance is None:
        hint = failure.hint
        wanted = hint or _TYPE_NAMES.get(str(expected), "a value")
        yield failure.emit(failure.value_code, f"'{name}' is empty: give {wanted}, or remove the line")
        return
    plain = failure.doc.plain.get(failure.path)
    if expected == "string" and plain is not None and isinstance(instance, bool):
        yield failure.emit(
            "yaml-boolean",
            f"'{name}' is written as {plain} without quotes, which YAML reads as "
            f"{str(instance).lower()}; write it in quotes: '{plain}'",
        )
    elif expected == "string" and plain is not None:
        yield failure.emit(
            "yaml-number",
            f"'{name}' is written as {plain} without quotes, which YAML reads as the "
            f"number {instance!r}; write it in quotes: '{plain}'",
        )
    else:
        wanted = _TYPE_NAMES.get(expected, str(expected)) if isinstance(expected, str) else "valid"
        yield failure.emit("schema", f"'{name}' must be {wanted}, not {_describe(instance)}")


def not_a_choice(failure: Failure) -> Iterator[Diagnostic]:
    choices = [str(choice) for choice in failure.expected]
    found = failure.err.instance
    yield failure.emit(
        "schema",
        f"'{failure.name}' must be one of: {', '.join(choices)} "
        f"(found {_shown(found)}){suggest(str(found), choices, cutoff=FIELD_CUTOFF)}",
    )


def wrong_form(failure: Failure) -> Iterator[Diagnostic]:
    """``pattern``, ``x-safe-pattern``, ``format`` and ``not``: a value not written as it must be."""
    hint = failure.hint
    expected = failure.expected
    if failure.err.validator == "format" and hint is None:
        hint = {"uri": "an address such as https://example.org/file.pdf"}.get(str(expected))
    yield failure.emit(
        failure.value_code,
        f"'{failure.name}' must be {hint or 'in the expected form: ' + str(expected)} "
        f"(found {_shown(failure.err.instance)})",
    )


def wrong_format(failure: Failure) -> Iterator[Diagnostic]:
    if failure.expected != "regex":
        yield from wrong_form(failure)
        return
    try:
        re.compile(str(failure.err.instance))
        reason = ""
    except re.error as exc:
        reason = f" ({exc})"
    yield failure.emit(
        "config",
        f"'{failure.name}' is not a valid regular expression{reason}: {_shown(failure.err.instance)}",
    )


def empty(failure: Failure) -> Iterator[Diagnostic]:
    yield failure.emit("schema", f"'{failure.name}' must not be empty")


def repeated(failure: Failure) -> Iterator[Diagnostic]:
    yield failure.emit("schema", f"'{failure.name}' lists the same value more than once")


def missing_companion(failure: Failure) -> Iterator[Diagnostic]:
    """``dependentRequired``: a field given without the field it needs beside it."""
    instance = failure.err.instance
    if not isinstance(instance, dict):
        return
    for given, needs in failure.expected.items():
        if given in instance:
            for other in needs:
                if other not in instance:
                    yield failure.emit(
                        "schema",
                        f"'{given}' is given but '{other}' is not; add '{other}'",
                        (*failure.path, given),
                    )


_LIMITS = {
    "minimum": "at least",
    "exclusiveMinimum": "more than",
    "maximum": "at most",
    "maxLength": "at most this many characters:",
}


def out_of_range(failure: Failure) -> Iterator[Diagnostic]:
    limit = _LIMITS[str(failure.err.validator)]
    yield failure.emit(
        "schema",
        f"'{failure.name}' must be {limit} {failure.expected} (found {_shown(failure.err.instance)})",
    )


def fallback(failure: Failure) -> Iterator[Diagnostic]:
    """A keyword fonds has no wording for: jsonschema's own message, still placed on the line."""
    yield failure.emit("schema", f"'{failure.name}': {failure.err.message}")


MESSAGES_BY_KEYWORD: dict[str, Message] = {
    "additionalProperties": unknown_field,
    "required": missing_field,
    "type": wrong_type,
    "enum": not_a_choice,
    "pattern": wrong_form,
    "x-safe-pattern": wrong_form,
    "not": wrong_form,
    "format": wrong_format,
    "minLength": empty,
    "minItems": empty,
    "minProperties": empty,
    "uniqueItems": repeated,
    "dependentRequired": missing_companion,
    "minimum": out_of_range,
    "exclusiveMinimum": out_of_range,
    "maximum": out_of_range,
    "maxLength": out_of_range,
}
