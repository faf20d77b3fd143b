"""An audit (custody/audit.py) as a table in every format."""

from __future__ import annotations

from ..custody.audit import Audit, Bucket
from .tables import Table, render_table

AUDIT_COLUMNS = ("bucket", "item", "barcode", "kind", "title", "catalogued", "found", "line", "note")
_WORDS = {
    Bucket.PRESENT: "present",
    Bucket.MISSING: "missing",
    Bucket.MISPLACED: "misplaced",
    Bucket.UNEXPECTED: "unexpected",
    Bucket.CHARGED_OUT_FOUND: "charged out but found",
    Bucket.ENDED_FOUND: "destroyed or transferred but found",
    Bucket.OUT: "charged out (away)",
}


def audit_table(result: Audit) -> Table:
    summary = {"location": result.location, "scans": result.scan_file, **result.counts}
    footer = ", ".join(f"{result.counts.get(b.value, 0)} {_WORDS[b]}" for b in Bucket)
    verdict = "nothing missing or misplaced" if not result.failed else "something is missing or misplaced"
    return Table(
        title=f"Audit of {result.location} against {result.scan_file}",
        columns=AUDIT_COLUMNS,
        rows=tuple(f.row() for f in result.findings),
        summary=summary,
        footer=f"{footer}: {verdict}",
        empty="Nothing expected and nothing scanned.",
        notes=(*(p.render() for p in result.problems), *result.since),
    )


def render_audit(result: Audit, fmt: str) -> str:
    return render_table(audit_table(result), fmt)
