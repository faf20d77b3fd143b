"""fonds.yml as a whole."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..model import Catalogue
from ..reading.patterns import PatternError, compile_pattern
from .base import at


def check_config(catalogue: Catalogue) -> Iterator[Diagnostic]:
    pattern = catalogue.config.id_pattern
    if pattern is not None:
        yield from _check_pattern(catalogue, ("id_pattern",), pattern)
    for name, spec in catalogue.config.fields.items():
        field_pattern = spec.get("pattern")
        if isinstance(field_pattern, str):
            yield from _check_pattern(catalogue, ("fields", name, "pattern"), field_pattern)


def _check_pattern(catalogue: Catalogue, path: tuple[str, ...], pattern: str) -> Iterator[Diagnostic]:
    """A pattern that Python cannot compile is reported by the schema (or, for id_pattern,
    here as ``config``); one that compiles but cannot run in bounded time is ``unsafe-pattern``."""
    try:
        re.compile(pattern)
    except re.error as exc:
        if path == ("id_pattern",):
            yield at(
                catalogue,
                catalogue.config.file,
                path,
                "config",
                f"'id_pattern' is not a valid regular expression: {exc}",
            )
        return
    try:
        compile_pattern(pattern)
    except PatternError as exc:
        yield at(
            catalogue,
            catalogue.config.file,
            path,
            "unsafe-pattern",
            f"'{'.'.join(path)}' cannot be used: {exc}",
        )
