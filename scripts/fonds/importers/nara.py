"""Import the US National Archives' General Records Schedules (GRS) from their CSV file.

NARA publishes the whole GRS as ``grs-csv-transmittalNN.csv``: UTF-8 with a byte-order mark,
CRLF between rows, quoted fields with line breaks inside, and 14 unnamed empty columns. This
module turns those bytes into a ``schedules/nara-grs.yml`` dictionary. It is pure: it reads
no file, prints nothing and writes nothing; the command line does that.

Conventions (the same as the hand-made ``schedules/nara-grs.yml`` they replace):

- item id: the ``GRS ID`` without ``GRS `` (``GRS 1.1.010`` -> ``1.1.010``); items keep the
  order of the CSV;
- every text field is trimmed, and line breaks inside it are joined with a single space;
  U+2010 (and the other typographic hyphens) become ``-`` in disposition authorities only;
- ``title`` = Record Title, ``description`` = ``Classification: <Classification (General)>.``,
  ``citation`` = Legal Citation, ``updated`` = Last Updated, ``notes`` = Comments;
- Disposition ``Temporary`` -> ``final_action: destroy``, ``Permanent`` -> ``transfer``,
  ``N/A`` -> ``review`` (NARA gives none; the rule is then not implementable);
- Retention Type ``Creation_Age`` -> ``trigger: creation``; ``Event_Age`` -> ``trigger: event``
  with ``event`` = the slug of Event Type (General) (``EVENT_SLUGS``, else ``event_slug``);
- Retention (Years) -> ``retain`` as ISO 8601: ``6`` -> ``P6Y``, ``0`` -> ``P0D``,
  ``72h`` -> ``PT72H``, ``30d`` -> ``P30D``, ``3m`` -> ``P3M`` (``m`` is months);
  a range is a retention window: ``4-7`` -> ``retain: P4Y`` and ``retain_max: P7Y`` (eligible
  after 4 years, due at 7), ``3-6m`` -> ``P3M``/``P6M``;
  ``N/A``, ``NA``, ``[Variable]`` and empty values cannot be computed:
  ``implementable: false`` with a ``note`` that quotes the GRS (a catalogue may give the
  period itself in its local settings, ``local_settings.py``);
- Longer Retention Authorized? ``Yes`` -> ``minimum: true``;
- a retired row (Disposition ``N/A``, successor in ``Superseded by``) gets
  ``superseded_by: nara-grs/<id>`` when the successor is an item of the same file (named by
  GRS ID, or by its disposition authority, which is how NARA writes it); otherwise the text is
  kept in ``notes`` and no reference is written.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..diagnostics import Diagnostic, error, sort_diagnostics, warning
from .csvtext import cell_key, clean_text, read_rows

SCHEDULE_ID = "nara-grs"
ISSUER = "National Archives and Records Administration"
CITATION = "36 CFR 1227"
BASE_TITLE = "NARA General Records Schedules"

COL_ID = "GRS ID"
COL_TITLE = "Record Title"
COL_CLASSIFICATION = "Classification (General)"
COL_CITATION = "Legal Citation"
COL_DISPOSITION = "Disposition"
COL_RETENTION = "Retention (Years)"
COL_TYPE = "Retention Type"
COL_EVENT = "Event Type (General)"
COL_LONGER = "Longer Retention Authorized?"
COL_AUTHORITY = "Disposition Authority"
COL_SUPERSEDED = "Superseded by"
COL_UPDATED = "Last Updated"
COL_COMMENTS = "Comments"

REQUIRED_COLUMNS: tuple[str, ...] = (
    COL_ID,
    COL_TITLE,
    COL_DISPOSITION,
    COL_RETENTION,
    COL_TYPE,
    COL_EVENT,
    COL_LONGER,
)
"""Without these a file is not a GRS CSV. The other columns are used when present."""
OPTIONAL_COLUMNS: tuple[str, ...] = (
    COL_CLASSIFICATION,
    COL_CITATION,
    COL_AUTHORITY,
    COL_SUPERSEDED,
    COL_UPDATED,
    COL_COMMENTS,
)

EVENT_SLUGS: Mapping[str, str] = {
    "final action": "final-action",
    "no longer needed": "no-longer-needed",
    "superseded or obsolete": "superseded",
    "end of fy": "end-of-fiscal-year",
    "end of cy": "end-of-calendar-year",
}
"""NARA event texts (trimmed, lower-case) whose slug is fixed by hand; others use ``event_slug``."""

SLUG_MAX = 60
"""``common.schema.json#/$defs/slug`` allows at most 60 characters."""

