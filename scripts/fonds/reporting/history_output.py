"""A record's history for ``fonds history``: text for people, JSON for programs."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .history import Entry

HISTORY_FORMATS = ("text", "json")


def render_history(record_id: str, file: str, entries: Sequence[Entry], note: str | None, fmt: str) -> str:
    """``entries`` newest first, as ``record_history`` gives them; ``note`` says why there
    are none (a shallow clone, no Git)."""
    if fmt == "json":
        payload = {
            "record": record_id,
            "file": file,
            "note": note,
            "changes": [
                {
                    "date": e.day.isoformat(),
                    "kind": e.kind,
                    "commit": e.sha,
                    "author": e.author,
                    "subject": e.subject,
                    "from": e.old_path,
                }
                for e in entries
            ],
        }
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    lines = [f"{record_id}  {_printable(file)}"]
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


def _printable(text: str) -> str:
    """One line for a terminal: control characters (a newline in a file name, an escape
    sequence in a commit message) shown as escapes, never sent raw."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
