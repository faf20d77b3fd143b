"""Diagnostics: every problem fonds finds is a value, never an exception or a print.

Each code is stable (tests, CI annotations and the docs refer to it) and is listed in
``CODES`` with the one-line explanation that ``docs/diagnostics.md`` must document.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from .terminal import terminal_safe


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


CODES: dict[str, str] = {
    # Reading files
    "file-unreadable": "The file could not be read (permissions, or it vanished during the run).",
    "file-too-large": "The file is larger than a catalogue file can reasonably be.",
    "special-file": "A FIFO, device, socket or folder, or a link leading outside the repository: not read.",
    "case-collision": "Two files, or two ids, differ only in upper and lower case.",
    "control-character": "A value or field name holds an invisible control character (ESC, CR, BEL, bidi).",
    "number-out-of-range": "A number is infinite, not a number (.nan) or larger than any real figure.",
    "encoding": "The file is not UTF-8 text (binary junk, or saved in another encoding).",
    "yaml-syntax": "The file is not valid YAML.",
    "yaml-duplicate-key": "The same key appears twice in one mapping; one value would be lost.",
    "yaml-alias": "The file uses YAML anchors or aliases, which catalogue files may not use.",
    "yaml-multiple-documents": "The file holds more than one YAML document.",
    "yaml-tag": "The file uses an explicit YAML tag such as !!python/object.",
    "empty-file": "The file is empty.",
    "not-a-mapping": "The file's top level is not a mapping of field: value.",
    # Schema
    "schema": "A value does not fit the format (wrong type, missing field, unknown value).",
    "unknown-field": "A field that the format does not define (often a misspelling).",
    "yaml-boolean": "An unquoted yes/no/on/off was read as true/false where text was expected.",
    "yaml-number": "An unquoted number was read as a number where text was expected.",
    "invalid-date": "A date is not a real date written YYYY-MM-DD.",
    "invalid-duration": "A retention period is not an ISO 8601 duration such as P6Y or PT72H.",
    # Catalogue layout
    "missing-config": "fonds.yml is missing at the top of the catalogue.",
    "missing-file": "A file the catalogue needs (file plan, access list) is missing.",
    "outdated-schemas": "The schemas in .fonds/schemas (for editors) are not those of the installed fonds.",
    "unknown-file": "A YAML file in a place where fonds does not expect one.",
    "config": "fonds.yml is not usable (for example an id pattern that is not a valid regular expression).",
    "unsafe-pattern": "A pattern in fonds.yml uses a feature fonds cannot match in bounded time.",
    # Identity
    "duplicate-id": "Two records, classes, items, locations, holds or groups share an id.",
    "id-mismatch": "A record's or hold's file name does not match its id.",
    "id-pattern": "A record id does not match the catalogue's id pattern.",
    # File plan and schedules
    "unknown-class": "A record or hold names a class that is not in the file plan.",
    "class-not-assignable": "A record is classified under a class that has no retention rule (a heading).",
    "unknown-parent": "A class or location names a parent that does not exist.",
    "hierarchy-cycle": "Classes or locations are each other's parents in a loop, or schedule items supersede each other in a loop.",
    "hierarchy-too-deep": "Classes or locations are nested more levels deep than fonds allows.",
    "unknown-schedule-item": "A class (or superseded_by) names a schedule item that does not exist.",
    "superseded-item": "A class uses a schedule item that has been superseded.",
    "rule-incomplete": "A retention rule lacks what is needed to compute it, or mixes styles.",
    "rule-impossible": "A retention rule can never be computed (a window that closes before it opens, an empty block).",
    "period-too-long": "A retention period longer than the calendar (9999 years).",
    "rule-not-implementable": "A class uses a schedule item whose period cannot be computed.",
    # Local settings of an imported authority (schedules/local/AUTHORITY.yml)
    "local-unknown-item": "Local settings name an item, or an authority, that the catalogue does not have.",
    "local-item-superseded": "Local settings are given for an item that its authority has retired.",
    "local-setting-stale": "The authority now gives the item its own value for a local setting.",
    "local-extension-too-short": "An extended retention is not longer than the authority's period.",
    "local-extension-not-authorised": "An extended retention on an item whose authority does not authorise longer retention.",
    "unknown-event": "An event name that fonds.yml does not declare.",
    "class-without-rule": "A class with no sub-classes has no retention rule, so nothing can be filed in it.",
    # Records
    "unknown-record": "A relation or hold names a record that does not exist.",
    "relation-cycle": "A record supersedes (or is part of) itself through a chain of relations.",
    "self-relation": "A record is related to itself (copy of, references, part of... itself).",
    "unknown-location": "A record names a location that is not in catalogue/locations.yml.",
    "unknown-department": "A record names a department that fonds.yml does not declare.",
    "date-order": "Dates are in an impossible order (closed, disposed, an event, a charge-out, a review or a fixity check before creation; due back before charged out; released before placed).",
    "request-status": "A request marked open has a closed_on or an outcome, or one marked closed lacks them.",
    "unknown-charge-out": "A request names a charge-out the record does not have.",
    "missing-location": "A paper or hybrid record that is not destroyed or transferred has no location.",
    "status-disposition": "A record's status and its disposition block disagree.",
    "custom-field": "A catalogue-defined field is missing, unknown or of the wrong kind.",
    # Access
    "unknown-level": "A security level that catalogue/access.yml does not list.",
    "unknown-caveat": "A caveat that catalogue/access.yml does not list.",
    "unknown-group": "An access list or owner names a group that catalogue/access.yml does not list.",
    "access-not-cleared": "An access list names a group whose clearance is below the record's level.",
    "access-missing-caveat": "An access list names a group that does not hold every caveat of the record.",
    "access-list-ignored": "A record at the lowest level, which anyone may see, has an access list.",
    # Holds
    "hold-empty": "A hold's scope matches no record.",
    # Changing records (fonds dispose, transfer, hold, event, checkout, return): refusals
    "record-disposed": "The record was already destroyed or transferred; its entry is kept unchanged.",
    "on-hold": "A legal hold in force covers the record, so it cannot be destroyed or transferred.",
    "not-due": "The record's destruction or transfer is not due yet on the date given.",
    "disposal-action": "The record's retention rule ends in another action (transfer, destroy, permanent).",
    "charged-out": "The physical file is charged out to someone.",
    "not-cleared": "The person is not cleared to see the record (its level, caveats or access list).",
    "not-charged-out": "The file is not charged out, so it cannot be returned.",
    "not-physical": "An electronic record cannot be moved to a shelf or charged out.",
    "no-change": "The change is already made (the record is already there, the event already recorded).",
    "event-recorded": "The record already has a different date for this event.",
    "record-closed": "The file is already closed (it has a dates.closed).",
    "unknown-hold": "A hold id that is not in catalogue/holds/.",
    "hold-released": "The hold was already released.",
    "unknown-request": "A request id that is not in catalogue/requests/.",
    "request-closed": "The request was already closed.",
    "edit-failed": "The file could not be changed exactly (an unusual layout, or an invalid result).",
    "file-changed": "A file changed on disk while the command ran; nothing was written.",
    "unsafe-path": "A file to change is a link leading outside the repository, or not a regular file.",
    "working-tree-dirty": "--commit was asked while catalogue files have uncommitted changes.",
    # Spreadsheets (fonds import records, file-plan, locations)
    "sheet-unreadable": "The file is not a spreadsheet fonds reads (.csv or .xlsx), or cannot be opened.",
    "sheet-encoding": "A CSV file is not UTF-8 text (Windows-1252 or Latin-1 from older Excel).",
    "sheet-too-large": "The sheet has more rows than one import takes; split it.",
    "sheet-header": "A heading is not a known column, appears twice, or is missing above values.",
    "sheet-value": "A cell cannot be read as its field's value (a date, number, code or relation).",
    "sheet-formula": "A cell holds a formula; fonds never computes one.",
    "sheet-merged": "Cells are merged, so only the first of them holds the value.",
    "sheet-duplicate-id": "The same id is on two rows of the sheet.",
    "id-unavailable": "No id can be made for a new row under the catalogue's id pattern.",
    "mapping": "The mapping file is not usable (not valid, or names a column that does not exist).",
    # Labels
    "not-a-box": "Box labels were asked for a location that is not a box.",
    "box-mixed-disposal": "A box holds records with different retention rules or disposal years.",
    "label-barcode": "A barcode cannot be printed on the label (not ASCII, or too long for the label).",
    "nothing-to-review": "fonds review on a record that is neither vital nor under a rule ending in a review.",
    "not-misplaced": "fonds audit --confirm names something the audit did not find misplaced, or a box.",
    "unknown-item": "A schedule item (authority/item) that no schedule in schedules/ has.",
    # Audits against barcode scans (fonds audit): the scan file
    "duplicate-barcode": "Two records or places carry the same barcode, so a scan cannot tell them apart.",
    "scan-unreadable": "A line of the scan file is not a barcode (blank cell, too long, other characters); left out.",
    "scan-repeated": "The same barcode was scanned twice; it is counted once.",
    "scan-outside": "A location barcode outside the audited location; the scans after it are left out.",
}


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One problem, located as precisely as the input allows.

    ``line`` and ``column`` are 1-based; 0 means "the whole file". ``path`` is the
    location inside the document, as a dotted string such as ``relations.2.target``.
    Ordering is by file, then position, then code, which makes output deterministic.
    """

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    path: str = ""

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"undocumented diagnostic code {self.code!r}")

    def render(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column}"
        return terminal_safe(f"{where}: {self.severity.value}[{self.code}]: {self.message}")


