"""The navigation the plugin makes: generated pages never in it, the same with or without a
``nav:`` in mkdocs.yml (a minimal mkdocs.yml, as ``mkdocs new`` writes, must not put 2,000
record links into every page)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from fonds.site.navigation import site_nav

from .conftest import REPO, build_example

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate

RECORDS = 2000
MINIMAL = "site_name: My Docs\ntheme:\n  name: material\nplugins:\n  - fonds\n"
WITH_NAV = MINIMAL + "nav:\n  - Catalogue: index.md\n  - About: about.md\n  - A record: records/x.md\n"


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("nav") / "cat"
    generate(RECORDS, root)
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "about.md").write_text("# About\n\nOur catalogue.\n")
    return root


def build(root: Path, config: str, name: str) -> Path:
    (root / f"{name}.yml").write_text(config)
    return build_example(root.parent / name, config=f"{name}.yml", cwd=root)


def nav_links(page: Path) -> list[str]:
    html = page.read_text()
    nav = html.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>\n</div>", 1)[0]
    return re.findall(
        r'class="md-nav__link[^"]*"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*class="md-nav__link', nav
    )


def test_a_minimal_mkdocs_yml_keeps_generated_pages_out_of_the_navigation(catalogue: Path) -> None:
    minimal = build(catalogue, MINIMAL, "minimal")
    with_nav = build(catalogue, WITH_NAV, "with-nav")
    records = sorted((minimal / "records").iterdir())
    assert len(records) > RECORDS / 2
    page = records[0] / "index.html"
    links = nav_links(page)
    assert 5 <= len(links) < 40, len(links)  # bounded, not one per record
    assert not any("records/" in "".join(link) for link in links)
    assert (minimal / "index.html").stat().st_size < 200_000
    # The same navigation with or without nav: (the user's entry for a record page is dropped).
    assert links == nav_links(with_nav / "records" / records[0].name / "index.html")
    text = page.read_text()
    for title in ("File plan", "Indexes", "Schedules", "Reports", "About"):
        assert f"{title}\n" in text or f"{title}<" in text or f"> {title}" in text, title


def test_the_catalogue_section_comes_first_and_generated_entries_go() -> None:
    generated = {"index.md", "file-plan.md", "reports/index.md", "records/A.md"}
    user = ["about.md", {"Records": ["records/A.md", "https://example.org"]}, {"Home": "index.md"}]
    assert site_nav(user, generated, ["about.md"], set()) == [
        {"Catalogue": "index.md"},
        {"File plan": "file-plan.md"},
        {"Reports": "reports/index.md"},
        "about.md",
        {"Records": ["https://example.org"]},
    ]
    assert site_nav(None, generated, ["z.md", "about.md", "staff.md"], {"staff.md"})[3:] == [
        "about.md",
        "z.md",
    ]
