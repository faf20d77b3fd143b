"""What every page needs, computed once from the (audience-filtered) catalogue: URLs,
retention assessments, reverse relations, class and location paths, records per class."""

from __future__ import annotations

import json
import posixpath
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..access.markings import EffectiveMarking, effective_markings
from ..hierarchy import MAX_DEPTH, ancestors
from ..model import RELATION_INVERSE, Catalogue, Record
from ..reporting.history import Entry
from ..retention.assessment import Assessment, assess_catalogue
from .html import esc, esc_title, slug


@dataclass(frozen=True, slots=True)
class SearchEntry:
    """What Pagefind indexes for a page (``search_index``): the words a searcher types, as
    plain text, and the search page's filters."""

    text: str
    filters: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Page:
    """A generated page: ``src`` is its path as if it were a file in docs/ (``records/X.md``)."""

    src: str
    title: str
    body: str
    """HTML, every catalogue value already escaped."""
    search: dict[str, str] = field(default_factory=dict)
    """Pagefind filters for this page (class, year, format, status)."""
    wide: bool = False
    """A page of wide tables (the reports): it takes the full width of the screen (fonds.css)."""
    index: SearchEntry | None = None
    """What a large site's search index holds for this page (the records), or None."""

    def markdown(self) -> str:
        """The page as a Markdown file: front matter, then the body as one raw HTML block."""
        return f"{self.front_matter()}\n{self.html()}\n"

    def front_matter(self) -> str:
        """The title, between ``---`` lines.

        MkDocs puts ``meta.title`` into ``<title>`` unescaped, so it is escaped here; JSON
        quoting makes it a valid YAML string whatever it contains.
        """
        return f"---\ntitle: {json.dumps(esc_title(self.title), ensure_ascii=False)}\n---\n"

    def html(self) -> str:
        """The body as one line of HTML: what Python-Markdown makes of the raw HTML block."""
        if self.search:
            # Pagefind indexes only the pages marked as its body (the records), with filters.
            filters = "".join(
                f'<span hidden data-pagefind-filter="{esc(name)}">{esc(value)}</span>'
                for name, value in sorted(self.search.items())
                if value
            )
            return f'<div class="fonds-page" data-pagefind-body>{_one_line(self.body)}{filters}</div>'
        kind = "fonds-page fonds-wide" if self.wide else "fonds-page"
        return f'<div class="{kind}">{_one_line(self.body)}</div>'


def _one_line(body: str) -> str:
    """The body as one line: values are escaped already (``esc``), and markup fonds writes
    never needs a line break, so nothing in it can start a Markdown block."""
    return " ".join(body.splitlines())


