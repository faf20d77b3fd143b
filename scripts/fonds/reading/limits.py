"""What an id or a name given to a command may be: the limits of common.schema.json, applied
before anything is looked up or written.

A value typed on the command line becomes a file name (``catalogue/holds/ID.yml``), a key in a
record or a line of a commit message. Each is checked here against the same definition the
schema applies to the files, so a 300-character hold id is a clear usage error, never an
``OSError`` from the file system, and nothing that ``fonds check`` would reject is written.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from typing import Any, Literal

from jsonschema import Draft202012Validator

from .schemas import schema_text

Kind = Literal["id", "slug", "person", "text"]

_WHAT = {
    "id": "an id",
    "slug": "a name",
    "person": "a person's name",
    "text": "a text",
}


@cache
def _definition(kind: Kind) -> dict[str, Any]:
    definition: dict[str, Any] = json.loads(schema_text("common"))["$defs"][kind]
    return definition


@cache
def _validator(kind: Kind) -> Draft202012Validator:
    return Draft202012Validator(_definition(kind))


def _shown(value: str) -> str:
    text = value if len(value) <= 40 else value[:37] + "..."
    return repr(text) if any(unicodedata.category(c)[0] == "C" for c in text) else f"'{text}'"


NAME_MAX = 255
"""The longest file or folder name (in bytes) common file systems allow."""


def folder_problem(folder: str) -> str | None:
    """Why ``folder`` (an output folder given on the command line) cannot be used, or None."""
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in folder):
        return f"{_shown(folder)} holds a control character or line break"
    for part in folder.replace("\\", "/").split("/"):
        if len(part.encode("utf-8", "surrogateescape")) > NAME_MAX:
            return f"{_shown(part)} is longer than a folder name may be ({NAME_MAX} bytes)"
    return None


def value_problem(kind: Kind, value: str) -> str | None:
    """Why ``value`` cannot be ``kind`` (a sentence for a records technician), or None."""
    definition = _definition(kind)
    longest = definition.get("maxLength")
    if longest is not None and len(value) > longest:
        return f"{_shown(value)} is {len(value)} characters long: {_WHAT[kind]} has at most {longest}"
    if not value.strip():
        return f"{_WHAT[kind]} cannot be empty"
    allowed = "\n\t" if kind == "text" else ""
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") and c not in allowed for c in value):
        return f"{_shown(value)} holds a control character or line break: type it on one line"
    if not _validator(kind).is_valid(value):
        hint = definition.get("x-hint")
        return f"{_shown(value)} cannot be {_WHAT[kind]}" + (f": use {hint}" if hint else "")
    return None


def is_id(value: str) -> bool:
    """Whether ``value`` can be an id: the schema's ``id`` definition, without its message
    (for a spreadsheet of 100,000 rows, where a validator per cell would be slow)."""
    return _validator("id").is_valid(value)