_ID = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?")
_GRS_PREFIX = re.compile(r"GRS\s*", re.IGNORECASE)
_PERIOD = re.compile(r"([0-9]{1,4})\s*([hdwmy]?)")
_RANGE = re.compile(
    r"([0-9]{1,4})\s*([hdwmy]?)\s*(?:-|\u2010|\u2011|\u2012|\u2013|\u2014|\u2015|\u2212|to)\s*([0-9]{1,4})\s*([hdwmy]?)"
)
_DASHES = re.compile("[\u2010-\u2015\u2212]")
_TRANSMITTAL = re.compile(r"transmittal[\s_-]*([0-9]+)", re.IGNORECASE)
_NOT_APPLICABLE = frozenset({"", "n/a", "na"})
_VARIABLE = frozenset({"[variable]", "variable"})
_UNITS = {"": "Y", "y": "Y", "m": "M", "w": "W", "d": "D", "h": "H"}
_HOURS_IN = {"Y": 8766, "M": 730, "W": 168, "D": 24, "H": 1}
"""Average hours per unit: only to put the two ends of a range in order."""

RetentionKind = Literal["period", "not-applicable", "variable", "range", "unrecognised"]
_Warn = Callable[[str, str, str], None]
"""Reports a warning about the current row: (code, message, column)."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import produced; ``schedule`` is valid against ``schedule.schema.json``."""

    schedule: dict[str, Any]
    events: dict[str, str]
    """Every event slug the items use -> the NARA event text, for ``events`` in fonds.yml."""
    diagnostics: list[Diagnostic]
    """Rows that could not be taken faithfully, or why nothing could be imported."""


@dataclass(frozen=True, slots=True)
class Retention:
    """A ``Retention (Years)`` value as read: an ISO 8601 period, or why there is none."""

    kind: RetentionKind
    period: str | None = None
    """The ISO 8601 period for ``period``; the shortest one (eligible from) for ``range``."""
    longest: str | None = None
    """The longest period of a ``range`` (due, then overdue, at its end)."""


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    cells: Mapping[str, str]
    """Cleaned cell text by column name; columns the file lacks are empty."""

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


# --- small readers ---------------------------------------------------------------------------


def clean_authority(value: str) -> str:
    """A disposition authority as text: cleaned, with typographic hyphens written as '-'."""
    return _DASHES.sub("-", clean_text(value))


def _given(value: str) -> bool:
    """True unless the cell is empty or says N/A."""
    return cell_key(value) not in _NOT_APPLICABLE


def _duration(amount: int, unit: str) -> str:
    if amount == 0:
        return "P0D"
    if unit == "H":
        return f"PT{amount}H"
    return f"P{amount}{unit}"


def parse_retention(value: str) -> Retention:
    """Read ``Retention (Years)``: ``6`` -> P6Y, ``0`` -> P0D, ``72h`` -> PT72H, ``30d`` -> P30D,
    ``3m`` -> P3M (months); ``4-7`` is a range; ``N/A``/``NA``/empty and ``[Variable]`` have none."""
    key = cell_key(value)
    if key in _NOT_APPLICABLE:
        return Retention("not-applicable")
    if key in _VARIABLE:
        return Retention("variable")
    found = _PERIOD.fullmatch(key)
    if found:
        return Retention("period", _duration(int(found.group(1)), _UNITS[found.group(2)]))
    found = _RANGE.fullmatch(key)
    if found:
        # "3-6m": a unit written once, after the second number, applies to both.
        low_unit = _UNITS[found.group(2) or found.group(4)]
        ends = sorted(
            ((int(found.group(1)), low_unit), (int(found.group(3)), _UNITS[found.group(4)])),
            key=lambda end: end[0] * _HOURS_IN[end[1]],
        )
        (low, unit_low), (high, unit_high) = ends
        if low * _HOURS_IN[unit_low] == high * _HOURS_IN[unit_high]:
            return Retention("period", _duration(low, unit_low))
        return Retention("range", _duration(low, unit_low), _duration(high, unit_high))
    return Retention("unrecognised")


