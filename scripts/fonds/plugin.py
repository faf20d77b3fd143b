"""The MkDocs adapter: ``plugins: [fonds]`` in mkdocs.yml.

It reads and checks the catalogue once per build, turns problems into MkDocs warnings (so
``mkdocs build --strict`` fails on them, each with file and line), generates every catalogue
page in memory (nothing is written into docs/), publishes the JSON Schemas under
``schemas/``, watches the catalogue while ``mkdocs serve`` runs, and switches search to
Pagefind for large catalogues. The pages themselves come from ``fonds.site``, which knows
nothing of MkDocs.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from . import schemas
from .access import lowest_level
from .audience import AudienceError, filter_for_audience, hidden_names, visible_problems
from .checks import check_repository
from .dates import parse_date
from .diagnostics import Severity
from .history import recent_changes
from .loader import CONFIG_FILE, ConfigError
from .site import SiteFiles, build_pages
from .site.html import esc

log = logging.getLogger("mkdocs.plugins.fonds")

ASSETS = ("fonds.css", "fonds.js")


class FondsPluginConfig(Config):
    root = config_options.Type(str, default=".")
    """The catalogue repository, relative to mkdocs.yml."""
    as_of = config_options.Optional(config_options.Type(str))
    """The day retention states are computed for (YYYY-MM-DD); default today. Env: FONDS_AS_OF."""
    search = config_options.Choice(("auto", "lunr", "pagefind"), default="auto")
    """Material's built-in search, Pagefind, or Pagefind above ``pagefind_threshold`` records."""
    pagefind_threshold = config_options.Type(int, default=5000)
    audience = config_options.Optional(config_options.Type(str))
    """The security level the site is published for; default the lowest (public). Env: FONDS_AUDIENCE."""
    audience_caveats = config_options.Type(list, default=[])
    """Caveats the audience holds (records with other caveats are left out). Env: FONDS_AUDIENCE_CAVEATS."""


