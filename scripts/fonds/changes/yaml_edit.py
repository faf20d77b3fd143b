"""Exact edits to a catalogue file's text: change one key, keep every other byte.

A records office reviews each change as a diff in a pull request, so an edit must change
what it says and nothing else: comments, key order, quoting, blank lines, line endings
(LF or CRLF), a byte-order mark and a missing final newline all stay as they were.

The file is never re-dumped. The parser's marks (line and column of every key and value,
from PyYAML's C parser) locate the lines of the entry to change, and only those lines (or,
for a scalar, only its characters) are replaced with text from ``yaml_emit``. A scalar changed
in place keeps its line's comment; a new key goes after a named neighbour (``after``) or at
the end of its mapping; ``{...}`` mappings get the new key inside the braces.

Every edit is then checked: the new text is parsed again (with ``yamlfile``, as fonds reads
it) and must give exactly the old data with the change made. If not, ``EditError`` is
raised and nothing is written: a file laid out in a way these rules do not foresee is
refused, never mangled.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from ..reading.yamlfile import parse_document
from . import yaml_emit as emit

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""The line breaks YAML (and libyaml's line numbers) count."""
_BOM = "\ufeff"

Position = tuple[int, int]
"""(line, column), both from 0, columns in characters."""


class EditError(Exception):
    """The edit cannot be made exactly; the message says why, for a records technician."""


@dataclass(frozen=True, slots=True)
class SetKey:
    """Set ``path`` (one key, or a key inside a top-level mapping such as ``events``).

    When the key is new it goes after the first key of ``after`` that the mapping has,
    else at the end of the mapping. A missing parent mapping is created the same way.
    """

    path: tuple[str, ...]
    value: Any
    after: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RemoveKey:
    """Remove ``path`` and its value (a block, with its indented comments); absent is fine."""

    path: tuple[str, ...]


Edit = SetKey | RemoveKey


@dataclass(slots=True)
class _Node:
    kind: str
    """"scalar", "mapping" or "sequence"."""
    start: Position
    end: Position = (0, 0)
    """Just after the last character of the value (of its last content, for a block)."""
    flow: bool = False
    style: str = ""
    entries: list[_Entry] = field(default_factory=list)
    close: Position | None = None
    """Where a ``{...}`` mapping's closing brace is."""


@dataclass(slots=True)
class _Entry:
    key: str
    line: int
    column: int
    value: _Node


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with ``edits`` made, checked to read back as exactly the intended data."""
    expected = _data(text)
    result = text
    for edit in edits:
        result = _apply(result, edit)
        _change(expected, edit)
    found = _data(result)
    if found != expected:
        raise EditError("the edited file would not read back as intended; make this change by hand")
    return result


def _data(text: str) -> dict[str, Any]:
    doc, problems = parse_document(text.encode("utf-8"), "file", track=False)
    if problems or not isinstance(doc.data, dict):
        reason = problems[0].message if problems else "it does not hold a mapping"
        raise EditError(f"the file cannot be edited safely: {reason}")
    return doc.data


def _normal(value: Any) -> Any:
    """``value`` as fonds reads it back: dates stay text, tuples are lists."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _normal(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normal(v) for v in value]
    return copy.deepcopy(value)


def _change(data: dict[str, Any], edit: Edit) -> None:
    target: Any = data
    for key in edit.path[:-1]:
        if isinstance(target, list):
            target = target[int(key)]
            continue
        if isinstance(target.get(key), list):
            target = target[key]
            continue
        if not isinstance(target.get(key), dict):
            if isinstance(edit, RemoveKey):
                return
            target[key] = {}
        target = target[key]
    if isinstance(edit, SetKey):
        target[edit.path[-1]] = _normal(edit.value)
    else:
        target.pop(edit.path[-1], None)


# Locating entries


def _lines(text: str) -> list[str]:
    """The lines of ``text``, each with its own line break (the last may have none)."""
    lines, start = [], 0
    for found in _BREAK.finditer(text):
        lines.append(text[start : found.end()])
        start = found.end()
    if start < len(text):
        lines.append(text[start:])
    return lines


def _body(line: str) -> str:
    found = _BREAK.search(line)
    return line[: found.start()] if found else line