def event_slug(text: str) -> str | None:
    """The event name for a NARA ``Event Type (General)`` text, or None when it names no event.

    Known texts use ``EVENT_SLUGS``; any other is lower-cased, accents dropped, every run of
    other characters written as '-', and cut at a word boundary to 60 characters.
    """
    key = cell_key(text)
    if key in _NOT_APPLICABLE or key in _VARIABLE:
        return None
    if key in EVENT_SLUGS:
        return EVENT_SLUGS[key]
    plain = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    if len(slug) > SLUG_MAX:
        head = slug[: SLUG_MAX + 1]
        slug = head.rsplit("-", 1)[0] if "-" in head else slug[:SLUG_MAX]
        slug = slug.strip("-")
    return slug or None


def item_id(grs_id: str) -> str | None:
    """``GRS 1.1.010`` -> ``1.1.010``; None when what is left is not a valid item id."""
    value = clean_text(grs_id)
    prefix = _GRS_PREFIX.match(value)
    if prefix:
        value = value[prefix.end() :]
    if len(value) > 80 or ".." in value or not _ID.fullmatch(value):
        return None
    return value


def _title(source: str) -> tuple[str, str | None]:
    found = _TRANSMITTAL.search(source)
    if found is None:
        return BASE_TITLE, None
    version = f"Transmittal {int(found.group(1))}"
    return f"{BASE_TITLE} ({version})", version


def _quoted(value: str) -> str:
    return f"'{value}'" if value else "empty"


