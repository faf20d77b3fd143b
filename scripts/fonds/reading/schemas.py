"""The JSON Schemas shipped with fonds, and turning schema errors into plain-language diagnostics.

The schemas (draft 2020-12) live beside this module in ``schemas/`` so an editor can use the
very files fonds validates with. Each file kind has one schema; the record schema is extended
at run time with the catalogue's own fields declared in fonds.yml.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError

from ..diagnostics import FIELD_CUTOFF, Diagnostic, error, suggest
from .patterns import compile_pattern, usable
from .yamlfile import Document, Path

BASE_URI = "https://fonds.invalid/schemas/"
KINDS = (
    "config",
    "file-plan",
    "schedule",
    "local-settings",
    "record",
    "locations",
    "hold",
    "access",
    "request",
)

_FORMATS = FormatChecker(["date", "regex"])


def schema_text(name: str) -> str:
    """The text of ``name.schema.json`` (``name`` is a kind, or ``common``)."""
    return resources.files("fonds").joinpath(f"schemas/{name}.schema.json").read_text("utf-8")


@cache
def _schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_text(name))
    schema["$id"] = f"{BASE_URI}{name}.schema.json"
    return schema


@cache
def _inlined(name: str) -> dict[str, Any]:
    """The schema with every reference to common.schema.json written out in place.

    Same meaning, but jsonschema no longer resolves a URI per value: validation of a
    catalogue runs about three times faster (benchmarks/bench_check.py).
    """
    defs = _schema("common")["$defs"]

    def inline(node: Any) -> Any:
        if isinstance(node, list):
            return [inline(child) for child in node]
        if not isinstance(node, dict):
            return node
        result = {key: inline(value) for key, value in node.items()}
        ref = result.get("$ref")
        if isinstance(ref, str) and ref.split("#/$defs/")[0] in ("common.schema.json", ""):
            # '#/$defs/rule/properties/cutoff': a pointer into a definition, as editors read it.
            name, *inside = ref.split("#/$defs/", 1)[1].split("/")
            target = defs[name]
            for step in inside:
                target = target[step]
            target = inline(target)
            del result["$ref"]
            result = {**target, **result}
        return result

    inlined: dict[str, Any] = inline(_schema(name))
    inlined.pop("$defs", None)
    patterns: dict[str, Any] = _python_patterns(inlined)
    return patterns


def python_pattern(pattern: str) -> str:
    """``pattern`` with JSON Schema's meaning in Python's ``re``: each ``$`` (outside a
    character class) becomes ``\\Z``. In ECMA-262, as in the editors that use these schemas,
    ``$`` is the end of the text; in Python it also matches before a final line break, which
    let ``id: "FIN-003\\n"`` through every id pattern."""
    out: list[str] = []
    escaped = in_class = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            out.append("\\Z")
            continue
        out.append(char)
    return "".join(out)


def _python_patterns(node: Any) -> Any:
    if isinstance(node, list):
        return [_python_patterns(child) for child in node]
    if not isinstance(node, dict):
        return node
    return {
        key: python_pattern(value) if key == "pattern" and isinstance(value, str) else _python_patterns(value)
        for key, value in node.items()
    }


def _safe_pattern(
    checker: Any, pattern: str, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    """``x-safe-pattern``: ``pattern`` for patterns written in fonds.yml, run on RE2 (see
    ``patterns``) so that no pattern can hang the check."""
    if isinstance(instance, str) and not compile_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, {"x-safe-pattern": _safe_pattern}
)


@cache
def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(_inlined(kind), format_checker=_FORMATS)


def record_validator(custom_fields: Mapping[str, Mapping[str, Any]]) -> Draft202012Validator:
    """The record validator, with ``fields`` checked against the catalogue's own declarations."""
    if not custom_fields:
        return validator("record")
    return _record_validator(json.dumps(custom_fields, sort_keys=True, default=str))


