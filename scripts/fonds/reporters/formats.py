"""The format primitives every report renders with: JSON, CSV (with its formula guard),
inert Markdown, aligned text tables and GitHub Actions annotations.

Every renderer returns the whole output as one string ending in a newline; the same values
always give the same bytes, so reports can be compared and kept under version control. The
reports' own renderers live beside them (``diagnostics_report``, ``due_report``, ``access``,
``records``), each registered by format (``registry.Renderers``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..diagnostics import Diagnostic, Severity


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def json_document(payload: Any) -> str:
    """``payload`` as indented JSON (UTF-8 kept as it is), one newline at the end."""
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def json_list_document(payload: Mapping[str, Any], key: str, items: Iterable[str]) -> str:
    """``json_document({**payload, key: [...]})`` with the list's items already written by
    ``json_list_item``: the same text, without the encoder's pieces for 100,000 records at
    once in memory (hundreds of megabytes)."""
    if key in payload:
        raise ValueError(f"{key!r} is already in the payload")
    head = json.dumps({**payload, key: []}, indent=2, ensure_ascii=False)
    text = ",\n".join(items)
    if not text:
        return head + "\n"
    return head.removesuffix("[]\n}") + "[\n" + text + "\n  ]\n}\n"


def json_list_item(item: Any) -> str:
    """One item of ``json_list_document``'s list, indented as ``json_document`` indents it.

    A flat row (text, and lists of text: the catalogue download) is written here, each string
    by the json module's C encoder; the module's indenting encoder is pure Python, and took
    most of the time of the download."""
    if isinstance(item, dict) and item and all(_flat(key, value) for key, value in item.items()):
        fields = ",\n".join(f"      {_string(key)}: {_flat_value(value)}" for key, value in item.items())
        return f"    {{\n{fields}\n    }}"
    # JSON has no raw line break inside a string: every line of the item moves in two levels.
    return "    " + json.dumps(item, indent=2, ensure_ascii=False).replace("\n", "\n    ")


_string = json.JSONEncoder(ensure_ascii=False).encode


def _flat(key: object, value: object) -> bool:
    return type(key) is str and (
        type(value) is str or (type(value) is list and all(type(v) is str for v in value))
    )


def _flat_value(value: str | list[str]) -> str:
    if type(value) is str:
        return _string(value)
    if not value:
        return "[]"
    return "[\n" + ",\n".join(f"        {_string(v)}" for v in value) + "\n      ]"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(kind: str, file: str, line: int, column: int, title: str, message: str) -> str:
    props = [f"file={_escape_property(file)}"]
    if line:
        props += [f"line={line}", f"col={column}"]
    props.append(f"title={_escape_property(title)}")
    return f"::{kind} {','.join(props)}::{_escape_data(message)}"


def github_annotation(d: Diagnostic) -> str:
    """A GitHub Actions workflow command, so the finding shows on the pull request's diff."""
    kind = "error" if d.severity is Severity.ERROR else "warning"
    return workflow_command(kind, d.file, d.line, d.column, f"fonds {d.code}", d.message)


_LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
"""Every line break ``str.splitlines`` knows: in a cell, each would split the row for some reader
(Python's csv module does not even quote a bare CR)."""
_FORMULA_START = tuple("=+-@\uff1d\uff0b\uff0d\uff20")
"""What makes a spreadsheet run a cell as a formula (with the full-width forms some accept)."""


def csv_safe(cell: str) -> str:
    """``cell`` on one line, quoted with ``'`` when a spreadsheet would run it as a formula (OWASP
    "CSV injection"): one that begins with ``= + - @``, a tab or a line break, or with blanks or
    tabs before one of those. Line breaks inside the cell become spaces, so every row of a fonds
    CSV is exactly one line, however it is read."""
    lead = cell[:1]
    one_line = _LINE_BREAKS.sub(" ", cell)
    guarded = lead in ("\t", "\r", "\n") or one_line.lstrip(" \t\u00a0\u3000")[:1] in _FORMULA_START
    return "'" + one_line if guarded else one_line


_MD_INERT = {c: f"&#{ord(c)};" for c in "\\`*_[]|{}~"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
"""Characters that make Markdown syntax (escapes, code, emphasis, the brackets of every link and
image, table cells, attribute lists, strikethrough, HTML), written as character references:
every Markdown renderer (GitHub's, Python-Markdown's) shows them and never reads them as
syntax. Without its brackets, ``(url)`` is plain text."""
_MD_ZWSP = "&#8203;"
"""A zero-width space: GitHub finds ``@name`` mentions, ``#123`` references and ``http://`` or
``www.`` autolinks in the rendered text, so one inside each breaks it (as Dependabot does)."""


_AUTOLINKED = ("http", "https", "ftp")
"""The schemes GitHub turns into links by themselves (``edms://`` stays as it is)."""


def md_text(value: str) -> str:
    """``value`` as inert Markdown, on one line: shown exactly, never a link, image, mention,
    issue reference, HTML or a new table cell, wherever it is pasted (a pull request, MkDocs)."""
    text = " ".join(value.split())
    out = []
    for index, char in enumerate(text):
        after = text[index + 1 : index + 3]
        before = text[max(0, index - 5) : index].lower()
        if (char == ":" and after == "//" and before.endswith(_AUTOLINKED)) or (
            char == "." and before.endswith("www")
        ):
            out.append(_MD_ZWSP)
        out.append(_MD_INERT.get(char, char))
        if char in "@#" and after[:1].isalnum():
            out.append(_MD_ZWSP)
    return "".join(out)


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[object]], *, guard_header: bool = True) -> str:
    """A whole CSV file (a header, then one line per row), every cell through ``csv_safe``: the
    only way fonds writes CSV. ``guard_header=False`` writes the header as it is, for the
    exports whose header a later import reads back by name."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_safe(str(column)) if guard_header else str(column) for column in columns])
    writer.writerows([csv_safe(str(cell)) for cell in row] for row in rows)
    return buffer.getvalue()


def text_table(
    columns: Sequence[str], rows: Sequence[Sequence[str]], limits: dict[int, int] | None = None
) -> list[str]:
    """``columns`` then ``rows``, each column padded to its widest cell and lines right-stripped;
    the cell in column ``i`` is cut to ``limits[i]`` characters (ending in "…")."""
    cut = limits or {}
    shown = [
        [cell if len(cell) <= cut.get(i, 10_000) else cell[: cut[i] - 1] + "…" for i, cell in enumerate(row)]
        for row in rows
    ]
    widths = [len(c) for c in columns]
    for row in shown:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return [line(columns), *(line(row) for row in shown)]
