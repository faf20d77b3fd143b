"""The fixity report (``fonds fixity``) as text, JSON or CSV."""

from __future__ import annotations

import json

from ..custody.fixity import FixityReport
from ..terminal import safe
from .formats import csv_text
from .registry import Renderers

COLUMNS = ("status", "record", "path", "recorded", "actual", "bytes", "reason")


def _json(report: FixityReport) -> str:
    rows = [item.row() for item in report.items]
    tally = {s: report.count(s) for s in ("ok", "changed", "missing", "unrecorded", "refused", "untracked")}
    return json.dumps({"root": report.root, "counts": tally, "files": rows}, indent=2, sort_keys=True) + "\n"


def _csv(report: FixityReport) -> str:
    rows = [item.row() for item in report.items]
    return csv_text(COLUMNS, [["" if r[c] is None else str(r[c]) for c in COLUMNS] for r in rows])


def _text(report: FixityReport) -> str:
    lines = []
    for item in report.items:
        what = f"{item.record}: " if item.record else ""
        extra = (
            f" (recorded {item.recorded[:12]}..., now {item.actual[:12]}...)"
            if item.status == "changed"
            else ""
        )
        reason = f": {item.reason}" if item.reason and item.status != "untracked" else ""
        lines.append(safe(f"{item.status:<10} {what}{report.root}/{item.path}{extra}{reason}"))
    counts = ", ".join(
        f"{report.count(s)} {s}" for s in ("ok", "changed", "missing", "unrecorded", "refused", "untracked")
    )
    return "\n".join([*lines, f"{len(report.items)} files: {counts}"]) + "\n"


FIXITY_RENDERERS: Renderers[FixityReport] = Renderers("fixity", {"text": _text, "json": _json, "csv": _csv})
FIXITY_FORMATS = FIXITY_RENDERERS.formats


def render_fixity(report: FixityReport, fmt: str) -> str:
    return FIXITY_RENDERERS.render(report, fmt)
