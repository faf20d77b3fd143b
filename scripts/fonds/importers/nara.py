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

The CSV's columns and rows are read in ``nara_columns``, its retention and event texts in
``nara_retention``; this module maps each row to a schedule item.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..diagnostics import Diagnostic, error, sort_diagnostics, warning
from .csvtext import cell_key, read_rows
from .nara_columns import (
    COL_AUTHORITY,
    COL_CITATION,
    COL_CLASSIFICATION,
    COL_COMMENTS,
    COL_DISPOSITION,
    COL_EVENT,
    COL_LONGER,
    COL_RETENTION,
    COL_SUPERSEDED,
    COL_TITLE,
    COL_TYPE,
    COL_UPDATED,
    NOT_APPLICABLE,
    REQUIRED_COLUMNS,
    VARIABLE,
    Row,
    Rows,
    Warn,
    clean_authority,
    column_index,
    given,
    item_id,
    kept_rows,
    quoted,
)
from .nara_retention import Retention, event_slug, parse_retention
from .result import ImportResult

__all__ = ["ImportResult", "Retention", "event_slug", "import_nara_grs", "item_id", "parse_retention"]

SCHEDULE_ID = "nara-grs"
ISSUER = "National Archives and Records Administration"
CITATION = "36 CFR 1227"
BASE_TITLE = "NARA General Records Schedules"

_TRANSMITTAL = re.compile(r"transmittal[\s_-]*([0-9]+)", re.IGNORECASE)


def _title(source: str) -> tuple[str, str | None]:
    found = _TRANSMITTAL.search(source)
    if found is None:
        return BASE_TITLE, None
    version = f"Transmittal {int(found.group(1))}"
    return f"{BASE_TITLE} ({version})", version


