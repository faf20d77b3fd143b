"""The site build does no needless work: generated pages skip Python-Markdown, hand-written
pages do not, and a rebuild (what `mkdocs serve` does on an edit) shows the edited record."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .test_build_cli import site_ready


def _build(root: Path, site: Path) -> None:
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)


def test_generated_pages_skip_markdown_and_hand_written_pages_do_not(
    mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    converted: list[str] = []
    convert = markdown.Markdown.convert

    def counting(self: markdown.Markdown, source: str) -> str:
        converted.append(source)
        return convert(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", counting)
    root = site_ready(mini)
    (root / "docs" / "about.md").write_text("# About\n\n## Where to ask\n\nAt the front desk.\n")
    _build(root, tmp_path / "site")
    assert len(converted) == 1, "only the hand-written page goes through Python-Markdown"
    about = (tmp_path / "site" / "about" / "index.html").read_text()
    assert 'id="where-to-ask"' in about  # its table of contents and headings still work
    record = (tmp_path / "site" / "records" / "FIN-003" / "index.html").read_text()
    assert "<title>FIN-003" in record
    assert '<div class="fonds-page"' in record
    assert "Invoice register (electronic)" in record


def test_a_rebuild_shows_the_edited_record(mini: Path, tmp_path: Path) -> None:
    root = site_ready(mini)
    _build(root, tmp_path / "site")
    page = tmp_path / "site" / "records" / "FIN-003" / "index.html"
    assert "Invoice register (electronic)" in page.read_text()
    record = mini / "catalogue" / "records" / "fin" / "FIN-003.yml"
    record.write_text(record.read_text().replace("Invoice register (electronic)", "Invoice ledger"))
    _build(root, tmp_path / "site")
    assert "Invoice ledger" in page.read_text()
    assert "Invoice register (electronic)" not in page.read_text()
