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
import threading
from collections.abc import Sequence
from datetime import date
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, DictLoader, Environment
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from .dates import parse_date
from .diagnostics import Severity
from .plugin_pages import READY_SOURCE, READY_TEMPLATE, ReadyPages, is_bulk_page
from .plugin_search import IndexJob, SearchIndexError, index_site, install_bundles
from .plugin_serve import ServeState
from .plugin_watch import watch_with_events
from .reading import schemas
from .reading.loader import CONFIG_FILE
from .site import PublishError, SiteFiles, publish, unsafe_site_dir
from .site.context import Page as SitePage
from .site.context import page_url
from .site.handwritten import STAFF, hidden_names_in, left_out, page_audience
from .site.navigation import site_nav
from .site.search_index import SHARD_SIZE, SearchDocument, search_documents, search_page, shards
from .site.terms import counted

log = logging.getLogger("mkdocs.plugins.fonds")

ASSETS = ("fonds.css", "fonds.js")
MATERIAL_DEFAULT_FONT = {"text": "Roboto", "code": "Roboto Mono"}
"""Material's ``theme.font`` when mkdocs.yml says nothing (its mkdocs_theme.yml)."""
SEARCH_ASSET = "fonds-search.js"
"""The search page of a Pagefind site (``site/search_index.search_page``)."""


class RefusedError(PluginError):
    """The build cannot run as asked (an unknown audience, an unsafe site folder, no
    fonds.yml): a usage error, exit 2, whichever command ran MkDocs."""


class FondsPluginConfig(Config):
    root = config_options.Type(str, default=".")
    """The catalogue repository, relative to mkdocs.yml."""
    as_of = config_options.Optional(config_options.Type(str))
    """The day retention states are computed for (YYYY-MM-DD); default today. Env: FONDS_AS_OF."""
    search = config_options.Choice(("auto", "lunr", "pagefind"), default="auto")
    """Material's built-in search, Pagefind, or Pagefind above ``pagefind_threshold`` records."""
    pagefind_threshold = config_options.Type(int, default=5000)
    pagefind_shard_size = config_options.Type(int, default=SHARD_SIZE)
    """Records per Pagefind index (bundle): the indexer's memory is set by it."""
    audience = config_options.Optional(config_options.Type(str))
    """The security level the site is published for; default the lowest (public). Env: FONDS_AUDIENCE."""
    audience_caveats = config_options.Type(list, default=[])
    """Caveats the audience holds (records with other caveats are left out). Env: FONDS_AUDIENCE_CAVEATS."""


