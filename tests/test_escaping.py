"""Every CSV and Markdown file fonds writes keeps hostile values inert: no spreadsheet formula,
no row split by a line break, no live link, image, mention, issue reference or HTML."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import date
from pathlib import Path

import pytest

from fonds.reading.loader import load_catalogue
from fonds.reporters.formats import csv_safe, csv_text, md_text
from fonds.site.context import build_context
from fonds.site.reports import download_files

from .office import AS_OF, make_office, read, run

FORMULAS = [
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "\n=1",
    " =1",
    "\r\n@x",
    " \t+1",
    "＝1",
]
BREAKS = ["a\rb", "a\nb", "a\r\nb", "a\u2028b", "a\x85b"]


@pytest.mark.parametrize("cell", FORMULAS)
def test_a_cell_a_spreadsheet_would_run_is_quoted(cell: str) -> None:
    guarded = csv_safe(cell)
    assert guarded.startswith("'"), repr(guarded)


@pytest.mark.parametrize("cell", ["plain", "a = b", "x-1", "1.5 boxes", ""])
def test_an_ordinary_cell_is_kept(cell: str) -> None:
    assert csv_safe(cell) == cell


@pytest.mark.parametrize("cell", BREAKS)
def test_a_line_break_never_splits_a_row(cell: str) -> None:
    text = csv_text(["a", "b"], [[cell, "x"], ["y", "z"]])
    assert len(text.splitlines()) == 3, repr(text)
    assert len(text.split("\n")) == 4
    assert list(csv.reader(io.StringIO(text, newline=""))) == [["a", "b"], ["a b", "x"], ["y", "z"]]


HOSTILE = '\t=HYPERLINK("http://x")\nsecond'


@pytest.fixture
def office(tmp_path: Path) -> Path:
    root = make_office(tmp_path)
    path = root / "catalogue/records/adm/ADM-002.yml"
    path.write_bytes(
        path.read_bytes().replace(
            b"title: Correspondence 2020", b'title: "\\t=HYPERLINK(\\"http://x\\")\\nsecond"'
        )
    )
    return root


def _rows(text: str) -> list[dict[str, str]]:
    lines = text.splitlines()
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(lines) == len(rows) + 1, repr(text)
    return rows


def _guarded(rows: list[dict[str, str]], column: str) -> None:
    cells = [row[column] for row in rows if "HYPERLINK" in row[column]]
    assert cells == ['\'\t=HYPERLINK("http://x") second'], cells


def test_every_csv_fonds_writes_is_guarded(office: Path) -> None:
    code, output = run("due", "--root", str(office), "--as-of", AS_OF, "--format", "csv", "--state", "all")
    _guarded(_rows(output), "title")
    code, output = run("access", "report", "--root", str(office), "--format", "csv")
    assert code in (0, 1), output
    _guarded(_rows(output), "title")
    code, output = run("transfer", "ADM-002", "--to", "RC-BX-2", "--root", str(office), "--date", AS_OF)
    assert code == 0, output
    _guarded(_rows(read(office, "transfer-lists/TL-2026-11-23-1.csv")), "title")
    catalogue, _ = load_catalogue(office)
    downloads = download_files(build_context(catalogue, date(2026, 11, 23)))
    _guarded(_rows(downloads["downloads/catalogue.csv"]), "title")


LINK = "[x](javascript:alert(1))"
IMAGE = "![i](javascript:alert(2))"
HTML = "<img src=x onerror=alert(3)>"


@pytest.mark.parametrize(
    "value",
    [
        LINK,
        IMAGE,
        HTML,
        "@octocat",
        "fixes #123",
        "https://evil.example",
        "www.evil.example",
        "a | b",
        "a\nb",
        "{: onclick=x }",
        "**bold** _it_ `code` ~~s~~ \\[x\\]",
    ],
)
def test_a_markdown_value_is_shown_as_written_and_never_syntax(value: str) -> None:
    shown = md_text(value)
    for syntax in ("[", "]", "<", ">", "|", "\n", "`", "*", "_", "~", "{", "\\"):
        assert syntax not in shown, (value, shown)
    rendered = html.unescape(shown)  # what a reader sees, where GitHub looks for mentions and links
    assert not any(ping in rendered for ping in ("@o", "#1", "https:", "www.")), rendered
    assert rendered.replace("\u200b", "") == " ".join(value.split())


def test_the_due_report_in_markdown_carries_no_live_syntax(office: Path) -> None:
    path = office / "catalogue/records/adm/ADM-002.yml"
    path.write_bytes(path.read_bytes().replace(b'title: "', f'title: "{LINK} @octocat #1 | '.encode(), 1))
    code, output = run("due", "--root", str(office), "--as-of", AS_OF, "--format", "md", "--state", "all")
    assert code == 1, output  # overdue records, as CI would fail on
    [row] = [line for line in output.splitlines() if "ADM-002" in line]
    assert row.count("|") == 11, row  # the title's pipe is not a new cell
    assert "[x]" not in row and "@octocat" not in row and "#1 " not in row


MKDOCS = """site_name: Office
docs_dir: docs
theme:
  name: material
plugins:
  - search
  - fonds:
      as_of: "2026-11-23"
markdown_extensions:
  - attr_list
  - tables
validation:
  nav:
    omitted_files: ignore
"""


def test_a_certificate_under_docs_never_becomes_a_link_on_the_site(tmp_path: Path) -> None:
    root = make_office(tmp_path)
    (root / "mkdocs.yml").write_text(MKDOCS)
    (root / "docs").mkdir()
    (root / "docs/about.md").write_text("# Office\n")
    code, output = run(
        "dispose", "ADM-001", "ADM-005", "--root", str(root), "--date", AS_OF, "--method", LINK,
        "--authority", f"{IMAGE} fixes #1 {HTML}", "--approved-by", "@octocat", "--witness", "www.evil.example",
        "--certificate-dir", "docs/certificates",
    )  # fmt: skip
    assert code == 0, output
    markdown = read(root, "docs/certificates/COD-2026-11-23-1.md")
    assert "[x]" not in markdown and "![i]" not in markdown and "<img" not in markdown
    assert "@octocat" not in markdown and "#1 " not in markdown
    code, output = run("build", "--root", str(root), "--site-dir", str(tmp_path / "site"))
    assert code == 0, output
    page = (tmp_path / "site/certificates/COD-2026-11-23-1/index.html").read_text()
    assert "javascript:alert(1)" in page  # shown as text
    for built in (tmp_path / "site").rglob("*.html"):
        text = built.read_text()
        assert not re.search(r"""(?i)(href|src)\s*=\s*["']?\s*javascript:""", text), built
        assert "onerror=alert" not in text.replace("onerror=alert(3)&gt;", ""), built
    assert '<a href="https://github.com/octocat' not in page


@pytest.mark.parametrize("value", ["the tombstones' dates", "O'Brien & Sons <Ltd> #4", 'say "x": [y]'])
def test_a_page_value_reads_back_exactly_as_written(value: str) -> None:
    import html as html_module

    from fonds.site.html import esc

    assert html_module.unescape(esc(value)) == value  # an apostrophe was shown as &#x27; before
