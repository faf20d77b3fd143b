"""The first pass (jsonschema-rs) accepts a file exactly when jsonschema finds no problem in it.

It only ever skips jsonschema, so accepting a file jsonschema rejects would hide a finding
from ``fonds check``. The verdicts are compared on every file of the test catalogues, the
example and a generated catalogue, and on documents mutated field by field (removed, of the
wrong type, nearly matching a pattern or an enum, impossible dates, extra keys), with custom
fields of every type declared in fonds.yml.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from fonds.reading import fast_schema, schemas
from fonds.reading.conversion import custom_fields
from fonds.reading.loader import iter_source_files
from fonds.reading.yamlfile import read_document

from ...conftest import MINI, REPO
from ...test_cases import CASE_NAMES, lay_case

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate

Fields = dict[str, dict[str, Any]]

CUSTOM: Fields = {
    "motion": {"type": "string", "pattern": "^M-[0-9]+$", "required": True},
    "budget": {"type": "integer"},
    "share": {"type": "number"},
    "audited": {"type": "boolean"},
    "approved_on": {"type": "date"},
    "program": {"type": "string", "values": ["Heritage", "Roads"]},
    "mixed": {"type": "unknown-type", "values": [1, True, "a", None, 2.5]},
    "code": {"type": "string", "pattern": "^[A-Z]{2}[0-9]$"},
}
"""Custom fields of every type, as fonds.yml may declare them."""


def _checker(kind: str, fields: Fields) -> Any:
    return schemas.record_validator(fields) if kind == "record" else schemas.validator(kind)


def _disagreement(kind: str, fields: Fields, data: Any) -> str | None:
    checker = _checker(kind, fields)
    python = checker.is_valid(data)
    fast = schemas.first_pass_accepts(checker, data)
    if fast == python:
        return None
    verdict = "accepts what jsonschema rejects" if fast else "rejects what jsonschema accepts"
    return f"{kind}: the first pass {verdict}: {data!r}"[:600]


def _files(root: Path) -> Iterator[tuple[str, Fields, Any]]:
    """(kind, custom fields, data) of every readable file of the catalogue at ``root``."""
    config, _ = read_document(root / "fonds.yml", "fonds.yml")
    fields: Fields = {name: dict(spec) for name, spec in custom_fields(config.data).items()}
    for source in iter_source_files(root):
        if source.kind == "unknown":
            continue
        doc, _ = read_document(root / source.display, source.display, root=root)
        if doc.data is not None:
            yield source.kind, fields, doc.data


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Fields, Any]]:
    """Every file of the example, the mini fixture, each bad-input case and a generated catalogue."""
    base = tmp_path_factory.mktemp("corpus")
    roots = [REPO, MINI]
    for name in CASE_NAMES:
        root = base / name
        shutil.copytree(MINI, root)
        lay_case(root, name)
        roots.append(root)
    generate(60, base / "generated")
    roots.append(base / "generated")
    return [*(entry for root in roots for entry in _files(root)), *EXTRA]


EXTRA: list[tuple[str, Fields, Any]] = [
    (
        "audit",
        {},
        {
            "id": "AUDIT-2026-11-23-BOX-7",
            "location": "BOX-7",
            "date": "2026-11-23",
            "by": "J. Novak",
            "scans": "scans.csv",
            "counts": {"present": 3, "missing": 1},
            "findings": [{"bucket": "missing", "item": "FIN-001", "barcode": "0042"}],
            "moved": ["FIN-002"],
        },
    ),
    (
        "import-mapping",
        {},
        {
            "columns": {"Title": "title", "Created": "dates.created"},
            "ignore": ["Notes"],
            "values": {"format": {"Paper": "paper"}},
            "defaults": {"class": "FIN-01", "extent": 2},
            "date_order": "day-first",
        },
    ),
]
"""Kinds no test catalogue holds a file of (fonds audit and fonds import write them)."""

EXTRA_RECORD: list[tuple[str, Fields, Any]] = [
    (
        "record",
        {},
        {
            "id": "FIN-001",
            "title": "Invoices 2020",
            "class": "FIN-01",
            "dates": {"created": "2020-04-01"},
            "department": "finance",
            "format": "paper",
        },
    )
]


def test_the_first_pass_is_available() -> None:
    """jsonschema-rs is a dependency: without a first pass the check is merely slower."""
    for kind in (*schemas.KINDS, "import-mapping"):
        assert schemas.first_pass_accepts(schemas.validator(kind), None) is False
        assert id(schemas.validator(kind)) in schemas._FIRST_PASS, kind
    assert id(schemas.record_validator(CUSTOM)) in schemas._FIRST_PASS


def test_every_catalogue_file_gets_the_same_verdict(corpus: list[tuple[str, Fields, Any]]) -> None:
    kinds = {kind for kind, _, _ in corpus}
    assert kinds >= set(schemas.KINDS) - {"request", "audit", "local-settings"} or kinds, kinds
    assert len(corpus) > 500
    found = [d for kind, fields, data in corpus if (d := _disagreement(kind, fields, data))]
    assert found == [], "\n".join(found[:20])
    valid = sum(_checker(kind, fields).is_valid(data) for kind, fields, data in corpus)
    assert 0 < valid < len(corpus), "the corpus holds both valid and invalid files"


# Mutations ------------------------------------------------------------------------------

WRONG_TYPES: list[Any] = [None, True, False, 0, -1, 1.0, 1.5, 2**53 - 1, "", "x", [], ["x"], {}, {"x": 1}]
BAD_DATES = [
    "2021-02-30",
    "2021-02-29",
    "2020-02-29",
    "2021-13-01",
    "2021-00-10",
    "2021-1-01",
    "2021-01-01T00:00:00",
    "2021-01-01 ",
    "2021-01-01\n",
    "\u0662\u0660\u0662\u0661-01-01",
    "０２０２１-01-01",
    "20210101",
    "0000-01-01",
    "9999-12-31",
]
UNICODE_DIGITS = {ord(str(d)): alt for d, alt in zip(range(10), "٠١٢٣٤٥٦٧٨٩", strict=True)} | {ord("1"): "１"}


def near(text: str) -> list[str]:
    """Strings a pattern or an enum nearly accepts: ``text`` with one small change."""
    out = [
        text + "\n",
        text + " ",
        " " + text,
        "\n" + text,
        text[:-1],
        text + "0",
        text + "a",
        text.upper(),
        text.lower(),
        text.translate(UNICODE_DIGITS),
        text.replace("-", "\u2010"),
        text + "\u200b",
        text * 2,
    ]
    return [s for s in out if s != text]


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    """``data`` with the value at ``path`` replaced (or deleted when ``value`` is _DELETE)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        copy = dict(data)
        if not rest and value is _DELETE:
            copy.pop(head, None)
        else:
            copy[head] = _set(data.get(head), rest, value)
        return copy
    copy_list = list(data)
    if not rest and value is _DELETE:
        del copy_list[head]
    else:
        copy_list[head] = _set(data[head], rest, value)
    return copy_list