class FondsPlugin(BasePlugin[FondsPluginConfig]):
    site: SiteFiles | None = None
    use_pagefind = False
    generated: frozenset[str] = frozenset()
    search_documents: Sequence[SearchDocument] = ()
    bodies: dict[str, str]
    """The HTML of each generated page by ``src``: MkDocs gets only its front matter, and
    ``on_page_content`` puts the HTML back, so Python-Markdown never parses it."""
    hidden_names: frozenset[str] = frozenset()
    audience = ""
    staff_level = ""
    levels: tuple[str, ...] = ()
    refused = False
    """The build could not run as asked (an unknown audience, an unsafe site folder, no
    fonds.yml): a usage error, exit 2 from ``fonds build`` (MkDocs turns the exception into
    its own)."""
    serve: ServeState | None = None
    """While ``mkdocs serve`` runs: what the next rebuild can reuse (``plugin_serve``)."""
    indexing: IndexJob | None = None
    """Pagefind, started as soon as the search documents are known (``on_files``)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """MkDocs keeps this plugin between the rebuilds of one ``mkdocs serve`` (and, since it
        has this method, for every build in the process: the state of one build is set anew
        in ``on_config``)."""
        self.serve = ServeState(dirty) if command == "serve" else None

    def on_shutdown(self) -> None:
        if self.serve is not None:
            self.serve.stop()
        self.serve = None

    def on_config(self, config: MkDocsConfig, **kwargs: Any) -> MkDocsConfig:
        self.refused = False
        self._stop_indexing()  # nothing of an earlier build in this process runs on
        if self.serve is not None:
            self.serve.indexer.cancel()  # the index of the previous build is out of date
        self.root = (Path(config.config_file_path or ".").parent / self.config.root).resolve()
        unsafe = unsafe_site_dir(self.root, config.site_dir, config.docs_dir)
        if unsafe is not None:
            self.refused = True
            raise RefusedError(f"fonds: {unsafe}")
        env_caveats = os.environ.get("FONDS_AUDIENCE_CAVEATS")
        try:
            published = publish(
                self.root,
                self._as_of(),
                audience=os.environ.get("FONDS_AUDIENCE") or self.config.audience,
                caveats=env_caveats.split(",") if env_caveats else self.config.audience_caveats,
                strict=bool(config.strict),
                directory_urls=config.use_directory_urls,
                cache=self.serve.cache if self.serve is not None else None,
                memo=self.serve.pages if self.serve is not None else None,
            )
        except PublishError as exc:
            self.refused = True
            raise RefusedError(f"fonds: {exc}") from exc
        for diagnostic in published.diagnostics:
            (log.warning if diagnostic.severity is Severity.ERROR else log.info)(diagnostic.render())
        if published.stop is not None or published.site is None:
            raise PluginError(f"fonds: {published.stop}")
        log.info(
            f"fonds: {counted(published.checked, 'record')} checked; {published.published} published for the "
            f"audience '{published.audience}'"
        )
        self.audience, self.levels = published.audience, published.levels
        self.staff_level = published.staff_level
        if not published.staff:  # the public finding aid: no "edit this page", no repository link
            config.repo_url, config.edit_uri, config.edit_uri_template = None, None, None
        self.hidden_names = published.hidden_names
        self.use_pagefind = self.config.search == "pagefind" or (
            self.config.search == "auto" and published.published > self.config.pagefind_threshold
        )
        if self.use_pagefind:
            _disable_search_plugin(config)
        self.site = published.site
        _no_font_service(config)
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
        removed = self._screen_hand_written(files)
        taken = {file.src_uri for file in files}
        pages: list[SitePage | None] = list(self.site.pages)
        data = self.site.data
        self.site = None  # from here on each page is held once, as MkDocs' file and its body
        self.generated = frozenset(page.src for page in pages if page is not None)
        others: list[tuple[str, str]] = []
        if self.use_pagefind:
            self.search_documents = search_documents(
                [page for page in pages if page is not None],
                partial(page_url, directory_urls=config.use_directory_urls),
            )
            parts = shards(self.search_documents, self.config.pagefind_shard_size)
            others.append(("search.md", search_page(parts, "../" if config.use_directory_urls else "")))
            if self.serve is None:  # the site folder is clean by now, and MkDocs writes no bundle
                self.indexing = IndexJob(partial(self._index, config.site_dir, config, self.search_documents))
        clashes = sorted(src for src in (*self.generated, *(src for src, _ in others)) if src in taken)
        if clashes:
            raise PluginError(
                f"fonds: docs/ has files where catalogue pages are generated: {', '.join(clashes)}; "
                "rename them (hand-written pages may not use these paths)"
            )
        self.bodies = {}
        for at, page in enumerate(pages):
            assert page is not None
            pages[at] = None  # its text is in bodies now: one copy is enough for 100k records
            self.bodies[page.src] = page.html()
            files.append(
                File.generated(
                    config, page.src, content=page.front_matter(), inclusion=InclusionLevel.NOT_IN_NAV
                )
            )
        for src, text in others:
            files.append(File.generated(config, src, content=text, inclusion=InclusionLevel.NOT_IN_NAV))
        for name, text in data.items():
            files.append(File.generated(config, name, content=text))
        for name in (*ASSETS, SEARCH_ASSET) if self.use_pagefind else ASSETS:
            text = resources.files(__package__).joinpath(f"site/assets/{name}").read_text("utf-8")
            files.append(File.generated(config, f"assets/fonds/{name}", content=text))
        for name in ("common", *schemas.KINDS):
            files.append(
                File.generated(config, f"schemas/{name}.schema.json", content=schemas.schema_text(name))
            )
        hand_written = [f.src_uri for f in files.documentation_pages() if f.generated_by is None]
        config.nav = site_nav(config.nav, self.generated, hand_written, removed)
        return files

    def _screen_hand_written(self, files: Files) -> set[str]:
        """Leave out every page marked for a higher audience (nothing of it reaches any output),
        stop on a marking that is not exactly a level, and warn (failing --strict) when a
        page or any other file names a record this audience may not see."""
        removed: set[str] = set()
        problems = []
        for file in list(files):
            if file.generated_by is not None or file.abs_src_path is None or file.inclusion.is_excluded():
                continue
            data = Path(file.abs_src_path).read_bytes()
            where = f"docs/{file.src_uri}"
            if file.is_documentation_page():
                marked = page_audience(data.decode("utf-8", errors="replace"), (*self.levels, STAFF))
                if marked.problem:
                    problems.append(f"{where}:{marked.line}: {marked.problem}")
                    continue
                if left_out(marked.level, self.levels, self.audience, self.staff_level):
                    # Excluded, not removed: a link to it from another page is then no warning
                    # (it points nowhere on this site); nothing of the page is read or built.
                    file.inclusion = InclusionLevel.EXCLUDED
                    removed.add(file.src_uri)
                    continue
            named = self._names_in(file.abs_src_path, data)
            if named:
                log.warning(
                    f"fonds: {where} names {named} record(s) that the '{self.audience}' audience may "
                    "not see; it is published as written. Remove them, or (for a Markdown page) put "
                    "'audience: LEVEL' in its front matter"
                )
        if problems:
            raise PluginError(
                "fonds: hand-written pages whose audience cannot be trusted (nothing was built):\n"
                + "\n".join(problems)
            )
        return removed

    def _names_in(self, path: str, data: bytes) -> int:
        """``hidden_names_in``; while serving, worked out again only for a file or a set of
        names that changed (the theme's files are screened too, at every rebuild)."""
        screened = self.serve.screened if self.serve is not None else None
        earlier = screened.get(path) if screened is not None else None
        if earlier is not None and earlier[0] == data and earlier[1] == self.hidden_names:
            return earlier[2]
        named = hidden_names_in(data, self.hidden_names)
        if screened is not None:
            screened[path] = (data, self.hidden_names, named)
        return named

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """A generated page is one raw HTML block already: it skips Python-Markdown (and the
        cost of setting up its extensions, per page) and gets exactly the HTML that
        Python-Markdown makes of such a block, the line itself. Hand-written pages are untouched."""
        body = self.bodies.get(page.file.src_uri)
        if body is not None:
            page.render = partial(_render_ready, page, body)  # type: ignore[method-assign]
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A record, class, hold or location page goes through the ready-page template (see
        ``plugin_pages``): the theme's own template is rendered once per folder."""
        if page.file.src_uri in self.bodies and is_bulk_page(page.file.src_uri):
            page.meta["template"] = READY_TEMPLATE
        return markdown

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        loaders = [DictLoader({READY_TEMPLATE: READY_SOURCE})]
        env.loader = ChoiceLoader([*loaders, env.loader] if env.loader is not None else loaders)
        if self.serve is not None:
            env.bytecode_cache = self.serve.templates
        self.env = env
        self.ready = ReadyPages(env)
        self.nav_pages: tuple[int, frozenset[int]] = (0, frozenset())
        return env

    @event_priority(-100)  # last: the context is final
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.serve is not None:
            self.serve.page_built(page, config)
        if page.meta.get("template") != READY_TEMPLATE:
            return context
        del page.meta["template"]  # the theme sees the page as it is
        template = self.env.get_template("main.html")
        if self.nav_pages[0] != id(nav):
            self.nav_pages = (id(nav), frozenset(id(item) for item in nav.pages))
        in_nav = id(page) in self.nav_pages[1]
        ready = template.render(context) if in_nav else self.ready.render(template, context, page)
        context["fonds_ready"] = ready  # type: ignore[typeddict-unknown-key]
        return context

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """With Pagefind, the search page goes into the navigation (Material's search box is off)."""
        search = files.get_file_from_path("search.md") if self.use_pagefind else None
        if search is not None and search.page is not None and search.page not in nav.pages:
            nav.items.insert(1, search.page)
            nav.pages.insert(1, search.page)
        if self.serve is not None:
            settings = (self.audience, self.levels, self.staff_level, self.use_pagefind)
            self.serve.plan(config, files, nav, self.generated, self.bodies, settings)
        return nav

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        for part in ("catalogue", "schedules", CONFIG_FILE):
            path = self.root / part
            if path.exists():
                server.watch(str(path))
        watch_with_events(server)  # folders by the system's file events, not by polling
        return server

    def _index(
        self,
        site_dir: str,
        config: MkDocsConfig,
        documents: Sequence[SearchDocument],
        stop: threading.Event | None = None,
    ) -> list[str]:
        language = str(config.theme.get("language") or "en")
        return index_site(site_dir, documents, self.config.pagefind_shard_size, language, stop)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.serve is not None:
            self.serve.finished()
            if self.use_pagefind:  # the server shows the pages now; the index follows
                self.serve.indexer.start(
                    partial(self._index, config=config, documents=self.search_documents), partial(install_bundles, site_dir=config.site_dir),
                    config.site_dir,
                )  # fmt: skip
            return
        if self.indexing is None:
            return
        indexing, self.indexing = self.indexing, None
        try:
            bundles = indexing.result()
        except SearchIndexError as exc:
            raise PluginError(f"fonds: Pagefind failed to index the site:\n{exc}") from exc
        indexed = counted(len(self.search_documents), "record")
        log.info(f"fonds: Pagefind indexed {indexed} in {counted(len(bundles), 'bundle')}")

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build leaves no Pagefind process behind, nor one still writing."""
        self._stop_indexing()

    def _stop_indexing(self) -> None:
        if self.indexing is not None:
            self.indexing.cancel()
            self.indexing = None


def _no_font_service(config: MkDocsConfig) -> None:
    """Material loads its fonts from Google's servers unless told ``font: false``: every reader
    of the catalogue would be announced to a third party, and the site would not be whole
    offline. The system fonts are used instead, unless mkdocs.yml names another font."""
    if config.theme.get("font") == MATERIAL_DEFAULT_FONT:
        config.theme["font"] = False


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


def _render_ready(page: Page, body: str, config: MkDocsConfig, files: Files) -> None:
    """``Page.render`` for a generated page: no headings in the table of contents (Markdown
    puts none there for raw HTML either), the title from the front matter, and no anchors to
    validate links against (MkDocs then skips that check, as for a page it did not render)."""
    page.content = body
    page.toc = get_toc([])
    page.present_anchor_ids = None
