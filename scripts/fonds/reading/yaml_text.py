"""Where a trap in a YAML file's text is and how to say so: invisible characters, line and
column numbers as an editor counts them, and YAML syntax errors worded for a technician.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..diagnostics import Diagnostic, error

# Never in a catalogue file: C0 controls other than tab and line ends, DEL, C1 controls
# (U+0085 NEL included), the line and paragraph separators (which YAML 1.1 counts as line
# breaks and editors do not, so every position after them would be wrong), the bidirectional
# embedding, override and isolate controls ("Trojan source"), and the non-characters and the
# stray byte-order mark that the YAML reader refuses without saying where.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]"
)
UNSAFE_VALUE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]"
)
"""What a value may not hold once YAML escapes ("\\e", "\\x1b", "\\u202e") are read: as above, and CR."""
UNSAFE_KEY = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")
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


def encoding_error(display: str, text: str, index: int, message: str) -> Diagnostic:
    line, column = text_position(text, index)
    return error(display, line, column, "encoding", message)


def first_control_character(text: str) -> int | None:
    found = _CONTROL.search(text)
    return found.start() if found else None


def mark_error(display: str, mark: Any, code: str, message: str) -> Diagnostic:
    if mark is None:
        return error(display, 0, 0, code, message)
    return error(display, mark.line + 1, mark.column + 1, code, message)


_UNCLOSED = {
    "while scanning a quoted scalar": "the quote opened here is never closed",
    "while parsing a flow sequence": "the '[' opened here is never closed with ']'",
    "while parsing a flow mapping": "the '{' opened here is never closed with '}'",
}


def syntax_error(display: str, exc: yaml.MarkedYAMLError, text: str) -> Diagnostic:
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
            return mark_error(
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
    return mark_error(display, mark, "yaml-syntax", f"the file is not valid YAML: {message}")
