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
- ``record_files`` and ``positions`` lose hidden records' names and files;
- below the operational audience, operational details go too (operational.py): holds,
  charge-outs, disposal approvers and witnesses, named people.

It fails closed: a record whose level is not a known level, a record file that could not
be read (its marking is unknown) and a record file with errors (``withheld_files``) are
hidden from every audience; a relation is kept only
when its target is a visible record. Access lists play no part: an audience is a level, not a
group (docs/access.md). Classes, schedules, locations, access groups and the holds' own text
are not marked and are kept whole (but for operational details): do not write restricted
information in them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..diagnostics import Diagnostic
from ..model import Catalogue, Record, Request
from ..reading.loader import ACCESS_FILE, CONFIG_FILE, FILE_PLAN, LOCATIONS_FILE, RECORDS_DIR, REQUESTS_DIR
from .markings import effective_markings, lowest_level, rank
from .operational import people, sees_operational_details, without_operational_details


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
    catalogue: Catalogue,
    level: str | None = None,
    caveats: frozenset[str] = frozenset(),
    *,
    withheld_files: frozenset[str] = frozenset(),
) -> Catalogue:
    """A new catalogue with only what an audience cleared to ``level`` holding ``caveats`` may see.

    ``level`` defaults to the lowest level (``public`` in the default levels): publishing more
    must be asked for. Records in ``withheld_files`` (files with errors: their marking cannot
    be trusted) are left out for every audience. Below the operational audience, operational
    details leave the model too (``without_operational_details``). Raises ``AudienceError``
    for a level or caveat that ``catalogue/access.yml`` does not define. The input catalogue is
    not changed.
    """
    level = lowest_level(catalogue.access) if level is None else level
    shown = frozenset(
        record_id
        for record_id in visible_ids(catalogue, level, frozenset(caveats))
        if catalogue.records[record_id].file not in withheld_files
    )
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
    requests = _visible_requests(catalogue, level, frozenset(caveats), shown)
    files |= {request.file for request in requests.values()}
    positions = {
        file: where
        for file, where in catalogue.positions.items()
        if file in files or not file.startswith((RECORDS_DIR + "/", REQUESTS_DIR + "/"))
    }
    # An audit names the records it found: only those the audience sees stay in it.
    audits = {
        audit_id: replace(
            audit,
            findings=tuple(f for f in audit.findings if f.item in shown or f.item not in catalogue.records),
            moved=tuple(r for r in audit.moved if r in shown),
        )
        for audit_id, audit in catalogue.audits.items()
    }
    filtered = replace(
        catalogue,
        records=records,
        holds=holds,
        requests=requests,
        audits=audits,
        positions=positions,
        record_files=frozenset(catalogue.record_files & shown),
    )
    return filtered if sees_operational_details(catalogue, level) else without_operational_details(filtered)


def request_level(request: Request, catalogue: Catalogue) -> str:
    """A request's level: its own marking's, else ``requests: level``, else the third level
    (the highest when there are fewer): requests name people."""
    if request.security is not None and request.security.level is not None:
        return request.security.level
    levels = catalogue.access.levels
    return catalogue.config.requests.level or levels[min(2, len(levels) - 1)]


def _visible_requests(
    catalogue: Catalogue, level: str, caveats: frozenset[str], shown: frozenset[str]
) -> dict[str, Request]:
    """The requests at or below ``level`` whose caveats the audience holds, naming only visible
    records. A level that is not a level hides the request from everyone (fail closed)."""
    ceiling = rank(level, catalogue.access)
    assert ceiling is not None
    kept: dict[str, Request] = {}
    for request_id, request in catalogue.requests.items():
        found = rank(request_level(request, catalogue), catalogue.access)
        held = set(request.security.caveats if request.security else ()) <= caveats
        if found is None or found > ceiling or not held:
            continue
        kept[request_id] = replace(
            request,
            found=tuple(r for r in request.found if r in shown),
            supplied=tuple(r for r in request.supplied if r in shown),
            charge_outs=tuple(c for c in request.charge_outs if c.record in shown),
        )
    return kept


def _without_hidden_relations(record: Record, shown: frozenset[str]) -> Record:
    kept = tuple(relation for relation in record.relations if relation.target in shown)
    if len(kept) == len(record.relations):
        return record
    hidden = len(record.relations) - len(kept)
    return replace(record, relations=kept, hidden_relations=record.hidden_relations + hidden)


def visible_problems(
    diagnostics: Sequence[Diagnostic], catalogue: Catalogue, shown: Catalogue
) -> list[Diagnostic]:
    """The findings an audience's site may list, decided by construction (fail closed): a
    finding is shown only when its file is a visible record's file or a shared file of the
    model (fonds.yml, the file plan, access list, locations, a loaded schedule, a hold the
    audience sees), and its message names nothing the audience may not see. Everything else
    (hidden or unreadable record files, stray copies such as ``catalogue/old/X.yml``, unknown
    files) is withheld whole."""
    allowed = {record.file for record in shown.records.values()} | _shared_files(shown)
    terms = [term.casefold() for term in withheld_terms(catalogue, shown)]
    return [
        d
        for d in diagnostics
        if d.file in allowed and not any(term in d.message.casefold() for term in terms)
    ]


def _shared_files(shown: Catalogue) -> set[str]:
    files = {CONFIG_FILE, FILE_PLAN, ACCESS_FILE, LOCATIONS_FILE, shown.config.file, shown.access.file}
    files |= {cls.file for cls in shown.classes.values()}
    files |= {schedule.file for schedule in shown.schedules.values()}
    files |= {location.file for location in shown.locations.values()}
    files |= {hold.file for hold in shown.holds.values()}
    files |= {request.file for request in shown.requests.values()}
    return {f for f in files if f}


def withheld_terms(catalogue: Catalogue, shown: Catalogue) -> frozenset[str]:
    """Everything a finding's message must not name: ``hidden_names``, the files and file
    names of record files the audience does not see, and, when operational details are left
    out, the holds and every named person."""
    terms = set(hidden_names(catalogue, shown))
    visible = shown.records.keys()
    terms |= {name for name in catalogue.record_files if name not in visible}
    terms |= {record.file for record in catalogue.records.values() if record.id not in visible}
    for hold_id, hold in catalogue.holds.items():
        if hold_id not in shown.holds:
            terms |= {hold_id, hold.file, hold.title, hold.reason, hold.placed_by, hold.released_by}
    for request_id, request in catalogue.requests.items():
        if request_id not in shown.requests:
            terms |= {request_id, request.file, request.requester}
    terms |= people(catalogue) - people(shown)
    return frozenset(t for t in terms if len(t.strip()) >= MIN_NAME)


MIN_NAME = 3
"""A name shorter than this ("A") would withhold every message; none is that short."""


MIN_TITLE = 12
"""Shorter titles ("Minutes") are too common to tell a page that names a hidden record."""


def hidden_names(catalogue: Catalogue, shown: Catalogue) -> frozenset[str]:
    """Ids and distinctive titles of the records ``shown`` leaves out: what a hand-written page
    must not contain for this audience (the plugin warns when one does)."""
    # Record files that could not be read are named by their file names (their ids).
    names: set[str] = set(catalogue.record_files - shown.records.keys())
    for record_id in catalogue.records.keys() - shown.records.keys():
        names.add(record_id)
        title = catalogue.records[record_id].title
        if len(title) >= MIN_TITLE:
            names.add(title)
    return frozenset(names)
