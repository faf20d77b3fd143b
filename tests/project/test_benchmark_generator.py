"""The benchmark's synthetic catalogues are valid, so the benchmark measures a clean check."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from fonds.cli import main

from ..conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate


def test_generated_catalogue_checks_clean_and_is_reproducible(tmp_path: Path) -> None:
    generate(300, tmp_path / "a")
    generate(300, tmp_path / "b")
    result = CliRunner().invoke(
        main, ["check", "--strict", "--root", str(tmp_path / "a")], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert result.output == "300 records checked: 0 errors, 0 warnings\n"
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yml"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.yml"))
    assert files_a == files_b
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files_a)


def test_parallel_and_serial_reading_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Above PARALLEL_FROM files the check runs in worker processes; the output must not change."""
    import fonds.reading.loader as loader

    generate(120, tmp_path / "cat")
    record = next((tmp_path / "cat" / "catalogue" / "records").rglob("*.yml"))
    record.write_text(record.read_text().replace("format:", "format: papyrus\nformat_:"))
    serial = CliRunner().invoke(main, ["check", "--root", str(tmp_path / "cat")], catch_exceptions=False)
    monkeypatch.setattr(loader, "PARALLEL_FROM", 10)
    monkeypatch.setattr(loader, "CHUNK", 7)
    parallel = CliRunner().invoke(main, ["check", "--root", str(tmp_path / "cat")], catch_exceptions=False)
    assert serial.exit_code == parallel.exit_code == 1
    assert "error[" in serial.output
    assert parallel.output == serial.output
