"""What every command that changes the catalogue shares: the plan it makes before it touches
anything, and the checks each record must pass.

A command first makes a ``Plan``: every requested record is checked, and every refusal is
collected (a technician fixes them all in one go, as with ``fonds check``); the new text of
each file is made with ``yaml_edit`` (or ``yaml_emit``) and checked against its schema. Only
a plan without refusals is written (``files``), shown (``--dry-run``) or committed (``git``),
all by ``apply.apply_plan``. Planning reads files but never writes one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from ..diagnostics import Diagnostic, Severity, close_matches, error
from ..model import Catalogue, Hold, Record
from ..model import Path as YamlPath
from ..reading import schemas
from ..reading.limits import Kind, folder_problem, value_problem
from ..reading.yamlfile import parse_document
from ..retention.holds import covered_classes, covers, is_active
from .files import FileChange, UnsafePathError, read_text, real_target
from .yaml_edit import Edit, EditError, apply_edits

RECORDS_DIR = "catalogue/records"


class RequestError(Exception):
    """The request itself is wrong (an option's value, a missing option): exit 2."""


def check_values(*values: tuple[str, Kind | Literal["folder"], str | None]) -> None:
    """Every ``(label, kind, value)`` within the schema's limits (``reading.limits``), or
    ``RequestError`` naming the first that is not. Every planner calls this before it looks
    anything up, so no command reaches the file system with a value the schema would refuse."""
    for label, kind, value in values:
        if value is None:
            continue
        problem = folder_problem(value) if kind == "folder" else value_problem(kind, value)
        if problem is not None:
            raise RequestError(f"{label}: {problem}")


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything an action would change, or why it cannot be done."""

    subject: str
    """The action in one line, e.g. "Dispose of 2 records under nara-grs/1.1.010: ..."."""
    changes: tuple[FileChange, ...] = ()
    refusals: tuple[Diagnostic, ...] = ()
    details: tuple[str, ...] = ()
    """One line per record or document, for the technician and the commit message's body."""

    @property
    def message(self) -> str:
        """The commit message: the subject, then the details."""
        if not self.details:
            return self.subject + "\n"
        return self.subject + "\n\n" + "\n".join(self.details) + "\n"


def refusal(catalogue: Catalogue, file: str, path: YamlPath, code: str, message: str) -> Diagnostic:
    """A refusal placed on the line of ``path`` in ``file`` (the whole file when not written)."""
    line, column = catalogue.where(file, path) if path else (0, 0)
    return error(file, line, column, code, message, ".".join(str(p) for p in path))


def refused(subject: str, refusals: Iterable[Diagnostic]) -> Plan:
    return Plan(subject, refusals=tuple(sorted(set(refusals))))


def select_records(catalogue: Catalogue, ids: Iterable[str]) -> tuple[list[Record], list[Diagnostic]]:
    """The records named by ``ids`` in id order (each once), and a refusal per unknown id.
    Raises ``RequestError`` for a value that cannot be an id at all."""
    check_values(*(("record", "id", record_id) for record_id in ids))
    found, missing = [], []
    for record_id in sorted(set(ids)):
        record = catalogue.records.get(record_id)
        if record is None and record_id in catalogue.record_files:
            # The file is there but was refused or unreadable (a link leading outside, a FIFO...).
            message = f"the file of record '{record_id}' could not be read; fonds check says why"
            missing.append(error(RECORDS_DIR, 0, 0, "unknown-record", message))
        elif record is None:
            close = close_matches(
                record_id, catalogue.records, cutoff=0.8
            )  # ids: FIN-12 for FIN-21 is a different record
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            missing.append(
                error(RECORDS_DIR, 0, 0, "unknown-record", f"there is no record '{record_id}'{hint}")
            )
        else:
            found.append(record)
    return found, missing


def file_errors(problems: Sequence[Diagnostic], files: Iterable[str]) -> list[Diagnostic]:
    """The errors already found in ``files``: such a file is not edited until it is fixed."""
    wanted = set(files)
    return [d for d in problems if d.file in wanted and d.severity is Severity.ERROR]


def ended(catalogue: Catalogue, record: Record) -> Diagnostic | None:
    """A refusal when ``record`` is already a tombstone, which no command changes again."""
    if record.status not in ("destroyed", "transferred"):
        return None
    disposition = record.disposition
    when = f" on {disposition.date.isoformat()}" if disposition and disposition.date else ""
    proof = f" (certificate {disposition.certificate})" if disposition and disposition.certificate else ""
    return refusal(
        catalogue,
        record.file,
        ("status",),
        "record-disposed",
        f"{record.id} was already {record.status}{when}{proof}; its entry is kept unchanged as proof",
    )


def before_creation(catalogue: Catalogue, record: Record, on: date, what: str) -> Diagnostic | None:
    """A refusal when ``what`` on ``on`` (an event, a closing) would be before ``record`` was
    created."""
    if record.created is None or on >= record.created:
        return None
    return refusal(
        catalogue,
        record.file,
        ("dates", "created"),
        "date-order",
        f"{what} on {on.isoformat()} would be before {record.id} was created ({record.created.isoformat()})",
    )


def active_holds(catalogue: Catalogue, record: Record, on: date) -> list[Hold]:
    """The holds that stop ``record`` being destroyed or transferred on ``on``, in id order:
    those in force that day, and those placed since and not released. A disposal recorded
    with a past date cannot slip past a hold placed in the meantime."""
    children = catalogue.children()
    return [
        hold
        for hold in catalogue.holds.values()
        if (
            is_active(hold, on)
            or (hold.placed_on is not None and hold.placed_on > on and hold.released_on is None)
        )
        and covers(hold, record, covered_classes(hold, children))
    ]


def hold_refusal(catalogue: Catalogue, record: Record, holds: Sequence[Hold], verb: str) -> Diagnostic:
    named = "; ".join(
        f"{hold.id} ({hold.title}, placed {hold.placed_on.isoformat() if hold.placed_on else '?'} "
        f"by {hold.placed_by})"
        for hold in holds
    )
    return refusal(
        catalogue,
        record.file,
        ("id",),
        "on-hold",
        f"{record.id} is under legal hold {named}: it cannot be {verb} until the hold is released",
    )


def charged_out(catalogue: Catalogue, record: Record, verb: str) -> Diagnostic | None:
    charge = record.charge_out
    if charge is None:
        return None
    since = charge.since.isoformat() if charge.since else "?"
    return refusal(
        catalogue,
        record.file,
        ("charge_out",),
        "charged-out",
        f"{record.id} is charged out to {charge.to} since {since}; it cannot be {verb} "
        f"until it is returned (fonds return {record.id})",
    )


def validate_text(catalogue: Catalogue, file: str, text: str, kind: str) -> list[Diagnostic]:
    """The errors the schema finds in ``text``, the new content of ``file``."""
    doc, found = parse_document(text.encode("utf-8"), file)
    if doc.data is not None:
        checker = (
            schemas.record_validator(catalogue.config.fields) if kind == "record" else schemas.validator(kind)
        )
        found = found + schemas.validate(doc, checker, kind)
    return [d for d in found if d.severity is Severity.ERROR]


def edit_file(
    catalogue: Catalogue, root: Path, file: str, edits: Sequence[Edit], kind: str
) -> FileChange | Diagnostic:
    """``file`` with ``edits`` made, or a refusal saying why it cannot be edited safely."""
    try:
        real_target(root, file)
    except UnsafePathError as exc:
        return error(file, 0, 0, "unsafe-path", exc.reason)
    old = read_text(root / file)
    if old is None:
        return error(file, 0, 0, "edit-failed", "the file has disappeared; run the command again")
    try:
        new = apply_edits(old, edits)
    except EditError as exc:
        return error(file, 0, 0, "edit-failed", str(exc))
    problems = validate_text(catalogue, file, new, kind)
    if problems:
        first = problems[0]
        return error(
            file,
            first.line,
            first.column,
            "edit-failed",
            f"the edited file would not be valid: {first.message}",
        )
    return FileChange(file, old, new)


def gather(items: Iterable[FileChange | Diagnostic]) -> tuple[list[FileChange], list[Diagnostic]]:
    """Split ``edit_file`` results into the changes and the refusals."""
    changes: list[FileChange] = []
    problems: list[Diagnostic] = []
    for item in items:
        if isinstance(item, FileChange):
            changes.append(item)
        else:
            problems.append(item)
    return changes, problems


def listed(ids: Sequence[str], limit: int = 5) -> str:
    """``A, B and C``; past ``limit`` ids, ``A, B, C, D, E and 7 more``."""
    if len(ids) <= 1:
        return "".join(ids)
    if len(ids) > limit:
        return f"{', '.join(ids[:limit])} and {len(ids) - limit} more"
    return f"{', '.join(ids[:-1])} and {ids[-1]}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def next_number(prefix: str, taken: Iterable[str]) -> int:
    """1 + the highest ``n`` among ``taken`` names that start ``PREFIX-n``: document ids are
    numbered per day, the same on every run over the same catalogue."""
    pattern = re.compile(re.escape(prefix) + r"-([0-9]+)\b")
    numbers = [int(found.group(1)) for name in taken if (found := pattern.match(name))]
    return max(numbers, default=0) + 1


def names_in(folder: Path) -> list[str]:
    """The file names in ``folder`` (none when it does not exist yet)."""
    try:
        return sorted(entry.name for entry in folder.iterdir())
    except OSError:
        return []


def output_path(folder: str, name: str) -> str:
    """Where a document goes: relative to the catalogue root, or absolute when ``folder`` is."""
    target = Path(folder) / name
    return target.as_posix() if target.is_absolute() else target.as_posix().removeprefix("./")