class FondsPlugin(BasePlugin[FondsPluginConfig]):
    site: SiteFiles | None = None
    use_pagefind = False
    generated: frozenset[str] = frozenset()
    hidden_names: frozenset[str] = frozenset()
    audience = ""
    levels: tuple[str, ...] = ()

    def on_config(self, config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
        self.root = (Path(config.config_file_path or ".").parent / self.config.root).resolve()
        as_of = self._as_of()
        try:
            catalogue, diagnostics = check_repository(self.root)
        except ConfigError as exc:
            raise PluginError(exc.diagnostic.render()) from exc
        errors = [d for d in diagnostics if d.severity is Severity.ERROR]
        for diagnostic in diagnostics:
            (log.warning if diagnostic.severity is Severity.ERROR else log.info)(diagnostic.render())
        if errors and config.strict:
            # Check first, then build: no page is made from a catalogue with errors.
            raise PluginError(
                f"fonds: the catalogue has {len(errors)} errors (listed above); fix them and build again"
            )
        level = os.environ.get("FONDS_AUDIENCE") or self.config.audience
        env_caveats = os.environ.get("FONDS_AUDIENCE_CAVEATS")
        caveats = frozenset(env_caveats.split(",") if env_caveats else self.config.audience_caveats)
        try:
            # The one place where what this audience may not see leaves the model: every page,
            # index, search entry, download and count below is made from ``shown``.
            shown = filter_for_audience(catalogue, level, caveats)
        except AudienceError as exc:
            raise PluginError(f"fonds: {exc}") from exc
        log.info(
            f"fonds: {len(catalogue.records)} records checked; {len(shown.records)} published for the "
            f"audience '{level or lowest_level(catalogue.access)}'"
        )
        problems = visible_problems(diagnostics, catalogue, shown)
        self.audience = level or lowest_level(catalogue.access)
        self.levels = catalogue.access.levels
        self.hidden_names = hidden_names(catalogue, shown)
        catalogue = shown
        records = len(catalogue.records)
        self.use_pagefind = self.config.search == "pagefind" or (
            self.config.search == "auto" and records > self.config.pagefind_threshold
        )
        if self.use_pagefind:
            _disable_search_plugin(config)
        self.site = build_pages(
            catalogue,
            as_of,
            problems=problems,
            changes=recent_changes(self.root),
            directory_urls=config.use_directory_urls,
        )
        config.extra_css.append("assets/fonds/fonds.css")
        config.extra_javascript.append("assets/fonds/fonds.js")
        return config

    def _as_of(self) -> date:
        text = os.environ.get("FONDS_AS_OF") or self.config.as_of
        if not text:
            return date.today()
        parsed = parse_date(text)
        if parsed is None:
            raise PluginError(f"fonds: as_of {text!r} is not a real date written YYYY-MM-DD")
        return parsed

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.site is not None
        taken = {file.src_uri for file in files}
        generated = [(page.src, page.markdown()) for page in self.site.pages]
        self.generated = frozenset(src for src, _ in generated)
        if self.use_pagefind:
            generated.append(("search.md", _pagefind_page()))
        clashes = sorted(src for src, _ in generated if src in taken)
        if clashes:
            raise PluginError(
                f"fonds: docs/ has files where catalogue pages are generated: {', '.join(clashes)}; "
                "rename them (hand-written pages may not use these paths)"
            )
        for src, text in generated:
            files.append(File.generated(config, src, content=text))
        for name, text in self.site.data.items():
            files.append(File.generated(config, name, content=text))
        self.site = None  # MkDocs holds the pages now; one copy is enough for 100k records
        for name in ASSETS:
            text = resources.files(__package__).joinpath(f"site/assets/{name}").read_text("utf-8")
            files.append(File.generated(config, f"assets/fonds/{name}", content=text))
        for name in ("common", *schemas.KINDS):
            files.append(
                File.generated(config, f"schemas/{name}.schema.json", content=schemas.schema_text(name))
            )
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Hand-written pages: publish a page meant for a higher audience as a notice only, and
        warn (failing --strict) when a page names a record this audience may not see."""
        if page.file.src_uri in self.generated:
            return markdown
        wanted = page.meta.get("audience")
        if (
            isinstance(wanted, str)
            and wanted in self.levels
            and (self.levels.index(wanted) > self.levels.index(self.audience))
        ):
            return (
                f"# {esc(page.title or '')}\n\nThis page is published on the catalogue's sites for the "
                f"*{esc(wanted)}* audience and above.\n"
            )
        named = sum(1 for name in self.hidden_names if name in markdown)
        if named:
            log.warning(
                f"fonds: docs/{page.file.src_uri} names {named} record(s) that the '{self.audience}' "
                "audience may not see; the page is published as written. Remove them, or put "
                "'audience: LEVEL' in the page's front matter"
            )
        return markdown

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """With Pagefind, the search page goes into the navigation (Material's search box is off)."""
        search = files.get_file_from_path("search.md") if self.use_pagefind else None
        if search is not None and search.page is not None and search.page not in nav.pages:
            nav.items.insert(1, search.page)
            nav.pages.insert(1, search.page)
        return nav

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        for part in ("catalogue", "schedules", CONFIG_FILE):
            path = self.root / part
            if path.exists():
                server.watch(str(path))
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.use_pagefind:
            return
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", config.site_dir],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise PluginError(f"fonds: Pagefind failed to index the site:\n{result.stdout}{result.stderr}")
        log.info("fonds: Pagefind indexed the site")


def _disable_search_plugin(config: MkDocsConfig) -> None:
    """Switch off Material's search: its index does not scale to large catalogues.

    Removing a plugin from ``config.plugins`` does not unregister its event handlers, so they
    are taken out of every event but ``config``, which is running now (and harmless).
    """
    for name in [n for n in config.plugins if n.split("/")[-1] == "search"]:
        plugin = config.plugins[name]
        for event, handlers in config.plugins.events.items():
            if event != "config":
                handlers[:] = [h for h in handlers if getattr(h, "__self__", None) is not plugin]
        del config.plugins[name]


def _pagefind_page() -> str:
    title = esc("Search the catalogue")
    return (
        f'---\ntitle: "{title}"\n---\n\n'
        '<div class="fonds-page"><h1>Search the catalogue</h1>'
        '<link href="../pagefind/pagefind-ui.css" rel="stylesheet">'
        '<script src="../pagefind/pagefind-ui.js"></script><div id="fonds-search"></div>'
        "<script>window.addEventListener('DOMContentLoaded', function () {"
        "new PagefindUI({element: '#fonds-search', showSubResults: false, showImages: false});});</script>"
        "</div>\n"
    )
