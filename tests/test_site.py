"""The published site, read as files: every page type exists, links resolve, values are escaped."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from fonds.loader import load_catalogue
from fonds.site import build_pages, write_pages

from .conftest import REPO


def html_of(site: Path, url: str) -> str:
    return (site / url.strip("/") / "index.html").read_text()


def test_every_page_type_is_built(example_site: Path) -> None:
    for url in [
        "",
        "file-plan/",
        "classes/FIN-01-01/",
        "records/CON-2022-002/",
        "indexes/",
        "indexes/title/",
        "indexes/subjects/",
        "indexes/departments/",
        "indexes/years/",
        "indexes/locations/",
        "indexes/formats/",
        "indexes/status/",
        "schedules/",
        "schedules/nara-grs/",
        "holds/",
        "holds/HOLD-2024-001/",
        "locations/IVRC/",
        "reports/",
        "reports/due/",
        "reports/awaiting/",
        "reports/disposals/",
        "reports/problems/",
        "downloads/",
    ]:
        assert (example_site / url / "index.html").is_file(), url
    rows = json.loads((example_site / "downloads" / "catalogue.json").read_text())["records"]
    assert len(rows) == len([p for p in (example_site / "records").iterdir() if p.is_dir()]) > 50
    assert (example_site / "downloads" / "catalogue.csv").read_text().startswith("id,title,description")


def test_records_are_not_in_the_navigation(example_site: Path) -> None:
    nav = (
        html_of(example_site, "file-plan")
        .split('<nav class="md-nav md-nav--primary"', 1)[1]
        .split("</nav>", 1)[0]
    )
    assert "records/" not in nav
    assert "File plan" in nav


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href" and v]


def test_every_internal_link_of_generated_pages_resolves(example_site: Path) -> None:
    pages = [
        p
        for p in example_site.rglob("index.html")
        if p.parent.relative_to(example_site).parts[:1]
        in [
            ("records",),
            ("classes",),
            ("indexes",),
            ("holds",),
            ("schedules",),
            ("locations",),
            ("reports",),
        ]
    ]
    assert len(pages) > 300
    broken = []
    for page in pages:
        base = "/" + page.parent.relative_to(example_site).as_posix() + "/"
        parser = _Links()
        parser.feed(page.read_text())
        for href in parser.hrefs:
            if urlparse(href).scheme or href.startswith("#"):
                continue
            target = urlparse(urljoin(base, href)).path
            path = example_site / target.lstrip("/")
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.append(f"{base} -> {href}")
    assert broken == []


def test_relations_show_both_ways(example_site: Path) -> None:
    page = html_of(example_site, "records/CON-2022-002")
    assert "referenced by" in page and "CON-2023-001" in page


def test_destroyed_records_keep_a_tombstone_page(example_site: Path) -> None:
    page = html_of(example_site, "records/FIN-2012-003")
    assert "Disposed of" in page and "was destroyed on" in page
    assert "FIN-2012-003" in html_of(example_site, "reports/disposals")


HOSTILE = "<script>alert(1)</script>"


@pytest.mark.parametrize("field", ["title", "description", "creator", "keyword", "note", "uri"])
def test_catalogue_values_are_escaped_in_pages(mini: Path, tmp_path: Path, field: str) -> None:
    record = mini / "catalogue" / "records" / "fin" / "FIN-001.yml"
    values = {
        "title": f"title: '{HOSTILE} [x](javascript:alert(1))'",
        "description": f"description: '{HOSTILE}'",
        "creator": "creator: '\"><img src=x onerror=alert(1)>'",
        "keyword": f"keywords: ['{HOSTILE}']",
        "note": f"notes: '{HOSTILE}'",
        "uri": "uri: 'javascript:alert(1)'",
    }
    text = record.read_text()
    if field == "title":
        text = text.replace("title: Invoices 2020\n", "")
    record.write_text(text + values[field] + "\n")
    catalogue, _ = load_catalogue(mini, validate=False)
    files = build_pages(catalogue, date(2026, 1, 1))
    out = tmp_path / "pages"
    write_pages(files, out)
    text = "\n".join(p.read_text() for p in sorted(out.rglob("*.md")))
    assert "FIN-001" in text
    assert "<script>alert" not in text
    assert "<img src=x" not in text
    assert 'href="javascript:' not in text
    if field == "title":
        assert "&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))" in text


def test_pages_can_be_written_for_another_site_generator(tmp_path: Path) -> None:
    catalogue, _ = load_catalogue(REPO, validate=False)
    count = write_pages(build_pages(catalogue, date(2026, 11, 23)), tmp_path)
    assert count > len(catalogue.records)
    record = (tmp_path / "records" / "CON-2022-002.md").read_text()
    assert record.startswith("---\ntitle: ")
    assert re.search(r"Tender T-2022-04", record)


def test_material_search_indexes_id_title_keywords_and_description(example_site: Path) -> None:
    index = json.loads((example_site / "search" / "search_index.json").read_text())
    text = " ".join(
        d["title"] + " " + d["text"]
        for d in index["docs"]
        if d["location"].startswith("records/CON-2022-002/")
    )
    for expected in ("CON-2022-002", "Tender T-2022-04", "road resurfacing", "Concession Road 4"):
        assert expected in text, expected
