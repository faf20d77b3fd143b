"""Local settings (schedules/local/AUTHORITY.yml) against the authority they complete."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..model import Catalogue
from ..reading.local_settings import local_diagnostics


def check_local_settings(catalogue: Catalogue) -> Iterator[Diagnostic]:
    """Unknown or retired items, stale settings, and extensions the authority does not allow."""
    yield from local_diagnostics(
        catalogue.local_settings, catalogue.items, catalogue.schedules, catalogue.where
    )
