"""``fonds init``: a complete catalogue repository of one's own, written in one step.

The files come from ``templates/init/`` (``common/`` for every catalogue, plus ``empty/`` or
``basic/``, the starter), with the options filled in, each value written the way the file
reads it (YAML scalars, escaped Markdown). The whole tree is made in a temporary folder beside
the target, checked with ``fonds check``'s own checks, and only then moved into place: with
one rename when the target folder does not exist yet, else through the atomic batch writer.
A catalogue that is already there, or any file in the way, is refused before anything is
written.
"""

from __future__ import annotations

import contextlib
import html
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal

from . import __version__
from .access.codeowners import CODEOWNERS_FILE, codeowners
from .changes import yaml_emit as emit
from .changes.files import FileChange, write_changes
from .checks import check_repository
from .diagnostics import Severity
from .reading.loader import CONFIG_FILE, ConfigError
from .reading.schema_files import (
    CATALOGUE_SCHEMA_DIR,
    SCHEMA_NAMES,
    schema_location,
    stale_schemas,
    vscode_settings,
)
from .reading.schemas import schema_text

Starter = Literal["empty", "basic"]
STARTERS: tuple[Starter, ...] = ("empty", "basic")
DEFAULT_LEVELS = ("public", "internal", "confidential", "secret")
FONDS_REPOSITORY = "https://github.com/millbrook/records"
"""Where fonds's source is published: the pre-commit hooks and requirements.txt point here."""

_LEVEL = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_PLACEHOLDER = re.compile(r"@([A-Z_]+(?::[a-z-]+)?)@")


class InitError(Exception):
    """The catalogue cannot be made here (it is there already, or a file is in the way); nothing
    was written."""


@dataclass(frozen=True, slots=True)
class InitOptions:
    name: str
    organisation: str
    fiscal_year_start: int = 1
    levels: tuple[str, ...] = DEFAULT_LEVELS
    starter: Starter = "basic"


def parse_levels(text: str) -> tuple[str, ...]:
    """``public,internal`` as levels, lowest first. Raises ValueError with the reason."""
    levels = tuple(part.strip() for part in text.split(","))
    if not text.strip() or any(not level for level in levels):
        raise ValueError("give the levels as names separated by commas, e.g. public,internal,confidential")
    for level in levels:
        if not _LEVEL.match(level) or len(level) > 60:
            raise ValueError(
                f"'{level}' is not a level name: use lower-case words joined by '-', such as 'public' or 'staff-only'"
            )
    repeated = sorted({level for level in levels if levels.count(level) > 1})
    if repeated:
        raise ValueError(f"the level {', '.join(repeated)} is given more than once")
    return levels


def check_text(value: str, what: str) -> str:
    """A name or organisation, trimmed. Raises ValueError when empty or unprintable."""
    value = value.strip()
    if not value:
        raise ValueError(f"the {what} must not be empty")
    if _CONTROL.search(value):
        raise ValueError(f"the {what} must be one line of text, without control characters")
    if len(value) > 200:
        raise ValueError(f"the {what} is longer than 200 characters")
    if any(mark in value for mark in '<>"'):
        # MkDocs Material writes the site name into HTML attributes unescaped (aria-label).
        raise ValueError(f"the {what} is the website's title: write it without the characters < > \"")
    return value


def check_fiscal_year_start(month: int) -> int:
    if not 1 <= month <= 12:
        raise ValueError(f"{month} is not a month: give 1 (January) to 12 (December)")
    return month


def _markdown(text: str) -> str:
    """Text that Markdown shows as written: HTML escaped, Markdown punctuation escaped."""
    return re.sub(r"([\\`*_{}\[\]()#+!|~>-])", r"\\\1", html.escape(text, quote=False))


def _values(options: InitOptions) -> dict[str, str]:
    levels = options.levels
    restricted = levels[min(2, len(levels) - 1)]
    staff = levels[min(1, len(levels) - 1)]
    groups = "groups: []"
    if options.starter == "basic":
        groups = "\n".join(
            [
                "groups:",
                "  - id: staff",
                "    title: All staff",
                f"    clearance: {staff}",
                "",
                "  - id: hr-staff",
                "    title: Human resources",
                f"    clearance: {restricted}",
                "    caveats: [personal-information]",
            ]
        )
    return {
        "NAME": emit.scalar(options.name),
        "ORGANISATION": emit.scalar(options.organisation),
        "NAME_MD": _markdown(options.name),
        "ORGANISATION_MD": _markdown(options.organisation),
        "SCHEDULE_TITLE": emit.scalar(f"{options.organisation} records retention schedule (starter)"),
        "FISCAL_YEAR_START": str(options.fiscal_year_start),
        "LEVELS": "\n".join(f"  - {level}" for level in levels),
        "GROUPS": groups,
        "LEVEL_RESTRICTED": restricted,
        "PUBLIC_LEVEL": levels[0],
        "VERSION": __version__,
        "FONDS_REPOSITORY": FONDS_REPOSITORY,
        "FONDS_REQUIREMENT": f"fonds @ git+{FONDS_REPOSITORY}@v{__version__}",
    }