@dataclass(frozen=True)
class SiteContext:
    catalogue: Catalogue
    as_of: date
    directory_urls: bool = True
    assessments: Mapping[str, Assessment] = field(default_factory=dict)
    referenced_by: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """Record id -> (inverse relation label, other record id), for backlinks."""
    records_by_class: Mapping[str, tuple[Record, ...]] = field(default_factory=dict)
    records_by_location: Mapping[str, tuple[Record, ...]] = field(default_factory=dict)
    markings: Mapping[str, EffectiveMarking] = field(default_factory=dict)
    """Record id -> its marking after inheritance from its classes (access.py)."""
    history: Mapping[str, tuple[Entry, ...]] = field(default_factory=dict)
    """Record id -> its changes from Git, already cut for the audience (reporting/history.py)."""
    history_note: str | None = None
    """Why there is no history (a shallow clone, no Git), or None."""
    staff: bool = True
    """The audience is staff (``publishing: operational_audience`` and up): retention states,
    due and problem reports, edit links, shelf positions. False: the public finding aid."""
    earlier_tables: Mapping[tuple[str, str], tuple[tuple[str, ...], str]] = field(default_factory=dict)
    """(page source, caption) -> the ids and HTML of a records table the last serve rebuild
    made, none of whose records changed since (``site.dependencies``)."""
    earlier_downloads: Mapping[str, tuple[list[Any], str]] = field(default_factory=dict)
    """Record id -> its row in the downloads from the last serve rebuild, if unchanged."""
    record_rows: dict[str, str] = field(default_factory=dict, init=False, compare=False, repr=False)
    """Record id -> its row in a records table after the link (a record is listed in ten
    tables or so: its class, location and every index; the row is made once)."""
    tables: dict[tuple[str, str], tuple[tuple[str, ...], str]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    """The records tables this build made, as ``earlier_tables``."""
    download_rows: dict[str, tuple[list[Any], str]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    """The download rows this build made, as ``earlier_downloads``."""
    page_dirs: dict[str, str] = field(default_factory=dict, init=False, compare=False, repr=False)
    """Page source -> the folder its links are relative to."""

    def url(self, src: str) -> str:
        """The site URL of a page source, as MkDocs makes it (``records/X/``)."""
        return page_url(src, self.directory_urls)

    def href(self, from_src: str, to_src: str, anchor: str = "") -> str:
        """A relative link from one generated page to another (raw HTML is not rewritten by MkDocs)."""
        base = self.page_dirs.get(from_src)
        if base is None:
            base = self.page_dirs[from_src] = posixpath.dirname(self.url(from_src))
        target = self.url(to_src)
        rel = relative_url(target, base)
        if (target == "" or target.endswith("/")) and not rel.endswith("/"):
            rel += "/"
        return rel + (f"#{anchor}" if anchor else "")

    def class_path(self, code: str | None) -> list[str]:
        """Codes from the top of the file plan down to ``code``."""
        if not code or code not in self.catalogue.classes:
            return []
        parents = self.catalogue.class_parents
        return [*reversed(ancestors(code, parents, MAX_DEPTH)), code]

    def location_path(self, location_id: str | None) -> list[str]:
        if not location_id or location_id not in self.catalogue.locations:
            return []
        parents = self.catalogue.location_parents
        return [*reversed(ancestors(location_id, parents, MAX_DEPTH)), location_id]


def relative_url(target: str, base: str) -> str:
    """``posixpath.relpath(target or ".", base or ".")`` for the site's own paths, without
    the two ``os.getcwd()`` calls relpath makes (a build makes a link for every row of every
    table: 131,000 at 10,000 records). Absolute paths and ``.`` or ``..`` segments go to relpath."""
    to = [part for part in target.split("/") if part]
    start = [part for part in base.split("/") if part]
    if "." in to or ".." in to or "." in start or ".." in start or target[:1] == "/" or base[:1] == "/":
        return posixpath.relpath(target or ".", base or ".")
    common = 0
    for a, b in zip(to, start, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


def page_url(src: str, directory_urls: bool = True) -> str:
    """The site URL of a page source, as MkDocs makes it (``records/X/`` or ``records/X.html``)."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        folder = stem.removesuffix("index")
        return folder if directory_urls else f"{folder}index.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def record_src(record_id: str) -> str:
    return f"records/{slug(record_id)}.md"


def class_src(code: str) -> str:
    return f"classes/{slug(code)}.md"


def location_src(location_id: str) -> str:
    return f"locations/{slug(location_id)}.md"


def hold_src(hold_id: str) -> str:
    return f"holds/{slug(hold_id)}.md"


def schedule_src(authority: str) -> str:
    return f"schedules/{slug(authority)}.md"


def build_context(catalogue: Catalogue, as_of: date, *, directory_urls: bool = True) -> SiteContext:
    assessments = {a.record.id: a for a in assess_catalogue(catalogue, as_of)}
    backlinks: dict[str, list[tuple[str, str]]] = defaultdict(list)
    by_class: dict[str, list[Record]] = defaultdict(list)
    by_location: dict[str, list[Record]] = defaultdict(list)
    for record in catalogue.records.values():
        for relation in record.relations:
            if relation.target in catalogue.records:
                backlinks[relation.target].append((RELATION_INVERSE[relation.type], record.id))
        if record.class_code:
            by_class[record.class_code].append(record)
        if record.location:
            by_location[record.location].append(record)
    return SiteContext(
        catalogue=catalogue,
        as_of=as_of,
        directory_urls=directory_urls,
        assessments=assessments,
        referenced_by={k: tuple(sorted(v)) for k, v in backlinks.items()},
        records_by_class={k: tuple(v) for k, v in by_class.items()},
        records_by_location={k: tuple(v) for k, v in by_location.items()},
        markings=effective_markings(catalogue),
    )