def error(file: str, line: int, column: int, code: str, message: str, path: str = "") -> Diagnostic:
    return Diagnostic(file, line, column, code, Severity.ERROR, message, path)


def warning(file: str, line: int, column: int, code: str, message: str, path: str = "") -> Diagnostic:
    return Diagnostic(file, line, column, code, Severity.WARNING, message, path)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sort and drop exact repeats, so every run prints the same bytes."""
    return sorted(set(diagnostics))


def count(diagnostics: Iterable[Diagnostic], severity: Severity) -> int:
    return sum(1 for d in diagnostics if d.severity is severity)


NAME_CUTOFF = 0.75
"""How alike a misspelt name must be to a known one (difflib's ratio, 0 to 1) to be offered
as a did-you-mean. Names (departments, events, groups, levels, caveats) are short and distinct,
so a loose match would offer a different name; ``FIELD_CUTOFF`` is for field and column
names, where one mistyped word in a long heading still deserves a hint. A call site that asks
for another cut-off (record ids) says why."""

FIELD_CUTOFF = 0.6


def close_matches(
    word: str, choices: Iterable[str], *, n: int = 1, cutoff: float = NAME_CUTOFF, fold: bool = False
) -> list[str]:
    """The ``n`` choices nearest to ``word``, best first (ties: the later in sort order first).

    ``fold`` compares without case and returns each match as first spelt in ``choices``.
    Never offer one for codes such as FIN-01 or BOX-12, where the nearest spelling is a
    different class or box.
    """
    if not fold:
        return difflib.get_close_matches(word, list(choices), n=n, cutoff=cutoff)
    spelt: dict[str, str] = {}
    for choice in choices:
        spelt.setdefault(choice.casefold(), choice)
    found = difflib.get_close_matches(word.casefold(), list(spelt), n=n, cutoff=cutoff)
    return [spelt[match] for match in found]


def suggest(word: str, choices: Iterable[str], *, cutoff: float = NAME_CUTOFF, fold: bool = False) -> str:
    """`` (did you mean 'X'?)`` to end a message with, or "" when nothing is close."""
    close = close_matches(word, choices, cutoff=cutoff, fold=fold)
    return f" (did you mean '{close[0]}'?)" if close else ""
