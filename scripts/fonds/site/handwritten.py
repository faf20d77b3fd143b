"""Hand-written pages and other files in docs/: which audience a page is for, and whether a
file names what the audience may not see.

A page says who it is for with ``audience: LEVEL`` in its front matter (YAML between ``---``
lines, or MultiMarkdown ``key: value`` lines at the top, as MkDocs reads them). It fails
closed: a value that is not exactly one known level (``Secret``, ``top-secret``,
``[secret]``, a number, nothing), a key spelt another way (``Audience:``), two ``audience``
keys, or front matter that is not valid YAML is an error naming the file and line, never a
page published to everyone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import yaml

_YAML = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""MkDocs' own pattern for YAML front matter (mkdocs.utils.meta.YAML_RE)."""
_META = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)")
_KEY = re.compile(r"^\s*['\"]?(?P<key>[^:'\"]*)['\"]?\s*:")


@dataclass(frozen=True, slots=True)
class PageAudience:
    level: str | None
    """The level the page is for; None when it says nothing (then it is for everyone)."""
    line: int = 0
    problem: str = ""
    """Why the marking cannot be trusted (the build must stop), or empty."""


def page_audience(text: str, levels: Sequence[str]) -> PageAudience:
    """The audience a hand-written page is marked for (see the module docstring)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    found = _YAML.match(text)
    if found is not None:
        return _from_yaml(found.group(1), levels)
    if text.lstrip().startswith("---"):
        # Front matter not on the first line, or never closed: MkDocs would read no audience
        # and publish the page, marking and all, to everyone.
        line = next(n for n, row in enumerate(text.split("\n"), 1) if row.strip())
        return PageAudience(
            None, line, "the front matter must start on the first line and end with a '---' line"
        )
    return _from_multimarkdown(text, levels)


def _from_yaml(block: str, levels: Sequence[str]) -> PageAudience:
    lines = [n for n, line in enumerate(block.split("\n"), 2) if _is_audience_key(line)]
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError:
        if lines:
            return PageAudience(
                None, lines[0], "the front matter is not valid YAML, so its audience is unknown"
            )
        return PageAudience(None, 1, "the front matter is not valid YAML (MkDocs would publish it as text)")
    if not isinstance(data, dict):
        return PageAudience(None, 1, "the front matter is not a mapping of 'key: value' lines")
    spelt = [k for k in data if isinstance(k, str) and k.strip().casefold() == "audience" and k != "audience"]
    if spelt:
        return PageAudience(None, lines[0] if lines else 1, f"write the key as 'audience', not {spelt[0]!r}")
    if len(lines) > 1:
        return PageAudience(None, lines[1], "the front matter has two 'audience' keys")
    if "audience" not in data:
        return PageAudience(None)
    return _level(data["audience"], lines[0] if lines else 1, levels)


def _is_audience_key(line: str) -> bool:
    found = _KEY.match(line)
    return found is not None and found.group("key").strip().casefold() == "audience"


def _from_multimarkdown(text: str, levels: Sequence[str]) -> PageAudience:
    values: dict[str, list[tuple[int, str]]] = {}
    key = None
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            break
        meta = _META.match(line)
        if meta is not None:
            key = meta.group("key").lower().strip()
            values.setdefault(key, []).append((number, meta.group("value").strip()))
            continue
        more = _MORE.match(line)
        if more is None or key is None:
            break
        number_of, value = values[key][-1]
        values[key][-1] = (number_of, f"{value} {more.group('value').strip()}")
    found = values.get("audience", [])
    if len(found) > 1:
        return PageAudience(None, found[1][0], "the page has two 'audience' lines")
    if not found:
        return PageAudience(None)
    return _level(found[0][1], found[0][0], levels)


def _level(value: object, line: int, levels: Sequence[str]) -> PageAudience:
    if isinstance(value, str) and value in levels:
        return PageAudience(value, line)
    return PageAudience(
        None,
        line,
        f"audience {value!r} is not exactly one of the levels {', '.join(levels)} "
        "(write one of them as it is written in catalogue/access.yml)",
    )


def hidden_names_in(data: bytes, names: Iterable[str]) -> int:
    """How many of ``names`` the file's text contains (any case).

    Each file is checked against every name the audience may not see (tens of thousands, and
    the theme's files are checked too), so the names are indexed once by a word inside them:
    a name is looked for only in a file that has that word (see ``_NameIndex``)."""
    text = data.decode("utf-8", errors="replace").casefold()
    index = _name_index(frozenset(names))
    found = sum(1 for name in index.rest if name in text)
    for word in index.by_word.keys() & set(_WORD.findall(text)):
        found += sum(1 for name in index.by_word[word] if name in text)
    return found


_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class _NameIndex:
    """Names (casefolded, one entry per name) by their longest inner word: a run of word
    characters with a non-word character on each side within the name. Wherever the name
    occurs, that word is a whole word of the text; a name without one is in ``rest``."""

    by_word: dict[str, list[str]]
    rest: list[str]


@lru_cache(maxsize=4)
def _name_index(names: frozenset[str]) -> _NameIndex:
    by_word: dict[str, list[str]] = {}
    rest: list[str] = []
    for name in names:
        folded = name.casefold()
        inner = [m.group() for m in _WORD.finditer(folded) if m.start() > 0 and m.end() < len(folded)]
        if inner:
            by_word.setdefault(max(inner, key=len), []).append(folded)
        else:
            rest.append(folded)
    return _NameIndex(by_word, rest)


STAFF = "staff"
"""``audience: staff`` on a hand-written page: for ``publishing: operational_audience`` and up
(the catalogue handbook), whatever the levels are called. A level named ``staff`` is itself."""


def left_out(level: str | None, levels: Sequence[str], audience: str, staff_level: str) -> bool:
    """True when a page marked for ``level`` is for a higher audience than ``audience``.
    ``staff`` with no staff level (an unknown setting) is for no one: fail closed."""
    if level is None:
        return False
    if level == STAFF and STAFF not in levels:
        if not staff_level:
            return True
        level = staff_level
    return levels.index(level) > levels.index(audience)
