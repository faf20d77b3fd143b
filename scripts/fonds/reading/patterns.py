"""Regular expressions written by the catalogue (``id_pattern``, custom field patterns).

Python's ``re`` backtracks: ``^(a+)+$`` against 35 letters and a full stop takes longer than
the age of the universe, and nothing can interrupt it. Patterns from fonds.yml therefore run
on RE2 (google-re2), which matches in time linear in the text for every pattern. RE2 refuses
the few features that need backtracking (back-references such as ``\\1``, look-arounds); such a
pattern is reported against fonds.yml instead. Its ``$`` means the end of the text, as in
JSON Schema, so ``FIN-003`` followed by a line break does not match ``^FIN-[0-9]+$``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import re2  # type: ignore[import-untyped]

MAX_PATTERN_LENGTH = 500
"""Longer than any id or field pattern a catalogue needs; bounds compile time and memory."""

_OPTIONS: Any = re2.Options()
_OPTIONS.log_errors = False  # RE2 would otherwise write its complaints to stderr
_OPTIONS.max_mem = 8 << 20


class PatternError(ValueError):
    """The pattern cannot be used; the message says why, for a records technician."""


@cache
def compile_pattern(pattern: str) -> Any:
    """The compiled pattern (with ``search`` and ``fullmatch``), or PatternError."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise PatternError(f"the pattern is {len(pattern)} characters long; at most {MAX_PATTERN_LENGTH}")
    try:
        re.compile(pattern)
    except re.error as exc:
        raise PatternError(f"it is not a valid regular expression ({exc})") from None
    try:
        return re2.compile(pattern, _OPTIONS)
    except re2.error:
        raise PatternError(
            "it uses a feature that cannot be matched in a bounded time (a back-reference "
            "such as \\1, a look-ahead (?=...) or look-behind (?<=...)); write it without"
        ) from None


def usable(pattern: str) -> bool:
    try:
        compile_pattern(pattern)
    except PatternError:
        return False
    return True
