"""The custody pages of the site: staff audiences only, never the public."""

from __future__ import annotations

from pathlib import Path

import pytest

from .custody_office import make_shelf
from .office import AS_OF, run


@pytest.fixture
def shelf(tmp_path: Path) -> Path:
    root = make_shelf(tmp_path)
    scans = tmp_path / "scans.txt"
    scans.write_text("LOC-S1\nMB000001\nA001\nA004\n", encoding="utf-8")
    code, output = run("audit", "RC-S1", str(scans), "--record", "--date", AS_OF, "--root", str(root))
    assert code == 0, output
    return root


def pages(root: Path, out: Path, *audience: str) -> Path:
    code, output = run("pages", str(out), str(root), "--as-of", AS_OF, *audience)
    assert code == 0, output
    return out


def every_text(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file())


def test_public_site_has_no_custody_page_link_or_list(shelf: Path, tmp_path: Path) -> None:
    out = pages(shelf, tmp_path / "public")
    assert not (out / "custody").exists()
    assert not (out / "downloads/inventory").exists()
    text = every_text(out)
    assert "Print the shelf list" not in text
    assert "AUDIT-2026-11-23-RC-S1" not in text
    assert "B. Jones" not in text


def test_staff_site_links_each_location_to_its_shelf_list(shelf: Path, tmp_path: Path) -> None:
    out = pages(shelf, tmp_path / "staff", "--audience", "internal")
    shelf_page = (out / "locations/RC-S1.md").read_text(encoding="utf-8")
    assert 'href="../../downloads/inventory/RC-S1.html">Print the shelf list' in shelf_page
    listing = (out / "downloads/inventory/RC-S1.html").read_text(encoding="utf-8")
    assert "ADM-001" in listing
    assert "&lt;script&gt;" in listing
    checkouts = (out / "custody/checkouts.md").read_text(encoding="utf-8")
    assert "B. Jones" in checkouts
    assert "2026-11-16" in checkouts
    audits = (out / "custody/audits.md").read_text(encoding="utf-8")
    assert "AUDIT-2026-11-23-RC-S1" in audits
    assert "1 misplaced" in audits


def test_an_audit_names_only_the_records_the_audience_sees(tmp_path: Path) -> None:
    root = make_shelf(tmp_path)
    secret = root / "catalogue/records/adm/ADM-004.yml"
    secret.write_text(
        secret.read_text(encoding="utf-8") + "security: {level: confidential}\n", encoding="utf-8"
    )
    scans = tmp_path / "scans.txt"
    scans.write_text("LOC-S1\nA004\n", encoding="utf-8")
    code, output = run(
        "audit", "RC-S1", str(scans), "--apply", "--confirm", "ADM-004", "--date", AS_OF, "--root", str(root)
    )
    assert code == 0, output
    staff = pages(root, tmp_path / "staff", "--audience", "internal")
    audits = (staff / "custody/audits.md").read_text(encoding="utf-8")
    assert "AUDIT-2026-11-23-RC-S1" in audits
    assert "ADM-004" not in audits
    assert "misplaced" not in audits
    confidential = pages(root, tmp_path / "confidential", "--audience", "confidential")
    assert "ADM-004" in (confidential / "custody/audits.md").read_text(encoding="utf-8")
