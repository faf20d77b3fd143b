"""Audience-safe publishing, proved on built sites: a record above the audience's clearance
leaves no trace in any output file (HTML, JSON, search index, Pagefind chunks, sitemap, CSV).

Every field of every restricted example record gets a unique canary string; so do the notes of
relations that point at them. The public and internal sites are built (the internal one with
Pagefind), and every byte of every output file, decompressed where compressed, is searched for
every canary. What must be hidden: zero hits. What the audience may see: found, so the test can
fail.
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from fonds.access import effective_markings
from fonds.loader import load_catalogue

from .conftest import EXAMPLE_AS_OF, REPO

LEVELS = ["public", "internal", "confidential", "secret"]
FIELDS = ("title", "description", "creator", "notes", "barcode", "uri")


def _canary(record_id: str, field: str) -> str:
    return f"zqcanary{record_id.replace('-', '').lower()}{field}"


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A copy of the example repository with canaries; record id -> effective level."""
    root = tmp_path_factory.mktemp("canary")
    for name in ("fonds.yml", "catalogue", "schedules", "docs"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, root / name)
    catalogue, _ = load_catalogue(root)
    original = {record_id: marking.level for record_id, marking in effective_markings(catalogue).items()}
    # Restricted records get ids found nowhere else (the docs quote some example ids).
    renamed = {
        record_id: f"QZX-{9000 + n}-{n:03d}"
        for n, record_id in enumerate(sorted(r for r, level in original.items() if level != "public"), 1)
    }
    levels = {renamed.get(record_id, record_id): level for record_id, level in original.items()}
    restricted = set(renamed.values())
    for hold in (root / "catalogue" / "holds").glob("*.yml"):
        data = yaml.safe_load(hold.read_text())
        scope = data.get("scope", {})
        scope["records"] = [renamed.get(r, r) for r in scope.get("records", [])]
        hold.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    for record in catalogue.records.values():
        path = root / record.file
        data = yaml.safe_load(path.read_text())
        data["id"] = renamed.get(record.id, record.id)
        for relation in data.get("relations", []):
            relation["target"] = renamed.get(relation["target"], relation["target"])
        if data["id"] != record.id:
            path.unlink()
            path = path.with_name(f"{data['id']}.yml")
        if data["id"] in restricted:
            for field in FIELDS:
                value = _canary(data["id"], field)
                data[field] = (
                    value
                    if field not in ("uri", "barcode")
                    else (f"https://example.org/{value}" if field == "uri" else value[-40:].upper())
                )
            data["keywords"] = [*data.get("keywords", []), _canary(data["id"], "keyword")]
        for relation in data.get("relations", []):
            if relation["target"] in restricted:
                relation["note"] = _canary(relation["target"], "relationnote")
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    config = (REPO / "mkdocs.yml").read_text()
    assert "  - fonds\n" in config
    (root / "mkdocs.yml").write_text(config)
    (root / "mkdocs-pagefind.yml").write_text(
        config.replace("  - fonds\n", "  - fonds:\n      search: pagefind\n")
    )
    return root, levels


def _build(root: Path, audience: str, config: str) -> Path:
    site = root / f"site-{audience}"
    env = {**os.environ, "FONDS_AS_OF": EXAMPLE_AS_OF, "FONDS_AUDIENCE": audience, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(site)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return site


def _all_bytes(site: Path) -> bytes:
    chunks = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":  # Pagefind's index and fragments, sitemap.xml.gz
            data = gzip.decompress(data)
        chunks.append(path.relative_to(site).as_posix().encode() + b"\n" + data)
    return b"\n".join(chunks)


def _needles(record_id: str) -> list[str]:
    return [record_id, *(_canary(record_id, f) for f in (*FIELDS[:4], "keyword", "relationnote"))]


@pytest.mark.parametrize(
    ("audience", "config"), [("public", "mkdocs.yml"), ("internal", "mkdocs-pagefind.yml")]
)
def test_nothing_above_the_audience_is_published(
    marked: tuple[Path, dict[str, str]], audience: str, config: str
) -> None:
    root, levels = marked
    site = _build(root, audience, config)
    everything = _all_bytes(site)
    ceiling = LEVELS.index(audience)
    hidden = [r for r, level in levels.items() if LEVELS.index(level) > ceiling]
    shown = [r for r, level in levels.items() if LEVELS.index(level) <= ceiling and level != "public"]
    assert hidden, "the example must have records above every published level"
    leaks = [f"{r}: {needle}" for r in hidden for needle in _needles(r) if needle.encode() in everything]
    assert leaks == []
    if audience == "internal":
        assert (site / "pagefind").is_dir(), "this build must cover Pagefind's files"
        assert shown, "the example must have internal records"
        for record_id in shown:
            for needle in _needles(record_id)[:5]:
                assert needle.encode() in everything, f"{record_id}: {needle} should be published"
    assert b"related record" in everything or audience == "internal"


def test_visible_records_say_how_many_relations_are_not_shown(marked: tuple[Path, dict[str, str]]) -> None:
    root, _ = marked
    site = root / "site-public"
    if not site.exists():
        site = _build(root, "public", "mkdocs.yml")
    pages = [p.read_text() for p in (site / "records").rglob("index.html")]
    assert any("related record not shown" in p or "related records not shown" in p for p in pages)
