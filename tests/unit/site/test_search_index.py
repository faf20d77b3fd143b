"""What a large site's search index holds (fonds.site.search_index): the words a searcher
types, only what the record's page shows, in shards of a bounded size."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from functools import cache

import pytest

from fonds.site import Page, publish
from fonds.site.context import SearchEntry, page_url
from fonds.site.search_index import (
    SearchDocument,
    bundle_names,
    search_documents,
    search_html,
    search_page,
    shards,
)
from tests.conftest import EXAMPLE_AS_OF, REPO


@cache
def example_pages() -> tuple[Page, ...]:
    published = publish(REPO, date.fromisoformat(EXAMPLE_AS_OF))
    assert published.site is not None
    return published.site.pages


def _words(text: str) -> set[str]:
    return {w.strip(".,;:()").lower() for w in text.split()} - {""}


def _page_words(page: Page) -> set[str]:
    return _words(html.unescape(re.sub(r"<[^>]+>", " ", page.body)))


def test_every_record_page_and_only_record_pages_are_indexed() -> None:
    pages = example_pages()
    indexed = {page.src for page in pages if page.index is not None}
    records = {page.src for page in pages if page.src.startswith("records/")}
    assert indexed == records and len(records) > 50


def test_the_index_holds_only_words_the_page_shows() -> None:
    for page in example_pages():
        if page.index is None:
            continue
        missing = _words(page.index.text) - _page_words(page)
        assert not missing, f"{page.src}: indexed but not on the page: {sorted(missing)}"
        shown = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.body)).split())
        for name, value in page.index.filters:  # a year is part of a date shown
            assert all(word in shown for word in value.split()), (page.src, name, value)


def test_the_index_leaves_out_labels_retention_location_security_and_history() -> None:
    page = next(p for p in example_pages() if p.src == "records/CON-2023-001.md")
    assert page.index is not None
    text = page.index.text
    assert "Harlow Paving" in page.title and "CON-2023-001" in page.title
    assert "Construction contracts" in text  # the classification, by title
    for boilerplate in ("Classification", "Department", "Keywords", "Retention", "How long it is kept",
                        "Where it is", "Security", "Level", "History"):  # fmt: skip
        assert boilerplate not in text, boilerplate
        assert boilerplate in html.unescape(page.body), f"{boilerplate!r} is not on the page: a useless test"
    assert len(text.split()) < len(_page_words(page)) / 2


def test_filters_are_class_format_status_and_year() -> None:
    page = next(p for p in example_pages() if p.src == "records/CON-2023-001.md")
    assert page.index is not None
    filters = dict(page.index.filters)
    assert set(filters) == {"class", "format", "status", "year"}
    assert filters["class"].startswith("CON-02-01 ") and filters["year"].isdigit()


def test_documents_get_the_page_url_and_are_sorted() -> None:
    pages = [
        Page("records/B.md", "B – b", "", index=SearchEntry("b")),
        Page("records/A.md", "A – a", "", index=SearchEntry("a")),
        Page("indexes/x.md", "x", ""),
    ]
    assert [d.url for d in search_documents(pages, page_url)] == ["records/A/", "records/B/"]
    flat = search_documents(pages, lambda src: page_url(src, directory_urls=False))
    assert [d.url for d in flat] == ["records/A.html", "records/B.html"]


@pytest.mark.parametrize(
    ("count", "size", "expected"), [(5, 2, [2, 2, 1]), (4, 2, [2, 2]), (3, 10, [3]), (0, 5, [0])]
)
def test_shards_are_at_most_the_size(count: int, size: int, expected: list[int]) -> None:
    documents = [SearchDocument(f"records/{n}/", str(n), "", ()) for n in range(count)]
    parts = shards(documents, size)
    assert [len(p) for p in parts] == expected
    assert [d for part in parts for d in part] == documents
    assert bundle_names(len(parts))[:2] == ["pagefind", "pagefind-1"][: len(parts)]


def test_the_document_escapes_every_value() -> None:
    document = SearchDocument(
        "records/X/", "X – <script>alert(1)</script>", "a & b <img src=x>", (("class", '"><b>'),)
    )
    text = search_html(document, "en")
    assert "<script>" not in text and "<img" not in text and '"><b>' not in text
    assert html.unescape(re.sub(r"<[^>]+>", "", text.split("<body>")[1])).startswith("X – <script>")


def test_the_search_page_names_every_bundle_relative_to_the_page() -> None:
    documents = [SearchDocument(f"records/R-{n}/", str(n), "", ()) for n in range(5)]
    page = search_page(shards(documents, 2), "../")
    config = json.loads(html.unescape(re.search(r'data-fonds-search="([^"]*)"', page)[1]))  # type: ignore[index]
    assert config == {
        "root": "../",
        "bundles": ["../pagefind/", "../pagefind-1/", "../pagefind-2/"],
        "starts": ["records/R-0/", "records/R-2/", "records/R-4/"],
    }
    assert 'src="../assets/fonds/fonds-search.js"' in page
    assert "http" not in page  # no CDN, no absolute address
    flat = search_page(shards(documents[:1], 2), "")
    assert 'src="assets/fonds/fonds-search.js"' in flat and "&quot;pagefind/&quot;" in flat


def test_the_search_script_never_parses_index_text_as_html() -> None:
    """Titles and excerpts from the index go in as text: Pagefind's excerpts hold <mark>, and
    a title may hold anything a records technician typed."""
    script = (REPO / "scripts" / "fonds" / "site" / "assets" / "fonds-search.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", ".excerpt"):
        assert sink not in script, sink
    assert "textContent" in script and "createTextNode" in script
