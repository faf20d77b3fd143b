"""Record selections shared by fonds dispose and fonds transfer: --location, --class, --from-due."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import click

from ..model import Catalogue
from ..paperwork.labels import Selection, SelectionError, select_records
from .base import DateType, ValueType

F = TypeVar("F", bound=Callable[..., Any])


def selection_options(action: str) -> Callable[[F], F]:
    def add(command: F) -> F:
        command = click.option(
            "--from-due",
            "due_on",
            type=DateType(),
            help=f"Also every record fonds due lists for {action} on this day (not those a hold holds back).",
        )(command)
        command = click.option(
            "--class",
            "class_code",
            type=ValueType("id"),
            metavar="CLASS",
            help="Also every record of CLASS and below.",
        )(command)
        return click.option(
            "--location",
            type=ValueType("id"),
            metavar="LOCATION",
            help="Also every record at LOCATION and below.",
        )(command)

    return add


def selected_ids(
    catalogue: Catalogue,
    records: tuple[str, ...],
    location: str | None,
    class_code: str | None,
    due_on: date | None,
    action: str,
) -> tuple[str, ...]:
    """The RECORD arguments plus what the selection options add (a usage error when empty)."""
    selection = Selection(
        location=location,
        class_code=class_code,
        due_on=due_on,
        action=action if due_on else None,
        skip_held=True,
    )
    if selection == Selection(skip_held=True):
        if not records:
            raise click.UsageError("say which records: RECORD..., --location, --class or --from-due")
        return records
    try:
        found, _ = select_records(catalogue, selection)
    except SelectionError as exc:
        raise click.UsageError(str(exc)) from exc
    ids = tuple(dict.fromkeys([*records, *(r.id for r in found)]))
    if not ids:
        raise click.UsageError("the selection holds no records: nothing to do")
    return ids
