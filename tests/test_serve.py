"""``mkdocs serve --dirty`` (what ``fonds serve`` runs) rebuilds only what changed, and the
site it serves after any chain of edits is, file for file, the site a clean build of the same
files writes: edited, added, renamed and deleted records, a record turned invalid and valid
again, a changed file plan, another audience.

The server itself is left out: MkDocs' own ``build`` runs as ``mkdocs serve`` calls it
(``serve_url``, ``dirty=True``), with the one plugin instance MkDocs keeps between rebuilds.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from mkdocs.exceptions import Abort, PluginError

from fonds.cli import main
from fonds.plugin_search import install_bundles
from fonds.plugin_serve import BackgroundIndex
from fonds.reading import cache

from .conftest import EXAMPLE_AS_OF, REPO
from .serve_session import Served, assert_same_site, clean_build

EDITED = "catalogue/records/finance/FIN-2019-001.yml"


def variant(text: str, record_id: str) -> str:
    """Another record like this one (its own id, no barcode)."""
    lines = [line for line in text.splitlines() if not line.startswith("barcode:")]
    return "\n".join(lines).replace("id: FIN-2019-001", f"id: {record_id}") + "\n"


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the example repository (its docs, Material's search, strict), files read
    at once trusted by the cache (they were written a moment ago)."""
    root = tmp_path / "repo"
    for name in ("catalogue", "schedules", "docs"):
        shutil.copytree(REPO / name, root / name)
    for name in ("fonds.yml", "mkdocs.yml"):
        shutil.copy(REPO / name, root / name)
    monkeypatch.setenv("FONDS_AS_OF", EXAMPLE_AS_OF)
    monkeypatch.delenv("FONDS_AUDIENCE", raising=False)
    monkeypatch.setattr(cache, "RACY_NS", 0)
    return root


def test_a_chain_of_record_edits_serves_what_a_clean_build_writes(example: Path, tmp_path: Path) -> None:
    served = Served(example, tmp_path / "served")
    step = iter(range(100))

    def check() -> None:
        assert_same_site(served.site, clean_build(example, tmp_path / f"clean-{next(step)}"))

    try:
        served.build()
        check()
        served.build()  # nothing changed
        assert served.plugin.serve is not None and served.plugin.serve.skipped > 100
        check()

        record = example / EDITED
        text = record.read_text()
        record.write_text(text.replace("title: ", "title: Edited ", 1))
        served.build()
        state = served.plugin.serve
        assert state is not None and state.cache.reused > 100 and state.skipped > 100
        assert "Edited" in (served.site / "records/FIN-2019-001/index.html").read_text()
        check()

        added = record.with_name("FIN-2019-900.yml")
        added.write_text(variant(text, "FIN-2019-900"))
        served.build()
        assert (served.site / "records/FIN-2019-900/index.html").is_file()
        check()

        renamed = record.with_name("FIN-2019-901.yml")
        added.rename(renamed)
        renamed.write_text(variant(text, "FIN-2019-901"))
        served.build()
        assert not (served.site / "records/FIN-2019-900").exists()
        check()

        record.unlink()
        served.build()
        assert not (served.site / "records/FIN-2019-001").exists()
        check()

        renamed.write_text(text.replace("class: ", "class: NO-SUCH-CLASS\nx_: ", 1))
        with pytest.raises((Abort, PluginError)):  # strict: an error stops the build
            served.build()
        renamed.write_text(variant(text, "FIN-2019-901"))
        served.build()
        check()
    finally:
        served.close()


