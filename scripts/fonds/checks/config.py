"""fonds.yml as a whole."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..model import Catalogue
from .base import at


def check_config(catalogue: Catalogue) -> Iterator[Diagnostic]:
    pattern = catalogue.config.id_pattern
    if pattern is not None:
        try:
            re.compile(pattern)
        except re.error as exc:
            yield at(
                catalogue,
                catalogue.config.file,
                ("id_pattern",),
                "config",
                f"'id_pattern' is not a valid regular expression: {exc}",
            )
