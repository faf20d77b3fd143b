"""What goes into the Pagefind search index of a large catalogue, and in how many pieces.

A searcher looks for a record by its id, title, description, classification, dates,
department, creator and keywords; field labels, retention wording, locations, security and
history are the same boilerplate on every page and only cost memory (Pagefind keeps a map of
every word of every page, twice). So the index is not made from the written pages: each record
page carries its search entry (``Page.index``, made by ``search_entry`` from the
audience-filtered record, so it holds nothing the page does not show), and the plugin gives
Pagefind one small HTML document per record (``search_html``), with the page's URL.

Pagefind's memory grows with the pages it indexes at once, so the documents are cut into
shards of at most ``shard_size``, each indexed by its own Pagefind run into its own bundle
folder (``pagefind/``, ``pagefind-1/``, ...). The search page (``search_page``) searches the
first bundle, shows its results, then merges the others (``assets/fonds-search.js``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..model import Record
from .context import Page, SearchEntry, SiteContext
from .html import esc, esc_title

SHARD_SIZE = 5000
"""Records per Pagefind run: about 150 MB of indexer memory a run (measured), and about 5 bytes
a record of metadata that the search page loads before its first result (26 KB)."""

BUNDLE = "pagefind"
"""The first bundle's folder; the others are ``pagefind-1``, ``pagefind-2``, ..."""


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """One record as Pagefind gets it: ``url`` is its page's site URL (``records/X/``)."""

    url: str
    title: str
    text: str
    filters: tuple[tuple[str, str], ...]


def search_entry(ctx: SiteContext, record: Record) -> SearchEntry:
    filters = tuple(sorted((k, v) for k, v in search_filters(ctx, record).items() if v))
    return SearchEntry(search_text(ctx, record), filters)


def search_text(ctx: SiteContext, record: Record) -> str:
    """The words a searcher may type, as the record's page shows them: description,
    classification (codes and titles), dates, department, creator, keywords. Plain text."""
    classes = ctx.catalogue.classes
    parts = [record.description]
    parts += [f"{code} {classes[code].title}" for code in ctx.class_path(record.class_code)]
    if record.class_code and record.class_code not in classes:
        parts.append(record.class_code)
    parts += [day.isoformat() for day in (record.created, record.closed) if day]
    parts.append(ctx.catalogue.config.departments.get(record.department or "", record.department or ""))
    parts += [record.creator or "", *record.keywords]
    return " ".join(" ".join(part.split()) for part in parts if part and part.strip())


def search_filters(ctx: SiteContext, record: Record) -> dict[str, str]:
    """The filters of the search page: class (code and title, as the page's classification
    shows it), format, status, and the year the record was created."""
    code = record.class_code or ""
    title = ctx.catalogue.classes[code].title if code in ctx.catalogue.classes else ""
    return {
        "class": f"{code} {title}".strip(),
        "format": record.format or "",
        "status": record.status,
        "year": str(record.created.year) if record.created else "",
    }


def search_documents(pages: Iterable[Page], url: Callable[[str], str]) -> list[SearchDocument]:
    """The documents of every page with a search entry, sorted by URL (so the shards, and
    the bundles made of them, are the same from build to build). ``url`` is the site URL of
    a page source (``SiteContext.url``)."""
    documents = [
        SearchDocument(url(page.src), page.title, page.index.text, page.index.filters)
        for page in pages
        if page.index is not None
    ]
    return sorted(documents, key=lambda d: d.url)


def shards(documents: Sequence[SearchDocument], size: int = SHARD_SIZE) -> list[Sequence[SearchDocument]]:
    """The documents in runs of at most ``size`` (at least one run, so a site with no record
    still gets a bundle and a search page that works)."""
    size = max(1, size)
    return [documents[start : start + size] for start in range(0, len(documents), size)] or [documents]


def bundle_names(count: int) -> list[str]:
    return [BUNDLE if k == 0 else f"{BUNDLE}-{k}" for k in range(count)]


def search_html(document: SearchDocument, language: str) -> str:
    """The HTML Pagefind reads for one record: the title as its heading (Pagefind's result
    title, weighted above the text), the text, and the filters (not indexed as words)."""
    filters = "".join(
        f'<span data-pagefind-filter="{esc(name)}">{esc(value)}</span>' for name, value in document.filters
    )
    return (
        f'<!DOCTYPE html><html lang="{esc(language)}"><head><meta charset="utf-8"></head>'
        f"<body><main data-pagefind-body><h1>{esc(document.title)}</h1><p>{esc(document.text)}</p>"
        f"<div data-pagefind-ignore>{filters}</div></main></body></html>\n"
    )


def search_page(parts: Sequence[Sequence[SearchDocument]], root: str) -> str:
    """The search page (``search.md``) for the bundles made of ``parts`` (``shards``): a
    search box, a filter panel that loads Pagefind's filter files only when it is opened, a
    status line and the results. ``root`` is the relative way from the page to the site's
    root (``../`` or ``""``), so the page works under any base URL. The first URL of each
    bundle lets the page search first the bundle a typed record id falls in (they are
    sorted by URL)."""
    title = "Search the catalogue"
    bundles = [f"{root}{name}/" for name in bundle_names(len(parts))]
    starts = [part[0].url if part else "" for part in parts]
    config = esc(json.dumps({"root": root, "bundles": bundles, "starts": starts}, ensure_ascii=False))
    return (
        f"---\ntitle: {json.dumps(esc_title(title))}\n---\n\n"
        f'<div class="fonds-page fonds-search" data-fonds-search="{config}"><h1>{esc(title)}</h1>'
        '<form class="fonds-search-form" role="search" action="#">'
        '<label for="fonds-search-query">Search by id, title, description, classification, '
        "department, creator or keyword</label>"
        '<input id="fonds-search-query" type="search" autocomplete="off" spellcheck="false" '
        'placeholder="for example: lease 2019"></form>'
        '<details class="fonds-search-filters"><summary>Filters</summary>'
        '<div class="fonds-search-filter-list"><p>Open to load the filters.</p></div></details>'
        '<p class="fonds-search-status" role="status" aria-live="polite">'
        "Type a word to search the catalogue.</p>"
        '<ol class="fonds-search-results"></ol>'
        '<p><button class="md-button fonds-search-more" type="button" hidden>More results</button></p>'
        "<noscript><p>Search needs JavaScript; the indexes list every record.</p></noscript>"
        f'<script src="{root}assets/fonds/fonds-search.js"></script>'
        "</div>\n"
    )
