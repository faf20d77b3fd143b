"""`fonds build` checks first, then builds; `fonds pages` writes the pages for other generators."""

from __future__ import annotations

import gzip
import json
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from fonds import plugin_search
from fonds.cli import main

MKDOCS = """site_name: Mini catalogue
docs_dir: docs
theme:
  name: material
plugins:
  - search
  - fonds:
      as_of: "2026-01-01"
validation:
  nav:
    omitted_files: ignore
"""


def site_ready(root: Path) -> Path:
    (root / "mkdocs.yml").write_text(MKDOCS)
    (root / "docs").mkdir()
    (root / "docs" / "about.md").write_text("# About\n\nA small catalogue for tests.\n")
    return root


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_build_makes_the_site(mini: Path, tmp_path: Path) -> None:
    code, output = run("build", "--root", str(site_ready(mini)), "--site-dir", str(tmp_path / "out"))
    assert code == 0, output
    assert (tmp_path / "out" / "records" / "FIN-003" / "index.html").is_file()
    assert not (tmp_path / "out" / "records" / "FIN-002").exists()  # confidential: not for the public site
    assert (tmp_path / "out" / "index.html").read_text().count("Mini") >= 1


def test_the_site_loads_nothing_from_another_server(mini: Path, tmp_path: Path) -> None:
    """Material fetches Google's fonts unless told not to: no page may name another server
    for a stylesheet, a script or a font (a reader is not announced to a third party), unless
    mkdocs.yml asks for a font itself."""
    code, output = run("build", "--root", str(site_ready(mini)), "--site-dir", str(tmp_path / "out"))
    assert code == 0, output
    pages = list((tmp_path / "out").rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text()
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page
        assert 'src="http' not in text and 'href="https://fonts' not in text, page
    (mini / "mkdocs.yml").write_text(
        MKDOCS.replace("  name: material\n", "  name: material\n  font:\n    text: Lato\n")
    )
    code, output = run("build", "--root", str(mini), "--site-dir", str(tmp_path / "chosen"))
    assert code == 0, output
    assert "fonts.googleapis" in (tmp_path / "chosen" / "index.html").read_text()


def test_build_stops_before_any_page_when_the_catalogue_has_errors(mini: Path, tmp_path: Path) -> None:
    record = mini / "catalogue" / "records" / "fin" / "FIN-003.yml"
    record.write_text(record.read_text().replace("class: FIN-01", "class: FIN-99"))
    code, output = run("build", "--root", str(site_ready(mini)), "--site-dir", str(tmp_path / "out"))
    assert code == 1
    assert "the catalogue has 1 errors" in output
    # each problem is a MkDocs warning with its file and line
    assert "WARNING: catalogue/records/fin/FIN-003.yml:3:1: error[unknown-class]" in output
    assert not (tmp_path / "out" / "records").exists()


def test_build_without_mkdocs_yml_is_a_usage_error(mini: Path) -> None:
    code, output = run("build", "--root", str(mini))
    assert code == 2
    assert "no mkdocs.yml" in output


def test_pages_writes_markdown_for_another_generator(mini: Path, tmp_path: Path) -> None:
    code, output = run(
        "pages",
        str(tmp_path / "pages"),
        "--root",
        str(mini),
        "--as-of",
        "2026-01-01",
        "--audience",
        "internal",
    )
    assert code == 0, output
    page = (tmp_path / "pages" / "records" / "FIN-001.md").read_text()
    assert page.startswith('---\ntitle: "FIN-001 – Invoices 2020"\n---')
    assert (tmp_path / "pages" / "downloads" / "catalogue.csv").is_file()


def test_mkdocs_serve_watches_the_catalogue(mini: Path) -> None:
    from mkdocs.config import load_config

    from fonds.plugin import FondsPlugin

    config = load_config(config_file=str(site_ready(mini) / "mkdocs.yml"))
    plugin = config.plugins["fonds"]
    assert isinstance(plugin, FondsPlugin)
    plugin.on_config(config)

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Server()
    plugin.on_serve(server, config=config, builder=None)  # type: ignore[arg-type]
    assert sorted(Path(p).name for p in server.watched) == ["catalogue", "fonds.yml", "schedules"]


def test_a_hand_written_page_naming_a_hidden_record_fails_the_build(mini: Path, tmp_path: Path) -> None:
    site_ready(mini)
    (mini / "docs" / "notes.md").write_text("# Notes\n\nSee FIN-002 for the 2021 invoices.\n")
    code, output = run("build", "--root", str(mini), "--site-dir", str(tmp_path / "out"))
    assert code == 1
    assert "docs/notes.md names 1 record(s) that the 'public' audience may not see" in output
    assert "FIN-002" not in output.split("docs/notes.md", 1)[1].split("\n", 1)[0]


def test_a_page_for_a_higher_audience_is_left_out_entirely(mini: Path, tmp_path: Path) -> None:
    site_ready(mini)
    (mini / "docs" / "notes.md").write_text(
        "---\ntitle: Zqnotes title\ndescription: Zqnotes description\naudience: confidential\n---\n\n"
        "# Zqnotes heading\n\nSee FIN-002 for the 2021 invoices.\n"
    )
    (mini / "docs" / "about.md").write_text("# About\n\nSee [the notes](notes.md).\n")
    (mini / "mkdocs.yml").write_text(MKDOCS + "nav:\n  - About: about.md\n  - Notes: notes.md\n")
    code, output = run("build", "--root", str(mini), "--site-dir", str(tmp_path / "public"))
    assert code == 0, output
    assert not (tmp_path / "public" / "notes").exists()
    for path in (tmp_path / "public").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"Zqnotes" not in data and b"FIN-002" not in data, path
    code, output = run(
        "build",
        "--root",
        str(mini),
        "--site-dir",
        str(tmp_path / "conf"),
        "--audience",
        "confidential",
        "--caveat",
        "personal-information",
    )
    assert code == 0, output
    assert "FIN-002" in (tmp_path / "conf" / "notes" / "index.html").read_text()


@pytest.mark.parametrize(
    ("front", "line", "problem"),
    [
        ("---\naudience: Secret\n---\n", 2, "audience 'Secret' is not exactly one of the levels"),
        ("---\ntitle: x\naudience: top-secret\n---\n", 3, "audience 'top-secret' is not exactly"),
        ("---\naudience: [secret]\n---\n", 2, "audience ['secret'] is not exactly"),
        ("---\naudience: 3\n---\n", 2, "audience 3 is not exactly"),
        ("---\naudience:\n---\n", 2, "audience None is not exactly"),
        ("---\naudience: ''\n---\n", 2, "audience '' is not exactly"),
        ("---\nAudience: secret\n---\n", 2, "write the key as 'audience', not 'Audience'"),
        ("---\naudience: public\naudience: secret\n---\n", 3, "two 'audience' keys"),
        ("---\naudience: secret\ntitle: [unclosed\n---\n", 2, "not valid YAML"),
        ("audience: Secret\ntitle: x\n\n", 1, "audience 'Secret' is not exactly"),
        ("\n---\naudience: secret\n---\n", 2, "must start on the first line"),
        ("---\naudience: secret\n", 1, "must start on the first line and end with a '---' line"),
    ],
)
def test_a_mistyped_page_audience_fails_the_build(
    mini: Path, tmp_path: Path, front: str, line: int, problem: str
) -> None:
    site_ready(mini)
    (mini / "docs" / "notes.md").write_text(front + "\n# Zqnotes\n\nSecret matters.\n")
    code, output = run("build", "--root", str(mini), "--site-dir", str(tmp_path / "out"))
    assert code == 1, output
    assert f"docs/notes.md:{line}: " in output and problem in output, output
    assert not (tmp_path / "out" / "notes").exists()


def test_other_files_in_docs_naming_a_hidden_record_fail_a_strict_build(mini: Path, tmp_path: Path) -> None:
    site_ready(mini)
    for name in ("list.txt", "list.csv", "page.html", "data.json", "map.svg"):
        (mini / "docs" / name).write_text("id,title\nFIN-002,Payroll\n")
        code, output = run("build", "--root", str(mini), "--site-dir", str(tmp_path / "out"))
        assert code == 1, output
        assert f"docs/{name} names 1 record(s) that the 'public' audience may not see" in output
        (mini / "docs" / name).unlink()


def test_large_catalogues_switch_to_pagefind(mini: Path, tmp_path: Path) -> None:
    site_ready(mini)
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            '      as_of: "2026-01-01"',
            '      as_of: "2026-01-01"\n      pagefind_threshold: 0\n      pagefind_shard_size: 2\n'
            "      audience: confidential\n      audience_caveats: [personal-information]",
        )
    )
    code, output = run("build", "--root", str(mini), "--site-dir", str(tmp_path / "out"))
    assert code == 0, output
    out = tmp_path / "out"
    assert (out / "search" / "index.html").is_file()
    assert not (out / "search" / "search_index.json").exists()  # Material's search is off
    records = sorted(p.parent.name for p in (out / "records").glob("*/index.html"))
    bundles = sorted(p.name for p in out.glob("pagefind*"))
    # At most 2 records a bundle: every record in exactly one, and nothing but records.
    assert len(bundles) == (len(records) + 1) // 2 >= 2, bundles
    found = [url for bundle in bundles for url in _fragment_urls(out / bundle)]
    assert sorted(found) == [f"/records/{r}/" for r in records]
    search = (out / "search" / "index.html").read_text()
    assert all(f"../{b}/" in search for b in bundles) and "fonds-search.js" in search
    assert (out / "assets" / "fonds" / "fonds-search.js").is_file()
    record = (out / "records" / "FIN-003" / "index.html").read_text()
    assert "data-pagefind-body" in record and 'data-pagefind-filter="class"' in record


