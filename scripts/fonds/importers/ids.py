"""The next free record ids for imported rows that have none, and where their files go.

A catalogue with an ``id_pattern`` that ``fonds.ids`` can fill in gets its ids from the same
``IdAllocator`` as ``fonds new``: a row is numbered exactly as ``fonds new`` would number a
record of its class and year, past every id in use (records, files that cannot be read, and
ids written in the sheet). Otherwise records are numbered PREFIX-YEAR-NNN
(``FIN-2021-007``): the function's code, the year the file was opened, a sequence per prefix
and year. For a row without an id:

- the prefix is the one most records of the row's class already use; failing that, the one
  most records under the same top-level class use; failing that, that top-level class code;
- the year is the year of ``dates.created``;
- the number is one more than the highest taken for that prefix and year (in the catalogue
  or earlier in the sheet), written with as many digits as the prefix's ids use (3 if none).

The id must then match the catalogue's ``id_pattern``; if it cannot, the row is refused
with a message asking for ids in the sheet. The same sheet on the same catalogue always gets
the same ids. A new record's file goes in the folder where most records with its prefix are.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..ids import IdAllocator, most_common, top_class, usual_prefix
from ..ids import IdError as PatternError
from ..model import Catalogue
from ..reading.limits import is_id
from ..reading.loader import RECORDS_DIR

_NUMBERED = re.compile(r"(.+)-([0-9]{4})-([0-9]+)")
_ASK_BY_HAND = re.compile(r"give the id( yourself)? \(--id\)")


class IdError(ValueError):
    """No id can be made for the row; the message says what to write instead."""


@dataclass
class IdMaker:
    catalogue: Catalogue
    _highest: dict[tuple[str, str], int] = field(default_factory=dict)
    _width: Counter[tuple[str, int]] = field(default_factory=Counter)
    _by_class: dict[str, Counter[str]] = field(default_factory=dict)
    _folders: dict[str, Counter[str]] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = None
    _prefixes: dict[str, str] = field(default_factory=dict)
    _allocator: IdAllocator | None = None

    def __post_init__(self) -> None:
        if self.catalogue.config.id_pattern:
            try:
                self._allocator = IdAllocator(
                    self.catalogue, self.catalogue.records.keys() | self.catalogue.record_files
                )
            except PatternError:
                self._allocator = None  # a pattern fonds cannot fill: PREFIX-YEAR-NNN, checked against it
        self.take(self.catalogue.records)
        for record in self.catalogue.records.values():
            found = _NUMBERED.fullmatch(record.id)
            if found and record.class_code:
                self._by_class.setdefault(record.class_code, Counter())[found.group(1)] += 1
            if found:
                folder = PurePosixPath(record.file).parent.as_posix()
                self._folders.setdefault(found.group(1), Counter())[folder] += 1
        try:
            pattern = self.catalogue.config.id_pattern
            self._pattern = re.compile(pattern) if pattern else None
        except re.error:
            self._pattern = None

    def take(self, ids: Iterable[str]) -> None:
        """Mark ``ids`` as used (the catalogue's, and those written in the sheet)."""
        ids = list(ids)
        if self._allocator is not None:
            self._allocator.take(ids)
        for record_id in ids:
            found = _NUMBERED.fullmatch(record_id)
            if found:
                prefix, year, number = found.groups()
                key = (prefix, year)
                self._highest[key] = max(self._highest.get(key, 0), int(number))
                self._width[(prefix, len(number))] += 1

    def next_id(self, class_code: str | None, year: int | None) -> str:
        if not class_code or class_code not in self.catalogue.classes:
            raise IdError("the row has no id and no known class to number it by; write its id")
        if year is None:
            raise IdError("the row has no id and no dates.created to number it by; write its id or the date")
        if self._allocator is not None:
            try:
                return self._allocator.next(class_code, year)
            except PatternError as exc:
                raise IdError(
                    _ASK_BY_HAND.sub("write the id of each new record in the id column", str(exc))
                ) from exc
        prefix = self._prefixes.get(class_code) or self._prefixes.setdefault(
            class_code, self._prefix(class_code)
        )
        widths = [(count, width) for (p, width), count in self._width.items() if p == prefix]
        width = max(widths)[1] if widths else 3
        key = (prefix, f"{year:04d}")
        number = self._highest.get(key, 0) + 1
        candidate = f"{prefix}-{year:04d}-{number:0{width}d}"
        pattern = self.catalogue.config.id_pattern
        if not is_id(candidate) or (self._pattern and not self._pattern.fullmatch(candidate)):
            raise IdError(
                f"the row has no id, and '{candidate}' (PREFIX-YEAR-NUMBER) does not fit the catalogue's "
                f"id_pattern {pattern}; write the id of each new record in the id column"
            )
        self._highest[key] = number
        self._width[(prefix, len(f"{number:0{width}d}"))] += 1
        return candidate

    def _prefix(self, class_code: str) -> str:
        usual = usual_prefix(self.catalogue, self._by_class, class_code)
        return usual if usual is not None else top_class(self.catalogue, class_code)

    def folder(self, record_id: str, department: str | None) -> str:
        found = _NUMBERED.fullmatch(record_id)
        folders = self._folders.get(found.group(1)) if found else None
        if folders:
            return most_common(folders)
        if department and is_id(department):
            return f"{RECORDS_DIR}/{department}"
        return RECORDS_DIR