def _listed(parts: Sequence[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


# --- reading the CSV -------------------------------------------------------------------------


def _column_index(header: Sequence[str]) -> dict[str, int]:
    known = {cell_key(name): name for name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)}
    index: dict[str, int] = {}
    for position, cell in enumerate(header):
        name = known.get(cell_key(cell.replace("\ufeff", "")))
        if name is not None and name not in index:
            index[name] = position
    return index


def import_nara_grs(csv_bytes: bytes, source: str) -> ImportResult:
    """Read NARA's GRS CSV (``source`` names it in diagnostics and in the schedule).

    Never raises for bad input: a file that is not a GRS CSV gives no items and a diagnostic
    saying why; a row that cannot become an item is skipped with a diagnostic at its line.
    """
    title, version = _title(source)
    schedule: dict[str, Any] = {"id": SCHEDULE_ID, "title": title, "issuer": ISSUER, "citation": CITATION}
    if version is not None:
        schedule["version"] = version
    schedule["source"] = source
    schedule["items"] = []

    def nothing(line: int, code: str, message: str) -> ImportResult:
        return ImportResult(schedule, {}, [error(source, line, 1 if line else 0, code, message)])

    try:
        text = csv_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = csv_bytes.count(b"\n", 0, exc.start) + 1
        return nothing(
            line,
            "encoding",
            "the file is not UTF-8 text (is it a binary file, or saved in another encoding?); "
            "NARA publishes the GRS CSV as UTF-8",
        )
    if "\x00" in text:
        return nothing(
            text.count("\n", 0, text.index("\x00")) + 1,
            "encoding",
            "the file contains NUL bytes, so it is binary, not a CSV file",
        )
    if not text.strip():
        return nothing(0, "empty-file", "the file is empty; expected NARA's GRS CSV")
    try:
        rows = read_rows(text)
    except csv.Error as exc:
        return nothing(0, "schema", f"the file is not a readable CSV file ({exc})")

    header_at = next((n for n, (_, cells) in enumerate(rows) if any(c.strip() for c in cells)), None)
    if header_at is None:
        return nothing(0, "empty-file", "the file holds no values; expected NARA's GRS CSV")
    header_line, header = rows[header_at]
    columns = _column_index(header)
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        return nothing(
            header_line,
            "schema",
            "this is not NARA's GRS CSV: its first row lacks the column"
            f"{'s' if len(missing) > 1 else ''} {_listed([repr(m) for m in missing])} "
            f"(expected the columns {', '.join(REQUIRED_COLUMNS)})",
        )

    diagnostics: list[Diagnostic] = []
    kept: list[tuple[str, _Row]] = []
    seen: dict[str, int] = {}
    for line, cells in rows[header_at + 1 :]:
        if not any(cell.strip() for cell in cells):
            continue
        row = _Row(
            line,
            {
                name: clean_text(cells[position]) if position < len(cells) else ""
                for name, position in columns.items()
            },
        )
        grs_id = row.get(COL_ID)
        identifier = item_id(grs_id)
        if identifier is None:
            what = f"the GRS ID {_quoted(grs_id)} is not" if grs_id else "there is no GRS ID, so no"
            diagnostics.append(
                error(source, line, 1, "schema", f"row skipped: {what} a usable item id", COL_ID)
            )
            continue
        if identifier in seen:
            diagnostics.append(
                error(
                    source,
                    line,
                    1,
                    "duplicate-id",
                    f"row skipped: GRS {identifier} was already given on line {seen[identifier]}",
                    COL_ID,
                )
            )
            continue
        if not row.get(COL_TITLE):
            diagnostics.append(
                error(
                    source, line, 1, "schema", f"row skipped: GRS {identifier} has no Record Title", COL_TITLE
                )
            )
            continue
        seen[identifier] = line
        kept.append((identifier, row))

    by_authority: dict[str, list[str]] = {}
    for identifier, row in kept:
        authority = clean_authority(row.get(COL_AUTHORITY))
        if _given(authority):
            by_authority.setdefault(authority.casefold(), []).append(identifier)
    ids = frozenset(seen)

    events: dict[str, str] = {}
    for identifier, row in kept:
        item, found = _item(identifier, row, source, ids, by_authority, events)
        schedule["items"].append(item)
        diagnostics.extend(found)
    return ImportResult(schedule, events, sort_diagnostics(diagnostics))


# --- one row ---------------------------------------------------------------------------------


def _successor(text: str, own: str, ids: frozenset[str], by_authority: Mapping[str, list[str]]) -> str | None:
    """The item a ``Superseded by`` text names: a GRS ID, or a disposition authority."""
    named = item_id(text)
    if named is not None and named != own and named in ids:
        return named
    owners = [i for i in by_authority.get(clean_authority(text).casefold(), []) if i != own]
    return owners[0] if len(owners) == 1 else None


def _item(
    identifier: str,
    row: _Row,
    source: str,
    ids: frozenset[str],
    by_authority: Mapping[str, list[str]],
    events: dict[str, str],
) -> tuple[dict[str, Any], list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []

    def warn(code: str, message: str, column: str) -> None:
        diagnostics.append(warning(source, row.line, 1, code, f"GRS {identifier}: {message}", column))

    item: dict[str, Any] = {"id": identifier, "title": row.get(COL_TITLE)}
    classification = row.get(COL_CLASSIFICATION)
    if _given(classification):
        item["description"] = f"Classification: {classification.rstrip('.')}."
    citation = row.get(COL_CITATION)
    if _given(citation):
        item["citation"] = citation
    authority = clean_authority(row.get(COL_AUTHORITY))
    if _given(authority):
        item["disposition_authority"] = authority

    notes: list[str] = []
    comments = row.get(COL_COMMENTS)
    if _given(comments):
        notes.append(comments)

    superseded = row.get(COL_SUPERSEDED)
    successor: str | None = None
    if _given(superseded):
        successor = _successor(superseded, identifier, ids, by_authority)
        if successor is None:
            notes.append(f"Superseded by {superseded} (no item of this file, so not linked).")
            warn(
                "unknown-schedule-item",
                f"'Superseded by' is {superseded}, which is neither the GRS ID nor the disposition "
                "authority of exactly one other item in this file; kept in notes, no superseded_by written",
                COL_SUPERSEDED,
            )

    disposition = cell_key(row.get(COL_DISPOSITION))
    if disposition in _NOT_APPLICABLE and _given(superseded):
        named = f"GRS {successor} ({superseded})" if successor and successor not in superseded else superseded
        rule: dict[str, Any] = {
            "final_action": "review",
            "implementable": False,
            "note": (
                f"Retired; superseded by {named}. The GRS gives no disposition (N/A), "
                "so the final action is shown as review."
            ),
        }
    else:
        rule = _rule(row, events, warn)

    item["rule"] = rule
    if successor is not None:
        item["superseded_by"] = f"{SCHEDULE_ID}/{successor}"
    updated = row.get(COL_UPDATED)
    if _given(updated):
        item["updated"] = updated
    if notes:
        item["notes"] = " ".join(notes)
    return item, diagnostics


def _rule(row: _Row, events: dict[str, str], warn: _Warn) -> dict[str, Any]:
    """The rule of a row that is not retired; what cannot be computed is quoted in its note."""
    rule: dict[str, Any] = {}
    problems: list[str] = []

    type_text = row.get(COL_TYPE)
    kind = cell_key(type_text)
    event_text = row.get(COL_EVENT)
    if kind == "creation_age":
        rule["trigger"] = "creation"
    elif kind == "event_age":
        slug = event_slug(event_text)
        if slug is not None:
            rule["trigger"] = "event"
            rule["event"] = slug
            events.setdefault(slug, event_text)
        else:
            problems.append(f"Event Type (General) is {_quoted(event_text)} for an Event_Age rule")
            if cell_key(event_text) not in _VARIABLE:
                warn(
                    "rule-incomplete",
                    f"Retention Type is Event_Age but Event Type (General) is {_quoted(event_text)}, "
                    "so no event can start the clock; imported as not machine-implementable",
                    COL_EVENT,
                )
    else:
        problems.append(f"Retention Type is {_quoted(type_text)}")
        if _given(type_text):
            warn(
                "rule-incomplete",
                f"Retention Type {_quoted(type_text)} is neither Creation_Age nor Event_Age; "
                "imported as not machine-implementable",
                COL_TYPE,
            )
        elif not _given(event_text):
            problems.append(f"Event Type (General) is {_quoted(event_text)}")

    retention_text = row.get(COL_RETENTION)
    retention = parse_retention(retention_text)
    if retention.kind == "period":
        rule["retain"] = retention.period
    elif retention.kind == "range":
        rule["retain"] = retention.period
        rule["retain_max"] = retention.longest
    else:
        problems.insert(0, f"Retention (Years) is {_quoted(retention_text)}")
        if retention.kind == "unrecognised":
            warn(
                "invalid-duration",
                f"Retention (Years) {_quoted(retention_text)} is not a period fonds can read "
                "(whole years, or a number followed by h, d, w, m or y); imported as not "
                "machine-implementable",
                COL_RETENTION,
            )

    disposition_text = row.get(COL_DISPOSITION)
    disposition = cell_key(disposition_text)
    final_action = {"temporary": "destroy", "permanent": "transfer"}.get(disposition, "review")
    if final_action == "review":
        problems.append(
            f"Disposition is {_quoted(disposition_text)} (so the final action is shown as review)"
        )
        if disposition not in _NOT_APPLICABLE:
            warn(
                "schema",
                f"Disposition {_quoted(disposition_text)} is neither Temporary nor Permanent; "
                "imported as final_action: review, not machine-implementable",
                COL_DISPOSITION,
            )

    rule["final_action"] = final_action
    if cell_key(row.get(COL_LONGER)) == "yes":
        rule["minimum"] = True
    if problems:
        rule["implementable"] = False
        rule["note"] = f"Not machine-implementable: in the GRS, {_listed(problems)}."
    return rule