def _iter_templates(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, str]]:
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        name = "." + entry.name[4:] if entry.name.startswith("dot-") else entry.name
        if entry.is_dir():
            yield from _iter_templates(entry, f"{prefix}{name}/")
        elif not name.endswith((".pyc", ".pyo")):
            yield f"{prefix}{name}", entry.read_text("utf-8")


def _fill(path: str, text: str, values: Mapping[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        if key.startswith("SCHEMA:"):
            return schema_location(None, key.split(":", 1)[1], path)
        return values[key]

    return _PLACEHOLDER.sub(replace, text)


def catalogue_files(options: InitOptions) -> dict[str, str]:
    """Every file of the new catalogue (path relative to its root: text), CODEOWNERS aside."""
    root = resources.files(__package__).joinpath("templates/init")
    values = _values(options)
    files: dict[str, str] = {}
    for part in ("common", options.starter):
        for path, text in _iter_templates(root.joinpath(part)):
            files[path] = _fill(path, text, values)
    for name in SCHEMA_NAMES:
        files[f"{CATALOGUE_SCHEMA_DIR}/{name}.schema.json"] = schema_text(name)
    files[".vscode/settings.json"] = vscode_settings(None)
    return dict(sorted(files.items()))


def refusal(target: Path, paths: list[str]) -> str | None:
    """Why ``target`` cannot take a new catalogue, or None."""
    if (target / CONFIG_FILE).exists() or (target / "catalogue").exists():
        return f"{target} already holds a catalogue ({CONFIG_FILE} or catalogue/): nothing was written"
    if target.exists() and not target.is_dir():
        return f"{target} is a file, not a folder: nothing was written"
    in_the_way = [path for path in paths if os.path.lexists(target / path)]
    if in_the_way:
        shown = ", ".join(in_the_way[:5]) + (
            f" and {len(in_the_way) - 5} more" if len(in_the_way) > 5 else ""
        )
        return f"{target} already has files that fonds init would write ({shown}): nothing was written"
    return None


@dataclass(frozen=True, slots=True)
class InitResult:
    root: Path
    files: tuple[str, ...]
    git: Literal["initialised", "existing", "skipped"]


def init_catalogue(target: Path, options: InitOptions, *, git: bool = True) -> InitResult:
    """Write a new catalogue into ``target`` (made if missing). Raises InitError, with nothing
    written, when a catalogue or any of its files is there already."""
    target = Path(os.path.abspath(target))  # ../records as a folder name, not a path
    files = catalogue_files(options)
    reason = refusal(target, [*files, CODEOWNERS_FILE])
    if reason is not None:
        raise InitError(reason)
    if not target.parent.is_dir():
        raise InitError(f"{target.parent} does not exist: make it first, or give another folder")
    git_state: Literal["initialised", "existing", "skipped"] = "skipped"
    if git:
        git_state = "existing" if (target / ".git").exists() else "initialised"
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.fonds-init-"))
    try:
        files[CODEOWNERS_FILE] = _stage(staging, files)
        if target.exists():
            write_changes(target, [FileChange(path, None, text) for path, text in sorted(files.items())])
            if git_state == "initialised":
                _git_init(target)
        else:
            if git_state == "initialised":
                _git_init(staging)
            _make_readable(staging)
            os.rename(staging, target)  # the one step that makes the catalogue appear
    finally:
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(staging)
    return InitResult(target, tuple(sorted(files)), git_state)


def _stage(staging: Path, files: Mapping[str, str]) -> str:
    """Write ``files`` under ``staging``, check them as ``fonds check`` does, and return the
    CODEOWNERS text for them. Raises InitError when they do not check clean (options that
    slipped past validation)."""
    for path, text in files.items():
        out = staging / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(text.encode("utf-8"))
    try:
        catalogue, diagnostics = check_repository(staging)
    except ConfigError as exc:  # pragma: no cover - fonds.yml is always written
        raise InitError(str(exc)) from exc
    errors = [d.render() for d in diagnostics if d.severity is Severity.ERROR]
    if errors:
        raise InitError("the catalogue would not check clean, so nothing was written:\n" + "\n".join(errors))
    text = codeowners(catalogue).text
    out = staging / CODEOWNERS_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(text.encode("utf-8"))
    return text


def _make_readable(folder: Path) -> None:
    """mkdtemp makes a folder only its owner may open; the catalogue gets the usual mode."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(folder, 0o777 & ~mask)


def _git_init(folder: Path) -> None:
    import git

    try:
        git.Repo.init(folder, initial_branch="main")
    except git.GitCommandError:  # git before 2.28 has no --initial-branch
        git.Repo.init(folder)


def schema_changes(root: Path) -> list[FileChange]:
    """The writes that make the catalogue's copy of the schemas those of this fonds (none when
    they already are): ``fonds schemas --update``."""
    return [FileChange(path, old, new) for path, old, new in stale_schemas(root)]
