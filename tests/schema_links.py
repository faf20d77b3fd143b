"""What a technician's editor opens: each modeline's and each .vscode setting's schema file."""

from __future__ import annotations

import fnmatch
import json
import re
from pathlib import Path

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
KIND_OF = {
    "fonds.yml": "config",
    "catalogue/file-plan.yml": "file-plan",
    "catalogue/access.yml": "access",
    "catalogue/locations.yml": "locations",
    "catalogue/holds/*.yml": "hold",
    "catalogue/audits/*.yml": "audit",
    "catalogue/records/*.yml": "record",
    "catalogue/requests/*.yml": "request",
    "schedules/local/*.yml": "local-settings",
    "schedules/*.yml": "schedule",
}


def kind_of(path: str) -> str:
    return next(kind for pattern, kind in KIND_OF.items() if fnmatch.fnmatch(path, pattern))


def is_schema_of(target: Path, kind: str) -> bool:
    """The file exists and is a JSON Schema, the one fonds ships for files of ``kind``."""
    if not target.is_file():
        return False
    schema = json.loads(target.read_text(encoding="utf-8"))
    return "$schema" in schema and target.name == f"{kind}.schema.json" and "properties" in schema


def broken_links(root: Path) -> list[str]:
    """Every modeline or editor setting under ``root`` whose target is not the right schema."""
    problems = []
    yaml_files = [
        p
        for p in [root / "fonds.yml", *root.glob("catalogue/**/*.yml"), *root.glob("schedules/**/*.yml")]
        if p.is_file()
    ]
    assert yaml_files, f"no catalogue files in {root}"
    for path in yaml_files:
        display = path.relative_to(root).as_posix()
        match = MODELINE.match(path.read_text(encoding="utf-8").splitlines()[0])
        if match is None:
            problems.append(f"{display}: no modeline")
        elif not is_schema_of((path.parent / match.group(1)).resolve(), kind_of(display)):
            problems.append(f"{display}: {match.group(1)} is not its schema")
    settings = json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    for schema, pattern in settings["yaml.schemas"].items():
        kind = kind_of(pattern.replace("**/", ""))
        if not is_schema_of((root / schema).resolve(), kind):
            problems.append(f".vscode/settings.json: {schema} (for {pattern}) is not the {kind} schema")
    return problems
