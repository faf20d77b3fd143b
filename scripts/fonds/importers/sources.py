"""The schedule importers by source: the name ``fonds import-schedule --from`` takes, and the
function that reads that source's published file.

Every importer has one signature (``ScheduleImporter``): the file's bytes and its name (for
diagnostics and the schedule's ``source``) in, an ``ImportResult`` out; it reads no file, prints
nothing, writes nothing and never raises for bad input. A new source is a new module beside
``nara`` and one entry here; the command's ``--from`` choice and the default output file
(``schedules/<source>.yml``) follow from it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .nara import import_nara_grs
from .result import ImportResult

ScheduleImporter = Callable[[bytes, str], ImportResult]

IMPORTERS: Mapping[str, ScheduleImporter] = {"nara-grs": import_nara_grs}
"""Source name -> importer; the name is also the schedule's file name and id."""
