"""Rebuilding only what changed while ``mkdocs serve --dirty`` (or ``fonds serve``) runs.

MkDocs keeps the plugin between rebuilds of one ``mkdocs serve`` (the plugin has
``on_startup``), so this state lives as long as the server:

- ``cache``: what reading each catalogue file gave (``fonds.reading.cache``); only files
  whose stamp changed are parsed and validated again;
- the previous build: a digest of each generated page's text, a fingerprint of everything
  else that goes into a page's HTML (the whole MkDocs configuration, the hand-written pages,
  the theme's custom folder, the navigation pages' titles, the audience), the files written, and
  the search entries of each page.

With ``--dirty``, MkDocs skips a page whose ``file.is_modified()`` is False, and writes every
generated page otherwise. Here a generated page outside the navigation whose text is the
same as in the previous build, under the same fingerprint, is marked not modified: its HTML
on disk is what a full build would write again. Every other page is built: the navigation
pages, the hand-written pages (their links depend on which pages exist), the changed ones.
Files the previous build wrote and this one does not (a removed record's page) are deleted.
When the fingerprint changed (mkdocs.yml, the audience, a hand-written page), when the
previous build failed, or when a plugin other than fonds and search is configured (it may
collect something from every page), the site folder is emptied and everything is built.

Material's search index is made from the pages that are built; for the pages that are not,
their entries from the previous build are put back, in page order, so the index is the one
a full build writes.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.commands.build import log as build_log
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme
from mkdocs.utils import clean_directory

from .reading.cache import ReadCache
from .site.dependencies import PageMemo
from .site.terms import counted

log = logging.getLogger("mkdocs.plugins.fonds")

_served: Callable[[InclusionLevel], bool] = InclusionLevel.is_in_serve
"""The pages and files ``mkdocs serve`` writes (drafts too; not excluded ones)."""

SAFE_PLUGINS = frozenset({"fonds", "search", "material/search"})
"""Plugins that need no page they do not see: with any other, every page is built."""


@dataclass(frozen=True, slots=True)
class _Build:
    fingerprint: str
    pages: dict[str, bytes]
    """A digest of each generated page's text, by ``src``."""
    written: frozenset[str]
    search: dict[str, list[Any]]
    """Material's search entries of each page, by ``src``."""


