"""Renderers by format: each report says, in one table, which formats it has and which function
renders each (as check-jsonschema's ``REPORTER_BY_NAME``).

A new format for a report is one function and one entry in that report's ``Renderers``; the
CLI's ``--format`` choice is the table's keys, in the order given, so it never disagrees with
what the report can render.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

Renderer = Callable[[T], str]
"""A whole report as one string ending in a newline; the same value always gives the same bytes."""


@dataclass(frozen=True, slots=True)
class Renderers(Generic[T]):
    """The renderers of one report, by format name; the first is the default."""

    report: str
    by_format: Mapping[str, Callable[[T], str]]

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(self.by_format)

    def render(self, value: T, fmt: str) -> str:
        """``value`` in format ``fmt``; a format the report does not have is a programming
        error (the CLI offers only ``formats``)."""
        try:
            renderer = self.by_format[fmt]
        except KeyError:
            raise ValueError(f"the {self.report} report has no {fmt!r} format") from None
        return renderer(value)