def _tree(text: str, lines: list[str]) -> _Node:
    loader = _Loader(text)
    stack: list[_Node] = []
    keys: list[tuple[str, int, int] | None] = []
    root: _Node | None = None
    try:
        while True:
            event: Any = loader.get_event()
            kind = type(event)
            if kind is yaml.StreamEndEvent:
                break
            if kind is yaml.AliasEvent:
                raise EditError("the file uses a YAML alias; edit it by hand")
            if kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                node = stack.pop()
                keys.pop()
                if node.flow:
                    node.close = (event.start_mark.line, event.start_mark.column)
                    node.end = (event.end_mark.line, event.end_mark.column)
                root = _attach(stack, keys, node) or root
                continue
            if kind not in (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent):
                continue
            start = (event.start_mark.line, event.start_mark.column)
            if stack and stack[-1].kind == "mapping" and keys[-1] is None:
                if kind is not yaml.ScalarEvent:
                    raise EditError("the file has a key that is not plain text; edit it by hand")
                keys[-1] = (event.value, *start)
                continue
            if kind is yaml.ScalarEvent:
                scalar = _Node("scalar", start, _scalar_end(event, lines), style=event.style or "")
                root = _attach(stack, keys, scalar) or root
            else:
                collection = "mapping" if kind is yaml.MappingStartEvent else "sequence"
                stack.append(_Node(collection, start, start, flow=bool(event.flow_style)))
                keys.append(None)
    except yaml.YAMLError as exc:
        raise EditError(f"the file is not valid YAML: {exc}") from exc
    finally:
        loader.dispose()
    if root is None or root.kind != "mapping":
        raise EditError("the file does not hold a mapping")
    return root


def _attach(stack: list[_Node], keys: list[tuple[str, int, int] | None], node: _Node) -> _Node | None:
    """Add ``node`` to the collection being read; return it when it is the document's root."""
    if not stack:
        return node
    parent = stack[-1]
    if parent.kind == "mapping":
        key = keys[-1]
        assert key is not None
        parent.entries.append(_Entry(key[0], key[1], key[2], node))
        keys[-1] = None
    else:  # a sequence item is found by its index, as a path step ("locations", "3", "parent")
        parent.entries.append(_Entry(str(len(parent.entries)), *node.start, node))
    if not parent.flow:
        parent.end = node.end
    return None


def _scalar_end(event: Any, lines: list[str]) -> Position:
    """Where a scalar's text ends. A ``|`` or ``>`` block's mark runs on over the blank lines
    after it; they belong to the value only with the keep indicator (``|+``)."""
    start, end = event.start_mark, event.end_mark
    if event.style not in ("|", ">") or end.column != 0 or end.line <= start.line:
        return (end.line, end.column)
    header = _body(lines[start.line])[start.column :].split("#")[0]
    last = end.line - 1
    if "+" not in header:
        while last > start.line and not _body(lines[last]).strip():
            last -= 1
    return (last, len(_body(lines[last])))


def _span(entry: _Entry, lines: list[str]) -> tuple[int, int]:
    """The lines ``entry`` occupies: its key's line to its value's last line, and the
    comments indented under it that follow."""
    if _body(lines[entry.line])[: entry.column].strip():
        raise EditError(f"'{entry.key}' shares its line with other text; edit it by hand")
    stop = entry.value.end[0] + 1
    while stop < len(lines):
        body = _body(lines[stop])
        indent = len(body) - len(body.lstrip(" "))
        if not body.lstrip(" ").startswith("#") or indent <= entry.column:
            break
        stop += 1
    return entry.line, stop


def _step(root: _Node) -> int:
    """The file's indentation step, from its first nested block (2 when it has none)."""
    for entry in root.entries:
        value = entry.value
        if value.kind == "mapping" and not value.flow and value.entries:
            step = value.entries[0].column - entry.column
            return step if step > 0 else 2
    return 2


# Changing lines


def _newline(text: str) -> str:
    found = _BREAK.search(text)
    return found.group() if found and found.group() in ("\n", "\r\n", "\r") else "\n"