_DELETE = object()


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node[:2]):
            yield from _paths(value, (*path, index))


def _locations(schema: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
    """(instance path, subschema) of every place the schema describes, a list by its first entry."""
    if not isinstance(schema, dict):
        return
    yield path, schema
    for name, sub in schema.get("properties", {}).items():
        yield from _locations(sub, (*path, name))
    if isinstance(schema.get("items"), dict):
        yield from _locations(schema["items"], (*path, 0))
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key, []):
            yield from _locations(sub, path)
    for key in ("if", "then", "else", "not"):
        yield from _locations(schema.get(key), path)
    yield from _locations(schema.get("additionalProperties"), (*path, "zzz_extra"))


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    """The value at ``path`` in ``data``, or None when ``data`` has nothing there."""
    for step in path:
        if isinstance(data, dict) and isinstance(step, str):
            data = data.get(step)
        elif isinstance(data, list) and isinstance(step, int) and step < len(data):
            data = data[step]
        else:
            return None
    return data


def _holds(container: Any, step: Any) -> bool:
    """Whether ``step`` (a field name, or 0 for a first entry) can be set in ``container``."""
    if isinstance(container, dict):
        return isinstance(step, str)
    return isinstance(container, list) and isinstance(step, int) and step < len(container)


def _strings(node: Any) -> Iterator[str]:
    for _, value in _paths(node):
        if isinstance(value, str):
            yield value


