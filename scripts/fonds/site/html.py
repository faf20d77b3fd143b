"""Safe HTML building for generated pages: every catalogue value is escaped where it lands.

Pages are written as HTML fragments (inside a Markdown file, as one raw HTML block), never as
Markdown built from catalogue values: a title such as ``[x](javascript:alert(1))`` or
``<script>`` must show as the text it is. Only this module turns values into markup.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from urllib.parse import quote

_SAFE_SCHEMES = ("http://", "https://", "mailto:")


_MARKDOWN = str.maketrans({c: f"&#{ord(c)};" for c in "\n\r\t\x0b\x0c\u2028\u2029\u0085`*_[]{}\\|~^!#:=+"})
"""Characters that mean something to Markdown or its extensions (fences, emphasis, links,
attribute lists, tables, headings, definition lists) and the line breaks that would let a value
start a line of its own (a fence, a four-space indent, a blank line ending the HTML block)."""


def esc(value: object) -> str:
    """Text as HTML, quotes included (safe in element content and in attributes), and inert
    as Markdown: every character Markdown or an extension could act on is an HTML character
    reference, which browsers, search indexes and Pagefind read back as the character. A page
    body is then one line of HTML that no Markdown processor can change."""
    # One pass: escaping first would let '#' turn the apostrophe's &#x27; into visible text.
    text = "" if value is None else str(value)
    # Most values (ids, dates, codes) have nothing to escape: a search is five times faster.
    return text if _SPECIAL.search(text) is None else text.translate(_ESCAPE)


_ESCAPE = {
    **_MARKDOWN,
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord('"'): "&quot;",
    ord("'"): "&#x27;",
}
_SPECIAL = re.compile("[" + "".join(re.escape(chr(c)) for c in _ESCAPE) + "]")


def esc_title(value: object) -> str:
    """Text for a page's front-matter title (MkDocs puts it into ``<title>`` unescaped, and
    does not read it as Markdown): HTML-escaped only, so search results show it as written."""
    return html.escape("" if value is None else str(value), quote=True)


SLUG_BYTES = 100
"""Longest path segment made from a value: far below the 255 bytes file systems allow, with
room for ``.md``, ``/index.html`` and the ``.gz`` some hosts add."""


_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]+")
"""The characters ``quote`` never encodes (RFC 3986's unreserved characters)."""


def slug(value: str) -> str:
    """A path segment for an id, code or keyword: ids are already restricted by the schema, and
    this encodes anything else (so a stray character can never make a path outside the site).
    A long value (a 300-character keyword, 47 Cyrillic letters at 6 bytes each once encoded) is
    cut and given a stable hash of the whole value, so two long values never share a page."""
    if value in ("", ".", ".."):
        return "_"
    if len(value) <= SLUG_BYTES and _UNRESERVED.fullmatch(value):
        return value  # what quote gives back for these characters, three times faster
    encoded = quote(value, safe="-_.~").replace("%", "_")
    if len(encoded) <= SLUG_BYTES:
        return encoded
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:12]
    return f"{encoded[: SLUG_BYTES - 13].rstrip('_.')}-{digest}"


def link(href: str, text: object, *, cls: str = "") -> str:
    """A link to a page of this site (``href`` built by fonds, relative)."""
    attr = f' class="{esc(cls)}"' if cls else ""
    return f'<a href="{esc(href)}"{attr}>{esc(text)}</a>'


def external(url: str, text: object | None = None) -> str:
    """A link to a URI from the catalogue: only http(s) and mailto become links; anything else
    (javascript:, data:, edms://, a path) is shown as text."""
    shown = esc(url if text is None else text)
    if url.lower().startswith(_SAFE_SCHEMES) and not re.search(r"\s", url):
        return f'<a href="{esc(url)}" rel="noopener">{shown}</a>'
    return f"<code>{esc(url)}</code>" if text is None else shown


def tag(name: str, content: str, **attrs: str) -> str:
    """An element whose ``content`` is already markup; attribute values are escaped here."""
    rendered = "".join(f' {key.rstrip("_").replace("_", "-")}="{esc(value)}"' for key, value in attrs.items())
    return f"<{name}{rendered}>{content}</{name}>"


def definition_list(rows: Iterable[tuple[str, str]]) -> str:
    """``<dl>`` of (label text, value markup); rows with empty markup are left out."""
    # The spaces keep words apart in text taken from the page (search indexes, excerpts).
    items = "".join(f"<dt>{esc(label)}</dt> <dd>{value}</dd> " for label, value in rows if value)
    return f'<dl class="fonds-fields">{items}</dl>' if items else ""


TEXT_COLUMNS = frozenset(
    {
        "Title",
        "Note",
        "Problem",
        "What it lists",
        "Reason",
        "Authority",
        "Citation",
        "Schedule",
        "Function",
        "Method or destination",
        "Waiting for",
    }
)


def table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], *, filterable: bool = True, caption: str = ""
) -> str:
    """A table of markup cells; sortable by clicking a header, filterable by typing (fonds.js)."""
    opening = cell_openings(headers)
    body = "".join("<tr>" + table_cells(opening, row) + "</tr>" for row in rows)
    return table_of_rows(headers, body, filterable=filterable, caption=caption)


def cell_openings(headers: Sequence[str]) -> list[str]:
    """The ``<td>`` of each column: codes, ids and dates stay on one line; free text wraps."""
    return ['<td class="fonds-text">' if h in TEXT_COLUMNS else "<td>" for h in headers]


def table_cells(opening: Sequence[str], row: Sequence[str], first: int = 0) -> str:
    """A row's cells (markup) as ``table`` writes them, the row's first cell in column ``first``."""
    return "".join(
        f"{opening[i] if i < len(opening) else '<td>'}{cell}</td> " for i, cell in enumerate(row, first)
    )


def table_of_rows(headers: Sequence[str], body: str, *, filterable: bool = True, caption: str = "") -> str:
    """``table`` around rows already written (``<tr>`` elements of ``table_cells``)."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    filter_box = (
        '<input type="search" class="fonds-filter" placeholder="Filter this table" '
        'aria-label="Filter this table">'
        if filterable
        else ""
    )
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (
        f'<div class="fonds-table">{filter_box}<table class="fonds-sortable">{cap}'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def badge(text: str, kind: str) -> str:
    return f'<span class="fonds-badge fonds-{esc(kind)}">{esc(text)}</span>'


def paragraphs(text: str) -> str:
    """Free text (a description, a scope note) as paragraphs, escaped."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(f"<p>{esc(p)}</p>" for p in parts)


def tree(roots: Iterable[str], children: Callable[[str], Iterable[str]], label: Callable[[str], str]) -> str:
    """Nested ``<ul class="fonds-tree">`` lists, each node's ``label`` then its children.

    Built with an explicit stack, not recursion: a file plan or location tree can be far
    deeper than Python's recursion limit (the check reports that, but pages never crash).
    """
    out: list[str] = []
    seen: set[str] = set()
    stack: list[Iterator[str]] = []
    first = [node for node in roots if node not in seen]
    if not first:
        return ""
    out.append('<ul class="fonds-tree">')
    stack.append(iter(first))
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            out.append("</ul></li>" if stack else "</ul>")
            continue
        if node in seen:
            continue
        seen.add(node)
        out.append(f"<li>{label(node)}")
        below = [child for child in children(node) if child not in seen]
        if below:
            out.append('<ul class="fonds-tree">')
            stack.append(iter(below))
        else:
            out.append("</li>")
    return "".join(out)
