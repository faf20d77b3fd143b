"""Finding records for a request at the counter: "the 2019 tender for the arena roof",
"box MB000123", "FIN-2019".

Every record is looked at once, from the model (nothing is read again), and a match is put
in a tier; within a tier, matches are in id order:

0. the query is the record's id, or its barcode, or the barcode of the box it is in;
1. the record's id starts with the query;
2. every word of the query begins a word of the title (a number is a whole word);
3. every word of the query begins a word of the id, title, description, keywords, barcode or
   one of the catalogue's own fields.

Case and accents do not count (``Résumé`` matches ``resume``; ``ß`` matches ``ss``). The
retention state is worked out only for the records that match, so a search of 100,000
records takes one pass over them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..hierarchy import descendants
from ..model import Catalogue, Record
from ..retention.assessment import Assessment, State, assess
from ..retention.holds import covered_classes, covers, is_active

TIERS = ("id or barcode", "id begins", "title", "other fields", "selected")
"""What each tier matched; "selected" is every record the options chose, for an empty query."""
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """``text`` without case or accents, for comparing what people type with what is written."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    classes: Sequence[str] = ()
    """Only records in these classes or below them."""
    locations: Sequence[str] = ()
    """Only records at these locations or inside them."""
    year: int | None = None
    """Only records created in this year."""
    states: Sequence[State] = ()
    """Only records in these retention states on ``as_of``."""
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class Match:
    record: Record
    tier: int
    assessment: Assessment

    @property
    def matched(self) -> str:
        return TIERS[self.tier]


@dataclass(frozen=True, slots=True)
class Found:
    query: Query
    as_of: date
    matches: tuple[Match, ...]
    total: int
    """How many records matched, before ``limit``."""


def _values(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, bool | int | float):
        yield str(value)
    elif isinstance(value, Mapping):
        for inner in value.values():
            yield from _values(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from _values(inner)


def _has_all(wanted: Sequence[str], text: str) -> bool:
    """Every word of ``wanted`` begins a word of ``text`` (already folded); a number must be
    the whole word (``2019`` is not ``20197``)."""
    if not all(word in text for word in wanted):
        return False
    present = _WORD.findall(text)
    whole = set(present)
    return all(
        word in whole if word.isdigit() else any(found.startswith(word) for found in present)
        for word in wanted
    )


def tier(
    record: Record, folded: str, wanted: Sequence[str], boxes: frozenset[str] = frozenset()
) -> int | None:
    """Where ``record`` ranks for the query (``folded``, ``wanted`` its words), or None.
    ``boxes`` are the locations whose barcode is the query: the files in them rank first."""
    record_id = fold(record.id)
    if record_id == folded or (record.barcode is not None and fold(record.barcode) == folded):
        return 0
    if record.location in boxes:
        return 0
    if record_id.startswith(folded):
        return 1
    if not wanted:
        return None
    title = fold(record.title)
    if _has_all(wanted, title):
        return 2
    parts = [record_id, title, record.description, *record.keywords, record.barcode or ""]
    rest = fold(" ".join([*parts, *_values(record.fields)]))
    return 3 if _has_all(wanted, rest) else None


def _below(code: str, children: Mapping[str, tuple[str, ...]]) -> set[str]:
    return {code, *descendants(code, children)}


def _selected(catalogue: Catalogue, query: Query) -> Iterable[Record]:
    classes = set().union(*(_below(c, catalogue.class_children) for c in query.classes))
    places = set().union(*(_below(p, catalogue.location_children) for p in query.locations))
    for record in catalogue.records.values():
        if classes and record.class_code not in classes:
            continue
        if places and record.location not in places:
            continue
        if query.year is not None and (record.created is None or record.created.year != query.year):
            continue
        yield record


class _Holds:
    """The holds in force on one day, each with the classes it covers, worked out once."""

    def __init__(self, catalogue: Catalogue, as_of: date) -> None:
        children = catalogue.children()
        self.active = [
            (hold, covered_classes(hold, children))
            for hold in catalogue.holds.values()
            if is_active(hold, as_of)
        ]

    def of(self, record: Record) -> tuple[str, ...]:
        return tuple(hold.id for hold, classes in self.active if covers(hold, record, classes))


def find(catalogue: Catalogue, query: Query, as_of: date) -> Found:
    """The records matching ``query``, best first (tier, then id), each with its state."""
    folded = fold(query.text.strip())
    wanted = _WORD.findall(folded)
    boxes = frozenset(
        loc.id for loc in catalogue.locations.values() if loc.barcode and fold(loc.barcode) == folded
    )
    ranked: list[tuple[int, str, Record]] = []
    for record in _selected(catalogue, query):
        found = tier(record, folded, wanted, boxes) if folded else 4
        if found is not None:
            ranked.append((found, record.id, record))
    ranked.sort(key=lambda item: (item[0], item[1]))
    holds = _Holds(catalogue, as_of)
    matches: list[Match] = []
    total = 0 if query.states else len(ranked)
    for found, _, record in ranked:
        if not query.states and query.limit is not None and len(matches) >= query.limit:
            break
        assessment = assess(record, catalogue, as_of, as_of, holds.of(record))
        if query.states:
            if assessment.state not in query.states:
                continue
            total += 1
        if query.limit is None or len(matches) < query.limit:
            matches.append(Match(record, found, assessment))
    return Found(query, as_of, tuple(matches), total)
