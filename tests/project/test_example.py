"""The example catalogue (the Town of Millbrook) is valid, varied, and builds as a site."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from click.testing import CliRunner

from fonds.cli import main
from fonds.reading.loader import load_catalogue

from ..conftest import REPO


def test_example_catalogue_checks_clean() -> None:
    result = CliRunner().invoke(
        main, ["check", "--strict", "--format", "json", "--root", str(REPO)], catch_exceptions=False
    )
    payload = json.loads(result.output)
    assert payload["diagnostics"] == [], result.output
    assert result.exit_code == 0
    assert 80 <= payload["summary"]["records"] <= 150


def test_example_catalogue_covers_what_the_format_offers() -> None:
    catalogue, _ = load_catalogue(REPO)
    records = list(catalogue.records.values())
    formats = Counter(r.format for r in records)
    assert set(formats) == {"paper", "electronic", "hybrid"}
    statuses = Counter(r.status for r in records)
    assert {"active", "semi-active", "destroyed", "transferred"} <= set(statuses)
    levels = {r.security.level for r in records if r.security is not None}
    assert {"internal", "confidential", "secret"} <= levels
    assert sum(len(r.relations) for r in records) >= 25
    assert any(r.events for r in records)
    assert any(r.closed for r in records)
    assert any(r.override for r in records)
    assert any(r.charge_out for r in records)
    assert len(catalogue.schedules) >= 2
    assert any(h.released_on is None for h in catalogue.holds.values())
    assert any(h.released_on is not None for h in catalogue.holds.values())
    depth = max(_depth(code, catalogue.classes) for code in catalogue.classes)
    assert depth >= 3
    types = {loc.type for loc in catalogue.locations.values()}
    assert {"building", "shelf", "box", "records-centre"} <= types


def _depth(code: str, classes: dict) -> int:  # type: ignore[type-arg]
    depth = 1
    while classes[code].parent is not None:
        code = classes[code].parent
        depth += 1
    return depth


def test_site_builds_strict_and_publishes_the_schemas(example_site: Path, example_staff_site: Path) -> None:
    assert (example_site / "index.html").is_file()
    schema = json.loads((example_site / "schemas" / "record.schema.json").read_text())
    assert schema["title"] == "fonds record"
    # The catalogue handbook is for staff; the tool's developer pages are on no site.
    assert not (example_site / "format").exists() and not (example_site / "cli").exists()
    assert (example_staff_site / "format" / "index.html").is_file()
    assert not (example_site / "benchmarks").exists() and not (example_staff_site / "benchmarks").exists()
