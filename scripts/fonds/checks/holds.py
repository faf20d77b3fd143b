"""Holds: their targets exist, their dates make sense, their scope matches something."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from ..diagnostics import Diagnostic
from ..model import Catalogue
from ..retention.holds import iter_covered
from .base import at


def check_holds(catalogue: Catalogue) -> Iterator[Diagnostic]:
    known = catalogue.records.keys() | catalogue.record_files
    for hold in catalogue.holds.values():
        unknown_targets = False
        stem = PurePosixPath(hold.file).stem
        if stem != hold.id:
            yield at(
                catalogue,
                hold.file,
                ("id",),
                "id-mismatch",
                f"the hold's id is '{hold.id}' but the file is named '{stem}'; rename the file "
                f"to {hold.id}.yml",
            )
        for index, record_id in enumerate(hold.records):
            if record_id not in known:
                unknown_targets = True
                yield at(
                    catalogue,
                    hold.file,
                    ("scope", "records", index),
                    "unknown-record",
                    f"the hold names record '{record_id}', which is not in the catalogue",
                )
        for index, scope in enumerate(hold.classes):
            if scope.code not in catalogue.classes and "file-plan" not in catalogue.unavailable:
                unknown_targets = True
                yield at(
                    catalogue,
                    hold.file,
                    ("scope", "classes", index, "code"),
                    "unknown-class",
                    f"the hold names class '{scope.code}', which is not in the file plan",
                )
        if hold.placed_on and hold.released_on and hold.released_on < hold.placed_on:
            yield at(
                catalogue,
                hold.file,
                ("released_on",),
                "date-order",
                f"the hold is released ({hold.released_on}) before it was placed ({hold.placed_on})",
            )
        if hold.created_from and hold.created_to and hold.created_to < hold.created_from:
            yield at(
                catalogue,
                hold.file,
                ("scope", "created", "to"),
                "date-order",
                "the hold's date range ends before it starts",
            )
        elif not unknown_targets and next(iter_covered(hold, catalogue), None) is None:
            yield at(
                catalogue,
                hold.file,
                ("scope",),
                "hold-empty",
                "the hold's scope matches no record in the catalogue",
                warn=True,
            )
