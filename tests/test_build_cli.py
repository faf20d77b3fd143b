"""`fonds build` checks first, then builds; `fonds pages` writes the pages for other generators."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

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
    code, output = run("build", str(site_ready(mini)), "--site-dir", str(tmp_path / "out"))
    assert code == 0, output
    assert (tmp_path / "out" / "records" / "FIN-003" / "index.html").is_file()
    assert not (tmp_path / "out" / "records" / "FIN-002").exists()  # confidential: not for the public site
    assert (tmp_path / "out" / "index.html").read_text().count("Mini") >= 1


def test_build_stops_before_any_page_when_the_catalogue_has_errors(mini: Path, tmp_path: Path) -> None:
    record = mini / "catalogue" / "records" / "fin" / "FIN-003.yml"
    record.write_text(record.read_text().replace("class: FIN-01", "class: FIN-99"))
    code, output = run("build", str(site_ready(mini)), "--site-dir", str(tmp_path / "out"))
    assert code == 1
    assert "the catalogue has 1 errors" in output
    # each problem is a MkDocs warning with its file and line
    assert "WARNING: catalogue/records/fin/FIN-003.yml:3:1: error[unknown-class]" in output
    assert not (tmp_path / "out" / "records").exists()


def test_build_without_mkdocs_yml_is_a_usage_error(mini: Path) -> None:
    code, output = run("build", str(mini))
    assert code == 2
    assert "no mkdocs.yml" in output


def test_pages_writes_markdown_for_another_generator(mini: Path, tmp_path: Path) -> None:
    code, output = run("pages", str(tmp_path / "pages"), str(mini), "--as-of", "2026-01-01")
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
    code, output = run("build", str(mini), "--site-dir", str(tmp_path / "out"))
    assert code == 1
    assert "docs/notes.md names 1 record(s) that the 'public' audience may not see" in output
    assert "FIN-002" not in output.split("docs/notes.md", 1)[1].split("\n", 1)[0]


def test_a_page_for_a_higher_audience_is_published_as_a_notice(mini: Path, tmp_path: Path) -> None:
    site_ready(mini)
    (mini / "docs" / "notes.md").write_text(
        "---\naudience: confidential\n---\n\n# Notes\n\nSee FIN-002 for the 2021 invoices.\n"
    )
    code, output = run("build", str(mini), "--site-dir", str(tmp_path / "public"))
    assert code == 0, output
    page = (tmp_path / "public" / "notes" / "index.html").read_text()
    assert "FIN-002" not in page and "audience and above" in page
    code, output = run(
        "build",
        str(mini),
        "--site-dir",
        str(tmp_path / "confidential"),
        "--audience",
        "confidential",
        "--caveat",
        "personal-information",
    )
    assert code == 0, output
    assert "FIN-002" in (tmp_path / "confidential" / "notes" / "index.html").read_text()


def test_large_catalogues_switch_to_pagefind(mini: Path, tmp_path: Path) -> None:
    site_ready(mini)
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            '      as_of: "2026-01-01"', '      as_of: "2026-01-01"\n      pagefind_threshold: 0'
        )
    )
    code, output = run("build", str(mini), "--site-dir", str(tmp_path / "out"))
    assert code == 0, output
    out = tmp_path / "out"
    assert (out / "pagefind" / "pagefind-ui.js").is_file()
    assert (out / "search" / "index.html").is_file()
    assert not (out / "search" / "search_index.json").exists()  # Material's search is off
    record = (out / "records" / "FIN-003" / "index.html").read_text()
    assert "data-pagefind-body" in record and 'data-pagefind-filter="class"' in record