class _DirtyNotice(logging.Filter):
    """MkDocs warns that a dirty build "will likely lead to inaccurate navigation", which fails
    every build under ``strict``; with this plugin the pages are exact (or all rebuilt)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


class ServeState:
    """Kept by the plugin while ``mkdocs serve`` runs."""

    def __init__(self, dirty: bool) -> None:
        self.dirty = dirty
        self._notice = _DirtyNotice()
        if dirty:
            build_log.addFilter(self._notice)  # "properdocs.commands.build" under ProperDocs
        self.cache = ReadCache()
        self.pages = PageMemo()
        self.screened: dict[str, tuple[bytes, frozenset[str], int]] = {}
        """Hand-written and theme files by path: their text, the names looked for, how many found."""
        self.indexer = BackgroundIndex()
        self.templates = TemplateCache()
        self._last: _Build | None = None
        self._pending: _Build | None = None
        self._order: list[str] = []
        self._built: set[str] = set()
        self._entries: dict[str, list[Any]] = {}
        self._mark = 0
        self.skipped = 0
        """Pages the last build left as they were."""

    def plan(
        self,
        config: MkDocsConfig,
        files: Files,
        nav: Navigation,
        generated: Collection[str],
        bodies: Mapping[str, str],
        settings: tuple[Any, ...],
    ) -> None:
        """Before any page is read: mark the pages that need no building, delete what this
        build no longer writes (or empty the site folder for a full build)."""
        self.indexer.cancel()  # an index of the site as it was must not replace a newer one
        last, self._last = self._last, None  # committed again only when this build finishes
        self._pending, self.skipped = None, 0
        if not self.dirty:
            return
        pages = list(files.documentation_pages(inclusion=_served))
        in_nav = {id(page.file) for page in nav.pages}
        digests = {f.src_uri: _digest(f, bodies) for f in pages if f.src_uri in generated}
        fingerprint = _fingerprint(config, files, nav, generated, settings)
        others = sorted(name for name in config.plugins if name not in SAFE_PLUGINS)
        incremental = last is not None and last.fingerprint == fingerprint and not others
        if not incremental:
            clean_directory(config.site_dir)
            why = (
                f"other plugins ({', '.join(others)}) may need every page"
                if others
                else "first build, or the last one failed"
                if last is None
                else "the configuration, the audience or a hand-written page changed"
            )
            log.info(f"fonds: building every page ({why})")
        for file in pages:
            same = (
                incremental
                and last is not None
                and id(file) not in in_nav
                and file.src_uri in digests
                and last.pages.get(file.src_uri) == digests[file.src_uri]
            )
            file.is_modified = _unchanged if same else _changed  # type: ignore[method-assign]
            self.skipped += same
        written = frozenset(f.abs_dest_path for f in files if _served(f.inclusion))
        if incremental and last is not None:
            _delete(last.written - written, config.site_dir)
        self._order = [f.src_uri for f in pages]
        self._built = {f.src_uri for f in pages if f.is_modified()}
        if incremental:
            log.info(f"fonds: {counted(len(self._built), 'page')} to build, {self.skipped} unchanged")
        self._entries, self._mark = {}, 0
        search = last.search if incremental and last is not None else {}
        self._pending = _Build(fingerprint, digests, written, search)

    def page_built(self, page: Page, config: MkDocsConfig) -> None:
        """After the search plugin saw ``page``: keep its entries; after the last page is
        built, give the search plugin the entries of every page, in page order."""
        plugin = _search_plugin(config)
        if plugin is None or self._pending is None:
            return
        entries = plugin.search_index.entries
        src = page.file.src_uri
        self._entries[src] = entries[self._mark :]
        self._mark = len(entries)
        self._built.discard(src)
        if self._built:
            return
        kept = self._pending.search
        every = {
            src: self._entries[src] if src in self._entries else kept.get(src, []) for src in self._order
        }
        entries[:] = [entry for src in self._order for entry in every[src]]
        self._mark = len(entries)
        plugin.search_index_prev = None  # the plugin's own merge assumes one page changed
        self._pending = _Build(self._pending.fingerprint, self._pending.pages, self._pending.written, every)

    def finished(self) -> None:
        """The build wrote everything: the next one can start from it."""
        self._last, self._pending = self._pending, None

    def stop(self) -> None:
        self.indexer.cancel()
        self.indexer.wait(10)  # its temporary folder goes before the process ends
        build_log.removeFilter(self._notice)


def _changed() -> bool:
    return True


def _unchanged() -> bool:
    return False


def _digest(file: File, bodies: Mapping[str, str]) -> bytes:
    text = file.content_string + "\0" + bodies.get(file.src_uri, "")
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _search_plugin(config: MkDocsConfig) -> Any:
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and getattr(plugin, "search_index", None) is not None:
            return plugin
    return None


def _fingerprint(
    config: MkDocsConfig,
    files: Files,
    nav: Navigation,
    generated: Collection[str],
    settings: tuple[Any, ...],
) -> str:
    """Everything besides a generated page's own text that goes into its HTML."""
    h = hashlib.blake2b(digest_size=16)
    h.update(repr(_stable(dict(config))).encode("utf-8", "surrogatepass"))
    h.update(repr(settings).encode("utf-8", "surrogatepass"))
    for page in nav.pages:
        # What of a navigation page is in every page: its title (a generated page's comes from
        # its front matter); its text is only in its own page, which is always built.
        h.update(f"\0nav {page.file.src_uri} {page.title!r}".encode("utf-8", "surrogatepass"))
        if page.file.src_uri in generated:
            h.update(page.file.content_string.encode("utf-8", "surrogatepass"))
    for file in files:
        if file.generated_by is None and file.abs_src_path is not None and file.is_documentation_page():
            h.update(f"\0page {file.src_uri}\0".encode("utf-8", "surrogatepass"))
            h.update(Path(file.abs_src_path).read_bytes())
    for entry in _theme_files(config.theme):
        h.update(entry.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _theme_files(theme: Theme) -> Iterator[str]:
    """The theme's custom folder (template overrides): names, sizes and times."""
    folder = getattr(theme, "custom_dir", None)
    if not folder or not os.path.isdir(folder):
        return
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            info = os.stat(path)
            yield f"\0theme {path} {info.st_size} {info.st_mtime_ns}"


def _stable(value: Any) -> Any:
    """``value`` as plain data for comparison: a configuration read again gives the same
    data. An object without a readable form compares by its ``repr``, which names its
    address: it then differs in every build, and everything is built (never too little)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Theme):
        return ("theme", tuple(value.dirs), sorted(value.static_templates), _stable(dict(value)))
    if isinstance(value, BasePlugin):
        return ("plugin", type(value).__module__, type(value).__qualname__, _stable(value.config))
    if isinstance(value, Mapping):
        return tuple((repr(key), _stable(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(_stable(item) for item in value)
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(repr(_stable(item)) for item in value))
    return repr(value)


def _delete(paths: Collection[str], site_dir: str) -> None:
    """Remove files an earlier build wrote (only inside the site folder), and the folders
    that leaves empty."""
    base = os.path.realpath(site_dir)
    for path in sorted(paths):
        real = os.path.realpath(path)
        if not real.startswith(base + os.sep) or not os.path.isfile(real):
            continue
        os.remove(real)
        folder = os.path.dirname(real)
        while folder != base and folder.startswith(base + os.sep) and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)


class TemplateCache(BytecodeCache):
    """The theme's templates compiled once per server, not once per rebuild (MkDocs makes a
    new Jinja environment each time). Jinja checks each against its source's checksum."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class BackgroundIndex:
    """Pagefind for a served site, run after the build instead of inside it: the server shows
    the rebuilt pages at once (it waits for the build to finish), and the search index follows
    when Pagefind is done. It is written beside the site folder and moved in when complete; a
    run that a newer build overtook is thrown away."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation = 0
        self._threads: list[threading.Thread] = []

    def start(self, build: Callable[[str], object], install: Callable[[str], object], site_dir: str) -> None:
        """``build(TEMP)`` writes the index into a new folder beside the site; then, unless a
        newer build began meanwhile, ``install(TEMP)`` moves it into the site."""
        with self._lock:
            generation = self._generation
        output = tempfile.mkdtemp(prefix=".fonds-pagefind-", dir=os.path.dirname(os.path.abspath(site_dir)))
        thread = threading.Thread(target=self._run, args=(build, install, output, generation), daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def wait(self, timeout: float) -> None:
        """Until the runs started so far are over (or ``timeout`` seconds each)."""
        for thread in self._threads:
            thread.join(timeout)

    def cancel(self) -> None:
        with self._lock:
            self._generation += 1

    def _current(self, generation: int) -> bool:
        with self._lock:
            return generation == self._generation

    def _run(
        self, build: Callable[[str], object], install: Callable[[str], object], output: str, generation: int
    ) -> None:
        try:
            if not self._current(generation):
                return
            try:
                build(output)
            except (OSError, RuntimeError) as exc:  # SearchIndexError is a RuntimeError
                log.warning(f"fonds: Pagefind failed to index the site:\n{exc}")
                return
            with self._lock:
                if generation != self._generation:
                    return
                install(output)
            log.info("fonds: Pagefind indexed the site")
        finally:
            shutil.rmtree(output, ignore_errors=True)
