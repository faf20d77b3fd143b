"""A new import against the catalogue's local settings for the same authority.

``fonds import-schedule`` never writes ``schedules/local/AUTHORITY.yml``; it reports, before the
new schedule is written, which local settings the new import leaves stale (item removed or
retired, a value the authority now gives itself, an extension no longer allowed), with the
same findings and codes as ``fonds check`` (``local_settings.findings``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..diagnostics import Diagnostic, sort_diagnostics
from ..model import ScheduleItem
from ..reading import schemas
from ..reading.blocks import read_rule
from ..reading.local_settings import local_diagnostics, read_local_settings
from ..reading.yamlfile import parse_document


def imported_items(schedule: Mapping[str, Any]) -> dict[str, ScheduleItem]:
    """The items of an imported schedule dictionary, by ref, as the authority publishes them."""
    authority = str(schedule.get("id", ""))
    items: dict[str, ScheduleItem] = {}
    for index, entry in enumerate(schedule.get("items", [])):
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            superseded = entry.get("superseded_by")
            item = ScheduleItem(
                ref=f"{authority}/{entry['id']}",
                authority=authority,
                id=entry["id"],
                title=str(entry.get("title", "")),
                rule=read_rule(entry.get("rule")),
                superseded_by=superseded if isinstance(superseded, str) else None,
                path=("items", index),
            )
            items.setdefault(item.ref, item)
    return items


def stale_local_settings(
    raw: bytes, display: str, schedule: Mapping[str, Any], authorities: Iterable[str]
) -> list[Diagnostic]:
    """What is wrong with the local-settings file ``raw`` once ``schedule`` replaces its authority.

    A file that does not even parse or fit its schema gives those diagnostics instead.
    """
    doc, found = parse_document(raw, display)
    if doc.data is None:
        return sort_diagnostics(found)
    found += schemas.validate(doc, schemas.validator("local-settings"), "local-settings")
    settings = read_local_settings(doc)
    found += local_diagnostics(
        settings, imported_items(schedule), authorities, lambda _file, path: doc.where(path)
    )
    return sort_diagnostics(found)
