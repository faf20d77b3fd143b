"""The published site, read as files: every page type exists, links resolve, values are escaped."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from fonds.site import publish, write_pages

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
        "locations/IVRC/",
        "reports/",
        "reports/disposals/",
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
    files = publish(mini, date(2026, 1, 1), audience="internal").site
    assert files is not None
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
    published = publish(REPO, date(2026, 11, 23))
    assert published.site is not None
    count = write_pages(published.site, tmp_path)
    assert count > published.published
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


MARKDOWN_HOSTILE = (
    'Intro line\n```\nfenced\n```\n    indented code\n{: #evil onclick="alert(1)" }\n'
    "*emph* [link](http://x.example) &amp; &lt;b&gt; _u_ `tick` | a | b | ~~gone~~ ![i](x.png)"
)
SHOWN_AS_WRITTEN = (
    "```",
    "    indented code",
    '{: #evil onclick="alert(1)" }',
    "*emph* [link](http://x.example) &amp; &lt;b&gt; _u_ `tick` | a | b | ~~gone~~ ![i](x.png)",
)
MARKDOWN_EXTENSIONS = """markdown_extensions:
  - attr_list
  - md_in_html
  - def_list
  - tables
  - admonition
  - pymdownx.highlight
  - pymdownx.superfences
  - pymdownx.tilde
"""


def _attributes(fragment: str) -> list[tuple[str, str | None]]:
    found: list[tuple[str, str | None]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.extend(attrs)

    Collect().feed(fragment)
    return found


def _text(fragment: str) -> str:
    import html as html_module

    return html_module.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_free_text_is_never_read_as_markdown(mini: Path, tmp_path: Path) -> None:
    from .test_build_cli import run, site_ready

    site_ready(mini)
    (mini / "mkdocs.yml").write_text((mini / "mkdocs.yml").read_text() + MARKDOWN_EXTENSIONS)
    record = mini / "catalogue" / "records" / "fin" / "FIN-003.yml"
    quoted = json.dumps(MARKDOWN_HOSTILE)
    record.write_text(record.read_text() + f"description: {quoted}\nnotes: {quoted}\nkeywords: [{quoted}]\n")
    code, output = run("build", "--root", str(mini), "--site-dir", str(tmp_path / "out"))
    assert code == 0, output
    page = (tmp_path / "out" / "records" / "FIN-003" / "index.html").read_text()
    body = page[page.index('<div class="fonds-page"') :]
    attributes = _attributes(body)
    assert not [a for a in attributes if a[0].startswith("on") or a == ("id", "evil")], (
        "an attribute was made"
    )
    for tag_made in (
        'id="evil"',
        "<em>emph",
        "<del>",
        "<pre",
        "<img",
        'href="http://x.example"',
        "<table><thead><tr><th>a",
    ):
        assert tag_made not in body, tag_made
    text = _text(body)
    for written in SHOWN_AS_WRITTEN:
        assert written.strip() in text, written


def test_long_keywords_make_bounded_page_names(mini: Path, tmp_path: Path) -> None:
    from .test_build_cli import run, site_ready

    site_ready(mini)
    cyrillic = "Ж" * 47
    long_a, long_b = "k" * 299 + "a", "k" * 299 + "b"
    record = mini / "catalogue" / "records" / "fin" / "FIN-003.yml"
    record.write_text(record.read_text() + f"keywords: [{cyrillic}, {long_a}, {long_b}]\n")
    code, output = run("build", "--root", str(mini), "--site-dir", str(tmp_path / "out"))
    assert code == 0, output
    for path in (tmp_path / "out").rglob("*"):
        assert all(len(part.encode()) <= 255 for part in path.relative_to(tmp_path).parts), path
    subjects = [p.name for p in (tmp_path / "out" / "indexes" / "subjects").iterdir() if p.is_dir()]
    assert len([name for name in subjects if name.startswith("kkkk")]) == 2  # still two pages
    index = (tmp_path / "out" / "indexes" / "subjects" / "index.html").read_text()
    assert cyrillic.lower() in index and long_a in index and long_b in index