def values_for(sub: dict[str, Any], seen: list[str]) -> list[Any]:
    """Values worth trying where ``sub`` applies: its boundaries, enum, pattern and format."""
    values: list[Any] = list(WRONG_TYPES)
    for key in ("pattern", "x-safe-pattern"):
        if isinstance(sub.get(key), str):
            pattern = re.compile(sub[key])
            matching = [s for s in seen if pattern.search(s)][:3]
            values += matching + [n for s in matching for n in near(s)]
    for choice in sub.get("enum", []):
        values.append(choice)
        if isinstance(choice, str):
            values += near(choice)
        elif isinstance(choice, bool):
            values.append(int(choice))
        elif isinstance(choice, int | float):
            values += [float(choice), choice + 1, str(choice)]
    if sub.get("format") == "date" or "date" in str(sub.get("x-hint", "")):
        values += BAD_DATES
    if sub.get("format") == "regex":
        values += ["^[A-Z]+$", "(", "[a-", "a{2,1}", "(?P<x>a)(?P=x)"]
    for key in ("minimum", "maximum", "exclusiveMinimum", "minLength", "maxLength", "minItems"):
        if isinstance(sub.get(key), int):
            bound = sub[key]
            if key.endswith("Length"):
                values += ["a" * max(bound - 1, 0), "a" * bound, "a" * (bound + 1), "é" * bound]
            elif key == "minItems":
                values += [["x"] * max(bound - 1, 0)]
            else:
                values += [bound - 1, bound, bound + 1, bound - 0.5, bound + 0.5, float(bound)]
    return values


def mutants(kind: str, fields: Fields, data: dict[str, Any], seen: list[str]) -> Iterator[Any]:
    """``data`` with one change each: a field removed, retyped, nearly right, or one added."""
    for path, value in _paths(data):
        if path:
            yield _set(data, path, _DELETE)
        if isinstance(value, dict):
            yield _set(data, path, {**value, "zzz_extra": "x"})
            for key in list(value)[:2]:  # keys nearly matching propertyNames
                for name in near(key):
                    yield _set(data, path, {name if k == key else k: v for k, v in value.items()})
        if isinstance(value, list) and value:
            yield _set(data, path, [*value, value[0]])
        if isinstance(value, str):
            for text in near(value):
                yield _set(data, path, text)
    for path, sub in _locations(_checker(kind, fields).schema):
        container = _at(data, path[:-1])
        if not path or not _holds(container, path[-1]):
            continue
        for candidate in values_for(sub, seen):
            yield _set(data, path, candidate)


def _bases(corpus: list[tuple[str, Fields, Any]]) -> list[tuple[str, Fields, Any]]:
    """The largest valid file of each kind, and a record with every custom field set."""
    by_kind: dict[str, list[tuple[str, Fields, Any]]] = {}
    for kind, fields, data in corpus:
        if _checker(kind, fields).is_valid(data):
            by_kind.setdefault(kind, []).append((kind, fields, data))
    bases = [
        entry for entries in by_kind.values() for entry in sorted(entries, key=lambda e: -len(repr(e[2])))[:1]
    ]
    record = next(data for kind, fields, data in bases if kind == "record")
    custom = {
        **record,
        "fields": {
            "motion": "M-12",
            "budget": 1200,
            "share": 0.5,
            "audited": False,
            "approved_on": "2021-02-28",
            "program": "Roads",
            "mixed": True,
            "code": "AB1",
        },
    }
    assert _checker("record", CUSTOM).is_valid(custom), list(_checker("record", CUSTOM).iter_errors(custom))
    return [*bases, ("record", CUSTOM, custom)]


