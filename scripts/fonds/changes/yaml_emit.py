"""YAML text for new values, written the way a person would write them, and always read back
exactly as meant.

Only the values fonds itself adds (a ``disposition`` block, a charge-out, a new hold file) are
written here; existing text is never re-emitted (``edits`` splices these lines into a file).
A string stays plain when YAML would read it back as the same string (and, inside ``{...}``,
holds no comma or bracket); otherwise it is single-quoted, or double-quoted with escapes when
it holds a line break or an invisible character. ``'no'``, ``'010'``, ``'2024-01-01'`` as
text, ``'a: b'`` and ``'[draft]'`` are all quoted (YAML 1.1 would read them as something else).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import yaml

_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER: Any = yaml.resolver.Resolver()
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW = frozenset(",[]{}")

Scalar = str | int | float | bool | date | None


def scalar(value: Scalar, *, in_flow: bool = False) -> str:
    """``value`` as one line of YAML that reads back as exactly ``value``; ``in_flow`` when it
    goes inside ``[...]`` or ``{...}``, where a comma or a bracket ends a plain value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        if _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) != "tag:yaml.org,2002:float":
            raise ValueError(f"{value!r} cannot be written as a YAML 1.1 number")
        return text
    if isinstance(value, date):
        return value.isoformat()
    if _plain_ok(value, in_flow):
        return value
    if all(char.isprintable() for char in value):
        return "'" + value.replace("'", "''") + "'"
    return _double_quoted(value)


def _plain_ok(text: str, in_flow: bool) -> bool:
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if in_flow and any(char in _FLOW for char in text):
        return False
    if not all(char.isprintable() for char in text):
        return False
    return bool(_RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG)


def _double_quoted(text: str) -> str:
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif char.isprintable():
            out.append(char)
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def flow(value: Any) -> str:
    """``value`` on one line: a scalar, ``[a, b]`` or ``{k: v}``."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{scalar(str(k), in_flow=True)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value, in_flow=True)


def block(key: str, value: Any, indent: int = 0, step: int = 2) -> list[str]:
    """The lines (without line endings) of ``key: value`` at ``indent`` spaces.

    Long text is folded (``>-``); mappings become indented blocks, lists one ``- item`` a line (a list of mappings puts the
    first key on the dash line, as the example catalogue does); empty ones are ``{}``/``[]``.
    """
    pad = " " * indent
    head = f"{pad}{scalar(key)}:"
    if isinstance(value, Mapping) and value:
        lines = [head]
        for sub_key, sub_value in value.items():
            lines += block(str(sub_key), sub_value, indent + step, step)
        return lines
    if isinstance(value, list | tuple) and value:
        lines = [head]
        dash = " " * (indent + step) + "- "
        for item in value:
            if isinstance(item, Mapping) and item:
                inner = [line for k, v in item.items() for line in block(str(k), v, indent + step + 2, step)]
                lines.append(dash + inner[0].lstrip())
                lines += inner[1:]
            else:
                lines.append(dash + inline(item))
        return lines
    if isinstance(value, str) and (folded := _folded(value, indent + step)) is not None:
        return [f"{head} >-", *(" " * (indent + step) + line for line in folded)]
    return [f"{head} {inline(value)}"]


WIDTH = 90
"""Longer text is folded over several lines (``>-``), as people write it in the catalogue."""


def _folded(text: str, indent: int) -> list[str] | None:
    """``text`` cut at spaces into lines that ``>-`` joins back into exactly ``text``, or None
    when it is short, or holds what folding would change (runs of spaces, line breaks)."""
    if len(text) + indent <= WIDTH or "  " in text or text != text.strip() or not text.isprintable():
        return None
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) + indent <= WIDTH:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def inline(value: Any) -> str:
    """``value`` after ``key: `` in a block: a scalar, or a collection in flow style."""
    return flow(value) if isinstance(value, Mapping | list | tuple) else scalar(value)


def document(data: Mapping[str, Any], header: Sequence[str] = (), step: int = 2) -> str:
    """A whole new file: ``header`` comment lines, then one block per top-level key."""
    lines = [f"# {line}" if line else "#" for line in header]
    for key, value in data.items():
        lines += block(key, value, 0, step)
    return "\n".join(lines) + "\n"
