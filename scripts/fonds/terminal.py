"""Catalogue values made safe to print on a terminal.

A YAML double-quoted string can hold any character (``"\\e[2J"`` is an escape sequence
that clears the screen; ``"\\u202e"`` turns the rest of the line around), and a title is
whatever someone typed. Text printed for a person passes through ``safe`` first: control
characters, line breaks inside a value and the invisible formatting characters (Unicode
category Cc, Cf, Zl, Zp) are shown as escapes (``\\x1b``, ``\\n``, ``\\u202e``), so a value
can neither move the cursor nor hide or reorder what follows it.
"""

from __future__ import annotations

import json
import unicodedata

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_UNSAFE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


def safe(text: str) -> str:
    """``text`` with every character that is not visible text written as an escape."""
    if text.isprintable():
        return text
    return "".join(_escape(char) for char in text)


def _escape(char: str) -> str:
    if char == " " or unicodedata.category(char) not in _UNSAFE:
        return char
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def json_text(payload: object) -> str:
    """``payload`` as indented JSON, one newline at the end, with every character ``safe``
    would escape written as a ``\\u`` escape (still the same JSON value)."""
    text = json.dumps(payload, indent=2, ensure_ascii=False)
    return (
        "".join(char if char == "\n" or _escape(char) == char else _json_escape(char) for char in text) + "\n"
    )


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