def test_mutated_files_get_the_same_verdict(corpus: list[tuple[str, Fields, Any]]) -> None:
    seen = sorted({s for _, _, data in corpus for s in _strings(data)})
    tried = 0
    accepted = 0
    found: list[str] = []
    for kind, fields, data in _bases(corpus):
        for mutant in mutants(kind, fields, data, seen):
            tried += 1
            accepted += schemas.first_pass_accepts(_checker(kind, fields), mutant)
            problem = _disagreement(kind, fields, mutant)
            if problem:
                found.append(problem)
    assert found == [], f"{len(found)} of {tried}:\n" + "\n".join(found[:20])
    assert tried > 5000
    assert 0 < accepted < tried


ODD_VALUES: list[Any] = [date(2021, 1, 1), "\ud800", b"bytes", {"x"}, Decimal("1.5"), 2**70, float("nan")]


@pytest.mark.parametrize(
    "caveats",
    [*({"pi": value} for value in ODD_VALUES), {1: "x"}, {None: "x"}, {"\ud800": "x"}, {("a",): "x"}],
    ids=[
        "date",
        "surrogate",
        "bytes",
        "set",
        "decimal",
        "huge",
        "nan",
        "int-key",
        "null-key",
        "bad-key",
        "tuple-key",
    ],
)
def test_a_value_that_is_not_plain_json_never_passes_unseen(caveats: dict[Any, Any]) -> None:
    """The reader never makes these; were one to arrive, the first pass still accepts only
    what jsonschema accepts (jsonschema-rs refuses most of them: the file goes to jsonschema)."""
    checker = schemas.validator("access")
    data = {"levels": ["public", "internal"], "caveats": caveats, "groups": []}
    accepted = schemas.first_pass_accepts(checker, data)
    assert accepted is False or checker.is_valid(data)


LOOKALIKES: list[Any] = [1, 1.0, True, 0, 0.0, -0.0, False, 1.5, "1", "true", None, [1], [True], [1.0], [[0]]]
LOOKALIKES += [[[False]], {"a": 1}, {"a": True}, {"a": 1.0}, [], {}, "", 2**53 - 1, float(2**53 - 1)]


@pytest.mark.parametrize("value", LOOKALIKES, ids=[repr(v) for v in LOOKALIKES])
def test_custom_field_values_of_every_type_get_the_same_verdict(value: Any) -> None:
    """``values:`` in fonds.yml may list any YAML value; 1, 1.0 and true are told apart (or
    not) exactly as jsonschema does, in an enum, in a list and in a mapping."""
    fields: Fields = {
        "any": {"type": "no-such-type", "values": [1, True, 0.0, "x", None, [1], {"a": 1}, [[False]]]},
        "number": {"type": "number", "values": [0, 2.5]},
    }
    record = next(data for kind, _, data in EXTRA_RECORD)
    for name in fields:
        data = {**record, "fields": {name: value}}
        assert _disagreement("record", fields, data) is None


def test_a_schema_with_pattern_properties_gets_no_first_pass() -> None:
    """Its regexes would run on Rust's engine, so jsonschema checks every file against it."""
    schema = {"type": "object", "patternProperties": {"^a$": {"type": "string"}}}
    assert fast_schema.first_pass(schema, schemas._FORMATS, safe_pattern=False) is None
    assert fast_schema.first_pass({"type": "object"}, schemas._FORMATS, safe_pattern=False) is not None
