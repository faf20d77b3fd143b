"""Where a catalogue keeps the JSON Schemas its editors use, and keeping them current.

fonds validates with the schemas shipped in the package; editors (yaml-language-server) read
them from a file path. A catalogue made by ``fonds init`` keeps a copy in ``.fonds/schemas/``,
refreshed by ``fonds schemas --update`` after an upgrade; the repository that holds fonds itself
keeps them in ``scripts/fonds/schemas/``, the package's own folder. Every modeline and editor
setting fonds writes is computed here, from that one location, relative to the file it goes in.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Mapping
from pathlib import Path

from .. import __version__
from ..diagnostics import Diagnostic, warning
from .schemas import KINDS, schema_text

CATALOGUE_SCHEMA_DIR = ".fonds/schemas"
"""Where ``fonds init`` puts the schemas in a catalogue of one's own."""
SOURCE_SCHEMA_DIR = "scripts/fonds/schemas"
"""The package's own schema folder, in the repository that holds fonds's source."""
SCHEMA_NAMES = ("common", *KINDS)

FILES_OF_KIND: Mapping[str, str] = {
    "config": "fonds.yml",
    "file-plan": "catalogue/file-plan.yml",
    "access": "catalogue/access.yml",
    "locations": "catalogue/locations.yml",
    "hold": "catalogue/holds/**/*.yml",
    "audit": "catalogue/audits/*.yml",
    "record": "catalogue/records/**/*.yml",
    "schedule": "schedules/*.yml",
    "local-settings": "schedules/local/*.yml",
    "request": "catalogue/requests/**/*.yml",
}
"""The files of each kind, as glob patterns for editor settings."""


def schema_dir(root: Path | None) -> str:
    """The catalogue's schema folder, relative to ``root``: ``.fonds/schemas`` when there, else
    ``scripts/fonds/schemas`` when there (the fonds repository), else ``.fonds/schemas``."""
    if root is not None:
        for folder in (CATALOGUE_SCHEMA_DIR, SOURCE_SCHEMA_DIR):
            if (root / folder).is_dir():
                return folder
    return CATALOGUE_SCHEMA_DIR


def schema_location(root: Path | None, kind: str, file: str) -> str:
    """The path from ``file`` (relative to ``root``, forward slashes) to the schema of ``kind``:
    what a ``$schema`` modeline in that file must say to resolve in this catalogue."""
    if kind not in KINDS:
        raise ValueError(f"no schema for the kind {kind!r}")
    target = f"{schema_dir(root)}/{kind}.schema.json"
    return posixpath.relpath(target, posixpath.dirname(file) or ".")


def modeline(root: Path | None, kind: str, file: str) -> str:
    """The yaml-language-server comment (without '# ') for the first line of ``file``."""
    return f"yaml-language-server: $schema={schema_location(root, kind, file)}"


def vscode_settings(root: Path | None) -> str:
    """The text of ``.vscode/settings.json``: each kind's files mapped to its schema."""
    folder = schema_dir(root)
    settings = {
        "yaml.schemas": {f"./{folder}/{kind}.schema.json": files for kind, files in FILES_OF_KIND.items()},
        "yaml.customTags": [],
        "files.insertFinalNewline": True,
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2},
    }
    return json.dumps(settings, indent=2) + "\n"


def stale_schemas(root: Path) -> list[tuple[str, str | None, str]]:
    """``(path, text now, text of this fonds)`` of each schema in the catalogue's copy that is
    not this fonds's (none when all are). For a catalogue that keeps ``.fonds/schemas``."""
    stale = []
    for name in SCHEMA_NAMES:
        path = f"{CATALOGUE_SCHEMA_DIR}/{name}.schema.json"
        try:
            old: str | None = (root / path).read_bytes().decode("utf-8")
        except (FileNotFoundError, UnicodeDecodeError):
            old = None
        new = schema_text(name)
        if old != new:
            stale.append((path, old, new))
    return stale


def schema_diagnostics(root: Path) -> list[Diagnostic]:
    """A warning when the catalogue's copy of the schemas is not the installed fonds's (after
    an upgrade of fonds): editors would check files against old rules."""
    if not (root / CATALOGUE_SCHEMA_DIR).is_dir():
        return []
    stale = [path.rsplit("/", 1)[1] for path, _, _ in stale_schemas(root)]
    if not stale:
        return []
    shown = ", ".join(stale[:3]) + (f" and {len(stale) - 3} more" if len(stale) > 3 else "")
    return [
        warning(
            f"{CATALOGUE_SCHEMA_DIR}/{stale[0]}",
            0,
            0,
            "outdated-schemas",
            f"the schemas your editor uses ({CATALOGUE_SCHEMA_DIR}: {shown}) are not those of the installed "
            f"fonds {__version__}, which checks your files: run `fonds schemas --update` and commit the result",
        )
    ]