def _splice(lines: list[str], first: int, stop: int, new: list[str], nl: str) -> list[str]:
    """Replace ``lines[first:stop]`` with ``new`` (lines without endings), keeping whether
    the file ends with a line break."""
    ends_with_break = bool(lines) and _body(lines[-1]) != lines[-1]
    result = lines[:first] + [line + nl for line in new] + lines[stop:]
    result = [line if _body(line) != line else line + nl for line in result]
    if result and not ends_with_break:
        result[-1] = _body(result[-1])
    return result


def _replace(lines: list[str], start: Position, end: Position, text: str) -> list[str]:
    """Replace the characters from ``start`` to ``end`` with ``text`` (one line)."""
    line = lines[start[0]][: start[1]] + text + lines[end[0]][end[1] :]
    return [*lines[: start[0]], line, *lines[end[0] + 1 :]]


def _find(mapping: _Node, key: str) -> _Entry | None:
    return next((entry for entry in mapping.entries if entry.key == key), None)


def _apply(text: str, edit: Edit) -> str:
    bom = _BOM if text.startswith(_BOM) else ""
    body = text[len(bom) :]
    lines = _lines(body)
    root = _tree(body, lines)
    nl = _newline(body)
    step = _step(root)
    mapping = root
    for depth, key in enumerate(edit.path[:-1]):
        entry = _find(mapping, key)
        if entry is not None and entry.value.kind == "sequence" and depth < len(edit.path) - 2:
            mapping = entry.value
            continue
        if mapping.kind == "sequence" and (entry is None or entry.value.kind != "mapping"):
            raise EditError(f"there is no item {key} to change; edit the file by hand")
        if entry is None or entry.value.kind != "mapping":
            if isinstance(edit, RemoveKey):
                return text
            nested: Any = edit.value
            for inner in reversed(edit.path[depth + 1 :]):
                nested = {inner: nested}
            return bom + "".join(_set(lines, mapping, key, nested, edit.after, nl, step))
        mapping = entry.value
    if isinstance(edit, SetKey):
        return bom + "".join(_set(lines, mapping, edit.path[-1], edit.value, edit.after, nl, step))
    return bom + "".join(_remove(lines, mapping, edit.path[-1], nl))


def _is_collection(value: Any) -> bool:
    return isinstance(value, Mapping | list | tuple)


def _set(
    lines: list[str], mapping: _Node, key: str, value: Any, after: Sequence[str], nl: str, step: int
) -> list[str]:
    entry = _find(mapping, key)
    if entry is not None:
        old = entry.value
        in_place = mapping.flow or old.flow or not _is_collection(value)
        text = emit.flow(value) if mapping.flow else emit.inline(value)
        if old.kind == "scalar" and old.start == old.end and in_place:
            return _replace(lines, old.start, old.end, " " + text)
        if in_place and (old.kind == "scalar" or old.flow) and old.style not in ("|", ">"):
            return _replace(lines, old.start, old.end, text)
        if mapping.flow:
            return _replace(lines, old.start, old.end, text)
        first, stop = _span(entry, lines)
        return _splice(lines, first, stop, emit.block(key, value, entry.column, step), nl)
    if mapping.flow:
        assert mapping.close is not None
        if not mapping.entries:
            return _replace(
                lines, mapping.close, mapping.close, f"{emit.scalar(key, in_flow=True)}: {emit.flow(value)}"
            )
        last = mapping.entries[-1].value.end
        return _replace(lines, last, last, f", {emit.scalar(key, in_flow=True)}: {emit.flow(value)}")
    anchor = next((found for name in after if (found := _find(mapping, name)) is not None), None)
    anchor = anchor or mapping.entries[-1]
    _, stop = _span(anchor, lines)
    column = mapping.entries[0].column
    return _splice(lines, stop, stop, emit.block(key, value, column, step), nl)


def _remove(lines: list[str], mapping: _Node, key: str, nl: str) -> list[str]:
    entry = _find(mapping, key)
    if entry is None:
        return lines
    if mapping.flow:
        raise EditError(f"'{key}' is inside a {{...}} mapping; remove it by hand")
    if len(mapping.entries) == 1:
        raise EditError(f"removing '{key}' would leave its mapping empty; edit it by hand")
    first, stop = _span(entry, lines)
    return _splice(lines, first, stop, [], nl)
