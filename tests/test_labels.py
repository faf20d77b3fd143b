"""fonds labels: sheet geometry, what a box or folder label says, and that every code scans."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from fonds.cli import main
from fonds.paperwork import pdf
from fonds.paperwork.label_sheets import SHEETS, sheet_css, shorten

SITE = "https://records.example.org/"
EVIL = "<script>alert(1)</script> & a very long title that goes on and on well past any folder tab width"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, path
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def shop(mini: Path) -> Path:
    """The mini catalogue with barcodes, two boxes and a site URL."""
    records = mini / "catalogue" / "records" / "fin"
    _edit(records / "FIN-001.yml", "location: BOX-1\n", "location: BOX-1\nbarcode: F0000001\n")
    _edit(records / "FIN-002.yml", "location: BOX-1\n", "location: BOX-2\nbarcode: F0000002\n")
    _edit(records / "FIN-002.yml", "title: Invoices 2021\n", f"title: '{EVIL}'\n")
    (mini / "catalogue" / "locations.yml").write_text(
        "locations:\n"
        "  - {id: TH, type: building, title: Town hall}\n"
        "  - {id: BOX-1, type: box, title: Box 1, parent: TH, barcode: MB000101}\n"
        "  - {id: BOX-2, type: box, title: Box 2, parent: TH, barcode: MB000102}\n",
        encoding="utf-8",
    )
    (mini / "mkdocs.yml").write_text(f"site_name: Mini\nsite_url: {SITE}\n", encoding="utf-8")
    return mini


def _decode(page: Path, sheet: str, tmp_path: Path) -> list[str]:
    """Every barcode and QR code Chromium's rendering of ``page`` shows, decoded by zxing-cpp."""
    zxingcpp = pytest.importorskip("zxingcpp")
    image_module = pytest.importorskip("PIL.Image")
    chromium = shutil.which("chromium")
    assert chromium, "the label test needs Debian's chromium: `make test` installs it"
    width, height = (816, 1056) if SHEETS[sheet].unit == "in" else (794, 1123)
    png = tmp_path / "sheet.png"
    subprocess.run(
        [
            chromium,
            *pdf.chromium_flags(tmp_path / "profile"),
            "--hide-scrollbars",
            "--force-device-scale-factor=3",
            f"--window-size={width},{height}",
            f"--screenshot={png}",
            page.resolve().as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert png.is_file(), "Chromium wrote no screenshot"
    with image_module.open(png) as image:
        found = zxingcpp.read_barcodes(image.convert("L"))
    return sorted(f"{r.format.name}:{r.text}" for r in found)


def test_folder_labels_scan_back(shop: Path, tmp_path: Path) -> None:
    out = tmp_path / "folders.html"
    result = run("labels", "--root", str(shop), "FIN-001", "FIN-002", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert "2 folder labels on 1 sheet" in result.output
    decoded = _decode(out, "avery-5160", tmp_path)
    assert decoded == [
        "Code128:F0000001",
        "Code128:F0000002",
        f"QRCode:{SITE}records/FIN-001/",
        f"QRCode:{SITE}records/FIN-002/",
    ], decoded


def test_box_labels_scan_back_with_hold_banner(shop: Path, tmp_path: Path) -> None:
    out = tmp_path / "boxes.html"
    result = run(
        "labels",
        "--root",
        str(shop),
        "--kind",
        "box",
        "--location",
        "TH",
        "--sheet",
        "box-4x2",
        "--on",
        "2024-06-01",
        "--output",
        str(out),
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.count('class="label box"') == 2
    assert "BOX 1 of 2" in page and "BOX 2 of 2" in page
    first, second = page.split('class="label box"')[1:]
    assert "ON LEGAL HOLD: DO NOT DESTROY" in first  # HOLD-001 covers FIN-001 in BOX-1
    assert "ON LEGAL HOLD" not in second
    assert "Finance" in first and "FIN-01" in first and "DESTROY 20" in first
    assert _decode(out, "box-4x2", tmp_path) == [
        "Code128:MB000101",
        "Code128:MB000102",
        f"QRCode:{SITE}locations/BOX-1/",
        f"QRCode:{SITE}locations/BOX-2/",
    ]


def test_l7160_folder_labels_scan_back(shop: Path, tmp_path: Path) -> None:
    out = tmp_path / "a4.html"
    assert (
        run(
            "labels", "--root", str(shop), "--class", "FIN", "--sheet", "avery-l7160", "--output", str(out)
        ).exit_code
        == 0
    )
    decoded = _decode(out, "avery-l7160", tmp_path)
    assert "Code128:F0000001" in decoded and f"QRCode:{SITE}records/FIN-003/" in decoded


@pytest.mark.parametrize(
    ("sheet", "size", "per", "second", "fourth"),
    [
        ("avery-5160", "8.5in 11in", 30, ("2.9375in", "0.5in"), ("0.1875in", "1.5in")),
        ("avery-l7160", "210mm 297mm", 21, ("73.29mm", "15.15mm"), ("7.25mm", "53.25mm")),
        ("box-4x2", "8.5in 11in", 10, ("4.34375in", "0.5in"), ("0.15625in", "2.5in")),
    ],
)
def test_sheet_geometry(
    sheet: str, size: str, per: int, second: tuple[str, str], fourth: tuple[str, str]
) -> None:
    spec = SHEETS[sheet]
    assert spec.per_sheet == per
    assert spec.position(1) == second
    assert spec.position(spec.columns) == fourth
    assert spec.position(per) == spec.position(0)  # the next sheet starts again at the top left
    assert f"@page {{ size: {size}; margin: 0; }}" in sheet_css(spec)


def test_start_position_and_second_sheet(shop: Path, tmp_path: Path) -> None:
    out = tmp_path / "start.html"
    result = run(
        "labels", "--root", str(shop), "FIN-001", "FIN-002", "FIN-003", "--start", "29", "--output", str(out)
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.count('class="sheet"') == 2
    slots = re.findall(r'data-slot="(\d+)" style="left:([^;]+);top:([^"]+)"', page)
    assert slots == [("29", "2.9375in", "9.5in"), ("30", "5.6875in", "9.5in"), ("1", "0.1875in", "0.5in")]


def test_title_is_escaped_and_shortened(shop: Path, tmp_path: Path) -> None:
    out = tmp_path / "evil.html"
    assert run("labels", "--root", str(shop), "FIN-002", "--output", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; a very long" in page
    assert "…" in page and "tab width" not in page
    assert shorten("a" * 100, 10) == "a" * 9 + "…"


def test_no_site_url_qr_carries_the_id(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "plain.html"
    assert run("labels", "--root", str(mini), "FIN-001", "--output", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "QR: id (no site URL)" in page and "no barcode in the catalogue" in page
    assert _decode(out, "avery-5160", tmp_path) == ["QRCode:FIN-001"]


def test_pdf_is_printed_by_chromium(shop: Path, tmp_path: Path) -> None:
    out = tmp_path / "labels.pdf"
    result = run("labels", "--root", str(shop), "FIN-001", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")


def test_pdf_without_chromium_says_print_the_html(
    shop: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "find_chromium", lambda: None)
    out = tmp_path / "labels.pdf"
    result = run("labels", "--root", str(shop), "FIN-001", "--output", str(out))
    assert result.exit_code == 2, result.output
    assert "Chromium is not installed" in result.output and "print it" in result.output
    assert not out.exists() and list(tmp_path.glob(".fonds-*")) == []


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["NOPE-001"], 1, "there is no record 'NOPE-001'"),
        (["--kind", "box", "TH"], 1, "'TH' is a building, not a box"),
        (["--kind", "box", "BOX-9"], 1, "there is no location 'BOX-9'"),
        (["--location", "NOWHERE"], 2, "there is no location 'NOWHERE'"),
        (["--class", "XYZ"], 2, "there is no class 'XYZ'"),
        ([], 2, "say which labels"),
        (["--from-due", "2030-01-01"], 2, "--from-due and --action go together"),
        (["FIN-001", "--output-placeholder"], 2, "No such option"),
    ],
)
def test_refusals_write_nothing(shop: Path, tmp_path: Path, args: list[str], code: int, message: str) -> None:
    out = tmp_path / "refused.html"
    result = run("labels", "--root", str(shop), *args, "--output", str(out))
    assert result.exit_code == code, result.output
    assert message in result.output
    assert not out.exists()


def test_bad_output_suffix_and_unprintable_barcode(shop: Path, tmp_path: Path) -> None:
    result = run("labels", "--root", str(shop), "FIN-001", "--output", str(tmp_path / "x.png"))
    assert result.exit_code == 2 and "must end in .html or .pdf" in result.output
    _edit(shop / "catalogue/records/fin/FIN-001.yml", "barcode: F0000001", "barcode: F" + "9" * 60)
    out = tmp_path / "long.html"
    result = run("labels", "--root", str(shop), "FIN-001", "--output", str(out))
    assert result.exit_code == 1, result.output
    assert "too long for this label" in result.output and not out.exists()


def test_transfer_list_and_from_due_select(shop: Path, tmp_path: Path) -> None:
    listing = tmp_path / "TL-2024-06-01-1.csv"
    listing.write_text(
        "item,box,box barcode,record\n1,BOX-2,MB000102,FIN-002\n2,BOX-1,MB000101,FIN-001\n", encoding="utf-8"
    )
    out = tmp_path / "tl.html"
    result = run(
        "labels",
        "--root",
        str(shop),
        "--kind",
        "box",
        "--transfer",
        str(listing),
        "--sheet",
        "box-4x2",
        "--output",
        str(out),
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "Transfer TL-2024-06-01-1" in page
    assert page.index("Box 2") < page.index("Box 1")  # in the order of the list: BOX-2 is 1 of 2
    listing.write_bytes(b"\xff\xfe\x00garbage")
    result = run("labels", "--root", str(shop), "--transfer", str(listing), "--output", str(out))
    assert result.exit_code == 2 and "not UTF-8" in result.output
    out2 = tmp_path / "due.html"
    result = run(
        "labels",
        "--root",
        str(shop),
        "--from-due",
        "2035-01-01",
        "--action",
        "destroy",
        "--output",
        str(out2),
    )
    assert result.exit_code == 0, result.output
    chosen = out2.read_text(encoding="utf-8")
    assert "FIN-001" in chosen and "FIN-002" not in chosen  # FIN-002 waits for its final payment


def test_box_labels_on_a_small_sheet_still_scan(shop: Path, tmp_path: Path) -> None:
    out = tmp_path / "small.html"
    result = run(
        "labels", "--root", str(shop), "--kind", "box", "BOX-1", "--sheet", "avery-5160", "--output", str(out)
    )
    assert result.exit_code == 0, result.output
    assert _decode(out, "avery-5160", tmp_path) == ["Code128:MB000101", f"QRCode:{SITE}locations/BOX-1/"]


def test_not_a_box_names_the_line(shop: Path, tmp_path: Path) -> None:
    result = run("labels", "--root", str(shop), "--kind", "box", "TH", "--output", str(tmp_path / "x.html"))
    assert result.exit_code == 1
    assert "catalogue/locations.yml:2:" in result.output and "error[not-a-box]" in result.output
