"""Lenient readers of plain YAML data: a value of the wrong type reads as "not given".

The schema has already reported the wrong value, where it was written; the model then gets
the default, so one bad field never hides the rest of a file (see ``conversion``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def string_of(data: Mapping[str, Any], key: str, default: str = "") -> str:
    value = data.get(key)
    return value if isinstance(value, str) else default


def optional_string(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    return value if isinstance(value, str) else None


def level_or_none(value: Any) -> str | None:
    return None if value is None else value if isinstance(value, str) else repr(value)


def mapping_of(data: Any, key: str) -> dict[str, Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


def list_of(data: Any, key: str) -> list[Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def strings_of(data: Any, key: str) -> tuple[str, ...]:
    return tuple(v for v in list_of(data, key) if isinstance(v, str))


def flag_of(data: Mapping[str, Any], key: str, default: bool) -> bool:
    value = data.get(key)
    return value if isinstance(value, bool) else default


def choice_of(data: Mapping[str, Any], key: str, allowed: tuple[str, ...], default: Any = None) -> Any:
    value = data.get(key)
    return value if value in allowed else default
