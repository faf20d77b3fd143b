"""Each JSON Schema keyword gives its own plain-language message, placed on its line."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator

from fonds.reading import schemas
from fonds.reading.schema_messages import MESSAGES_BY_KEYWORD, field_name
from fonds.reading.yamlfile import parse_document

CASES: list[tuple[str, dict[str, Any], str, str, str]] = [
    (
        "additionalProperties",
        {"type": "object", "properties": {"title": {}}, "additionalProperties": False},
        "titel: x\n",
        "unknown-field",
        "unknown field 'titel' in this file (did you mean 'title'?); the fields allowed here are: title",
    ),
    (
        "required",
        {"type": "object", "required": ["id"]},
        "title: x\n",
        "schema",
        "this file is missing the required field 'id'",
    ),
    (
        "type",
        {"properties": {"n": {"type": "integer"}}},
        "n: seven\n",
        "schema",
        "'n' must be a whole number, not text",
    ),
    (
        "enum",
        {"properties": {"format": {"enum": ["paper", "electronic"]}}},
        "format: papr\n",
        "schema",
        "'format' must be one of: paper, electronic (found 'papr') (did you mean 'paper'?)",
    ),
    (
        "pattern",
        {"properties": {"id": {"pattern": "^[A-Z]+$", "x-hint": "capital letters"}}},
        "id: abc\n",
        "schema",
        "'id' must be capital letters (found 'abc')",
    ),
    (
        "not",
        {"properties": {"id": {"not": {"const": "x"}}}},
        "id: x\n",
        "schema",
        "'id' must be in the expected form: {'const': 'x'} (found 'x')",
    ),
    (
        "format",
        {"properties": {"p": {"format": "regex"}}},
        "p: '[a'\n",
        "config",
        "'p' is not a valid regular expression",
    ),
    (
        "pattern",
        {"properties": {"m": {"propertyNames": {"pattern": "^[a-z]+$", "x-hint": "lower-case letters"}}}},
        "m: {ABC: 1}\n",
        "schema",
        "'m' must be lower-case letters (found 'ABC')",
    ),
    ("minLength", {"properties": {"t": {"minLength": 1}}}, "t: ''\n", "schema", "'t' must not be empty"),
    ("minItems", {"properties": {"k": {"minItems": 1}}}, "k: []\n", "schema", "'k' must not be empty"),
    (
        "minProperties",
        {"properties": {"k": {"minProperties": 1}}},
        "k: {}\n",
        "schema",
        "'k' must not be empty",
    ),
    (
        "uniqueItems",
        {"properties": {"k": {"uniqueItems": True}}},
        "k: [a, a]\n",
        "schema",
        "'k' lists the same value more than once",
    ),
    (
        "dependentRequired",
        {"dependentRequired": {"to": ["date"]}},
        "to: Archives\n",
        "schema",
        "'to' is given but 'date' is not; add 'date'",
    ),
    (
        "minimum",
        {"properties": {"n": {"minimum": 1}}},
        "n: 0\n",
        "schema",
        "'n' must be at least 1 (found 0)",
    ),
    (
        "exclusiveMinimum",
        {"properties": {"n": {"exclusiveMinimum": 0}}},
        "n: 0\n",
        "schema",
        "'n' must be more than 0 (found 0)",
    ),
    (
        "maximum",
        {"properties": {"n": {"maximum": 12}}},
        "n: 13\n",
        "schema",
        "'n' must be at most 12 (found 13)",
    ),
    (
        "maxLength",
        {"properties": {"t": {"maxLength": 2}}},
        "t: abc\n",
        "schema",
        "'t' must be at most this many characters: 2 (found 'abc')",
    ),
]


def _messages(schema: dict[str, Any], text: str) -> list[tuple[str, int, str]]:
    doc, problems = parse_document(f"# fonds.yml\n{text}".encode(), "fonds.yml")
    assert problems == []
    found = schemas.validate(doc, Draft202012Validator(schema, format_checker=schemas._FORMATS), "config")
    return [(d.code, d.line, d.message) for d in found]


@pytest.mark.parametrize(
    ("keyword", "schema", "text", "code", "message"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_each_keyword_gives_its_message_on_the_line_of_the_value(
    keyword: str, schema: dict[str, Any], text: str, code: str, message: str
) -> None:
    found = _messages(schema, text)
    assert len(found) == 1, found
    got_code, line, got_message = found[0]
    assert (got_code, line) == (code, 2)
    assert got_message.startswith(message), got_message


def test_every_registered_keyword_has_a_case() -> None:
    tested = {case[0] for case in CASES} | {"x-safe-pattern"}
    assert set(MESSAGES_BY_KEYWORD) == tested


def test_an_unquoted_yes_where_text_is_expected_says_to_quote_it() -> None:
    found = _messages({"properties": {"t": {"type": "string"}}}, "t: yes\n")
    assert found == [
        (
            "yaml-boolean",
            2,
            "'t' is written as yes without quotes, which YAML reads as true; write it in quotes: 'yes'",
        )
    ]


def test_a_keyword_without_a_message_falls_back_to_jsonschema_wording_on_its_line() -> None:
    found = _messages({"properties": {"n": {"multipleOf": 5}}}, "n: 7\n")
    assert found == [("schema", 2, "'n': 7 is not a multiple of 5")]


def test_a_field_name_counts_list_entries_from_one() -> None:
    assert field_name(("relations", 2, "target")) == "relations[3].target"
    assert field_name(()) == "the file"
