"""Rendering findings: one set of values, several formats (text, JSON, GitHub annotations)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from .diagnostics import Diagnostic, Severity, count

FORMATS = ("text", "json", "github")


def diagnostics_summary(diagnostics: Sequence[Diagnostic], records: int) -> dict[str, int]:
    return {
        "records": records,
        "errors": count(diagnostics, Severity.ERROR),
        "warnings": count(diagnostics, Severity.WARNING),
    }


def render_diagnostics(diagnostics: Sequence[Diagnostic], summary: Mapping[str, int], fmt: str) -> str:
    """The whole report as one string, ending with a newline; the same input gives the same bytes."""
    if fmt == "json":
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
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    if fmt == "github":
        lines = [github_annotation(d) for d in diagnostics]
        lines.append(_summary_line(summary))
        return "\n".join(lines) + "\n"
    lines = [d.render() for d in diagnostics]
    lines.append(_summary_line(summary))
    return "\n".join(lines) + "\n"


def _summary_line(summary: Mapping[str, int]) -> str:
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    return (
        f"{plural(summary['records'], 'record')} checked: {plural(summary['errors'], 'error')}, "
        f"{plural(summary['warnings'], 'warning')}"
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(d: Diagnostic) -> str:
    """A GitHub Actions workflow command, so the finding shows on the pull request's diff."""
    kind = "error" if d.severity is Severity.ERROR else "warning"
    props = [f"file={_escape_property(d.file)}"]
    if d.line:
        props += [f"line={d.line}", f"col={d.column}"]
    props.append(f"title={_escape_property(f'fonds {d.code}')}")
    return f"::{kind} {','.join(props)}::{_escape_data(d.message)}"
