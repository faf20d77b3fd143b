"""Escaping values for pages (fonds.site.html.esc): the shortcut for values with nothing to
escape never lets a character through that the table escapes."""

from __future__ import annotations

import pytest

from fonds.site.html import _ESCAPE, esc


@pytest.mark.parametrize("char", sorted(chr(c) for c in _ESCAPE))
def test_every_character_markdown_or_html_acts_on_is_escaped_wherever_it_is(char: str) -> None:
    escaped = _ESCAPE[ord(char)]
    assert esc(char) == escaped
    assert esc(f"FIN-7{char}") == f"FIN-7{escaped}"
    assert esc(f"{char} plain text") == f"{escaped} plain text"


@pytest.mark.parametrize("value", ["FIN-7", "2026-11-23", "Budget file 1903", "é – 日本", "", "a.b-c"])
def test_a_value_with_nothing_to_escape_is_kept(value: str) -> None:
    assert esc(value) == value


def test_none_and_numbers_are_text() -> None:
    assert esc(None) == ""
    assert esc(3) == "3"
    assert esc("<a href='x'>_1_</a>") == "&lt;a href&#61;&#x27;x&#x27;&gt;&#95;1&#95;&lt;/a&gt;"
