"""The two readers of the example site, read as files: the public finding aid and the staff
workbench (``publishing: operational_audience`` in fonds.yml decides which is which)."""

from __future__ import annotations

import re
from pathlib import Path

from .test_site import html_of


def text_of(site: Path, url: str) -> str:
    body = html_of(site, url).split('<div class="fonds-page"', 1)[1].split("</article>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).replace("&ndash;", "–")


def test_the_public_site_has_no_shelves_no_empty_locations_and_no_states(example_site: Path) -> None:
    assert sorted(p.name for p in (example_site / "locations").iterdir()) == ["IVRC", "PWY", "TH"]
    locations = text_of(example_site, "indexes/locations")
    assert " 0 records" not in locations and "Cabinet" not in locations
    header = (example_site / "downloads" / "catalogue.csv").read_text().splitlines()[0]
    assert header.startswith("id,title") and "state" not in header and "location" not in header
    record = text_of(example_site, "records/FIN-2019-004")
    assert "Level public" in record and "(not set)" not in record
    assert "Shelf" not in record and "Barcode" not in record
    for page in ("file-plan", "indexes/locations", ""):
        assert not re.search(r"\b1 records\b", text_of(example_site, page)), page


def test_event_labels_read_date_first(example_site: Path) -> None:
    record = text_of(example_site, "records/FIN-2019-004")
    assert "2020-06-26 – The matter is finished" in record
    assert '(NARA GRS "Final action"): 2020-06-26' not in record


def test_the_staff_home_page_counts_disposals_not_reviews(example_staff_site: Path) -> None:
    home = text_of(example_staff_site, "")
    assert "1 hold in force" in home and "1 holds" not in home
    found = re.search(r"(\d+) disposals? due within 90 days", home)
    assert found is not None
    due = html_of(example_staff_site, "reports/due").split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = due.count("<tr")
    reviews = due.count(">vital-review<")
    assert reviews == 2  # the example has two vital records due for review: not disposals
    assert int(found.group(1)) == rows - reviews
    assert "Due soon" in home
    record = text_of(example_staff_site, "records/CON-2022-002")
    assert "State on 2026-11-23" in record and "Edit this record" in record
