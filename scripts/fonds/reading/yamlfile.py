"""Reading one YAML file safely: every trap becomes a diagnostic, never a traceback.

PyYAML's C parser reads the text (fast, and it keeps line and column marks); ``yaml_events``
then turns its events into plain JSON-compatible values itself, so that it can:

- reject duplicate keys, aliases (no "billion laughs"), explicit tags and extra documents;
- keep dates as the text that was written, leaving "is it a real YYYY-MM-DD date?" to the
  schema in one place;
- remember where each value was written (``positions``) and what an unquoted yes/no or
  number looked like before YAML 1.1 turned it into a boolean or number (``plain``).

``yaml_text`` finds the traps in the text itself (encoding, invisible characters) and words
syntax errors; this module is the entry point that puts the steps together.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..diagnostics import Diagnostic, error
from ..model import Path
from . import safefile
from .yaml_events import Builder, Rejected
from .yaml_text import describe_character, encoding_error, first_control_character, syntax_error

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Bigger than any real catalogue file (the whole NARA GRS is under 1 MB)."""

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(slots=True)
class Document:
    """A parsed file. ``data`` is None when the file could not be read at all."""

    file: str
    data: Any
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    plain: dict[Path, str] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    """Values that were read but cannot be used (an infinite number): reported, the rest kept."""

    def where(self, path: Path) -> tuple[int, int]:
        """The (line, column) of ``path``, or of its nearest ancestor that has one."""
        while path:
            found = self.positions.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return self.positions.get((), (1, 1))


def read_document(
    path: str | os.PathLike[str],
    display: str,
    *,
    track: bool = True,
    root: str | os.PathLike[str] | None = None,
) -> tuple[Document, list[Diagnostic]]:
    """Read and parse one file; ``display`` is the name used in diagnostics.

    Only a regular file is read (inside ``root``, when given): see ``safefile``.
    """
    empty = Document(display, None)
    raw = safefile.read_bytes(path, root, MAX_FILE_BYTES)
    if isinstance(raw, safefile.Refused):
        return empty, [error(display, 0, 0, raw.code, raw.message)]
    if len(raw) > MAX_FILE_BYTES:
        return empty, [
            error(
                display,
                0,
                0,
                "file-too-large",
                f"the file grew past {MAX_FILE_BYTES // 1048576} MB while it was read; catalogue "
                "files are at most that (is this a data file saved here by mistake?)",
            )
        ]
    return parse_document(raw, display, track=track)


def parse_document(raw: bytes, display: str, *, track: bool = True) -> tuple[Document, list[Diagnostic]]:
    """Parse ``raw``. With ``track=False`` no positions are kept: faster, for reports that
    need the values only (every trap is still caught; findings then point at line 1)."""
    empty = Document(display, None)
    text = _text(raw, display)
    if isinstance(text, Diagnostic):
        return empty, [text]
    loader = _Loader(text)
    builder = Builder(display, loader, track)
    try:
        data = builder.build()
    except Rejected as rejected:
        return empty, [rejected.diagnostic]
    except yaml.MarkedYAMLError as exc:
        return empty, [syntax_error(display, exc, text)]
    except yaml.reader.ReaderError as exc:
        reason = f"the file contains a character YAML does not allow: {exc.reason}"
        return empty, [encoding_error(display, text, min(exc.position, len(text)), reason)]
    except yaml.YAMLError as exc:
        return empty, [error(display, 0, 0, "yaml-syntax", f"the file is not valid YAML: {exc}")]
    finally:
        loader.dispose()
    if data is None:
        return empty, [error(display, 0, 0, "empty-file", "the file holds only comments")]
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        return empty, [
            error(
                display,
                1,
                1,
                "not-a-mapping",
                f"the file holds {kind}; it must be a set of 'field: value' lines",
            )
        ]
    doc = Document(display, data, builder.positions, builder.plain, builder.problems)
    return doc, list(doc.problems)


def _text(raw: bytes, display: str) -> str | Diagnostic:
    """The text of ``raw``, or why it is not catalogue text (not UTF-8, control characters, empty)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8-sig", "replace")
        return encoding_error(
            display,
            before,
            len(before),
            "the file is not UTF-8 text (is it a binary file, or saved in another "
            "encoding?); save it as UTF-8",
        )
    bad = first_control_character(text)
    if bad is not None:
        return encoding_error(
            display,
            text,
            bad,
            f"the file contains an invisible control character ({describe_character(text[bad])}) "
            "here, often pasted in from another program; delete it",
        )
    if not text.strip():
        return error(display, 0, 0, "empty-file", "the file is empty")
    return text
