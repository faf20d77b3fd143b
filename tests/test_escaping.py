"""Every CSV and Markdown file fonds writes keeps hostile values inert: no spreadsheet formula,
no row split by a line break, no live link, image, mention, issue reference or HTML."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from fonds.loader import load_catalogue
from fonds.output import csv_safe, csv_text
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


HOSTILE = '\r=HYPERLINK("http://x")\rsecond'


@pytest.fixture
def office(tmp_path: Path) -> Path:
    root = make_office(tmp_path)
    path = root / "catalogue/records/adm/ADM-002.yml"
    path.write_bytes(
        path.read_bytes().replace(
            b"title: Correspondence 2020", b'title: "\\r=HYPERLINK(\\"http://x\\")\\rsecond"'
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
    assert cells == ['\' =HYPERLINK("http://x") second'], cells


def test_every_csv_fonds_writes_is_guarded(office: Path) -> None:
    code, output = run("due", str(office), "--as-of", AS_OF, "--format", "csv", "--state", "all")
    _guarded(_rows(output), "title")
    code, output = run("access", "report", str(office), "--format", "csv")
    assert code in (0, 1), output
    _guarded(_rows(output), "title")
    code, output = run("transfer", "ADM-002", "--to", "RC-BX-2", "--root", str(office), "--date", AS_OF)
    assert code == 0, output
    _guarded(_rows(read(office, "transfer-lists/TL-2026-11-23-1.csv")), "title")
    catalogue, _ = load_catalogue(office)
    downloads = download_files(build_context(catalogue, date(2026, 11, 23)))
    _guarded(_rows(downloads["downloads/catalogue.csv"]), "title")
