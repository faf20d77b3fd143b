"""A catalogue read again through the cache (what ``mkdocs serve`` does after an edit) gives
exactly what a fresh read gives, and only the files that changed are parsed again."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from fonds.checks import check_repository
from fonds.diagnostics import Diagnostic
from fonds.model import Catalogue
from fonds.reading import cache
from fonds.reading.cache import ReadCache, stamp_of
from fonds.reading.yamlfile import Document

RECORD = "catalogue/records/fin/FIN-001.yml"


def same_as_fresh(root: Path, kept: ReadCache) -> tuple[Catalogue, list[Diagnostic]]:
    cached = check_repository(root, cache=kept)
    fresh = check_repository(root)
    assert cached[1] == fresh[1]
    assert cached[0] == fresh[0]
    return cached


def test_edits_adds_deletes_and_a_file_turned_invalid_and_back_read_as_a_fresh_read(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 0)
    kept = ReadCache()
    same_as_fresh(mini, kept)
    files = len(kept)
    same_as_fresh(mini, kept)
    assert kept.reused == files

    record = mini / RECORD
    text = record.read_text()
    record.write_text(text.replace("Invoices 2020", "Invoices of 2020"))
    catalogue, _ = same_as_fresh(mini, kept)
    assert kept.reused == files - 1
    assert catalogue.records["FIN-001"].title == "Invoices of 2020"

    record.write_text(text.replace("class: FIN-01", "class: [FIN-01"))
    _, found = same_as_fresh(mini, kept)
    assert any(d.file == RECORD and d.code == "yaml-syntax" for d in found)
    record.write_text(text)
    _, found = same_as_fresh(mini, kept)
    assert not any(d.file == RECORD for d in found)

    added = record.with_name("FIN-004.yml")
    added.write_text(text.replace("FIN-001", "FIN-004"))
    catalogue, _ = same_as_fresh(mini, kept)
    assert "FIN-004" in catalogue.records
    added.unlink()
    catalogue, _ = same_as_fresh(mini, kept)
    assert "FIN-004" not in catalogue.records and len(kept) == files


def test_a_custom_field_declared_differently_validates_every_record_again(
    mini: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """FIN-001's ``motion: M-12`` is valid until fonds.yml asks for another pattern: the
    record file did not change, and its cached result must not be used."""
    monkeypatch.setattr(cache, "RACY_NS", 0)
    kept = ReadCache()
    _, found = same_as_fresh(mini, kept)
    assert not any(d.file == RECORD for d in found)
    config = mini / "fonds.yml"
    config.write_text(config.read_text().replace("'^M-[0-9]+$'", "'^MOTION-[0-9]+$'"))
    _, found = same_as_fresh(mini, kept)
    assert any(d.file == RECORD and d.code == "custom-field" for d in found)


def test_a_file_written_just_before_it_was_read_is_read_again(tmp_path: Path) -> None:
    """Two writes of the same size in one tick of the file system's clock leave the same stamp."""
    path = tmp_path / "FIN-001.yml"
    path.write_text("id: FIN-001\n")
    kept = ReadCache()
    doc = Document("FIN-001.yml", {"id": "FIN-001"})
    stamp = stamp_of(path)
    kept.put("FIN-001.yml", stamp, "record", doc, [], time.time_ns())
    assert kept.get("FIN-001.yml", stamp, "record") is None
    old = time.time_ns() - 10 * cache.RACY_NS
    os.utime(path, ns=(old, old))
    stamp = stamp_of(path)
    kept.put("FIN-001.yml", stamp, "record", doc, [], time.time_ns())
    assert kept.get("FIN-001.yml", stamp, "record") == (doc, [])
    assert kept.get("FIN-001.yml", stamp, "record validated otherwise") is None


def test_only_regular_files_are_kept(tmp_path: Path) -> None:
    (tmp_path / "target.yml").write_text("id: X\n")
    link = tmp_path / "link.yml"
    link.symlink_to(tmp_path / "target.yml")
    assert stamp_of(link) is None
    assert stamp_of(tmp_path) is None
    assert stamp_of(tmp_path / "missing.yml") is None
