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
import re
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


# A whole output stream (every command's stdout and stderr pass through this): only the
# characters that move the cursor or reorder text are escaped; tabs, line ends and visible
# formatting characters such as the zero-width spaces of Markdown output stay.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_IN_TEXT = re.compile(
    "\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _escaped(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _json_escaped(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


def terminal_safe(text: str, *, lines: bool = False) -> str:
    """``text`` with every control character written as an escape (``\\x1b``, ``\\u202e``).

    A value such as a field name holding ``ESC[2K`` and CR would otherwise erase or overwrite
    what a terminal or a CI log shows. With ``lines``, tab, LF and CRLF line ends are kept
    and escapes are written ``\\u001b`` (a whole report, which may be JSON: that form keeps it
    valid); without, the text stays on one line (one diagnostic).
    """
    pattern = _CONTROL_IN_TEXT if lines else _CONTROL
    if not pattern.search(text):
        return text
    return pattern.sub(_json_escaped if lines else _escaped, text)
