"""A record's history for ``fonds history``: text for people, JSON for programs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..reporters.formats import json_document
from ..reporters.registry import Renderers
from .history import Entry


@dataclass(frozen=True, slots=True)
class RecordHistory:
    """``entries`` newest first, as ``record_history`` gives them; ``note`` says why there
    are none (a shallow clone, no Git)."""

    record_id: str
    file: str
    entries: Sequence[Entry]
    note: str | None


def _json(history: RecordHistory) -> str:
    payload = {
        "record": history.record_id,
        "file": history.file,
        "note": history.note,
        "changes": [
            {
                "date": e.day.isoformat(),
                "kind": e.kind,
                "commit": e.sha,
                "author": e.author,
                "subject": e.subject,
                "from": e.old_path,
            }
            for e in history.entries
        ],
    }
    return json_document(payload)


def _text(history: RecordHistory) -> str:
    entries, note = history.entries, history.note
    lines = [f"{history.record_id}  {_printable(history.file)}"]
    if note:
        lines.append(note)
    elif not entries:
        lines.append("No commit has changed this record's file yet.")
    width = max((len(e.author or "") for e in entries), default=0)
    for e in entries:
        moved = f" (from {e.old_path})" if e.old_path else ""
        row = f"{e.day.isoformat()}  {(e.sha or '')[:10]}  {e.kind:<8}  {(e.author or ''):<{width}}  {e.subject or ''}"
        lines.append(_printable(row + moved).rstrip())
    return "\n".join(lines) + "\n"


HISTORY_RENDERERS: Renderers[RecordHistory] = Renderers("history", {"text": _text, "json": _json})
HISTORY_FORMATS = HISTORY_RENDERERS.formats


def render_history(record_id: str, file: str, entries: Sequence[Entry], note: str | None, fmt: str) -> str:
    return HISTORY_RENDERERS.render(RecordHistory(record_id, file, entries, note), fmt)


def _printable(text: str) -> str:
    """One line for a terminal: control characters (a newline in a file name, an escape
    sequence in a commit message) shown as escapes, never sent raw."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