def _pagefind_site(mini: Path) -> None:
    site_ready(mini)
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            '      as_of: "2026-01-01"', '      as_of: "2026-01-01"\n      search: pagefind'
        )
    )


def _theme_override(mini: Path, main_html: str) -> None:
    """The catalogue's own main.html over Material's (``custom_dir``)."""
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    )
    (mini / "overrides").mkdir()
    (mini / "overrides" / "main.html").write_text(main_html)


def test_the_build_says_what_it_indexed_in_plain_words(mini: Path, tmp_path: Path) -> None:
    _pagefind_site(mini)
    code, output = run("build", "--root", str(mini), "--site-dir", str(tmp_path / "out"))
    assert code == 0, output
    assert "fonds: 3 records checked; 1 published for the audience 'public'" in output
    assert "fonds: Pagefind indexed 1 record in 1 bundle\n" in output


def test_a_missing_pagefind_fails_the_build_with_a_message(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pagefind_site(mini)
    monkeypatch.setattr(plugin_search, "get_executable", lambda: None)
    code, output = run("build", "--root", str(mini), "--site-dir", str(tmp_path / "out"))
    assert code == 1, output
    assert "Pagefind failed to index the site" in output and "pip install 'pagefind[bin]'" in output
    assert "Traceback" not in output


def test_a_build_that_fails_stops_the_search_indexing_it_started(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind starts while the pages are still being made; a page that fails must not leave
    it running (or writing into the site folder) after the command has returned."""
    _pagefind_site(mini)
    _theme_override(mini, '{% extends "base.html" %}{% block content %}{{ nope.nope }}{% endblock %}')
    waited: list[bool] = []

    def indexing(documents: object, language: str, output: Path, stop: threading.Event) -> None:
        waited.append(stop.wait(60))

    monkeypatch.setattr(plugin_search, "_index_shard", indexing)
    code, output = run("build", "--root", str(mini), "--site-dir", str(tmp_path / "out"))
    assert code == 1, output
    assert "a theme template failed: 'nope' is undefined" in output and "Traceback" not in output
    assert waited == [True]  # told to stop, and stopped, before the command returned


def test_a_broken_theme_override_is_named_with_its_line(mini: Path, tmp_path: Path) -> None:
    site_ready(mini)
    _theme_override(mini, '{% extends "base.html" %}\n{% block content %}{{ page.title }\n')
    code, output = run("build", "--root", str(mini), "--site-dir", str(tmp_path / "out"))
    assert code == 1, output
    assert "overrides/main.html, line 2): unexpected '}'" in output and "Traceback" not in output


def _fragment_urls(bundle: Path) -> list[str]:
    """The page URL of each result Pagefind can give from a bundle."""
    urls = []
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")
        urls.append(str(json.loads(data)["url"]))
    return urls


def test_pages_publishes_for_the_lowest_level_unless_asked(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, output = run("pages", str(tmp_path / "public"), "--root", str(mini), "--as-of", "2026-01-01")
    assert code == 0, output
    written = "\n".join(p.read_text() for p in sorted((tmp_path / "public").rglob("*.*")))
    assert "FIN-003" in written
    assert "FIN-001" not in written and "FIN-002" not in written  # internal, confidential
    monkeypatch.setenv("FONDS_AUDIENCE", "confidential")
    monkeypatch.setenv("FONDS_AUDIENCE_CAVEATS", "personal-information")
    code, output = run("pages", str(tmp_path / "conf"), "--root", str(mini), "--as-of", "2026-01-01")
    assert code == 0, output
    assert (tmp_path / "conf" / "records" / "FIN-002.md").is_file()
    code, output = run("pages", str(tmp_path / "x"), "--root", str(mini), "--audience", "Secret")
    assert code == 2 and "audience level 'Secret' is not one of the levels" in output


def test_a_record_file_with_an_error_is_left_out_even_when_not_strict(mini: Path, tmp_path: Path) -> None:
    record = mini / "catalogue" / "records" / "fin" / "FIN-002.yml"
    # a misspelt key: the marking is not read, so the record would look public
    record.write_text(record.read_text().replace("security:", "securty:"))
    code, output = run("pages", str(tmp_path / "out"), "--root", str(mini), "--as-of", "2026-01-01")
    assert code == 0, output
    written = "\n".join(p.read_text() for p in sorted((tmp_path / "out").rglob("*.*")))
    assert "FIN-002" not in written
    code, output = run("pages", str(tmp_path / "strict"), "--root", str(mini), "--strict")
    assert code == 1 and "securty" in output and not (tmp_path / "strict").exists()


@pytest.mark.parametrize("where", [".", "catalogue", "schedules", "docs", ".git", "catalogue/records", ".."])
def test_build_refuses_a_site_folder_that_would_delete_the_catalogue(mini: Path, where: str) -> None:
    site_ready(mini)
    (mini / ".git").mkdir()
    (mini / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    before = sorted(str(p.relative_to(mini.parent)) for p in mini.parent.rglob("*"))
    code, output = run("build", "--root", str(mini), "--site-dir", str(mini / where))
    assert code == 2, output
    assert "building there would delete it" in output
    assert sorted(str(p.relative_to(mini.parent)) for p in mini.parent.rglob("*")) == before


def test_a_relative_site_folder_is_judged_where_mkdocs_puts_it(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site_ready(mini)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, output = run("build", "--root", str(mini), "--site-dir", "catalogue")
    assert code == 2, output
    assert (mini / "catalogue" / "records" / "fin" / "FIN-001.yml").is_file()


def test_the_plugin_refuses_a_site_dir_in_mkdocs_yml(mini: Path) -> None:
    site_ready(mini)
    (mini / "mkdocs.yml").write_text(MKDOCS + "site_dir: catalogue\n")
    code, output = run("build", "--root", str(mini))
    assert code == 2, output
    assert (mini / "catalogue" / "records" / "fin" / "FIN-001.yml").is_file()
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(mini / "mkdocs.yml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "building there would delete it" in result.stderr
    assert (mini / "catalogue" / "records" / "fin" / "FIN-001.yml").is_file()


def test_every_adapter_publishes_through_publish() -> None:
    """No adapter builds pages another way: page assembly is private to site/publish.py."""
    import fonds.site

    package = Path(fonds.site.__file__).parent.parent
    for path in package.rglob("*.py"):
        text = path.read_text()
        if path.name != "publish.py":
            assert "_assemble" not in text and "build_pages" not in text, path
    for adapter in (package / "plugin.py", package / "cli" / "site.py"):
        assert "publish(" in adapter.read_text(), adapter
    assert not hasattr(fonds.site, "build_pages")


def test_the_problems_report_withholds_stray_copies_of_hidden_records(mini: Path, tmp_path: Path) -> None:
    stray = mini / "catalogue" / "old"
    stray.mkdir()
    source = mini / "catalogue" / "records" / "fin" / "FIN-002.yml"
    (stray / "FIN-002.yml").write_text(source.read_text())
    (stray / "copy.yml").write_text(source.read_text())
    (mini / "catalogue" / "records" / "fin" / "FIN-009.yml").write_text("id: [unclosed\n")
    record = mini / "catalogue" / "records" / "fin" / "FIN-003.yml"
    record.write_text(record.read_text() + "department: nowhere\n")  # a visible record's own problem
    code, output = run(
        "pages", str(tmp_path / "out"), "--root", str(mini), "--as-of", "2026-01-01", "--audience", "internal"
    )
    assert code == 0, output
    assert "catalogue/old/FIN-002.yml" in output or "FIN-009" in output  # the operator sees them all
    report = (tmp_path / "out" / "reports" / "problems.md").read_text()
    for withheld in ("catalogue/old", "FIN-002", "FIN-009", "copy.yml"):
        assert withheld not in report, withheld
    assert "catalogue/records/fin/FIN-003.yml" not in report  # it has an error: left out entirely
    written = "\n".join(p.read_text() for p in sorted((tmp_path / "out").rglob("*.*")))
    assert "FIN-002" not in written and "FIN-009" not in written


def test_a_visible_records_warning_is_on_the_problems_report(mini: Path, tmp_path: Path) -> None:
    record = mini / "catalogue" / "records" / "fin" / "FIN-003.yml"
    record.write_text(record.read_text() + "security: {level: public, access: {groups: [fin]}}\n")
    code, output = run(
        "pages", str(tmp_path / "out"), "--root", str(mini), "--as-of", "2026-01-01", "--audience", "internal"
    )
    assert code == 0, output
    report = (tmp_path / "out" / "reports" / "problems.md").read_text()
    assert "catalogue/records/fin/FIN-003.yml" in report and "access-list-ignored" in report


def test_an_operational_audience_that_is_not_a_level_is_an_error_and_fails_closed(
    mini: Path, tmp_path: Path
) -> None:
    config = mini / "fonds.yml"
    config.write_text(config.read_text() + "publishing:\n  operational_audience: Internal\n")
    code, output = run("pages", str(tmp_path / "strict"), "--root", str(mini), "--strict")
    assert code == 1
    assert "fonds.yml:9:" in output and "operational_audience Internal is not one of the levels" in output
    args = ("--audience", "confidential", "--caveat", "personal-information")
    code, output = run("pages", str(tmp_path / "out"), "--root", str(mini), *args)
    assert code == 0, output
    assert not (tmp_path / "out" / "holds").exists()  # no audience sees the holds
    config.write_text(config.read_text().replace("Internal", "confidential"))
    code, output = run("pages", str(tmp_path / "conf"), "--root", str(mini), *args)
    assert code == 0, output
    assert (tmp_path / "conf" / "holds" / "index.md").is_file()
    code, output = run("pages", str(tmp_path / "internal"), "--root", str(mini), "--audience", "internal")
    assert not (tmp_path / "internal" / "holds").exists()


def test_downloads_carry_the_effective_marking(tmp_path: Path) -> None:
    import csv
    import json
    from datetime import date

    from fonds.site import publish

    from .conftest import REPO

    published = publish(REPO, date(2026, 11, 23), audience="secret", caveats=EXAMPLE_CAVEATS)
    assert published.site is not None
    rows = {
        row["id"]: row for row in csv.DictReader(published.site.data["downloads/catalogue.csv"].splitlines())
    }
    assert rows["COU-2012-006"]["security_level"] == "confidential"  # through its class
    records = json.loads(published.site.data["downloads/catalogue.json"])["records"]
    assert {r["id"]: r["security_level"] for r in records}["COU-2012-006"] == "confidential"


EXAMPLE_CAVEATS = ("personal-information", "legal-privilege", "cabinet-confidence")


def test_a_non_strict_mkdocs_build_leaves_out_a_record_file_with_an_error(mini: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    site_ready(mini)
    record = mini / "catalogue" / "records" / "fin" / "FIN-002.yml"
    record.write_text(record.read_text().replace("security:", "securty:"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-f",
            str(mini / "mkdocs.yml"),
            "-d",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "securty" in result.stderr  # the operator is told
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file():
            assert b"FIN-002" not in path.read_bytes() and b"Invoices 2021" not in path.read_bytes(), path


def test_build_for_an_unknown_audience_is_a_usage_error(mini: Path, tmp_path: Path) -> None:
    code, output = run(
        "build", "--root", str(site_ready(mini)), "--site-dir", str(tmp_path / "out"), "--audience", "Secret"
    )
    assert code == 2, output
    assert "audience level 'Secret' is not one of the levels" in output
    assert not (tmp_path / "out" / "records").exists()
