"""Reading one YAML file safely: every trap becomes a diagnostic, never a traceback.

PyYAML's C composer builds the node tree (fast, and it keeps line and column marks);
this module then turns nodes into plain JSON-compatible values itself, so that it can:

- reject duplicate keys, aliases (no "billion laughs"), explicit tags and extra documents;
- keep dates as the text that was written, leaving "is it a real YYYY-MM-DD date?" to the
  schema in one place;
- remember where each value was written (``positions``) and what an unquoted yes/no or
  number looked like before YAML 1.1 turned it into a boolean or number (``plain``).
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from .diagnostics import Diagnostic, error

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Bigger than any real catalogue file (the whole NARA GRS is under 1 MB)."""

MAX_DEPTH = 64

Path = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

_constructor = SafeConstructor()
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(slots=True)
class Document:
    """A parsed file. ``data`` is None when the file could not be read at all."""

    file: str
    data: Any
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    plain: dict[Path, str] = field(default_factory=dict)

    def where(self, path: Path) -> tuple[int, int]:
        """The (line, column) of ``path``, or of its nearest ancestor that has one."""
        while path:
            found = self.positions.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return self.positions.get((), (1, 1))


class _Rejected(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


def read_document(
    path: str | os.PathLike[str], display: str, *, track: bool = True
) -> tuple[Document, list[Diagnostic]]:
    """Read and parse one file; ``display`` is the name used in diagnostics."""
    empty = Document(display, None)
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_BYTES:
            return empty, [
                error(
                    display,
                    0,
                    0,
                    "file-too-large",
                    f"the file is {size / 1048576:.1f} MB; catalogue files are at most "
                    f"{MAX_FILE_BYTES // 1048576} MB (is this a data file saved here by mistake?)",
                )
            ]
        with open(path, "rb") as stream:
            raw = stream.read()
    except OSError as exc:
        return empty, [error(display, 0, 0, "file-unreadable", f"cannot read the file: {exc.strerror}")]
    return parse_document(raw, display, track=track)


def parse_document(raw: bytes, display: str, *, track: bool = True) -> tuple[Document, list[Diagnostic]]:
    """Parse ``raw``. With ``track=False`` no positions are kept: faster, for reports that
    need the values only (every trap is still caught; findings then point at line 1)."""
    empty = Document(display, None)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return empty, [
            error(
                display,
                line,
                column,
                "encoding",
                "the file is not UTF-8 text (is it a binary file, or saved in another "
                "encoding?); save it as UTF-8",
            )
        ]
    bad = _first_control_character(text)
    if bad is not None:
        line = text.count("\n", 0, bad) + 1
        column = bad - (text.rfind("\n", 0, bad) + 1) + 1
        return empty, [
            error(
                display,
                line,
                column,
                "encoding",
                f"the file contains an invisible control character (U+{ord(text[bad]):04X}) "
                "here, often pasted in from another program; delete it",
            )
        ]
    if not text.strip():
        return empty, [error(display, 0, 0, "empty-file", "the file is empty")]

    doc = Document(display, None)
    loader = _Loader(text)
    try:
        doc.data = _Builder(doc, loader, track).build()
    except _Rejected as rejected:
        return empty, [rejected.diagnostic]
    except yaml.MarkedYAMLError as exc:
        return empty, [_syntax_error(display, exc, text)]
    except yaml.YAMLError as exc:
        return empty, [error(display, 0, 0, "yaml-syntax", f"the file is not valid YAML: {exc}")]
    finally:
        loader.dispose()
    if doc.data is None:
        return empty, [error(display, 0, 0, "empty-file", "the file holds only comments")]
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        return Document(display, None), [
            error(
                display,
                1,
                1,
                "not-a-mapping",
                f"the file holds {kind}; it must be a set of 'field: value' lines",
            )
        ]
    return doc, []


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _first_control_character(text: str) -> int | None:
    found = _CONTROL.search(text)
    return found.start() if found else None


def _mark_error(display: str, mark: Any, code: str, message: str) -> Diagnostic:
    if mark is None:
        return error(display, 0, 0, code, message)
    return error(display, mark.line + 1, mark.column + 1, code, message)


_UNCLOSED = {
    "while scanning a quoted scalar": "the quote opened here is never closed",
    "while parsing a flow sequence": "the '[' opened here is never closed with ']'",
    "while parsing a flow mapping": "the '{' opened here is never closed with '}'",
}


def _syntax_error(display: str, exc: yaml.MarkedYAMLError, text: str) -> Diagnostic:
    """A YAML syntax error, placed where a person would look and worded for them.

    libyaml reports an unclosed quote or bracket where it gave up (often the end of the
    file); the place that needs fixing is where it was opened (``context_mark``).
    """
    problem = exc.problem or "unexpected text"
    context = exc.context or ""
    mark = exc.problem_mark
    for start, message in _UNCLOSED.items():
        if (
            context.startswith(start)
            and exc.context_mark is not None
            and (
                "end of stream" in problem
                or "expected ','" in problem
                or (mark is not None and mark.line != exc.context_mark.line)
            )
        ):
            return _mark_error(
                display, exc.context_mark, "yaml-syntax", f"the file is not valid YAML: {message}"
            )
    line_text = (
        text.splitlines()[mark.line] if mark is not None and mark.line < len(text.splitlines()) else ""
    )
    if "\t" in line_text[: len(line_text) - len(line_text.lstrip())] or (
        "cannot start any token" in problem and "\t" in line_text
    ):
        message = "a tab character is used for indentation; YAML needs spaces"
    elif "mapping values are not allowed" in problem:
        message = (
            "a ':' appears where YAML does not expect one: check that this line is indented "
            "like the lines around it, and put text that contains ': ' in quotes"
        )
    elif "did not find expected key" in problem or "expected <block end>" in problem:
        message = "this line is not indented like the lines around it"
    else:
        message = f"{problem} {context}".strip()
    return _mark_error(display, mark, "yaml-syntax", f"the file is not valid YAML: {message}")


def _as_written(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


class _Frame:
    __slots__ = ("container", "first_line", "index", "key", "path")

    def __init__(self, container: Any, path: Path) -> None:
        self.container = container
        self.path = path
        self.index = 0
        self.key: str | None = None
        self.first_line: dict[str, int] = {}


class _Builder:
    """Builds plain values straight from the parser's events, recording where each was written.

    Working from events rather than PyYAML's composed nodes keeps the depth under our
    control: the C composer recurses and crashes the interpreter on deeply nested input.
    """

    def __init__(self, doc: Document, loader: Any, track: bool) -> None:
        self.doc = doc
        self.loader = loader
        self.track = track
        """Record positions and how numbers and yes/no were written (for diagnostics)."""

    def reject(self, event: Any, code: str, message: str) -> _Rejected:
        mark = event.start_mark
        return _Rejected(error(self.doc.file, mark.line + 1, mark.column + 1, code, message))

    def build(self) -> Any:
        loader = self.loader
        positions = self.doc.positions
        stack: list[_Frame] = []
        root: Any = None
        documents = 0
        while True:
            event: Any = loader.get_event()
            kind = type(event)
            if kind is yaml.StreamEndEvent:
                return root
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self.reject(
                        event,
                        "yaml-multiple-documents",
                        "the file holds more than one YAML document ('---'); "
                        "a catalogue file holds exactly one",
                    )
                continue
            if kind in (yaml.StreamStartEvent, yaml.DocumentEndEvent):
                continue
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                continue
            if kind is yaml.AliasEvent:
                raise self.reject(
                    event,
                    "yaml-alias",
                    "YAML aliases ('*name') are not allowed in catalogue files; write the value out in full",
                )
            top = stack[-1] if stack else None
            if top is not None and isinstance(top.container, dict) and top.key is None:
                self.take_key(event, top)
                continue
            # A value: a scalar, or the start of a mapping or sequence.
            if not self.track:
                path: Path = ()
            elif top is None:
                path = ()
                positions[()] = (event.start_mark.line + 1, event.start_mark.column + 1)
            elif isinstance(top.container, list):
                path = (*top.path, top.index)
                top.index += 1
                positions[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
            else:
                path = (*top.path, str(top.key))
            if kind is yaml.ScalarEvent:
                value = self.scalar(event, path)
            else:
                self.check_collection_tag(event, kind)
                if len(stack) >= MAX_DEPTH:
                    raise self.reject(
                        event, "yaml-syntax", f"the YAML is nested more than {MAX_DEPTH} levels deep"
                    )
                value = {} if kind is yaml.MappingStartEvent else []
            if top is None:
                root = value
            elif isinstance(top.container, list):
                top.container.append(value)
            else:
                top.container[top.key] = value
                top.key = None
            if kind is not yaml.ScalarEvent:
                stack.append(_Frame(value, path))

    def take_key(self, event: Any, top: _Frame) -> None:
        if type(event) is not yaml.ScalarEvent:
            raise self.reject(event, "yaml-syntax", "a field name must be plain text, not a list or mapping")
        key = sys.intern(event.value)
        mark: Any = event.start_mark
        if key == "<<" and event.implicit[0]:
            raise self.reject(
                event,
                "yaml-alias",
                "YAML merge keys ('<<') are not allowed in catalogue files; write the fields out in full",
            )
        line = mark.line + 1
        if key in top.first_line:
            raise self.reject(
                event,
                "yaml-duplicate-key",
                f"'{key}' appears twice in this mapping (first on line "
                f"{top.first_line[key]}); YAML would silently keep only one of the values",
            )
        top.first_line[key] = line
        top.key = key
        # A field is located at its name, where a technician looks for it.
        if self.track:
            self.doc.positions[(*top.path, key)] = (line, mark.column + 1)

    def check_collection_tag(self, event: Any, kind: type) -> None:
        tag = event.tag
        if tag is None or tag == "!":
            return
        expected = _MAP if kind is yaml.MappingStartEvent else _SEQ
        if tag != expected:
            raise self.reject(
                event,
                "yaml-tag",
                f"the YAML tag {_as_written(tag)} is not allowed; catalogue files hold plain values only",
            )

    def scalar(self, event: Any, path: Path) -> Any:
        value: str = event.value
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, value, event.implicit)
        if tag == _STR:
            return value
        if tag == _TIMESTAMP:
            # Kept as written: the schema decides whether it is a real YYYY-MM-DD date.
            return value
        if tag == _NULL:
            return None
        node = yaml.ScalarNode(tag, value)
        if tag == _BOOL:
            if self.track and value.lower() not in ("true", "false"):
                self.doc.plain[path] = value
            return _constructor.construct_yaml_bool(node)
        if tag == _INT:
            if self.track:
                self.doc.plain[path] = value
            try:
                return _constructor.construct_yaml_int(node)
            except ValueError:
                return value
        if tag == _FLOAT:
            if self.track:
                self.doc.plain[path] = value
            return _constructor.construct_yaml_float(node)
        raise self.reject(
            event,
            "yaml-tag",
            f"the YAML tag {_as_written(tag)} is not allowed; catalogue files hold plain values only",
        )
