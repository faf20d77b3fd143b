"""The audience filter: the catalogue as one audience may see it, made once, before any page.

An audience is a security level and the caveats it holds. ``filter_for_audience`` returns a
new ``Catalogue`` holding only the records whose effective marking (``access.py``) is at or
below the audience's level and whose caveats the audience all holds. Everything else that
carries a hidden record's id or file name is cleaned, so no renderer downstream can show it
even by mistake:

- a visible record's relations to hidden records are removed; ``hidden_relations`` says how
  many (pages may say "1 related record not shown", never which);
- relations from hidden records to visible ones go with the hidden records, without a trace;
- holds keep their own text, but their ``records`` scope loses hidden ids;
- ``record_files`` and ``positions`` lose hidden records' names and files.

It fails closed: a record whose level is not a known level, and a record file that could not
be read (its marking is unknown), are hidden from every audience; a relation is kept only
when its target is a visible record. Access lists play no part: an audience is a level, not a
group (docs/access.md). Classes, schedules, locations, access groups and the holds' own text
are not marked and are kept whole: do not write restricted information in them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from .access import effective_markings, lowest_level, rank
from .diagnostics import Diagnostic
from .loader import RECORDS_DIR
from .model import Catalogue, Record


class AudienceError(ValueError):
    """The audience names a level or caveat the catalogue does not define."""


def _check_audience(catalogue: Catalogue, level: str, caveats: Iterable[str]) -> None:
    access = catalogue.access
    if rank(level, access) is None:
        raise AudienceError(
            f"audience level '{level}' is not one of the levels in {access.file}: {', '.join(access.levels)}"
        )
    unknown = sorted(set(caveats) - set(access.caveats))
    if unknown:
        known = ", ".join(sorted(access.caveats)) or "none"
        raise AudienceError(
            f"audience caveat{'s' if len(unknown) > 1 else ''} {', '.join(repr(c) for c in unknown)} "
            f"not listed in {access.file} (its caveats: {known})"
        )


def visible_ids(catalogue: Catalogue, level: str, caveats: frozenset[str] = frozenset()) -> frozenset[str]:
    """Ids of the records the audience may see. Raises ``AudienceError`` for an unknown level."""
    _check_audience(catalogue, level, caveats)
    access = catalogue.access
    ceiling = rank(level, access)
    assert ceiling is not None
    shown = set()
    for record_id, marking in effective_markings(catalogue).items():
        found = rank(marking.level, access)
        if found is not None and found <= ceiling and set(marking.caveats) <= caveats:
            shown.add(record_id)
    return frozenset(shown)


def filter_for_audience(
    catalogue: Catalogue, level: str | None = None, caveats: frozenset[str] = frozenset()
) -> Catalogue:
    """A new catalogue with only what an audience cleared to ``level`` holding ``caveats`` may see.

    ``level`` defaults to the lowest level (``public`` in the default levels): publishing more
    must be asked for. Raises ``AudienceError`` for a level or caveat that
    ``catalogue/access.yml`` does not define. The input catalogue is not changed.
    """
    level = lowest_level(catalogue.access) if level is None else level
    shown = visible_ids(catalogue, level, frozenset(caveats))
    records = {
        record_id: _without_hidden_relations(record, shown)
        for record_id, record in catalogue.records.items()
        if record_id in shown
    }
    files = {record.file for record in records.values()}
    holds = {
        hold_id: replace(hold, records=tuple(r for r in hold.records if r in shown))
        for hold_id, hold in catalogue.holds.items()
    }
    positions = {
        file: where
        for file, where in catalogue.positions.items()
        if file in files or not file.startswith(RECORDS_DIR + "/")
    }
    return replace(
        catalogue,
        records=records,
        holds=holds,
        positions=positions,
        record_files=frozenset(catalogue.record_files & shown),
    )


def _without_hidden_relations(record: Record, shown: frozenset[str]) -> Record:
    kept = tuple(relation for relation in record.relations if relation.target in shown)
    if len(kept) == len(record.relations):
        return record
    hidden = len(record.relations) - len(kept)
    return replace(record, relations=kept, hidden_relations=record.hidden_relations + hidden)


def visible_problems(
    diagnostics: Sequence[Diagnostic], catalogue: Catalogue, shown: Catalogue
) -> list[Diagnostic]:
    """The findings an audience's site may list: none in a record file it may not see (hidden,
    or unreadable so of unknown marking), and none whose message names a hidden record (the
    finding is kept, its message withheld)."""
    hidden = catalogue.records.keys() - shown.records.keys()
    visible_files = {record.file for record in shown.records.values()}
    found = []
    for diagnostic in diagnostics:
        if diagnostic.file.startswith(RECORDS_DIR + "/") and diagnostic.file not in visible_files:
            continue
        if any(record_id in diagnostic.message for record_id in hidden):
            diagnostic = replace(diagnostic, message="(details withheld from this audience)")
        found.append(diagnostic)
    return found


MIN_TITLE = 12
"""Shorter titles ("Minutes") are too common to tell a page that names a hidden record."""


def hidden_names(catalogue: Catalogue, shown: Catalogue) -> frozenset[str]:
    """Ids and distinctive titles of the records ``shown`` leaves out: what a hand-written page
    must not contain for this audience (the plugin warns when one does)."""
    names: set[str] = set()
    for record_id in catalogue.records.keys() - shown.records.keys():
        names.add(record_id)
        title = catalogue.records[record_id].title
        if len(title) >= MIN_TITLE:
            names.add(title)
    return frozenset(names)
