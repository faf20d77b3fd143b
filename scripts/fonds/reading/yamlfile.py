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

import math
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from ..diagnostics import Diagnostic, error
from ..model import Path
from . import safefile

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Bigger than any real catalogue file (the whole NARA GRS is under 1 MB)."""

MAX_DEPTH = 64

MAX_NUMBER = 2**53 - 1
"""The largest number in any catalogue file: JavaScript's largest exact integer (the site's
JSON downloads are read by JavaScript), and far above any real count, size or capacity.
Infinity, NaN and larger numbers would overflow dates, sums and CSV columns downstream."""

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


class _Rejected(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


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
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8-sig", "replace")
        return empty, [
            _encoding_error(
                display,
                before,
                len(before),
                "the file is not UTF-8 text (is it a binary file, or saved in another "
                "encoding?); save it as UTF-8",
            )
        ]
    bad = _first_control_character(text)
    if bad is not None:
        return empty, [
            _encoding_error(
                display,
                text,
                bad,
                f"the file contains an invisible control character ({describe_character(text[bad])}) "
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
    except yaml.reader.ReaderError as exc:
        reason = f"the file contains a character YAML does not allow: {exc.reason}"
        return empty, [_encoding_error(display, text, min(exc.position, len(text)), reason)]
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
    return doc, list(doc.problems)


# Never in a catalogue file: C0 controls other than tab and line ends, DEL, C1 controls
# (U+0085 NEL included), the line and paragraph separators (which YAML 1.1 counts as line
# breaks and editors do not, so every position after them would be wrong), the bidirectional
# embedding, override and isolate controls ("Trojan source"), and the non-characters and the
# stray byte-order mark that the YAML reader refuses without saying where.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]"
)
_UNSAFE_VALUE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]"
)
"""What a value may not hold once YAML escapes ("\\e", "\\x1b", "\\u202e") are read: as above, and CR."""
_UNSAFE_KEY = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")
_BREAK = re.compile("\r\n|\r|\n")

_NAMES = {0x1B: "ESC", 0x07: "BEL", 0x0D: "CR", 0x08: "backspace", 0x7F: "DEL", 0x85: "NEL", 0x00: "NUL"}


def describe_character(char: str) -> str:
    """``U+001B, ESC``: how a message names an invisible character without printing it."""
    code = ord(char)
    name = _NAMES.get(code)
    if name is None and (0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069):
        name = "a bidirectional text control"
    elif name is None and code in (0x2028, 0x2029):
        name = "a line or paragraph separator"
    return f"U+{code:04X}" + (f", {name}" if name else "")


def text_position(text: str, index: int) -> tuple[int, int]:
    """The (line, column) of ``text[index]`` as an editor shows it: lines end at LF, CRLF or
    CR only (YAML 1.2, and every editor), columns count characters from 1."""
    line = 1
    start = 0
    for found in _BREAK.finditer(text, 0, index):
        line += 1
        start = found.end()
    return line, index - start + 1


def _encoding_error(display: str, text: str, index: int, message: str) -> Diagnostic:
    line, column = text_position(text, index)
    return error(display, line, column, "encoding", message)


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
        if event.tag is not None:
            raise self.reject(
                event,
                "yaml-tag",
                f"the YAML tag {_as_written(event.tag)} is not allowed on a field name; "
                "catalogue files hold plain values only",
            )
        unsafe = _UNSAFE_KEY.search(event.value)
        if unsafe is not None:
            raise self.reject(
                event,
                "control-character",
                f"this field name holds an invisible control character "
                f"({describe_character(unsafe.group())}) as its character {unsafe.start() + 1}; "
                "retype the name",
            )
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

    def unusable_number(self, event: Any, path: Path, number: float) -> Diagnostic:
        mark = event.start_mark
        what = "too large"
        if isinstance(number, float) and math.isnan(number):
            what = "not a number"
        elif isinstance(number, float) and math.isinf(number):
            what = "infinite"
        return error(
            self.doc.file,
            mark.line + 1,
            mark.column + 1,
            "number-out-of-range",
            f"the number {event.value[:40]} is {what}; fonds takes numbers of at most "
            f"{MAX_NUMBER} either way: write the real figure (or put text in quotes)",
            ".".join(str(part) for part in path),
        )

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
        unsafe = _UNSAFE_VALUE.search(value)
        if unsafe is not None:
            raise self.reject(
                event,
                "control-character",
                f"this value holds an invisible control character "
                f"({describe_character(unsafe.group())}) as its character {unsafe.start() + 1}, "
                "often from an escape such as \\e or \\r in double quotes or pasted text; "
                "delete it (on a screen it can hide or overwrite other text)",
            )
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
        if tag in (_INT, _FLOAT):
            if self.track:
                self.doc.plain[path] = value
            try:
                if tag == _INT:
                    number: int | float = _constructor.construct_yaml_int(node)
                else:
                    number = _constructor.construct_yaml_float(node)
            except ValueError:
                return value
            if -MAX_NUMBER <= number <= MAX_NUMBER:  # False for NaN
                return number
            self.doc.problems.append(self.unusable_number(event, path, number))
            return None
        raise self.reject(
            event,
            "yaml-tag",
            f"the YAML tag {_as_written(tag)} is not allowed; catalogue files hold plain values only",
        )