@cache
def _record_validator(custom_fields_json: str) -> Draft202012Validator:
    custom_fields = json.loads(custom_fields_json)
    schema = copy.deepcopy(_inlined("record"))
    fields = _custom_fields_schema(custom_fields)
    schema["properties"]["fields"] = fields
    if fields.get("required"):
        schema["required"] = [*schema["required"], "fields"]
    return _Validator(schema, format_checker=_FORMATS)  # type: ignore[no-any-return]


def _inlined_def(name: str) -> dict[str, Any]:
    return dict(_schema("common")["$defs"][name])


_CUSTOM_TYPES = ("string", "integer", "number", "boolean", "date")


def _custom_fields_schema(custom_fields: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The schema of a record's ``fields`` block, from the declarations in fonds.yml.

    A declaration that is itself wrong (unknown type, broken pattern) is reported against
    fonds.yml by the config schema; here it is left out, so records are still checked.
    """
    properties: dict[str, Any] = {}
    for name, spec in custom_fields.items():
        kind = spec.get("type", "string")
        prop: dict[str, Any]
        if kind == "date":
            prop = dict(_schema("common")["$defs"]["date"])
        elif kind in _CUSTOM_TYPES:
            prop = {"type": kind}
        else:
            prop = {}
        if isinstance(spec.get("values"), list):
            prop["enum"] = list(spec["values"])
        pattern = spec.get("pattern")
        if isinstance(pattern, str) and usable(pattern):
            prop["x-safe-pattern"] = pattern
            prop["x-hint"] = f"text matching the pattern {pattern}"
        properties[name] = prop
    required = sorted(name for name, spec in custom_fields.items() if spec.get("required") is True)
    schema: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": properties}
    if required:
        schema["required"] = required
    return schema


def validate(doc: Document, checker: Draft202012Validator, kind: str) -> list[Diagnostic]:
    """Every schema problem in ``doc`` (a file of ``kind``), each located where it was written."""
    custom = kind == "record"
    return [d for err in checker.iter_errors(doc.data) for d in _translate(doc, err, custom)]


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


_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping (field: value lines)",
    "null": "empty",
}


def _hint(err: ValidationError) -> str | None:
    hint = err.schema.get("x-hint") if isinstance(err.schema, dict) else None
    return hint if isinstance(hint, str) else None


def _translate(doc: Document, err: ValidationError, custom: bool) -> Iterator[Diagnostic]:
    path: Path = tuple(err.absolute_path)
    kind = err.validator
    schema: dict[str, Any] = err.schema if isinstance(err.schema, dict) else {}
    expected: Any = err.validator_value
    name = field_name(path)

    def emit(code: str, message: str, at: Path = path) -> Diagnostic:
        at_line, at_column = doc.where(at)
        if custom and at[:1] == ("fields",):
            code = "custom-field"
        return error(doc.file, at_line, at_column, code, message, dotted(at))

    if kind == "additionalProperties" and isinstance(err.instance, dict):
        known = list(schema.get("properties", {}))
        for key in err.instance:
            if key in known:
                continue
            where = f"in '{name}'" if path else "in this file"
            yield emit(
                "unknown-field",
                f"unknown field '{key}' {where}{suggest(key, known, cutoff=FIELD_CUTOFF)}; "
                f"the fields allowed here are: {', '.join(known)}",
                (*path, key),
            )
        return
    if kind == "required":
        for missing in expected:
            if isinstance(err.instance, dict) and missing not in err.instance:
                where = f"'{name}'" if path else "this file"
                if custom and not path and missing == "fields":
                    needed = ", ".join(f"'{f}'" for f in schema["properties"]["fields"]["required"])
                    yield emit(
                        "custom-field",
                        f"this record has no 'fields' block, but fonds.yml makes {needed} required",
                    )
                else:
                    yield emit("schema", f"{where} is missing the required field '{missing}'")
        return
    if kind == "type" and err.instance is None:
        hint = _hint(err)
        yield emit(
            _value_code(hint),
            f"'{name}' is empty: give {hint or _TYPE_NAMES.get(str(expected), 'a value')}, "
            "or remove the line",
        )
        return
    if kind == "type":
        plain = doc.plain.get(path)
        if expected == "string" and plain is not None and isinstance(err.instance, bool):
            yield emit(
                "yaml-boolean",
                f"'{name}' is written as {plain} without quotes, which YAML reads as "
                f"{str(err.instance).lower()}; write it in quotes: '{plain}'",
            )
            return
        if expected == "string" and plain is not None:
            yield emit(
                "yaml-number",
                f"'{name}' is written as {plain} without quotes, which YAML reads as the "
                f"number {err.instance!r}; write it in quotes: '{plain}'",
            )
            return
        wanted = _TYPE_NAMES.get(expected, str(expected)) if isinstance(expected, str) else "valid"
        yield emit("schema", f"'{name}' must be {wanted}, not {_describe(err.instance)}")
        return
    if kind == "enum":
        choices = [str(choice) for choice in expected]
        found = str(err.instance)
        yield emit(
            "schema",
            f"'{name}' must be one of: {', '.join(choices)} "
            f"(found {_shown(err.instance)}){suggest(found, choices, cutoff=FIELD_CUTOFF)}",
        )
        return
    if kind in ("pattern", "x-safe-pattern", "format", "not"):
        hint = _hint(err)
        code = _value_code(hint)
        if kind == "format" and expected == "regex":
            try:
                re.compile(str(err.instance))
                reason = ""
            except re.error as exc:
                reason = f" ({exc})"
            yield emit(
                "config", f"'{name}' is not a valid regular expression{reason}: {_shown(err.instance)}"
            )
            return
        if hint is None and kind == "format":
            hint = {"uri": "an address such as https://example.org/file.pdf"}.get(str(expected))
        yield emit(
            code,
            f"'{name}' must be {hint or 'in the expected form: ' + str(expected)} "
            f"(found {_shown(err.instance)})",
        )
        return
    if kind == "propertyNames":
        hint = _hint_of(schema.get("propertyNames", {})) or "a valid name"
        yield emit("schema", f"'{name}' has the name {_shown(err.instance)}, which must be {hint}")
        return
    if kind == "minLength":
        yield emit("schema", f"'{name}' must not be empty")
        return
    if kind == "uniqueItems":
        yield emit("schema", f"'{name}' lists the same value more than once")
        return
    if kind in ("minItems", "minProperties"):
        yield emit("schema", f"'{name}' must not be empty")
        return
    if kind == "dependentRequired":
        for given, needs in expected.items():
            if isinstance(err.instance, dict) and given in err.instance:
                for other in needs:
                    if other not in err.instance:
                        yield emit(
                            "schema",
                            f"'{given}' is given but '{other}' is not; add '{other}'",
                            (*path, given),
                        )
        return
    if kind in ("minimum", "exclusiveMinimum", "maximum", "maxLength"):
        limits = {
            "minimum": "at least",
            "exclusiveMinimum": "more than",
            "maximum": "at most",
            "maxLength": "at most this many characters:",
        }
        yield emit("schema", f"'{name}' must be {limits[kind]} {expected} (found {_shown(err.instance)})")
        return
    yield emit("schema", f"'{name}': {err.message}")


def _hint_of(schema: Mapping[str, Any]) -> str | None:
    hint = schema.get("x-hint")
    return hint if isinstance(hint, str) else None


def _value_code(hint: str | None) -> str:
    if hint == _schema("common")["$defs"]["date"]["x-hint"]:
        return "invalid-date"
    if hint == _schema("common")["$defs"]["duration"]["x-hint"]:
        return "invalid-duration"
    return "schema"


def _shown(value: Any) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return repr(text)
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    return _describe(value) if isinstance(value, list | dict) else repr(value)
