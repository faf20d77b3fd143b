"""What a schedule import gives: the schedule, the events it uses, and what it could not take."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..diagnostics import Diagnostic


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import produced; ``schedule`` is valid against ``schedule.schema.json``."""

    schedule: dict[str, Any]
    events: dict[str, str]
    """Every event slug the items use -> the NARA event text, for ``events`` in fonds.yml."""
    diagnostics: list[Diagnostic]
    """Rows that could not be taken faithfully, or why nothing could be imported."""
