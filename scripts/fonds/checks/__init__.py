"""Whole-catalogue checks: everything the schema cannot see because it spans files.

``check_catalogue`` returns diagnostics and never raises. Each check is a function over the
model, in the module named for what it checks; a new rule is a new function added to ``CHECKS``,
or, when it looks at one record at a time, to ``records.RECORD_CHECKS`` (its docstring says how).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from ..diagnostics import Diagnostic, sort_diagnostics
from ..model import Catalogue
from ..reading.cache import ReadCache
from ..reading.loader import Progress, load_catalogue
from ..reading.schema_files import schema_diagnostics
from .access import check_access
from .audits import check_audits, check_barcodes
from .config import check_config
from .fileplan import check_file_plan
from .holds import check_holds
from .local import check_local_settings
from .locations import check_locations
from .records import check_records
from .requests import check_requests
from .schedules import check_schedules, rule_problems

__all__ = ["CHECKS", "check_catalogue", "check_repository", "rule_problems"]

Check = Callable[[Catalogue], Iterator[Diagnostic]]


CHECKS: tuple[Check, ...] = (
    check_config,
    check_access,
    check_file_plan,
    check_schedules,
    check_local_settings,
    check_locations,
    check_records,
    check_holds,
    check_requests,
    check_audits,
    check_barcodes,
)


def check_catalogue(catalogue: Catalogue) -> list[Diagnostic]:
    """Every cross-file problem in the catalogue."""
    return [diagnostic for check in CHECKS for diagnostic in check(catalogue)]


def check_repository(
    root: str | os.PathLike[str], progress: Progress | None = None, *, cache: ReadCache | None = None
) -> tuple[Catalogue, list[Diagnostic]]:
    """Load and check a catalogue: every problem, sorted, each reported once.

    A value the schema already rejected is not blamed a second time by a cross-file check
    (``class: 'FIN,99'`` is a malformed code; saying it is also not in the file plan adds
    nothing). Raises ``ConfigError`` when there is no fonds.yml. ``cache``: see ``load_catalogue``.
    """
    catalogue, found = load_catalogue(root, progress, cache=cache)
    flagged = {(d.file, d.path) for d in found}
    cross = [d for d in check_catalogue(catalogue) if (d.file, d.path) not in flagged]
    return catalogue, sort_diagnostics([*found, *cross, *schema_diagnostics(Path(root))])
