"""A ``mkdocs serve --dirty`` session rebuilt by hand, and a clean build to compare it with.

MkDocs' own ``build`` runs as ``mkdocs serve`` calls it (``serve_url``, ``dirty=True``), with
the one plugin instance MkDocs keeps between rebuilds; the server itself is left out. Used by
``tests/test_serve.py`` and, under ProperDocs' Python (which redirects ``mkdocs`` imports to
itself), by ``tests/project/test_generators.py``: ``python serve_session.py ROOT WORK`` edits a
record of the catalogue at ROOT, rebuilds, and exits 1 unless the served site equals a clean
build.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from fonds.plugin import FondsPlugin

URL = "http://127.0.0.1:8000/"


class Served:
    """One ``mkdocs serve --dirty`` session, rebuilt by hand."""

    def __init__(self, root: Path, site: Path) -> None:
        self.root, self.site = root, site
        self._config().plugins.on_startup(command="serve", dirty=True)

    def _config(self) -> MkDocsConfig:
        config = load_config(config_file=str(self.root / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = URL
        return config

    @property
    def plugin(self) -> FondsPlugin:
        plugin = self._config().plugins["fonds"]
        assert isinstance(plugin, FondsPlugin)
        return plugin

    def build(self) -> None:
        build(self._config(), serve_url=URL, dirty=True)

    def close(self) -> None:
        self._config().plugins.on_shutdown()


def clean_build(root: Path, site: Path) -> Path:
    """What plain ``mkdocs serve`` (or a new server) writes: the site folder emptied, nothing
    reused. MkDocs keeps plugin instances for the whole process: the served session's state
    is put aside meanwhile and given back after."""
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
    config.site_url = URL
    saved = [(plugin, dict(vars(plugin))) for plugin in config.plugins.values()]
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index_prev"):
            plugin.search_index_prev = None
    try:
        config.plugins.on_startup(command="build", dirty=False)
        build(config, serve_url=URL, dirty=False)
        config.plugins.on_shutdown()
    finally:
        for plugin, state in saved:
            vars(plugin).clear()
            vars(plugin).update(state)
    return site


def tree(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()
    }


def assert_same_site(served: Path, clean: Path) -> None:
    got, want = tree(served), tree(clean)
    assert sorted(set(got) - set(want)) == [], "files a clean build does not write"
    assert sorted(set(want) - set(got)) == [], "files missing"
    assert sorted(name for name in want if got[name] != want[name]) == [], "files that differ"
    folders = {p.relative_to(served).as_posix() for p in served.rglob("*") if p.is_dir()}
    assert folders == {p.relative_to(clean).as_posix() for p in clean.rglob("*") if p.is_dir()}


def main(root: Path, work: Path) -> None:
    from fonds.reading import cache

    cache.RACY_NS = 0
    served = Served(root, work / "served")
    try:
        served.build()
        record = sorted((root / "catalogue" / "records").rglob("*.yml"))[0]
        record.write_text(record.read_text().replace("title: ", "title: Edited ", 1))
        served.build()
        state = served.plugin.serve
        assert state is not None and state.skipped > 0, "nothing was left as it was"
        assert_same_site(served.site, clean_build(root, work / "clean"))
    finally:
        served.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
