"""A first pass over each file with jsonschema-rs, so that a valid file costs little.

Nearly every file of a catalogue is valid, and Python's jsonschema spends most of ``fonds
check``'s time finding that out. jsonschema-rs (compiled Rust) answers "valid or not" several
times faster. Its only use is to say **valid**: then the file has no schema problem and
jsonschema does not run. Any other answer (invalid, an exception, a value it cannot take)
sends the file to jsonschema exactly as before, so every finding keeps its wording, code,
line and order (``schemas.validate``).

It must therefore never accept a file jsonschema rejects. The structural keywords (type,
required, properties, enum, ...) mean the same in both; where meaning depends on code, the
first pass runs the very Python code jsonschema runs, not Rust's own:

- ``pattern``: Python's ``re`` on the pattern as ``schemas.python_pattern`` rewrote it
  (``$`` is the end of the text), not Rust's regex engine;
- ``x-safe-pattern`` (patterns from fonds.yml): RE2 through ``patterns.compile_pattern``;
- ``format``: the verdict of the same ``FormatChecker`` (``date``, ``regex``); a format it
  does not check (``uri``) passes, as it does in jsonschema;
- ``patternProperties`` would match on Rust's engine: a schema with it gets no first pass;
- values: jsonschema-rs refuses most of what is not plain JSON (a date object, bytes, a key
  that is not text or not UTF-8): the refusal is an exception, so the file goes to jsonschema.

``tests/unit/reading/test_fast_schema.py`` compares the two verdicts on every file of the
test catalogues and on thousands of mutated ones. Without jsonschema-rs installed fonds
works as before, with jsonschema alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from jsonschema import FormatChecker

from .patterns import compile_pattern

try:
    import jsonschema_rs
except ImportError:  # no wheel for this platform: tests/test_check_first_pass.py hides it
    jsonschema_rs = None  # type: ignore[assignment]

FirstPass = Callable[[Any], bool]
"""True when the value certainly has no schema problem; False when jsonschema must look."""


class _Refused(Exception):
    """Raised by a keyword below to make jsonschema-rs call the value invalid."""


class _Pattern:
    """``pattern`` as jsonschema runs it: ``re.search`` on text, nothing on other values."""

    def __init__(self, parent_schema: Mapping[str, Any], value: str, schema_path: list[str | int]) -> None:
        self.search = re.compile(value).search

    def validate(self, instance: Any) -> None:
        if isinstance(instance, str) and self.search(instance) is None:
            raise _Refused


class _SafePattern:
    """``x-safe-pattern`` as ``schemas._safe_pattern`` runs it (RE2)."""

    def __init__(self, parent_schema: Mapping[str, Any], value: str, schema_path: list[str | int]) -> None:
        self.search = compile_pattern(value).search

    def validate(self, instance: Any) -> None:
        if isinstance(instance, str) and not self.search(instance):
            raise _Refused


def first_pass(
    schema: Mapping[str, Any] | bool, formats: FormatChecker, *, safe_pattern: bool
) -> FirstPass | None:
    """The first pass for ``schema`` as jsonschema checks it with ``formats`` (and with the
    ``x-safe-pattern`` keyword when ``safe_pattern``), or None when there is none (no
    jsonschema-rs, or a schema it cannot take): then jsonschema checks every file."""
    if jsonschema_rs is None or not isinstance(schema, Mapping):
        return None
    found = list(_values_of(schema, ("format", "patternProperties")))
    if any(key == "patternProperties" for key, _ in found):  # its regexes would be Rust's
        return None
    keywords: dict[str, Any] = {"pattern": _Pattern}
    if safe_pattern:
        keywords["x-safe-pattern"] = _SafePattern
    names = sorted({value for key, value in found if key == "format" and isinstance(value, str)})
    checks = {name: _format_check(formats, name) for name in names}
    try:
        rust = jsonschema_rs.Draft202012Validator(
            dict(schema), formats=checks, validate_formats=True, keywords=keywords, offline=True
        )
    except Exception:  # any refusal of the schema: jsonschema alone, as without the module
        return None
    is_valid = rust.is_valid

    def passes(instance: Any) -> bool:
        try:
            return is_valid(instance) is True
        except Exception:  # a value jsonschema-rs cannot take, or a format check that raised
            return False

    return passes


def _format_check(formats: FormatChecker, name: str) -> Callable[[str], bool]:
    def check(value: str) -> bool:
        return formats.conforms(value, name)

    return check


def _values_of(node: Any, keys: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    """(key, value) of every one of ``keys`` anywhere in ``node``. Finding one outside a
    keyword's places (in an enum, say) is harmless: a format name only gets jsonschema's own
    verdict, and a schema with ``patternProperties`` anywhere simply gets no first pass."""
    if isinstance(node, list):
        for child in node:
            yield from _values_of(child, keys)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in keys:
                yield key, value
            yield from _values_of(value, keys)
