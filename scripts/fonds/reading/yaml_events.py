"""Building plain values from PyYAML's parser events, recording where each was written.

Working from events rather than PyYAML's composed nodes keeps the depth under our control
(the C composer recurses and crashes the interpreter on deeply nested input), and lets every
trap be refused where it is written: duplicate keys, aliases and merge keys, explicit tags,
extra documents, control characters, numbers too large to use. Dates stay the text that was
written, for the schema to judge in one place.
"""

from __future__ import annotations

import math
import sys
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from ..diagnostics import Diagnostic, error
from ..model import Path
from .yaml_text import UNSAFE_KEY, UNSAFE_VALUE, describe_character

MAX_DEPTH = 64

_SHARED: dict[tuple[Any, ...], tuple[Any, ...]] = {}
"""One tuple object for each path and each (line, column) read: the positions of 100,000
record files then share them (and so do the pickles the worker processes send), some 3 KB
a record less in the model."""
SHARED_MAX = 500_000


def _shared(value: tuple[Any, ...]) -> tuple[Any, ...]:
    found = _SHARED.get(value)
    if found is None:
        if len(_SHARED) >= SHARED_MAX:  # bounded in a long-running process (mkdocs serve)
            _SHARED.clear()
        found = _SHARED[value] = value
    return found


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


class Rejected(Exception):
    """A trap that makes the whole file unusable: ``diagnostic`` says where and why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


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


class Builder:
    """Builds the plain values of one document (``build``) from ``loader``'s events.

    ``positions`` (where each value was written), ``plain`` (how an unquoted yes/no or number
    looked before YAML 1.1 read it) and ``problems`` (values read but unusable) fill as it goes.
    """

    def __init__(self, file: str, loader: Any, track: bool) -> None:
        self.file = file
        self.loader = loader
        self.track = track
        """Record positions and how numbers and yes/no were written (for diagnostics)."""
        self.positions: dict[Path, tuple[int, int]] = {}
        self.plain: dict[Path, str] = {}
        self.problems: list[Diagnostic] = []

    def reject(self, event: Any, code: str, message: str) -> Rejected:
        mark = event.start_mark
        return Rejected(error(self.file, mark.line + 1, mark.column + 1, code, message))

    def build(self) -> Any:
        stack: list[_Frame] = []
        root: Any = None
        documents = 0
        while True:
            event: Any = self.loader.get_event()
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
            value = self.take_value(event, top, stack)
            if top is None:
                root = value

    def take_value(self, event: Any, top: _Frame | None, stack: list[_Frame]) -> Any:
        """A value: a scalar, or the start of a mapping or sequence, placed in ``top``."""
        kind = type(event)
        path = self.value_path(event, top)
        if kind is yaml.ScalarEvent:
            value = self.scalar(event, path)
        else:
            self.check_collection_tag(event, kind)
            if len(stack) >= MAX_DEPTH:
                raise self.reject(
                    event, "yaml-syntax", f"the YAML is nested more than {MAX_DEPTH} levels deep"
                )
            value = {} if kind is yaml.MappingStartEvent else []
        if top is not None and isinstance(top.container, list):
            top.container.append(value)
        elif top is not None:
            top.container[top.key] = value
            top.key = None
        if kind is not yaml.ScalarEvent:
            stack.append(_Frame(value, path))
        return value

    def value_path(self, event: Any, top: _Frame | None) -> Path:
        """Where the value starting at ``event`` goes; a list entry is located where it starts."""
        if not self.track:
            return ()
        if top is None:
            self.positions[()] = _shared((event.start_mark.line + 1, event.start_mark.column + 1))
            return ()
        if isinstance(top.container, list):
            path = _shared((*top.path, top.index))
            top.index += 1
            self.positions[path] = _shared((event.start_mark.line + 1, event.start_mark.column + 1))
            return path
        return _shared((*top.path, str(top.key)))

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
        unsafe = UNSAFE_KEY.search(event.value)
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
            self.positions[_shared((*top.path, key))] = _shared((line, mark.column + 1))

    def unusable_number(self, event: Any, path: Path, number: float) -> Diagnostic:
        mark = event.start_mark
        what = "too large"
        if isinstance(number, float) and math.isnan(number):
            what = "not a number"
        elif isinstance(number, float) and math.isinf(number):
            what = "infinite"
        return error(
            self.file,
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
        unsafe = UNSAFE_VALUE.search(value)
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
                self.plain[path] = value
            return _constructor.construct_yaml_bool(node)
        if tag in (_INT, _FLOAT):
            if self.track:
                self.plain[path] = value
            try:
                if tag == _INT:
                    number: int | float = _constructor.construct_yaml_int(node)
                else:
                    number = _constructor.construct_yaml_float(node)
            except ValueError:
                return value
            if -MAX_NUMBER <= number <= MAX_NUMBER:  # False for NaN
                return number
            self.problems.append(self.unusable_number(event, path, number))
            return None
        raise self.reject(
            event,
            "yaml-tag",
            f"the YAML tag {_as_written(tag)} is not allowed; catalogue files hold plain values only",
        )