def _listed(parts: Sequence[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


# --- reading the CSV -------------------------------------------------------------------------


def import_nara_grs(csv_bytes: bytes, source: str) -> ImportResult:
    """Read NARA's GRS CSV (``source`` names it in diagnostics and in the schedule).

    Never raises for bad input: a file that is not a GRS CSV gives no items and a diagnostic
    saying why; a row that cannot become an item is skipped with a diagnostic at its line.
    """
    schedule = _schedule_head(source)
    table = _read_table(csv_bytes, source)
    if isinstance(table, Diagnostic):
        return ImportResult(schedule, {}, [table])
    diagnostics: list[Diagnostic] = []
    kept = kept_rows(*table, source, diagnostics)
    by_authority: dict[str, list[str]] = {}
    for identifier, row in kept:
        authority = clean_authority(row.get(COL_AUTHORITY))
        if given(authority):
            by_authority.setdefault(authority.casefold(), []).append(identifier)
    ids = frozenset(identifier for identifier, _ in kept)

    events: dict[str, str] = {}
    for identifier, row in kept:
        item, found = _item(identifier, row, source, ids, by_authority, events)
        schedule["items"].append(item)
        diagnostics.extend(found)
    return ImportResult(schedule, events, sort_diagnostics(diagnostics))


def _schedule_head(source: str) -> dict[str, Any]:
    title, version = _title(source)
    schedule: dict[str, Any] = {"id": SCHEDULE_ID, "title": title, "issuer": ISSUER, "citation": CITATION}
    if version is not None:
        schedule["version"] = version
    schedule["source"] = source
    schedule["items"] = []
    return schedule


def _refusal(source: str, line: int, code: str, message: str) -> Diagnostic:
    """Why nothing of the file could be imported."""
    return error(source, line, 1 if line else 0, code, message)


def _decode(csv_bytes: bytes, source: str) -> str | Diagnostic:
    try:
        text = csv_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = csv_bytes.count(b"\n", 0, exc.start) + 1
        return _refusal(
            source,
            line,
            "encoding",
            "the file is not UTF-8 text (is it a binary file, or saved in another encoding?); "
            "NARA publishes the GRS CSV as UTF-8",
        )
    if "\x00" in text:
        return _refusal(
            source,
            text.count("\n", 0, text.index("\x00")) + 1,
            "encoding",
            "the file contains NUL bytes, so it is binary, not a CSV file",
        )
    if not text.strip():
        return _refusal(source, 0, "empty-file", "the file is empty; expected NARA's GRS CSV")
    return text


def _read_table(csv_bytes: bytes, source: str) -> tuple[dict[str, int], Rows] | Diagnostic:
    """The columns found in the header, and the rows after it; or why the file is no GRS CSV."""
    text = _decode(csv_bytes, source)
    if isinstance(text, Diagnostic):
        return text
    try:
        rows = read_rows(text)
    except csv.Error as exc:
        return _refusal(source, 0, "schema", f"the file is not a readable CSV file ({exc})")
    header_at = next((n for n, (_, cells) in enumerate(rows) if any(c.strip() for c in cells)), None)
    if header_at is None:
        return _refusal(source, 0, "empty-file", "the file holds no values; expected NARA's GRS CSV")
    header_line, header = rows[header_at]
    columns = column_index(header)
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        return _refusal(
            source,
            header_line,
            "schema",
            "this is not NARA's GRS CSV: its first row lacks the column"
            f"{'s' if len(missing) > 1 else ''} {_listed([repr(m) for m in missing])} "
            f"(expected the columns {', '.join(REQUIRED_COLUMNS)})",
        )
    return columns, rows[header_at + 1 :]


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
    row: Row,
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
    if given(classification):
        item["description"] = f"Classification: {classification.rstrip('.')}."
    citation = row.get(COL_CITATION)
    if given(citation):
        item["citation"] = citation
    authority = clean_authority(row.get(COL_AUTHORITY))
    if given(authority):
        item["disposition_authority"] = authority

    notes: list[str] = []
    comments = row.get(COL_COMMENTS)
    if given(comments):
        notes.append(comments)

    superseded = row.get(COL_SUPERSEDED)
    successor: str | None = None
    if given(superseded):
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
    retired = disposition in NOT_APPLICABLE and given(superseded)
    item["rule"] = _retired_rule(successor, superseded) if retired else _rule(row, events, warn)
    if successor is not None:
        item["superseded_by"] = f"{SCHEDULE_ID}/{successor}"
    updated = row.get(COL_UPDATED)
    if given(updated):
        item["updated"] = updated
    if notes:
        item["notes"] = " ".join(notes)
    return item, diagnostics


def _retired_rule(successor: str | None, superseded: str) -> dict[str, Any]:
    """The rule of a retired row (Disposition N/A, a successor named): review, not implementable."""
    named = f"GRS {successor} ({superseded})" if successor and successor not in superseded else superseded
    return {
        "final_action": "review",
        "implementable": False,
        "note": (
            f"Retired; superseded by {named}. The GRS gives no disposition (N/A), "
            "so the final action is shown as review."
        ),
    }


def _rule(row: Row, events: dict[str, str], warn: Warn) -> dict[str, Any]:
    """The rule of a row that is not retired; what cannot be computed is quoted in its note."""
    problems: list[str] = []
    rule = _trigger(row, events, warn, problems)
    rule |= _retain(row, warn, problems)
    rule["final_action"] = _final_action(row, warn, problems)
    if cell_key(row.get(COL_LONGER)) == "yes":
        rule["minimum"] = True
    if problems:
        rule["implementable"] = False
        rule["note"] = f"Not machine-implementable: in the GRS, {_listed(problems)}."
    return rule


def _trigger(row: Row, events: dict[str, str], warn: Warn, problems: list[str]) -> dict[str, Any]:
    """``trigger`` (and ``event``) from Retention Type and Event Type (General)."""
    type_text = row.get(COL_TYPE)
    kind = cell_key(type_text)
    event_text = row.get(COL_EVENT)
    if kind == "creation_age":
        return {"trigger": "creation"}
    if kind == "event_age":
        slug = event_slug(event_text)
        if slug is not None:
            events.setdefault(slug, event_text)
            return {"trigger": "event", "event": slug}
        problems.append(f"Event Type (General) is {quoted(event_text)} for an Event_Age rule")
        if cell_key(event_text) not in VARIABLE:
            warn(
                "rule-incomplete",
                f"Retention Type is Event_Age but Event Type (General) is {quoted(event_text)}, "
                "so no event can start the clock; imported as not machine-implementable",
                COL_EVENT,
            )
        return {}
    problems.append(f"Retention Type is {quoted(type_text)}")
    if given(type_text):
        warn(
            "rule-incomplete",
            f"Retention Type {quoted(type_text)} is neither Creation_Age nor Event_Age; "
            "imported as not machine-implementable",
            COL_TYPE,
        )
    elif not given(event_text):
        problems.append(f"Event Type (General) is {quoted(event_text)}")
    return {}


def _retain(row: Row, warn: Warn, problems: list[str]) -> dict[str, Any]:
    """``retain`` (and ``retain_max`` for a range) from Retention (Years)."""
    retention_text = row.get(COL_RETENTION)
    retention = parse_retention(retention_text)
    if retention.kind == "period":
        return {"retain": retention.period}
    if retention.kind == "range":
        return {"retain": retention.period, "retain_max": retention.longest}
    problems.insert(0, f"Retention (Years) is {quoted(retention_text)}")
    if retention.kind == "unrecognised":
        warn(
            "invalid-duration",
            f"Retention (Years) {quoted(retention_text)} is not a period fonds can read "
            "(whole years, or a number followed by h, d, w, m or y); imported as not "
            "machine-implementable",
            COL_RETENTION,
        )
    return {}


def _final_action(row: Row, warn: Warn, problems: list[str]) -> str:
    """Temporary -> destroy, Permanent -> transfer, anything else review (not implementable)."""
    disposition_text = row.get(COL_DISPOSITION)
    disposition = cell_key(disposition_text)
    final_action = {"temporary": "destroy", "permanent": "transfer"}.get(disposition, "review")
    if final_action == "review":
        problems.append(f"Disposition is {quoted(disposition_text)} (so the final action is shown as review)")
        if disposition not in NOT_APPLICABLE:
            warn(
                "schema",
                f"Disposition {quoted(disposition_text)} is neither Temporary nor Permanent; "
                "imported as final_action: review, not machine-implementable",
                COL_DISPOSITION,
            )
    return final_action