def test_a_changed_file_plan_or_audience_rebuilds_everything(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served = Served(example, tmp_path / "served")
    try:
        served.build()
        plan = example / "catalogue/file-plan.yml"
        plan.write_text(plan.read_text().replace("title: ", "title: Renamed ", 1))
        served.build()
        assert_same_site(served.site, clean_build(example, tmp_path / "clean-plan"))

        monkeypatch.setenv("FONDS_AUDIENCE", "internal")
        served.build()
        state = served.plugin.serve
        assert state is not None and state.skipped == 0
        assert_same_site(served.site, clean_build(example, tmp_path / "clean-staff"))

        monkeypatch.delenv("FONDS_AUDIENCE")
        served.build()  # back to the public: nothing of the staff site may stay
        assert_same_site(served.site, clean_build(example, tmp_path / "clean-public"))
    finally:
        served.close()


def _fake_index(text: str, gate: threading.Event | None = None) -> Callable[[str], None]:
    """An indexer that writes one bundle file, after ``gate`` opens (a slow Pagefind run)."""

    def build(output: str) -> None:
        if gate is not None:
            gate.wait(60)
        (Path(output) / "pagefind").mkdir()
        (Path(output) / "pagefind" / "pagefind.js").write_text(text)

    return build


def test_the_search_index_of_a_served_site_follows_in_the_background(tmp_path: Path) -> None:
    """The page is served when the build ends; Pagefind's index replaces the old one only
    once it is complete, and an index overtaken by a newer build never replaces anything."""
    site = tmp_path / "site"
    (site / "pagefind").mkdir(parents=True)
    (site / "pagefind" / "pagefind.js").write_text("old")
    (site / "pagefind-1").mkdir()  # a bundle of the previous build that this one no longer has
    install = partial(install_bundles, site_dir=site)
    indexer = BackgroundIndex()
    indexer.start(_fake_index("new"), install, str(site))
    indexer.wait(60)
    assert (site / "pagefind" / "pagefind.js").read_text() == "new"
    assert not (site / "pagefind-1").exists(), "a bundle of the previous build was left"

    gate = threading.Event()
    indexer.start(_fake_index("overtaken", gate), install, str(site))
    indexer.cancel()  # a newer build began
    gate.set()
    indexer.wait(60)
    assert (site / "pagefind" / "pagefind.js").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"], "no index left beside the site"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--audience", "nope"], "audience level 'nope' is not one of the levels"),
        (["--dev-addr", "nothere:xx"], "dev_addr"),
    ],
)
def test_fonds_serve_names_a_usage_error_and_starts_no_server(
    example: Path, args: list[str], said: str
) -> None:
    """As for fonds build: an audience the catalogue lacks or a bad address is exit 2, said
    once, with nothing served and nothing written to the catalogue."""
    before = sorted(p.relative_to(example) for p in example.rglob("*"))
    result = CliRunner().invoke(main, ["serve", "--root", str(example), *args], catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert said in result.output
    assert "Traceback" not in result.output
    assert sorted(p.relative_to(example) for p in example.rglob("*")) == before


def test_fonds_serve_runs_mkdocs_serve_dirty_for_the_audience(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[dict[str, Any], str | None]] = []

    def serve(**options: Any) -> None:
        calls.append((options, os.environ.get("FONDS_AUDIENCE")))

    monkeypatch.setattr("mkdocs.commands.serve.serve", serve)
    runner = CliRunner()
    args = ["serve", "--root", str(example), "--audience", "internal", "--dev-addr", "127.0.0.1:8123"]
    result = runner.invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["serve", "--root", str(example), "--full"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert calls == [
        (
            {"config_file": str(example / "mkdocs.yml"), "build_type": "dirty", "dev_addr": "127.0.0.1:8123"},
            "internal",
        ),
        ({"config_file": str(example / "mkdocs.yml"), "build_type": None}, None),
    ]
    assert "FONDS_AUDIENCE" not in os.environ


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize("audience", [None, "internal"])
def test_edits_that_reach_other_pages_serve_what_a_clean_build_writes(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, audience: str | None
) -> None:
    """Edits whose effect goes beyond the record's own page (``site.dependencies`` remakes the
    pages that read it): a title on a related record's page and its class and index pages, a
    record moved to another class, a relation added, a record under a hold, a record raised
    to a level the audience may not see (gone from every page and the search index at once)."""
    if audience:
        monkeypatch.setenv("FONDS_AUDIENCE", audience)
    records = example / "catalogue/records"
    original, copy = records / "finance/FIN-2021-007.yml", records / "finance/FIN-2021-005.yml"
    held = records / "contracts/CON-2023-001.yml"
    served = Served(example, tmp_path / "served")
    step = iter(range(100))
    skipped: list[int] = []
    try:
        served.build()
        for path, old, new in [
            (original, "title: Accounts", "title: Zebra accounts"),
            (copy, "class: FIN-01-02", "class: FIN-01-01"),
            (held, "relations:\n", "relations:\n  - type: related-to\n    target: FIN-2021-007\n"),
            (held, "title: ", "title: Amended "),
            (original, "class: FIN-01-01", "class: FIN-01-01\nsecurity:\n  level: secret"),
        ]:
            _replace(path, old, new)
            served.build()
            state = served.plugin.serve
            assert state is not None
            skipped.append(state.skipped)
            assert_same_site(served.site, clean_build(example, tmp_path / f"clean-{next(step)}"))
        assert all(n > 0 for n in skipped[:4]), skipped  # only what changed was written
        leaked = [p for p in served.site.rglob("*") if p.is_file() and b"FIN-2021-007" in p.read_bytes()]
        assert leaked == [], "a record raised out of the audience is still named"
    finally:
        served.close()
