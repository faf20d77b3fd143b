"""The JSON Schemas shipped with fonds, and turning schema errors into plain-language diagnostics.

How each error is worded is in ``schema_messages`` (one message per keyword). The schemas
(draft 2020-12) live beside this module in ``schemas/`` so an editor can use the
very files fonds validates with. Each file kind has one schema; the record schema is extended
at run time with the catalogue's own fields declared in fonds.yml.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError

from ..diagnostics import Diagnostic
from .fast_schema import FirstPass, first_pass
from .patterns import compile_pattern, usable
from .schema_messages import MESSAGES_BY_KEYWORD, Failure, fallback, hint_of
from .yamlfile import Document

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
    "audit",
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


_FIRST_PASS: dict[int, tuple[Draft202012Validator, FirstPass]] = {}
"""The first pass (``fast_schema``) of each validator built here, by ``id``; the validator is
kept beside it, so an ``id`` reused by another object never finds it."""


def _with_first_pass(checker: Draft202012Validator, *, safe_pattern: bool) -> Draft202012Validator:
    found = first_pass(checker.schema, _FORMATS, safe_pattern=safe_pattern)
    if found is not None:
        _FIRST_PASS[id(checker)] = (checker, found)
    return checker


def first_pass_accepts(checker: Draft202012Validator, data: Any) -> bool:
    """True when the first pass says ``data`` has no problem against ``checker``'s schema
    (False also when ``checker`` has no first pass: one made elsewhere, or no jsonschema-rs)."""
    entry = _FIRST_PASS.get(id(checker))
    return entry is not None and entry[0] is checker and entry[1](data)


@cache
def validator(kind: str) -> Draft202012Validator:
    checker = Draft202012Validator(_inlined(kind), format_checker=_FORMATS)
    return _with_first_pass(checker, safe_pattern=False)


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
    checker: Draft202012Validator = _Validator(schema, format_checker=_FORMATS)
    return _with_first_pass(checker, safe_pattern=True)


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
    """Every schema problem in ``doc`` (a file of ``kind``), each located where it was written.

    A file the first pass accepts has none; any other goes through jsonschema, which finds
    and words every problem (``fast_schema`` says why the first pass cannot accept more)."""
    if first_pass_accepts(checker, doc.data):
        return []
    custom = kind == "record"
    return [d for err in checker.iter_errors(doc.data) for d in _translate(doc, err, custom)]


def _translate(doc: Document, err: ValidationError, custom: bool) -> Iterator[Diagnostic]:
    hint = hint_of(err.schema) if isinstance(err.schema, dict) else None
    failure = Failure(doc, err, custom, _value_code(hint))
    return MESSAGES_BY_KEYWORD.get(str(err.validator), fallback)(failure)


def _value_code(hint: str | None) -> str:
    if hint == _schema("common")["$defs"]["date"]["x-hint"]:
        return "invalid-date"
    if hint == _schema("common")["$defs"]["duration"]["x-hint"]:
        return "invalid-duration"
    return "schema"
