"""The findings of ``fonds check`` as text, JSON or GitHub annotations."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..diagnostics import Diagnostic, Severity, count
from .formats import github_annotation, json_document, plural
from .registry import Renderers

Findings = tuple[Sequence[Diagnostic], Mapping[str, int]]
"""The diagnostics and their summary (``diagnostics_summary``)."""


def diagnostics_summary(diagnostics: Sequence[Diagnostic], records: int) -> dict[str, int]:
    return {
        "records": records,
        "errors": count(diagnostics, Severity.ERROR),
        "warnings": count(diagnostics, Severity.WARNING),
    }


def _json(findings: Findings) -> str:
    diagnostics, summary = findings
    payload: dict[str, Any] = {
        "diagnostics": [
            {
                "file": d.file,
                "line": d.line,
                "column": d.column,
                "code": d.code,
                "severity": d.severity.value,
                "message": d.message,
                "path": d.path,
            }
            for d in diagnostics
        ],
        "summary": dict(summary),
    }
    return json_document(payload)


def _summary_line(summary: Mapping[str, int]) -> str:
    return (
        plural(summary["records"], "record") + " checked: "
        f"{plural(summary['errors'], 'error')}, {plural(summary['warnings'], 'warning')}"
    )


def _text(findings: Findings) -> str:
    diagnostics, summary = findings
    return "\n".join([*(d.render() for d in diagnostics), _summary_line(summary)]) + "\n"


def _github(findings: Findings) -> str:
    diagnostics, summary = findings
    return "\n".join([*(github_annotation(d) for d in diagnostics), _summary_line(summary)]) + "\n"


DIAGNOSTICS_RENDERERS: Renderers[Findings] = Renderers(
    "check", {"text": _text, "json": _json, "github": _github}
)
FORMATS = DIAGNOSTICS_RENDERERS.formats


def render_diagnostics(diagnostics: Sequence[Diagnostic], summary: Mapping[str, int], fmt: str) -> str:
    return DIAGNOSTICS_RENDERERS.render((diagnostics, summary), fmt)
